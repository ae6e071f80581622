// SPDX-License-Identifier: GPL-2.0-only
#include "report/fix_sets.h"

#include <algorithm>

namespace fl {

ParsedFixSet parseFixSetNames(std::string_view text)
{
    ParsedFixSet out;
    std::size_t begin = 0;
    for (;;) {
        const std::size_t plus = text.find('+', begin);
        const std::string_view part
                = text.substr(begin, plus == std::string_view::npos ? plus : plus - begin);
        if (part.empty()) {
            out.error = "empty fix name in '" + std::string(text)
                    + "'; expected names joined by '+', e.g. baseline or "
                      "wait-on-unlock";
            out.unknownName = true;
            return out;
        }
        if (!isFixName(part)) {
            // addFixByName words the message and lists the valid names.
            out.error = addFixByName(out.set, part);
            out.unknownName = true;
            return out;
        }
        // As the scenario file's 'fixes' refuses a fix listed twice.
        if (std::find(out.names.begin(), out.names.end(), part) != out.names.end()) {
            out.error = "fix '" + std::string(part) + "' is given twice in '" + std::string(text)
                    + "'; expected each fix once";
            return out;
        }
        if (std::string problem = addFixByName(out.set, part); !problem.empty()) {
            out.error = std::move(problem);
            return out;
        }
        out.names.emplace_back(part);
        if (plus == std::string_view::npos)
            break;
        begin = plus + 1;
    }
    out.label = out.set.describe();
    return out;
}

std::vector<std::string> defaultFixSets()
{
    std::vector<std::string> sets {"baseline"};
    for (const FixInfo &info : fixCatalogue())
        sets.emplace_back(info.name);
    for (std::string_view combination : fixCombinations())
        sets.emplace_back(combination);
    return sets;
}

std::optional<std::string> kernelFixSet(std::string_view version)
{
    if (const KernelPreset *preset = kernelPreset(version))
        return std::string(preset->fixes);
    return std::nullopt;
}

std::string kernelVersionList()
{
    std::string out;
    for (const KernelPreset &p : kernelPresets()) {
        if (!out.empty())
            out += ", ";
        out += p.version;
    }
    return out;
}

} // namespace fl
