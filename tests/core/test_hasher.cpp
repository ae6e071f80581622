// SPDX-License-Identifier: GPL-2.0-only
#include "model/hasher.h"

#include <gtest/gtest.h>

#include <cstdint>

using fl::Hasher;

namespace {

template <typename... Ts> std::size_t hashOf(Ts... values)
{
    Hasher h;
    h.add(values...);
    return h.value();
}

} // namespace

// Fields are packed several to a word: a negative one must not spill its
// sign extension over its neighbours (that once merged states whose loop
// cursor differed after a -EBUSY return value).
TEST(Hasher, ANegativeFieldDoesNotHideTheFieldsAfterIt)
{
    const std::int8_t ebusy = -16;
    EXPECT_NE(hashOf(ebusy, std::uint8_t{1}), hashOf(ebusy, std::uint8_t{2}));
    EXPECT_NE(hashOf(std::uint8_t{3}, ebusy, std::uint16_t{7}),
              hashOf(std::uint8_t{3}, ebusy, std::uint16_t{8}));
}

TEST(Hasher, OrderAndPositionMatter)
{
    EXPECT_NE(hashOf(std::uint8_t{1}, std::uint8_t{2}), hashOf(std::uint8_t{2}, std::uint8_t{1}));
    EXPECT_NE(hashOf(std::uint8_t{0}), hashOf(std::uint8_t{0}, std::uint8_t{0}));
    EXPECT_EQ(hashOf(std::uint64_t{42}, true), hashOf(std::uint64_t{42}, true));
}
