// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <toml++/toml.h>

#include <string>
#include <vector>

// Words the TOML readers (scenarios, lessons) put into their error messages.
namespace fl {

// "a, b, c".
std::string joined(const std::vector<std::string> &items);
// "an integer", "a table", ... for what a node holds.
std::string typeName(const toml::node &node);

} // namespace fl
