// SPDX-License-Identifier: GPL-2.0-only
#include "engine/events.h"

namespace fl {

const char *eventKindName(EventKind k)
{
    switch (k) {
    case EventKind::TaskStarted: return "task-started";
    case EventKind::TaskDone: return "task-done";
    case EventKind::ContextSwitch: return "context-switch";
    case EventKind::Preempted: return "preempted";
    case EventKind::CondReschedYield: return "cond-resched-yield";
    case EventKind::Tick: return "tick";
    case EventKind::NeedResched: return "need-resched";
    case EventKind::TrylockFailed: return "trylock-failed";
    case EventKind::FolioLocked: return "folio-locked";
    case EventKind::FolioUnlocked: return "folio-unlocked";
    case EventKind::FolioFreed: return "folio-freed";
    case EventKind::Sleep: return "sleep";
    case EventKind::Wake: return "wake";
    case EventKind::WorkQueued: return "work-queued";
    case EventKind::WorkDone: return "work-done";
    case EventKind::DrainBegin: return "drain-begin";
    case EventKind::DrainEnd: return "drain-end";
    case EventKind::FaultBegin: return "fault-begin";
    case EventKind::FaultDone: return "fault-done";
    case EventKind::HmmRetry: return "hmm-retry";
    case EventKind::HmmBusyToCaller: return "hmm-busy-to-caller";
    case EventKind::MigrationBegin: return "migration-begin";
    case EventKind::MigrationDone: return "migration-done";
    case EventKind::MigrationFailed: return "migration-failed";
    case EventKind::BatchAdd: return "batch-add";
    case EventKind::BatchFlush: return "batch-flush";
    case EventKind::NotifierInvalidate: return "notifier-invalidate";
    case EventKind::SoftLockup: return "soft-lockup";
    case EventKind::HungTask: return "hung-task";
    case EventKind::RcuExpGpBegin: return "rcu-exp-gp-begin";
    case EventKind::RcuExpGpEnd: return "rcu-exp-gp-end";
    case EventKind::RcuExpQs: return "rcu-exp-qs";
    case EventKind::BackoffRestart: return "backoff-restart";
    case EventKind::UseAfterFree: return "use-after-free";
    case EventKind::RtThrottled: return "rt-throttled";
    case EventKind::RtUnthrottled: return "rt-unthrottled";
    case EventKind::RefcountWait: return "refcount-wait";
    }
    return "?";
}

const char *failReasonName(MigrateFailReason r)
{
    switch (r) {
    case MigrateFailReason::NothingCollected: return "nothing collected";
    case MigrateFailReason::TrylockInCollect: return "folio locked by another (collect trylock)";
    case MigrateFailReason::IsolateFailed: return "not on the LRU (isolation failed)";
    case MigrateFailReason::RefcountCheck: return "extra references (migrate_vma_check_page)";
    case MigrateFailReason::MigrateMappingBusy: return "folio_migrate_mapping -EAGAIN";
    case MigrateFailReason::PartialCollect:
        return "not every page collected (Xe: all or nothing)";
    }
    return "?";
}

bool isCompletion(const Event &e)
{
    return e.kind == EventKind::FaultDone
           || (e.kind == EventKind::MigrationDone && e.arg > 0);
}

bool isHazard(const Event &e)
{
    return e.kind == EventKind::UseAfterFree;
}

bool isProgress(const Event &e)
{
    return isCompletion(e) || e.kind == EventKind::FolioUnlocked || e.kind == EventKind::WorkDone
           || e.kind == EventKind::DrainEnd || e.kind == EventKind::TaskDone
           || e.kind == EventKind::RcuExpGpEnd;
}

} // namespace fl
