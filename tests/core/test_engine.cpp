// SPDX-License-Identifier: GPL-2.0-only
#include "engine/chooser.h"
#include "engine/engine.h"
#include "engine/invariants.h"
#include "kernel/program.h"
#include "kernel/step_context.h"
#include "kernel/steps.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_error.h"
#include "scenario/scenario_toml.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace fl;

namespace {

class CountingSink final : public EventSink {
public:
    void onEvent(const Event &e) override
    {
        if (e.kind == EventKind::TrylockFailed)
            ++trylockFailures;
    }
    void onStep(CpuId, TaskId, std::uint16_t, Nanos, Nanos) override {}
    int trylockFailures = 0;
};

fl::Setup l1Setup(const std::string &fix = "baseline")
{
    return buildSetup(loadScenario("l1"), BuildOptions{{fix}, ""});
}

} // namespace

TEST(Steps, EveryStepNamesItsKernelFunctionFileAndHasAnEffect)
{
    std::set<std::string_view> keys;
    for (int i = 0; i < static_cast<int>(StepId::Count); ++i) {
        const auto id = static_cast<StepId>(i);
        const StepInfo &info = stepInfo(id);
        EXPECT_FALSE(info.key.empty()) << i;
        EXPECT_FALSE(info.function.empty()) << info.key;
        EXPECT_TRUE(info.file.ends_with(".c") || info.file.ends_with(".h")) << info.key;
        EXPECT_FALSE(info.text.empty()) << info.key;
        EXPECT_NE(stepEffect(id), nullptr) << info.key;
        EXPECT_TRUE(keys.insert(info.key).second) << "duplicate key " << info.key;
    }
}

TEST(Program, FixesSelectTheDoSwapPageVariant)
{
    auto steps = [](const std::string &fix) {
        FixSet set;
        EXPECT_EQ(addFixByName(set, fix), "");
        return Program(set).listing(ListingId::DoSwapPage).steps;
    };
    const auto base = steps("baseline");
    const auto merged = steps("wait-on-unlock");
    const auto old = steps("pre-trylock");
    auto has = [](const std::vector<StepId> &v, StepId s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    EXPECT_TRUE(has(base, StepId::SwapTrylock) && has(base, StepId::SwapUnlockReturn));
    EXPECT_FALSE(has(base, StepId::SwapWaitUnlocked));
    EXPECT_TRUE(has(merged, StepId::SwapTrylock) && has(merged, StepId::SwapWaitUnlocked));
    EXPECT_FALSE(has(merged, StepId::SwapUnlockReturn));
    EXPECT_FALSE(has(old, StepId::SwapTrylock));
    EXPECT_TRUE(has(old, StepId::SwapGetPageNoLock));
}

TEST(Program, ConflictingAndUnknownFixesAreRefused)
{
    FixSet set;
    EXPECT_EQ(addFixByName(set, "wait-on-unlock"), "");
    EXPECT_NE(addFixByName(set, "pre-trylock"), "");
    EXPECT_NE(addFixByName(set, "no-such-fix").find("unknown fix"), std::string::npos);
    EXPECT_THROW(buildSetup(loadScenario("l1"), BuildOptions{{"bogus"}, ""}), ScenarioError);
    EXPECT_THROW(buildSetup(loadScenario("l1"), BuildOptions{{}, "sometimes"}), ScenarioError);
}

TEST(Machine, InitialStatesSatisfyTheInvariants)
{
    for (const BuiltinScenario &b : builtinScenarios()) {
        const fl::Setup setup = buildSetup(loadScenario(b.name));
        EXPECT_EQ(checkInvariants(setup, setup.initial), "") << b.name;
    }
}

TEST(Machine, InitialL1MatchesTheCanonicalSetUp)
{
    const fl::Setup s = l1Setup();
    const Machine &m = s.initial;
    EXPECT_EQ(m.cpuCount, 4);
    EXPECT_EQ(m.preempt, Preempt::Voluntary);
    // D (folio 1) is device-private with mapcount 2; S sits in CPU1's batch.
    EXPECT_EQ(s.folioNames[1], "D");
    EXPECT_EQ(m.folios[1].mapcount, 2);
    EXPECT_EQ(m.folios[1].refcount, 2);
    EXPECT_EQ(m.cpus[1].batchCount, 1);
    EXPECT_EQ(m.folios[0].place, FolioPlace::Batch);
    EXPECT_FALSE(m.folios[0].lru);
    EXPECT_EQ(m.folios[0].refcount, 2); // mapping + batch slot
    // One kworker per CPU, asleep.
    for (int c = 0; c < 4; ++c)
        EXPECT_EQ(m.tasks[m.cpus[c].kworker].wait, WaitKind::WorkerIdle);
}

TEST(Machine, CorruptedRefcountIsReported)
{
    const fl::Setup s = l1Setup();
    Machine m = s.initial;
    ++m.folios[1].refcount;
    EXPECT_NE(checkInvariants(s, m).find("refcount"), std::string::npos);
    Machine n = s.initial;
    n.folios[0].lru = true; // in a batch yet claiming PG_lru
    EXPECT_NE(checkInvariants(s, n), "");
}

TEST(Engine, AppliedEqualsApplyInPlace)
{
    const fl::Setup s = l1Setup();
    const Engine engine(s);
    SimState a = engine.initialState();
    CountingSink sink;
    int steps = 0;
    for (; steps < 2000; ++steps) {
        const auto choices = engine.enabledChoices(a);
        if (choices.empty())
            break;
        std::vector<Event> events;
        const SimState b = engine.applied(a, choices.front(), &events);
        engine.apply(a, choices.front(), sink);
        EXPECT_EQ(a.machine, b.machine);
        EXPECT_EQ(hashMachine(a.machine), hashMachine(b.machine));
    }
    EXPECT_GT(steps, 100);
}

TEST(Engine, TheSpinLoopReturnsToAnEqualMachine)
{
    // Metrics and clocks live outside the machine, so once T spins each
    // failed trylock finds the machine exactly as the one before.
    const fl::Setup s = l1Setup();
    const Engine engine(s);
    SimState st = engine.initialState();
    CountingSink sink;
    std::vector<Machine> atFailure;
    TimedChooser chooser(1);
    ChoiceList choices;
    for (int i = 0; i < 200000 && atFailure.size() < 1000; ++i) {
        engine.enabledChoices(st, choices);
        ASSERT_GT(choices.count, 0);
        const int before = sink.trylockFailures;
        engine.apply(st, chooser.choose(engine, st, choices), sink);
        if (sink.trylockFailures != before)
            atFailure.push_back(st.machine);
    }
    ASSERT_EQ(atFailure.size(), 1000u);
    EXPECT_EQ(atFailure[998], atFailure[999]);
    EXPECT_EQ(hashMachine(atFailure[998]), hashMachine(atFailure[999]));
    EXPECT_NE(st.clocks.now[1], 0u);
}

TEST(Engine, ADeadlockIsReportedWhenNothingCanRun)
{
    // Hand-made: T sleeps on folio D's lock, which M holds while M sleeps on
    // the drain mutex that T holds. Nothing is runnable.
    const fl::Setup s = l1Setup();
    const Engine engine(s);
    SimState st = engine.initialState();
    Machine &m = st.machine;
    for (int i = 0; i < m.taskCount; ++i)
        if (m.tasks[i].role != Role::Kworker)
            m.tasks[i].state = TaskState::Done;
    Task &t = m.tasks[1];
    Task &mig = m.tasks[0];
    t.state = TaskState::Sleeping;
    t.wait = WaitKind::FolioLock;
    t.waitArg = 1;
    mig.state = TaskState::Sleeping;
    mig.wait = WaitKind::DrainMutex;
    m.folios[1].lockOwner = 0;
    m.drainMutexOwner = 1;
    EXPECT_TRUE(engine.enabledChoices(st).empty());
}
