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
    ExploreResult explored; // from the run's state at step timedSteps, in the untimed model
    // How many of the run's choices lead to where `explored` starts: all of
    // them, or where the run's own cycle begins (runCycle).
    std::size_t timedSteps = 0;
    // The LIVELOCK is the run itself going round (explore/run_cycle.h): no
    // search was needed, and `explored` counts no states.
    bool runCycle = false;
    std::uint64_t seed = 1; // the run's seed
};

// Runs the runner with `seed`. A run that livelocked is first looked at for
// its own fair cycle; failing that, every schedule from the state it reached
// is explored. A run that completed leaves nothing to search: REFUSED,
// saying so. An OK or PARTIAL says it is about the schedules from that state
// only.
FromRunResult exploreFromRun(const Setup &setup, std::uint64_t seed, const ExploreOptions &options);

// How many seeds (1 to this) `explore --from-run` without --seed and
// `matrix --explore` try for a run that gets stuck.
inline constexpr std::uint64_t kFromRunSeeds = 8;

// The first seed of [first, last] whose run of the runner (with `limits`'
// bounds) livelocks or deadlocks, or 0 if none does. A run that completes
// costs milliseconds, so this is the cheap way to a stuck run where seed 1
// completes (s2-mixed x rt x pre-trylock: seed 2).
std::uint64_t firstStuckSeed(
        const Setup &setup, std::uint64_t first, std::uint64_t last, const RunOptions &limits = {});

// exploreFromRun() with seed 1, or, where that run neither livelocks nor
// deadlocks, with the first of seeds 2 to kFromRunSeeds whose run does (as
// matrix --explore looks); a REFUSED says that none did.
FromRunResult exploreFromFirstStuckRun(const Setup &setup, const ExploreOptions &options);

} // namespace fl
