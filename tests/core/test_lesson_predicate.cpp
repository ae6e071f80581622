// SPDX-License-Identifier: GPL-2.0-only
// Goal predicates: every kind, once true and once false, on l1's machine.
#include "engine/engine.h"
#include "engine/metrics.h"
#include "kernel/program.h"
#include "lesson/predicate.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

using namespace fl;

namespace {

class PredicateTest : public ::testing::Test
{
protected:
    PredicateTest()
        : setup(buildSetup(loadScenario("l1")))
        , state(Engine(setup).initialState())
    { }

    bool eval(const Predicate &p) const
    {
        const Observation o {setup, state, counts, metrics, summary, verdict, explorerVerdict};
        return evaluate(p, o);
    }

    TaskId task(const std::string &name) const
    {
        const auto it = std::find(setup.taskNames.begin(), setup.taskNames.end(), name);
        return static_cast<TaskId>(it - setup.taskNames.begin());
    }

    FolioId folio(const std::string &name) const
    {
        const auto it = std::find(setup.folioNames.begin(), setup.folioNames.end(), name);
        return static_cast<FolioId>(it - setup.folioNames.begin());
    }

    static Predicate of(Predicate::Kind kind)
    {
        Predicate p;
        p.kind = kind;
        return p;
    }

    fl::Setup setup;
    SimState state;
    std::vector<std::uint64_t> counts;
    Metrics metrics;
    std::map<std::string, double> summary;
    std::optional<Verdict> verdict;
    std::optional<ExploreVerdict> explorerVerdict;
};

Predicate constant(bool value)
{
    // "Fix baseline" holds on l1's baseline setup; its negation does not.
    Predicate p;
    p.kind = Predicate::Kind::Fix;
    if (value)
        return p;
    Predicate n;
    n.kind = Predicate::Kind::Not;
    n.children.push_back(p);
    return n;
}

} // namespace

TEST_F(PredicateTest, Combinators)
{
    ASSERT_TRUE(eval(constant(true)));
    ASSERT_FALSE(eval(constant(false)));

    Predicate all = of(Predicate::Kind::All);
    all.children = {constant(true), constant(true)};
    EXPECT_TRUE(eval(all));
    all.children.push_back(constant(false));
    EXPECT_FALSE(eval(all));

    Predicate any = of(Predicate::Kind::Any);
    any.children = {constant(false), constant(false)};
    EXPECT_FALSE(eval(any));
    any.children.push_back(constant(true));
    EXPECT_TRUE(eval(any));
}

TEST_F(PredicateTest, EventCounterAndMigrated)
{
    counts = {2, 0};
    Predicate p = of(Predicate::Kind::Event);
    p.counter = 0;
    p.atLeast = 3;
    EXPECT_FALSE(eval(p));
    counts[0] = 3;
    EXPECT_TRUE(eval(p));

    Predicate m = of(Predicate::Kind::Migrated);
    m.counter = 1;
    EXPECT_FALSE(eval(m));
    counts[1] = 1;
    EXPECT_TRUE(eval(m));
}

TEST(EventFilter, MatchesKindAndEveryGivenField)
{
    EventFilter f;
    f.kind = EventKind::Sleep;
    f.task = 2;
    f.arg = static_cast<std::int32_t>(WaitKind::FlushWork);
    Event e;
    e.kind = EventKind::Sleep;
    e.task = 2;
    e.arg = static_cast<std::int32_t>(WaitKind::FlushWork);
    EXPECT_TRUE(f.matches(e));
    e.arg = static_cast<std::int32_t>(WaitKind::DrainMutex);
    EXPECT_FALSE(f.matches(e));
    e.arg = static_cast<std::int32_t>(WaitKind::FlushWork);
    e.task = 3;
    EXPECT_FALSE(f.matches(e));
    e.task = 2;
    e.kind = EventKind::Wake;
    EXPECT_FALSE(f.matches(e));
    // Fields left open match anything.
    EventFilter any;
    any.kind = EventKind::Wake;
    EXPECT_TRUE(any.matches(e));
}

TEST_F(PredicateTest, MetricFromCountersAndFromTheSummary)
{
    Predicate fast = of(Predicate::Kind::Metric);
    fast.metric = "trylock_failures";
    fast.fastMetric = fastMetricByName(fast.metric);
    ASSERT_EQ(fast.fastMetric, FastMetric::TrylockFailures);
    fast.atLeastValue = 2;
    Event e;
    e.kind = EventKind::TrylockFailed;
    e.task = task("T");
    e.folio = folio("D");
    metrics.onEvent(e);
    EXPECT_FALSE(eval(fast));
    metrics.onEvent(e);
    EXPECT_TRUE(eval(fast));
    fast.atMostValue = 1;
    EXPECT_FALSE(eval(fast));

    Predicate slow = of(Predicate::Kind::Metric);
    slow.metric = "drain_latency_p50_us";
    ASSERT_EQ(fastMetricByName(slow.metric), FastMetric::None);
    slow.atMostValue = 10;
    EXPECT_FALSE(eval(slow)); // not in the summary yet
    summary[slow.metric] = 12;
    EXPECT_FALSE(eval(slow));
    summary[slow.metric] = 7;
    EXPECT_TRUE(eval(slow));
}

TEST_F(PredicateTest, VerdictFixAndPreempt)
{
    Predicate v = of(Predicate::Kind::Verdict);
    v.verdict = Verdict::Livelock;
    EXPECT_FALSE(eval(v)); // no verdict yet
    verdict = Verdict::Completed;
    EXPECT_FALSE(eval(v));
    verdict = Verdict::Livelock;
    EXPECT_TRUE(eval(v));

    Predicate fix = of(Predicate::Kind::Fix);
    fix.fix = Fix::WaitOnUnlock;
    EXPECT_FALSE(eval(fix));
    setup.fixes.add(Fix::WaitOnUnlock);
    EXPECT_TRUE(eval(fix));
    Predicate baseline = of(Predicate::Kind::Fix);
    EXPECT_FALSE(eval(baseline));

    Predicate pre = of(Predicate::Kind::Preempt);
    pre.preempt = Preempt::Full;
    EXPECT_FALSE(eval(pre));
    state.machine.preempt = Preempt::Full;
    EXPECT_TRUE(eval(pre));
}

TEST_F(PredicateTest, ExplorerVerdict)
{
    Predicate p = of(Predicate::Kind::Explorer);
    p.explorerVerdict = ExploreVerdict::Ok;
    EXPECT_FALSE(eval(p)); // not explored
    explorerVerdict = ExploreVerdict::Livelock;
    EXPECT_FALSE(eval(p));
    explorerVerdict = ExploreVerdict::Ok;
    EXPECT_TRUE(eval(p));
    EXPECT_EQ(exploreVerdictByName("PARTIAL"), ExploreVerdict::Partial);
    EXPECT_FALSE(exploreVerdictByName("ok"));
}

TEST_F(PredicateTest, TaskState)
{
    Predicate p = of(Predicate::Kind::TaskState);
    p.task = task("M");
    p.state = TaskState::Sleeping;
    p.wait = WaitKind::FlushWork;
    Task &m = state.machine.task(p.task);
    m.state = TaskState::Sleeping;
    m.wait = WaitKind::DrainMutex;
    EXPECT_FALSE(eval(p));
    m.wait = WaitKind::FlushWork;
    EXPECT_TRUE(eval(p));
    m.state = TaskState::Running;
    EXPECT_FALSE(eval(p));

    // A kernel function anywhere on the call stack.
    Predicate in = of(Predicate::Kind::TaskState);
    in.task = task("M");
    in.inFunction = "lru_add_drain_all";
    m.depth = 1;
    m.stack[0] = Frame {static_cast<std::uint8_t>(ListingId::MigratorMain), 0};
    EXPECT_FALSE(eval(in));
    m.depth = 2;
    m.stack[1] = Frame {static_cast<std::uint8_t>(ListingId::LruAddDrainAll), 0};
    const std::string fn(setup.program.listing(ListingId::LruAddDrainAll).function);
    in.inFunction = fn;
    EXPECT_TRUE(eval(in));
}

TEST_F(PredicateTest, FolioState)
{
    const FolioId d = folio("D");
    Folio &f = state.machine.folio(d);
    f.lockOwner = NoTask;
    f.refcount = 2;
    f.mapcount = 2;

    Predicate p = of(Predicate::Kind::FolioState);
    p.folio = d;
    p.locked = true;
    EXPECT_FALSE(eval(p));
    f.lockOwner = task("M");
    EXPECT_TRUE(eval(p));

    p.lockedBy = task("T");
    EXPECT_FALSE(eval(p));
    p.lockedBy = task("M");
    EXPECT_TRUE(eval(p));

    p.refcount = 3;
    EXPECT_FALSE(eval(p));
    p.refcount = 2;
    p.refcountAtLeast = 3;
    EXPECT_FALSE(eval(p));
    p.refcountAtLeast = 2;
    p.mapcount = 2;
    EXPECT_TRUE(eval(p));
    p.isFree = true;
    EXPECT_FALSE(eval(p));

    Predicate s = of(Predicate::Kind::FolioState);
    s.folio = folio("S"); // l1: S waits in CPU1's batch
    s.place = FolioPlace::Batch;
    s.batchCpu = 1;
    s.lru = false;
    EXPECT_TRUE(eval(s));
    s.batchCpu = 2;
    EXPECT_FALSE(eval(s));
    s.batchCpu.reset();
    s.lru = true;
    EXPECT_FALSE(eval(s));
}

TEST_F(PredicateTest, CpuState)
{
    Cpu &c = state.machine.cpus[1];
    c.current = task("T");
    c.workPending = false;
    c.needResched = false;

    Predicate p = of(Predicate::Kind::CpuState);
    p.cpu = 1;
    p.running = task("T");
    p.workPending = true;
    EXPECT_FALSE(eval(p));
    c.workPending = true;
    EXPECT_TRUE(eval(p));
    p.needResched = true;
    EXPECT_FALSE(eval(p));
    c.needResched = true;
    EXPECT_TRUE(eval(p));

    Predicate idle = of(Predicate::Kind::CpuState);
    idle.cpu = 3;
    idle.running = NoTask;
    state.machine.cpus[3].current = NoTask;
    EXPECT_TRUE(eval(idle));
    state.machine.cpus[3].current = task("X");
    EXPECT_FALSE(eval(idle));

    Predicate batch = of(Predicate::Kind::CpuState);
    batch.cpu = 1;
    batch.batchAtLeast = static_cast<int>(c.batchCount) + 1;
    EXPECT_FALSE(eval(batch));
    batch.batchAtLeast.reset();
    batch.batchCount = static_cast<int>(c.batchCount);
    EXPECT_TRUE(eval(batch));
}

TEST(PredicateNames, TokensRoundTrip)
{
    for (const std::string &name : eventKindNames())
        EXPECT_EQ(eventKindName(*eventKindByName(name)), name);
    EXPECT_FALSE(eventKindByName("nope"));
    EXPECT_EQ(eventKindByName("trylock-failed"), EventKind::TrylockFailed);
    for (const std::string &token : waitKindTokens())
        EXPECT_TRUE(waitKindByToken(token)) << token;
    EXPECT_EQ(waitKindByToken("flush_work"), WaitKind::FlushWork);
    EXPECT_EQ(failReasonByToken("refcount_check"), MigrateFailReason::RefcountCheck);
    EXPECT_EQ(verdictByName("LIVELOCK"), Verdict::Livelock);
    EXPECT_EQ(preemptByName("rt"), Preempt::Rt);
    const std::vector<std::string> functions = listingFunctionNames();
    EXPECT_NE(std::find(functions.begin(), functions.end(), "do_swap_page"), functions.end());
    // Every fast metric is also a summary metric, so both paths agree on names.
    const auto names = Metrics().summary();
    for (const char *m : {"steps", "trylock_failures", "faults_completed", "failed_migrations",
                 "migrations_completed", "drain_work_done"}) {
        EXPECT_NE(fastMetricByName(m), FastMetric::None) << m;
        EXPECT_TRUE(names.count(m)) << m;
    }
}
