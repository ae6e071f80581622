// SPDX-License-Identifier: GPL-2.0-only
// The expected outcomes of the issue (domain-spec §5.3), through the public
// engine API, for each seed of a fixed set. Every run also checks the
// machine's invariants after every step.
#include "run_support.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace fl;

using fl::test::kCanonicalCycle;
using fl::test::kinds;
using fl::test::kSeeds;
using fl::test::run;

class EachSeed : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(EachSeed, L1BaselineVoluntaryLivelocksWithTheCanonicalCycle)
{
    const RunResult r = run("l1", "baseline", "voluntary", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Livelock) << r.explanation.summary;
    EXPECT_EQ(kinds(r.explanation.cycle), kCanonicalCycle) << r.explanation.summary;
    // T -> folio D -> M -> drain work on CPU1 -> CPU1 -> T
    const auto &c = r.explanation.cycle;
    EXPECT_EQ(c[0].from, (WaitNode{NodeKind::Task, 1}));
    EXPECT_EQ(c[2].to, (WaitNode{NodeKind::Work, 1}));
    EXPECT_EQ(c[3].to, (WaitNode{NodeKind::Cpu, 1}));
    EXPECT_NE(r.explanation.summary.find("PREEMPT_VOLUNTARY"), std::string::npos);
    EXPECT_EQ(r.metrics.at("faults_completed"), 0);
    EXPECT_EQ(r.metrics.at("drain_work_done"), 0);
    EXPECT_GT(r.metrics.at("trylock_failures"), 10000); // thousands of spins per ms
}

TEST_P(EachSeed, L1BaselineNoPreemptionAlsoLivelocks)
{
    const RunResult r = run("l1", "baseline", "none", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Livelock);
    EXPECT_EQ(kinds(r.explanation.cycle), kCanonicalCycle);
}

TEST_P(EachSeed, L1BaselineFullPreemptionCompletesAfterFiniteSpinning)
{
    const RunResult r = run("l1", "baseline", "full", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Completed) << r.explanation.summary;
    const double spins = r.metrics.at("trylock_failures");
    EXPECT_GT(spins, 100);     // T spun until the tick let K1 in ...
    EXPECT_LT(spins, 100000);  // ... a finite number of times
    EXPECT_GE(r.metrics.at("preemptions"), 1);
    EXPECT_GE(r.metrics.at("drain_work_done"), 1);
    EXPECT_EQ(r.metrics.at("faults_completed"), 1);
}

TEST_P(EachSeed, L1BaselinePreemptRtCompletes)
{
    EXPECT_EQ(run("l1", "baseline", "rt", GetParam()).verdict, Verdict::Completed);
}

TEST_P(EachSeed, L1SingleMappingCompletesWithTSleepingOnTheMigrationEntry)
{
    const RunResult r = run("l1-single", "baseline", "", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Completed) << r.explanation.summary;
    EXPECT_EQ(r.metrics.at("trylock_failures"), 0);
    EXPECT_GT(r.metrics.at("sleep_time_us"), 0);
}

TEST_P(EachSeed, L1EmptyBatchCompletes)
{
    const RunResult r = run("l1-emptybatch", "baseline", "", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Completed) << r.explanation.summary;
    EXPECT_EQ(r.metrics.at("faults_completed"), 1);
}

TEST_P(EachSeed, L1RtSpinnerLivelocksEvenUnderFullPreemption)
{
    const RunResult r = run("l1-rt", "baseline", "full", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Livelock);
    EXPECT_EQ(kinds(r.explanation.cycle), kCanonicalCycle);
    EXPECT_NE(r.explanation.summary.find("RT task"), std::string::npos);
}

TEST_P(EachSeed, WaitOnUnlockCompletesUnderEveryModelAndForRt)
{
    for (const char *model : {"none", "voluntary", "full", "rt"}) {
        for (const char *scenario : {"l1", "l1-rt"}) {
            const RunResult r = run(scenario, "wait-on-unlock", model, GetParam());
            ASSERT_EQ(r.verdict, Verdict::Completed) << scenario << " " << model;
            EXPECT_LE(r.metrics.at("trylock_failures"), 2) << scenario << " " << model;
            EXPECT_EQ(r.metrics.at("failed_migrations"), 0);
            EXPECT_GT(r.metrics.at("sleep_time_us"), 0);
        }
    }
}

TEST_P(EachSeed, StormBeforeTheTrylockFailsManyMigrationsBeforeOneWins)
{
    const RunResult storm = run("s2-storm", "pre-trylock", "", GetParam());
    ASSERT_EQ(storm.verdict, Verdict::Completed) << storm.explanation.summary;
    EXPECT_EQ(storm.metrics.at("faults_completed"), 8);
    EXPECT_GE(storm.metrics.at("failed_migrations"), 8);
    EXPECT_GE(storm.metrics.at("fail_refcount_check"), 1);
    // With the trylock the same storm has one winner and no refcount failure.
    const RunResult trylock = run("s2-storm", "baseline", "", GetParam());
    ASSERT_EQ(trylock.verdict, Verdict::Completed);
    EXPECT_EQ(trylock.metrics.at("fail_refcount_check"), 0);
    EXPECT_LT(trylock.metrics.at("failed_migrations"), storm.metrics.at("failed_migrations"));
}

TEST_P(EachSeed, StormWithADriverMutexIsAStableLivelock)
{
    const RunResult r = run("s2-storm-mutex", "pre-trylock", "", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Livelock) << r.explanation.summary;
    EXPECT_EQ(r.metrics.at("faults_completed"), 0);
    EXPECT_GT(r.metrics.at("fail_refcount_check"), 100);
    EXPECT_NE(r.explanation.summary.find("No fault or migration completed"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Seeds, EachSeed, ::testing::ValuesIn(kSeeds));

TEST(Determinism, SameScenarioFixesAndSeedGiveTheSameTrace)
{
    for (const char *scenario : {"l1", "s2-storm"}) {
        const RunResult a = run(scenario, "pre-trylock", "", 9);
        const RunResult b = run(scenario, "pre-trylock", "", 9);
        EXPECT_EQ(a.traceHash, b.traceHash) << scenario;
        EXPECT_EQ(a.steps, b.steps);
        EXPECT_EQ(a.choices, b.choices);
    }
}

TEST(Determinism, ReplayingTheChoicesOfARunReproducesIt)
{
    const RunResult first = run("s2-storm", "pre-trylock", "", 5);
    const fl::Setup setup = buildSetup(loadScenario("s2-storm"), BuildOptions{{"pre-trylock"}, ""});
    RunOptions options;
    options.seed = 12345; // a different seed: only the replayed choices matter
    options.replay = first.choices;
    const RunResult replayed = runToVerdict(setup, options);
    EXPECT_EQ(replayed.traceHash, first.traceHash);
    EXPECT_EQ(replayed.verdict, first.verdict);
}

TEST(Determinism, DifferentSeedsExploreDifferentInterleavings)
{
    EXPECT_NE(run("s2-storm", "pre-trylock", "", 1).traceHash,
              run("s2-storm", "pre-trylock", "", 2).traceHash);
}
