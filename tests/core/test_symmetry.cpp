// SPDX-License-Identifier: GPL-2.0-only
// Symmetry reduction (issue 12): the group found, the renaming, and the one
// property the reduction rests on: outside the states it refuses, every step
// commutes with renaming interchangeable CPUs and their tasks. Then the
// reduced search against the full one on every small storm and fix set.
#include "engine/engine.h"
#include "explore/explorer.h"
#include "explore/lasso.h"
#include "explore/symmetry.h"
#include "report/fix_sets.h"
#include "run_support.h"
#include "small_storms.h"
#include "untimed_walk.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

using namespace fl;
using fl::test::setupOf;
using fl::test::smallStorm;
using fl::test::NullSink;
using fl::test::walkUntimed;

namespace {

fl::Setup storm(int faulters, bool mutex, const std::string &fixes = "baseline",
        const std::string &preempt = "")
{
    return setupOf(parseScenario(smallStorm(faulters, mutex), "storm.toml"), fixes, preempt);
}

// A renaming of the group: CPUs `a` and `b` of a storm exchanged with their
// tasks (each CPU's tasks matched in id order).
Renaming swapCpus(const Machine &m, CpuId a, CpuId b)
{
    Renaming r = Renaming::identity();
    r.cpu[a] = b;
    r.cpu[b] = a;
    std::vector<TaskId> onA, onB;
    for (int t = 0; t < m.taskCount; ++t) {
        if (m.tasks[t].cpu == a)
            onA.push_back(static_cast<TaskId>(t));
        if (m.tasks[t].cpu == b)
            onB.push_back(static_cast<TaskId>(t));
    }
    for (std::size_t j = 0; j < onA.size(); ++j) {
        r.task[onA[j]] = onB[j];
        r.task[onB[j]] = onA[j];
    }
    return r;
}

// A random renaming of a storm's CPUs (all of them form one class).
Renaming randomRenaming(const Machine &start, std::mt19937 &rng)
{
    Renaming r = Renaming::identity();
    for (int i = start.cpuCount - 1; i > 0; --i) {
        const auto j = static_cast<CpuId>(std::uniform_int_distribution<int>(0, i)(rng));
        r = swapCpus(start, static_cast<CpuId>(i), j).after(r);
    }
    return r;
}

Machine renamed(const Machine &m, const Renaming &r)
{
    Machine out = m;
    renameMachine(m, r, out);
    return out;
}

} // namespace

TEST(Symmetry, FindsTheFaultersOfAStormAndNothingInL1)
{
    const fl::Setup three = storm(3, false);
    const Symmetry s(three, three.initial);
    ASSERT_FALSE(s.trivial());
    EXPECT_EQ(s.order(), 6u);
    EXPECT_NE(s.describe(three).find("S3 on CPUs 0,1,2 (F0,F1,F2"), std::string::npos)
            << s.describe(three);

    for (const char *name : {"l1", "l1-rt", "l1-single", "l1-emptybatch"}) {
        const fl::Setup l1 = setupOf(loadScenario(name), "baseline", "");
        EXPECT_TRUE(Symmetry(l1, l1.initial).trivial()) << name;
    }
}

TEST(Symmetry, TheEightCpuStormsHaveTheWholeSymmetricGroup)
{
    for (const char *name : {"s2-storm", "s2-storm-mutex"}) {
        const fl::Setup setup = setupOf(loadScenario(name), "baseline", "");
        EXPECT_EQ(Symmetry(setup, setup.initial).order(), 40320u) << name;
    }
}

TEST(Symmetry, ACpuWhoseTaskDiffersIsNotExchanged)
{
    fl::Setup setup = storm(3, false);
    setup.initial.tasks[2].rangeEnd = 0; // F2 now faults on nothing
    const Symmetry s(setup, setup.initial);
    EXPECT_EQ(s.order(), 2u); // only CPUs 0 and 1
}

TEST(Symmetry, RenamingAndItsInverseGiveTheMachineBack)
{
    const fl::Setup setup = storm(3, true, "pre-trylock");
    walkUntimed(setup, 3000, 7, [&](const SimState &s, std::mt19937 &rng) {
        const Renaming r = randomRenaming(s.machine, rng);
        EXPECT_EQ(r.inverse().after(r), Renaming::identity());
        ASSERT_EQ(renamed(renamed(s.machine, r), r.inverse()), s.machine);
    });
}

// The property the reduction rests on (core/README.md, "Symmetry"): for a
// state the search does not refuse, renaming then stepping is stepping then
// renaming, and the renamed state has the renamed choices.
TEST(Symmetry, StepsCommuteWithRenamingWhereTheSearchUsesIt)
{
    int checked = 0;
    for (bool mutex : {false, true}) {
        for (const char *fixes : {"baseline", "pre-trylock", "wait-on-unlock", "sleeping-lock",
                     "wait-refcount", "drain-at-start"}) {
            for (const char *preempt : {"voluntary", "full"}) {
                const fl::Setup setup = storm(3, mutex, fixes, preempt);
                const Engine engine(setup, TimeModel::Untimed);
                NullSink sink;
                walkUntimed(setup, 400, 11, [&](const SimState &s, std::mt19937 &rng) {
                    if (Symmetry::orderSensitive(s.machine))
                        return;
                    const Renaming r = randomRenaming(s.machine, rng);
                    SimState moved = s;
                    moved.machine = renamed(s.machine, r);
                    ChoiceList here, there;
                    engine.enabledChoices(s, here);
                    engine.enabledChoices(moved, there);
                    ASSERT_EQ(here.count, there.count) << fixes;
                    for (const Choice &c : here) {
                        ASSERT_TRUE(there.contains(r.apply(c))) << fixes;
                        SimState a = s, b = moved;
                        engine.apply(a, c, sink);
                        engine.apply(b, r.apply(c), sink);
                        ASSERT_EQ(renamed(a.machine, r), b.machine)
                                << fixes << " " << preempt << " choice " << int(c.cpu) << "/"
                                << int(c.task);
                        ++checked;
                    }
                });
            }
        }
    }
    EXPECT_GT(checked, 10000);
}

TEST(Symmetry, EveryStateOfAnOrbitHasOneRepresentative)
{
    for (const char *fixes : {"baseline", "pre-trylock", "sleeping-lock"}) {
        const fl::Setup setup = storm(3, true, fixes);
        const Symmetry symmetry(setup, setup.initial);
        walkUntimed(setup, 2000, 5, [&](const SimState &s, std::mt19937 &rng) {
            Machine a = s.machine;
            Machine b = renamed(s.machine, randomRenaming(s.machine, rng));
            const Renaming ra = symmetry.canonicalise(a);
            symmetry.canonicalise(b);
            ASSERT_EQ(a, b) << fixes;
            // The renaming returned is the one applied.
            ASSERT_EQ(renamed(s.machine, ra), a);
        });
    }
}

// Wherever both finish, the reduced search and the full one give the same
// verdict, and a LIVELOCK of the reduced one is a concrete lasso that
// replays in the model.
TEST(Symmetry, ReducedAndFullSearchesAgreeOnEverySmallStorm)
{
    int livelocks = 0;
    for (int faulters : {2, 3}) {
        for (bool mutex : {false, true}) {
            for (const std::string &fixes : defaultFixSets()) {
                const fl::Setup setup = storm(faulters, mutex, fixes, "voluntary");
                ExploreOptions reduced;
                reduced.maxStates = 400'000;
                ExploreOptions full = reduced;
                full.symmetry = false;
                const ExploreResult a = explore(setup, reduced);
                const ExploreResult b = explore(setup, full);
                const std::string what
                        = std::to_string(faulters) + (mutex ? " mutex " : " xe ") + fixes;
                if (!a.complete || !b.complete)
                    continue; // too big here: the explorer-matrix test has the bounds for those
                EXPECT_EQ(exploreVerdictName(a.verdict), exploreVerdictName(b.verdict)) << what;
                if (a.symmetry != "none") {
                    EXPECT_LT(a.states, b.states) << what;
                }
                if (a.verdict == ExploreVerdict::Livelock) {
                    ++livelocks;
                    std::vector<Choice> all = a.stem;
                    all.insert(all.end(), a.cycle.begin(), a.cycle.end());
                    EXPECT_EQ(replayUntimed(setup, all, static_cast<std::int64_t>(a.stem.size()))
                                      .outcome,
                            LassoOutcome::Livelock)
                            << what;
                }
            }
        }
    }
    EXPECT_GT(livelocks, 0);
}

// Where the drain loops are reached (drain-at-start: every faulter calls
// lru_add_drain_all), renaming is not exact: the search says so and runs
// without symmetry, with the full search's verdict and states.
TEST(Symmetry, TheDrainLoopsTurnTheReductionOffAndSaySo)
{
    const fl::Setup setup = storm(2, false, "drain-at-start");
    ExploreOptions options;
    const ExploreResult reduced = explore(setup, options);
    options.symmetry = false;
    const ExploreResult full = explore(setup, options);
    EXPECT_EQ(reduced.symmetry, "none");
    EXPECT_NE(reduced.symmetryNote.find("__lru_add_drain_all"), std::string::npos)
            << reduced.symmetryNote;
    EXPECT_EQ(reduced.states, full.states);
    EXPECT_EQ(exploreVerdictName(reduced.verdict), exploreVerdictName(full.verdict));
    EXPECT_TRUE(full.symmetryNote.empty());
}

// A SAFETY found on a representative is told from the concrete run: the
// task it names is the one the replayed schedule shows doing it.
TEST(Symmetry, ASafetyFindingNamesTheTaskOfTheConcreteRun)
{
    const fl::Setup setup = storm(3, false, "sleeping-lock-late-ref");
    const ExploreResult r = explore(setup, ExploreOptions {});
    ASSERT_EQ(r.verdict, ExploreVerdict::Safety) << r.summary;
    ASSERT_NE(r.symmetry, "none");
    const LassoResult replay = replayUntimed(setup, r.stem, -1);
    ASSERT_EQ(replay.outcome, LassoOutcome::Hazard) << replay.summary;
    const std::size_t by = r.summary.find(" by ");
    ASSERT_NE(by, std::string::npos) << r.summary;
    const std::string who = r.summary.substr(by + 4, 2);
    EXPECT_NE(replay.summary.find("by " + who), std::string::npos)
            << r.summary << " / " << replay.summary;
}
