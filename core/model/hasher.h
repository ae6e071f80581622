// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace fl {

// A 64-bit hash of the numeric value of each field fed in. Fields are fed one
// by one (never the raw bytes of a struct) so padding never leaks into a hash.
class Hasher {
public:
    template <typename... Ts> void add(Ts... values) { (addOne(values), ...); }
    std::size_t value() const
    {
        std::uint64_t h = m_fill == 0 ? m_state : mix(m_state, m_word ^ (std::uint64_t{m_fill} << 60));
        // murmur3's finaliser: every input bit reaches every output bit.
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdull;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53ull;
        h ^= h >> 33;
        return static_cast<std::size_t>(h);
    }

private:
    // Small fields are packed eight bytes to a word and each word is mixed
    // once: the explorer fingerprints every state it meets, so this is on its
    // hot path.
    template <typename T> void addOne(T v)
    {
        if constexpr (std::is_enum_v<T>) {
            addOne(static_cast<std::underlying_type_t<T>>(v));
        } else {
            constexpr unsigned bytes = sizeof(T);
            // Only the field's own bytes: a negative value must not spill
            // its sign extension over the fields packed after it.
            auto x = static_cast<std::uint64_t>(v);
            if constexpr (bytes < 8)
                x &= (std::uint64_t{1} << (8 * bytes)) - 1;
            if (m_fill + bytes > 8) {
                m_state = mix(m_state, m_word);
                m_word = 0;
                m_fill = 0;
            }
            m_word |= bytes == 8 ? x : x << (8 * m_fill);
            m_fill += bytes;
            if (m_fill == 8) {
                m_state = mix(m_state, m_word);
                m_word = 0;
                m_fill = 0;
            }
        }
    }
    static std::uint64_t mix(std::uint64_t state, std::uint64_t word)
    {
        state = (state ^ word) * 0x9e3779b97f4a7c15ull;
        return state ^ (state >> 29);
    }

    std::uint64_t m_state = 0xcbf29ce484222325ull;
    std::uint64_t m_word = 0;
    unsigned m_fill = 0;
};

} // namespace fl
