// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "kernel/fixes.h"
#include "kernel/steps.h"
#include "model/machine.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

// The kernel paths as listings of atomic steps, chosen by the fix set. A fix
// is a variant of a listing, so the GUI can show it as a diff of steps, the
// same shape as the patch on the list.
namespace fl {

enum class ListingId : std::uint8_t {
    HmmCaller,          // T's top level: the driver's hmm_range_fault() retry loop
    HmmRangeFault,
    UserFault,          // F's top level: a user access that faults
    DoAnonymousPage,
    DoSwapPage,
    MigrateToRamXe,
    MigrateToRamMutex,
    MigratorMain,       // M's top level
    MigrateVmaSetup,
    MigrateDeviceUnmap,
    MigrateVmaPages,
    MigrateVmaFinalize,
    LruAddDrainAll,
    KworkerMain,        // K_c's top level
    WaitOnLocked,
    MigrationEntryWait,
    DrainerMain,        // X's top level
    LruCacheDisable,    // lru-cache-disable (F2) only
    Count,
};

struct Listing {
    ListingId id = ListingId::Count;
    std::string_view function;
    std::string_view file;
    std::vector<StepId> steps;
};

class Program {
public:
    Program() = default;
    explicit Program(FixSet fixes);

    const FixSet &fixes() const { return m_fixes; }
    const Listing &listing(ListingId id) const { return m_listings[static_cast<std::size_t>(id)]; }
    const Listing &listing(std::uint8_t id) const { return m_listings[id]; }
    StepId stepAt(std::uint8_t listing, std::uint8_t pc) const
    {
        return m_listings[listing].steps[pc];
    }
    // The step `task` executes next, or nullopt for a finished task.
    std::optional<StepId> currentStep(const Task &task) const;
    // Index of `label` in `listing`; -1 when the listing lacks it.
    int indexOf(std::uint8_t listing, StepId label) const;
    // Does the caller of migrate_vma_setup() hold the fault page's lock?
    // (True since 1afaeb8293c9; false in the pre-trylock kernels.)
    bool faultPageLockedByCaller() const { return !m_fixes.has(Fix::PreTrylock); }

private:
    FixSet m_fixes;
    std::array<Listing, static_cast<std::size_t>(ListingId::Count)> m_listings;
    std::vector<std::array<std::int8_t, static_cast<std::size_t>(StepId::Count)>> m_index;
};

} // namespace fl
