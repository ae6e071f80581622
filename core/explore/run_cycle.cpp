// SPDX-License-Identifier: GPL-2.0-only
#include "explore/run_cycle.h"

#include "engine/engine.h"
#include "explore/edge_sink.h"
#include "explore/untimed_choices.h"
#include "model/machine.h"

#include <chrono>
#include <unordered_map>

namespace fl {

std::optional<RunCycle> findRunCycle(
        const Setup &setup, const std::vector<Choice> &choices, const RunCycleOptions &options)
{
    const Engine timed(setup, TimeModel::Timed);
    const Engine untimed(setup, TimeModel::Untimed);
    EdgeSink ignored; // the timed run's events are not looked at
    SimState s = timed.initialState();
    const std::size_t n = choices.size();
    // The untimed state's hash at each step, to the latest step it was seen.
    std::unordered_map<std::size_t, std::size_t> seen;
    std::vector<TimedStep> steps;
    steps.reserve(n);
    std::size_t checked = 0; // steps replayed by isLivelockCycle()
    // While the run repeats a period, every step starts a rotation of the
    // same cycle, and a rotation takes and enables what the cycle does: one
    // that failed is not tried again until the run leaves the period.
    std::size_t failedLength = 0;
    std::size_t failedUntil = 0;
    for (std::size_t k = 0; k <= n; ++k) {
        if (options.cancel && (k & 4095) == 0 && options.cancel->load(std::memory_order_relaxed))
            return std::nullopt;
        const SimState here = untimed.untimedFrom(s);
        const std::size_t hash = hashMachine(here.machine);
        const auto it = seen.find(hash);
        const std::size_t length = it == seen.end() ? 0 : k - it->second;
        if (length != 0 && length == failedLength && k <= failedUntil) {
            failedUntil = k + length;
        } else if (length != 0 && length <= options.maxLength) {
            const std::size_t start = it->second;
            checked += length;
            if (checked > options.maxCheckedSteps)
                return std::nullopt;
            failedLength = length;
            failedUntil = k + length;
            std::vector<Choice> cycle = untimedChoicesOf(untimed, here, choices, steps, start, k);
            if (!cycle.empty() && isLivelockCycle(untimed, here, cycle, 0, cycle.size())) {
                std::vector<Choice> lasso(
                        choices.begin(), choices.begin() + static_cast<std::ptrdiff_t>(start));
                lasso.insert(lasso.end(), cycle.begin(), cycle.end());
                LassoResult replay = replayUntimed(setup, lasso, static_cast<std::int64_t>(start),
                        static_cast<std::int64_t>(start));
                if (replay.outcome == LassoOutcome::Livelock)
                    return RunCycle {start, k - start, std::move(cycle), std::move(replay)};
            }
        }
        seen[hash] = k;
        if (k < n) {
            const StepReport report = timed.apply(s, choices[k], ignored);
            steps.push_back({report.step, report.task});
        }
    }
    return std::nullopt;
}

std::optional<RunLivelock> livelockOfRun(
        const Setup &setup, const std::vector<Choice> &choices, const RunCycleOptions &options)
{
    const auto began = std::chrono::steady_clock::now();
    std::optional<RunCycle> cycle = findRunCycle(setup, choices, options);
    if (!cycle)
        return std::nullopt;
    ExploreResult e;
    e.verdict = ExploreVerdict::Livelock;
    e.stoppedAtBug = true;
    e.cycle = cycle->choices;
    e.explanation = cycle->replay.explanation;
    e.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    const std::string asUntimed = cycle->choices.size() == cycle->length
            ? std::string()
            : " (" + std::to_string(cycle->choices.size())
                    + " choices of the untimed model, with its ticks and timers as choices of "
                      "their own)";
    e.summary = "The run itself goes round a fair cycle: the " + std::to_string(cycle->length)
            + " steps from step " + std::to_string(cycle->start) + asUntimed
            + " bring it back to the state it was in there (in the untimed model), take every "
              "choice they enable and complete nothing, so they can repeat forever. Checked by "
              "replaying them; no search was needed.";
    return RunLivelock {std::move(*cycle), std::move(e)};
}

} // namespace fl
