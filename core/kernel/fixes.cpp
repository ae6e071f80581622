// SPDX-License-Identifier: GPL-2.0-only
#include "kernel/fixes.h"

#include <algorithm>

namespace fl {

namespace {

using F = Fix;

// The four variants of do_swap_page's device-private branch replace the
// same lines; so do the four drain placements, and the two ways of relaxing
// the refcount check.
const std::vector<Fix> kSwapBranch = {F::PreTrylock, F::SleepingLock, F::SleepingLockLateRef,
                                      F::WaitOnUnlock};
const std::vector<Fix> kDrainPlacement = {F::LruCacheDisable, F::DrainBackoff, F::DrainAtStart,
                                          F::DrainAfterUnmap};

std::vector<Fix> othersOf(const std::vector<Fix> &group, Fix self, std::vector<Fix> extra = {})
{
    std::vector<Fix> out;
    for (Fix f : group)
        if (f != self)
            out.push_back(f);
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
}

} // namespace

const std::vector<FixInfo> &fixCatalogue()
{
    // In Fix order. Summaries and risks are ours, from the thread (spec §4).
    static const std::vector<FixInfo> catalogue = {
            {F::PreTrylock, "pre-trylock", "kernel <= v6.14 (before Matthew Brost's 1afaeb8293c9)",
                    "before v6.15",
                    "do_swap_page takes a page reference, drops the PTL and calls migrate_to_ram "
                    "with no "
                    "folio lock; concurrent faulters each hold a reference while they migrate.",
                    "Extra references make the migrator's refcount checks fail: a storm of failed "
                    "migrations, and a stable livelock when migrate_to_ram takes a driver mutex "
                    "(Matthew, 31 Jan 2026).",
                    "F0-", "replaced in v6.15",
                    othersOf(kSwapBranch, F::PreTrylock, {F::MigrationEntryInFault})},
            {F::CondResched, "cond-resched", "Thomas Hellstrom (v1 patch)", "30 Jan 2026",
                    "hmm_range_fault() calls cond_resched() each time the walk returns -EBUSY, so "
                    "a "
                    "spinning fault gives the CPU to a waiting kworker once need_resched is set.",
                    "No help for a SCHED_FIFO/RR caller: a fair kworker never preempts it "
                    "(Andrew). Treats "
                    "the symptom; the spin itself remains (Thomas). Dropped in v2.",
                    "F1", "dropped in v2", {F::Msleep}},
            {F::Msleep, "msleep", "Andrew Morton (suggestion)", "30 Jan 2026",
                    "hmm_range_fault() sleeps about a millisecond each time the walk returns "
                    "-EBUSY; "
                    "sleeping frees the CPU whatever the caller's class.",
                    "At least a jiffy per retry against a 10-15 us GPU-fault budget; -EBUSY is not "
                    "rare "
                    "(Matthew). Sleeping in core code called by many drivers is a last resort.",
                    "F1b", "not pursued", {F::CondResched}},
            {F::LruCacheDisable, "lru-cache-disable", "John Hubbard", "30 Jan 2026",
                    "migrate_vma_setup() calls lru_cache_disable() before collecting and "
                    "lru_cache_enable() after unmapping; the drain inside migrate_device_unmap() "
                    "goes. "
                    "No folio lock is held while draining and no folio can slip into a per-CPU "
                    "batch.",
                    "Every migration pays an expedited RCU grace period and a forced drain (work "
                    "on every "
                    "CPU with pending batches, without the generation shortcut) (Thomas: 'a huge "
                    "performance killer?'); Matthew measured orders-of-magnitude slowdowns and "
                    "eventually "
                    "a kernel deadlock. FolioLab's reading of that deadlock [I]: on the "
                    "migrate_to_ram "
                    "path the fault page stays locked through lru_cache_disable(), which hangs "
                    "behind a "
                    "spinner with non-preemptible RCU or with pending batches on the spinner's "
                    "CPU.",
                    "F2", "not pursued", othersOf(kDrainPlacement, F::LruCacheDisable)},
            {F::DrainBackoff, "drain-backoff", "Thomas Hellstrom (proposal)", "31 Jan 2026",
                    "migrate_device_unmap() does not drain with folios locked: on the first system "
                    "folio "
                    "missing from the LRU it restores every collected entry, unlocks, drains, and "
                    "restarts the collection (a bounded number of times).",
                    "Whether backoff is common, and whether it costs performance or many retries "
                    "under "
                    "the right races, is open (Matthew). The trylock spin remains, bounded.",
                    "F3", "not merged", othersOf(kDrainPlacement, F::DrainBackoff)},
            {F::DrainAtStart, "drain-at-start", "Thomas Hellstrom (proposal)", "31 Jan 2026",
                    "migrate_vma_setup() calls lru_add_drain_all() before collecting, when it "
                    "holds no "
                    "folio lock of its own; the drain inside migrate_device_unmap() stays.",
                    "Per-CPU work on every migration; on the migrate_to_ram path the caller still "
                    "holds "
                    "the fault page's lock while it drains.",
                    "F3b", "not merged", othersOf(kDrainPlacement, F::DrainAtStart)},
            {F::DrainAfterUnmap, "drain-after-unmap",
                    "Thomas Hellstrom, crediting Matthew Brost (the commit's 'future improvement')",
                    "31 Jan / 5 Feb 2026",
                    "migrate_device_unmap() first turns every mapping of every collected folio "
                    "into a "
                    "migration entry, then drains, then isolates and checks: faulters meet "
                    "migration "
                    "entries and sleep instead of spinning.",
                    "Not posted as a patch; the trylock spin remains for other lock holders.",
                    "F3c", "future work", othersOf(kDrainPlacement, F::DrainAfterUnmap)},
            {F::SleepingLock, "sleeping-lock", "Matthew Brost (idea), John Hubbard (diff)",
                    "31 Jan 2026",
                    "do_swap_page takes a reference under the PTL, drops the PTL and sleeps in "
                    "lock_page() "
                    "instead of spinning on the trylock.",
                    "Every sleeper holds a reference, so the lock holder's migration fails its "
                    "refcount "
                    "check: the problem 1afaeb8293c9 solved comes back (Matthew, Thomas).",
                    "F4", "superseded by F7",
                    othersOf(kSwapBranch, F::SleepingLock, {F::MigrationEntryInFault})},
            {F::SleepingLockLateRef, "sleeping-lock-late-ref", "Matthew Brost", "1 Feb 2026",
                    "do_swap_page drops the PTL, sleeps in lock_page(), and only then takes a "
                    "reference "
                    "with get_page_unless_zero().",
                    "Between dropping the PTL and taking the reference the page can be freed or "
                    "reallocated: use after free, or lock_page() on a reallocated larger folio "
                    "(John; Matthew: 'back to drawing board').",
                    "F4b", "withdrawn",
                    othersOf(kSwapBranch, F::SleepingLockLateRef, {F::MigrationEntryInFault})},
            {F::PincountOnly, "pincount-only", "Thomas Hellstrom", "31 Jan - 4 Feb 2026",
                    "migrate_vma_check_page() treats a folio as migratable unless it is "
                    "DMA-pinned, as in "
                    "Thomas's posted diff; folio_migrate_mapping() keeps its exact-refcount check, "
                    "so a "
                    "reference taken by a sleeper still fails the migration there (-EAGAIN).",
                    "Core mm treats any reference as 'do not move' and small folios implement the "
                    "pin "
                    "count with the refcount (John); no special ZONE_DEVICE rules (Alistair). With "
                    "sleeping-lock it moves the failure from the check to the mapping move.",
                    "F5", "not pursued", {F::WaitRefcount}},
            {F::MigrationEntryInFault, "migration-entry-in-fault", "Alistair Popple", "2 Feb 2026",
                    "When do_swap_page wins the trylock it installs the migration entry itself, "
                    "under the "
                    "PTL, so other faulters of that mapping sleep on it.",
                    "Only the trylock-success branch changes: other mappings of the page still "
                    "need "
                    "try_to_migrate after the drain, so L1 still livelocks (Thomas, Alistair).",
                    "F6", "not pursued", {F::PreTrylock, F::SleepingLock, F::SleepingLockLateRef}},
            {F::WaitOnUnlock, "wait-on-unlock",
                    "Thomas Hellstrom, suggested by Alistair Popple (merged as b570f37a2ce4)",
                    "v2 3 Feb 2026, v5 10 Feb 2026",
                    "When the trylock fails, do_swap_page keeps the PTL, unmaps the PTE and sleeps "
                    "in "
                    "softleaf_entry_wait_on_locked() until the folio is unlocked, holding no "
                    "reference; "
                    "then the fault is retried.",
                    "If racing lock holders never migrate the page, migration is not guaranteed to "
                    "happen "
                    "(Thomas: 'very unlikely'; Alistair: no more starvation-prone than ref+lock).",
                    "F7", "merged (v7.0, stable v6.15+)", othersOf(kSwapBranch, F::WaitOnUnlock)},
            {F::WaitRefcount, "wait-refcount", "John Hubbard (aside)", "31 Jan 2026",
                    "Where migrate_vma_check_page() sees extra references, migration sleeps until "
                    "the "
                    "refcount drops to the expected value; every put_page() wakes such waiters. "
                    "The "
                    "placement (inside migrate_vma_check_page, folio locks held, no timeout) is "
                    "FolioLab's reading of an aside [I]; the later RFC (Apr 2026) waits in "
                    "migrate_pages() "
                    "for long-term pins only, with a 1 s timeout.",
                    "Adds work to the put_page() hot path (to be measured). A consequence of our "
                    "placement, "
                    "not of the RFC: a waiter that holds the folio lock while the reference "
                    "holders wait "
                    "for that lock never wakes (the deadlock FolioLab reports).",
                    "F8", "not posted", {F::PincountOnly}},
    };
    return catalogue;
}

const FixInfo &fixInfo(Fix f)
{
    return fixCatalogue()[static_cast<std::size_t>(f)];
}

std::optional<Fix> fixByName(std::string_view name)
{
    for (const FixInfo &info : fixCatalogue())
        if (info.name == name)
            return info.fix;
    return std::nullopt;
}

bool isFixName(std::string_view name)
{
    return name == "baseline" || fixByName(name).has_value();
}

std::string addFixByName(FixSet &set, std::string_view name)
{
    if (!isFixName(name)) {
        std::string msg = "unknown fix '" + std::string(name) + "'; expected one of: baseline";
        for (const FixInfo &info : fixCatalogue())
            msg += ", " + std::string(info.name);
        return msg;
    }
    const auto found = fixByName(name);
    if (!found)
        return {}; // baseline adds nothing
    const FixInfo &info = fixInfo(*found);
    for (Fix other : info.conflicts)
        if (set.has(other))
            return "fixes '" + std::string(fixInfo(other).name) + "' and '"
                   + std::string(info.name)
                   + "' change the same lines of the kernel and cannot be combined";
    set.add(*found);
    return {};
}

std::string parseFixSet(std::string_view spec, FixSet &out)
{
    out = FixSet{};
    std::size_t pos = 0;
    while (pos <= spec.size()) {
        const std::size_t plus = std::min(spec.find('+', pos), spec.size());
        if (std::string err = addFixByName(out, spec.substr(pos, plus - pos)); !err.empty())
            return err;
        pos = plus + 1;
    }
    return {};
}

const std::vector<std::string_view> &fixCombinations()
{
    static const std::vector<std::string_view> combos = {
        "sleeping-lock+pincount-only",         // spec §5.3 row F4+F5
        "sleeping-lock+wait-refcount",         // John: F8 would make F4 palatable
        "lru-cache-disable+wait-on-unlock",    // §5.5: removes V4
        "lru-cache-disable+migration-entry-in-fault", // §5.5: removes V4
        "cond-resched+wait-on-unlock",         // Thomas, msg 20: "more nice to the system"
    };
    return combos;
}

const std::vector<KernelPreset> &kernelPresets()
{
    static const std::vector<KernelPreset> presets = {
        {"6.14", "pre-trylock", "before 1afaeb8293c9: reference, no lock, migrate_to_ram"},
        {"6.15", "baseline", "1afaeb8293c9: folio_trylock and the spin"},
        {"7.0", "wait-on-unlock", "b570f37a2ce4: sleep until the folio is unlocked"},
    };
    return presets;
}

const KernelPreset *kernelPreset(std::string_view version)
{
    for (const KernelPreset &p : kernelPresets())
        if (p.version == version)
            return &p;
    return nullptr;
}

std::string FixSet::describe() const
{
    if (isBaseline())
        return "baseline";
    std::string out;
    for (const FixInfo &info : fixCatalogue()) {
        if (!has(info.fix))
            continue;
        if (!out.empty())
            out += '+';
        out += info.name;
    }
    return out;
}

} // namespace fl
