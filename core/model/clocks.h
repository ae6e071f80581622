// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "model/ids.h"

#include <array>
#include <cstdint>

namespace fl {

using Nanos = std::uint64_t;

// Virtual time, kept apart from the Machine so that states which differ only
// in time compare equal. Each CPU has its own clock; a wake-up carries the
// waker's time to an idle CPU, so causality holds whatever order CPUs step in.
struct Clocks {
    std::array<Nanos, MaxCpus> now{};
    std::array<Nanos, MaxCpus> nextTick{};
    std::array<Nanos, MaxCpus> lastSwitch{};  // for the soft-lockup watchdog
    std::array<Nanos, MaxTasks> timerAt{};    // wake time of Start/Timer sleepers
    std::array<Nanos, MaxTasks> sleepSince{}; // for the hung-task watchdog
    // Earliest timerAt of the timer sleepers on each CPU (all ones: none), so
    // that a step need not scan every task for a due timer.
    std::array<Nanos, MaxCpus> nextTimer{};
    // RT throttling: runtime used by RT tasks in the current period, and
    // when that period ends (sched_rt_period_us).
    std::array<Nanos, MaxCpus> rtUsed{};
    std::array<Nanos, MaxCpus> rtPeriodEnd{};

    Nanos maxNow(int cpuCount) const
    {
        Nanos t = 0;
        for (int c = 0; c < cpuCount; ++c)
            t = now[c] > t ? now[c] : t;
        return t;
    }
};

} // namespace fl
