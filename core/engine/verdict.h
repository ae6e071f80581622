// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstdint>

namespace fl {

enum class Verdict : std::uint8_t { Livelock, Deadlock, Completed, Limit };
const char *verdictName(Verdict v); // "LIVELOCK", "DEADLOCK", "COMPLETED", "LIMIT"

} // namespace fl
