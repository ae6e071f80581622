// SPDX-License-Identifier: GPL-2.0-only
#include "kernel/steps.h"

#include "kernel/paths/effects.h"

#include <array>

namespace fl {

namespace {

struct StepRow {
    StepInfo info;
    StepEffect effect;
};

constexpr const char *kGpuSvm = "drivers/gpu/drm/drm_gpusvm.c";
constexpr const char *kHmm = "mm/hmm.c";
constexpr const char *kMemory = "mm/memory.c";
constexpr const char *kFault = "arch/x86/mm/fault.c";
constexpr const char *kPagemap = "drivers/gpu/drm/drm_pagemap.c";
constexpr const char *kMigDev = "mm/migrate_device.c";
constexpr const char *kSwap = "mm/swap.c";
constexpr const char *kWq = "kernel/workqueue.c";
constexpr const char *kFilemap = "mm/filemap.c";
constexpr const char *kMigrate = "mm/migrate.c";

using C = CostKey;
namespace e = effects;

// One row per StepId, in enum order (checked by a unit test).
const std::array<StepRow, static_cast<std::size_t>(StepId::Count)> kSteps {{
        {{"caller.begin", "drm_gpusvm_get_pages", kGpuSvm,
                 "GPU fault: timeout = now + HMM_RANGE_DEFAULT_TIMEOUT", C::HmmCaller, 0, ""},
                e::callerBegin},
        {{"caller.read_begin", "mmu_interval_read_begin", "mm/mmu_notifier.c",
                 "seq = mmu_interval_read_begin(notifier)", C::Step, 0,
                 "never waits: invalidations are atomic steps here"},
                e::callerReadBegin},
        {{"caller.mmap_lock", "mmap_read_lock", "include/linux/mmap_lock.h", "mmap_read_lock(mm)",
                 C::MmapLock, FlagMightSleep, "readers never block each other"},
                e::callerMmapLock},
        {{"caller.hmm_range_fault", "drm_gpusvm_get_pages", kGpuSvm,
                 "err = hmm_range_fault(&range)", C::Step, 0, ""},
                e::callerHmmRangeFault},
        {{"caller.check_busy", "drm_gpusvm_get_pages", kGpuSvm,
                 "mmap_read_unlock; -EBUSY: re-read seq and try again", C::MmapLock, 0,
                 "the 1 s timeout is not modelled"},
                e::callerCheckBusy},
        {{"caller.commit", "drm_gpusvm_get_pages", kGpuSvm,
                 "under the notifier lock: mmu_interval_read_retry(seq)? retry : use the pfns",
                 C::Step, 0, ""},
                e::callerCommit},
        {{"caller.done", "drm_gpusvm_get_pages", kGpuSvm, "pfns valid: the GPU fault is served",
                 C::Step, 0, ""},
                e::callerDone},

        {{"hmm.start", "hmm_range_fault", kHmm, "hmm_vma_walk.last = range->start", C::Step, 0, ""},
                e::hmmStart},
        {{"hmm.loop_head", "hmm_range_fault", kHmm,
                 "if (mmu_interval_check_retry(notifier, seq)) return -EBUSY", C::HmmLoop, 0, ""},
                e::hmmLoopHead},
        {{"hmm.walk_pte", "hmm_vma_handle_pte", kHmm,
                 "walk_page_range from last: classify the next PTE", C::PteWalk, 0,
                 "one step per PTE of a single page-table page"},
                e::hmmWalkPte},
        {{"hmm.fault", "hmm_vma_fault", kHmm,
                 "last = addr; handle_mm_fault(vma, addr, FAULT_FLAG_REMOTE)", C::FaultEntry, 0,
                 ""},
                e::hmmFault},
        {{"hmm.fault_return", "hmm_vma_fault", kHmm,
                 "next address up to the range's end? fault it too; else -EBUSY, walk again (no "
                 "sleep, "
                 "no cond_resched)",
                 C::HmmLoop, 0,
                 "the range ends within one page-table page, so the PMD sub-range is the range"},
                e::hmmFaultReturn},
        {{"hmm.migration_wait_return", "hmm_vma_handle_pte", kHmm,
                 "after migration_entry_wait: -EBUSY, walk again", C::HmmLoop, 0, ""},
                e::hmmMigrationWaitReturn},
        {{"hmm.cond_resched", "hmm_range_fault", kHmm,
                 "-EBUSY: cond_resched() before walking again", C::Step, FlagCondResched,
                 "F1 (Thomas, v1): a voluntary preemption point inside the retry loop"},
                e::hmmCondResched},
        {{"hmm.msleep", "hmm_range_fault", kHmm,
                 "-EBUSY: msleep(1) before walking again (sleeps until the second jiffy boundary)",
                 C::Step, FlagMightSleep,
                 "F1b (Andrew): msleep(1) sleeps msecs_to_jiffies(1) = 1 jiffy (6.13+ adds no "
                 "extra "
                 "jiffy); armed mid-jiffy, it wakes at the second tick boundary, so at least one "
                 "whole jiffy"},
                e::hmmMsleep},

        {{"user.begin", "exc_page_fault", kFault, "user space touches the address", C::Step, 0, ""},
                e::userBegin},
        {{"user.touch", "exc_page_fault", kFault, "access: a present PTE succeeds, else trap",
                 C::FaultEntry, 0, ""},
                e::userTouch},
        {{"user.vma_lock", "do_swap_page", kMemory,
                 "under the per-VMA lock: device-private entry, VM_FAULT_RETRY", C::Step, 0, ""},
                e::userVmaLock},
        {{"user.mmap_lock", "lock_mm_and_find_vma", kFault, "retry under mmap_read_lock(mm)",
                 C::MmapLock, FlagMightSleep, ""},
                e::userMmapLock},
        {{"user.handle_fault", "handle_pte_fault", kMemory,
                 "handle_mm_fault: non-present PTE -> do_swap_page", C::Step, 0, ""},
                e::userHandleFault},
        {{"user.return", "irqentry_exit_to_user_mode", "kernel/entry/common.c",
                 "mmap_read_unlock; return to user; the access runs again", C::UserReturn,
                 FlagReturnToUser, ""},
                e::userReturn},
        {{"user.done", "exc_page_fault", kFault, "the access succeeds: the CPU fault is served",
                 C::Step, 0, ""},
                e::userDone},

        {{"anon.alloc", "do_anonymous_page", kMemory,
                 "anon_vma_prepare; alloc_anon_folio (GFP_HIGHUSER_MOVABLE) and the memcg charge",
                 C::AllocPage, FlagMightSleep,
                 "the allocation never fails or enters reclaim here; it is a might_sleep() point"},
                e::anonAlloc},
        {{"anon.alloc_map", "do_anonymous_page", kMemory,
                 "pte_offset_map_lock; if still pte_none: folio_add_lru_vma (this CPU's batch), "
                 "set_pte_at",
                 C::Step, 0, ""},
                e::anonAllocMap},

        {{"swap.classify", "do_swap_page", kMemory,
                 "entry = softleaf_from_pte(orig_pte): device-private; vmf->page = its page",
                 C::Step, 0, ""},
                e::swapClassify},
        {{"swap.lock_pte", "do_swap_page", kMemory,
                 "pte_offset_map_lock; if (!pte_same(orig_pte)) unlock and return 0", C::PtlLock, 0,
                 ""},
                e::swapLockPte},
        {{"swap.trylock", "do_swap_page", kMemory, "folio_trylock(page)", C::Trylock, 0, ""},
                e::swapTrylock},
        {{"swap.unlock_return", "do_swap_page", kMemory,
                 "trylock failed: pte_unmap_unlock; return 0 (the caller simply retries)",
                 C::PteUnlockReturn, 0, ""},
                e::swapUnlockReturn},
        {{"swap.wait_unlocked", "do_swap_page", kMemory,
                 "trylock failed: pte_unmap; softleaf_entry_wait_on_locked(entry, ptl)", C::Step, 0,
                 ""},
                e::swapWaitUnlocked},
        {{"swap.wait_return", "do_swap_page", kMemory, "woken: return 0, the fault is retried",
                 C::PteUnlockReturn, 0, ""},
                e::swapWaitReturn},
        {{"swap.get_page", "do_swap_page", kMemory, "get_page(page); pte_unmap_unlock", C::Step, 0,
                 ""},
                e::swapGetPage},
        {{"swap.get_page_nolock", "do_swap_page", kMemory,
                 "get_page(page); pte_unmap_unlock (no folio lock before v6.15)", C::Step, 0, ""},
                e::swapGetPage},
        {{"swap.migrate_to_ram", "do_swap_page", kMemory, "ret = pgmap->ops->migrate_to_ram(vmf)",
                 C::Step, 0, ""},
                e::swapMigrateToRam},
        {{"swap.unlock_put", "do_swap_page", kMemory, "unlock_page(page); put_page(page)", C::Step,
                 0, ""},
                e::swapUnlockPut},
        {{"swap.put_page", "do_swap_page", kMemory, "put_page(page)", C::Step, 0, ""},
                e::swapPutPage},
        {{"swap.migration_wait", "do_swap_page", kMemory,
                 "a migration entry: migration_entry_wait()", C::Step, 0, ""},
                e::swapMigrationWait},
        {{"swap.migration_wait_return", "do_swap_page", kMemory, "return 0", C::Step, 0, ""},
                e::swapMigrationWaitReturn},
        {{"swap.get_page_migration_entry", "do_swap_page", kMemory,
                 "trylock won: folio_get; install a migration entry for this PTE; pte_unmap_unlock",
                 C::CollectPte, 0,
                 "F6 (Alistair): migrate_to_ram then collects the entry as migrate_vma_collect_pmd "
                 "would"},
                e::swapGetPageInstallEntry},
        {{"swap.lock_page", "folio_lock", "mm/filemap.c",
                 "lock_page(): sleep as an exclusive waiter until the lock is handed over",
                 C::Trylock, FlagMightSleep,
                 "F4: the unlocker hands PG_locked to the first exclusive waiter"},
                e::swapLockPage},
        {{"swap.unlock_ptl_noref", "do_swap_page", kMemory,
                 "pte_unmap_unlock with no reference held: the page may now be freed",
                 C::PteUnlockReturn, 0,
                 "F4b (Matthew's order): the use-after-free window opens here"},
                e::swapUnlockPtlNoRef},
        {{"swap.get_unless_zero", "do_swap_page", kMemory,
                 "get_page_unless_zero(page)? migrate : unlock_page and return", C::Step, 0,
                 "F4b: the window closes here"},
                e::swapGetUnlessZero},

        {{"drv.mutex_lock", "svm_migrate_to_ram", "drivers/gpu/drm/amd/amdkfd/kfd_migrate.c",
                 "mutex_lock(driver mutex), still holding the page reference", C::Mutex,
                 FlagMightSleep, "the mutex is taken around the whole migration, as amdkfd does"},
                e::drvMutexLock},
        {{"drv.setup", "__drm_pagemap_migrate_to_ram", kPagemap,
                 "migrate_vma_setup(SELECT_DEVICE_PRIVATE, fault_page = page)", C::Step, 0,
                 "migrates the faulting page only"},
                e::drvSetup},
        {{"drv.check_cpages", "__drm_pagemap_migrate_to_ram", kPagemap,
                 "if (!migrate.cpages) nothing to do", C::Step, 0, ""},
                e::drvCheckCpages},
        {{"drv.alloc_copy", "__drm_pagemap_migrate_to_ram", kPagemap,
                 "allocate system pages, DMA-map, copy_to_ram", C::Step, 0, ""},
                e::drvAllocCopyToRam},
        {{"drv.pages", "__drm_pagemap_migrate_to_ram", kPagemap, "migrate_vma_pages(&migrate)",
                 C::Step, 0, ""},
                e::drvPages},
        {{"drv.finalize", "__drm_pagemap_migrate_to_ram", kPagemap,
                 "migrate_vma_finalize(&migrate)", C::Step, 0, ""},
                e::drvFinalize},
        {{"drv.report", "__drm_pagemap_migrate_to_ram", kPagemap, "return 0", C::Step, 0, ""},
                e::drvReport},
        {{"drv.mutex_unlock", "svm_migrate_to_ram", "drivers/gpu/drm/amd/amdkfd/kfd_migrate.c",
                 "mutex_unlock(driver mutex)", C::Mutex, 0, ""},
                e::drvMutexUnlock},
        {{"drv.return", "migrate_to_ram", kPagemap, "return to do_swap_page", C::Step, 0, ""},
                e::drvReturn},

        {{"mig.begin", "drm_pagemap_migrate_to_devmem", kPagemap,
                 "mmap_read_lock; SELECT_SYSTEM | SELECT_DEVICE_PRIVATE, pgmap_owner = target's "
                 "owner",
                 C::MmapLock, 0, ""},
                e::migBegin},
        {{"mig.setup", "drm_pagemap_migrate_to_devmem", kPagemap, "migrate_vma_setup(&migrate)",
                 C::Step, 0, ""},
                e::migSetup},
        {{"mig.check_cpages", "drm_pagemap_migrate_to_devmem", kPagemap,
                 "if (!migrate.cpages) nothing to migrate; Xe: if (cpages != npages) -EBUSY, "
                 "finalize "
                 "with no destination (all or nothing)",
                 C::Step, 0,
                 "drivers that migrate what they collected (amdkfd-like) go on with a partial set"},
                e::migCheckCpages},
        {{"mig.alloc_copy", "drm_pagemap_migrate_to_devmem", kPagemap,
                 "allocate device pages, copy_to_devmem", C::Step, 0, ""},
                e::migAllocCopyToDevice},
        {{"mig.pages", "drm_pagemap_migrate_to_devmem", kPagemap, "migrate_vma_pages(&migrate)",
                 C::Step, 0, ""},
                e::migPages},
        {{"mig.finalize", "drm_pagemap_migrate_to_devmem", kPagemap,
                 "migrate_vma_finalize(&migrate)", C::Step, 0, ""},
                e::migFinalize},
        {{"mig.done", "drm_pagemap_migrate_to_devmem", kPagemap,
                 "mmap_read_unlock: the migration is over", C::MmapLock, 0, ""},
                e::migDone},

        {{"setup.validate", "migrate_vma_setup", kMigDev,
                 "validate args (fault_page must be device-private and locked)", C::Step, 0, ""},
                e::setupValidate},
        {{"setup.invalidate_start", "migrate_vma_collect", kMigDev,
                 "mmu_notifier_invalidate_range_start(MMU_NOTIFY_MIGRATE, owner)",
                 C::NotifierInvalidate, 0, ""},
                e::setupInvalidateStart},
        {{"setup.collect_lock", "migrate_vma_collect_pmd", kMigDev, "pte_offset_map_lock",
                 C::PtlLock, 0, ""},
                e::setupCollectLock},
        {{"setup.collect_pte", "migrate_vma_collect_pmd", kMigDev,
                 "folio_get; folio_trylock; install a migration entry; drop rmap and ref",
                 C::CollectPte, 0, ""},
                e::setupCollectPte},
        {{"setup.collect_unlock", "migrate_vma_collect_pmd", kMigDev,
                 "flush_tlb_range; pte_unmap_unlock", C::Step, 0, ""},
                e::setupCollectUnlock},
        {{"setup.invalidate_end", "migrate_vma_collect", kMigDev,
                 "mmu_notifier_invalidate_range_end", C::NotifierInvalidate, 0, ""},
                e::setupInvalidateEnd},
        {{"setup.unmap", "migrate_vma_setup", kMigDev, "if (cpages) migrate_vma_unmap(args)",
                 C::Step, 0, ""},
                e::setupUnmap},
        {{"setup.return", "migrate_vma_setup", kMigDev,
                 "return 0: collected folios are locked and unmapped", C::Step, 0, ""},
                e::setupReturn},
        {{"setup.lru_cache_disable", "migrate_vma_setup", kMigDev,
                 "lru_cache_disable() before collecting (no folio locked yet)", C::Step,
                 FlagMightSleep, "F2 (John)"},
                e::setupLruCacheDisable},
        {{"setup.lru_cache_enable", "migrate_vma_setup", kMigDev,
                 "lru_cache_enable() after migrate_vma_unmap", C::Step, 0, "F2 (John)"},
                e::setupLruCacheEnable},
        {{"setup.drain_at_start", "migrate_vma_setup", kMigDev,
                 "lru_add_drain_all() before collecting (the caller may still hold fault_page's "
                 "lock)",
                 C::Step, FlagMightSleep, "F3b (Thomas): placed where F2 puts lru_cache_disable"},
                e::setupDrainAtStart},
        {{"setup.backoff_drain", "migrate_vma_setup", kMigDev,
                 "unmap backed off (-EAGAIN)? lru_add_drain_all() with nothing locked, collect "
                 "again",
                 C::Step, FlagMightSleep, "F3 (Thomas): restarts are bounded (two here) [I]"},
                e::setupBackoffDrain},

        {{"unmap.local_drain", "migrate_device_unmap", kMigDev, "lru_add_drain() (this CPU only)",
                 C::LocalDrain, 0, ""},
                e::unmapLocalDrain},
        {{"unmap.entry", "migrate_device_unmap", kMigDev,
                 "next src: system folio not on the LRU and allow_drain?", C::Step, 0, ""},
                e::unmapEntry},
        {{"unmap.drain_all", "migrate_device_unmap", kMigDev,
                 "lru_add_drain_all() with the collected folios still locked; allow_drain = false",
                 C::Step, 0, ""},
                e::unmapDrainAll},
        {{"unmap.isolate", "migrate_device_unmap", kMigDev,
                 "folio_isolate_lru, else restore; folio_put (collect's ref)", C::IsolateLru, 0,
                 ""},
                e::unmapIsolate},
        {{"unmap.try_to_migrate", "try_to_migrate", "mm/rmap.c",
                 "still mapped: migration entries in the other mappings, invalidate their mms",
                 C::Step, 0, ""},
                e::unmapTryToMigrate},
        {{"unmap.check", "migrate_vma_check_page", kMigDev,
                 "mapped or extra references? put back and restore", C::CheckPage, 0, ""},
                e::unmapCheck},
        {{"unmap.restore", "migrate_device_unmap", kMigDev,
                 "restored entries: remove_migration_ptes, folio_unlock, folio_put", C::Step, 0,
                 ""},
                e::unmapRestore},
        {{"unmap.return", "migrate_device_unmap", kMigDev, "return the pages still migrating",
                 C::Step, 0, ""},
                e::unmapReturn},
        {{"unmap.backoff", "migrate_device_unmap", kMigDev,
                 "not on the LRU: restore every entry, unlock, drop refs; return -EAGAIN to drain",
                 C::RemoveMigrationPtes, 0,
                 "F3: after two restarts the folio is skipped instead (isolation fails)"},
                e::unmapBackoff},
        {{"unmap.try_to_migrate_all", "try_to_migrate", "mm/rmap.c",
                 "every collected folio: migration entries in all its mappings first",
                 C::TryToMigrate, 0, "F3c: the order of the commit's 'future improvement'"},
                e::unmapMigrateAll},
        {{"unmap.drain_after_unmap", "migrate_device_unmap", kMigDev,
                 "a system folio not on the LRU? lru_add_drain_all() now, once, no PTE left to "
                 "spin on",
                 C::Step, FlagMightSleep, "F3c"},
                e::unmapDrainAfter},

        {{"pages.entry", "__migrate_device_pages", kMigDev,
                 "folio_migrate_mapping: exact refcount or -EAGAIN", C::Step, 0, ""},
                e::pagesEntry},
        {{"pages.return", "__migrate_device_pages", kMigDev, "return", C::Step, 0, ""},
                e::pagesReturn},
        {{"finalize.entry", "__migrate_device_finalize", kMigDev,
                 "folio_add_lru(dst); remove_migration_ptes; folio_unlock(src); folio_put(src)",
                 C::Step, 0, ""},
                e::finalizeEntry},
        {{"finalize.return", "__migrate_device_finalize", kMigDev, "return", C::Step, 0, ""},
                e::finalizeReturn},

        {{"drain.read_gen", "__lru_add_drain_all", kSwap, "smp_mb(); this_gen = lru_drain_gen",
                 C::Step, 0, ""},
                e::drainReadGen},
        {{"drain.local", "__lru_add_drain_all", kSwap, "lru_add_drain() on this CPU first",
                 C::LocalDrain, 0, ""},
                e::drainLocal},
        {{"drain.mutex_lock", "__lru_add_drain_all", kSwap, "mutex_lock(&lock) (global)", C::Mutex,
                 FlagMightSleep, ""},
                e::drainMutexLock},
        {{"drain.check_gen", "__lru_add_drain_all", kSwap,
                 "this_gen != lru_drain_gen? someone drained for us: unlock, return", C::Step, 0,
                 ""},
                e::drainCheckGen},
        {{"drain.bump_gen", "__lru_add_drain_all", kSwap,
                 "WRITE_ONCE(lru_drain_gen, lru_drain_gen + 1); cpumask_clear(&has_work)", C::Step,
                 0, ""},
                e::drainBumpGen},
        {{"drain.queue_cpu", "__lru_add_drain_all", kSwap,
                 "for_each_online_cpu: cpu_needs_drain? queue_work_on(cpu, mm_percpu_wq)", C::Step,
                 0, "cpu_needs_drain looks at the lru_add batch only"},
                e::drainQueueCpu},
        {{"drain.flush_cpu", "__lru_add_drain_all", kSwap,
                 "for_each_cpu(cpu, &has_work): flush_work (uninterruptible sleep until it has run)", C::Step,
                 FlagMightSleep, ""},
                e::drainFlushCpu},
        {{"drain.mutex_unlock", "__lru_add_drain_all", kSwap, "mutex_unlock(&lock)", C::Mutex, 0,
                 ""},
                e::drainMutexUnlock},

        {{"lcd.inc", "lru_cache_disable", kSwap,
                 "atomic_inc(&lru_disable_count): folio_add_lru() now bypasses the batches",
                 C::Step, 0, "F2"},
                e::lcdIncCount},
        {{"lcd.sync_rcu", "synchronize_rcu_expedited", "kernel/rcu/tree_exp.h",
                 "IPI every busy CPU; each must pass a quiescent state", C::RcuExpGp,
                 FlagMightSleep,
                 "without PREEMPT_COUNT (NONE/VOLUNTARY) the IPI only sets need_resched and the "
                 "CPU "
                 "reports at its next context switch; FULL/RT report at once outside a spinlock"},
                e::lcdSyncRcu},
        {{"lcd.rcu_wait", "synchronize_rcu_expedited", "kernel/rcu/tree_exp.h",
                 "sleep until every CPU has reported", C::Step, 0,
                 "concurrent callers share one grace period here"},
                e::lcdRcuWait},
        {{"lcd.force_drain", "lru_cache_disable", kSwap,
                 "__lru_add_drain_all(force_all_cpus = true): work on every online CPU", C::Step,
                 FlagMightSleep, "F2"},
                e::lcdForceDrain},
        {{"lcd.return", "lru_cache_disable", kSwap, "return", C::Step, 0, ""}, e::lcdReturn},

        {{"worker.sleep", "worker_thread", kWq,
                 "no work queued: sleep until queue_work_on wakes us", C::Step, 0,
                 "pool concurrency management is not modelled"},
                e::workerSleep},
        {{"worker.take", "process_one_work", kWq, "take lru_add_drain_work off the worklist",
                 C::WorkItem, 0, ""},
                e::workerTakeWork},
        {{"worker.drain", "lru_add_and_bh_lrus_drain", kSwap,
                 "local_lock; lru_add_drain_cpu(cpu): batch -> LRU, PG_lru set, refs dropped",
                 C::Step, 0, ""},
                e::workerDrainBatch},
        {{"worker.finish", "process_one_work", kWq, "work done: wake flush_work waiters", C::Wakeup,
                 0, ""},
                e::workerFinishWork},

        {{"wait.prepare", "softleaf_entry_wait_on_locked", kFilemap,
                 "queue a non-exclusive waiter for PG_locked; set PG_waiters (no reference)",
                 C::WaitPrepare, 0, ""},
                e::waitPrepare},
        {{"wait.drop_ptl", "softleaf_entry_wait_on_locked", kFilemap, "spin_unlock(ptl)", C::Step,
                 0, ""},
                e::waitDropPtl},
        {{"wait.sleep", "softleaf_entry_wait_on_locked", kFilemap,
                 "TASK_UNINTERRUPTIBLE; io_schedule() unless already woken", C::Step, 0, ""},
                e::waitSleep},
        {{"wait.finish", "softleaf_entry_wait_on_locked", kFilemap,
                 "finish_wait: return without taking the lock", C::Step, 0, ""},
                e::waitFinish},

        {{"migwait.lock_pte", "migration_entry_wait", kMigrate,
                 "pte_offset_map_lock; still a migration entry?", C::PtlLock, 0, ""},
                e::migWaitLockPte},
        {{"migwait.wait", "migration_entry_wait", kMigrate,
                 "softleaf_entry_wait_on_locked(entry, ptl)", C::Step, 0, ""},
                e::migWaitCallWait},
        {{"migwait.return", "migration_entry_wait", kMigrate, "return", C::Step, 0, ""},
                e::migWaitReturn},

        {{"drainer.begin", "lru_add_drain_all", kSwap,
                 "another path needs the per-CPU batches drained", C::Step, 0, ""},
                e::drainerBegin},
        {{"drainer.call", "lru_add_drain_all", kSwap, "lru_add_drain_all()", C::Step, 0, ""},
                e::drainerCall},
        {{"drainer.done", "lru_add_drain_all", kSwap, "done", C::Step, 0, ""}, e::drainerDone},
}};

} // namespace

const StepInfo &stepInfo(StepId id)
{
    return kSteps[static_cast<std::size_t>(id)].info;
}

StepEffect stepEffect(StepId id)
{
    return kSteps[static_cast<std::size_t>(id)].effect;
}

std::string_view schedStepText(std::uint16_t step)
{
    switch (static_cast<SchedStep>(step)) {
    case SchedStep::Pick: return "schedule(): switch to the picked task";
    case SchedStep::Preempt: return "preempted (need_resched at a preemption point)";
    case SchedStep::CondResched: return "cond_resched(): yield the CPU";
    case SchedStep::ReturnToUserResched: return "exit to user: need_resched, schedule()";
    case SchedStep::Tick: return "scheduler tick";
    case SchedStep::TimerWake: return "timer: wake the sleeping task";
    case SchedStep::SpinOnPtl: return "spin on the PTL";
    }
    if (step < static_cast<std::uint16_t>(StepId::Count))
        return stepInfo(static_cast<StepId>(step)).text;
    return "?";
}

} // namespace fl
