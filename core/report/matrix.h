// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/runner.h"
#include "explore/from_run.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// The expected-outcome matrix of spec §5.3 as data: every scenario under
// every preemption model and fix set, over one or more seeds, run in
// parallel. Cells come back in request order whatever the thread timing.
namespace fl {

struct MatrixRequest
{
    std::vector<std::string> scenarios; // built-in names or .toml paths; empty: every built-in
    std::vector<std::string> preempts; // empty: voluntary, full, rt
    // "preemptible", "non-preemptible"; empty: each model's default flavour
    std::vector<std::string> rcus;
    std::vector<std::string> fixSets; // "baseline", "a", "a+b"; empty: defaultFixSets()
    std::uint64_t seeds = 1; // seeds 1..seeds
    RunOptions run; // limits; its seed and replay are ignored
    unsigned threads = 0; // 0: every hardware thread
    // Issue 12: also explore every cell (every schedule, untimed), each
    // search on one thread and bounded, so that the explorer's verdict
    // stands beside the runner's.
    bool explore = false;
    std::uint64_t exploreMaxStates = 1'000'000;
    bool exploreFirstBug = false; // ExploreOptions::stopAtFirstBug for every cell
    // A cell whose search ends PARTIAL while a run of it livelocked or
    // deadlocked is searched again from that run (ExploreCell::fromRunSteps):
    // the first stuck run among seeds 1..max(seeds, exploreFromRunSeeds).
    // Seeds past `seeds` are run for this only, and only for such cells (a
    // run that completes costs milliseconds).
    bool exploreFromRun = true;
    std::uint64_t exploreFromRunSeeds = kFromRunSeeds;
};

// The explorer's answer for one cell.
struct ExploreCell
{
    std::string verdict; // exploreVerdictName(): LIVELOCK, OK, PARTIAL, ...
    bool complete = false;
    std::uint64_t states = 0;
    double seconds = 0;
    std::size_t stem = 0;  // steps to the bug, or to the cycle
    std::size_t cycle = 0; // LIVELOCK: the cycle's length
    // Where the search from the start stopped PARTIAL and a runner's run
    // (seed fromRunSeed) livelocked or deadlocked, a second search from the
    // state that run reached: the bug it found lies after this many timed
    // steps (the run's), then `stem` (and `cycle`) untimed ones. 0: from the
    // start. Where the run itself goes round a fair cycle
    // (explore/run_cycle.h), the steps before the cycle, and `stem` is 0.
    std::uint64_t fromRunSteps = 0;
    std::uint64_t fromRunSeed = 0;
    // Why it is PARTIAL (the bound), that it stopped at its first bug, or
    // that its bug was found from the runner's state.
    std::string note;
};

// One verdict and on how many seeds it was reached.
struct VerdictCount
{
    Verdict verdict;
    std::uint64_t count;
};

// What one run leaves for the matrix (the schedule and state are dropped).
struct RunOutcome
{
    Verdict verdict = Verdict::Limit;
    std::map<std::string, double> metrics;
    std::string invariantViolation;
};

struct MatrixCell
{
    std::string scenario; // the scenario's own name
    std::string preempt;
    std::string rcu; // the RCU flavour the runs had (rcuName)
    std::string fixSet; // canonical: FixSet::describe()
    std::uint64_t runs = 0;
    std::vector<VerdictCount> verdicts; // most frequent first, then in Verdict order
    std::string verdictText; // "LIVELOCK" or "LIVELOCK 3/5, COMPLETED 2/5"
    // Mean over the runs that report the metric. A latency percentile is
    // left out of a run that completed nothing it could measure.
    std::map<std::string, double> metrics;
    std::vector<std::string> invariantViolations; // "seed N: ..." for each failing run
    std::optional<ExploreCell> explored; // MatrixRequest::explore
};

struct MatrixResult
{
    std::vector<MatrixCell> cells; // scenario, then preemption model, RCU flavour, fix set
    std::vector<std::string> notes; // fix sets skipped because their fixes conflict
    std::uint64_t runs = 0;
};

// Checks every name first and throws std::invalid_argument naming the bad
// value and the valid ones (an unknown preemption model or fix), and
// ScenarioError for a scenario that cannot be loaded or built. Fix sets that
// combine conflicting fixes are skipped with a note.
MatrixResult runMatrix(const MatrixRequest &request);

// The verdict tally and metric means of one cell's runs.
void aggregateRuns(const std::vector<RunOutcome> &runs, MatrixCell &cell);

// A percentile of no samples reads as "instant"; such a run lacks the
// metric instead (fault latency without a completed fault, ...).
void dropEmptyPercentiles(std::map<std::string, double> &metrics);

// The preemption models a matrix covers by default.
const std::vector<std::string> &defaultMatrixPreempts();

} // namespace fl
