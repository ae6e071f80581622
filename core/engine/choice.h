// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "model/ids.h"

#include <array>
#include <cstdint>

namespace fl {

// In the untimed model (the explorer's), interrupts are choices too: the
// tick on a CPU, and the timer of a sleeping task.
inline constexpr TaskId TickChoice = 0xfe;

// One enabled move: step CPU `cpu`. At a scheduling point with several
// candidates, `task` says which runnable task the CPU picks; else NoTask.
// Untimed: `task` = TickChoice fires the CPU's tick, and a task sleeping on a
// timer (its start, or msleep) fires that timer.
struct Choice {
    CpuId cpu = 0;
    TaskId task = NoTask;
    bool operator==(const Choice &) const = default;
};

// Enabled choices without allocating: at most one per CPU, or one per
// runnable task at a pick.
struct ChoiceList {
    std::array<Choice, MaxCpus * 4> items{};
    int count = 0;
    void push(Choice c)
    {
        if (count < static_cast<int>(items.size()))
            items[static_cast<std::size_t>(count++)] = c;
    }
    const Choice *begin() const { return items.data(); }
    const Choice *end() const { return items.data() + count; }
    bool contains(Choice c) const
    {
        for (const Choice &x : *this)
            if (x == c)
                return true;
        return false;
    }
};

} // namespace fl
