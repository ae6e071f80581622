// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "kernel/fixes.h"
#include "kernel/program.h"

#include <vector>

// What a fix set changes, as the step-level diff of every listing it touches:
// the shape of the patch on the list, in our steps. The GUI's fix panel and
// `foliolab fixes` show it.
namespace fl {

enum class DiffOp : std::uint8_t { Same, Removed, Added };

struct DiffLine {
    DiffOp op;
    StepId step;
};

struct ListingDiff {
    ListingId listing;
    std::string_view function; // of the changed side when the function differs
    std::string_view file;
    std::vector<DiffLine> lines; // whole listing, in order: context plus changes
};

// Listings whose steps differ between `from` and `to`, in ListingId order.
// A listing that only one side uses appears as all-added or all-removed.
std::vector<ListingDiff> listingDiff(const FixSet &from, const FixSet &to);

} // namespace fl
