// SPDX-License-Identifier: GPL-2.0-only
// Two fix sets on one schedule: where they part and why, checked by step ids.
#include "kernel/steps.h"
#include "report/compare.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

using namespace fl;

namespace {

std::uint16_t id(StepId s)
{
    return static_cast<std::uint16_t>(s);
}

RunOptions shortRun(std::uint64_t seed = 1)
{
    RunOptions o;
    o.seed = seed;
    o.maxTime = 200'000'000;
    return o;
}

} // namespace

class CompareSeeds : public ::testing::TestWithParam<std::uint64_t>
{ };

// l1 under the baseline and under wait-on-unlock: everything is the same
// until T's first folio_trylock in do_swap_page fails; then the baseline
// takes the spin branch and the fix sleeps until the folio is unlocked.
TEST_P(CompareSeeds, L1BaselineAgainstWaitOnUnlockPartsAfterTsFirstFailedTrylock)
{
    const ScenarioSpec spec = loadScenario("l1");
    const CompareResult r
            = compareFixSets(spec, "baseline", "wait-on-unlock", "", shortRun(GetParam()));
    ASSERT_TRUE(r.divergence.has_value());
    const Divergence &d = *r.divergence;
    EXPECT_EQ(d.kind, DivergenceKind::DifferentStep);
    ASSERT_TRUE(d.a.present);
    ASSERT_TRUE(d.b.present);
    EXPECT_EQ(d.a.choice, d.b.choice);
    EXPECT_EQ(d.a.taskName, "T");
    EXPECT_EQ(d.a.task, d.b.task);
    EXPECT_EQ(d.a.previousStep, id(StepId::SwapTrylock));
    EXPECT_EQ(d.b.previousStep, id(StepId::SwapTrylock));
    EXPECT_EQ(d.a.step, id(StepId::SwapUnlockReturn));
    EXPECT_EQ(d.b.step, id(StepId::SwapWaitUnlocked));
    EXPECT_EQ(d.a.time, d.b.time); // same schedule, same costs up to here
    EXPECT_GT(d.index, 0u);
    EXPECT_FALSE(d.a.choiceText.empty());
    EXPECT_FALSE(d.reason.empty());

    // And it is T's *first* failed trylock: replaying the baseline's
    // schedule up to the divergence, T ran SwapTrylock exactly once.
    const fl::Setup setup = buildSetup(spec, {{"baseline"}, ""});
    RunOptions prefix = shortRun(GetParam());
    const RunResult full = runToVerdict(setup, prefix);
    Engine engine(setup);
    SimState s = engine.initialState();
    struct Sink final : EventSink
    {
        void onEvent(const Event &) override { }
        void onStep(CpuId, TaskId, std::uint16_t, Nanos, Nanos) override { }
    } sink;
    int trylocks = 0;
    for (std::uint64_t i = 0; i < d.index; ++i) {
        const StepReport rep = engine.apply(s, full.choices[i], sink);
        if (rep.task == d.a.task && rep.step == id(StepId::SwapTrylock))
            ++trylocks;
    }
    EXPECT_EQ(trylocks, 1);

    EXPECT_EQ(r.a.fixSet, "baseline");
    EXPECT_EQ(r.b.fixSet, "wait-on-unlock");
    EXPECT_EQ(r.a.verdict, Verdict::Livelock);
    EXPECT_EQ(r.b.verdict, Verdict::Completed);
    EXPECT_EQ(r.a.metrics, full.metrics);
}

INSTANTIATE_TEST_SUITE_P(Seeds, CompareSeeds, ::testing::Values(1u, 2u, 7u));

TEST(Compare, TheSameFixSetTwiceNeverDiverges)
{
    const ScenarioSpec spec = loadScenario("l1");
    for (const char *fix : {"baseline", "wait-on-unlock"}) {
        const CompareResult r = compareFixSets(spec, fix, fix, "", shortRun(3));
        EXPECT_FALSE(r.divergence.has_value()) << fix << ": " << r.divergence->reason;
        EXPECT_EQ(r.a.metrics, r.b.metrics) << fix;
        EXPECT_EQ(r.a.verdict, r.b.verdict) << fix;
        EXPECT_EQ(r.a.steps, r.b.steps) << fix;
    }
}

TEST(Compare, APreemptionModelAppliesToBothSides)
{
    const CompareResult r
            = compareFixSets(loadScenario("l1"), "baseline", "wait-on-unlock", "full", shortRun());
    EXPECT_EQ(r.preempt, "full");
    EXPECT_EQ(r.scenario, "l1");
    EXPECT_EQ(r.seed, 1u);
}

TEST(Compare, SwappingTheSidesSwapsTheDivergedSteps)
{
    const CompareResult r
            = compareFixSets(loadScenario("l1"), "wait-on-unlock", "baseline", "", shortRun());
    ASSERT_TRUE(r.divergence.has_value());
    // The first difference is still the step after T's failed trylock,
    // seen from the other side.
    EXPECT_EQ(r.divergence->a.step, id(StepId::SwapWaitUnlocked));
    EXPECT_EQ(r.divergence->b.step, id(StepId::SwapUnlockReturn));
}

// The walker itself, on setups that differ in more than the fix set.
TEST(FindDivergence, AChoiceThatCannotBeTakenUnderB)
{
    // B is l1 without its last task, the drainer X on CPU2: when A's X
    // wakes on CPU2, B has nothing there to step (K2 is an idle worker).
    const std::string text = builtinScenarioText("l1");
    const std::size_t lastTask = text.rfind("[[task]]");
    ASSERT_NE(lastTask, std::string::npos);
    ASSERT_NE(text.find("name = \"X\"", lastTask), std::string::npos);
    const fl::Setup setupA = buildSetup(parseScenario(text, "l1"));
    const fl::Setup setupB = buildSetup(parseScenario(text.substr(0, lastTask), "l1-without-x"));

    const RunResult runA = runToVerdict(setupA, shortRun());
    RunOptions replay = shortRun();
    replay.replay = runA.choices;
    const RunResult runB = runToVerdict(setupB, replay);

    const std::optional<Divergence> d = findDivergence(setupA, runA, setupB, runB);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->kind, DivergenceKind::ChoiceNotEnabled);
    EXPECT_EQ(d->a.choice.cpu, 2);
    EXPECT_EQ(d->a.taskName, "X");
    EXPECT_NE(d->b.choice, d->a.choice); // B's own chooser decided
    EXPECT_NE(d->reason.find("CPU2"), std::string::npos) << d->reason;
    EXPECT_NE(d->reason.find("K2"), std::string::npos) << d->reason; // why: what CPU2 has
    // Up to there, both runs took the same choices.
    for (std::uint64_t i = 0; i < d->index; ++i)
        ASSERT_EQ(runA.choices[i], runB.choices[i]) << i;
}

TEST(FindDivergence, ARunThatEndsFirstWithTheSameSteps)
{
    const fl::Setup setup = buildSetup(loadScenario("l1"), {{"baseline"}, ""});
    const RunResult full = runToVerdict(setup, shortRun());
    RunOptions shorter = shortRun();
    shorter.maxSteps = 1000;
    shorter.replay = full.choices;
    const RunResult cut = runToVerdict(setup, shorter);
    ASSERT_EQ(cut.steps, 1000u);

    const std::optional<Divergence> d = findDivergence(setup, full, setup, cut);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->kind, DivergenceKind::RunEnded);
    EXPECT_EQ(d->index, 1000u);
    EXPECT_TRUE(d->a.present);
    EXPECT_FALSE(d->b.present);
    EXPECT_NE(d->reason.find("LIMIT"), std::string::npos) << d->reason;

    EXPECT_FALSE(findDivergence(setup, full, setup, full).has_value());
}

TEST(Compare, BadFixSetsAreRefused)
{
    const ScenarioSpec spec = loadScenario("l1");
    EXPECT_THROW(compareFixSets(spec, "baseline", "bogus", "", shortRun()), std::invalid_argument);
    EXPECT_THROW(compareFixSets(spec, "pre-trylock+wait-on-unlock", "baseline", "", shortRun()),
            std::invalid_argument);
}
