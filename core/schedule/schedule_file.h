// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "model/ids.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// A schedule in words: a small text file a reviewer can read in a mail,
// edit, and re-check with `foliolab check` (format in README.md, "Schedule
// files"). Steps are named, not numbered: CPU, task and the step's listing
// key, so a file keeps working when the model gains a task slot or a step.
//
//   # FolioLab schedule: check it with `foliolab check FILE`
//   scenario: l1
//   fixes: baseline
//   preempt: voluntary
//   rcu: non-preemptible
//   seed: 1
//   time: timed
//   Result: LIVELOCK
//
//   CPU0 switch M
//   CPU0 M mig.begin          # drm_pagemap_migrate_to_devmem
//   ×66653 {
//     CPU1 T hmm.loop_head    # hmm_range_fault
//     ...
//   }
//   untimed:                  # untimed: the lines above are the runner's
//                             # timed run, the lines below the explorer's
//   cycle:                    # untimed lassos: the lines below repeat forever
//   then: chooser             # timed: the rest of the run is the seed's
//                             # timed chooser, to the verdict
namespace fl {

// What one step did, in words.
enum class LineKind : std::uint8_t {
    Step,        // CPU1 T swap.trylock: the task ran that step of its listing
    Tick,        // CPU1 tick: the scheduler tick
    Timer,       // CPU1 timer T: T's timer fired (its start, or an msleep)
    Switch,      // CPU1 switch K1: the CPU switched K1 in
    Preempted,   // CPU1 T preempted: need_resched honoured, T to the runqueue
    CondResched, // CPU1 T cond_resched: T yielded at a voluntary point
    Resched,     // CPU1 F resched: rescheduled on the return to user space
    SpinOnPtl,   // CPU1 T spins-on-ptl
    Idle,        // CPU1 idle: nothing to do
};

struct ScheduleLine {
    CpuId cpu = 0;
    LineKind kind = LineKind::Idle;
    std::string task; // the task's name ("" for tick and idle)
    std::string step; // the listing key, for Step
    bool operator==(const ScheduleLine &) const = default;
};

// "CPU1 T swap.trylock", the canonical text of a line (no comment).
std::string lineText(const ScheduleLine &line);

// Lines repeated `repeat` times in a row; `at` are their line numbers.
struct ScheduleBlock {
    std::uint64_t repeat = 1;
    std::vector<ScheduleLine> lines;
    std::vector<int> at;
};

struct ScheduleFile {
    std::string scenario;       // a built-in name, a path (relative to the file), or "inline"
    std::string inlineScenario; // the scenario's TOML text when scenario == "inline"
    int inlineLine = 0;         // the file's line of the inline text's first line
    std::vector<std::string> fixes;
    std::string preempt; // "" keeps the scenario's
    std::string rcu;     // "" keeps the scenario's
    std::uint64_t seed = 1;
    bool untimed = false;
    std::string result;      // LIVELOCK, DEADLOCK, COMPLETED, LIMIT or SAFETY
    std::int64_t cycle = -1; // Result: LIVELOCK cycle=N (untimed lassos)
    int resultLine = 0;
    std::vector<ScheduleBlock> blocks;
    std::int64_t cycleBlock = -1; // blocks from here on are the cycle
    // Untimed schedules that start on the runner's run (explore --from-run):
    // the blocks before this one are timed steps, the untimed model goes on
    // from the state they reach (Engine::untimedFrom); -1: all untimed.
    std::int64_t untimedBlock = -1;
    // Timed: the lines are a prefix of the run, which the timed chooser of
    // `seed` continues to the verdict (a storm's millions of interleaved
    // steps do not fold into a mail).
    bool chooserTail = false;

    // Every line, unfolded, with the line number it came from; the index of
    // the cycle's first line (-1 if none) and of the first untimed line
    // after a timed prefix (0 if none).
    std::vector<ScheduleLine> expanded(std::vector<int> *at = nullptr,
            std::int64_t *cycleStart = nullptr, std::int64_t *untimedFrom = nullptr) const;
};

struct StepInfo;

// The listing step a step line names by its key, or nullptr.
const StepInfo *stepInfoOfKey(std::string_view key);

// Does the text look like a schedule file rather than a TOML replay file?
bool looksLikeSchedule(std::string_view text);

// Throws ScenarioError "FILE:LINE:COL: error: ..." saying what was expected.
ScheduleFile parseSchedule(std::string_view text, const std::string &sourceName);
ScheduleFile loadSchedule(const std::string &path);

// Runs of repeated lines become blocks (longest saving first; a run of a
// period up to 64 lines that saves at least three lines).
std::vector<ScheduleBlock> foldLines(const std::vector<ScheduleLine> &lines);

// The file's text: header, Result line, folded steps, each step line with
// its kernel function as a comment; parseSchedule(serialiseSchedule(f))
// gives f back (but for line numbers).
std::string serialiseSchedule(const ScheduleFile &file);

// Writes atomically (a temporary file beside `path`, then rename).
void saveSchedule(const ScheduleFile &file, const std::string &path);

} // namespace fl
