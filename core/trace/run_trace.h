// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/events.h"
#include "engine/setup.h"

#include <array>
#include <cstdint>
#include <vector>

// A run over time, recorded as it runs: per CPU, which task ran and doing
// what; per task, running, runnable or asleep and on what; and the events
// worth a mark. Intervals are merged as they come (a 50 ms spin is one
// slice), so drawing a run of millions of steps never re-walks the steps.
// Fed by the runner (RunOptions::observer) or by the window's timeline.
namespace fl {

enum class CpuActivity : std::uint8_t {
    Kernel,   // a kernel step of the task
    User,     // a CPU faulter between faults (the access, the return to user)
    Spinning, // the task keeps failing folio_trylock and retrying
};

struct CpuSlice {
    Nanos start = 0;
    Nanos end = 0;
    TaskId task = NoTask;
    CpuActivity what = CpuActivity::Kernel;
    std::uint64_t step = 0; // the run's step at which the slice began (counted from 0)
};

enum class TaskActivity : std::uint8_t { NotStarted, Runnable, Running, Spinning, Asleep, Done };

struct TaskSlice {
    Nanos start = 0;
    Nanos end = 0;
    TaskActivity what = TaskActivity::NotStarted;
    WaitKind wait = WaitKind::None; // when Asleep
    std::uint8_t waitArg = 0;       // its folio, CPU or GPU
    CpuId cpu = NoCpu;              // when Running or Spinning
    std::uint64_t step = 0;
};

// An event worth a mark on the time axis.
struct TraceMark {
    Event event;
    std::uint64_t step = 0;
};

class RunTrace final : public EventSink {
public:
    explicit RunTrace(const Setup &setup);

    void onEvent(const Event &e) override;
    void onStep(CpuId cpu, TaskId task, std::uint16_t step, Nanos cost, Nanos start) override;
    // Closes the open slices at `end` (the run's last virtual time).
    void finish(Nanos end);

    const Setup &setup() const { return m_setup; }
    const std::vector<CpuSlice> &cpu(CpuId c) const { return m_cpus[c]; }
    const std::vector<TaskSlice> &task(TaskId t) const { return m_tasks[t]; }
    const std::vector<TraceMark> &marks() const { return m_marks; }
    // Failed trylocks are many: kept as times only, for a density strip.
    const std::vector<Nanos> &trylockFailures() const { return m_trylockFailures; }
    Nanos end() const { return m_end; }
    std::uint64_t steps() const { return m_steps; }

private:
    void taskState(TaskId t, Nanos when, TaskActivity what, WaitKind wait = WaitKind::None,
                   std::uint8_t arg = 0, CpuId cpu = NoCpu);

    const Setup &m_setup;
    std::array<std::vector<CpuSlice>, MaxCpus> m_cpus;
    std::array<std::vector<TaskSlice>, MaxTasks> m_tasks;
    std::array<bool, MaxTasks> m_spinning{};
    std::array<CpuId, MaxTasks> m_onCpu{};
    std::vector<TraceMark> m_marks;
    std::vector<Nanos> m_trylockFailures;
    Nanos m_end = 0;
    std::uint64_t m_steps = 0;
};

// Words for a task's slice: "asleep in flush_work() for CPU1's drain work".
std::string taskSliceText(const Setup &setup, const TaskSlice &s);
const char *cpuActivityName(CpuActivity a);
const char *taskActivityName(TaskActivity a);

} // namespace fl
