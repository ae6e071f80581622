// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/runner.h"
#include "explore/explorer.h"

#include <cstdint>

// A search from where the runner's run stopped: the way into a space too big
// to search from the start, where the run livelocks or deadlocks. The run is
// a real schedule to the search's start, so a bug found there is a bug of
// the scenario; its counterexample follows the run's timed choices
// (ReplayFile::untimedFrom). Shared by `explore --from-run` and the second
// search of `matrix --explore`.
namespace fl {

struct FromRunResult
{
    RunResult run; // the runner's run to its verdict
    ExploreResult explored; // from run.finalState, in the untimed model
};

// Runs the runner with `seed`, then explores from the state it reached. A
// run that completed leaves nothing to search: REFUSED, saying so. An OK or
// PARTIAL says it is about the schedules from that state only.
FromRunResult exploreFromRun(const Setup &setup, std::uint64_t seed, const ExploreOptions &options);

} // namespace fl
