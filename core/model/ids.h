// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstdint>

// Small integer identifiers and the fixed capacities of the simulated machine.
// Capacities are compile-time so that the whole machine is one flat value that
// copies without allocating: the explorer and time travel store many of them.
namespace fl {

using CpuId = std::uint8_t;
using TaskId = std::uint8_t;
using FolioId = std::uint8_t;
using MmId = std::uint8_t;
using GpuId = std::uint8_t;
using Va = std::uint8_t; // a page index inside an mm's single page-table page
using OwnerId = std::uint8_t; // a pgmap owner cookie (spec §1.9)

inline constexpr TaskId NoTask = 0xff;
inline constexpr FolioId NoFolio = 0xff;
inline constexpr MmId NoMm = 0xff;
inline constexpr GpuId NoGpu = 0xff;
inline constexpr CpuId NoCpu = 0xff;
inline constexpr OwnerId NoOwner = 0xff;

inline constexpr int MaxCpus = 8;
inline constexpr int MaxTasks = 24;
inline constexpr int MaxFolios = 24;
inline constexpr int MaxMms = 4;
inline constexpr int MaxVas = 8;
inline constexpr int MaxGpus = 2;
inline constexpr int MaxBatch = 31; // PAGEVEC_SIZE in current kernels
inline constexpr int MaxStack = 8;
inline constexpr int MaxMigratePages = 4;
inline constexpr int MaxWaiters = MaxTasks;

} // namespace fl
