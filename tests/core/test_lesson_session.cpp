// SPDX-License-Identifier: GPL-2.0-only
// LessonSession: runs agree with the core runner, goals latch, toggles
// replay, reset and restart, and every refusal says why.
#include "engine/runner.h"
#include "lesson/lesson_session.h"
#include "lesson/lesson_toml.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

using namespace fl;

namespace {

// l1 with both fixes offered and two models; goals chosen to be met at
// different moments. Goal indices: 0 spin, 1 t-sleeps, 2 livelock, 3 completed.
const std::string kLesson = R"(title = "session"
level = 1
minutes = 1
scenario = "l1"
fixes = ["wait-on-unlock", "pre-trylock"]
preempt_models = ["full"]
[[section]]
text = "s"
[[goal]]
id = "spin"
text = "T fails the trylock three times"
event = "trylock-failed"
task = "T"
at_least = 3
[[goal]]
id = "t-sleeps"
text = "T sleeps until D is unlocked"
task = "T"
wait = "folio_unlock"
[[goal]]
id = "livelock"
text = "livelock"
verdict = "LIVELOCK"
[[goal]]
id = "completed"
text = "completed"
verdict = "COMPLETED"
[[solution]]
run = "verdict"
)";

Lesson lesson()
{
    return parseLesson(kLesson, "session.toml");
}

TaskId taskId(const Lesson &l, const std::string &name)
{
    return static_cast<TaskId>(
            std::find(l.taskNames.begin(), l.taskNames.end(), name) - l.taskNames.begin());
}

Setup l1Setup(std::vector<std::string> fixes = {"baseline"}, std::string preempt = "")
{
    BuildOptions options;
    options.fixes = std::move(fixes);
    options.preempt = std::move(preempt);
    return buildSetup(loadScenario("l1"), options);
}

} // namespace

TEST(LessonSession, StartsAtTheScenariosInitialState)
{
    const Lesson l = lesson();
    LessonSession s(l);
    const fl::Setup setup = l1Setup();
    EXPECT_TRUE(s.state().machine == Engine(setup).initialState().machine);
    EXPECT_TRUE(s.choices().empty());
    EXPECT_FALSE(s.verdict());
    EXPECT_TRUE(s.fixes().empty());
    EXPECT_EQ(s.preempt(), "voluntary");
    EXPECT_EQ(s.goalsMet(), 0u);
}

TEST(LessonSession, RunToVerdictIsTheRunnersRun)
{
    const Lesson l = lesson();
    LessonSession s(l);
    const ActionResult r = s.runToVerdict();
    ASSERT_TRUE(r.ok) << r.error;

    const RunResult run = fl::runToVerdict(l1Setup(), RunOptions {});
    ASSERT_TRUE(s.verdict());
    EXPECT_EQ(*s.verdict(), run.verdict);
    EXPECT_EQ(*s.verdict(), Verdict::Livelock);
    EXPECT_EQ(s.choices().size(), run.steps);
    EXPECT_EQ(r.steps, run.steps);
    EXPECT_TRUE(s.state().machine == run.finalState.machine);
    EXPECT_EQ(s.explanation().summary, run.explanation.summary);
    EXPECT_EQ(
            static_cast<double>(s.metrics().trylockFailures()), run.metrics.at("trylock_failures"));
    // The goals met on the way were reported as they became true.
    EXPECT_TRUE(s.goals()[0].met);
    EXPECT_TRUE(s.goals()[2].met);
    EXPECT_FALSE(s.goals()[3].met);
    EXPECT_NE(std::find(r.newlyMet.begin(), r.newlyMet.end(), 0u), r.newlyMet.end());
    EXPECT_NE(std::find(r.newlyMet.begin(), r.newlyMet.end(), 2u), r.newlyMet.end());
    EXPECT_EQ(s.goals()[2].fixes, "baseline");
}

TEST(LessonSession, HandStepsThenRunContinueAsTheRunnerWithThatReplay)
{
    const Lesson l = lesson();
    LessonSession s(l);
    ASSERT_TRUE(s.stepCpu(0, 3).ok);
    ASSERT_TRUE(s.runSteps(40).ok);
    const ActionResult t = s.stepTask(taskId(l, "T"), 2);
    ASSERT_TRUE(t.ok) << t.error;
    const std::vector<Choice> prefix = s.choices();
    ASSERT_EQ(prefix.size(), 45u);

    ASSERT_TRUE(s.runToVerdict().ok);
    RunOptions options;
    options.replay = prefix;
    const RunResult run = fl::runToVerdict(l1Setup(), options);
    EXPECT_EQ(*s.verdict(), run.verdict);
    EXPECT_EQ(s.choices(), run.choices);
    EXPECT_TRUE(s.state().machine == run.finalState.machine);
}

TEST(LessonSession, RunUntilGoalStopsAtTheStepThatMeetsIt)
{
    const Lesson l = lesson();
    LessonSession s(l);
    const ActionResult r = s.runUntilGoal(0);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_TRUE(s.goals()[0].met);
    EXPECT_EQ(s.goals()[0].step, s.choices().size());
    EXPECT_EQ(s.metrics().trylockFailuresOf(taskId(l, "T")), 3u);
    EXPECT_FALSE(s.verdict());
    EXPECT_EQ(r.newlyMet, std::vector<std::size_t> {0});
}

TEST(LessonSession, RunUntilAGoalThatIsNeverMetFailsWithTheVerdict)
{
    const Lesson l = lesson();
    LessonSession s(l);
    const ActionResult r = s.runUntilGoal(3);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("goal 'completed' was not met; the run ended with LIVELOCK"),
            std::string::npos)
            << r.error;
    EXPECT_EQ(*s.verdict(), Verdict::Livelock);
}

TEST(LessonSession, GoalsLatchAfterTheirConditionPasses)
{
    const Lesson l = lesson();
    LessonSession s(l);
    ASSERT_TRUE(s.toggleFix("wait-on-unlock").ok);
    ASSERT_TRUE(s.runToVerdict().ok);
    EXPECT_EQ(*s.verdict(), Verdict::Completed);
    // T slept on D at some point; now it is done, and the goal stays met.
    EXPECT_EQ(s.state().machine.task(taskId(l, "T")).state, TaskState::Done);
    EXPECT_TRUE(s.goals()[1].met);
    EXPECT_GT(s.goals()[1].step, 0u);
    EXPECT_LT(s.goals()[1].step, s.choices().size());
    EXPECT_EQ(s.goals()[1].fixes, "wait-on-unlock");
    EXPECT_TRUE(s.goals()[3].met);

    // Reset keeps what was met; restart forgets it.
    ASSERT_TRUE(s.reset().ok);
    EXPECT_TRUE(s.goals()[1].met);
    EXPECT_TRUE(s.isFixOn("wait-on-unlock"));
    s.restart();
    EXPECT_EQ(s.goalsMet(), 0u);
    EXPECT_FALSE(s.isFixOn("wait-on-unlock"));
}

TEST(LessonSession, ToggleReplaysTheChoicesUnderTheNewFixSet)
{
    const Lesson l = lesson();
    LessonSession s(l);
    ASSERT_TRUE(s.runSteps(30).ok);
    const std::vector<Choice> before = s.choices();

    // 30 steps are not enough to finish under any fix: the same choices replay.
    const ActionResult r = s.toggleFix("wait-on-unlock");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.steps, 30u);
    EXPECT_EQ(s.fixes(), std::vector<std::string> {"wait-on-unlock"});
    EXPECT_TRUE(s.setup().fixes.has(Fix::WaitOnUnlock));
    EXPECT_EQ(s.choices().size(), before.size());
    EXPECT_FALSE(s.verdict());

    // The state is what the new setup reaches with those choices.
    const fl::Setup fixed = l1Setup({"wait-on-unlock"});
    const Engine engine(fixed);
    SimState expected = engine.initialState();
    for (const Choice &c : s.choices())
        expected = engine.applied(expected, c);
    EXPECT_TRUE(s.state().machine == expected.machine);

    // Toggling it off returns to the baseline run of the same choices.
    ASSERT_TRUE(s.toggleFix("wait-on-unlock").ok);
    EXPECT_TRUE(s.fixes().empty());
    EXPECT_EQ(s.choices(), before);
}

TEST(LessonSession, ToggleAfterALivelockResolvesIt)
{
    const Lesson l = lesson();
    LessonSession s(l);
    ASSERT_TRUE(s.runToVerdict().ok);
    ASSERT_EQ(*s.verdict(), Verdict::Livelock);
    const ActionResult r = s.toggleFix("wait-on-unlock");
    ASSERT_TRUE(r.ok);
    // The replay ends as soon as the run completes under the fix.
    ASSERT_TRUE(s.verdict());
    EXPECT_EQ(*s.verdict(), Verdict::Completed);
    EXPECT_LT(s.choices().size(), 1000u);
    EXPECT_NE(std::find(r.newlyMet.begin(), r.newlyMet.end(), 3u), r.newlyMet.end());
}

TEST(LessonSession, RefusesWhatTheLessonDoesNotOffer)
{
    const Lesson l = lesson();
    LessonSession s(l);
    ActionResult r = s.toggleFix("nonexistent");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("does not offer the fix"), std::string::npos);

    ASSERT_TRUE(s.toggleFix("wait-on-unlock").ok);
    r = s.toggleFix("pre-trylock");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("cannot be combined"), std::string::npos) << r.error;
    EXPECT_EQ(s.fixes(), std::vector<std::string> {"wait-on-unlock"});

    r = s.setPreempt("rt");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("does not offer the preemption model 'rt'"), std::string::npos);
}

TEST(LessonSession, SetPreemptReplaysUnderTheNewModel)
{
    const Lesson l = lesson();
    LessonSession s(l);
    ASSERT_TRUE(s.runToVerdict().ok);
    ASSERT_TRUE(s.setPreempt("full").ok);
    EXPECT_EQ(s.preempt(), "full");
    EXPECT_EQ(s.state().machine.preempt, Preempt::Full);
    ASSERT_TRUE(s.runToVerdict().ok);
    EXPECT_EQ(*s.verdict(), Verdict::Completed);
}

TEST(LessonSession, ResetReturnsToTheInitialState)
{
    const Lesson l = lesson();
    LessonSession s(l);
    ASSERT_TRUE(s.runUntilGoal(0).ok);
    ASSERT_GT(s.eventCount(0), 0u);
    ASSERT_TRUE(s.reset().ok);
    EXPECT_TRUE(s.state().machine == Engine(s.setup()).initialState().machine);
    EXPECT_TRUE(s.choices().empty());
    EXPECT_EQ(s.eventCount(0), 0u);
    EXPECT_EQ(s.metrics().steps(), 0u);
    EXPECT_TRUE(s.goals()[0].met);
    // After a reset the same schedule is taken again.
    ASSERT_TRUE(s.runToVerdict().ok);
    EXPECT_EQ(s.choices().size(), fl::runToVerdict(l1Setup(), RunOptions {}).steps);
}

TEST(LessonSession, StepsThatCannotBeTakenSayWhy)
{
    const Lesson l = lesson();
    LessonSession s(l);
    // A task stepped by name runs on its own CPU; at the start that is the
    // step that starts it.
    ActionResult r = s.stepTask(taskId(l, "T"), 4);
    ASSERT_TRUE(r.ok) << r.error;
    for (const Choice &c : s.choices())
        EXPECT_EQ(c.cpu, 1);

    r = s.stepCpu(3);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("CPU3 has nothing to do"), std::string::npos) << r.error;

    r = s.step(Choice {3, NoTask});
    EXPECT_FALSE(r.ok);

    // Once T spins, M sleeps in flush_work and K1 waits for CPU1.
    ASSERT_TRUE(s.runUntilGoal(0).ok);
    const std::size_t taken = s.choices().size();
    r = s.stepTask(taskId(l, "M"), 2);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("M is asleep (flush_work) (after 0 of 2 steps)"), std::string::npos)
            << r.error;
    r = s.stepTask(taskId(l, "K1"));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.error.find("K1 is runnable but CPU1 runs T"), std::string::npos) << r.error;
    EXPECT_EQ(s.choices().size(), taken);
}

TEST(LessonSession, ARunThatEndsByItselfGetsItsVerdict)
{
    const Lesson l = lesson();
    LessonSession s(l);
    ASSERT_TRUE(s.toggleFix("wait-on-unlock").ok);
    // Far more steps than the run needs: stepping stops at the end.
    const ActionResult r = s.runSteps(100'000);
    ASSERT_TRUE(r.ok);
    ASSERT_TRUE(s.verdict());
    EXPECT_EQ(*s.verdict(), Verdict::Completed);
    EXPECT_LT(r.steps, 1000u);
    EXPECT_TRUE(s.goals()[3].met);
}

TEST(LessonSession, SteppingGoesOnPastALivelockButNotPastTheEnd)
{
    const Lesson l = lesson();
    LessonSession s(l);
    ASSERT_TRUE(s.runToVerdict().ok);
    const std::size_t atVerdict = s.choices().size();
    const ActionResult r = s.stepTask(taskId(l, "T"), 5);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(s.choices().size(), atVerdict + 5);
    EXPECT_EQ(*s.verdict(), Verdict::Livelock);

    ASSERT_TRUE(s.toggleFix("wait-on-unlock").ok);
    ASSERT_EQ(*s.verdict(), Verdict::Completed);
    const std::size_t atEnd = s.choices().size();
    EXPECT_EQ(s.runSteps(10).steps, 0u);
    EXPECT_EQ(s.choices().size(), atEnd);
}

TEST(LessonSession, TheExplorersVerdictHoldsUntilTheSetupChanges)
{
    const Lesson l = parseLesson(R"(title = "explore"
level = 1
minutes = 1
scenario = "l1-single"
fixes = ["wait-on-unlock"]
[[section]]
text = "s"
[[goal]]
id = "ok"
text = "no bad schedule with the fix"
all = [{ explorer = "OK" }, { fix = "wait-on-unlock" }]
[[solution]]
explore = true
max_states = 10
)",
            "explore.toml");
    LessonSession s(l);
    EXPECT_FALSE(s.exploreResult());
    // A bound of 10 states cannot cover the space: PARTIAL, and no goal.
    ASSERT_TRUE(s.apply(l.solution[0]).ok);
    ASSERT_TRUE(s.exploreResult());
    EXPECT_EQ(s.exploreResult()->verdict, ExploreVerdict::Partial);
    EXPECT_FALSE(s.goals()[0].met);

    ASSERT_TRUE(s.toggleFix("wait-on-unlock").ok);
    EXPECT_FALSE(s.exploreResult()); // it was about the baseline
    const ActionResult r = s.explore();
    ASSERT_TRUE(r.ok);
    ASSERT_TRUE(s.exploreResult());
    EXPECT_TRUE(s.exploreResult()->complete);
    EXPECT_EQ(s.exploreResult()->verdict, ExploreVerdict::Ok);
    EXPECT_EQ(r.newlyMet, std::vector<std::size_t> {0});
    // A reset keeps it: the search was from the initial state anyway.
    ASSERT_TRUE(s.reset().ok);
    EXPECT_TRUE(s.exploreResult());
}
