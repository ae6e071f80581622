// SPDX-License-Identifier: GPL-2.0-only
// First-bug mode (ExploreOptions::stopAtFirstBug): a search that ends at the
// first bug it meets reports the same shallowest bug of that kind as the
// whole search, in fewer states; its lasso replays; and the fair-cycle
// checks on the way change nothing where there is no bug.
#include "explore/explorer.h"
#include "explore/lasso.h"
#include "run_support.h"
#include "small_storms.h"

using namespace fl;
using fl::test::replayOf;
using fl::test::setupOf;
using fl::test::smallStorm;

namespace {

ExploreResult search(const ScenarioSpec &spec, const std::string &fixes, bool firstBug,
        std::uint64_t checkFrom = ExploreOptions {}.livelockCheckFrom)
{
    ExploreOptions options;
    options.stopAtFirstBug = firstBug;
    options.livelockCheckFrom = checkFrom;
    return explore(setupOf(spec, fixes), options);
}


} // namespace

TEST(FirstBug, ADeadlockEndsTheSearchAtTheShallowestDeadlock)
{
    const ScenarioSpec trio = parseScenario(smallStorm(3), "trio.toml");
    const std::string fixes = "sleeping-lock+wait-refcount";
    const ExploreResult whole = search(trio, fixes, false);
    const ExploreResult first = search(trio, fixes, true);
    ASSERT_EQ(whole.verdict, ExploreVerdict::Deadlock) << whole.summary;
    ASSERT_EQ(first.verdict, ExploreVerdict::Deadlock) << first.summary;
    EXPECT_TRUE(first.stoppedAtBug);
    EXPECT_FALSE(first.complete);
    EXPECT_FALSE(whole.stoppedAtBug);
    EXPECT_LT(first.states, whole.states);
    EXPECT_EQ(first.stem.size(), whole.stem.size()); // breadth first: both the shallowest
    EXPECT_NE(first.summary.find("first bug"), std::string::npos) << first.summary;
    EXPECT_EQ(replayOf(trio, fixes, first).outcome, LassoOutcome::Deadlock);
}

TEST(FirstBug, AHazardEndsTheSearchAtTheShallowestHazard)
{
    const ScenarioSpec pair = parseScenario(smallStorm(2), "pair.toml");
    const std::string fixes = "sleeping-lock-late-ref";
    const ExploreResult whole = search(pair, fixes, false);
    const ExploreResult first = search(pair, fixes, true);
    ASSERT_EQ(whole.verdict, ExploreVerdict::Safety) << whole.summary;
    ASSERT_EQ(first.verdict, ExploreVerdict::Safety) << first.summary;
    EXPECT_TRUE(first.stoppedAtBug);
    EXPECT_LT(first.states, whole.states);
    EXPECT_EQ(first.stem.size(), whole.stem.size());
    EXPECT_EQ(replayOf(pair, fixes, first).outcome, LassoOutcome::Hazard);
}

// l1's whole space (188 k states) holds its livelock; checked from 4 096
// states on, the fair cycle shows among the states searched long before.
TEST(FirstBug, AFairCycleAmongTheStatesSearchedSoFarIsALivelock)
{
    const ScenarioSpec l1 = loadScenario("l1");
    const ExploreResult whole = search(l1, "baseline", false);
    const ExploreResult first = search(l1, "baseline", true, 4096);
    ASSERT_EQ(whole.verdict, ExploreVerdict::Livelock) << whole.summary;
    ASSERT_EQ(first.verdict, ExploreVerdict::Livelock) << first.summary;
    EXPECT_TRUE(first.stoppedAtBug);
    EXPECT_GE(first.livelockChecks, 1u);
    EXPECT_LT(first.states, whole.states / 2);
    EXPECT_GE(first.stem.size(), whole.stem.size()); // no shorter than the shortest of all
    const LassoResult replay = replayOf(l1, "baseline", first);
    EXPECT_EQ(replay.outcome, LassoOutcome::Livelock) << replay.summary;
}

// With symmetry the check on the way runs the nested concrete search of a
// candidate component too; its lasso is concrete and replays.
TEST(FirstBug, ASymmetricSearchChecksOnTheWayWithConcreteLassos)
{
    const ScenarioSpec pair = parseScenario(smallStorm(2), "pair.toml");
    const ExploreResult first = search(pair, "pre-trylock", true, 256);
    ASSERT_EQ(first.verdict, ExploreVerdict::Livelock) << first.summary;
    EXPECT_NE(first.symmetry, "none");
    EXPECT_GE(first.livelockChecks, 1u);
    EXPECT_EQ(replayOf(pair, "pre-trylock", first).outcome, LassoOutcome::Livelock);
}

// Where there is no bug the checks find nothing, and the search is the
// whole search: same verdict, same states.
TEST(FirstBug, ChecksOnTheWayLeaveABugFreeSpaceAsItIs)
{
    const ScenarioSpec l1 = loadScenario("l1");
    const ExploreResult whole = search(l1, "wait-on-unlock", false);
    const ExploreResult first = search(l1, "wait-on-unlock", true, 1024);
    ASSERT_EQ(whole.verdict, ExploreVerdict::Ok) << whole.summary;
    EXPECT_EQ(first.verdict, ExploreVerdict::Ok) << first.summary;
    EXPECT_TRUE(first.complete);
    EXPECT_FALSE(first.stoppedAtBug);
    EXPECT_GE(first.livelockChecks, 4u); // 1 024, then each doubling below the whole
    EXPECT_EQ(first.states, whole.states);
    EXPECT_EQ(first.transitions, whole.transitions);
}
