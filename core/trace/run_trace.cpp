// SPDX-License-Identifier: GPL-2.0-only
#include "trace/run_trace.h"

#include "kernel/steps.h"

namespace fl {

namespace {

// The events a time view marks (the frequent ones are counted instead).
bool worthAMark(EventKind k)
{
    switch (k) {
    case EventKind::WorkQueued:
    case EventKind::WorkDone:
    case EventKind::DrainBegin:
    case EventKind::DrainEnd:
    case EventKind::MigrationBegin:
    case EventKind::MigrationDone:
    case EventKind::MigrationFailed:
    case EventKind::RcuExpGpBegin:
    case EventKind::RcuExpGpEnd:
    case EventKind::BackoffRestart:
    case EventKind::UseAfterFree:
    case EventKind::SoftLockup:
    case EventKind::HungTask:
    case EventKind::RtThrottled:
    case EventKind::RtUnthrottled:
    case EventKind::FaultDone:
    case EventKind::TaskDone:
    case EventKind::Preempted:
    case EventKind::CondReschedYield:
    case EventKind::ContextSwitch:
    case EventKind::Tick:
    case EventKind::NeedResched:
        return true;
    default:
        return false;
    }
}

} // namespace

RunTrace::RunTrace(const Setup &setup) : m_setup(setup)
{
    m_onCpu.fill(NoCpu);
    for (int t = 0; t < setup.initial.taskCount; ++t) {
        const Task &task = setup.initial.tasks[t];
        TaskActivity what = TaskActivity::Asleep;
        if (task.state == TaskState::Sleeping && task.wait == WaitKind::Start)
            what = TaskActivity::NotStarted;
        else if (task.state == TaskState::Runnable)
            what = TaskActivity::Runnable;
        else if (task.state == TaskState::Done)
            what = TaskActivity::Done;
        m_tasks[t].push_back(TaskSlice{0, 0, what, task.wait, task.waitArg, NoCpu, 0});
    }
}

void RunTrace::taskState(TaskId t, Nanos when, TaskActivity what, WaitKind wait,
                         std::uint8_t arg, CpuId cpu)
{
    std::vector<TaskSlice> &slices = m_tasks[t];
    if (!slices.empty()) {
        TaskSlice &last = slices.back();
        // Each CPU keeps its own clock: a waker's time may lag the clock of
        // the CPU where the task's last change happened, by under a step.
        when = std::max(when, last.start);
        if (last.what == what && last.wait == wait && last.waitArg == arg && last.cpu == cpu)
            return;
        if (last.start == when && last.end <= when) {
            last = TaskSlice{when, when, what, wait, arg, cpu, m_steps}; // nothing happened in it
            return;
        }
        last.end = when;
    }
    slices.push_back(TaskSlice{when, when, what, wait, arg, cpu, m_steps});
}

void RunTrace::onEvent(const Event &e)
{
    const TaskId t = e.task;
    switch (e.kind) {
    case EventKind::TrylockFailed:
        m_trylockFailures.push_back(e.time);
        if (t != NoTask && !m_spinning[t]) {
            m_spinning[t] = true;
            taskState(t, e.time, TaskActivity::Spinning, WaitKind::None, 0, e.cpu);
        }
        break;
    case EventKind::FolioLocked:
    case EventKind::FaultDone:
        if (t != NoTask && m_spinning[t]) {
            m_spinning[t] = false;
            taskState(t, e.time, TaskActivity::Running, WaitKind::None, 0, e.cpu);
        }
        break;
    case EventKind::ContextSwitch:
        if (t != NoTask) {
            m_onCpu[t] = e.cpu;
            taskState(t, e.time, m_spinning[t] ? TaskActivity::Spinning : TaskActivity::Running,
                      WaitKind::None, 0, e.cpu);
        }
        break;
    case EventKind::Preempted:
    case EventKind::CondReschedYield:
        if (t != NoTask)
            taskState(t, e.time, TaskActivity::Runnable);
        break;
    case EventKind::Sleep:
        if (t != NoTask) {
            m_spinning[t] = false;
            const auto wait = static_cast<WaitKind>(e.arg);
            taskState(t, e.time,
                      wait == WaitKind::Start ? TaskActivity::NotStarted : TaskActivity::Asleep,
                      wait, e.folio == NoFolio ? 0 : e.folio);
        }
        break;
    case EventKind::Wake:
        if (t != NoTask)
            taskState(t, e.time, TaskActivity::Runnable);
        break;
    case EventKind::TaskDone:
        if (t != NoTask) {
            m_spinning[t] = false;
            taskState(t, e.time, TaskActivity::Done);
        }
        break;
    default:
        break;
    }
    if (worthAMark(e.kind))
        m_marks.push_back(TraceMark{e, m_steps});
    m_end = std::max(m_end, e.time);
}

void RunTrace::onStep(CpuId cpu, TaskId task, std::uint16_t step, Nanos cost, Nanos start)
{
    const Nanos end = start + cost;
    m_end = std::max(m_end, end);
    ++m_steps;
    if (task == NoTask || step >= static_cast<std::uint16_t>(StepId::Count))
        return; // scheduler work: ticks, picks and timers are marks
    const std::string_view key = stepInfo(static_cast<StepId>(step)).key;
    const CpuActivity what = m_spinning[task]   ? CpuActivity::Spinning
                             : key.starts_with("user.") ? CpuActivity::User
                                                        : CpuActivity::Kernel;
    std::vector<CpuSlice> &slices = m_cpus[cpu];
    if (!slices.empty()) {
        CpuSlice &last = slices.back();
        // Contiguous (or nearly: within a tick) work of the same kind merges.
        if (last.task == task && last.what == what && start <= last.end + m_setup.tickNs) {
            last.end = std::max(last.end, end);
            return;
        }
    }
    slices.push_back(CpuSlice{start, end, task, what, m_steps - 1});
}

void RunTrace::finish(Nanos end)
{
    m_end = std::max(m_end, end);
    for (std::vector<TaskSlice> &slices : m_tasks)
        if (!slices.empty() && slices.back().end < m_end)
            slices.back().end = m_end;
}

const char *cpuActivityName(CpuActivity a)
{
    switch (a) {
    case CpuActivity::Kernel: return "kernel";
    case CpuActivity::User: return "user";
    case CpuActivity::Spinning: return "spinning";
    }
    return "?";
}

const char *taskActivityName(TaskActivity a)
{
    switch (a) {
    case TaskActivity::NotStarted: return "not started";
    case TaskActivity::Runnable: return "runnable";
    case TaskActivity::Running: return "running";
    case TaskActivity::Spinning: return "spinning";
    case TaskActivity::Asleep: return "asleep";
    case TaskActivity::Done: return "done";
    }
    return "?";
}

std::string taskSliceText(const Setup &setup, const TaskSlice &s)
{
    const auto folio = [&](std::uint8_t f) {
        return f < MaxFolios && !setup.folioNames[f].empty() ? setup.folioNames[f]
                                                             : "#" + std::to_string(f);
    };
    switch (s.what) {
    case TaskActivity::Running: return "running on CPU" + std::to_string(s.cpu);
    case TaskActivity::Spinning: return "spinning on CPU" + std::to_string(s.cpu);
    case TaskActivity::Runnable: return "runnable, waiting for its CPU";
    case TaskActivity::NotStarted: return "not started";
    case TaskActivity::Done: return "done";
    case TaskActivity::Asleep: break;
    }
    switch (s.wait) {
    case WaitKind::FlushWork:
        return "asleep in flush_work() for CPU" + std::to_string(s.waitArg) + "'s drain";
    case WaitKind::FolioUnlock: return "asleep until folio " + folio(s.waitArg) + " is unlocked";
    case WaitKind::FolioLock: return "asleep in lock_page() on folio " + folio(s.waitArg);
    case WaitKind::DrainMutex: return "asleep on the lru_add_drain_all mutex";
    case WaitKind::DriverMutex: return "asleep on the driver mutex";
    case WaitKind::WorkerIdle: return "idle worker";
    case WaitKind::Timer: return "asleep on a timer (msleep)";
    case WaitKind::Ptl: return "asleep on the PTL (PREEMPT_RT)";
    case WaitKind::RcuExpGp: return "asleep in synchronize_rcu_expedited()";
    case WaitKind::Refcount: return "asleep until folio " + folio(s.waitArg) + "'s refcount drops";
    case WaitKind::Start: return "not started";
    case WaitKind::None: break;
    }
    return "asleep";
}

} // namespace fl
