// SPDX-License-Identifier: GPL-2.0-only
#include "kernel/listing_diff.h"

#include <algorithm>

namespace fl {

// Longest common subsequence on step ids: listings are a few dozen steps, so
// the quadratic table is cheaper than anything clever.
static std::vector<DiffLine> diffSteps(const std::vector<StepId> &a, const std::vector<StepId> &b)
{
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::uint16_t>> lcs(n + 1, std::vector<std::uint16_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[i][j] = a[i] == b[j] ? static_cast<std::uint16_t>(lcs[i + 1][j + 1] + 1)
                                     : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::vector<DiffLine> out;
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            out.push_back({DiffOp::Same, a[i]});
            ++i;
            ++j;
        } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
            out.push_back({DiffOp::Removed, a[i++]}); // removals first, as diff prints them
        } else {
            out.push_back({DiffOp::Added, b[j++]});
        }
    }
    return out;
}

std::vector<ListingDiff> listingDiff(const FixSet &from, const FixSet &to)
{
    const Program before(from), after(to);
    std::vector<ListingDiff> diffs;
    for (std::size_t id = 0; id < static_cast<std::size_t>(ListingId::Count); ++id) {
        const Listing &a = before.listing(static_cast<std::uint8_t>(id));
        const Listing &b = after.listing(static_cast<std::uint8_t>(id));
        if (a.steps == b.steps)
            continue;
        const Listing &named = b.steps.empty() ? a : b;
        diffs.push_back({static_cast<ListingId>(id), named.function, named.file,
                         diffSteps(a.steps, b.steps)});
    }
    return diffs;
}

} // namespace fl
