// SPDX-License-Identifier: GPL-2.0-only
// The runner's own cycle (explore/run_cycle.h): a livelocked run that goes
// back to a state it was in, round a fair cycle that completes nothing, is a
// concrete lasso, with no search. Where the run's period starves a CPU that
// could run, it is not one.
#include "explore/from_run.h"
#include "explore/run_cycle.h"

#include "run_support.h"

#include <gtest/gtest.h>

namespace {

using namespace fl;
using fl::test::setupOf;

TEST(RunCycle, TheEightCpuStormUnderSleepingLockGoesRoundAFairCycle)
{
    const fl::Setup setup = setupOf(loadScenario("s2-storm"), "sleeping-lock");
    ExploreOptions options;
    options.maxStates = 1000; // a search would stop long before deciding it
    const FromRunResult found = exploreFromRun(setup, 1, options);
    ASSERT_EQ(found.run.verdict, Verdict::Livelock);
    ASSERT_EQ(found.explored.verdict, ExploreVerdict::Livelock) << found.explored.summary;
    EXPECT_TRUE(found.runCycle);
    EXPECT_EQ(found.explored.states, 0u); // nothing was searched
    EXPECT_TRUE(found.explored.stem.empty());
    ASSERT_FALSE(found.explored.cycle.empty());
    // The cycle starts well before the runner gave its verdict.
    EXPECT_LT(found.timedSteps + found.explored.cycle.size(), found.run.choices.size());
    // Its choices are the run's, and they replay as a livelock from the start.
    std::vector<Choice> lasso(found.run.choices.begin(),
            found.run.choices.begin() + static_cast<std::ptrdiff_t>(found.timedSteps));
    for (std::size_t i = 0; i < found.explored.cycle.size(); ++i)
        EXPECT_EQ(found.explored.cycle[i], found.run.choices[found.timedSteps + i]) << i;
    lasso.insert(lasso.end(), found.explored.cycle.begin(), found.explored.cycle.end());
    const auto start = static_cast<std::int64_t>(found.timedSteps);
    const LassoResult replay = replayUntimed(setup, lasso, start, start);
    EXPECT_EQ(replay.outcome, LassoOutcome::Livelock) << replay.summary;
    EXPECT_FALSE(found.explored.explanation.cycle.empty()); // the wait-for graph at its entry
}

TEST(RunCycle, ARunWhosePeriodStarvesARunnableCpuHasNone)
{
    // s2-mixed under sleeping-lock+pincount-only: the runner's run repeats a
    // period of about 36 600 steps in which CPU0 could always step and never
    // does. That is a cycle of the graph, but not a fair one.
    const fl::Setup setup = setupOf(loadScenario("s2-mixed"), "sleeping-lock+pincount-only");
    RunOptions options;
    const RunResult run = runToVerdict(setup, options);
    ASSERT_EQ(run.verdict, Verdict::Livelock);
    EXPECT_FALSE(findRunCycle(setup, run.choices).has_value());
}

TEST(RunCycle, ACheckBudgetOfNothingFindsNothing)
{
    const fl::Setup setup = setupOf(loadScenario("s2-storm"), "sleeping-lock");
    const RunResult run = runToVerdict(setup, RunOptions {});
    ASSERT_TRUE(findRunCycle(setup, run.choices).has_value());
    RunCycleOptions none;
    none.maxCheckedSteps = 0;
    EXPECT_FALSE(findRunCycle(setup, run.choices, none).has_value());
    RunCycleOptions tooShort;
    tooShort.maxLength = 8; // the storm's cycle is 256 steps
    EXPECT_FALSE(findRunCycle(setup, run.choices, tooShort).has_value());
}

} // namespace
