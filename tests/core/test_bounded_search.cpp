// SPDX-License-Identifier: GPL-2.0-only
// Issue 16, fix 2: a search stopped by a bound leaves edges to states that
// were never expanded; the fair-cycle check must answer on the expanded part
// only (it read past its arrays: ASan heap-buffer-overflow). These tests run
// in the sanitizer build of CI as well (tools/run-sanitizers.sh).
#include "explore/explorer.h"
#include "explore/state_graph.h"
#include "run_support.h"

#include <gtest/gtest.h>

using namespace fl;
using fl::test::setupOf;

namespace {

// Far beyond any array the check allocates: without the bound check the
// read faults even in a release build.
constexpr std::uint32_t kUnexpanded = 0xffffff00u;
constexpr std::uint16_t kA = 0x001, kB = 0x102;

} // namespace

TEST(BoundedSearch, EdgeToAnUnexpandedStateIsNotPartOfAnyCycle)
{
    // 0 -A-> 1 -A-> 0, and 0 also enables B towards a state never expanded:
    // the cycle never takes B, so it is not fair.
    StateGraph g;
    g.add(1, kA, 0);
    g.add(kUnexpanded, kB, 0);
    g.closeState();
    g.add(0, kA, 0);
    g.closeState();
    EXPECT_FALSE(findFairCycle(g).has_value());
}

TEST(BoundedSearch, FairCycleBesideAnUnexpandedStateIsFound)
{
    // The edge out of the expanded part has the cycle's own key, so the
    // cycle 0 -> 1 -> 0 stays fair.
    StateGraph g;
    g.add(1, kA, 0);
    g.closeState();
    g.add(0, kA, 0);
    g.add(kUnexpanded, kA, 0);
    g.closeState();
    const std::optional<FairCycle> cycle = findFairCycle(g);
    ASSERT_TRUE(cycle.has_value());
    EXPECT_EQ(cycle->entry, 0u);
    EXPECT_EQ(cycle->choices.size(), 2u);
}

// The reproductions of the issue: l1 stopped by --max-states and by
// --max-depth. PARTIAL, and any lasso found is in the expanded part.
TEST(BoundedSearch, StateAndDepthBoundsGiveAPartialAnswer)
{
    const fl::Setup setup = setupOf(loadScenario("l1"), "baseline");
    for (const auto &[states, depth] : {std::pair<std::uint64_t, std::uint32_t> {50'000, 0},
                 std::pair<std::uint64_t, std::uint32_t> {20'000'000, 60},
                 std::pair<std::uint64_t, std::uint32_t> {3'000, 0}}) {
        ExploreOptions options;
        options.maxStates = states;
        options.maxDepth = depth;
        options.threads = 2;
        const ExploreResult r = explore(setup, options);
        EXPECT_FALSE(r.complete) << states << " " << depth;
        if (depth != 0) {
            EXPECT_LE(r.depth, depth);
        }
        if (r.verdict == ExploreVerdict::Livelock) {
            EXPECT_FALSE(r.cycle.empty());
        }
    }
}
