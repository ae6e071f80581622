// SPDX-License-Identifier: GPL-2.0-only
// Merging a task's local steps into the transition before them (issue 12,
// explore/local_steps.h). First the property the reduction rests on, checked
// on random walks: a step listed as local commutes with every choice of the
// other CPUs and with its own CPU's tick and timers, and leaves every other
// choice as enabled as it was. Then the reduced search against the unreduced
// one: the same verdicts, fewer states, and counterexamples that replay.
#include "engine/engine.h"
#include "engine/invariants.h"
#include "explore/explorer.h"
#include "explore/lasso.h"
#include "explore/local_steps.h"
#include "report/fix_sets.h"
#include "run_support.h"
#include "small_storms.h"
#include "untimed_walk.h"

#include <gtest/gtest.h>

#include <iostream>
#include <random>

using namespace fl;
using fl::test::setupOf;
using fl::test::smallStorm;
using fl::test::walkUntimed;

namespace {

// The enabled choices at `s` that are not "step CPU c" (that one is the
// local step itself).
std::vector<Choice> othersEnabled(const Engine &engine, const SimState &s, CpuId c)
{
    ChoiceList list;
    engine.enabledChoices(s, list);
    std::vector<Choice> out;
    for (Choice x : list)
        if (!(x.cpu == c && x.task == NoTask))
            out.push_back(x);
    return out;
}

struct CommuteCount
{
    int localStates = 0;
    int pairs = 0;
};

// Random untimed walks; at every state where some CPU's next step is local,
// checks it against every other enabled choice.
void checkCommutation(const Setup &setup, int steps, unsigned seed, CommuteCount &count)
{
    const Engine engine(setup, TimeModel::Untimed);
    const LocalSteps local(setup, engine, false, FootprintChecks::Every);
    walkUntimed(setup, steps, seed, [&](const SimState &s, std::mt19937 &) {
        for (int c = 0; c < s.machine.cpuCount; ++c) {
            const CpuId cpu = static_cast<CpuId>(c);
            const TaskId t = s.machine.cpus[c].current;
            if (t == NoTask || !local.nextIsLocal(s.machine, cpu, t))
                continue;
            ++count.localStates;
            const Choice l {cpu, NoTask};
            const SimState afterL = engine.applied(s, l);
            // The step changes nothing the other choices read.
            ASSERT_EQ(othersEnabled(engine, afterL, cpu), othersEnabled(engine, s, cpu))
                    << setup.taskNames[t];
            for (Choice b : othersEnabled(engine, s, cpu)) {
                const SimState afterB = engine.applied(s, b);
                // A wake-up or tick that sets need_resched on this CPU turns
                // the next "step CPU" into a preemption; the reduction moves
                // the local step before it instead (core/README.md).
                if (afterB.machine.cpus[c].current != t || afterB.machine.cpus[c].needResched)
                    continue;
                ++count.pairs;
                ASSERT_TRUE(local.nextIsLocal(afterB.machine, cpu, t));
                const Machine lb = engine.applied(afterL, b).machine;
                const Machine bl = engine.applied(afterB, l).machine;
                ASSERT_TRUE(lb == bl) << "CPU" << c << "'s local step and choice (" << int(b.cpu)
                                      << ", " << int(b.task) << ") do not commute, for "
                                      << setup.taskNames[t];
            }
            // The reduction's own run of the step: its footprint check throws
            // when a listed step writes beyond its task's locals.
            SimState merged = s;
            ASSERT_NO_THROW(local.follow(merged, cpu, t, nullptr));
        }
    });
}

fl::Setup storm(int faulters, bool mutex, const std::string &fixes, const std::string &preempt)
{
    return setupOf(parseScenario(smallStorm(faulters, mutex), "storm.toml"), fixes, preempt);
}

// The reduced and unreduced searches of one setup agree; a counterexample
// of the reduced one replays as what it claims.
void expectAgreement(const Setup &setup, const std::string &what, int &decided)
{
    ExploreOptions reduced;
    reduced.maxStates = 400'000;
    ExploreOptions full = reduced;
    full.localSteps = false;
    const ExploreResult a = explore(setup, reduced);
    EXPECT_TRUE(a.localSteps);
    if (!a.complete && a.verdict == ExploreVerdict::Partial)
        return; // too big here: the explorer-matrix test has bounds for those
    const ExploreResult b = explore(setup, full);
    EXPECT_FALSE(b.localSteps);
    if (b.verdict == ExploreVerdict::Partial)
        return;
    ++decided;
    EXPECT_EQ(exploreVerdictName(a.verdict), exploreVerdictName(b.verdict)) << what;
    if (a.complete && b.complete) {
        EXPECT_LE(a.states, b.states) << what;
    }
    std::vector<Choice> all = a.stem;
    all.insert(all.end(), a.cycle.begin(), a.cycle.end());
    const std::int64_t cycleStart
            = a.verdict == ExploreVerdict::Livelock ? static_cast<std::int64_t>(a.stem.size()) : -1;
    const LassoOutcome replayed = replayUntimed(setup, all, cycleStart).outcome;
    switch (a.verdict) {
    case ExploreVerdict::Livelock:
        EXPECT_EQ(replayed, LassoOutcome::Livelock) << what;
        break;
    case ExploreVerdict::Deadlock:
        EXPECT_EQ(replayed, LassoOutcome::Deadlock) << what;
        break;
    case ExploreVerdict::Ok:
        EXPECT_TRUE(a.stem.empty()) << what;
        break;
    default:
        break;
    }
}

} // namespace

TEST(LocalSteps, AListedStepCommutesWithEveryOtherChoice)
{
    CommuteCount count;
    const char *models[] = {"voluntary", "full", "rt"};
    for (const char *preempt : models) {
        for (const std::string &fixes : defaultFixSets()) {
            checkCommutation(setupOf(loadScenario("l1"), fixes, preempt), 1500, 7, count);
            checkCommutation(storm(3, true, fixes, preempt), 1500, 11, count);
        }
        checkCommutation(setupOf(loadScenario("w-alloc"), "baseline", preempt), 3000, 5, count);
        checkCommutation(setupOf(loadScenario("s2-mixed"), "lru-cache-disable", preempt), 3000,
                3, count);
    }
    std::cout << count.localStates << " states with a local step, " << count.pairs
              << " pairs checked\n";
    // The walks met local steps, and other CPUs ready to move beside them.
    EXPECT_GT(count.localStates, 5000);
    EXPECT_GT(count.pairs, 5000);
}

// The merge checks the invariants again only where a local step changed
// the locals localsSeenByInvariants() names: scrambling every other local
// of every task, on random walks, must never change checkInvariants(); and
// the two it names must matter somewhere (or the test would prove nothing).
TEST(LocalSteps, TheInvariantsReadOnlyTheLocalsTheySayTheyRead)
{
    const fl::Setup setup = setupOf(loadScenario("l1"), "baseline");
    int scrambled = 0, seen = 0;
    walkUntimed(setup, 4000, 7, [&](const SimState &s, std::mt19937 &rng) {
        const std::string verdict = checkInvariants(setup, s.machine);
        ASSERT_EQ(verdict, "");
        std::uniform_int_distribution<int> byte(0, 255);
        for (int t = 0; t < s.machine.taskCount; ++t) {
            Machine m = s.machine;
            Task &task = m.tasks[t];
            const Task before = task;
            task.walkVa = static_cast<decltype(task.walkVa)>(byte(rng));
            task.faultVa = static_cast<decltype(task.faultVa)>(byte(rng));
            task.ret = static_cast<decltype(task.ret)>(byte(rng) % 4);
            task.forceDrain = !task.forceDrain;
            for (Frame &f : task.stack)
                f.pc = static_cast<decltype(f.pc)>(byte(rng) % 8);
            if (task.depth != 0)
                task.depth = static_cast<decltype(task.depth)>(1 + byte(rng) % task.stack.size());
            task.mig.start = static_cast<decltype(task.mig.start)>(byte(rng));
            task.mig.cpages = static_cast<decltype(task.mig.cpages)>(byte(rng) % 4);
            task.mig.i = static_cast<decltype(task.mig.i)>(byte(rng) % 4);
            task.mig.restore = static_cast<decltype(task.mig.restore)>(byte(rng) % 4);
            ASSERT_FALSE(localsSeenByInvariants(before, task));
            ASSERT_EQ(checkInvariants(setup, m), verdict);
            ++scrambled;
            // A reference the migrate_vma entries claim, which no refcount
            // counts: the invariants see it, and the function says so.
            Machine claimed = s.machine;
            Task &holder = claimed.tasks[t];
            const FolioId f = static_cast<FolioId>(byte(rng) % s.machine.folioCount);
            if (!s.machine.folios[f].allocated)
                continue;
            MigrateEntry &spare = holder.mig.e.back();
            if (spare.src != NoFolio || spare.dst != NoFolio)
                continue;
            spare = MigrateEntry {f, NoFolio, MigrateHoldsRef, 0};
            EXPECT_TRUE(localsSeenByInvariants(s.machine.tasks[t], holder));
            EXPECT_NE(checkInvariants(setup, claimed), verdict);
            ++seen;
        }
    });
    std::cout << "[ invariants ] " << scrambled << " scrambled tasks, " << seen
              << " claimed references\n";
    EXPECT_GT(scrambled, 10000);
    EXPECT_GT(seen, 1000);
}

TEST(LocalSteps, TheReducedSearchStoresFewerStatesOfL1WithTheSameLasso)
{
    const fl::Setup setup = setupOf(loadScenario("l1"), "baseline", "voluntary");
    ExploreOptions full;
    full.localSteps = false;
    const ExploreResult a = explore(setup, ExploreOptions {});
    const ExploreResult b = explore(setup, full);
    ASSERT_EQ(a.verdict, ExploreVerdict::Livelock);
    ASSERT_EQ(b.verdict, ExploreVerdict::Livelock);
    EXPECT_LT(a.states * 10, b.states * 6) << a.states << " vs " << b.states;
    // Stems and cycles are the model's single steps either way.
    EXPECT_EQ(a.stem.size(), b.stem.size());
    EXPECT_EQ(a.cycle.size(), b.cycle.size());
}

TEST(LocalSteps, ReducedAndFullSearchesAgreeOnL1AndTheSmallStorms)
{
    int decided = 0;
    for (const std::string &fixes : defaultFixSets()) {
        for (const char *scenario : {"l1", "l1-single"})
            expectAgreement(setupOf(loadScenario(scenario), fixes, "voluntary"),
                    std::string(scenario) + " " + fixes, decided);
        for (int faulters : {2, 3})
            for (bool mutex : {false, true})
                expectAgreement(storm(faulters, mutex, fixes, "voluntary"),
                        std::to_string(faulters) + (mutex ? " mutex " : " xe ") + fixes, decided);
    }
    expectAgreement(setupOf(loadScenario("l1-rt"), "baseline", "full"), "l1-rt full", decided);
    EXPECT_GT(decided, 60);
}
