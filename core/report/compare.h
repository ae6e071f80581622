// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/runner.h"
#include "scenario/scenario_spec.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

// Two fix sets on the same schedule: run A with the seed's timed chooser,
// then run B following A's choices while each is still enabled, and find the
// first step where they part: the place where the fix changes what the
// kernel does, and why.
namespace fl {

struct CompareSide
{
    std::string fixSet; // canonical: FixSet::describe()
    Verdict verdict = Verdict::Limit;
    std::uint64_t steps = 0;
    Nanos virtualNs = 0;
    std::string summary; // the verdict's explanation
    std::map<std::string, double> metrics;
    std::string invariantViolation;
};

// What one side did at the divergence.
struct DivergedStep
{
    bool present = false; // false when this side's run had already ended
    Choice choice;
    TaskId task = NoTask;
    std::string taskName;
    std::uint16_t step = 0; // StepId, or a SchedStep
    std::uint16_t previousStep = NoPreviousStep; // the task's last kernel step before it
    Nanos time = 0; // virtual time at the start of the step
    std::string choiceText; // Engine::describeChoice, before the step
    std::string stepText; // "do_swap_page (mm/memory.c): ..." or the scheduler's text

    static constexpr std::uint16_t NoPreviousStep = 0xffff;
};

enum class DivergenceKind : std::uint8_t {
    ChoiceNotEnabled, // A's choice cannot be taken under B
    DifferentStep, // taken under both, but a different step or task runs
    RunEnded, // one run reached its verdict while the other goes on
};

// How people number steps, in the window and on the command line alike:
// step n is the n-th choice applied, the one that takes the machine from
// position n - 1 to position n of a run (the window's timeline shows position
// n as "step n"). Indices into a choice list count from 0, so the step at
// index i is step i + 1.
constexpr std::uint64_t stepNumber(std::uint64_t index)
{
    return index + 1;
}

struct Divergence
{
    std::uint64_t index = 0; // the step's index into the choices, counted from 0: stepNumber()
    DivergenceKind kind = DivergenceKind::DifferentStep;
    DivergedStep a, b;
    std::string reason; // in words
};

struct CompareResult
{
    std::string scenario;
    std::string preempt;
    std::string rcu; // the RCU flavour both runs had
    std::uint64_t seed = 1;
    CompareSide a, b;
    std::optional<Divergence> divergence; // nullopt: identical schedules and steps
};

// The first step where run B (recorded while replaying A's choices) parts
// from run A, re-executing both schedules through the engine in lockstep;
// nullopt when every step is the same. The setups may differ in anything
// that keeps the task ids (compareFixSets varies the fix set only).
std::optional<Divergence> findDivergence(
        const Setup &setupA, const RunResult &runA, const Setup &setupB, const RunResult &runB);

// Both runs of a comparison and what the comparison found.
struct ComparedRuns
{
    CompareResult result;
    RunResult runA, runB;
};

// The comparison itself, on two setups built by the caller (they may differ
// in the fix set and in the preemption model; the task ids must agree): A
// runs with the seed's timed chooser after following `options.replay` (the
// window passes the schedule it shows), B follows A's whole schedule while
// each choice is enabled, and findDivergence() names where they part.
// `labelA`/`labelB` name the sides ("baseline", "wait-on-unlock · full").
ComparedRuns compareSetups(const Setup &setupA, const std::string &labelA, const Setup &setupB,
        const std::string &labelB, const RunOptions &options);

// Throws std::invalid_argument for an unknown or conflicting fix set and
// ScenarioError when the scenario cannot be built (a bad preemption model).
// `preempt` empty keeps the scenario's model; options.replay is ignored.
CompareResult compareFixSets(const ScenarioSpec &spec, const std::string &fixSetA,
        const std::string &fixSetB, const std::string &preempt, const RunOptions &options,
        const std::string &rcu = {});

} // namespace fl
