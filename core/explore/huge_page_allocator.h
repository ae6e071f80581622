// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

#include <sys/mman.h>

// An allocator for the explorer's large arrays (the visited set, the graph's
// edges, the parent links, a BFS level): from 16 MiB up it asks the kernel
// for transparent huge pages (madvise, the mode Debian ships). A growing
// array touches every page of each new block once, and on this VM a page
// fault is dear: `explore l1 --preempt full` took 76 000 faults, 34 000 with
// this. Below 16 MiB the last, partly used 2 MiB page of each array would
// cost more resident memory than the faults cost time.
namespace fl {

template<typename T>
struct HugePageAllocator
{
    using value_type = T;

    HugePageAllocator() = default;
    template<typename U>
    HugePageAllocator(const HugePageAllocator<U> &)
    { }

    T *allocate(std::size_t n)
    {
        if (n > std::size_t(-1) / sizeof(T))
            throw std::bad_array_new_length();
        const std::size_t bytes = n * sizeof(T);
        if (bytes < kHugeFrom) {
            if (void *p = std::malloc(bytes))
                return static_cast<T *>(p);
            throw std::bad_alloc();
        }
        const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
        void *p = std::aligned_alloc(kHugePage, rounded);
        if (!p)
            throw std::bad_alloc();
        madvise(p, rounded, MADV_HUGEPAGE); // a hint: without it, small pages
        return static_cast<T *>(p);
    }
    void deallocate(T *p, std::size_t) noexcept { std::free(p); }

    template<typename U>
    bool operator==(const HugePageAllocator<U> &) const
    {
        return true;
    }

private:
    static constexpr std::size_t kHugePage = std::size_t(2) << 20;
    static constexpr std::size_t kHugeFrom = std::size_t(16) << 20;
};

// A vector of one of those arrays.
template<typename T>
using BigVector = std::vector<T, HugePageAllocator<T>>;

} // namespace fl
