// SPDX-License-Identifier: GPL-2.0-only
#include "engine/waitfor.h"

#include <algorithm>
#include <array>
#include <functional>

namespace fl {

namespace {

WaitNode taskNode(int id) { return {NodeKind::Task, static_cast<std::uint8_t>(id)}; }
WaitNode folioNode(int id) { return {NodeKind::Folio, static_cast<std::uint8_t>(id)}; }
WaitNode workNode(int id) { return {NodeKind::Work, static_cast<std::uint8_t>(id)}; }
WaitNode cpuNode(int id) { return {NodeKind::Cpu, static_cast<std::uint8_t>(id)}; }

// Why the CPU's current task keeps it from the runnable tasks behind it.
std::string holdReason(const Machine &m, TaskId current, const Task &waiter)
{
    const Task &cur = m.tasks[current];
    if (cur.cls != SchedClass::Fair && waiter.cls == SchedClass::Fair)
        return "it is an RT task and a fair-class task never preempts it, cond_resched() or not";
    switch (m.preempt) {
    case Preempt::None:
        return "PREEMPT_NONE, and its loop never sleeps nor calls cond_resched()";
    case Preempt::Voluntary:
        return "PREEMPT_VOLUNTARY, and its loop has no cond_resched() or might_sleep() point";
    case Preempt::Full:
        return ptlHeldBy(m, current) != NoMm ? "it holds a spinlock (the PTL), so preemption is off"
                                   : "it has not been preempted yet (need_resched comes with "
                                     "the next tick)";
    case Preempt::Rt:
        return "it has not been preempted yet";
    }
    return {};
}

} // namespace

std::string nodeName(const Setup &setup, const WaitNode &n, const FolioLives *lives)
{
    switch (n.kind) {
    case NodeKind::Task: return setup.taskNames[n.id];
    case NodeKind::Folio: return "folio " + folioName(setup, lives, n.id);
    case NodeKind::Work: return "drain work on CPU" + std::to_string(n.id);
    case NodeKind::Cpu: return "CPU" + std::to_string(n.id);
    case NodeKind::DrainMutex: return "the lru_add_drain_all mutex";
    case NodeKind::DriverMutex: return setup.gpuNames[n.id] + "'s driver mutex";
    }
    return "?";
}

std::vector<WaitEdge> buildWaitForGraph(
        const Setup &setup, const Machine &m, const FolioLives *lives)
{
    std::vector<WaitEdge> g;
    const auto &tn = setup.taskNames;
    std::array<std::string, MaxFolios> fnames;
    for (int f = 0; f < MaxFolios; ++f)
        fnames[f] = folioName(setup, lives, static_cast<FolioId>(f));
    for (int i = 0; i < m.taskCount; ++i) {
        const Task &t = m.tasks[i];
        if (t.state == TaskState::Done)
            continue;
        if (t.state != TaskState::Sleeping && t.spinOn != NoFolio && m.folios[t.spinOn].locked()
            && m.folios[t.spinOn].lockOwner != i)
            g.push_back({taskNode(i), folioNode(t.spinOn), EdgeKind::SpinsOnLock,
                         tn[i] + " spins on folio " + fnames[t.spinOn] + "'s lock on CPU"
                             + std::to_string(t.cpu) + " (folio_trylock fails, it retries)"});
        if (t.state != TaskState::Sleeping)
            continue;
        switch (t.wait) {
        case WaitKind::FolioUnlock:
        case WaitKind::FolioLock:
            g.push_back({taskNode(i), folioNode(t.waitArg), EdgeKind::SleepsOnLock,
                         tn[i] + " sleeps until folio " + fnames[t.waitArg] + " is unlocked"});
            break;
        case WaitKind::FlushWork:
            g.push_back({taskNode(i), workNode(t.waitArg), EdgeKind::FlushesWork,
                         tn[i] + " sleeps in flush_work() for the drain work on CPU"
                             + std::to_string(t.waitArg)});
            break;
        case WaitKind::DrainMutex:
            g.push_back({taskNode(i), {NodeKind::DrainMutex, 0}, EdgeKind::WaitsForMutex,
                         tn[i] + " waits for the lru_add_drain_all() mutex"});
            break;
        case WaitKind::DriverMutex:
            g.push_back({taskNode(i), {NodeKind::DriverMutex, t.waitArg}, EdgeKind::WaitsForMutex,
                         tn[i] + " waits for " + setup.gpuNames[t.waitArg]
                             + "'s driver mutex, holding a reference to its page"});
            break;
        case WaitKind::RcuExpGp:
            for (int c = 0; c < m.cpuCount; ++c)
                if (m.rcuExpPending & (1u << c))
                    g.push_back({taskNode(i), cpuNode(c), EdgeKind::NeedsQuiescentState,
                                 tn[i] + " sleeps in synchronize_rcu_expedited() until CPU"
                                     + std::to_string(c)
                                     + " passes a quiescent state (lru_cache_disable; this is "
                                       "our hypothesis for the thread's V4 hang, speculative)"});
            break;
        case WaitKind::Refcount:
            for (int h = 0; h < m.taskCount; ++h)
                if (h != i && m.tasks[h].pageRef == t.waitArg
                    && m.tasks[h].state != TaskState::Done)
                    g.push_back({taskNode(i), taskNode(h), EdgeKind::NeedsRefDropped,
                                 tn[i] + " waits (wait_var_event) for " + tn[h]
                                     + " to drop its reference to folio " + fnames[t.waitArg]});
            break;
        default:
            break;
        }
    }
    if (m.drainMutexOwner != NoTask)
        g.push_back({{NodeKind::DrainMutex, 0}, taskNode(m.drainMutexOwner), EdgeKind::MutexOwnedBy,
                     "the lru_add_drain_all() mutex is held by " + tn[m.drainMutexOwner]});
    for (int gi = 0; gi < MaxGpus; ++gi)
        if (m.gpus[gi].used && m.gpus[gi].mutexOwner != NoTask)
            g.push_back({{NodeKind::DriverMutex, static_cast<std::uint8_t>(gi)},
                         taskNode(m.gpus[gi].mutexOwner), EdgeKind::MutexOwnedBy,
                         setup.gpuNames[gi] + "'s driver mutex is held by "
                             + tn[m.gpus[gi].mutexOwner]});
    for (int f = 0; f < m.folioCount; ++f) {
        const Folio &folio = m.folios[f];
        if (!folio.locked())
            continue;
        g.push_back({folioNode(f), taskNode(folio.lockOwner), EdgeKind::LockedBy,
                     "folio " + fnames[f] + " is locked by " + tn[folio.lockOwner]});
        // A migration of f fails while others hold references to it.
        const Task &owner = m.tasks[folio.lockOwner];
        if (owner.mig.faultFolio != f)
            continue;
        for (int i = 0; i < m.taskCount; ++i)
            if (i != folio.lockOwner && m.tasks[i].pageRef == f
                && m.tasks[i].state != TaskState::Done)
                g.push_back({taskNode(folio.lockOwner), taskNode(i), EdgeKind::NeedsRefDropped,
                             tn[folio.lockOwner] + "'s migration of folio " + fnames[f]
                                 + " fails while " + tn[i] + " holds a reference to it"});
    }
    for (int c = 0; c < m.cpuCount; ++c) {
        const Cpu &cpu = m.cpus[c];
        if ((cpu.workPending || cpu.workRunning) && cpu.current != cpu.kworker)
            g.push_back({workNode(c), cpuNode(c), EdgeKind::NeedsCpu,
                         "the drain work needs CPU" + std::to_string(c) + " (" + tn[cpu.kworker]
                             + " is " + (cpu.runqueue.contains(cpu.kworker) ? "runnable" : "not")
                             + " but not running)"});
        if (cpu.current != NoTask && !cpu.runqueue.empty()) {
            const Task &waiter = m.tasks[cpu.runqueue.at(0)];
            g.push_back({cpuNode(c), taskNode(cpu.current), EdgeKind::HeldBy,
                         "CPU" + std::to_string(c) + " is held by " + tn[cpu.current] + ": "
                             + holdReason(m, cpu.current, waiter)});
        } else if (cpu.current != NoTask && (m.rcuExpPending & (1u << c))) {
            g.push_back({cpuNode(c), taskNode(cpu.current), EdgeKind::HeldBy,
                         "CPU" + std::to_string(c) + " never passes a quiescent state: "
                             + tn[cpu.current]
                             + " loops in the kernel without a context switch, and without "
                               "PREEMPT_COUNT the RCU IPI can only set need_resched"});
        }
    }
    return g;
}

std::vector<WaitEdge> findCycle(const std::vector<WaitEdge> &graph)
{
    auto key = [](const WaitNode &n) { return static_cast<int>(n.kind) * 256 + n.id; };
    std::vector<WaitEdge> best;
    // Depth-first from each start node; prefer a cycle that starts with a
    // spinning task (it reads like the thread's description).
    std::vector<std::size_t> order(graph.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return (graph[a].kind == EdgeKind::SpinsOnLock) > (graph[b].kind == EdgeKind::SpinsOnLock);
    });
    std::vector<const WaitEdge *> path;
    std::vector<int> onPath;
    std::function<bool(const WaitNode &, int)> dfs = [&](const WaitNode &node, int start) {
        if (path.size() > 16)
            return false;
        for (const WaitEdge &e : graph) {
            if (!(e.from == node))
                continue;
            const int k = key(e.to);
            path.push_back(&e);
            if (k == start)
                return true;
            if (std::find(onPath.begin(), onPath.end(), k) == onPath.end()) {
                onPath.push_back(k);
                if (dfs(e.to, start))
                    return true;
                onPath.pop_back();
            }
            path.pop_back();
        }
        return false;
    };
    for (std::size_t idx : order) {
        const WaitEdge &first = graph[idx];
        path.assign(1, &first);
        onPath = {key(first.from), key(first.to)};
        if (key(first.to) == key(first.from) || dfs(first.to, key(first.from))) {
            for (const WaitEdge *e : path)
                best.push_back(*e);
            return best;
        }
    }
    return best;
}

} // namespace fl
