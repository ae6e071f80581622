// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"
#include "engine/engine.h"
#include "engine/setup.h"

#include <cstdint>
#include <vector>

// A run of the timed model as choices of the untimed one (engine.h). The
// timed model lets the clocks decide what stepping a CPU does: the CPU's tick
// when it is due, a sleeper's wake-up when its timer is due (always, on an
// idle CPU). The untimed model has no clocks; there both are choices of their
// own, and a timer first needs the jiffy boundaries it spans, ticks of its
// CPU. Replaying a timed run's choices as they stand in the untimed model
// would run a task's step where the run took a tick, and wander off the run.
namespace fl {

// What a step of the timed run did where its clocks chose: StepReport's step
// (SchedStep::Tick, SchedStep::TimerWake, or anything else) and task.
struct TimedStep
{
    std::uint16_t step = 0;
    TaskId task = NoTask;
};

// Replays `choices` from the setup's start in the timed model.
std::vector<TimedStep> timedStepsOf(const Setup &setup, const std::vector<Choice> &choices);

// The run's steps [from, to) as untimed choices, from `entry` (the untimed
// model's state where step `from` begins, Engine::untimedFrom): a tick
// becomes the CPU's tick, left out where it would change nothing there (the
// untimed model does not offer such a tick); a timer's wake-up becomes the
// ticks its sleeper still waits for, then its timer (a jiffy timer fires in
// the last of those ticks); anything else stays as it is. Empty when a step
// has no such translation where it comes. The result is a path of the
// untimed model; whether it is the run's (reaches the same states) is for
// the caller to check, as findRunCycle() does.
std::vector<Choice> untimedChoicesOf(const Engine &untimed, SimState entry,
        const std::vector<Choice> &choices, const std::vector<TimedStep> &steps, std::size_t from,
        std::size_t to);

} // namespace fl
