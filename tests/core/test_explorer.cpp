// SPDX-License-Identifier: GPL-2.0-only
// The explorer: its visited set, the fair-cycle check on small graphs, and
// verdicts on real scenarios with the counterexample replayed step by step.
#include "explore/explorer.h"
#include "explore/lasso.h"
#include "explore/state_graph.h"
#include "explore/state_table.h"
#include "run_support.h"
#include "small_storms.h"

#include <algorithm>

using namespace fl;
using fl::test::kCanonicalCycle;
using fl::test::kinds;
using fl::test::replayOf;
using fl::test::setupOf;
using fl::test::smallStorm;

namespace {





ExploreResult exploreSpec(const ScenarioSpec &spec, const std::string &fixes,
                          const std::string &preempt = "")
{
    const fl::Setup setup = setupOf(spec, fixes, preempt);
    return explore(setup, ExploreOptions{});
}


StateGraph graphOf(const std::vector<std::vector<StateEdge>> &out)
{
    StateGraph g;
    for (const auto &edges : out) {
        for (const StateEdge &e : edges)
            g.add(e.to, e.key, e.flags);
        g.closeState();
    }
    return g;
}

constexpr std::uint16_t kA = 0x001, kB = 0x102, kC = 0x203; // three choice keys

} // namespace

TEST(StateTable, FindsWhatItStoredAndGrows)
{
    StateTable table(4);
    for (std::uint32_t i = 0; i < 5000; ++i)
        EXPECT_EQ(table.insert(0x9e3779b97f4a7c15ull * (i + 1), i), i);
    EXPECT_EQ(table.size(), 5000u);
    for (std::uint32_t i = 0; i < 5000; ++i)
        EXPECT_EQ(table.find(0x9e3779b97f4a7c15ull * (i + 1)), i);
    EXPECT_EQ(table.find(12345), StateTable::Absent);
    EXPECT_EQ(table.insert(0x9e3779b97f4a7c15ull, 99), 0u); // present: keeps its number
}

TEST(FairCycles, ACycleTakingEveryChoiceItEnablesIsFair)
{
    // 0 -> 1 <-> 2, both choices taken on the cycle.
    const StateGraph g = graphOf({{{1, kA, 0}}, {{2, kA, 0}, {2, kB, 0}}, {{1, kB, 0}}});
    const auto cycle = findFairCycle(g);
    ASSERT_TRUE(cycle);
    EXPECT_EQ(cycle->entry, 1u);
    ASSERT_FALSE(cycle->choices.empty());
    // Both keys appear on the walk.
    const auto has = [&](std::uint16_t key) {
        return std::find(cycle->choices.begin(), cycle->choices.end(), choiceOfKey(key))
               != cycle->choices.end();
    };
    EXPECT_TRUE(has(kA));
    EXPECT_TRUE(has(kB));
}

TEST(FairCycles, ACycleThatNeverTakesAnEnabledChoiceIsNot)
{
    // 1 <-> 2 on choice A, but state 1 also enables C, which leaves to 3.
    const StateGraph g = graphOf({{{1, kA, 0}}, {{2, kA, 0}, {3, kC, 0}}, {{1, kA, 0}}, {}});
    EXPECT_FALSE(findFairCycle(g));
}

TEST(FairCycles, StrongFairnessKeepsTheFairPartOfAComponent)
{
    // Component {1, 2, 3}: state 3 enables C, which only leaves. Without 3,
    // 1 <-> 2 is fair (nothing else enabled there).
    const StateGraph g = graphOf({{{1, kA, 0}},
                                  {{2, kA, 0}, {3, kB, 0}},
                                  {{1, kA, 0}},
                                  {{1, kB, 0}, {4, kC, 0}},
                                  {}});
    // State 1 enables B, taken only towards 3; removing 3 leaves B untaken,
    // so 1 goes too: no fair cycle.
    EXPECT_FALSE(findFairCycle(g));
    const StateGraph h = graphOf({{{1, kA, 0}}, {{2, kA, 0}}, {{1, kA, 0}, {3, kC, 0}}, {}});
    EXPECT_FALSE(findFairCycle(h)); // C enabled at 2, never taken on the cycle
    const StateGraph k = graphOf({{{1, kA, 0}}, {{2, kA, 0}}, {{1, kA, 0}}, {{3, kC, 0}}});
    const auto self = findFairCycle(k);
    ASSERT_TRUE(self);
    EXPECT_EQ(self->entry, 1u); // the shallower of the two fair components
}

TEST(FairCycles, ACycleThroughACompletionIsNotALivelock)
{
    const StateGraph g = graphOf({{{1, kA, 0}}, {{0, kA, EdgeCompletes}}});
    EXPECT_FALSE(findFairCycle(g));
}

TEST(Explorer, L1FindsTheCanonicalLivelockAsALassoThatReplays)
{
    const ScenarioSpec l1 = loadScenario("l1");
    const ExploreResult r = exploreSpec(l1, "baseline");
    ASSERT_EQ(r.verdict, ExploreVerdict::Livelock) << r.summary;
    EXPECT_TRUE(r.complete);
    EXPECT_FALSE(r.stem.empty());
    EXPECT_FALSE(r.cycle.empty());
    EXPECT_EQ(kinds(r.explanation.cycle), kCanonicalCycle);
    EXPECT_LE(r.storedBytesPerState, 64.0);
    EXPECT_GT(r.peakRssBytes, 0u);
    const LassoResult replay = replayOf(l1, "baseline", r);
    EXPECT_EQ(replay.outcome, LassoOutcome::Livelock) << replay.summary;
    EXPECT_EQ(replay.steps, r.stem.size() + r.cycle.size());
}

TEST(Explorer, L1WithTheMergedFixIsOkInEverySchedule)
{
    const ExploreResult r = exploreSpec(loadScenario("l1"), "wait-on-unlock");
    ASSERT_EQ(r.verdict, ExploreVerdict::Ok) << r.summary;
    EXPECT_TRUE(r.complete);
    EXPECT_GT(r.states, 10000u);
    EXPECT_GT(r.transitions, r.states);
    EXPECT_TRUE(r.alsoFound.empty());
    EXPECT_LE(r.storedBytesPerState, 64.0);
    EXPECT_GT(r.peakRssBytes, 0u);
}

TEST(Explorer, ADamagedLassoIsRefusedByTheReplay)
{
    const ScenarioSpec l1 = loadScenario("l1");
    const ExploreResult r = exploreSpec(l1, "baseline");
    ASSERT_EQ(r.verdict, ExploreVerdict::Livelock);
    std::vector<Choice> all = r.stem;
    all.insert(all.end(), r.cycle.begin(), r.cycle.end());
    // Without its last step the cycle does not come back to its entry.
    std::vector<Choice> cut(all.begin(), all.end() - 1);
    EXPECT_EQ(replayUntimed(setupOf(l1, "baseline"), cut, static_cast<std::int64_t>(r.stem.size()))
                  .outcome,
              LassoOutcome::NotACycle);
    // A choice for a CPU that cannot act there is not enabled.
    std::vector<Choice> wrong = all;
    wrong[0] = Choice{3, NoTask};
    const LassoResult bad = replayUntimed(setupOf(l1, "baseline"), wrong, -1);
    EXPECT_EQ(bad.outcome, LassoOutcome::NotEnabled);
    EXPECT_EQ(bad.failedAt, 0u);
}

TEST(Explorer, SmallStormsDecideEveryDoSwapPageVariant)
{
    const ScenarioSpec pair = parseScenario(smallStorm(2), "pair.toml");
    EXPECT_EQ(exploreSpec(pair, "baseline").verdict, ExploreVerdict::Ok);
    EXPECT_EQ(exploreSpec(pair, "wait-on-unlock").verdict, ExploreVerdict::Ok);
    EXPECT_EQ(exploreSpec(pair, "migration-entry-in-fault").verdict, ExploreVerdict::Ok);
    // V1: with references and no lock, a schedule exists where every
    // migration fails forever; §5.5: so with a sleeping lock_page, and with
    // pincount-only on top (as posted it leaves folio_migrate_mapping's
    // exact count, which the sleeper's reference still fails).
    for (const char *fixes : {"pre-trylock", "sleeping-lock", "sleeping-lock+pincount-only"}) {
        const ExploreResult r = exploreSpec(pair, fixes);
        ASSERT_EQ(r.verdict, ExploreVerdict::Livelock) << fixes;
        EXPECT_EQ(replayOf(pair, fixes, r).outcome, LassoOutcome::Livelock) << fixes;
    }
}

// 879 states cannot be weighed against the process they run in: the search
// says so instead of dividing the test binary's memory among them.
TEST(Explorer, ATinySearchHasNoBytesPerStateFigure)
{
    const ScenarioSpec pair = parseScenario(smallStorm(2), "pair.toml");
    const ExploreResult r = exploreSpec(pair, "baseline");
    ASSERT_TRUE(r.complete);
    EXPECT_LT(r.states, 10000u);
    EXPECT_GT(r.residentBeforeBytes, 0u);
    EXPECT_GE(r.peakRssBytes, r.residentBeforeBytes);
    EXPECT_FALSE(r.bytesPerStateMeaningful());
}

TEST(Explorer, TheLateReferenceIsUnsafe)
{
    const ScenarioSpec pair = parseScenario(smallStorm(2), "pair.toml");
    const ExploreResult r = exploreSpec(pair, "sleeping-lock-late-ref");
    ASSERT_EQ(r.verdict, ExploreVerdict::Safety) << r.summary;
    EXPECT_NE(r.summary.find("use-after-free"), std::string::npos) << r.summary;
    EXPECT_EQ(replayOf(pair, "sleeping-lock-late-ref", r).outcome, LassoOutcome::Hazard);
}

TEST(Explorer, WaitingForReferencesHeldBySleepersDeadlocks)
{
    const ScenarioSpec trio = parseScenario(smallStorm(3), "trio.toml");
    const ExploreResult r = exploreSpec(trio, "sleeping-lock+wait-refcount");
    ASSERT_EQ(r.verdict, ExploreVerdict::Deadlock) << r.summary;
    const LassoResult replay = replayOf(trio, "sleeping-lock+wait-refcount", r);
    EXPECT_EQ(replay.outcome, LassoOutcome::Deadlock);
    const auto k = kinds(replay.explanation.cycle);
    EXPECT_NE(std::find(k.begin(), k.end(), EdgeKind::NeedsRefDropped), k.end());
}

TEST(Explorer, BoundsAndCancellationGiveAPartialVerdict)
{
    const fl::Setup setup = setupOf(loadScenario("l1"), "wait-on-unlock");
    ExploreOptions bounded;
    bounded.maxStates = 1000;
    const ExploreResult r = explore(setup, bounded);
    EXPECT_EQ(r.verdict, ExploreVerdict::Partial);
    EXPECT_FALSE(r.complete);
    EXPECT_LE(r.states, 1000u + 64u); // the bound is checked per expanded state
    std::atomic<bool> cancel{true};
    ExploreOptions cancelled;
    cancelled.cancel = &cancel;
    EXPECT_EQ(explore(setup, cancelled).verdict, ExploreVerdict::Partial);
}

// A throughput workload (w-alloc: every task repeats its job 40 times) is
// beyond the explorer: it is refused with the reason, unless asked to search
// the rounds anyway; what counts is the runs still to make in the start
// state, so the same tasks on their last run are searched.
TEST(Explorer, ARepeatingWorkloadIsRefusedUnlessItsRoundsAreAskedFor)
{
    const fl::Setup setup = setupOf(loadScenario("w-alloc"), "baseline");
    ExploreOptions bounded;
    bounded.maxStates = 2000;
    const ExploreResult refused = explore(setup, bounded);
    EXPECT_EQ(refused.verdict, ExploreVerdict::Refused);
    EXPECT_STREQ(exploreVerdictName(refused.verdict), "REFUSED");
    EXPECT_FALSE(refused.complete);
    EXPECT_EQ(refused.states, 0u);
    EXPECT_NE(refused.summary.find("up to 40 more runs each"), std::string::npos)
            << refused.summary;
    EXPECT_NE(refused.summary.find("--search-repeats"), std::string::npos) << refused.summary;

    ExploreOptions rounds = bounded;
    rounds.searchRepeats = true;
    const ExploreResult searched = explore(setup, rounds);
    EXPECT_EQ(searched.verdict, ExploreVerdict::Partial);
    EXPECT_GE(searched.states, 2000u);
    EXPECT_NE(searched.summary.find("up to 40 more runs each"), std::string::npos)
            << searched.summary;

    SimState lastRun = Engine(setup, TimeModel::Untimed).initialState();
    for (int t = 0; t < lastRun.machine.taskCount; ++t)
        lastRun.machine.tasks[t].repeatsLeft = 0;
    const ExploreResult once = explore(setup, lastRun, bounded);
    EXPECT_EQ(once.verdict, ExploreVerdict::Partial);
    EXPECT_EQ(once.summary.find("more runs"), std::string::npos) << once.summary;

    const ExploreResult l1 = explore(setupOf(loadScenario("l1"), "wait-on-unlock"), bounded);
    EXPECT_EQ(l1.verdict, ExploreVerdict::Partial);
    EXPECT_EQ(l1.summary.find("more runs"), std::string::npos) << l1.summary;
}

// From the state where the runner declared its LIVELOCK (a timed state,
// converted by Engine::untimedFrom) the search finds a lasso; written after
// the runner's timed choices, it replays from the scenario's start, and a
// timed choice that does not fit is refused in the timed part.
TEST(Explorer, ALassoFromTheRunnersStateReplaysAfterItsTimedChoices)
{
    const fl::Setup setup = setupOf(loadScenario("l1"), "baseline");
    const RunResult run = runToVerdict(setup, RunOptions {});
    ASSERT_EQ(run.verdict, Verdict::Livelock);
    const SimState start = Engine(setup, TimeModel::Untimed).untimedFrom(run.finalState);
    ExploreOptions options;
    options.threads = 1;
    const ExploreResult r = explore(setup, start, options);
    ASSERT_EQ(r.verdict, ExploreVerdict::Livelock);

    std::vector<Choice> all = run.choices;
    const auto timed = static_cast<std::int64_t>(all.size());
    all.insert(all.end(), r.stem.begin(), r.stem.end());
    all.insert(all.end(), r.cycle.begin(), r.cycle.end());
    const std::int64_t cycleStart = timed + static_cast<std::int64_t>(r.stem.size());
    const LassoResult ok = replayUntimed(setup, all, cycleStart, timed);
    EXPECT_EQ(ok.outcome, LassoOutcome::Livelock) << ok.summary;
    EXPECT_EQ(ok.steps, all.size());

    std::vector<Choice> broken = all;
    broken[1] = Choice {7, NoTask}; // l1 has no CPU7
    const LassoResult bad = replayUntimed(setup, broken, cycleStart, timed);
    EXPECT_EQ(bad.outcome, LassoOutcome::NotEnabled);
    EXPECT_EQ(bad.failedAt, 1u);
    EXPECT_NE(bad.summary.find("in the timed run"), std::string::npos) << bad.summary;
}

TEST(Explorer, StartsFromAnyStateReachedByStepping)
{
    const fl::Setup setup = setupOf(loadScenario("l1"), "baseline");
    const ExploreResult whole = explore(setup, ExploreOptions{});
    ASSERT_EQ(whole.verdict, ExploreVerdict::Livelock);
    // From the state at the cycle's entry the livelock is there at once.
    const Engine engine(setup, TimeModel::Untimed);
    SimState s = engine.initialState();
    std::vector<Event> events;
    for (Choice c : whole.stem)
        s = engine.applied(s, c, &events);
    const ExploreResult fromEntry = explore(setup, s, ExploreOptions{});
    ASSERT_EQ(fromEntry.verdict, ExploreVerdict::Livelock);
    EXPECT_TRUE(fromEntry.stem.empty());
    EXPECT_LT(fromEntry.states, whole.states);
}

// The search runs on several threads but merges in state order: the same
// graph, the same counterexample, whatever the number of threads.
TEST(Explorer, ThreadsDoNotChangeTheResult)
{
    const fl::Setup setup = setupOf(loadScenario("l1"), "baseline");
    ExploreOptions one, two;
    one.threads = 1;
    two.threads = 2;
    const ExploreResult a = explore(setup, one);
    const ExploreResult b = explore(setup, two);
    EXPECT_EQ(a.verdict, b.verdict);
    EXPECT_EQ(a.states, b.states);
    EXPECT_EQ(a.transitions, b.transitions);
    EXPECT_EQ(a.stem, b.stem);
    EXPECT_EQ(a.cycle, b.cycle);
}
