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

} // namespace fl
