// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstdint>

// The resident memory of this whole process, for bounds that must hold for
// the process and not only for the data structures a search counts (the
// explorer's BFS levels, worker buffers and fair-cycle check are outside
// its own byte count).
namespace fl {

// Resident set size in bytes (/proc/self/statm); 0 when it cannot be read.
std::uint64_t residentBytes();
// The peak resident set size so far (VmHWM of /proc/self/status): what
// `/usr/bin/time -f %M` reports at exit; 0 when it cannot be read.
std::uint64_t peakResidentBytes();
// Starts a new high-water mark at the current resident size (writes 5 to
// /proc/self/clear_refs, Linux 4.0+), so that peakResidentBytes() after a
// search is that search's peak even in a long-lived process. False when the
// kernel refuses: the peak is then the process's whole life.
bool resetPeakResidentBytes();
// The machine's physical memory in bytes; 0 when unknown.
std::uint64_t physicalMemoryBytes();
// The default bound of a search's resident memory: half the machine's RAM
// (8 GiB when that is unknown), so a search never drives it out of memory.
std::uint64_t defaultMemoryBound();

} // namespace fl
