// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/events.h"
#include "engine/runner.h"
#include "engine/setup.h"
#include "explore/explorer.h"
#include "kernel/fixes.h"
#include "model/machine.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

// Goal predicates over the state, the events and the metrics of a run. They
// are structured (one TOML table per predicate) rather than an expression
// language so that every mistake can be reported at its file position.
namespace fl {

class Metrics;

// Counts events that match: a kind and optional task, CPU, folio and argument
// (the wait of a sleep, the reason of a failed migration). The session keeps
// one counter per filter for the current run.
struct EventFilter
{
    EventKind kind = EventKind::Tick;
    TaskId task = NoTask;
    CpuId cpu = NoCpu;
    FolioId folio = NoFolio;
    std::int32_t arg = -1; // -1: any

    bool matches(const Event &e) const
    {
        return e.kind == kind && (task == NoTask || e.task == task)
                && (cpu == NoCpu || e.cpu == cpu) && (folio == NoFolio || e.folio == folio)
                && (arg < 0 || e.arg == arg);
    }
};

// Metrics that are read straight from the Metrics object after every step;
// the others come from its summary, refreshed at checkpoints (lesson_session.h).
enum class FastMetric : std::uint8_t {
    None,
    Steps,
    TrylockFailures,
    FaultsCompleted,
    FailedMigrations,
    MigrationsCompleted,
    DrainWorkDone,
};

struct Predicate
{
    enum class Kind : std::uint8_t {
        All, // every child holds in this state
        Any, // some child holds in this state
        Not, // the one child does not hold
        Event, // the counter `counter` reached `atLeast`
        Migrated, // folio `folio` was released after its data moved (counter of its freeing)
        Metric, // a metric lies within [atLeastValue, atMostValue]
        Verdict, // the detector's verdict for the run is `verdict`
        Explorer, // the explorer's verdict for the current fixes and model is `explorerVerdict`
        Fix, // the current fix set is exactly baseline, or contains `fix`
        Preempt, // the current preemption model is `preempt`
        TaskState, // task `task` is in a state
        FolioState, // folio `folio` is in a state
        CpuState, // CPU `cpu` is in a state
    };
    Kind kind = Kind::All;
    std::vector<Predicate> children;

    // Event, Migrated
    int counter = -1;
    std::uint64_t atLeast = 1;
    // Metric
    std::string metric;
    FastMetric fastMetric = FastMetric::None;
    std::optional<double> atLeastValue;
    std::optional<double> atMostValue;
    // Verdict, Fix, Preempt
    fl::Verdict verdict = fl::Verdict::Limit;
    ExploreVerdict explorerVerdict = ExploreVerdict::Ok;
    std::optional<fl::Fix> fix; // nullopt: baseline
    fl::Preempt preempt = fl::Preempt::Voluntary;
    // TaskState
    TaskId task = NoTask;
    std::optional<TaskState> state;
    std::optional<WaitKind> wait;
    std::string inFunction; // a kernel function on the task's call stack
    // FolioState
    FolioId folio = NoFolio;
    std::optional<bool> locked;
    std::optional<TaskId> lockedBy;
    std::optional<bool> lru;
    std::optional<FolioPlace> place;
    std::optional<int> batchCpu;
    std::optional<int> refcount;
    std::optional<int> refcountAtLeast;
    std::optional<int> mapcount;
    std::optional<bool> isFree;
    // CpuState
    CpuId cpu = NoCpu;
    std::optional<TaskId> running; // NoTask: idle
    std::optional<int> batchCount;
    std::optional<int> batchAtLeast;
    std::optional<bool> workPending;
    std::optional<bool> needResched;
};

// Everything a predicate may look at, at one instant of a run.
struct Observation
{
    const Setup &setup;
    const SimState &state;
    const std::vector<std::uint64_t> &counts; // by EventFilter index
    const Metrics &metrics;
    const std::map<std::string, double> &summary; // Metrics::summary() at the last checkpoint
    std::optional<fl::Verdict> verdict;
    // The explorer's verdict over every schedule of the current setup, when
    // the learner (or the solution) has run it.
    std::optional<ExploreVerdict> explorerVerdict = std::nullopt;
};

bool evaluate(const Predicate &p, const Observation &o);

// Names used by the lesson format, shared by the parser and the messages.
std::optional<TaskState> taskStateByName(std::string_view name);
std::optional<WaitKind> waitKindByToken(std::string_view token);
std::vector<std::string> waitKindTokens();
std::optional<EventKind> eventKindByName(std::string_view name);
std::vector<std::string> eventKindNames();
std::optional<MigrateFailReason> failReasonByToken(std::string_view token);
std::vector<std::string> failReasonTokens();
std::optional<FolioPlace> folioPlaceByName(std::string_view name);
std::optional<fl::Verdict> verdictByName(std::string_view name);
std::optional<ExploreVerdict> exploreVerdictByName(std::string_view name);
std::optional<fl::Preempt> preemptByName(std::string_view name);
FastMetric fastMetricByName(std::string_view name);
// Kernel functions that appear as listings (what `in_function` accepts).
std::vector<std::string> listingFunctionNames();

} // namespace fl
