// SPDX-License-Identifier: GPL-2.0-only
#include "io/process_memory.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

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

std::uint64_t peakResidentBytes()
{
    const int fd = ::open("/proc/self/status", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char buffer[4096];
    const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    if (n <= 0)
        return 0;
    buffer[n] = '\0';
    const char *line = std::strstr(buffer, "VmHWM:");
    if (!line)
        return 0;
    // "VmHWM:     123456 kB"
    return static_cast<std::uint64_t>(std::strtoull(line + 6, nullptr, 10)) * 1024;
}

bool resetPeakResidentBytes()
{
    const int fd = ::open("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, "5", 1) == 1;
    ::close(fd);
    return ok;
}

std::uint64_t physicalMemoryBytes()
{
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long size = ::sysconf(_SC_PAGESIZE);
    return pages > 0 && size > 0 ? static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(size)
                                 : 0;
}

std::uint64_t defaultMemoryBound()
{
    const std::uint64_t ram = physicalMemoryBytes();
    return ram != 0 ? ram / 2 : 8ull << 30;
}

} // namespace fl
