// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"
#include "engine/engine.h"
#include "engine/explain.h"
#include "engine/setup.h"
#include "engine/verdict.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fl {


struct RunOptions {
    std::uint64_t seed = 1;
    std::uint64_t maxSteps = 200'000'000;
    Nanos maxTime = 5'000'000'000ull; // 5 s of virtual time
    bool checkInvariants = false;     // after every step (tests, debug builds)
    std::vector<Choice> replay;       // when not empty: follow these choices first
    EventSink *observer = nullptr;    // also sees every event and step (a trace recorder)
    // A replay file's schedule must fit: a replay choice that is not enabled
    // stops the run (RunResult::replayMismatchAt) instead of being skipped.
    bool strictReplay = false;
};

struct RunResult {
    Verdict verdict = Verdict::Limit;
    std::uint64_t steps = 0;
    Nanos virtualNs = 0;
    Explanation explanation;
    std::map<std::string, double> metrics; // by metric name, see metrics.h
    std::uint64_t traceHash = 0;
    std::string invariantViolation; // empty when every check passed
    std::vector<Choice> choices;    // the schedule that was taken
    SimState finalState;            // the machine and clocks at the verdict
    std::int64_t replayMismatchAt = -1; // strictReplay: the replay step that was not enabled
};

RunResult runToVerdict(const Setup &setup, const RunOptions &options);

} // namespace fl
