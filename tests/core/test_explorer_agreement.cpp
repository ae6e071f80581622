// SPDX-License-Identifier: GPL-2.0-only
// The explorer against the expected outcomes of domain-spec §5.3: one test
// per row, over every schedule of the untimed model. Where a run
// can only say "no progress for 50 ms", the explorer decides: a livelock is
// proved by a fair lasso that replays, "resolves" by an OK over the whole
// space. Rows whose space is too large to finish here (full preemption of
// l1, lru-cache-disable, the 8-CPU storms) are covered by the runner's tests
// and by small storms (two faulters) that keep the same mechanism.
#include "explore/explorer.h"
#include "explore/lasso.h"
#include "run_support.h"
#include "small_storms.h"

using namespace fl;
using fl::test::kCanonicalCycle;
using fl::test::kinds;
using fl::test::setupOf;
using fl::test::smallStorm;

namespace {





// The explorer's verdict; a livelock must come with a lasso that replays.
ExploreVerdict decide(const ScenarioSpec &spec, const std::string &fixes,
                      const std::string &preempt = "")
{
    const Setup setup = setupOf(spec, fixes, preempt);
    const ExploreResult r = explore(setup, ExploreOptions{});
    EXPECT_TRUE(r.complete) << spec.name << " " << fixes << ": " << r.summary;
    if (r.verdict == ExploreVerdict::Livelock) {
        std::vector<Choice> all = r.stem;
        all.insert(all.end(), r.cycle.begin(), r.cycle.end());
        EXPECT_EQ(replayUntimed(setup, all, static_cast<std::int64_t>(r.stem.size())).outcome,
                  LassoOutcome::Livelock)
            << spec.name << " " << fixes;
    }
    return r.verdict;
}

ExploreVerdict decide(const char *builtin, const std::string &fixes,
                      const std::string &preempt = "")
{
    return decide(loadScenario(builtin), fixes, preempt);
}

constexpr auto Livelock = ExploreVerdict::Livelock;
constexpr auto Ok = ExploreVerdict::Ok;

} // namespace

// L1 x F0: livelock forever without preemption.
TEST(Agreement, L1BaselineLivelocksWithoutPreemption)
{
    EXPECT_EQ(decide("l1", "baseline", "voluntary"), Livelock);
    EXPECT_EQ(decide("l1", "baseline", "none"), Livelock);
    const ExploreResult r = explore(setupOf(loadScenario("l1"), "baseline", ""), ExploreOptions{});
    EXPECT_EQ(kinds(r.explanation.cycle), kCanonicalCycle);
}

// L1-RT x F0, any model: livelock (full preemption included).
TEST(Agreement, L1RtLivelocksEvenUnderFullPreemption)
{
    EXPECT_EQ(decide("l1-rt", "baseline", "voluntary"), Livelock);
    EXPECT_EQ(decide("l1-rt", "baseline", "full"), Livelock);
}

// L1-single and L1-emptybatch x F0: no livelock in any schedule.
TEST(Agreement, L1SingleAndEmptyBatchAreFreeOfLivelock)
{
    EXPECT_EQ(decide("l1-single", "baseline"), Ok);
    EXPECT_EQ(decide("l1-emptybatch", "baseline"), Ok);
}

// F1: resolves a fair-class spinner, not an RT one.
TEST(Agreement, CondReschedResolvesL1ButNotL1Rt)
{
    EXPECT_EQ(decide("l1", "cond-resched"), Ok);
    EXPECT_EQ(decide("l1-rt", "cond-resched"), Livelock);
}

// F1b: resolves both.
TEST(Agreement, MsleepResolvesL1AndL1Rt)
{
    EXPECT_EQ(decide("l1", "msleep"), Ok);
    EXPECT_EQ(decide("l1-rt", "msleep"), Ok);
}

// F3, F3b, F3c: no livelock.
TEST(Agreement, EveryDrainPlacementResolvesL1)
{
    EXPECT_EQ(decide("l1", "drain-backoff"), Ok);
    EXPECT_EQ(decide("l1", "drain-at-start"), Ok);
    EXPECT_EQ(decide("l1", "drain-after-unmap"), Ok);
}

// F4 (and F4+F5): no livelock in L1, RT included; with two faulters the lock
// can be handed back and forth forever (§5.5). F5 as posted does not change
// that: it relaxes migrate_vma_check_page() only, and the sleeper's
// reference still fails folio_migrate_mapping() (the model relaxed both
// before the source review, and said OK here).
TEST(Agreement, SleepingLockResolvesL1ButNotTwoFaulters)
{
    EXPECT_EQ(decide("l1", "sleeping-lock"), Ok);
    EXPECT_EQ(decide("l1-rt", "sleeping-lock"), Ok);
    EXPECT_EQ(decide("l1", "sleeping-lock+pincount-only"), Ok);
    const ScenarioSpec pair = parseScenario(smallStorm(2), "pair.toml");
    EXPECT_EQ(decide(pair, "sleeping-lock"), Livelock);
    EXPECT_EQ(decide(pair, "sleeping-lock+pincount-only"), Livelock);
}

// F6: L1 still livelocks; L1-single is fine (it already was).
TEST(Agreement, MigrationEntryInFaultLeavesL1Livelocked)
{
    EXPECT_EQ(decide("l1", "migration-entry-in-fault"), Livelock);
    EXPECT_EQ(decide("l1-single", "migration-entry-in-fault"), Ok);
}

// F7: no livelock, RT included; faulters storming one page are fine.
TEST(Agreement, MergedFixHasNoLivelockInAnySchedule)
{
    EXPECT_EQ(decide("l1", "wait-on-unlock"), Ok);
    EXPECT_EQ(decide("l1-rt", "wait-on-unlock"), Ok);
    EXPECT_EQ(decide(parseScenario(smallStorm(2), "pair.toml"), "wait-on-unlock"), Ok);
}

// F8 does not address the drain starvation.
TEST(Agreement, WaitRefcountLeavesL1Livelocked)
{
    EXPECT_EQ(decide("l1", "wait-refcount"), Livelock);
}

// S2 x F0: the trylock winner migrates, the losers retry and finish. S2 x
// pre-trylock: the faulters' references can fail every migration forever
// (the "thousands of spins" are a schedule that never ends), with or
// without a driver mutex (V1, V2).
TEST(Agreement, StormsBeforeAndAfterTheTrylock)
{
    const ScenarioSpec pair = parseScenario(smallStorm(2), "pair.toml");
    const ScenarioSpec pairMutex = parseScenario(smallStorm(2, true), "pair-mutex.toml");
    EXPECT_EQ(decide(pair, "baseline"), Ok);
    EXPECT_EQ(decide(pairMutex, "baseline"), Ok);
    EXPECT_EQ(decide(pair, "pre-trylock"), Livelock);
    EXPECT_EQ(decide(pairMutex, "pre-trylock"), Livelock);
}

// L1 x F0 under FULL: resolves in every schedule (3.7 million states, about
// half a minute: the largest space the tests explore).
TEST(Agreement, L1BaselineResolvesUnderFullPreemptionInEverySchedule)
{
    EXPECT_EQ(decide("l1", "baseline", "full"), Ok);
}
