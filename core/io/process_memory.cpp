// SPDX-License-Identifier: GPL-2.0-only
#include "io/process_memory.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>

namespace fl {

std::uint64_t residentBytes()
{
    // No stdio: this runs once per explorer block, from one thread at a time.
    const int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char buffer[128];
    const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    if (n <= 0)
        return 0;
    buffer[n] = '\0';
    // "size resident shared text lib data dt", in pages.
    char *end = nullptr;
    std::strtoull(buffer, &end, 10);
    const unsigned long long pages = std::strtoull(end, nullptr, 10);
    return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

} // namespace fl
