// SPDX-License-Identifier: GPL-2.0-only
#include "lesson/predicate.h"

#include "engine/metrics.h"
#include "kernel/program.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace fl {

namespace {

bool evaluateMetric(const Predicate &p, const Observation &o)
{
    double value = 0;
    switch (p.fastMetric) {
    case FastMetric::Steps:
        value = static_cast<double>(o.metrics.steps());
        break;
    case FastMetric::TrylockFailures:
        value = static_cast<double>(o.metrics.trylockFailures());
        break;
    case FastMetric::FaultsCompleted:
        value = static_cast<double>(o.metrics.faultsCompleted());
        break;
    case FastMetric::FailedMigrations:
        value = static_cast<double>(o.metrics.failedMigrations());
        break;
    case FastMetric::MigrationsCompleted:
        value = static_cast<double>(o.metrics.migrationsCompleted());
        break;
    case FastMetric::DrainWorkDone:
        value = static_cast<double>(o.metrics.drainWorkDone());
        break;
    case FastMetric::None: {
        const auto it = o.summary.find(p.metric);
        if (it == o.summary.end())
            return false;
        value = it->second;
        break;
    }
    }
    if (p.atLeastValue && value < *p.atLeastValue)
        return false;
    if (p.atMostValue && value > *p.atMostValue)
        return false;
    return true;
}

bool onStack(const Task &t, const Program &program, std::string_view function)
{
    for (int i = 0; i < t.depth; ++i)
        if (program.listing(t.stack[static_cast<std::size_t>(i)].listing).function == function)
            return true;
    return false;
}

bool evaluateTask(const Predicate &p, const Observation &o)
{
    const Task &t = o.state.machine.task(p.task);
    if (p.state && t.state != *p.state)
        return false;
    if (p.wait && (t.state != TaskState::Sleeping || t.wait != *p.wait))
        return false;
    if (!p.inFunction.empty() && !onStack(t, o.setup.program, p.inFunction))
        return false;
    return true;
}

bool evaluateFolio(const Predicate &p, const Observation &o)
{
    const Folio &f = o.state.machine.folio(p.folio);
    if (p.locked && f.locked() != *p.locked)
        return false;
    if (p.lockedBy && f.lockOwner != *p.lockedBy)
        return false;
    if (p.lru && f.lru != *p.lru)
        return false;
    if (p.place && f.place != *p.place)
        return false;
    if (p.batchCpu && (f.place != FolioPlace::Batch || f.batchCpu != *p.batchCpu))
        return false;
    if (p.refcount && f.refcount != *p.refcount)
        return false;
    if (p.refcountAtLeast && f.refcount < *p.refcountAtLeast)
        return false;
    if (p.mapcount && f.mapcount != *p.mapcount)
        return false;
    if (p.isFree && f.allocated == *p.isFree)
        return false;
    return true;
}

bool evaluateCpu(const Predicate &p, const Observation &o)
{
    const Cpu &c = o.state.machine.cpus[p.cpu];
    if (p.running && c.current != *p.running)
        return false;
    if (p.batchCount && c.batchCount != *p.batchCount)
        return false;
    if (p.batchAtLeast && c.batchCount < *p.batchAtLeast)
        return false;
    if (p.workPending && c.workPending != *p.workPending)
        return false;
    if (p.needResched && c.needResched != *p.needResched)
        return false;
    return true;
}

// Token <-> value tables of the lesson format. The wait tokens are ours (the
// model's display names contain spaces); the kernel word where there is one.
constexpr std::array<std::pair<std::string_view, WaitKind>, 11> kWaitTokens {{
        {"not_started", WaitKind::Start},
        {"timer", WaitKind::Timer},
        {"folio_unlock", WaitKind::FolioUnlock},
        {"folio_lock", WaitKind::FolioLock},
        {"flush_work", WaitKind::FlushWork},
        {"drain_mutex", WaitKind::DrainMutex},
        {"driver_mutex", WaitKind::DriverMutex},
        {"idle", WaitKind::WorkerIdle},
        {"ptl", WaitKind::Ptl},
        {"rcu_exp_gp", WaitKind::RcuExpGp},
        {"refcount", WaitKind::Refcount},
}};

constexpr std::array<std::pair<std::string_view, MigrateFailReason>, 5> kReasonTokens {{
        {"nothing_collected", MigrateFailReason::NothingCollected},
        {"trylock_in_collect", MigrateFailReason::TrylockInCollect},
        {"isolate_failed", MigrateFailReason::IsolateFailed},
        {"refcount_check", MigrateFailReason::RefcountCheck},
        {"migrate_mapping_busy", MigrateFailReason::MigrateMappingBusy},
}};

template<typename T, std::size_t N>
std::optional<T> lookup(
        const std::array<std::pair<std::string_view, T>, N> &table, std::string_view name)
{
    for (const auto &[token, value] : table)
        if (token == name)
            return value;
    return std::nullopt;
}

template<typename T, std::size_t N>
std::vector<std::string> tokens(const std::array<std::pair<std::string_view, T>, N> &table)
{
    std::vector<std::string> out;
    for (const auto &entry : table)
        out.emplace_back(entry.first);
    return out;
}

} // namespace

bool evaluate(const Predicate &p, const Observation &o)
{
    switch (p.kind) {
    case Predicate::Kind::All:
        return std::all_of(p.children.begin(), p.children.end(),
                [&](const Predicate &c) { return evaluate(c, o); });
    case Predicate::Kind::Any:
        return std::any_of(p.children.begin(), p.children.end(),
                [&](const Predicate &c) { return evaluate(c, o); });
    case Predicate::Kind::Not:
        return !evaluate(p.children.front(), o);
    case Predicate::Kind::Event:
    case Predicate::Kind::Migrated:
        return o.counts[static_cast<std::size_t>(p.counter)] >= p.atLeast;
    case Predicate::Kind::Metric:
        return evaluateMetric(p, o);
    case Predicate::Kind::Verdict:
        return o.verdict && *o.verdict == p.verdict;
    case Predicate::Kind::Explorer:
        return o.explorerVerdict && *o.explorerVerdict == p.explorerVerdict;
    case Predicate::Kind::Fix:
        return p.fix ? o.setup.fixes.has(*p.fix) : o.setup.fixes.isBaseline();
    case Predicate::Kind::Preempt:
        return o.state.machine.preempt == p.preempt;
    case Predicate::Kind::TaskState:
        return evaluateTask(p, o);
    case Predicate::Kind::FolioState:
        return evaluateFolio(p, o);
    case Predicate::Kind::CpuState:
        return evaluateCpu(p, o);
    }
    return false;
}

std::optional<TaskState> taskStateByName(std::string_view name)
{
    if (name == "runnable")
        return TaskState::Runnable;
    if (name == "running")
        return TaskState::Running;
    if (name == "sleeping")
        return TaskState::Sleeping;
    if (name == "done")
        return TaskState::Done;
    return std::nullopt;
}

std::optional<WaitKind> waitKindByToken(std::string_view token)
{
    return lookup(kWaitTokens, token);
}

std::vector<std::string> waitKindTokens()
{
    return tokens(kWaitTokens);
}

// Walks the enum up to the first value without a name, so that events the
// engine gains later are accepted without a change here.
std::optional<EventKind> eventKindByName(std::string_view name)
{
    for (int k = 0; k < 256; ++k) {
        const char *n = eventKindName(static_cast<EventKind>(k));
        if (std::string_view(n) == "?")
            break;
        if (name == n)
            return static_cast<EventKind>(k);
    }
    return std::nullopt;
}

std::vector<std::string> eventKindNames()
{
    std::vector<std::string> out;
    for (int k = 0; k < 256; ++k) {
        const char *n = eventKindName(static_cast<EventKind>(k));
        if (std::string_view(n) == "?")
            break;
        out.emplace_back(n);
    }
    return out;
}

std::optional<MigrateFailReason> failReasonByToken(std::string_view token)
{
    return lookup(kReasonTokens, token);
}

std::vector<std::string> failReasonTokens()
{
    return tokens(kReasonTokens);
}

std::optional<FolioPlace> folioPlaceByName(std::string_view name)
{
    if (name == "none")
        return FolioPlace::None;
    if (name == "lru")
        return FolioPlace::Lru;
    if (name == "batch")
        return FolioPlace::Batch;
    if (name == "isolated")
        return FolioPlace::Isolated;
    return std::nullopt;
}

std::optional<fl::Verdict> verdictByName(std::string_view name)
{
    for (fl::Verdict v : {fl::Verdict::Livelock, fl::Verdict::Deadlock, fl::Verdict::Completed,
                 fl::Verdict::Limit})
        if (name == verdictName(v))
            return v;
    return std::nullopt;
}

std::optional<ExploreVerdict> exploreVerdictByName(std::string_view name)
{
    for (ExploreVerdict v :
            {ExploreVerdict::Livelock, ExploreVerdict::Deadlock, ExploreVerdict::Safety,
                    ExploreVerdict::Ok, ExploreVerdict::Partial, ExploreVerdict::Refused})
        if (name == exploreVerdictName(v))
            return v;
    return std::nullopt;
}

std::optional<fl::Preempt> preemptByName(std::string_view name)
{
    for (fl::Preempt p :
            {fl::Preempt::None, fl::Preempt::Voluntary, fl::Preempt::Full, fl::Preempt::Rt})
        if (name == preemptName(p))
            return p;
    return std::nullopt;
}

FastMetric fastMetricByName(std::string_view name)
{
    if (name == "steps")
        return FastMetric::Steps;
    if (name == "trylock_failures")
        return FastMetric::TrylockFailures;
    if (name == "faults_completed")
        return FastMetric::FaultsCompleted;
    if (name == "failed_migrations")
        return FastMetric::FailedMigrations;
    if (name == "migrations_completed")
        return FastMetric::MigrationsCompleted;
    if (name == "drain_work_done")
        return FastMetric::DrainWorkDone;
    return FastMetric::None;
}

std::vector<std::string> listingFunctionNames()
{
    std::vector<FixSet> sets(1);
    for (const FixInfo &info : fixCatalogue()) {
        FixSet s;
        s.add(info.fix);
        sets.push_back(s);
    }
    std::vector<std::string> out;
    for (const FixSet &s : sets) {
        const Program program(s);
        for (std::size_t i = 0; i < static_cast<std::size_t>(ListingId::Count); ++i) {
            const std::string name(program.listing(static_cast<std::uint8_t>(i)).function);
            if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end())
                out.push_back(name);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace fl
