// SPDX-License-Identifier: GPL-2.0-only
// A timed run as the untimed model's choices (explore/untimed_choices.h):
// each step, translated, must take the run's state, seen in the untimed
// model, to its next one; so a cycle of the run is a path of the model the
// explorer searches, step for step.
#include "explore/edge_sink.h"
#include "explore/untimed_choices.h"
#include "kernel/steps.h"
#include "model/machine.h"

#include "run_support.h"

#include <gtest/gtest.h>

namespace {

using namespace fl;
using fl::test::setupOf;

struct Counted
{
    std::size_t ticks = 0; // ticks the run took
    std::size_t timers = 0; // timer wake-ups in it
};

// Checks every step of the first `limit` of the run of `setup` (seed 1).
Counted expectEachStepReachesTheRunsNextState(const Setup &setup, std::size_t limit)
{
    const RunResult run = runToVerdict(setup, RunOptions {});
    const std::vector<TimedStep> steps = timedStepsOf(setup, run.choices);
    EXPECT_EQ(steps.size(), run.choices.size());
    const Engine timed(setup, TimeModel::Timed);
    const Engine untimed(setup, TimeModel::Untimed);
    SimState s = timed.initialState();
    EdgeSink ignored;
    Counted counted;
    const std::size_t n = std::min(limit, run.choices.size());
    for (std::size_t k = 0; k < n; ++k) {
        const bool tick = steps[k].step == static_cast<std::uint16_t>(SchedStep::Tick);
        counted.ticks += tick;
        counted.timers += steps[k].step == static_cast<std::uint16_t>(SchedStep::TimerWake);
        SimState u = untimed.untimedFrom(s);
        const std::vector<Choice> as = untimedChoicesOf(untimed, u, run.choices, steps, k, k + 1);
        // Only a tick that changes nothing there has no untimed choice.
        if (as.empty() && !tick) {
            ADD_FAILURE() << "step " << k << " has no translation";
            return counted;
        }
        for (Choice c : as)
            untimed.apply(u, c, ignored);
        timed.apply(s, run.choices[k], ignored);
        if (!(u.machine == untimed.untimedFrom(s).machine)) {
            ADD_FAILURE() << "step " << k << " translated leads elsewhere than the run";
            return counted;
        }
    }
    return counted;
}

TEST(UntimedChoices, TheMixedStormsTicksAndTimersFollowItsRun)
{
    const Counted c = expectEachStepReachesTheRunsNextState(
            setupOf(loadScenario("s2-mixed"), "sleeping-lock+pincount-only"), 60000);
    EXPECT_GT(c.ticks, 0u);
    EXPECT_GT(c.timers, 0u);
}

TEST(UntimedChoices, ARepeatingWorkloadsTimersFollowItsRun)
{
    // w-alloc's tasks think between their rounds: a timer wake-up each.
    const Counted c = expectEachStepReachesTheRunsNextState(
            setupOf(loadScenario("w-alloc"), "baseline"), 100000);
    EXPECT_GT(c.timers, 100u);
}

TEST(UntimedChoices, L1UnderFullPreemptionFollowsItsRun)
{
    const Counted c = expectEachStepReachesTheRunsNextState(
            setupOf(loadScenario("l1"), "baseline", "full"), 100000);
    EXPECT_GT(c.ticks, 0u);
}

TEST(UntimedChoices, ATickReplayedAsItsChoiceWouldStepTheTaskInstead)
{
    // Why the translation exists: the run's choice for a tick is "step this
    // CPU", which in the untimed model runs the current task's next step.
    const fl::Setup setup = setupOf(loadScenario("l1"), "baseline", "full");
    const RunResult run = runToVerdict(setup, RunOptions {});
    const std::vector<TimedStep> steps = timedStepsOf(setup, run.choices);
    const Engine timed(setup, TimeModel::Timed);
    const Engine untimed(setup, TimeModel::Untimed);
    SimState s = timed.initialState();
    EdgeSink ignored;
    std::size_t k = 0;
    while (k < steps.size() && steps[k].step != static_cast<std::uint16_t>(SchedStep::Tick))
        timed.apply(s, run.choices[k++], ignored);
    ASSERT_LT(k, steps.size());
    SimState asItStands = untimed.untimedFrom(s);
    const StepReport report = untimed.apply(asItStands, run.choices[k], ignored);
    EXPECT_NE(report.step, static_cast<std::uint16_t>(SchedStep::Tick));
}

} // namespace
