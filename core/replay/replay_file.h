// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// A replay file: everything needed to run one schedule again, bit for bit.
// TOML, small and diff-friendly (documented in README.md, "Replay files"):
//
//   version = 1
//   scenario = "l1"                 # a built-in name or a path
//   fixes = ["wait-on-unlock"]      # names of kernel/fixes.h; [] = baseline
//   preempt = "voluntary"           # optional: none|voluntary|full|rt
//   rcu = "preemptible"             # optional: preemptible|non-preemptible
//   seed = 1
//   choices = [[0, -1], [1, -1], [1, 3]]   # [cpu, task]; task -1 = no pick
//   time = "untimed"                # optional: the explorer's time model, where
//                                   # task -2 fires the CPU's tick
//   cycle_start = 52                # optional, untimed: choices[52..] are a cycle
//   untimed_from = 4000             # optional, untimed: choices[..4000] are a timed
//                                   # run's, the untimed model goes on from its state
namespace fl {

struct ReplayFile {
    static constexpr int CurrentVersion = 1;

    std::string scenario;
    std::vector<std::string> fixes;
    std::string preempt; // "" keeps the scenario's model
    std::string rcu; // "" keeps the scenario's RCU flavour
    std::uint64_t seed = 1;
    std::vector<Choice> choices;
    bool untimed = false;         // ticks and timers are choices (engine.h TimeModel)
    std::int64_t cycleStart = -1; // a lasso: choices from here return to the state here
    // Untimed: the choices before this one are a timed run's (a search that
    // started from a state of the runner, Engine::untimedFrom); 0: none.
    std::int64_t untimedFrom = 0;

    bool operator==(const ReplayFile &) const = default;
};

// Where a replay file wrote its scenario and each choice (1-based; 0 when
// not from a file), so that a scenario that cannot be loaded or a choice
// that is not possible is reported at its place in the replay file.
struct ReplayPositions
{
    int scenarioLine = 0, scenarioColumn = 0;
    std::vector<std::pair<int, int>> choices; // line, column of each [cpu, task]
};

// Parses a replay file. Throws ScenarioError ("FILE:LINE:COL: error: ...")
// for TOML syntax, a missing or unknown key, a wrong type, an unknown fix or
// preemption model, or a choice out of range.
ReplayFile parseReplay(
        std::string_view text, const std::string &sourceName, ReplayPositions *positions = nullptr);
// Reads and parses `path` (a regular file of at most MaxReplayFileBytes); a
// missing file is a ScenarioError at 0:0. A relative scenario path in the
// file is relative to the file's folder and comes back absolute.
ReplayFile loadReplay(const std::string &path, ReplayPositions *positions = nullptr);
// The file's text; parseReplay(serialiseReplay(r)) == r.
std::string serialiseReplay(const ReplayFile &replay);
// Writes atomically (io/safe_file.h: a unique temporary file beside `path`,
// fsync, rename), so a failure leaves any existing file untouched. A relative
// scenario path (relative to the current directory) is written relative to
// the replay's folder. Throws ScenarioError.
void saveReplay(const ReplayFile &replay, const std::string &path);

} // namespace fl
