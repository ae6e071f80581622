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
    PreTrylock,   // <= v6.14: get_page + migrate_to_ram, no folio lock in do_swap_page
    WaitOnUnlock, // F7, merged b570f37a2ce4: sleep until the folio is unlocked
    Count,
};

struct FixInfo {
    Fix fix;
    std::string_view name;
    std::string_view who;
    std::string_view when;
    std::string_view summary;
    std::string_view risks;
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

} // namespace fl
