// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"
#include "engine/events.h"
#include "engine/setup.h"
#include "model/clocks.h"
#include "model/machine.h"

namespace fl {

// The per-CPU scheduler rules of spec §1.1: wake-ups, the tick, the pick, and
// when a running kernel task may be replaced under each preemption model.
class Scheduler {
public:
    Scheduler(Machine &m, Clocks &clk, const Setup &setup, EventSink &sink)
        : m_m(m), m_clk(clk), m_setup(setup), m_sink(sink)
    {
    }

    // Makes a sleeping task runnable on its CPU at the waker's time, and
    // decides whether the CPU's current task should be rescheduled.
    void wake(TaskId target, CpuId wakerCpu, TaskId waker);
    // Puts `tid` (running on `cpu`) to sleep on `kind`/`arg`.
    void sleep(TaskId tid, CpuId cpu, WaitKind kind, std::uint8_t arg);
    // The scheduler tick on a busy CPU: time-slice expiry sets need_resched.
    void tick(CpuId cpu);
    // Untimed model: a jiffy boundary passes on `cpu` (its tick, or the
    // wake-up of a NO_HZ idle CPU): the timers of its sleepers count it
    // down, and a jiffy timer whose last boundary it was wakes its task.
    void jiffyBoundary(CpuId cpu);
    // The running task stops running and goes to the runqueue's tail.
    void requeueCurrent(CpuId cpu);
    // Switches `tid` (from the runqueue) in on `cpu`.
    void switchIn(CpuId cpu, TaskId tid);
    // `cpu` passed a quiescent state owed to an expedited RCU grace period;
    // the last one to report wakes the synchronize_rcu_expedited() callers.
    void rcuQuiescent(CpuId cpu);

    // Runnable tasks the scheduler may pick next on `cpu`, in its order of
    // preference: the best RT task if any (FIFO within a priority), else every
    // fair task (EEVDF is abstracted: any of them may be next).
    static void pickCandidates(const Machine &m, CpuId cpu, ChoiceList &out);
    // Would the scheduler preempt `current` for `other` on a wake-up?
    static bool preemptsOnWake(const Task &other, const Task &current, bool fairWakeupPreempt);


private:
    // preemptsOnWake, except that a throttled CPU lets no RT task in.
    bool preempts(const Cpu &cpu, const Task &other, const Task &current, bool fairWakeup) const;
    // sched_rt_runtime_us: throttle RT tasks that used their share of the period.
    void rtAccounting(CpuId cpu);

    Machine &m_m;
    Clocks &m_clk;
    const Setup &m_setup;
    EventSink &m_sink;
};

} // namespace fl
