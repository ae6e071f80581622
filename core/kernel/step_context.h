// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/events.h"
#include "engine/setup.h"
#include "kernel/program.h"
#include "model/clocks.h"
#include "model/machine.h"

#include <cstdint>

namespace fl {

// Where a task goes after a step: the control flow of the listings.
struct Flow {
    enum class Kind : std::uint8_t { Next, Jump, Call, Return, Stay, Exit };
    Kind kind = Kind::Next;
    StepId label = StepId::Count;
    ListingId callee = ListingId::Count;
    std::int8_t value = 0;

    static Flow next() { return {}; }
    static Flow stay() { return {Kind::Stay}; }
    static Flow exit() { return {Kind::Exit}; }
    static Flow jump(StepId label) { return {Kind::Jump, label}; }
    static Flow call(ListingId callee) { return {Kind::Call, StepId::Count, callee}; }
    // Calls `callee`; the caller resumes at `resumeAt` instead of the next step.
    static Flow callThen(ListingId callee, StepId resumeAt) { return {Kind::Call, resumeAt, callee}; }
    static Flow ret(std::int8_t value) { return {Kind::Return, StepId::Count, ListingId::Count, value}; }
};

// Kernel return values the listings pass around.
inline constexpr std::int8_t RetOk = 0;
inline constexpr std::int8_t RetEbusy = -16;
inline constexpr std::int8_t RetEfault = -14;
inline constexpr std::int8_t RetEagain = -11;

// Everything a step effect may touch: the machine, the clocks, the setup, and
// the event sink, on behalf of one task on one CPU.
struct StepContext {
    Machine &m;
    Clocks &clk;
    const Setup &setup;
    EventSink &sink;
    TaskId tid;
    CpuId cpu;
    Nanos extraCost = 0; // added to the step's table cost (per-folio work)

    Task &task() { return m.tasks[tid]; }
    Nanos now() const { return clk.now[cpu]; }
    void emit(EventKind kind, FolioId folio = NoFolio, std::int32_t arg = 0)
    {
        emitFor(tid, kind, folio, arg);
    }
    void emitFor(TaskId task, EventKind kind, FolioId folio = NoFolio, std::int32_t arg = 0)
    {
        sink.onEvent(Event{clk.now[cpu], kind, cpu, task, folio, arg});
    }
    void addCost(CostKey k, Nanos times = 1) { extraCost += setup.costs[k] * times; }
};

using StepEffect = Flow (*)(StepContext &);
StepEffect stepEffect(StepId id);

} // namespace fl
