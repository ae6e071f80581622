// SPDX-License-Identifier: GPL-2.0-only
#include "report/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

namespace fl {

void forEachParallel(
        std::size_t count, unsigned threads, const std::function<void(std::size_t)> &job)
{
    if (threads == 0)
        threads = std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, count));
    std::vector<std::exception_ptr> errors(count);
    std::atomic<std::size_t> next {0};
    auto worker = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            try {
                job(i);
            } catch (...) {
                errors[i] = std::current_exception();
            }
        }
    };
    {
        std::vector<std::jthread> pool;
        // The calling thread works too, so one thread means no thread at all.
        for (unsigned t = 1; t < threads; ++t)
            pool.emplace_back(worker);
        worker();
    } // jthreads join here
    for (const std::exception_ptr &e : errors)
        if (e)
            std::rethrow_exception(e);
}

} // namespace fl
