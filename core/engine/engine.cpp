// SPDX-License-Identifier: GPL-2.0-only
#include "engine/engine.h"

#include "kernel/step_context.h"
#include "kernel/steps.h"
#include "sched/rcu.h"
#include "sched/scheduler.h"

#include <algorithm>
#include <limits>

namespace fl {

namespace {

// The task on `cpu` whose timer fires first, or NoTask.
TaskId earliestTimer(const Machine &m, const Clocks &clk, CpuId cpu)
{
    if (clk.nextTimer[cpu] == std::numeric_limits<Nanos>::max())
        return NoTask;
    TaskId best = NoTask;
    for (int i = 0; i < m.taskCount; ++i) {
        const Task &t = m.tasks[i];
        if (t.cpu == cpu && t.sleepsOnTimer()
                && (best == NoTask || clk.timerAt[i] < clk.timerAt[best]))
            best = static_cast<TaskId>(i);
    }
    return best;
}

class EventCollector final : public EventSink {
public:
    explicit EventCollector(std::vector<Event> *out) : m_out(out) {}
    void onEvent(const Event &e) override
    {
        if (m_out)
            m_out->push_back(e);
    }
    void onStep(CpuId, TaskId, std::uint16_t, Nanos, Nanos) override {}

private:
    std::vector<Event> *m_out;
};

} // namespace

Engine::Engine(const Setup &setup, TimeModel time) : m_setup(setup), m_time(time) {}

SimState Engine::initialState() const
{
    SimState s{m_setup.initial, m_setup.initialClocks, {}};
    for (int f = 0; f < s.machine.folioCount; ++f)
        s.lives.count[f] = s.machine.folios[f].allocated ? 1 : 0;
    if (m_time == TimeModel::Untimed)
        countTimersInTicks(s);
    return s;
}

// The fresh-slice rule of the untimed model: a task switched in on `c` runs
// a step before anything timed happens on `c` (its tick, or a timer).
static bool freshSlice(const Machine &m, CpuId c)
{
    return m.cpus[c].current != NoTask && !m.cpus[c].sliceUsed;
}

// Untimed: may the timer of `t` fire as a choice of its own? A jiffy timer
// never does (it fires in a tick); another one once its ticks have passed.
static bool timerFree(const Task &t)
{
    return t.sleepsOnTimer() && !t.jiffyTimer && t.timerTicks == 0;
}

// Would a tick on `c` change the machine? Only then is it a choice: a tick
// that changes nothing would only add self-loops to the explorer's graph.
bool Engine::tickChangesState(const Machine &m, CpuId c) const
{
    for (int i = 0; i < m.taskCount; ++i)
        if (m.tasks[i].cpu == c && m.tasks[i].sleepsOnTimer() && m.tasks[i].timerTicks > 0)
            return true; // the jiffy boundary counts a timer down
    const Cpu &cpu = m.cpus[c];
    if (cpu.current == NoTask || cpu.needResched)
        return false;
    const Task &cur = m.tasks[cpu.current];
    for (int i = 0; i < cpu.runqueue.count; ++i) {
        const Task &other = m.tasks[cpu.runqueue.at(i)];
        const bool fairCur = cur.cls == SchedClass::Fair;
        const bool fairOther = other.cls == SchedClass::Fair;
        const bool rr = cur.cls == SchedClass::Rr && !fairOther && other.prio >= cur.prio;
        if ((fairCur && fairOther && cpu.sliceUsed) || rr
            || Scheduler::preemptsOnWake(other, cur, false))
            return true;
    }
    return false;
}

void Engine::untimedChoices(const SimState &s, ChoiceList &out) const
{
    const Machine &m = s.machine;
    for (int c = 0; c < m.cpuCount; ++c) {
        const Cpu &cpu = m.cpus[c];
        const CpuId id = static_cast<CpuId>(c);
        if (cpu.current != NoTask)
            out.push(Choice{id, NoTask});
        else if (!cpu.runqueue.empty())
            Scheduler::pickCandidates(m, id, out);
        if (freshSlice(m, id))
            continue;
        if (tickChangesState(m, id))
            out.push(Choice{id, TickChoice});
        for (int i = 0; i < m.taskCount; ++i)
            if (m.tasks[i].cpu == id && timerFree(m.tasks[i]))
                out.push(Choice{id, static_cast<TaskId>(i)});
    }
}

SimState Engine::untimedFrom(const SimState &timed) const
{
    SimState s = timed;
    s.machine.rtThrottling = false;
    countTimersInTicks(s);
    return s;
}

void Engine::countTimersInTicks(SimState &s) const
{
    // The latest clock bounds from below the boundaries still to come.
    const Nanos now = s.clocks.maxNow(s.machine.cpuCount);
    const Nanos tick = m_setup.tickNs;
    for (int i = 0; i < s.machine.taskCount; ++i) {
        Task &t = s.machine.tasks[i];
        if (!t.sleepsOnTimer())
            continue;
        const Nanos at = s.clocks.timerAt[i];
        // Boundaries k * tick (k >= 1) strictly between now and `at`; a
        // jiffy timer due at a boundary also waits for that one.
        const Nanos before = at > now ? (at - 1) / tick - now / tick : 0;
        const bool jiffy = t.jiffyTimer && at > now && at % tick == 0;
        t.jiffyTimer = jiffy;
        t.timerTicks = static_cast<std::uint8_t>(std::min<Nanos>(before + (jiffy ? 1 : 0), 255));
    }
}

std::string Engine::whyNotEnabled(const SimState &s, Choice c) const
{
    ChoiceList enabled;
    enabledChoices(s, enabled);
    if (enabled.contains(c))
        return {};
    const Machine &m = s.machine;
    if (c.cpu >= m.cpuCount)
        return "there is no CPU" + std::to_string(c.cpu);
    const std::string cpuName = "CPU" + std::to_string(c.cpu);
    const bool timer = c.task != NoTask && c.task != TickChoice && c.task < m.taskCount
            && m.tasks[c.task].sleepsOnTimer() && m.tasks[c.task].cpu == c.cpu;
    if (m_time == TimeModel::Untimed && (timer || c.task == TickChoice)) {
        const std::string what = timer ? m_setup.taskNames[c.task] + "'s timer" : "a tick";
        if (timer && m.tasks[c.task].jiffyTimer)
            return m_setup.taskNames[c.task]
                   + " sleeps on a jiffy timer (msleep, schedule_timeout), which expires only in "
                   + cpuName + "'s tick of its last jiffy boundary: "
                   + std::to_string(m.tasks[c.task].timerTicks)
                   + " more tick(s) here (rule: jiffy timers expire from the tick)";
        if (freshSlice(m, c.cpu))
            return what + " cannot come on " + cpuName + " before "
                   + m_setup.taskNames[m.cpus[c.cpu].current]
                   + ", just switched in, has run a step (rule: fresh slice, as no step takes "
                     "a jiffy)";
        if (timer)
            return m_setup.taskNames[c.task] + "'s timer spans "
                   + std::to_string(m.tasks[c.task].timerTicks) + " more jiffy boundary(ies) of "
                   + cpuName + " before it may fire (rule: timers keep their jiffies)";
        return "a tick on " + cpuName + " would change nothing here";
    }
    if (c.task != NoTask && c.task != TickChoice && m.cpus[c.cpu].current == NoTask)
        return (c.task < m.taskCount ? m_setup.taskNames[c.task] : std::string("this task"))
               + " is not a task the scheduler may pick on " + cpuName + " here";
    return cpuName + " has no such choice here";
}

void Engine::enabledChoices(const SimState &s, ChoiceList &out) const
{
    out.count = 0;
    if (m_time == TimeModel::Untimed) {
        untimedChoices(s, out);
        return;
    }
    const Machine &m = s.machine;
    for (int c = 0; c < m.cpuCount; ++c) {
        const Cpu &cpu = m.cpus[c];
        const CpuId id = static_cast<CpuId>(c);
        if (cpu.current != NoTask) {
            out.push(Choice{id, NoTask});
        } else if (!cpu.runqueue.empty()) {
            // A timer that has expired fires before the pick; it is part of
            // stepping this CPU, so the pick choices stay valid.
            Scheduler::pickCandidates(m, id, out);
        } else if (earliestTimer(m, s.clocks, id) != NoTask) {
            out.push(Choice{id, NoTask});
        }
    }
}

std::vector<Choice> Engine::enabledChoices(const SimState &s) const
{
    ChoiceList list;
    enabledChoices(s, list);
    return {list.begin(), list.end()};
}

Nanos Engine::nextEventTime(const SimState &s, CpuId c) const
{
    const Cpu &cpu = s.machine.cpus[c];
    if (cpu.current != NoTask || !cpu.runqueue.empty())
        return s.clocks.now[c];
    const TaskId t = earliestTimer(s.machine, s.clocks, c);
    if (t == NoTask)
        return std::numeric_limits<Nanos>::max();
    return std::max(s.clocks.now[c], s.clocks.timerAt[t]);
}

StepReport Engine::apply(SimState &s, Choice choice, EventSink &sink) const
{
    Machine &m = s.machine;
    Clocks &clk = s.clocks;
    const CpuId c = choice.cpu;
    Cpu &cpu = m.cpus[c];
    Scheduler sched(m, clk, m_setup, sink);
    StepReport report{c, NoTask, 0, 0, clk.now[c]};
    const TaskId before = cpu.current;

    auto finish = [&](std::uint16_t step, TaskId task, Nanos cost, std::uint8_t stepFlags = 0) {
        // An expedited RCU grace period waits for this CPU (sched/rcu.h).
        if ((m.rcuExpPending & (1u << c))
                && rcuReportsAfterStep(m, c, cpu.current != before, stepFlags))
            sched.rcuQuiescent(c);
        report.step = step;
        report.task = task;
        report.cost = cost;
        clk.now[c] += cost;
        sink.onStep(c, task, step, cost, report.start);
        return report;
    };

    if (m_time == TimeModel::Untimed) {
        if (choice.task == TickChoice) {
            // A jiffy boundary: the tick of a busy CPU, or the timer
            // interrupt that wakes a NO_HZ idle one. scheduler_tick() runs
            // before the timer softirq, so the slice sees no timer's wake.
            sched.tick(c);
            sched.jiffyBoundary(c);
            return finish(static_cast<std::uint16_t>(SchedStep::Tick), cpu.current,
                          m_setup.costs[CostKey::Tick]);
        }
        if (choice.task != NoTask && m.tasks[choice.task].sleepsOnTimer()) {
            if (m.tasks[choice.task].wait == WaitKind::Start)
                sink.onEvent(Event{clk.now[c], EventKind::TaskStarted, c, choice.task, NoFolio, 0});
            sched.wake(choice.task, c, NoTask);
            return finish(static_cast<std::uint16_t>(SchedStep::TimerWake), choice.task,
                          m_setup.costs[CostKey::Wakeup]);
        }
    }

    // Interrupts come first: a timer that is due, then the tick.
    const bool idle = cpu.current == NoTask && cpu.runqueue.empty();
    const bool timed = m_time == TimeModel::Timed;
    const TaskId timer = timed && (idle || clk.nextTimer[c] <= clk.now[c])
                             ? earliestTimer(m, clk, c)
                             : NoTask;
    if (timer != NoTask && (idle || clk.timerAt[timer] <= clk.now[c])) {
        clk.now[c] = std::max(clk.now[c], clk.timerAt[timer]);
        report.start = clk.now[c];
        Task &t = m.tasks[timer];
        if (t.wait == WaitKind::Start)
            sink.onEvent(Event{clk.now[c], EventKind::TaskStarted, c, timer, NoFolio, 0});
        sched.wake(timer, c, NoTask);
        const TaskId following = earliestTimer(m, clk, c);
        clk.nextTimer[c] = following == NoTask ? std::numeric_limits<Nanos>::max()
                                               : clk.timerAt[following];
        return finish(static_cast<std::uint16_t>(SchedStep::TimerWake), timer,
                      m_setup.costs[CostKey::Wakeup]);
    }
    if (idle)
        return report; // not enabled: nothing to do
    if (timed && cpu.current != NoTask && clk.now[c] >= clk.nextTick[c]) {
        sched.tick(c);
        return finish(static_cast<std::uint16_t>(SchedStep::Tick), cpu.current,
                      m_setup.costs[CostKey::Tick]);
    }
    if (cpu.current == NoTask) {
        ChoiceList candidates;
        Scheduler::pickCandidates(m, c, candidates);
        TaskId pick = candidates.items[0].task;
        if (choice.task != NoTask && candidates.contains(Choice{c, choice.task}))
            pick = choice.task;
        sched.switchIn(c, pick);
        return finish(static_cast<std::uint16_t>(SchedStep::Pick), pick,
                      m_setup.costs[CostKey::ContextSwitch]);
    }

    const TaskId tid = cpu.current;
    Task &t = m.tasks[tid];
    Frame &frame = t.stack[t.depth - 1];
    const StepId sid = m_setup.program.stepAt(frame.listing, frame.pc);
    const StepInfo &info = stepInfo(sid);

    if (cpu.needResched) {
        // Where may this kernel task be replaced (spec §1.1)?
        std::uint16_t why = 0;
        if (info.flags & FlagReturnToUser)
            why = static_cast<std::uint16_t>(SchedStep::ReturnToUserResched);
        else if (m.preempt == Preempt::Rt || (m.preempt == Preempt::Full && !inPtlSection(m, tid)))
            why = static_cast<std::uint16_t>(SchedStep::Preempt);
        else if (m.preempt == Preempt::Voluntary && (info.flags & (FlagMightSleep | FlagCondResched)))
            why = static_cast<std::uint16_t>(SchedStep::CondResched);
        else if (m.preempt == Preempt::None && (info.flags & FlagCondResched))
            why = static_cast<std::uint16_t>(SchedStep::CondResched);
        if (why != 0) {
            const bool voluntary = why == static_cast<std::uint16_t>(SchedStep::CondResched);
            sink.onEvent(Event{clk.now[c],
                               voluntary ? EventKind::CondReschedYield : EventKind::Preempted, c,
                               tid, NoFolio, 0});
            sched.requeueCurrent(c);
            return finish(why, tid, m_setup.costs[CostKey::Step]);
        }
    }

    StepContext ctx{m, clk, m_setup, sink, tid, c};
    cpu.sliceUsed = true;
    // Only kernel steps allocate; a page allocated into a freed slot gets a
    // fresh name (folio_names.h).
    const std::uint32_t allocatedBefore = FolioLives::allocatedMask(m);
    const Flow flow = stepEffect(sid)(ctx);
    s.lives.countAllocations(allocatedBefore, m);
    Nanos cost = m_setup.costs[info.cost] + ctx.extraCost;
    switch (flow.kind) {
    case Flow::Kind::Next:
        ++frame.pc;
        break;
    case Flow::Kind::Stay:
        break;
    case Flow::Kind::Jump:
        frame.pc = static_cast<std::uint8_t>(m_setup.program.indexOf(frame.listing, flow.label));
        break;
    case Flow::Kind::Call:
        frame.pc = flow.label == StepId::Count
                       ? static_cast<std::uint8_t>(frame.pc + 1)
                       : static_cast<std::uint8_t>(
                           m_setup.program.indexOf(frame.listing, flow.label));
        t.stack[t.depth++] = Frame{static_cast<std::uint8_t>(flow.callee), 0};
        break;
    case Flow::Kind::Return:
        t.ret = flow.value;
        // Popped frames are cleared so that equal machines are equal bytes
        // too (operator== compares whole tasks; the hash only live frames).
        t.stack[--t.depth] = Frame{};
        break;
    case Flow::Kind::Exit:
        t.stack.fill(Frame{});
        t.depth = 0;
        break;
    }
    if (t.depth == 0) {
        t.state = TaskState::Done;
        t.wait = WaitKind::None;
        sink.onEvent(Event{clk.now[c] + cost, EventKind::TaskDone, c, tid, NoFolio, 0});
    }
    if (t.state != TaskState::Running) {
        cpu.current = NoTask;
        cpu.needResched = false;
    }
    return finish(static_cast<std::uint16_t>(sid), tid, cost, info.flags);
}

SimState Engine::applied(const SimState &s, Choice c, std::vector<Event> *events) const
{
    SimState next = s;
    EventCollector collector(events);
    apply(next, c, collector);
    return next;
}

std::string Engine::describeChoice(const SimState &s, Choice c) const
{
    const Machine &m = s.machine;
    const Cpu &cpu = m.cpus[c.cpu];
    std::string out = "CPU" + std::to_string(c.cpu) + ": ";
    if (c.task == TickChoice)
        return out + (cpu.current == NoTask ? "jiffy boundary (timer interrupt, no task running)"
                                            : "scheduler tick");
    if (c.task != NoTask && m.tasks[c.task].sleepsOnTimer())
        return out + "timer fires: wake " + m_setup.taskNames[c.task];
    if (cpu.current == NoTask) {
        if (cpu.runqueue.empty())
            return out + "timer fires";
        const TaskId pick = c.task != NoTask ? c.task : cpu.runqueue.at(0);
        return out + "switch to " + m_setup.taskNames[pick];
    }
    if (m_time == TimeModel::Timed && s.clocks.now[c.cpu] >= s.clocks.nextTick[c.cpu])
        return out + "scheduler tick";
    const auto step = m_setup.program.currentStep(m.tasks[cpu.current]);
    if (!step)
        return out + m_setup.taskNames[cpu.current] + " finishes";
    const StepInfo &info = stepInfo(*step);
    return out + m_setup.taskNames[cpu.current] + " " + std::string(info.function) + ": "
           + std::string(info.text);
}

} // namespace fl
