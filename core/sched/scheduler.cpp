// SPDX-License-Identifier: GPL-2.0-only
#include "sched/scheduler.h"

#include <algorithm>

namespace fl {

static bool isRt(const Task &t)
{
    return t.cls != SchedClass::Fair;
}

bool Scheduler::preemptsOnWake(const Task &other, const Task &current, bool fairWakeupPreempt)
{
    if (isRt(other))
        return !isRt(current) || other.prio > current.prio;
    // A fair task never preempts an RT one, whatever the preemption model.
    if (isRt(current))
        return false;
    return fairWakeupPreempt;
}

bool Scheduler::preempts(const Cpu &cpu, const Task &other, const Task &current,
                         bool fairWakeup) const
{
    if (cpu.rtThrottled && isRt(other))
        return false;
    return preemptsOnWake(other, current, fairWakeup);
}

void Scheduler::wake(TaskId target, CpuId wakerCpu, TaskId waker)
{
    Task &t = m_m.tasks[target];
    if (t.state != TaskState::Sleeping)
        return;
    const CpuId c = t.cpu;
    Cpu &cpu = m_m.cpus[c];
    // An idle CPU has no notion of time of its own: it wakes at the waker's.
    if (cpu.current == NoTask && cpu.runqueue.empty() && wakerCpu != NoCpu)
        m_clk.now[c] = std::max(m_clk.now[c], m_clk.now[wakerCpu]);
    t.state = TaskState::Runnable;
    t.wait = WaitKind::None;
    t.waitArg = 0;
    t.timerTicks = 0;
    t.jiffyTimer = false;
    cpu.runqueue.push(target);
    const Nanos when = wakerCpu != NoCpu ? m_clk.now[wakerCpu] : m_clk.now[c];
    m_sink.onEvent(Event{when, EventKind::Wake, c, target, NoFolio, waker});
    if (cpu.current != NoTask && !cpu.needResched
        && preempts(cpu, t, m_m.tasks[cpu.current], m_setup.wakeupPreemption)) {
        cpu.needResched = true;
        m_sink.onEvent(Event{when, EventKind::NeedResched, c, cpu.current, NoFolio, target});
    }
}

void Scheduler::sleep(TaskId tid, CpuId cpu, WaitKind kind, std::uint8_t arg)
{
    Task &t = m_m.tasks[tid];
    t.state = TaskState::Sleeping;
    t.wait = kind;
    t.waitArg = arg;
    m_clk.sleepSince[tid] = m_clk.now[cpu];
    // The wait's object (a folio, a CPU, a GPU) rides in the folio field.
    m_sink.onEvent(Event{m_clk.now[cpu], EventKind::Sleep, cpu, tid, arg,
                         static_cast<std::int32_t>(kind)});
}

void Scheduler::tick(CpuId c)
{
    Cpu &cpu = m_m.cpus[c];
    const Nanos now = m_clk.now[c];
    m_sink.onEvent(Event{now, EventKind::Tick, c, cpu.current, NoFolio, 0});
    while (m_clk.nextTick[c] <= now)
        m_clk.nextTick[c] += m_setup.tickNs;
    if (m_m.rtThrottling)
        rtAccounting(c);
    if (cpu.current != NoTask && !cpu.needResched) {
        const Task &cur = m_m.tasks[cpu.current];
        // The slice of a fair task ends at the tick when another fair task
        // waits; an RT task keeps the CPU from every fair task.
        for (int i = 0; i < cpu.runqueue.count; ++i) {
            const Task &other = m_m.tasks[cpu.runqueue.at(i)];
            const bool slice = !isRt(cur) && !isRt(other) && cpu.sliceUsed;
            const bool rr = cur.cls == SchedClass::Rr && isRt(other) && other.prio >= cur.prio;
            if (slice || rr || preempts(cpu, other, cur, false)) {
                cpu.needResched = true;
                m_sink.onEvent(Event{now, EventKind::NeedResched, c, cpu.current, NoFolio, 0});
                break;
            }
        }
    }
    // Watchdogs (spec §1.1): they report, they do not change the machine.
    if (cpu.current != NoTask && now - m_clk.lastSwitch[c] >= m_setup.softLockupNs) {
        m_sink.onEvent(Event{now, EventKind::SoftLockup, c, cpu.current, NoFolio, 0});
        m_clk.lastSwitch[c] = now;
    }
    for (int i = 0; i < m_m.taskCount; ++i) {
        const Task &t = m_m.tasks[i];
        const bool uninterruptible = t.state == TaskState::Sleeping && t.wait != WaitKind::Start
                                     && t.wait != WaitKind::Timer
                                     && t.wait != WaitKind::WorkerIdle;
        if (uninterruptible && now > m_clk.sleepSince[i]
            && now - m_clk.sleepSince[i] >= m_setup.hungTaskNs) {
            m_sink.onEvent(Event{now, EventKind::HungTask, c, static_cast<TaskId>(i), NoFolio, 0});
            m_clk.sleepSince[i] = now;
        }
    }
}

void Scheduler::jiffyBoundary(CpuId c)
{
    for (int i = 0; i < m_m.taskCount; ++i) {
        Task &t = m_m.tasks[i];
        if (!t.sleepsOnTimer() || t.cpu != c || t.timerTicks == 0)
            continue;
        // run_timer_softirq(): a jiffy timer expires in the tick of its last
        // boundary; another timer may fire from then on (engine.cpp).
        if (--t.timerTicks == 0 && t.jiffyTimer)
            wake(static_cast<TaskId>(i), c, NoTask);
    }
}

void Scheduler::requeueCurrent(CpuId c)
{
    Cpu &cpu = m_m.cpus[c];
    if (cpu.current == NoTask)
        return;
    Task &t = m_m.tasks[cpu.current];
    t.state = TaskState::Runnable;
    cpu.runqueue.push(cpu.current);
    cpu.current = NoTask;
    cpu.needResched = false;
}

void Scheduler::switchIn(CpuId c, TaskId tid)
{
    Cpu &cpu = m_m.cpus[c];
    cpu.runqueue.remove(tid);
    cpu.current = tid;
    cpu.needResched = false;
    cpu.sliceUsed = false;
    m_m.tasks[tid].state = TaskState::Running;
    m_clk.lastSwitch[c] = m_clk.now[c];
    // Ticks stop while a CPU idles (NO_HZ); they resume on the next boundary.
    if (m_clk.nextTick[c] <= m_clk.now[c])
        m_clk.nextTick[c] = (m_clk.now[c] / m_setup.tickNs + 1) * m_setup.tickNs;
    m_sink.onEvent(Event{m_clk.now[c], EventKind::ContextSwitch, c, tid, NoFolio, 0});
    // Another runnable task may already deserve the CPU (an RT task queued
    // behind a fair one we picked by hand).
    for (int i = 0; i < cpu.runqueue.count; ++i)
        if (preempts(cpu, m_m.tasks[cpu.runqueue.at(i)], m_m.tasks[tid], false)) {
            cpu.needResched = true;
            break;
        }
}

void Scheduler::rtAccounting(CpuId c)
{
    Cpu &cpu = m_m.cpus[c];
    const Nanos now = m_clk.now[c];
    if (m_clk.rtPeriodEnd[c] == 0)
        m_clk.rtPeriodEnd[c] = m_setup.rtPeriodNs;
    if (now >= m_clk.rtPeriodEnd[c]) {
        while (m_clk.rtPeriodEnd[c] <= now)
            m_clk.rtPeriodEnd[c] += m_setup.rtPeriodNs;
        m_clk.rtUsed[c] = 0;
        if (cpu.rtThrottled) {
            cpu.rtThrottled = false;
            m_sink.onEvent(Event{now, EventKind::RtUnthrottled, c, cpu.current, NoFolio, 0});
            for (int i = 0; i < cpu.runqueue.count && cpu.current != NoTask; ++i)
                if (preempts(cpu, m_m.tasks[cpu.runqueue.at(i)], m_m.tasks[cpu.current], false))
                    cpu.needResched = true;
        }
    }
    if (cpu.current == NoTask || !isRt(m_m.tasks[cpu.current]) || cpu.rtThrottled)
        return;
    // The tick charges the whole tick to the running RT task (an
    // approximation of update_curr_rt's exact accounting).
    m_clk.rtUsed[c] += m_setup.tickNs;
    if (m_clk.rtUsed[c] < m_setup.rtRuntimeNs)
        return;
    cpu.rtThrottled = true;
    m_sink.onEvent(Event{now, EventKind::RtThrottled, c, cpu.current, NoFolio, 0});
    // resched_curr(): only a preemption point acts on it, so a non-preemptible
    // kernel loop keeps running even when throttled.
    cpu.needResched = true;
}

void Scheduler::rcuQuiescent(CpuId c)
{
    const auto bit = static_cast<std::uint8_t>(1u << c);
    if (!(m_m.rcuExpPending & bit))
        return;
    m_m.rcuExpPending = static_cast<std::uint8_t>(m_m.rcuExpPending & ~bit);
    m_sink.onEvent(Event{m_clk.now[c], EventKind::RcuExpQs, c, m_m.cpus[c].current, NoFolio, 0});
    if (m_m.rcuExpPending != 0)
        return;
    for (int i = 0; i < m_m.taskCount; ++i) {
        const Task &t = m_m.tasks[i];
        if (t.state == TaskState::Sleeping && t.wait == WaitKind::RcuExpGp)
            wake(static_cast<TaskId>(i), c, NoTask);
    }
}

void Scheduler::pickCandidates(const Machine &m, CpuId c, ChoiceList &out)
{
    const Cpu &cpu = m.cpus[c];
    int bestPrio = -1;
    TaskId best = NoTask;
    bool anyFair = false;
    for (int i = 0; i < cpu.runqueue.count; ++i)
        anyFair = anyFair || !isRt(m.tasks[cpu.runqueue.at(i)]);
    // A throttled CPU runs its fair tasks; with none it lets RT run on
    // (the kernel would idle until the period ends).
    const bool skipRt = cpu.rtThrottled && anyFair;
    for (int i = 0; i < cpu.runqueue.count; ++i) {
        const Task &t = m.tasks[cpu.runqueue.at(i)];
        if (!skipRt && isRt(t) && t.prio > bestPrio) {
            bestPrio = t.prio;
            best = cpu.runqueue.at(i);
        }
    }
    if (best != NoTask) {
        out.push(Choice{c, best});
        return;
    }
    for (int i = 0; i < cpu.runqueue.count; ++i)
        out.push(Choice{c, cpu.runqueue.at(i)});
}

} // namespace fl
