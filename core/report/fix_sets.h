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

// Parses "a+b+c". An unknown part sets unknownName; a part that
// addFixByName() refuses next to the others (a conflict) sets only error.
ParsedFixSet parseFixSet(std::string_view text);

// "baseline" followed by each catalogue fix alone, in catalogue order; then
// the catalogue's own combinations when it offers any.
std::vector<std::string> defaultFixSets();

// Kernel releases as fix sets: 6.14 = pre-trylock (before 1afaeb8293c9),
// 6.15 = baseline (the trylock spin), 7.0 = wait-on-unlock (b570f37a2ce4).
struct KernelPreset
{
    std::string_view version;
    std::string_view fixSet;
};
const std::vector<KernelPreset> &kernelPresets();
// The fix set of `version`, or nullopt when no preset has that version.
std::optional<std::string> kernelFixSet(std::string_view version);
// "6.14, 6.15, 7.0": for messages.
std::string kernelVersionList();

} // namespace fl
