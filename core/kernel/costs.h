// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "model/clocks.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

// Step costs in virtual nanoseconds (spec §5.4). Every default is
// illustrative unless its source tag says otherwise; a scenario may override
// any of them by name in its [costs] table.
namespace fl {

enum class CostKey : std::uint8_t {
    Step,              // a plain bookkeeping step
    FaultEntry,        // exception entry or handle_mm_fault descent
    PteWalk,           // walk_page_range visiting one PTE
    PtlLock,           // pte_offset_map_lock
    Trylock,           // folio_trylock
    PteUnlockReturn,   // pte_unmap_unlock and return
    HmmLoop,           // hmm_range_fault loop bookkeeping
    UserReturn,        // return to user space and re-execute the access
    ContextSwitch,     // schedule(): switch out and in
    Tick,              // the scheduler tick interrupt
    Wakeup,            // try_to_wake_up
    QueueWork,         // queue_work_on
    Mutex,             // mutex_lock / mutex_unlock fast path
    DrainFolio,        // folio_batch_move_lru, per folio
    WorkItem,          // process_one_work overhead
    LocalDrain,        // lru_add_drain() on this CPU, before any folio
    CollectPte,        // migrate_vma_collect_pmd, per PTE
    NotifierInvalidate, // mmu_notifier_invalidate_range_start/end
    IsolateLru,        // folio_isolate_lru
    TryToMigrate,      // try_to_migrate: rmap walk of the other mappings
    CheckPage,         // migrate_vma_check_page
    RemoveMigrationPtes,
    MigrateMapping,    // folio_migrate_mapping
    FolioAddLru,       // folio_add_lru into the per-CPU batch
    AllocPage,         // allocate a destination page
    CopyPage,          // DMA copy of one page between RAM and VRAM
    HmmCaller,         // driver bookkeeping around hmm_range_fault
    WaitPrepare,       // prepare a folio wait-queue entry
    MmapLock,          // mmap_read_lock / unlock
    RcuExpGp,          // synchronize_rcu_expedited: the grace-period machinery itself
    Ipi,               // one IPI sent and handled
    WakeUpVar,         // wait-refcount: wake_up_var() in every folio_put()
    LruLockedAdd,      // folio_add_lru() while lru_cache is disabled: lruvec lock, at once
    Count,
};

struct CostInfo {
    std::string_view name;
    Nanos defaultNs;
    std::string_view source; // spec tag and a word on where the figure comes from
};

const CostInfo &costInfo(CostKey k);
std::optional<CostKey> costKeyByName(std::string_view name);

class CostTable {
public:
    CostTable();
    Nanos operator[](CostKey k) const { return m_ns[static_cast<std::size_t>(k)]; }
    void set(CostKey k, Nanos ns) { m_ns[static_cast<std::size_t>(k)] = ns; }

private:
    std::array<Nanos, static_cast<std::size_t>(CostKey::Count)> m_ns{};
};

} // namespace fl
