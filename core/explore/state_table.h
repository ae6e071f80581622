// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstdint>
#include <vector>

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
        for (std::size_t i = slot(fp);; i = (i + 1) & m_mask) {
            if (m_index[i] == Absent)
                return Absent;
            if (m_keys[i] == fp)
                return m_index[i];
        }
    }
    // Inserts `fp` -> `index` unless present; returns the number stored.
    std::uint32_t insert(std::uint64_t fp, std::uint32_t index)
    {
        if ((m_size + 1) * 4 > m_index.size() * 3)
            rehash(m_index.size() * 2);
        for (std::size_t i = slot(fp);; i = (i + 1) & m_mask) {
            if (m_index[i] == Absent) {
                m_keys[i] = fp;
                m_index[i] = index;
                ++m_size;
                return index;
            }
            if (m_keys[i] == fp)
                return m_index[i];
        }
    }
    std::size_t size() const { return m_size; }
    std::size_t bytes() const { return m_keys.size() * (sizeof(std::uint64_t) + sizeof(std::uint32_t)); }

private:
    static std::size_t capacityFor(std::size_t n)
    {
        std::size_t c = 64;
        while (c * 3 < n * 4)
            c *= 2;
        return c;
    }
    std::size_t slot(std::uint64_t fp) const { return static_cast<std::size_t>(fp) & m_mask; }
    void rehash(std::size_t capacity)
    {
        std::vector<std::uint64_t> keys = std::move(m_keys);
        std::vector<std::uint32_t> index = std::move(m_index);
        m_keys.assign(capacity, 0);
        m_index.assign(capacity, Absent);
        m_mask = capacity - 1;
        m_size = 0;
        for (std::size_t i = 0; i < index.size(); ++i)
            if (index[i] != Absent)
                insert(keys[i], index[i]);
    }

    std::vector<std::uint64_t> m_keys;
    std::vector<std::uint32_t> m_index;
    std::size_t m_mask = 0;
    std::size_t m_size = 0;
};

} // namespace fl
