// SPDX-License-Identifier: GPL-2.0-only
// The corrections of issue 10, each pinned where a source review found the
// model wrong: the forced drain, the RCU flavour knob, V4 in its four
// configurations, pincount-only as posted, do_anonymous_page as a sleeping
// point, the notifier's owner filter per mirror, Xe's all-or-nothing
// migration and hmm_vma_fault's loop over the rest of the range.
#include "run_support.h"

#include "engine/engine.h"
#include "kernel/steps.h"
#include "scenario/scenario_error.h"

#include <gtest/gtest.h>

#include <string>

namespace fl::test {
namespace {

double metric(const RunResult &r, const std::string &name)
{
    const auto it = r.metrics.find(name);
    EXPECT_NE(it, r.metrics.end()) << name;
    return it == r.metrics.end() ? 0.0 : it->second;
}

bool cycleHas(const RunResult &r, EdgeKind kind)
{
    for (const WaitEdge &e : r.explanation.cycle)
        if (e.kind == kind)
            return true;
    return false;
}

// Replays a run's schedule through the engine and looks at the machine at
// the moment each event is emitted.
class StateProbe final : public EventSink
{
public:
    explicit StateProbe(const SimState &s)
        : m_s(s)
    { }
    void onEvent(const Event &e) override
    {
        if (e.kind == EventKind::WorkQueued) {
            ++queued;
            if (m_s.machine.cpus[e.cpu].batchCount == 0)
                ++queuedOnEmptyBatch;
            if (e.arg == 1)
                ++queuedByForcedDrain;
        }
        if (e.kind == EventKind::NotifierInvalidate)
            ++invalidations[static_cast<std::size_t>(e.arg)];
        if (e.kind == EventKind::HmmRetry)
            ++hmmRetries;
        // drm_pagemap_migrate_to_devmem()'s own report names no folio.
        if (e.kind == EventKind::MigrationDone && e.folio == NoFolio) {
            ++devmemMigrations;
            if (e.arg != 4)
                ++partialDevmemMigrations;
        }
    }
    void onStep(CpuId, TaskId, std::uint16_t, Nanos, Nanos) override { }

    int queued = 0;
    int queuedOnEmptyBatch = 0;
    int queuedByForcedDrain = 0;
    int hmmRetries = 0;
    int devmemMigrations = 0;
    int partialDevmemMigrations = 0; // of a four-page range, fewer than four moved
    std::array<int, MaxMms> invalidations {};

private:
    const SimState &m_s;
};

StateProbe probeRun(const Setup &setup, const RunResult &run)
{
    const Engine engine(setup);
    SimState s = engine.initialState();
    StateProbe probe(s);
    for (const Choice &c : run.choices)
        engine.apply(s, c, probe);
    return probe;
}

ScenarioSpec withRcu(ScenarioSpec spec, const std::string &rcu)
{
    spec.rcu = rcu;
    return spec;
}

// s2-mixed with a folio waiting in the batch of each GPU faulter's CPU, so
// whichever faulter spins, its CPU has something for the drain to do.
ScenarioSpec s2MixedBatched(const std::string &rcu)
{
    ScenarioSpec spec = withRcu(loadScenario("s2-mixed"), rcu);
    for (int cpu : {1, 3}) {
        FolioSpec f;
        f.name = "B" + std::to_string(cpu);
        f.kind = "system";
        f.location = "batch";
        f.batchCpu = cpu;
        spec.folios.push_back(f);
    }
    return spec;
}

// (1) Since v5.18 a forced drain only skips the generation check: work is
// queued where cpu_needs_drain() is true, never on an empty batch.
TEST(ForcedDrain, QueuesWorkOnlyOnCpusWithPendingBatches)
{
    struct Case
    {
        ScenarioSpec spec;
        std::string preempt;
    };
    const Case cases[] = {{loadScenario("l1"), "voluntary"}, {loadScenario("w-alloc"), "full"},
            {s2MixedBatched("preemptible"), "voluntary"}};
    int forced = 0;
    for (const Case &c : cases) {
        for (std::uint64_t seed : {1, 2, 3}) {
            const fl::Setup setup = setupOf(c.spec, "lru-cache-disable", c.preempt);
            RunOptions options;
            options.seed = seed;
            options.maxSteps = 400'000;
            const RunResult run = runToVerdict(setup, options);
            const StateProbe probe = probeRun(setup, run);
            EXPECT_EQ(probe.queuedOnEmptyBatch, 0) << c.spec.name << " seed " << seed;
            EXPECT_EQ(probe.queuedByForcedDrain, metric(run, "lcd_drained_cpus"))
                    << c.spec.name << " seed " << seed;
            EXPECT_LE(metric(run, "lcd_drained_cpus_per_call"), 4.0);
            forced += probe.queuedByForcedDrain;
        }
    }
    EXPECT_GT(forced, 0) << "no forced drain found anything to drain: the cases test nothing";
}

// (2) The RCU flavour is its own knob, with a default per preemption model.
TEST(RcuFlavour, DefaultsPerModelAndOverrides)
{
    const ScenarioSpec l1 = loadScenario("l1");
    EXPECT_EQ(setupOf(l1, "baseline").initial.rcu, RcuFlavour::NonPreemptible);
    EXPECT_EQ(setupOf(l1, "baseline", "none").initial.rcu, RcuFlavour::NonPreemptible);
    EXPECT_EQ(setupOf(l1, "baseline", "full").initial.rcu, RcuFlavour::Preemptible);
    EXPECT_EQ(setupOf(l1, "baseline", "rt").initial.rcu, RcuFlavour::Preemptible);
    EXPECT_EQ(setupOf(withRcu(l1, "preemptible"), "baseline").initial.rcu, RcuFlavour::Preemptible);
    // A scenario written for a non-preemptible build run as PREEMPT_RT gets
    // what that kernel has.
    EXPECT_EQ(setupOf(withRcu(l1, "non-preemptible"), "baseline", "rt").initial.rcu,
            RcuFlavour::Preemptible);
    BuildOptions both;
    both.preempt = "rt";
    both.rcu = "non-preemptible";
    EXPECT_THROW(buildSetup(l1, both), ScenarioError);
}

TEST(RcuFlavour, ScenarioFileRefusesRtWithNonPreemptibleRcuAtTheKey)
{
    const std::string text
            = "name = \"x\"\n[machine]\npreempt = \"rt\"\nrcu = \"non-preemptible\"\n"
              "[[mm]]\nname = \"A\"\n";
    try {
        parseScenario(text, "x.toml");
        FAIL() << "accepted rt with non-preemptible RCU";
    } catch (const ScenarioError &e) {
        EXPECT_NE(std::string(e.what()).find("x.toml:4:"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("PREEMPT_RT"), std::string::npos) << e.what();
    }
    try {
        parseScenario("name = \"x\"\n[machine]\nrcu = \"tree\"\n[[mm]]\nname = \"A\"\n", "y.toml");
        FAIL() << "accepted an unknown flavour";
    } catch (const ScenarioError &e) {
        EXPECT_NE(std::string(e.what()).find("y.toml:3:"), std::string::npos) << e.what();
    }
}

// V4 (spec §3.3, §5.5) on s2-mixed under lru-cache-disable, voluntary: the
// trylock winner holds D's lock inside lru_cache_disable() while a GPU
// faulter spins on D. It hangs in the grace period with non-preemptible RCU,
// in the drain's flush_work when the spinner's CPU has pending batches, and
// not at all with preemptible RCU and empty batches.
class V4 : public ::testing::TestWithParam<std::uint64_t>
{ };

TEST_P(V4, NonPreemptibleRcuEmptyBatchesHangsInTheGracePeriod)
{
    const RunResult r = runSpec(withRcu(loadScenario("s2-mixed"), "non-preemptible"),
            "lru-cache-disable", "voluntary", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Livelock) << r.explanation.summary;
    EXPECT_TRUE(cycleHas(r, EdgeKind::NeedsQuiescentState)) << r.explanation.summary;
    EXPECT_TRUE(cycleHas(r, EdgeKind::SpinsOnLock));
}

TEST_P(V4, PreemptibleRcuEmptyBatchesCompletes)
{
    const RunResult r = runSpec(withRcu(loadScenario("s2-mixed"), "preemptible"),
            "lru-cache-disable", "voluntary", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Completed) << r.explanation.summary;
    EXPECT_GE(metric(r, "rcu_exp_gp_count"), 1);
    EXPECT_EQ(metric(r, "lcd_drained_cpus"), 0); // nothing was waiting in a batch
}

TEST_P(V4, NonPreemptibleRcuPendingBatchHangs)
{
    const RunResult r = runSpec(
            s2MixedBatched("non-preemptible"), "lru-cache-disable", "voluntary", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Livelock) << r.explanation.summary;
    EXPECT_TRUE(cycleHas(r, EdgeKind::SpinsOnLock));
    // The grace period comes first, and it is already stuck.
    EXPECT_TRUE(cycleHas(r, EdgeKind::NeedsQuiescentState)) << r.explanation.summary;
}

TEST_P(V4, PreemptibleRcuPendingBatchHangsInFlushWork)
{
    const RunResult r
            = runSpec(s2MixedBatched("preemptible"), "lru-cache-disable", "voluntary", GetParam());
    ASSERT_EQ(r.verdict, Verdict::Livelock) << r.explanation.summary;
    EXPECT_TRUE(cycleHas(r, EdgeKind::FlushesWork)) << r.explanation.summary;
    EXPECT_FALSE(cycleHas(r, EdgeKind::NeedsQuiescentState)) << r.explanation.summary;
}

TEST_P(V4, FullPreemptionResolvesEveryConfiguration)
{
    for (const char *rcu : {"non-preemptible", "preemptible"}) {
        EXPECT_EQ(runSpec(withRcu(loadScenario("s2-mixed"), rcu), "lru-cache-disable", "full",
                          GetParam())
                          .verdict,
                Verdict::Completed)
                << rcu;
        EXPECT_EQ(runSpec(s2MixedBatched(rcu), "lru-cache-disable", "full", GetParam()).verdict,
                Verdict::Completed)
                << rcu;
    }
}

// w-alloc under lru-cache-disable, voluntary: the old model hung here only
// because its forced drain queued work on T's CPU, which had nothing to
// drain. Corrected, w-alloc completes in all four configurations: T and F
// collide on a page so rarely (spins per fault ~ 0.001) that no spinner is
// ever in the kernel while a lru_cache_disable() caller holds its page.
TEST_P(V4, WorkloadCompletesForBothFlavoursAndBothBatchStates)
{
    for (const char *rcu : {"non-preemptible", "preemptible"}) {
        for (int pagevec : {1, 31}) { // 1: every batch flushes at once, nothing pending
            ScenarioSpec spec = withRcu(loadScenario("w-alloc"), rcu);
            spec.pagevecSize = pagevec;
            const RunResult r = runSpec(spec, "lru-cache-disable", "voluntary", GetParam());
            EXPECT_EQ(r.verdict, Verdict::Completed)
                    << rcu << " pagevec " << pagevec << ": " << r.explanation.summary;
            EXPECT_EQ(metric(r, "rcu_exp_gp_count"), metric(r, "migrations_started"));
            if (pagevec == 1) {
                EXPECT_EQ(metric(r, "lcd_drained_cpus"), 0);
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Seeds, V4, ::testing::Values(1, 2, 3));

// (3) pincount-only as Thomas posted it: migrate_vma_check_page() no longer
// counts references, folio_migrate_mapping() still does. With sleeping-lock
// the sleepers' references fail the mapping move instead of the check.
TEST(PincountOnly, KeepsTheExactRefcountCheckOfTheMappingMove)
{
    double mappingFailures = 0;
    for (std::uint64_t seed : kSeeds) {
        const RunResult r = run("s2-storm", "sleeping-lock+pincount-only", "voluntary", seed);
        EXPECT_EQ(metric(r, "fail_refcount_check"), 0) << "seed " << seed;
        mappingFailures += metric(r, "fail_migrate_mapping");
    }
    EXPECT_GT(mappingFailures, 0);
}

// (4) do_anonymous_page() allocates and charges before it takes the PTL:
// a might_sleep() point, so a voluntary preemption point.
TEST(AnonymousFault, AllocationIsAMightSleepPointBeforeThePtl)
{
    EXPECT_TRUE(stepInfo(StepId::AnonAlloc).flags & FlagMightSleep);
    EXPECT_FALSE(stepInfo(StepId::AnonAllocMap).flags & FlagMightSleep);
    const Program program {FixSet {}};
    // The allocation comes first in the listing, the PTL step second.
    EXPECT_EQ(program.indexOf(
                      static_cast<std::uint8_t>(ListingId::DoAnonymousPage), StepId::AnonAlloc),
            0);
    EXPECT_EQ(program.indexOf(
                      static_cast<std::uint8_t>(ListingId::DoAnonymousPage), StepId::AnonAllocMap),
            1);
}

// (5) drm_gpusvm's notifier bumps the sequence for its own migrations too;
// a mirror that filters them (test_hmm, nouveau) is a property of the mm.
TEST(NotifierFilter, IsAPropertyOfTheMirror)
{
    std::array<int, 2> onA {};
    for (bool skips : {false, true}) {
        ScenarioSpec spec = loadScenario("l1"); // mm A's mirror has M's owner
        spec.mms[0].mirrorSkipsOwnMigrations = skips;
        const fl::Setup setup = setupOf(spec, "wait-on-unlock");
        const RunResult r = runToVerdict(setup, RunOptions {});
        ASSERT_EQ(r.verdict, Verdict::Completed);
        const StateProbe probe = probeRun(setup, r);
        onA[skips ? 1 : 0] = probe.invalidations[0];
        EXPECT_GT(probe.invalidations[1], 0) << "try_to_migrate on B always invalidates";
    }
    // M's collect on A carries A's mirror's own owner: drm_gpusvm counts it,
    // a filtering mirror does not (try_to_migrate's still count for both).
    EXPECT_LT(onA[1], onA[0]);
}

// (6) drm_pagemap_migrate_to_devmem() migrates all or nothing.
TEST(XeMigration, IsAllOrNothingWhereAmdkfdLikeDriversMigrateWhatTheyGot)
{
    double partial = 0;
    int amdPartial = 0;
    for (std::uint64_t seed : {1, 2, 3}) {
        const fl::Setup setup = setupOf(loadScenario("w-alloc"), "baseline", "voluntary");
        RunOptions options;
        options.seed = seed;
        const RunResult xe = runToVerdict(setup, options);
        partial += metric(xe, "fail_partial_collect");
        // Every migration to VRAM that completed moved the whole range.
        const StateProbe probe = probeRun(setup, xe);
        EXPECT_GT(probe.devmemMigrations, 0) << "seed " << seed;
        EXPECT_EQ(probe.partialDevmemMigrations, 0) << "seed " << seed;

        ScenarioSpec spec = loadScenario("w-alloc");
        for (GpuSpec &g : spec.gpus)
            g.driver = "mutex";
        const fl::Setup amdSetup = setupOf(spec, "baseline", "voluntary");
        const RunResult amd = runToVerdict(amdSetup, options);
        EXPECT_EQ(metric(amd, "fail_partial_collect"), 0) << "seed " << seed;
        amdPartial += probeRun(amdSetup, amd).partialDevmemMigrations;
    }
    EXPECT_GT(partial, 0) << "no migration collected fewer pages than asked";
    EXPECT_GT(amdPartial, 0) << "amdkfd-like drivers should move partial sets";
}

// (7) hmm_vma_fault() faults every page from the first faulting address to
// the end of the range, then returns -EBUSY once.
TEST(HmmVmaFault, FaultsTheRestOfTheRangeBeforeWalkingAgain)
{
    const std::string text = R"(name = "three-empty"
[machine]
cpus = 1
[[mm]]
name = "A"
mirror_owner = "gpu"
[[folio]]
name = "R1"
free = true
[[folio]]
name = "R2"
free = true
[[folio]]
name = "R3"
free = true
[[task]]
name = "T"
role = "hmm-faulter"
cpu = 0
mm = "A"
range = [0, 3]
owner = "gpu"
)";
    const fl::Setup setup = setupOf(parseScenario(text, "three-empty"), "baseline");
    const RunResult r = runToVerdict(setup, RunOptions {});
    ASSERT_EQ(r.verdict, Verdict::Completed) << r.explanation.summary;
    const StateProbe probe = probeRun(setup, r);
    EXPECT_EQ(probe.hmmRetries, 1); // one -EBUSY for all three faults, not three
    for (Va va = 0; va < 3; ++va)
        EXPECT_EQ(r.finalState.machine.mms[0].pte[va].kind, PteKind::Present) << int(va);
}

} // namespace
} // namespace fl::test
