// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstdint>
#include <vector>

#include "explore/huge_page_allocator.h"

// The explorer's visited set: 64-bit state fingerprints to state numbers, in
// one open-addressing table (12 bytes a slot, at most three quarters full). Two
// states with one fingerprint would be taken for one (hash compaction: with n
// states the chance is about n^2 / 2^65, 3e-8 for a million).
namespace fl {

class StateTable {
public:
    static constexpr std::uint32_t Absent = 0xffffffffu;

    explicit StateTable(std::size_t expected = 1024) { rehash(capacityFor(expected)); }

    // The number stored for `fp`, or Absent.
    std::uint32_t find(std::uint64_t fp) const
    {
        const Slot wanted = slotFor(fp, Absent);
        for (std::size_t i = home(fp);; i = (i + 1) & m_mask) {
            const Slot &s = m_slots[i];
            if (s.index == Absent)
                return Absent;
            if (s.low == wanted.low && s.high == wanted.high)
                return s.index;
        }
    }
    // Inserts `fp` -> `index` unless present; returns the number stored.
    std::uint32_t insert(std::uint64_t fp, std::uint32_t index)
    {
        if ((m_size + 1) * 4 > m_slots.size() * 3)
            rehash(m_slots.size() * 2);
        const Slot wanted = slotFor(fp, index);
        for (std::size_t i = home(fp);; i = (i + 1) & m_mask) {
            Slot &s = m_slots[i];
            if (s.index == Absent) {
                s = wanted;
                ++m_size;
                return index;
            }
            if (s.low == wanted.low && s.high == wanted.high)
                return s.index;
        }
    }
    // Hints that `fp` is looked up soon: the merge of a BFS block knows its
    // fingerprints ahead and would otherwise wait for each slot's cache line.
    void prefetch(std::uint64_t fp) const { __builtin_prefetch(&m_slots[home(fp)]); }
    std::size_t size() const { return m_size; }
    std::size_t bytes() const { return m_slots.size() * sizeof(Slot); }

private:
    // The fingerprint and its number side by side, so that a probe reads one
    // cache line (two arrays cost two misses per probe); 32-bit halves keep
    // a slot at 12 bytes.
    struct Slot
    {
        std::uint32_t low;
        std::uint32_t high;
        std::uint32_t index;
    };
    static Slot slotFor(std::uint64_t fp, std::uint32_t index)
    {
        return {static_cast<std::uint32_t>(fp), static_cast<std::uint32_t>(fp >> 32), index};
    }
    static std::size_t capacityFor(std::size_t n)
    {
        std::size_t c = 64;
        while (c * 3 < n * 4)
            c *= 2;
        return c;
    }
    std::size_t home(std::uint64_t fp) const { return static_cast<std::size_t>(fp) & m_mask; }
    void rehash(std::size_t capacity)
    {
        BigVector<Slot> old = std::move(m_slots);
        m_slots.assign(capacity, Slot {0, 0, Absent});
        m_mask = capacity - 1;
        m_size = 0;
        for (const Slot &s : old)
            if (s.index != Absent)
                insert(static_cast<std::uint64_t>(s.high) << 32 | s.low, s.index);
    }

    BigVector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::size_t m_size = 0;
};

} // namespace fl
