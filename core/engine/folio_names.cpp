// SPDX-License-Identifier: GPL-2.0-only
#include "engine/folio_names.h"

#include "engine/setup.h"
#include "model/machine.h"

#include <algorithm>
#include <cctype>

namespace fl {

std::uint32_t FolioLives::allocatedMask(const Machine &m)
{
    std::uint32_t mask = 0;
    for (int f = 0; f < m.folioCount; ++f)
        if (m.folios[f].allocated)
            mask |= 1u << f;
    return mask;
}

void FolioLives::countAllocations(std::uint32_t before, const Machine &after)
{
    const std::uint32_t now = allocatedMask(after);
    const std::uint32_t fresh = now & ~before;
    if (fresh == 0)
        return;
    for (int f = 0; f < after.folioCount; ++f)
        if ((fresh & (1u << f)) && count[f] < 0xffff)
            ++count[f];
}

std::string folioName(const Setup &setup, FolioId f)
{
    if (f < MaxFolios && !setup.folioNames[f].empty())
        return setup.folioNames[f];
    return "folio" + std::to_string(f);
}

static bool taken(const Setup &setup, const std::string &name)
{
    auto in = [&name](const auto &names) {
        return std::find(names.begin(), names.end(), name) != names.end();
    };
    return in(setup.folioNames) || in(setup.taskNames) || in(setup.mmNames) || in(setup.gpuNames);
}

std::string folioName(const Setup &setup, const FolioLives *lives, FolioId f)
{
    const std::string base = folioName(setup, f);
    if (!lives || f >= MaxFolios || lives->count[f] <= 1)
        return base;
    const std::string life = std::to_string(lives->count[f]);
    // "S" -> "S2"; "R1" -> "R1-2" (R12 would read as a twelfth R).
    const bool endsInDigit = std::isdigit(static_cast<unsigned char>(base.back())) != 0;
    std::string name = endsInDigit ? base + "-" + life : base + life;
    if (taken(setup, name))
        name = base + "-" + life;
    while (taken(setup, name))
        name += '\'';
    return name;
}

} // namespace fl
