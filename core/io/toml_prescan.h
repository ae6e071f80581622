// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <string>
#include <string_view>

// A cheap pass over TOML text before toml++ sees it. Debian's toml++ 3.3
// recurses once per part of a dotted key or table header with no limit, so
// a header of some 40 000 parts (an 80 KB file) overflows the stack. No
// FolioLab file needs more than a handful of parts or nesting levels.
namespace fl {

inline constexpr int MaxTomlKeyParts = 64;
inline constexpr int MaxTomlNesting = 64; // arrays and inline tables

// Throws ScenarioError at the offending position ("FILE:LINE:COL: error:
// ...") when a key has more than MaxTomlKeyParts parts or values nest
// deeper than MaxTomlNesting. Anything else is left to the parser.
void checkTomlShape(std::string_view text, const std::string &sourceName);

} // namespace fl
