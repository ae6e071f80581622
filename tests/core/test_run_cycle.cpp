// SPDX-License-Identifier: GPL-2.0-only
// The runner's own cycle (explore/run_cycle.h): a livelocked run that goes
// back to a state it was in, round a fair cycle that completes nothing, is a
// concrete lasso, with no search. The run's ticks and timer wake-ups, which
// its clocks chose, are choices of their own in the untimed model.
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

TEST(RunCycle, TheMixedStormsPeriodTakesItsTicksAsTicks)
{
    // s2-mixed under sleeping-lock+pincount-only: the runner's run repeats a
    // period of about 36 600 steps with a few ticks in it. In the timed run a
    // tick is a step of its CPU (the clock says it is due); replayed as it
    // stands in the untimed model, that choice runs the task's next step
    // instead and the replay leaves the run. Translated (a tick as the
    // CPU's tick, left out where it changes nothing there), it is a fair
    // cycle.
    const fl::Setup setup = setupOf(loadScenario("s2-mixed"), "sleeping-lock+pincount-only");
    const RunResult run = runToVerdict(setup, RunOptions {});
    ASSERT_EQ(run.verdict, Verdict::Livelock);
    const std::optional<RunCycle> found = findRunCycle(setup, run.choices);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->replay.outcome, LassoOutcome::Livelock) << found->replay.summary;
    EXPECT_GT(found->length, 30000u);
    // Ticks that change nothing in the untimed model are not its choices.
    EXPECT_LT(found->choices.size(), found->length);

    const Engine untimed(setup, TimeModel::Untimed);
    const SimState entry = found->replay.finalState; // the cycle ends where it began
    EXPECT_FALSE(isLivelockCycle(
            untimed, entry, run.choices, found->start, found->start + found->length));
    EXPECT_TRUE(isLivelockCycle(untimed, entry, found->choices, 0, found->choices.size()));
}

TEST(RunCycle, ACheckBudgetOfNothingOrACancelFindsNothing)
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
    // The window's Cancel ends the look too.
    const std::atomic<bool> stop {true};
    RunCycleOptions cancelled;
    cancelled.cancel = &stop;
    EXPECT_FALSE(findRunCycle(setup, run.choices, cancelled).has_value());
}

} // namespace
