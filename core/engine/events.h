// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "model/clocks.h"
#include "model/ids.h"

#include <cstdint>

namespace fl {

// What happened in a step, for the trace, the metrics and the detectors.
enum class EventKind : std::uint8_t {
    TaskStarted,
    TaskDone,
    ContextSwitch, // cpu, task = the task switched in
    Preempted, // task was preempted (involuntary)
    CondReschedYield,
    Tick,
    NeedResched, // need_resched set on cpu
    TrylockFailed, // task failed folio_trylock(folio)
    FolioLocked,
    FolioUnlocked, // progress
    FolioFreed,
    Sleep, // task sleeps; arg = WaitKind, folio = the wait's argument (folio, CPU or GPU)
    Wake, // task woken; arg = waker task or NoTask
    WorkQueued, // drain work queued on cpu; arg = 1 when queued by a forced drain
                // (lru_cache_disable)
    WorkDone, // drain work finished on cpu: progress
    DrainBegin, // task entered lru_add_drain_all()
    DrainEnd, // task left lru_add_drain_all(); arg = 1 when it piggy-backed
    FaultBegin, // a fault episode of task begins
    FaultDone, // fault completed: progress and completion
    HmmRetry, // hmm_range_fault re-walks after -EBUSY
    HmmBusyToCaller, // the notifier sequence changed: -EBUSY out of hmm_range_fault
    MigrationBegin,
    MigrationDone, // arg = pages migrated: progress, and completion when arg > 0
    MigrationFailed, // arg = MigrateFailReason
    BatchAdd, // folio added to cpu's lru_add batch
    BatchFlush, // cpu's batch moved to the LRU; arg = folios
    NotifierInvalidate, // arg = mm
    SoftLockup, // cpu did not schedule for the soft-lockup threshold
    HungTask, // task slept uninterruptibly for the hung-task threshold
    RcuExpGpBegin, // synchronize_rcu_expedited() by task; arg = IPIs sent
    RcuExpGpEnd, // the expedited grace period ended; task = the caller woken
    RcuExpQs, // cpu reported its quiescent state to the expedited GP
    BackoffRestart, // drain-backoff: task released its folios to drain; arg = restart number
    UseAfterFree, // hazard: folio freed while task touches it without a reference
    RtThrottled, // cpu's RT tasks used their runtime: fair tasks may run
    RtUnthrottled, // a new RT period began on cpu
    RefcountWait, // task sleeps until folio's refcount drops (wait-refcount)
};

enum class MigrateFailReason : std::uint8_t {
    NothingCollected, // collect found nothing it could lock
    TrylockInCollect, // a folio was locked by someone else
    IsolateFailed, // not on the LRU (sat in a per-CPU batch)
    RefcountCheck, // migrate_vma_check_page saw extra references
    MigrateMappingBusy, // folio_migrate_mapping returned -EAGAIN
    PartialCollect, // Xe migrates all or nothing: fewer pages collected than asked
};

struct Event {
    Nanos time = 0;
    EventKind kind = EventKind::Tick;
    CpuId cpu = NoCpu;
    TaskId task = NoTask;
    FolioId folio = NoFolio;
    std::int32_t arg = 0;
};

const char *eventKindName(EventKind k);
const char *failReasonName(MigrateFailReason r);
bool isProgress(const Event &e);
bool isCompletion(const Event &e);
// A safety hazard the model can only report (it cannot run undefined behaviour).
bool isHazard(const Event &e);

// Receives every event of a run and one call per executed step.
class EventSink {
public:
    virtual ~EventSink() = default;
    virtual void onEvent(const Event &e) = 0;
    virtual void onStep(CpuId cpu, TaskId task, std::uint16_t step, Nanos cost, Nanos start) = 0;
};

} // namespace fl
