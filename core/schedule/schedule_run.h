// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"
#include "engine/setup.h"
#include "schedule/schedule_file.h"

#include <cstdint>
#include <string>
#include <vector>

// Between runs and schedule files: write what a run did in words, read the
// words back into choices, and check a file against the model.
namespace fl {

// What the file's header builds: the scenario (a built-in, a path relative
// to `path`'s folder, or the inline text) under its fixes and models.
// Throws ScenarioError at the file's position.
Setup setupOfSchedule(const ScheduleFile &file, const std::string &path);

// The schedule of `choices` from the setup's initial state, in words: each
// choice replayed through the engine (timed or untimed) and named by what
// it did. `scenarioRef` is what the header names ("l1", a path, or
// "inline" to embed the scenario's source text `inlineText`).
// A timed run whose folded text would be longer than `maxLines` keeps the
// blocks that fit and ends with "then: chooser". An untimed schedule's first
// `untimedFrom` choices are a timed run's (explore --from-run), replayed in
// the timed model, and the untimed model goes on from where they lead; the
// file marks the change with 'untimed:'.
ScheduleFile scheduleOfRun(const Setup &setup, const std::string &scenarioRef,
        const std::string &inlineText, const std::vector<Choice> &choices, bool untimed,
        std::int64_t cycleStart, std::uint64_t seed, const std::string &result, std::int64_t cycle,
        std::size_t maxLines = 1500, std::size_t untimedFrom = 0);

struct ScheduleCheck {
    bool pass = false;
    std::string outcome;  // what the model says: LIVELOCK, COMPLETED, ...
    std::size_t steps = 0; // steps that applied
    int line = 0;          // where it failed (0: not at a line)
    std::string message;   // why it failed, in words; empty on a pass
};

// Replays the file step by step: every line must be what the model does at
// that point, and the outcome must be the Result line's. Throws
// ScenarioError only for a file that cannot be used at all (its scenario).
ScheduleCheck checkSchedule(const ScheduleFile &file, const std::string &path);

// The choices the file's lines stand for, checking each against the model
// as checkSchedule does; `failure` (if given) says where they stop fitting.
std::vector<Choice> choicesOfSchedule(const ScheduleFile &file, const Setup &setup,
                                      ScheduleCheck *failure = nullptr);

} // namespace fl
