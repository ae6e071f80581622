// SPDX-License-Identifier: GPL-2.0-only
#include "explore/from_run.h"

#include "explore/run_cycle.h"

namespace fl {

FromRunResult exploreFromRun(const Setup &setup, std::uint64_t seed, const ExploreOptions &options)
{
    FromRunResult r;
    r.seed = seed;
    RunOptions runOptions;
    runOptions.seed = seed;
    r.run = runToVerdict(setup, runOptions);
    r.timedSteps = r.run.choices.size();
    ExploreResult &e = r.explored;
    if (r.run.verdict == Verdict::Completed) {
        // Every task is done there: a search could only say OK of nothing.
        e.verdict = ExploreVerdict::Refused;
        e.summary = "Not searched: the runner's run completed, so no schedule goes on from "
                    "its final state. --from-run searches from a run that livelocks, "
                    "deadlocks or hits a limit; explore without it, or try another --seed.";
        return r;
    }
    if (r.run.verdict == Verdict::Livelock) {
        if (std::optional<RunLivelock> found = livelockOfRun(setup, r.run.choices)) {
            r.timedSteps = found->cycle.start;
            r.runCycle = true;
            e = std::move(found->result);
            return r;
        }
    }
    e = explore(setup, Engine(setup, TimeModel::Untimed).untimedFrom(r.run.finalState), options);
    if (e.verdict == ExploreVerdict::Ok || e.verdict == ExploreVerdict::Partial)
        e.summary += " This is about the schedules from the runner's final state, not every "
                     "schedule from the start.";
    return r;
}

std::uint64_t firstStuckSeed(
        const Setup &setup, std::uint64_t first, std::uint64_t last, const RunOptions &limits)
{
    for (std::uint64_t seed = first; seed <= last && seed != 0; ++seed) {
        RunOptions options = limits;
        options.seed = seed;
        options.replay.clear();
        const Verdict v = runToVerdict(setup, options).verdict;
        if (v == Verdict::Livelock || v == Verdict::Deadlock)
            return seed;
    }
    return 0;
}

FromRunResult exploreFromFirstStuckRun(const Setup &setup, const ExploreOptions &options)
{
    FromRunResult found = exploreFromRun(setup, 1, options);
    if (found.run.verdict == Verdict::Livelock || found.run.verdict == Verdict::Deadlock)
        return found;
    if (const std::uint64_t other = firstStuckSeed(setup, 2, kFromRunSeeds))
        return exploreFromRun(setup, other, options);
    found.explored.summary += " (The runs of seeds 1 to " + std::to_string(kFromRunSeeds)
            + " neither livelock nor deadlock.)";
    return found;
}

} // namespace fl
