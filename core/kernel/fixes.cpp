// SPDX-License-Identifier: GPL-2.0-only
#include "kernel/fixes.h"

namespace fl {

const std::vector<FixInfo> &fixCatalogue()
{
    static const std::vector<FixInfo> catalogue = {
        {Fix::PreTrylock, "pre-trylock", "kernel <= v6.14 (before Matthew Brost's 1afaeb8293c9)",
         "before v6.15",
         "do_swap_page takes a page reference, drops the PTL and calls migrate_to_ram with no "
         "folio lock; concurrent faulters each hold a reference while they migrate.",
         "Extra references make the migrator's refcount checks fail: a storm of failed "
         "migrations, and a stable livelock when migrate_to_ram takes a driver mutex "
         "(Matthew, 31 Jan 2026)."},
        {Fix::WaitOnUnlock, "wait-on-unlock",
         "Thomas Hellstrom, suggested by Alistair Popple (merged as b570f37a2ce4)",
         "v2 3 Feb 2026, v5 10 Feb 2026",
         "When the trylock fails, do_swap_page keeps the PTL, unmaps the PTE and sleeps in "
         "softleaf_entry_wait_on_locked() until the folio is unlocked, holding no reference; "
         "then the fault is retried.",
         "If racing lock holders never migrate the page, migration is not guaranteed to happen "
         "(Thomas: 'very unlikely'; Alistair: no more starvation-prone than ref+lock)."},
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
    const Fix f = *found;
    if ((f == Fix::PreTrylock && set.has(Fix::WaitOnUnlock))
        || (f == Fix::WaitOnUnlock && set.has(Fix::PreTrylock)))
        return "fixes 'pre-trylock' and 'wait-on-unlock' change the same branch of "
               "do_swap_page and cannot be combined";
    set.add(f);
    return {};
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
