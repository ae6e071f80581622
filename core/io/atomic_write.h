// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <string>
#include <string_view>

namespace fl {

// Writes `text` to `path` so that a reader sees the old file or the new one,
// never a part: to a temporary file beside it, then rename(). Throws
// ScenarioError naming `path` when it cannot.
void writeFileAtomically(const std::string &path, std::string_view text);

} // namespace fl
