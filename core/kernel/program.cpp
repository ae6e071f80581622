// SPDX-License-Identifier: GPL-2.0-only
#include "kernel/program.h"

namespace fl {

using S = StepId;

// do_swap_page's device-private branch: the lines every proposal rewrites.
static Listing doSwapPage(const FixSet &fixes)
{
    Listing l{ListingId::DoSwapPage, "do_swap_page", "mm/memory.c", {}};
    const std::vector<S> migrationWait = {S::SwapMigrationWait, S::SwapMigrationWaitReturn};
    auto finish = [&](std::vector<S> head) {
        head.insert(head.end(), migrationWait.begin(), migrationWait.end());
        l.steps = std::move(head);
        return l;
    };
    if (fixes.has(Fix::PreTrylock))
        return finish({S::SwapClassify, S::SwapLockPte, S::SwapGetPageNoLock,
                       S::SwapMigrateToRam, S::SwapPutPage});
    if (fixes.has(Fix::SleepingLock))
        return finish({S::SwapClassify, S::SwapLockPte, S::SwapGetPage, S::SwapLockPage,
                       S::SwapMigrateToRam, S::SwapUnlockPut});
    if (fixes.has(Fix::SleepingLockLateRef))
        return finish({S::SwapClassify, S::SwapLockPte, S::SwapUnlockPtlNoRef, S::SwapLockPage,
                       S::SwapGetUnlessZero, S::SwapMigrateToRam, S::SwapUnlockPut});
    // The trylock: its failure branch is where baseline and the merged fix
    // differ, its success branch is where F6 differs.
    std::vector<S> steps = {S::SwapClassify, S::SwapLockPte, S::SwapTrylock};
    if (fixes.has(Fix::WaitOnUnlock)) {
        steps.push_back(S::SwapWaitUnlocked);
        steps.push_back(S::SwapWaitReturn);
    } else {
        steps.push_back(S::SwapUnlockReturn);
    }
    steps.push_back(fixes.has(Fix::MigrationEntryInFault) ? S::SwapGetPageInstallEntry
                                                          : S::SwapGetPage);
    steps.push_back(S::SwapMigrateToRam);
    steps.push_back(S::SwapUnlockPut);
    return finish(std::move(steps));
}

static Listing hmmRangeFault(const FixSet &fixes)
{
    Listing l{ListingId::HmmRangeFault, "hmm_range_fault", "mm/hmm.c",
              {S::HmmStart, S::HmmLoopHead, S::HmmWalkPte, S::HmmFault, S::HmmFaultReturn}};
    if (fixes.has(Fix::CondResched))
        l.steps.push_back(S::HmmCondResched);
    if (fixes.has(Fix::Msleep))
        l.steps.push_back(S::HmmMsleep);
    l.steps.push_back(S::HmmMigrationWaitReturn);
    return l;
}

static Listing migrateVmaSetup(const FixSet &fixes)
{
    Listing l{ListingId::MigrateVmaSetup, "migrate_vma_setup", "mm/migrate_device.c", {}};
    l.steps.push_back(S::SetupValidate);
    if (fixes.has(Fix::LruCacheDisable))
        l.steps.push_back(S::SetupLruCacheDisable);
    if (fixes.has(Fix::DrainAtStart))
        l.steps.push_back(S::SetupDrainAtStart);
    for (S s : {S::SetupInvalidateStart, S::SetupCollectLock, S::SetupCollectPte,
                S::SetupCollectUnlock, S::SetupInvalidateEnd, S::SetupUnmap})
        l.steps.push_back(s);
    if (fixes.has(Fix::DrainBackoff))
        l.steps.push_back(S::SetupBackoffDrain);
    if (fixes.has(Fix::LruCacheDisable))
        l.steps.push_back(S::SetupLruCacheEnable);
    l.steps.push_back(S::SetupReturn);
    return l;
}

static Listing migrateDeviceUnmap(const FixSet &fixes)
{
    Listing l{ListingId::MigrateDeviceUnmap, "migrate_device_unmap", "mm/migrate_device.c", {}};
    l.steps.push_back(S::UnmapLocalDrain);
    if (fixes.has(Fix::DrainAfterUnmap)) {
        l.steps.push_back(S::UnmapMigrateAll);
        l.steps.push_back(S::UnmapDrainAfter);
    }
    l.steps.push_back(S::UnmapEntry);
    // Where the drain with folios locked was, F2 and F3c have nothing and F3
    // backs off instead.
    if (fixes.has(Fix::DrainBackoff))
        l.steps.push_back(S::UnmapBackoff);
    else if (!fixes.has(Fix::LruCacheDisable) && !fixes.has(Fix::DrainAfterUnmap))
        l.steps.push_back(S::UnmapDrainAll);
    for (S s : {S::UnmapIsolate, S::UnmapTryToMigrate, S::UnmapCheck, S::UnmapRestore,
                S::UnmapReturn})
        l.steps.push_back(s);
    return l;
}

static std::vector<S> migrateToRamBody()
{
    return {S::DrvSetup, S::DrvCheckCpages, S::DrvAllocCopyToRam, S::DrvPages, S::DrvFinalize,
            S::DrvReport};
}

Program::Program(FixSet fixes) : m_fixes(fixes)
{
    auto set = [this](Listing l) { m_listings[static_cast<std::size_t>(l.id)] = std::move(l); };
    set({ListingId::HmmCaller, "drm_gpusvm_get_pages", "drivers/gpu/drm/drm_gpusvm.c",
         {S::CallerBegin, S::CallerReadBegin, S::CallerMmapLock, S::CallerHmmRangeFault,
          S::CallerCheckBusy, S::CallerCommit, S::CallerDone}});
    set(hmmRangeFault(fixes));
    set({ListingId::UserFault, "exc_page_fault", "arch/x86/mm/fault.c",
         {S::UserBegin, S::UserTouch, S::UserVmaLock, S::UserMmapLock, S::UserHandleFault,
          S::UserReturn, S::UserDone}});
    set({ListingId::DoAnonymousPage, "do_anonymous_page", "mm/memory.c",
            {S::AnonAlloc, S::AnonAllocMap}});
    set(doSwapPage(fixes));
    {
        Listing xe{ListingId::MigrateToRamXe, "__drm_pagemap_migrate_to_ram",
                   "drivers/gpu/drm/drm_pagemap.c", migrateToRamBody()};
        xe.steps.push_back(S::DrvReturn);
        set(std::move(xe));
        Listing mutex{ListingId::MigrateToRamMutex, "svm_migrate_to_ram",
                      "drivers/gpu/drm/amd/amdkfd/kfd_migrate.c", {S::DrvMutexLock}};
        for (S s : migrateToRamBody())
            mutex.steps.push_back(s);
        mutex.steps.push_back(S::DrvMutexUnlock);
        mutex.steps.push_back(S::DrvReturn);
        set(std::move(mutex));
    }
    set({ListingId::MigratorMain, "drm_pagemap_migrate_to_devmem",
         "drivers/gpu/drm/drm_pagemap.c",
         {S::MigBegin, S::MigSetup, S::MigCheckCpages, S::MigAllocCopyToDevice, S::MigPages,
          S::MigFinalize, S::MigDone}});
    set(migrateVmaSetup(fixes));
    set(migrateDeviceUnmap(fixes));
    set({ListingId::MigrateVmaPages, "__migrate_device_pages", "mm/migrate_device.c",
         {S::PagesEntry, S::PagesReturn}});
    set({ListingId::MigrateVmaFinalize, "__migrate_device_finalize", "mm/migrate_device.c",
         {S::FinalizeEntry, S::FinalizeReturn}});
    set({ListingId::LruAddDrainAll, "__lru_add_drain_all", "mm/swap.c",
         {S::DrainReadGen, S::DrainLocal, S::DrainMutexLock, S::DrainCheckGen, S::DrainBumpGen,
          S::DrainQueueCpu, S::DrainFlushCpu, S::DrainMutexUnlock}});
    set({ListingId::KworkerMain, "worker_thread", "kernel/workqueue.c",
         {S::WorkerSleep, S::WorkerTakeWork, S::WorkerDrainBatch, S::WorkerFinishWork}});
    set({ListingId::WaitOnLocked, "softleaf_entry_wait_on_locked", "mm/filemap.c",
         {S::WaitPrepare, S::WaitDropPtl, S::WaitSleep, S::WaitFinish}});
    set({ListingId::MigrationEntryWait, "migration_entry_wait", "mm/migrate.c",
         {S::MigWaitLockPte, S::MigWaitCallWait, S::MigWaitReturn}});
    set({ListingId::DrainerMain, "lru_add_drain_all", "mm/swap.c",
         {S::DrainerBegin, S::DrainerCall, S::DrainerDone}});
    // Only F2 calls it; other fix sets leave the listing empty.
    Listing lcd{ListingId::LruCacheDisable, "lru_cache_disable", "mm/swap.c", {}};
    if (fixes.has(Fix::LruCacheDisable))
        lcd.steps = {S::LcdIncCount, S::LcdSyncRcu, S::LcdRcuWait, S::LcdForceDrain,
                     S::LcdReturn};
    set(std::move(lcd));

    m_index.resize(m_listings.size());
    for (std::size_t l = 0; l < m_listings.size(); ++l) {
        m_index[l].fill(-1);
        const auto &steps = m_listings[l].steps;
        for (std::size_t i = 0; i < steps.size(); ++i)
            m_index[l][static_cast<std::size_t>(steps[i])] = static_cast<std::int8_t>(i);
    }
}

std::optional<StepId> Program::currentStep(const Task &task) const
{
    if (task.depth == 0)
        return std::nullopt;
    const Frame &f = task.stack[task.depth - 1];
    if (f.listing >= m_listings.size() || f.pc >= m_listings[f.listing].steps.size())
        return std::nullopt;
    return m_listings[f.listing].steps[f.pc];
}

int Program::indexOf(std::uint8_t listing, StepId label) const
{
    return m_index[listing][static_cast<std::size_t>(label)];
}

} // namespace fl
