// SPDX-License-Identifier: GPL-2.0-only
#include "kernel/step_locality.h"

#include <array>
#include <cstddef>

namespace fl {

namespace {

// Left out on purpose, although their effects look local:
// - WaitFinish writes the wake-up protocol (wait, woken), which wakers on
//   other CPUs read;
// - UserReturn and HmmCondResched are preemption points (their flags), where
//   need_resched, set from other CPUs, decides what the step does;
// - every step that names a folio, a PTE, a lock, a CPU's batch or work, the
//   notifier sequence, or the clock (a sleep's timer).
constexpr StepId kTaskLocal[] = {
    // drm_gpusvm.c: the caller loop
    StepId::CallerBegin,
    StepId::CallerMmapLock, // mmap_read_lock: the model has no mmap_lock writer
    StepId::CallerHmmRangeFault,
    StepId::CallerCheckBusy,
    // mm/hmm.c
    StepId::HmmStart,
    StepId::HmmFaultReturn,
    StepId::HmmMigrationWaitReturn,
    // a user access
    StepId::UserBegin,
    StepId::UserMmapLock,
    // do_swap_page(): calls and returns around the waits
    StepId::SwapWaitUnlocked,
    StepId::SwapWaitReturn,
    StepId::SwapMigrationWait,
    StepId::SwapMigrationWaitReturn,
    // migrate_to_ram and drm_pagemap_migrate_to_devmem(): bookkeeping of the
    // task's migrate_vma
    StepId::DrvCheckCpages,
    StepId::DrvPages,
    StepId::DrvFinalize,
    StepId::DrvReport, // MigrationDone is a completion: that run is not merged
    StepId::DrvReturn,
    StepId::MigSetup,
    StepId::MigPages,
    StepId::MigFinalize,
    // mm/migrate_device.c
    StepId::SetupValidate,
    StepId::SetupInvalidateEnd,
    StepId::SetupUnmap,
    StepId::SetupLruCacheDisable,
    StepId::SetupDrainAtStart,
    StepId::SetupBackoffDrain,
    StepId::SetupReturn,
    StepId::UnmapDrainAll,
    StepId::UnmapReturn,
    StepId::PagesReturn,
    StepId::FinalizeReturn,
    // mm/swap.c: lru_cache_disable() and the drainer
    StepId::LcdForceDrain,
    StepId::LcdReturn,
    StepId::DrainerBegin,
    StepId::DrainerCall,
    // mm/migrate.c: migration_entry_wait()'s call and return
    StepId::MigWaitCallWait,
    StepId::MigWaitReturn,
};

constexpr std::array<bool, static_cast<std::size_t>(StepId::Count)> makeTable()
{
    std::array<bool, static_cast<std::size_t>(StepId::Count)> table {};
    for (StepId id : kTaskLocal)
        table[static_cast<std::size_t>(id)] = true;
    return table;
}

constexpr auto kTable = makeTable();

} // namespace

bool stepIsTaskLocal(StepId id)
{
    const auto i = static_cast<std::size_t>(id);
    return i < kTable.size() && kTable[i];
}

} // namespace fl
