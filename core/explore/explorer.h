// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"
#include "engine/engine.h"
#include "engine/explain.h"
#include "engine/setup.h"
#include "io/process_memory.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

// Explicit-state search over every schedule of a scenario (issue: the
// explorer). States are Machines in the untimed model (engine.h): clocks and
// counters are not part of a state, and ticks and timers are choices, so the
// reachable graph is finite and a spin loop closes into a cycle. The search
// is breadth-first, so the first path to any state is a shortest one.
namespace fl {

enum class ExploreVerdict : std::uint8_t {
    Livelock, // a reachable fair cycle on which nothing completes
    Deadlock, // a reachable state where tasks wait and nothing can run
    Safety,   // an invariant broke, or a hazard event fired (e.g. use after free)
    Ok,       // none of these in the whole (bounded) space
    Partial,  // a bound or Ctrl+C stopped the search first; nothing found so far
    Refused,  // not searched: a workload out of the explorer's reach (the summary says why)
};
const char *exploreVerdictName(ExploreVerdict v); // "LIVELOCK", ...

struct ExploreProgress {
    std::uint64_t states = 0;
    std::uint64_t transitions = 0;
    std::uint32_t depth = 0;
    double seconds = 0;
    std::uint64_t residentBytes = 0; // the whole process, now
};

struct ExploreOptions {
    std::uint64_t maxStates = 20'000'000;
    std::uint32_t maxDepth = 0;                // 0: no bound
    std::uint64_t maxBytes = 8ull << 30;       // graph and visited set
    // The whole process's resident memory (0: no bound), checked before each
    // block with the fair-cycle check's own needs added: what --max-memory,
    // the window and lessons bound.
    std::uint64_t maxResidentBytes = defaultMemoryBound();
    bool checkInvariants = true;               // after every new state
    // Store one state per orbit of interchangeable CPUs and their tasks
    // (explore/symmetry.h). The search drops it by itself where it would not
    // be exact.
    bool symmetry = true;
    // Run a task's local steps in the transition of its step before them
    // (explore/local_steps.h): fewer states, the same verdicts.
    bool localSteps = true;
    // Stop at the first bug instead of searching on for the most severe
    // kind: a SAFETY or DEADLOCK ends the search as soon as it is met, and
    // the fair-cycle check also runs on the states searched so far each time
    // their number doubles (from livelockCheckFrom, while they are at most a
    // quarter of maxStates: nearer, the check at the bound comes soon
    // enough), so that a LIVELOCK deep in a big space is reported without
    // finishing the space. The bug is the shallowest of its kind among the
    // states searched; another kind of bug may lie further on (a whole
    // search reports SAFETY before DEADLOCK before LIVELOCK).
    bool stopAtFirstBug = false;
    // A workload whose tasks repeat their jobs (w-alloc) is refused, verdict
    // REFUSED, unless this is set: every round multiplies the schedules, so
    // no bound the machine can hold covers it, and its measure is the
    // runner's throughput metric. Set, the rounds are searched as they are,
    // within the bounds, for the bugs of the part the search reaches.
    bool searchRepeats = false;
    std::uint64_t livelockCheckFrom = 1u << 18;
    unsigned threads = 0;                      // 0: every core
    const std::atomic<bool> *cancel = nullptr; // set it to stop early
    std::function<void(const ExploreProgress &)> progress; // about every 2^16 states
};

struct ExploreResult {
    ExploreVerdict verdict = ExploreVerdict::Ok;
    std::string summary;          // in words: what was found, or what was proved
    std::vector<Choice> stem;     // from the start state to the bug (or the cycle's entry)
    std::vector<Choice> cycle;    // LIVELOCK: back to the cycle's entry, fair
    Explanation explanation;      // the wait-for graph where the cycle starts, or the deadlock
    std::vector<std::string> alsoFound; // the other kinds of bug in the space
    bool complete = false;        // the whole space was explored, no bound hit
    std::uint64_t states = 0;
    std::uint64_t transitions = 0;
    std::uint32_t depth = 0;      // BFS levels explored
    double seconds = 0;
    unsigned threads = 1;         // worker threads the search used
    // Memory: the process's peak resident size during the search (what
    // `/usr/bin/time -f %M` would report for a process that only explores),
    // and that per state. storedBytesPerState is the part the search keeps
    // for every state to the end (visited set, graph, parent links).
    std::uint64_t peakRssBytes = 0;
    double bytesPerState = 0;
    // The process's resident size when the search began (libraries, the
    // scenario, a window). Where it is half the peak or more, bytesPerState
    // measures the process, not the search: 26 MiB over 879 states read as
    // 31 kB per state.
    std::uint64_t residentBeforeBytes = 0;
    bool bytesPerStateMeaningful() const { return peakRssBytes >= 2 * residentBeforeBytes; }
    double storedBytesPerState = 0;
    // Symmetry reduction (issue 12): the group used ("none" when the
    // scenario has none, or the search gave it up: symmetryNote says why)
    // and the states stored under it (one per orbit). Counterexamples are
    // always concrete: stems and cycles of the model itself.
    std::string symmetry = "none";
    std::string symmetryNote;
    std::uint64_t symmetryOrder = 1; // renamings in the group
    std::uint64_t reducedStates = 0;
    // Local steps were merged into the transitions before them (stems and
    // cycles are still every single step of the model).
    bool localSteps = false;
    // stopAtFirstBug: the search ended at its bug (complete is false), and
    // how many fair-cycle checks ran before the end of the search.
    bool stoppedAtBug = false;
    unsigned livelockChecks = 0;
};

// Explores from `start`, a state of the untimed model: one reached by
// stepping it, or a timed run's state through Engine::untimedFrom (whose
// timers it counts in ticks). Without `start`, from the scenario's initial
// state. The setup's RT throttling is ignored: it needs clocks.
ExploreResult explore(const Setup &setup, const SimState &start, const ExploreOptions &options);
ExploreResult explore(const Setup &setup, const ExploreOptions &options);

} // namespace fl
