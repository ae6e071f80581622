// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstddef>
#include <functional>

namespace fl {

// Calls job(i) for every i in [0, count) on up to `threads` threads (0: every
// hardware thread), each taking the next index from a shared counter. Jobs
// write their result into slot i of their own, so the order of results never
// depends on the timing. If jobs throw, the exception of the lowest index is
// rethrown after every thread has finished.
void forEachParallel(
        std::size_t count, unsigned threads, const std::function<void(std::size_t)> &job);

} // namespace fl
