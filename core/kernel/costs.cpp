// SPDX-License-Identifier: GPL-2.0-only
#include "kernel/costs.h"

namespace fl {

// The trylock-fail round trip of spec §5.4 (0.5–2 µs) is the sum of the loop
// steps: HmmLoop + PteWalk + FaultEntry + Step + PtlLock + Trylock +
// PteUnlockReturn + HmmLoop ≈ 0.75 µs. A kworker wake plus a drain of 31
// folios (5–30 µs) is Wakeup + ContextSwitch + WorkItem + 31 × DrainFolio ≈ 12 µs.
static constexpr std::array<CostInfo, static_cast<std::size_t>(CostKey::Count)> kCosts{{
    {"step", 50, "[I] bookkeeping"},
    {"fault_entry", 300, "[I] part of the 0.5-2 us trylock-fail round trip (spec 5.4)"},
    {"pte_walk", 150, "[I] part of the trylock-fail round trip"},
    {"ptl_lock", 40, "[I] uncontended spinlock"},
    {"trylock", 30, "[I] one atomic test-and-set"},
    {"pte_unlock_return", 60, "[I] part of the trylock-fail round trip"},
    {"hmm_loop", 60, "[I] part of the trylock-fail round trip"},
    {"user_return", 400, "[I] exit to user, re-execute, re-enter"},
    {"context_switch", 1500, "[I] schedule() with a switch"},
    {"tick", 500, "[I] scheduler tick interrupt"},
    {"wakeup", 300, "[I] try_to_wake_up"},
    {"queue_work", 400, "[I] queue_work_on"},
    {"mutex", 100, "[I] uncontended mutex"},
    {"drain_folio", 250, "[I] kworker drain of 31 folios 5-30 us (spec 5.4)"},
    {"work_item", 2000, "[I] process_one_work overhead"},
    {"local_drain", 200, "[I] lru_add_drain() on the local CPU"},
    {"collect_pte", 300, "[I] migrate_vma_collect_pmd per PTE"},
    {"notifier_invalidate", 500, "[I] mmu notifier range start/end"},
    {"isolate_lru", 200, "[I] folio_isolate_lru"},
    {"try_to_migrate", 1500, "[I] rmap walk and PTE conversion"},
    {"check_page", 50, "[I] refcount arithmetic"},
    {"remove_migration_ptes", 800, "[I] rmap walk restoring PTEs"},
    {"migrate_mapping", 400, "[I] folio_migrate_mapping"},
    {"folio_add_lru", 100, "[I] per-CPU batch append"},
    {"alloc_page", 1000, "[I] page allocation"},
    {"copy_page", 20000, "[T] copy time at most ~200 us (Matthew, msg 5); one page"},
    {"hmm_caller", 500, "[I] driver bookkeeping around hmm_range_fault"},
    {"wait_prepare", 150, "[I] hashed wait-queue setup"},
    {"mmap_lock", 50, "[I] uncontended rwsem"},
    {"rcu_exp_gp", 40000, "[I][U] expedited GP 50-500 us with its waits (spec 5.4); the fixed part"},
    {"ipi", 3000, "[I] send an IPI and run the handler remotely"},
    {"wake_up_var", 20, "[I] wake_up_var() hashed wait-queue check in folio_put (F8 hot path)"},
    {"lru_locked_add", 400, "[I] folio_add_lru taking the lruvec lock at once (F2)"},
}};

const CostInfo &costInfo(CostKey k)
{
    return kCosts[static_cast<std::size_t>(k)];
}

std::optional<CostKey> costKeyByName(std::string_view name)
{
    for (std::size_t i = 0; i < kCosts.size(); ++i)
        if (kCosts[i].name == name)
            return static_cast<CostKey>(i);
    return std::nullopt;
}

CostTable::CostTable()
{
    for (std::size_t i = 0; i < kCosts.size(); ++i)
        m_ns[i] = kCosts[i].defaultNs;
}

} // namespace fl
