// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"
#include "engine/setup.h"
#include "model/machine.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

// Symmetry reduction for the explorer (issue 12). CPUs that carry the same
// tasks in the same state (the faulters of a storm, each on its own CPU with
// that CPU's kworker) are interchangeable together with their tasks: the
// search stores one representative per orbit under renumbering them. Why
// this is exact, and where it is not, is argued in core/README.md
// ("Symmetry"); the short of it: every step but the ordered loops of
// __lru_add_drain_all() names CPUs and tasks only to compare them, so the
// search checks `orderSensitive()` on every state it expands and gives the
// reduction up when it meets one.
namespace fl {

// A renumbering of CPUs and tasks: old id -> new id.
struct Renaming
{
    std::array<CpuId, MaxCpus> cpu {};
    std::array<TaskId, MaxTasks> task {};

    static Renaming identity();
    Renaming inverse() const;
    // (this after `first`): first renames, then this.
    Renaming after(const Renaming &first) const;
    bool isIdentity() const;
    bool operator==(const Renaming &) const = default;
    Choice apply(Choice c) const;
};

// `in` with every CPU and task renamed; `out` must not be `in`.
void renameMachine(const Machine &in, const Renaming &r, Machine &out);
// The same, in place.
void renameMachineInPlace(Machine &m, const Renaming &r);

class Symmetry
{
public:
    // The CPUs of `start` that may be exchanged: two CPUs are in one class
    // when swapping them, with their tasks in id order, leaves `start` and
    // the setup's per-task data unchanged.
    Symmetry(const Setup &setup, const Machine &start);

    bool trivial() const { return m_classes.empty(); }
    // "none", or e.g. "S8 on CPUs 0-7 (F0..F7 with their kworkers)"; several
    // classes are joined with " x ".
    std::string describe(const Setup &setup) const;
    // The number of elements of the group (capped at 2^63).
    std::uint64_t order() const;

    // Renames `m` to its representative (in place) and returns the renaming
    // that did it (old -> new). Two machines of one orbit get the same one.
    Renaming canonicalise(Machine &m) const;

    // Does a step from `m` depend on the order of the CPUs of a class (the
    // ascending loops of __lru_add_drain_all)? Where it does, a renamed
    // state is not a state of the model, and the reduction is not exact.
    static bool orderSensitive(const Machine &m);

    // A choice's fairness class: the choice itself with its CPU and task
    // replaced by the first of their class (for the check on the quotient).
    std::uint16_t classKey(std::uint16_t key) const;

private:
    struct CpuClass
    {
        std::vector<CpuId> cpus; // ascending
    };
    std::vector<CpuClass> m_classes;
    // Tasks pinned to each CPU, ascending.
    std::array<std::vector<TaskId>, MaxCpus> m_tasksOn;
    std::array<CpuId, MaxCpus> m_cpuRep {};
    std::array<TaskId, MaxTasks> m_taskRep {};
    // Each task's CPU and its place among that CPU's tasks (tasks are
    // pinned), so that signature() names a task by its place at once.
    std::array<CpuId, MaxTasks> m_cpuOfTask {};
    std::array<std::uint8_t, MaxTasks> m_placeOfTask {};
    int m_cpuCount = 0;

    // Per CPU, the references to its tasks from shared objects (a lock they
    // own, their place in a queue), by position: one pass over the machine
    // for all the CPUs of canonicalise().
    using SharedReferences = std::array<std::vector<std::uint8_t>, MaxCpus>;
    void sharedReferences(const Machine &m, SharedReferences &out) const;
    Renaming swapRenaming(CpuId a, CpuId b) const;
    void signature(const Machine &m, CpuId c, const std::vector<std::uint8_t> &references,
            std::vector<std::uint8_t> &out) const;
};

} // namespace fl
