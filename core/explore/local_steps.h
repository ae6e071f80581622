// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"
#include "engine/engine.h"
#include "engine/setup.h"

#include <cstdint>
#include <vector>

// A reduction of the explorer's graph (issue 12): a step of the running task
// that is local to it (kernel/step_locality.h) runs in the same transition
// as the task's step before it, so the states between the two are never
// stored. Most of a faulter's path is such bookkeeping, and in a storm every
// faulter's position multiplies the states: merging them is what lets the
// search go deeper.
//
// Why the verdicts stay exact (core/README.md, "Local steps"): a local step
// commutes with every step of every other CPU, with the tick and timers of
// its own CPU, and with preemption (under FULL and RT the decision does not
// read the program counter; under VOLUNTARY and NONE a local step is never
// a preemption point, which is checked). So any run of the model can be
// reordered to run each merged step right after the step before it, without
// changing what the other tasks see; and a cycle of the reduced graph is a
// cycle of the model with the same choices enabled and taken (the merged
// step is "step this CPU", the edge's own choice). Deadlocks, invariants and
// hazards are never skipped: a merge stops before a state that breaks an
// invariant, and after a step that fires a hazard or completes something.
namespace fl {

// How often a merged step's footprint is checked (follow()). The check
// compares whole machines, which cost 15 % of a search of l1 under FULL; a
// step listed by mistake shows on its first merges, so the search samples.
enum class FootprintChecks : std::uint8_t {
    Sampled, // each step's first kFootprintChecksInFull merges per thread, then 1 in
             // kFootprintCheckEvery
    Every,
};

inline constexpr std::uint32_t kFootprintChecksInFull = 4096;
inline constexpr std::uint32_t kFootprintCheckEvery = 64;

class LocalSteps
{
public:
    LocalSteps(const Setup &setup, const Engine &engine, bool checkInvariants,
            FootprintChecks footprints = FootprintChecks::Sampled);

    // A step of CPU `c` was just applied to `s` (`ran`: the task it stepped,
    // or NoTask for a pick, a tick, a timer or a preemption): runs the local
    // steps that follow on that CPU, appending each to `taken` when given.
    // Throws std::logic_error when a step listed as local changes anything
    // beyond its task's locals (the review in kernel/step_locality.cpp is
    // wrong), on every merge checked (FootprintChecks). Returns true when the state it leaves was
    // found to keep the invariants (checked, or reached only by steps that cannot break them), so
    // that the search need not check it again.
    bool follow(SimState &s, CpuId c, TaskId ran, std::vector<Choice> *taken) const;
    // Is the next step of CPU `c` a local step of task `t`, one that runs
    // (no need_resched) and is no preemption point?
    bool nextIsLocal(const Machine &m, CpuId c, TaskId t) const;

private:
    // The listed step that is next for task `t` on CPU `c`, or StepId::Count.
    StepId nextLocalStep(const Machine &m, CpuId c, TaskId t) const;
    bool checksFootprintOf(StepId step) const;
    void checkFootprint(const Machine &before, Machine &after, TaskId t) const;

    const Setup &m_setup;
    const Engine &m_engine;
    bool m_checkInvariants;
    FootprintChecks m_footprints;
};

} // namespace fl
