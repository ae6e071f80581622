// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"
#include "engine/engine.h"
#include "engine/explain.h"
#include "engine/setup.h"

#include <cstdint>
#include <string>
#include <vector>

// Replaying a schedule in the untimed model, choice by choice, and checking
// a lasso: the stem leads to a state, the cycle leads back to it, nothing
// completes on the way round and every choice enabled on it is taken on it.
namespace fl {

enum class LassoOutcome : std::uint8_t {
    NotEnabled,  // a choice of the file is not possible where it comes
    Livelock,    // the cycle returns to its entry, fair, nothing completes
    NotACycle,   // the cycle ends in another state, or something completes on it
    Unfair,      // the cycle never takes a choice it enables
    Deadlock,    // the schedule ends where tasks wait and nothing can run
    Completed,   // the schedule ends with every task done
    Replayed,    // the schedule ends, nothing more to say
    Hazard,      // a hazard event fired on the way
};
const char *lassoOutcomeName(LassoOutcome o);

struct LassoResult {
    LassoOutcome outcome = LassoOutcome::Replayed;
    std::string summary;
    std::size_t failedAt = 0; // NotEnabled: index of the choice
    std::size_t steps = 0;    // choices applied
    Explanation explanation;  // at the cycle's entry, or where it ended
    SimState finalState;
};

// Do choices [from, to) lead from `entry` back to its machine in the untimed
// model, each possible where it comes, taking every choice they enable,
// with nothing completing and no hazard on the way? The rules of
// replayUntimed()'s cycle check, without its report: the quick test of a
// candidate cycle (explore/run_cycle.h).
bool isLivelockCycle(const Engine &untimed, const SimState &entry,
        const std::vector<Choice> &choices, std::size_t from, std::size_t to);

// Applies `choices` from the setup's initial state in the untimed model;
// `cycleStart` (or -1) marks where a cycle begins. The first `untimedFrom`
// choices are a timed run's, replayed in the timed model; the untimed model
// goes on from the state they reach (Engine::untimedFrom), as a search
// started from a state of the runner does.
LassoResult replayUntimed(const Setup &setup, const std::vector<Choice> &choices,
        std::int64_t cycleStart, std::int64_t untimedFrom = 0);

} // namespace fl
