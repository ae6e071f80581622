// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace fl {

// FNV-1a over the numeric value of each field fed in. Fields are fed one by
// one (never the raw bytes of a struct) so padding never leaks into a hash.
class Hasher {
public:
    template <typename... Ts> void add(Ts... values) { (addOne(values), ...); }
    std::size_t value() const { return static_cast<std::size_t>(m_state); }

private:
    template <typename T> void addOne(T v)
    {
        std::uint64_t x;
        if constexpr (std::is_enum_v<T>)
            x = static_cast<std::uint64_t>(static_cast<std::underlying_type_t<T>>(v));
        else
            x = static_cast<std::uint64_t>(v);
        for (int i = 0; i < 8; ++i) {
            m_state ^= (x >> (8 * i)) & 0xff;
            m_state *= 0x100000001b3ull;
        }
    }
    std::uint64_t m_state = 0xcbf29ce484222325ull;
};

} // namespace fl
