// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "model/ids.h"

#include <array>
#include <cstdint>
#include <string>

namespace fl {

struct Machine;
struct Setup;

// How often each folio slot has been allocated in a run. The model reuses
// slots: a page freed and allocated again is another page in the old slot,
// and must not be read as the old one (the RAM page D migrates into is not
// S, though it takes S's slot). Kept beside the machine, like the clocks: it
// names things and decides nothing, so it is no part of a state's identity.
struct FolioLives {
    // Allocations of each slot so far; a slot allocated at the start counts 1.
    std::array<std::uint16_t, MaxFolios> count{};

    // The live-slot bitmask of `m` (bit f: folio f is allocated).
    static std::uint32_t allocatedMask(const Machine &m);
    // Counts the slots allocated between `before` (a mask) and `after`.
    void countAllocations(std::uint32_t before, const Machine &after);
    bool operator==(const FolioLives &) const = default;
};

// The folio's name as the scenario gives it ("S").
std::string folioName(const Setup &setup, FolioId f);
// The name of the page in slot `f` now: the scenario's name for the slot's
// first page, a fresh one for each later page ("S2", "S3"; "R1-2" when the
// name ends in a digit; never another name of the setup). `lives` null: the
// scenario's name.
std::string folioName(const Setup &setup, const FolioLives *lives, FolioId f);

} // namespace fl
