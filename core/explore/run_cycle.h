// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"
#include "engine/setup.h"
#include "explore/explorer.h"
#include "explore/lasso.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

// A livelocked run of the runner often goes round and round: seen in the
// untimed model (explore/explorer.h), its state at one step is its state at
// a later one. The steps between are then a cycle of the untimed graph, and
// if they take every choice they enable and complete nothing, the run itself
// is a concrete lasso: its timed choices up to the first step, then the
// cycle. That decides a cell whose space is too big to search, such as
// s2-storm x sleeping-lock, in well under a second.
namespace fl {

struct RunCycle
{
    std::size_t start = 0; // the run's step where the cycle begins (its timed prefix)
    std::size_t length = 0; // the run's steps it spans: choices [start, start + length)
    // Those steps as the untimed model's choices: a tick or a timer that
    // the clocks chose in the run is a choice of its own there.
    std::vector<Choice> choices;
    LassoResult replay; // the cycle replayed by replayUntimed(): outcome Livelock
};

struct RunCycleOptions
{
    std::size_t maxLength = 1'000'000; // longer cycles are not tried
    // Candidate cycles are replayed to check them; this bounds the replayed
    // steps in all (a few seconds).
    std::size_t maxCheckedSteps = 50'000'000;
    // Set from another thread (the window's Cancel), it ends the look with
    // nothing found.
    const std::atomic<bool> *cancel = nullptr;
};

// The first cycle of `choices` (a run of the timed model from the
// setup's start) that replayUntimed() confirms as a livelock, or nothing.
std::optional<RunCycle> findRunCycle(const Setup &setup, const std::vector<Choice> &choices,
        const RunCycleOptions &options = {});

// A run's livelock: the cycle findRunCycle() found, and the explorer's
// answer for it: LIVELOCK, no stem (the run's first cycle.start choices lead
// to it), the cycle, the wait-for graph at its entry, no states searched,
// and the time the look took.
struct RunLivelock
{
    RunCycle cycle;
    ExploreResult result;
};
std::optional<RunLivelock> livelockOfRun(const Setup &setup, const std::vector<Choice> &choices,
        const RunCycleOptions &options = {});

} // namespace fl
