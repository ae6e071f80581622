// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "kernel/costs.h"

#include <cstdint>
#include <string_view>

// Every atomic step of every kernel path, in every variant (spec §2). A
// listing (program.h) is a sequence of these; the effect of each lives in the
// source file named after the kernel file it stands for.
namespace fl {

enum class StepId : std::uint16_t {
    // drivers/gpu/drm/drm_gpusvm.c: the hmm_range_fault() caller loop (T)
    CallerBegin,
    CallerReadBegin,
    CallerMmapLock,
    CallerHmmRangeFault,
    CallerCheckBusy,
    CallerCommit,
    CallerDone,
    // mm/hmm.c: hmm_range_fault()
    HmmStart,
    HmmLoopHead,
    HmmWalkPte,
    HmmFault,
    HmmFaultReturn,
    HmmMigrationWaitReturn,
    HmmCondResched, // cond-resched (F1)
    HmmMsleep, // msleep (F1b)
    // arch/x86/mm/fault.c + mm/memory.c: a user access (F)
    UserBegin,
    UserTouch,
    UserVmaLock,
    UserMmapLock,
    UserHandleFault,
    UserReturn,
    UserDone,
    // mm/memory.c: do_anonymous_page()
    AnonAlloc, // anon_vma_prepare, alloc_anon_folio (and the memcg charge): may sleep
    AnonAllocMap,
    // mm/memory.c: do_swap_page(), device-private branch
    SwapClassify,
    SwapLockPte,
    SwapTrylock,
    SwapUnlockReturn, // baseline: the spin branch
    SwapWaitUnlocked, // wait-on-unlock: pte_unmap, then wait keeping the PTL
    SwapWaitReturn,
    SwapGetPage, // trylock won: get_page, drop PTL
    SwapGetPageNoLock, // pre-trylock: get_page, drop PTL, no folio lock
    SwapMigrateToRam,
    SwapUnlockPut,
    SwapPutPage, // pre-trylock: put_page only
    SwapMigrationWait,
    SwapMigrationWaitReturn,
    SwapGetPageInstallEntry, // migration-entry-in-fault (F6)
    SwapLockPage, // sleeping-lock (F4): lock_page() sleeps
    SwapUnlockPtlNoRef, // sleeping-lock-late-ref (F4b): drop the PTL, no reference
    SwapGetUnlessZero, // sleeping-lock-late-ref: get_page_unless_zero()
    // drivers/gpu/drm/drm_pagemap.c and the mutex-taking drivers: migrate_to_ram
    DrvMutexLock,
    DrvSetup,
    DrvCheckCpages,
    DrvAllocCopyToRam,
    DrvPages,
    DrvFinalize,
    DrvReport,
    DrvMutexUnlock,
    DrvReturn,
    // drivers/gpu/drm/drm_pagemap.c: drm_pagemap_migrate_to_devmem() (M)
    MigBegin,
    MigSetup,
    MigCheckCpages,
    MigAllocCopyToDevice,
    MigPages,
    MigFinalize,
    MigDone,
    // mm/migrate_device.c: migrate_vma_setup() and migrate_vma_collect()
    SetupValidate,
    SetupInvalidateStart,
    SetupCollectLock,
    SetupCollectPte,
    SetupCollectUnlock,
    SetupInvalidateEnd,
    SetupUnmap,
    SetupReturn,
    SetupLruCacheDisable, // lru-cache-disable (F2)
    SetupLruCacheEnable,
    SetupDrainAtStart, // drain-at-start (F3b)
    SetupBackoffDrain, // drain-backoff (F3): drain with nothing locked, collect again
    // mm/migrate_device.c: migrate_device_unmap()
    UnmapLocalDrain,
    UnmapEntry,
    UnmapDrainAll,
    UnmapIsolate,
    UnmapTryToMigrate,
    UnmapCheck,
    UnmapRestore,
    UnmapReturn,
    UnmapBackoff, // drain-backoff (F3): release everything instead of draining
    UnmapMigrateAll, // drain-after-unmap (F3c): try_to_migrate every folio first
    UnmapDrainAfter, // drain-after-unmap: then drain
    // mm/migrate_device.c: __migrate_device_pages() and __migrate_device_finalize()
    PagesEntry,
    PagesReturn,
    FinalizeEntry,
    FinalizeReturn,
    // mm/swap.c: __lru_add_drain_all()
    DrainReadGen,
    DrainLocal,
    DrainMutexLock,
    DrainCheckGen,
    DrainBumpGen,
    DrainQueueCpu,
    DrainFlushCpu,
    DrainMutexUnlock,
    // mm/swap.c: lru_cache_disable() (F2)
    LcdIncCount,
    LcdSyncRcu,
    LcdRcuWait,
    LcdForceDrain,
    LcdReturn,
    // kernel/workqueue.c + mm/swap.c: the per-CPU kworker
    WorkerSleep,
    WorkerTakeWork,
    WorkerDrainBatch,
    WorkerFinishWork,
    // mm/filemap.c: softleaf_entry_wait_on_locked()
    WaitPrepare,
    WaitDropPtl,
    WaitSleep,
    WaitFinish,
    // mm/migrate.c: migration_entry_wait()
    MigWaitLockPte,
    MigWaitCallWait,
    MigWaitReturn,
    // the drainer X: some other caller of lru_add_drain_all()
    DrainerBegin,
    DrainerCall,
    DrainerDone,
    Count,
};

// Scheduler work that is not a step of a kernel path; reported in
// StepReport::step with values past StepId::Count.
enum class SchedStep : std::uint16_t {
    Pick = static_cast<std::uint16_t>(StepId::Count) + 1,
    Preempt,
    CondResched,
    ReturnToUserResched,
    Tick,
    TimerWake,
    SpinOnPtl,
};

// When the step is about to run, may the task be switched out here?
enum StepFlag : std::uint8_t {
    FlagMightSleep = 1 << 0,   // might_sleep(): a preemption point under VOLUNTARY
    FlagCondResched = 1 << 1,  // an explicit cond_resched()
    FlagReturnToUser = 1 << 2, // exit to user mode: a preemption point in every model
};

struct StepInfo {
    std::string_view key;      // stable id used in listings, diffs and replay files
    std::string_view function; // the kernel function the step stands for
    std::string_view file;     // its source file (v6.15 - v7.0)
    std::string_view text;     // one readable line
    CostKey cost;
    std::uint8_t flags;
    std::string_view note;     // where the step simplifies the kernel, or empty
};

const StepInfo &stepInfo(StepId id);
std::string_view schedStepText(std::uint16_t step);

} // namespace fl
