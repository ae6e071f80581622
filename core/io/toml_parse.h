// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>

// Internal to the core (it includes toml++): the first steps every TOML
// reader of FolioLab's own files shares, so each reports a bad file the same
// way ("FILE:LINE:COL: error: ..." as a ScenarioError).
namespace fl {

// checkTomlShape(), then toml++'s parse; a syntax error is thrown at its
// position.
toml::table parseTomlText(std::string_view text, const std::string &sourceName);

// Throws ScenarioError at the start of `where`.
[[noreturn]] void failAt(
        const std::string &file, const toml::source_region &where, const std::string &message);

} // namespace fl
