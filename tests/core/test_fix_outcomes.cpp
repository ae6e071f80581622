// SPDX-License-Identifier: GPL-2.0-only
// The fix rows of the expected-outcome table (domain-spec §5.3), with the
// sharpened rows of §5.5, one test per row. Where the model departs from an
// [I] row the test pins the model's behaviour and says why (core/README.md).
#include "run_support.h"

#include <algorithm>

using namespace fl;
using fl::test::kCanonicalCycle;
using fl::test::kinds;
using fl::test::kSeeds;
using fl::test::run;
using fl::test::runSpec;

namespace {

bool cycleHas(const RunResult &r, EdgeKind kind)
{
    const auto k = kinds(r.explanation.cycle);
    return std::find(k.begin(), k.end(), kind) != k.end();
}

double metric(const RunResult &r, const char *name)
{
    return r.metrics.at(name);
}

} // namespace

class FixRow : public ::testing::TestWithParam<std::uint64_t> {};

// F1: T yields at cond_resched() once the tick sets need_resched, so K1 runs;
// until then it burns CPU on the trylock.
TEST_P(FixRow, CondReschedResolvesL1ButTStillSpinsUntilTheTick)
{
    for (const char *model : {"none", "voluntary"}) {
        const RunResult r = run("l1", "cond-resched", model, GetParam());
        ASSERT_EQ(r.verdict, Verdict::Completed) << model << ": " << r.explanation.summary;
        EXPECT_GE(metric(r, "cond_resched_yields"), 1) << model;
        EXPECT_GT(metric(r, "trylock_failures"), 100) << model; // busy-polls between yields
        EXPECT_EQ(metric(r, "faults_completed"), 1);
    }
}

// Andrew: a fair kworker never preempts a SCHED_FIFO spinner, so yielding
// does not help L1-RT in any model.
TEST_P(FixRow, CondReschedStillLivelocksAnRtSpinner)
{
    for (const char *model : {"voluntary", "full"}) {
        const RunResult r = run("l1-rt", "cond-resched", model, GetParam());
        ASSERT_EQ(r.verdict, Verdict::Livelock) << model;
        EXPECT_EQ(kinds(r.explanation.cycle), kCanonicalCycle) << model;
    }
}

// F1b: sleeping frees the CPU for any class, but each retry costs at least a
// jiffy, far beyond the 10-15 us GPU-fault budget.
TEST_P(FixRow, MsleepResolvesEveryModelAndRtAtJiffyLatency)
{
    for (const char *scenario : {"l1", "l1-rt"}) {
        for (const char *model : {"voluntary", "full", "rt"}) {
            const RunResult r = run(scenario, "msleep", model, GetParam());
            ASSERT_EQ(r.verdict, Verdict::Completed) << scenario << " " << model;
            EXPECT_GE(metric(r, "fault_latency_p50_us"), 1000) << scenario << " " << model;
        }
    }
}

// F2: no livelock in L1, but every migrate_vma_setup pays an expedited grace
// period and a forced drain. The forced drain queues work only where a batch
// waits (since v5.18; test_model_corrections.cpp checks each queued item),
// so no more than one item per CPU per call.
TEST_P(FixRow, LruCacheDisableResolvesL1AtTheCostOfGracePeriods)
{
    const RunResult r = run("l1", "lru-cache-disable", "voluntary", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Completed) << r.explanation.summary;
    EXPECT_EQ(metric(r, "rcu_exp_gp_count"), metric(r, "migrations_started"));
    EXPECT_GT(metric(r, "rcu_exp_gp_latency_p50_us"), 0);
    EXPECT_LE(metric(r, "lcd_drained_cpus"), 4 * metric(r, "rcu_exp_gp_count"));
    EXPECT_LE(metric(r, "drain_work_queued"), metric(r, "lcd_drained_cpus"));
}

// V4 as sharpened by §5.5: on the migrate_to_ram path the trylock winner
// holds D's lock inside lru_cache_disable() while a GPU faulter spins on D;
// the spinner's CPU never passes a quiescent state. A hang that is a
// livelock, only without preemption; the merged fix or F6 on top removes it.
TEST_P(FixRow, LruCacheDisableOnTheFaultPathHangsWithAGpuSpinner)
{
    const RunResult hang = run("s2-mixed", "lru-cache-disable", "voluntary", GetParam());
    ASSERT_EQ(hang.verdict, Verdict::Livelock) << hang.explanation.summary;
    EXPECT_TRUE(cycleHas(hang, EdgeKind::NeedsQuiescentState)) << hang.explanation.summary;
    EXPECT_TRUE(cycleHas(hang, EdgeKind::SpinsOnLock));
    EXPECT_EQ(run("s2-mixed", "lru-cache-disable", "full", GetParam()).verdict,
              Verdict::Completed);
    EXPECT_EQ(run("s2-mixed", "lru-cache-disable+wait-on-unlock", "voluntary", GetParam()).verdict,
              Verdict::Completed);
    EXPECT_EQ(run("s2-mixed", "lru-cache-disable+migration-entry-in-fault", "voluntary",
                  GetParam())
                  .verdict,
              Verdict::Completed);
    // Without lru_cache_disable the same storm is harmless.
    EXPECT_EQ(run("s2-mixed", "baseline", "voluntary", GetParam()).verdict, Verdict::Completed);
}

// F3: M releases everything, drains with nothing locked, collects again.
TEST_P(FixRow, DrainBackoffResolvesL1WithARestart)
{
    const RunResult r = run("l1", "drain-backoff", "voluntary", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Completed) << r.explanation.summary;
    EXPECT_GT(metric(r, "backoff_restarts"), 0);
}

// F3b: an extra drain on every migration.
TEST_P(FixRow, DrainAtStartResolvesL1WithAnExtraDrainPerMigration)
{
    const RunResult base = run("l1", "baseline", "full", GetParam());
    const RunResult r = run("l1", "drain-at-start", "voluntary", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Completed) << r.explanation.summary;
    EXPECT_GE(metric(r, "drain_calls_completed"), metric(r, "migrations_started"));
    EXPECT_GT(metric(r, "drain_calls_completed"), metric(base, "drain_calls_completed") - 1);
}

// F3c: by the time M drains, B's entry for D is a migration entry: T sleeps
// on it instead of spinning.
TEST_P(FixRow, DrainAfterUnmapMakesTSleepOnAMigrationEntry)
{
    const RunResult r = run("l1", "drain-after-unmap", "voluntary", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Completed) << r.explanation.summary;
    EXPECT_LE(metric(r, "trylock_failures"), 2);
    EXPECT_GT(metric(r, "sleep_time_us"), 0);
    EXPECT_EQ(metric(r, "failed_migrations"), 0);
}

// F4 (John's order): T sleeps in lock_page, so no livelock in any model or
// class; but T's reference makes M's migration fail. migrate_vma_check_page
// still allows ZONE_DEVICE one historical extra reference, so with a single
// sleeper it is folio_migrate_mapping's exact count that fails.
TEST_P(FixRow, SleepingLockResolvesL1AndL1RtButFailsTheMigratorsRefcountCheck)
{
    for (const char *scenario : {"l1", "l1-rt"}) {
        for (const char *model : {"voluntary", "full"}) {
            const RunResult r = run(scenario, "sleeping-lock", model, GetParam());
            ASSERT_EQ(r.verdict, Verdict::Completed) << scenario << " " << model;
            EXPECT_GE(metric(r, "fail_refcount_check") + metric(r, "fail_migrate_mapping"), 1)
                << scenario << " " << model;
            EXPECT_EQ(metric(r, "hazard_use_after_free"), 0);
        }
    }
}

// §5.5: with several faulters each sleeper's reference fails the holder's
// migration, the lock passes on, and nobody ever completes. §5.3 expects the
// sleepers to drain and serial retries to follow [I]; in the model they never
// drain, because a faulter re-faults (and takes a new reference) long before
// the next holder reaches its refcount check. The completion detector says so.
TEST_P(FixRow, SleepingLockStormHandsTheLockAroundWithoutCompleting)
{
    const RunResult r = run("s2-storm", "sleeping-lock", "voluntary", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Livelock) << r.explanation.summary;
    EXPECT_EQ(metric(r, "faults_completed"), 0);
    EXPECT_GT(metric(r, "fail_refcount_check"), 1000);
    EXPECT_NE(r.explanation.summary.find("No fault or migration completed"), std::string::npos);
    // F5 as Thomas posted it takes the references out of
    // migrate_vma_check_page() only: folio_migrate_mapping() still fails on
    // them, so the storm goes on, failing one step later. (Before the source
    // review the model relaxed both checks and this storm completed.)
    const RunResult pinned = run("s2-storm", "sleeping-lock+pincount-only", "voluntary", GetParam());
    ASSERT_EQ(pinned.verdict, Verdict::Livelock) << pinned.explanation.summary;
    EXPECT_EQ(metric(pinned, "fail_refcount_check"), 0);
    EXPECT_GT(metric(pinned, "fail_migrate_mapping"), 1000);
    EXPECT_EQ(metric(pinned, "faults_completed"), 0);
}

// F4 + F5 on L1 (§5.3, corrected): close to F4 alone. T's reference still
// fails M's folio_migrate_mapping(); the check F5 relaxes never saw it (the
// historical ZONE_DEVICE allowance covered one sleeper).
TEST_P(FixRow, SleepingLockWithPincountOnlyFailsLikeSleepingLockAlone)
{
    const RunResult r = run("l1", "sleeping-lock+pincount-only", "voluntary", GetParam());
    const RunResult f4 = run("l1", "sleeping-lock", "voluntary", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Completed);
    EXPECT_EQ(metric(r, "fail_refcount_check"), 0);
    EXPECT_GE(metric(r, "fail_migrate_mapping"), 1);
    EXPECT_EQ(metric(r, "failed_migrations"), metric(f4, "failed_migrations"));
}

// F4b (Matthew's order): T sleeps on D's lock holding no reference, and M's
// migration frees D before T takes one: the use-after-free window, reported.
TEST_P(FixRow, SleepingLockLateRefOpensTheUseAfterFreeWindow)
{
    const RunResult r = run("l1", "sleeping-lock-late-ref", "voluntary", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Completed);
    EXPECT_GE(metric(r, "hazard_use_after_free"), 1);
}

// F6 (§5.5): only the trylock-success branch changes, so L1 (where the lock
// holder is M, not a faulter) still livelocks; between faulters the losers
// sleep on the winner's migration entry instead of spinning.
TEST_P(FixRow, MigrationEntryInFaultLeavesL1LivelockedButStopsFaulterSpinning)
{
    const RunResult l1 = run("l1", "migration-entry-in-fault", "voluntary", GetParam());
    ASSERT_EQ(l1.verdict, Verdict::Livelock);
    EXPECT_EQ(kinds(l1.explanation.cycle), kCanonicalCycle);
    EXPECT_EQ(run("l1-single", "migration-entry-in-fault", "", GetParam()).verdict,
              Verdict::Completed);
    const RunResult storm = run("s2-storm", "migration-entry-in-fault", "", GetParam());
    ASSERT_EQ(storm.verdict, Verdict::Completed);
    const RunResult trylock = run("s2-storm", "baseline", "", GetParam());
    EXPECT_LT(metric(storm, "trylock_failures"), metric(trylock, "trylock_failures"));
}

// F8 targets migration failures, not the drain starvation: L1 still
// livelocks. Combined with the reference-holding sleepers of F4 (or the
// mutex sleepers of V2) the migrator waits for references whose holders wait
// for its lock: a deadlock [I, the model's consequence].
TEST_P(FixRow, WaitRefcountDoesNotTouchL1AndDeadlocksWithReferenceHoldingSleepers)
{
    EXPECT_EQ(run("l1", "wait-refcount", "voluntary", GetParam()).verdict, Verdict::Livelock);
    const RunResult f4 = run("s2-storm", "sleeping-lock+wait-refcount", "", GetParam());
    ASSERT_EQ(f4.verdict, Verdict::Deadlock) << f4.explanation.summary;
    EXPECT_GE(metric(f4, "refcount_waits"), 1);
    EXPECT_EQ(run("s2-storm-mutex", "pre-trylock+wait-refcount", "", GetParam()).verdict,
              Verdict::Deadlock);
}

// S2 x F7: one winner migrates, the rest sleep and wake, no refcount failure.
TEST_P(FixRow, MergedFixStormHasOneWinnerAndNoRefcountFailures)
{
    const RunResult r = run("s2-storm", "wait-on-unlock", "", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Completed);
    EXPECT_EQ(metric(r, "migrations_completed"), 1);
    EXPECT_EQ(metric(r, "fail_refcount_check"), 0);
    EXPECT_EQ(metric(r, "faults_completed"), 8);
}

INSTANTIATE_TEST_SUITE_P(Seeds, FixRow, ::testing::ValuesIn(kSeeds));

// L1-RT with RT throttling: under FULL the throttled spinner is preempted
// once its 950 ms are used, K1 drains and everything completes; under
// VOLUNTARY the throttle only sets need_resched, which a loop without a
// preemption point never honours, so the livelock stays (the model departs
// from the §5.3 [I] row, which does not distinguish the models).
TEST(RtThrottling, StallsAboutOnePeriodThenResolvesOnlyWhereThePreemptionModelLetsIt)
{
    ScenarioSpec spec = loadScenario("l1-rt");
    spec.rtThrottling = true;
    const RunResult full = runSpec(spec, "baseline", "full", 1, false);
    ASSERT_EQ(full.verdict, Verdict::Completed) << full.explanation.summary;
    EXPECT_GE(full.virtualNs, 950'000'000u);
    EXPECT_LT(full.virtualNs, 1'000'000'000u);
    EXPECT_EQ(metric(full, "rt_throttle_events"), 1);
    const RunResult voluntary = runSpec(spec, "baseline", "voluntary", 1, false);
    EXPECT_EQ(voluntary.verdict, Verdict::Livelock);
    EXPECT_EQ(metric(voluntary, "rt_throttle_events"), 1);
}

// W: lru-cache-disable's grace period on every migration costs throughput;
// the merged fix costs nothing where nobody contends. Matthew measured
// orders of magnitude "in certain sections"; the model, with a 40 us [I]
// grace period per 20 us-period migration and its drains only where batches
// wait, loses about 40 % (it lost 80 % while it drained every CPU). Whether
// w-alloc meets V4 is in test_model_corrections.cpp: it no longer does.
TEST(Workload, LruCacheDisableCostsThroughputAndTheMergedFixDoesNot)
{
    const double base = metric(run("w-alloc", "baseline", "full", 1), "throughput_per_s");
    const RunResult lcd = run("w-alloc", "lru-cache-disable", "full", 1);
    const RunResult merged = run("w-alloc", "wait-on-unlock", "full", 1);
    ASSERT_EQ(lcd.verdict, Verdict::Completed);
    EXPECT_LT(metric(lcd, "throughput_per_s"), base * 0.75);
    EXPECT_GT(metric(lcd, "rcu_exp_gp_count"), 100);
    EXPECT_GT(metric(merged, "throughput_per_s"), base * 0.9);
}

// Every built-in scenario under every fix and combination, in each model
// the matrix shows: the machine's invariants hold at every step (a bounded
// prefix of each run keeps this fast).
TEST(EveryFix, KeepsTheInvariantsOnEveryBuiltinScenario)
{
    std::vector<std::string> sets = {"baseline"};
    for (const FixInfo &info : fixCatalogue())
        sets.emplace_back(info.name);
    for (std::string_view combo : fixCombinations())
        sets.emplace_back(combo);
    for (const BuiltinScenario &builtin : builtinScenarios()) {
        const std::string &name = builtin.name;
        const ScenarioSpec spec = loadScenario(name);
        for (const std::string &fixes : sets) {
            for (const char *model : {"voluntary", "full", "rt"}) {
                FixSet parsed;
                ASSERT_EQ(parseFixSet(fixes, parsed), "") << fixes;
                BuildOptions build;
                for (const FixInfo &info : fixCatalogue())
                    if (parsed.has(info.fix))
                        build.fixes.emplace_back(info.name);
                build.preempt = model;
                RunOptions options;
                options.maxSteps = 20'000;
                options.checkInvariants = true;
                const RunResult r = runToVerdict(buildSetup(spec, build), options);
                EXPECT_EQ(r.invariantViolation, "") << name << " " << fixes << " " << model;
            }
        }
    }
}
