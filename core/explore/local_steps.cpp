// SPDX-License-Identifier: GPL-2.0-only
#include "explore/local_steps.h"

#include "engine/invariants.h"
#include "explore/edge_sink.h"
#include "kernel/step_locality.h"
#include "model/machine.h"

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>

namespace fl {

namespace {

// A bound on one transition's merged steps: a loop of local steps alone
// would otherwise never end (none exists in the listings today).
constexpr int kMaxMerged = 32;

} // namespace

LocalSteps::LocalSteps(
        const Setup &setup, const Engine &engine, bool checkInvariants, FootprintChecks footprints)
    : m_setup(setup)
    , m_engine(engine)
    , m_checkInvariants(checkInvariants)
    , m_footprints(footprints)
{ }

bool LocalSteps::nextIsLocal(const Machine &m, CpuId c, TaskId t) const
{
    return nextLocalStep(m, c, t) != StepId::Count;
}

StepId LocalSteps::nextLocalStep(const Machine &m, CpuId c, TaskId t) const
{
    const Cpu &cpu = m.cpus[c];
    // With need_resched set, stepping the CPU may switch tasks instead. A
    // task just switched in has not used its slice: its first step decides
    // whether the CPU's tick and timers are choices (engine.cpp, the fresh
    // slice rule), so it is never merged.
    if (cpu.current != t || cpu.needResched || !cpu.sliceUsed)
        return StepId::Count;
    const Task &task = m.tasks[t];
    if (task.state != TaskState::Running || task.depth == 0)
        return StepId::Count;
    const Frame &frame = task.stack[task.depth - 1];
    const StepId sid = m_setup.program.stepAt(frame.listing, frame.pc);
    constexpr std::uint8_t preemptionPoint = FlagMightSleep | FlagCondResched | FlagReturnToUser;
    return stepIsTaskLocal(sid) && (stepInfo(sid).flags & preemptionPoint) == 0 ? sid
                                                                                : StepId::Count;
}

bool LocalSteps::checksFootprintOf(StepId step) const
{
    if (m_footprints == FootprintChecks::Every)
        return true;
    // Per thread, so that the workers never share a counter; a count that
    // wraps round starts checking in full again.
    thread_local std::array<std::uint32_t, static_cast<std::size_t>(StepId::Count)> merges {};
    const std::uint32_t n = merges[static_cast<std::size_t>(step)]++;
    return n < kFootprintChecksInFull || n % kFootprintCheckEvery == 0;
}

void LocalSteps::checkFootprint(const Machine &before, Machine &after, TaskId t) const
{
    // Everything but the task's locals must be as it was: compare with the
    // locals put back, then restore them. (The CPU's sliceUsed was already
    // set: nextIsLocal() asks for it.)
    const Task changed = after.tasks[t];
    Task &at = after.tasks[t];
    const Task &bt = before.tasks[t];
    at.depth = bt.depth;
    at.stack = bt.stack;
    at.walkVa = bt.walkVa;
    at.faultVa = bt.faultVa;
    at.ret = bt.ret;
    at.forceDrain = bt.forceDrain;
    at.mig = bt.mig;
    const bool same = after == before;
    at = changed;
    if (same)
        return;
    const Frame &frame = bt.stack[bt.depth - 1];
    const StepId sid = m_setup.program.stepAt(frame.listing, frame.pc);
    throw std::logic_error("explore: step " + std::string(stepInfo(sid).key)
            + " is listed as local to its task (kernel/step_locality.cpp) but changed the "
              "machine beyond its task's locals; the reduction would not be exact");
}

bool LocalSteps::follow(SimState &s, CpuId c, TaskId ran, std::vector<Choice> *taken) const
{
    if (ran == NoTask)
        return false;
    thread_local Machine before;
    const Choice step {c, NoTask};
    bool checked = false;
    for (int merged = 0; merged < kMaxMerged; ++merged) {
        const StepId sid = nextLocalStep(s.machine, c, ran);
        if (sid == StepId::Count)
            break;
        // The state the plain step reached is checked before anything is
        // merged into it: if it breaks an invariant, the search meets it as
        // a state of its own and its SAFETY stem ends there.
        if (merged == 0 && m_checkInvariants) {
            if (!checkInvariants(m_setup, s.machine).empty())
                return false;
            checked = true;
        }
        // A local step changes only its task (checked on the merges
        // sampled): the task alone is enough to undo it.
        const Task taskBefore = s.machine.tasks[ran];
        const bool checkFootprintNow = checksFootprintOf(sid);
        if (checkFootprintNow)
            before.assignUsed(s.machine);
        EdgeSink sink;
        m_engine.apply(s, step, sink);
        if (checkFootprintNow)
            checkFootprint(before, s.machine, ran);
        // A step the verdicts see, or one into a broken invariant, is met by
        // the search as a transition of its own. The state before it kept
        // the invariants, and it changed only its task's locals: the check
        // is needed only where it changed locals the invariants read.
        if (sink.flags != 0
                || (m_checkInvariants && localsSeenByInvariants(taskBefore, s.machine.tasks[ran])
                        && !checkInvariants(m_setup, s.machine).empty())) {
            s.machine.tasks[ran] = taskBefore;
            return checked;
        }
        if (taken)
            taken->push_back(step);
    }
    return checked;
}

} // namespace fl
