// SPDX-License-Identifier: GPL-2.0-only
// Time in the untimed model (issue 17): ticks are jiffy boundaries, timers
// fire only after the boundaries they span (a jiffy timer in the tick of its
// last one), and a task switched in runs a step before its CPU's next tick
// or timer. With these rules a 1-jiffy msleep can no longer beat a
// microsecond of work forever.
#include "explore/explorer.h"
#include "explore/lasso.h"
#include "replay/replay_file.h"
#include "run_support.h"
#include "small_storms.h"

#include <algorithm>

using namespace fl;
using fl::test::setupOf;

namespace {

const std::string kSpurious
        = std::string(FOLIOLAB_SOURCE_DIR) + "/tests/core/data/l1-rt-full-msleep-spurious.flab";

Setup setupOfReplay(const ReplayFile &file)
{
    return buildSetup(loadScenario(file.scenario), BuildOptions {file.fixes, file.preempt});
}

TaskId taskNamed(const Setup &setup, const std::string &name)
{
    for (int i = 0; i < setup.initial.taskCount; ++i)
        if (setup.taskNames[i] == name)
            return static_cast<TaskId>(i);
    ADD_FAILURE() << "no task " << name;
    return NoTask;
}

bool enabled(const Engine &engine, const SimState &s, Choice c)
{
    const std::vector<Choice> all = engine.enabledChoices(s);
    return std::find(all.begin(), all.end(), c) != all.end();
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

// The configuration: an RT caller that msleeps lets K1 drain.
TEST(ExplorerTime, L1RtUnderFullPreemptionWithMsleepIsOkInEverySchedule)
{
    const ExploreResult r = explore(setupOf(loadScenario("l1-rt"), "msleep", "full"), {});
    EXPECT_TRUE(r.complete) << r.summary;
    EXPECT_EQ(r.verdict, ExploreVerdict::Ok) << r.summary;
}

// The lasso the explorer found before (kept as written then) fires T's
// msleep timer as a choice of its own, with no tick: refused, naming the rule.
TEST(ExplorerTime, TheOldSpuriousLassoIsRefusedNamingTheJiffyTimerRule)
{
    const ReplayFile file = loadReplay(kSpurious);
    ASSERT_TRUE(file.untimed);
    ASSERT_GE(file.cycleStart, 0);
    const LassoResult r = replayUntimed(setupOfReplay(file), file.choices, file.cycleStart);
    EXPECT_EQ(r.outcome, LassoOutcome::NotEnabled) << r.summary;
    EXPECT_TRUE(contains(r.summary, "timer fires: wake T")) << r.summary;
    EXPECT_TRUE(contains(r.summary, "rule: jiffy timers expire from the tick")) << r.summary;
}

// The same lasso with every timer fired by ticks instead (as many as the
// engine accepts): the stem goes through, and the cycle breaks where K1 has
// just been switched in and T's timer would need a tick of CPU1 before K1
// ran a step.
TEST(ExplorerTime, TheOldLassoWithTicksForItsTimersBreaksTheFreshSliceRule)
{
    const ReplayFile file = loadReplay(kSpurious);
    const fl::Setup setup = setupOfReplay(file);
    const Engine engine(setup, TimeModel::Untimed);
    const TaskId k1 = taskNamed(setup, "K1");
    SimState s = engine.initialState();
    std::vector<Event> events;
    for (std::size_t i = 0; i < file.choices.size(); ++i) {
        const Choice c = file.choices[i];
        const bool jiffyTimer = c.task != NoTask && c.task != TickChoice
                && s.machine.tasks[c.task].state == TaskState::Sleeping
                && s.machine.tasks[c.task].jiffyTimer;
        if (!jiffyTimer) {
            ASSERT_TRUE(enabled(engine, s, c)) << i << ": " << engine.whyNotEnabled(s, c);
            s = engine.applied(s, c);
            continue;
        }
        const Choice tick {c.cpu, TickChoice};
        while (s.machine.tasks[c.task].state == TaskState::Sleeping) {
            if (!enabled(engine, s, tick)) {
                EXPECT_GE(static_cast<std::int64_t>(i), file.cycleStart) << "refused in the stem";
                EXPECT_EQ(s.machine.cpus[c.cpu].current, k1);
                EXPECT_FALSE(s.machine.cpus[c.cpu].sliceUsed);
                const std::string why = engine.whyNotEnabled(s, tick);
                EXPECT_TRUE(contains(why, "rule: fresh slice")) << why;
                EXPECT_TRUE(contains(why, "K1, just switched in")) << why;
                return;
            }
            s = engine.applied(s, tick);
        }
    }
    ADD_FAILURE() << "the lasso replayed with ticks for its timers";
}

// msleep(1) at HZ=250 is two jiffies: T needs two ticks of CPU1, never a
// timer choice of its own, and wakes in the second tick.
TEST(ExplorerTime, MsleepWakesInTheTickOfItsSecondJiffyBoundary)
{
    const ReplayFile file = loadReplay(kSpurious);
    const fl::Setup setup = setupOfReplay(file);
    const Engine engine(setup, TimeModel::Untimed);
    const TaskId t = taskNamed(setup, "T");
    SimState s = engine.initialState();
    // Replay up to T's first msleep.
    std::size_t i = 0;
    while (!(s.machine.tasks[t].state == TaskState::Sleeping
            && s.machine.tasks[t].wait == WaitKind::Timer)) {
        ASSERT_LT(i, file.choices.size());
        ASSERT_TRUE(enabled(engine, s, file.choices[i])) << i;
        s = engine.applied(s, file.choices[i++]);
    }
    const CpuId cpu = s.machine.tasks[t].cpu;
    EXPECT_TRUE(s.machine.tasks[t].jiffyTimer);
    EXPECT_EQ(s.machine.tasks[t].timerTicks, 2);
    EXPECT_FALSE(enabled(engine, s, Choice {cpu, t}));
    for (int tick = 1; tick <= 2; ++tick) {
        if (s.machine.cpus[cpu].current != NoTask && !s.machine.cpus[cpu].sliceUsed)
            s = engine.applied(s, Choice {cpu, NoTask}); // the fresh task's first step
        ASSERT_TRUE(enabled(engine, s, Choice {cpu, TickChoice})) << "tick " << tick;
        EXPECT_EQ(s.machine.tasks[t].state, TaskState::Sleeping) << "tick " << tick;
        s = engine.applied(s, Choice {cpu, TickChoice});
    }
    EXPECT_NE(s.machine.tasks[t].state, TaskState::Sleeping);
    EXPECT_EQ(s.machine.tasks[t].timerTicks, 0);
    EXPECT_FALSE(s.machine.tasks[t].jiffyTimer);
}

// A start time spans the jiffy boundaries before it: X starting at 10 ms
// (HZ=250) waits for two boundaries of its CPU, then may start at any
// moment. The explorer derives the count from the clocks of its start state.
TEST(ExplorerTime, AStartTimeWaitsForTheBoundariesItSpans)
{
    std::string text = builtinScenarioText("l1");
    const std::string late = "start_ns = 20000";
    ASSERT_NE(text.find(late), std::string::npos);
    text.replace(text.find(late), late.size(), "start_ns = 10000000");
    const fl::Setup setup = setupOf(parseScenario(text, "late-x.toml"), "baseline");
    const Engine engine(setup, TimeModel::Untimed);
    const TaskId x = taskNamed(setup, "X");
    SimState s = engine.initialState();
    const CpuId cpu = s.machine.tasks[x].cpu;
    EXPECT_EQ(s.machine.tasks[x].timerTicks, 2);
    EXPECT_FALSE(s.machine.tasks[x].jiffyTimer);
    EXPECT_FALSE(enabled(engine, s, Choice {cpu, x}));
    EXPECT_TRUE(contains(engine.whyNotEnabled(s, Choice {cpu, x}), "spans 2 more jiffy"));
    // X's CPU is idle: its boundaries pass as ticks of a NO_HZ CPU.
    ASSERT_EQ(s.machine.cpus[cpu].current, NoTask);
    s = engine.applied(s, Choice {cpu, TickChoice});
    EXPECT_FALSE(enabled(engine, s, Choice {cpu, x}));
    s = engine.applied(s, Choice {cpu, TickChoice});
    EXPECT_TRUE(enabled(engine, s, Choice {cpu, x}));
    EXPECT_FALSE(enabled(engine, s, Choice {cpu, TickChoice})); // nothing left to count
    // The untouched scenario: X (20 us) spans no boundary.
    const fl::Setup plain = setupOf(loadScenario("l1"), "baseline");
    EXPECT_EQ(Engine(plain, TimeModel::Untimed).initialState().machine.tasks[x].timerTicks, 0);
}

// No tick and no timer on a CPU between a switch-in and the first step of
// the task switched in; the step re-enables them. Two faulters share CPU0.
TEST(ExplorerTime, ATaskSwitchedInRunsAStepBeforeItsCpuTicks)
{
    std::string text = fl::test::smallStorm(2);
    const std::string second = "cpu = 1";
    ASSERT_NE(text.find(second), std::string::npos);
    text.replace(text.find(second), second.size(), "cpu = 0");
    const fl::Setup setup = setupOf(parseScenario(text, "shared-cpu.toml"), "baseline");
    const Engine engine(setup, TimeModel::Untimed);
    const TaskId f0 = taskNamed(setup, "F0");
    const TaskId f1 = taskNamed(setup, "F1");
    SimState s = engine.initialState();
    const Choice tick {0, TickChoice};
    s = engine.applied(s, Choice {0, f0}); // F0's start
    s = engine.applied(s, Choice {0, f1}); // F1's start
    ASSERT_TRUE(enabled(engine, s, Choice {0, f0}));
    s = engine.applied(s, Choice {0, f0}); // pick F0; F1 waits
    ASSERT_EQ(s.machine.cpus[0].current, f0);
    ASSERT_EQ(s.machine.cpus[0].runqueue.count, 1);
    EXPECT_FALSE(enabled(engine, s, tick));
    EXPECT_TRUE(contains(engine.whyNotEnabled(s, tick), "F0, just switched in"));
    EXPECT_TRUE(contains(engine.whyNotEnabled(s, tick), "rule: fresh slice"));
    s = engine.applied(s, Choice {0, NoTask}); // F0's first step
    ASSERT_EQ(s.machine.cpus[0].current, f0);
    EXPECT_TRUE(enabled(engine, s, tick)); // the slice may end: a fair task waits
    s = engine.applied(s, tick);
    EXPECT_TRUE(s.machine.cpus[0].needResched);
}

// RT throttling needs the clocks: the explorer leaves it out and says so.
TEST(ExplorerTime, TheExplorerSaysThatItLeavesRtThrottlingOut)
{
    BuildOptions build;
    build.rtThrottling = true;
    const fl::Setup setup = buildSetup(loadScenario("l1-rt"), build);
    ASSERT_TRUE(setup.initial.rtThrottling);
    ExploreOptions options;
    options.maxStates = 2000;
    const ExploreResult r = explore(setup, options);
    EXPECT_TRUE(contains(r.summary, "RT throttling, on in this setup, is off in the explorer"))
            << r.summary;
    const ExploreResult plain = explore(setupOf(loadScenario("l1-rt"), "baseline"), options);
    EXPECT_FALSE(contains(plain.summary, "RT throttling")) << plain.summary;
}
