// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The fixes of the thread as switches that select listing variants
// (spec §4). A fix set is the baseline plus the fixes switched on.
namespace fl {

enum class Fix : std::uint8_t {
    PreTrylock,           // <= v6.14: get_page + migrate_to_ram, no folio lock in do_swap_page
    CondResched,          // F1: cond_resched() in the hmm_range_fault() loop
    Msleep,               // F1b: msleep(1) in the hmm_range_fault() loop
    LruCacheDisable,      // F2: lru_cache_disable() around collect + unmap
    DrainBackoff,         // F3: unlock everything, drain, restart collect
    DrainAtStart,         // F3b: an unconditional drain before collect
    DrainAfterUnmap,      // F3c: drain only once every page has a migration entry
    SleepingLock,         // F4, John's order: ref, drop PTL, lock_page
    SleepingLockLateRef,  // F4, Matthew's order: drop PTL, lock_page, get_page_unless_zero
    PincountOnly,         // F5: only a DMA pin blocks migration
    MigrationEntryInFault, // F6: do_swap_page installs the migration entry itself
    WaitOnUnlock,         // F7, merged b570f37a2ce4: sleep until the folio is unlocked
    WaitRefcount,         // F8: migration waits for transient references to go
    Count,
};

struct FixInfo {
    Fix fix;
    std::string_view name;
    std::string_view who;
    std::string_view when;
    std::string_view summary;
    std::string_view risks;
    std::string_view label;  // F1, F4b, ... as in the domain spec
    std::string_view status; // merged, superseded, not pursued, ...
    std::vector<Fix> conflicts; // fixes that change the same lines
};

class FixSet {
public:
    bool has(Fix f) const { return (m_bits >> static_cast<unsigned>(f)) & 1u; }
    void add(Fix f) { m_bits |= 1u << static_cast<unsigned>(f); }
    bool isBaseline() const { return m_bits == 0; }
    std::string describe() const; // "baseline" or the names joined by '+'
    bool operator==(const FixSet &) const = default;

private:
    std::uint32_t m_bits = 0;
};

const std::vector<FixInfo> &fixCatalogue();
const FixInfo &fixInfo(Fix f);
// A fix of the catalogue by name; "baseline" is no fix and gives nullopt.
std::optional<Fix> fixByName(std::string_view name);
// Every catalogue name, and "baseline".
bool isFixName(std::string_view name);
// Adds `name` to `set`; returns an error message for an unknown or
// conflicting fix, or an empty string.
std::string addFixByName(FixSet &set, std::string_view name);
// Parses "a+b+c" (or "baseline") into a set; error message or empty.
std::string parseFixSet(std::string_view spec, FixSet &out);

// The combinations the thread discussed together (F4+F5, F4+F8, a fix on
// top of F2, ...), as names joined by '+'.
const std::vector<std::string_view> &fixCombinations();

// Kernel releases as fix sets: 6.14 = pre-trylock, 6.15 = baseline (the
// trylock spin of 1afaeb8293c9), 7.0 = wait-on-unlock (b570f37a2ce4).
struct KernelPreset {
    std::string_view version;
    std::string_view fixes;
    std::string_view what;
};
const std::vector<KernelPreset> &kernelPresets();
const KernelPreset *kernelPreset(std::string_view version);

} // namespace fl
