// SPDX-License-Identifier: GPL-2.0-only
#include "kernel/listing_diff.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace fl;

namespace {

std::vector<StepId> sideOf(const ListingDiff &d, DiffOp keep)
{
    std::vector<StepId> out;
    for (const DiffLine &l : d.lines)
        if (l.op == DiffOp::Same || l.op == keep)
            out.push_back(l.step);
    return out;
}

} // namespace

TEST(ListingDiff, BaselineAgainstItselfIsEmpty)
{
    EXPECT_TRUE(listingDiff(FixSet{}, FixSet{}).empty());
}

TEST(ListingDiff, MergedFixChangesOnlyTheTrylockFailureBranch)
{
    FixSet merged;
    merged.add(Fix::WaitOnUnlock);
    const auto diffs = listingDiff(FixSet{}, merged);
    ASSERT_EQ(diffs.size(), 1u);
    EXPECT_EQ(diffs[0].listing, ListingId::DoSwapPage);
    EXPECT_EQ(diffs[0].function, "do_swap_page");
    std::vector<StepId> removed, added;
    for (const DiffLine &l : diffs[0].lines) {
        if (l.op == DiffOp::Removed)
            removed.push_back(l.step);
        if (l.op == DiffOp::Added)
            added.push_back(l.step);
    }
    EXPECT_EQ(removed, std::vector<StepId>{StepId::SwapUnlockReturn});
    EXPECT_EQ(added, (std::vector<StepId>{StepId::SwapWaitUnlocked, StepId::SwapWaitReturn}));
}

// Within a change, removed steps come before the added ones (diff's order).
TEST(ListingDiff, RemovalsComeBeforeAdditions)
{
    FixSet merged;
    merged.add(Fix::WaitOnUnlock);
    const auto lines = listingDiff(FixSet{}, merged).at(0).lines;
    const auto firstAdded = std::find_if(lines.begin(), lines.end(),
                                         [](const DiffLine &l) { return l.op == DiffOp::Added; });
    const auto firstRemoved = std::find_if(
        lines.begin(), lines.end(), [](const DiffLine &l) { return l.op == DiffOp::Removed; });
    EXPECT_LT(firstRemoved - lines.begin(), firstAdded - lines.begin());
}

// Reading either side of every diff gives back that side's listing, for every
// single fix of the catalogue: the diff loses nothing and invents nothing.
TEST(ListingDiff, EachSideReconstructsItsListing)
{
    for (const FixInfo &info : fixCatalogue()) {
        FixSet to;
        to.add(info.fix);
        const Program before{FixSet{}}, after{to};
        for (const ListingDiff &d : listingDiff(FixSet{}, to)) {
            EXPECT_EQ(sideOf(d, DiffOp::Removed), before.listing(d.listing).steps) << info.name;
            EXPECT_EQ(sideOf(d, DiffOp::Added), after.listing(d.listing).steps) << info.name;
        }
    }
}
