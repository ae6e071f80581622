// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "kernel/fixes.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Fix sets as the reports name them: "baseline", one catalogue name, or
// several joined by '+' ("sleeping-lock+pincount-only"). The matrix, the
// comparison and the command line all go through here so that they accept
// and print the same names.
namespace fl {

struct ParsedFixSet
{
    FixSet set;
    std::vector<std::string> names; // the parts, for BuildOptions::fixes ("baseline" alone)
    std::string label; // canonical text: FixSet::describe()
    std::string error; // empty when the set is usable
    bool unknownName = false; // error is an unknown name (bad input), not a conflict
};

// Parses "a+b+c" like fl::parseFixSet (kernel/fixes.h), keeping the parts
// for BuildOptions and telling an unknown name (bad input) from a conflict
// (a combination that does not exist, which a matrix skips).
ParsedFixSet parseFixSetNames(std::string_view text);

// "baseline", each catalogue fix alone in catalogue order, then the
// combinations the thread discussed (fl::fixCombinations()).
std::vector<std::string> defaultFixSets();

// The fix set of kernel `version` (fl::kernelPresets()), or nullopt.
std::optional<std::string> kernelFixSet(std::string_view version);
// "6.14, 6.15, 7.0": for messages.
std::string kernelVersionList();

} // namespace fl
