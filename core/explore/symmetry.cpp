// SPDX-License-Identifier: GPL-2.0-only
#include "explore/symmetry.h"

#include "explore/state_graph.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <numeric>

namespace fl {

Renaming Renaming::identity()
{
    Renaming r;
    for (int c = 0; c < MaxCpus; ++c)
        r.cpu[c] = static_cast<CpuId>(c);
    for (int t = 0; t < MaxTasks; ++t)
        r.task[t] = static_cast<TaskId>(t);
    return r;
}

Renaming Renaming::inverse() const
{
    Renaming r;
    for (int c = 0; c < MaxCpus; ++c)
        r.cpu[cpu[c]] = static_cast<CpuId>(c);
    for (int t = 0; t < MaxTasks; ++t)
        r.task[task[t]] = static_cast<TaskId>(t);
    return r;
}

Renaming Renaming::after(const Renaming &first) const
{
    Renaming r;
    for (int c = 0; c < MaxCpus; ++c)
        r.cpu[c] = cpu[first.cpu[c]];
    for (int t = 0; t < MaxTasks; ++t)
        r.task[t] = task[first.task[t]];
    return r;
}

bool Renaming::isIdentity() const
{
    return *this == identity();
}

Choice Renaming::apply(Choice c) const
{
    // Choice::task is a task id, or NoTask / TickChoice, which stay.
    const TaskId t = c.task < MaxTasks ? task[c.task] : c.task;
    return Choice {cpu[c.cpu], t};
}

namespace {

// Waits whose argument is a CPU (the others name a folio, mm or GPU).
bool waitsOnCpu(WaitKind w)
{
    return w == WaitKind::FlushWork || w == WaitKind::WorkerIdle;
}

TaskId renameTask(const Renaming &r, TaskId t)
{
    return t == NoTask ? NoTask : r.task[t];
}

void renameQueue(const Renaming &r, TaskQueue &q)
{
    for (int i = 0; i < q.count; ++i)
        q.ids[static_cast<std::size_t>(i)] = r.task[q.at(i)];
}

template<typename Mask>
Mask renameMask(const Renaming &r, Mask mask, int n)
{
    Mask out = 0;
    for (int c = 0; c < n; ++c)
        if (mask & (1u << c))
            out = static_cast<Mask>(out | (1u << r.cpu[c]));
    return out;
}

// The renamed CPU `x`, as it goes to slot r.cpu[its old id].
Cpu renamedCpu(Cpu x, const Renaming &r)
{
    x.current = renameTask(r, x.current);
    renameQueue(r, x.runqueue);
    x.kworker = renameTask(r, x.kworker);
    return x;
}

Task renamedTask(Task x, const Renaming &r, int cpuCount)
{
    x.cpu = r.cpu[x.cpu];
    if (waitsOnCpu(x.wait))
        x.waitArg = r.cpu[x.waitArg];
    x.hasWork = renameMask(r, x.hasWork, cpuCount);
    return x;
}

// Every id in the objects the CPUs and tasks share, renamed where it is.
void renameShared(Machine &m, const Renaming &r)
{
    for (int f = 0; f < m.folioCount; ++f) {
        Folio &x = m.folios[f];
        x.lockOwner = renameTask(r, x.lockOwner);
        if (x.batchCpu != NoCpu)
            x.batchCpu = r.cpu[x.batchCpu];
    }
    for (Mm &mm : m.mms) {
        mm.ptlOwner = renameTask(r, mm.ptlOwner);
        renameQueue(r, mm.ptlQueue);
    }
    for (Gpu &g : m.gpus) {
        g.mutexOwner = renameTask(r, g.mutexOwner);
        renameQueue(r, g.mutexWaiters);
    }
    m.drainMutexOwner = renameTask(r, m.drainMutexOwner);
    renameQueue(r, m.drainMutexWaiters);
    renameQueue(r, m.folioWaitQueue);
    m.rcuExpPending = renameMask(r, m.rcuExpPending, m.cpuCount);
}

} // namespace

void renameMachine(const Machine &in, const Renaming &r, Machine &out)
{
    out.assignUsed(in);
    renameMachineInPlace(out, r);
}

void renameMachineInPlace(Machine &m, const Renaming &r)
{
    // Only the CPUs and tasks move; a scratch per thread holds the old ones.
    thread_local std::array<Cpu, MaxCpus> cpus;
    thread_local std::array<Task, MaxTasks> tasks;
    std::copy_n(m.cpus.begin(), m.cpuCount, cpus.begin());
    std::copy_n(m.tasks.begin(), m.taskCount, tasks.begin());
    for (int c = 0; c < m.cpuCount; ++c)
        m.cpus[r.cpu[c]] = renamedCpu(cpus[c], r);
    for (int t = 0; t < m.taskCount; ++t)
        m.tasks[r.task[t]] = renamedTask(tasks[t], r, m.cpuCount);
    renameShared(m, r);
}

Symmetry::Symmetry(const Setup &setup, const Machine &start)
    : m_cpuCount(start.cpuCount)
{
    m_cpuOfTask.fill(NoCpu);
    m_placeOfTask.fill(0xff);
    for (int t = 0; t < start.taskCount; ++t)
        if (start.tasks[t].used && start.tasks[t].cpu < start.cpuCount) {
            std::vector<TaskId> &on = m_tasksOn[start.tasks[t].cpu];
            m_cpuOfTask[t] = start.tasks[t].cpu;
            m_placeOfTask[t] = static_cast<std::uint8_t>(on.size());
            on.push_back(static_cast<TaskId>(t));
        }

    std::array<CpuId, MaxCpus> parent {};
    std::iota(parent.begin(), parent.end(), CpuId {0});
    auto find = [&](CpuId c) {
        while (parent[c] != c)
            c = parent[c] = parent[parent[c]];
        return c;
    };
    Machine swapped = start;
    for (int a = 0; a < m_cpuCount; ++a) {
        for (int b = a + 1; b < m_cpuCount; ++b) {
            const auto &ta = m_tasksOn[a];
            const auto &tb = m_tasksOn[b];
            if (find(static_cast<CpuId>(a)) == find(static_cast<CpuId>(b)) || ta.empty()
                    || ta.size() != tb.size())
                continue;
            bool sameSetup = true;
            for (std::size_t j = 0; j < ta.size(); ++j)
                sameSetup = sameSetup && setup.taskPeriodNs[ta[j]] == setup.taskPeriodNs[tb[j]];
            if (!sameSetup)
                continue;
            renameMachine(
                    start, swapRenaming(static_cast<CpuId>(a), static_cast<CpuId>(b)), swapped);
            if (swapped == start)
                parent[find(static_cast<CpuId>(b))] = find(static_cast<CpuId>(a));
        }
    }
    for (int c = 0; c < MaxCpus; ++c)
        m_cpuRep[c] = static_cast<CpuId>(c);
    for (int t = 0; t < MaxTasks; ++t)
        m_taskRep[t] = static_cast<TaskId>(t);
    for (int root = 0; root < m_cpuCount; ++root) {
        CpuClass k;
        for (int c = 0; c < m_cpuCount; ++c)
            if (find(static_cast<CpuId>(c)) == root)
                k.cpus.push_back(static_cast<CpuId>(c));
        if (k.cpus.size() < 2)
            continue;
        for (CpuId c : k.cpus) {
            m_cpuRep[c] = k.cpus.front();
            for (std::size_t j = 0; j < m_tasksOn[c].size(); ++j)
                m_taskRep[m_tasksOn[c][j]] = m_tasksOn[k.cpus.front()][j];
        }
        m_classes.push_back(std::move(k));
    }
}

Renaming Symmetry::swapRenaming(CpuId a, CpuId b) const
{
    Renaming r = Renaming::identity();
    r.cpu[a] = b;
    r.cpu[b] = a;
    for (std::size_t j = 0; j < m_tasksOn[a].size(); ++j) {
        r.task[m_tasksOn[a][j]] = m_tasksOn[b][j];
        r.task[m_tasksOn[b][j]] = m_tasksOn[a][j];
    }
    return r;
}

std::string Symmetry::describe(const Setup &setup) const
{
    if (trivial())
        return "none";
    std::string out;
    for (const CpuClass &k : m_classes) {
        if (!out.empty())
            out += " x ";
        out += "S" + std::to_string(k.cpus.size()) + " on CPUs ";
        std::string tasks;
        for (std::size_t i = 0; i < k.cpus.size(); ++i) {
            out += (i ? "," : "") + std::to_string(k.cpus[i]);
            tasks += (i ? "," : "") + setup.taskNames[m_tasksOn[k.cpus[i]].front()];
        }
        out += " (" + tasks;
        if (m_tasksOn[k.cpus.front()].size() > 1)
            out += ", each with the other tasks of its CPU";
        out += ")";
    }
    return out;
}

std::uint64_t Symmetry::order() const
{
    std::uint64_t n = 1;
    for (const CpuClass &k : m_classes)
        for (std::uint64_t i = 2; i <= k.cpus.size(); ++i)
            n = n > (std::uint64_t {1} << 62) / i ? (std::uint64_t {1} << 63) : n * i;
    return n;
}

bool Symmetry::orderSensitive(const Machine &m)
{
    // The queue and flush loops of __lru_add_drain_all() run under its
    // mutex, CPU by CPU in ascending order.
    return m.drainMutexOwner != NoTask;
}

void Symmetry::sharedReferences(const Machine &m, SharedReferences &out) const
{
    for (std::vector<std::uint8_t> &refs : out)
        refs.clear();
    auto queuePlace = [&](std::uint8_t tag, std::uint8_t index, const TaskQueue &q) {
        for (int i = 0; i < q.count; ++i) {
            const TaskId t = q.at(i);
            if (t < MaxTasks && m_cpuOfTask[t] != NoCpu)
                out[m_cpuOfTask[t]].insert(out[m_cpuOfTask[t]].end(),
                        {tag, index, static_cast<std::uint8_t>(i), m_placeOfTask[t]});
        }
    };
    auto owner = [&](std::uint8_t tag, std::uint8_t index, TaskId t) {
        if (t < MaxTasks && m_cpuOfTask[t] != NoCpu)
            out[m_cpuOfTask[t]].insert(out[m_cpuOfTask[t]].end(), {tag, index, m_placeOfTask[t]});
    };
    for (int f = 0; f < m.folioCount; ++f)
        owner(1, static_cast<std::uint8_t>(f), m.folios[f].lockOwner);
    for (int i = 0; i < MaxMms; ++i) {
        owner(2, static_cast<std::uint8_t>(i), m.mms[i].ptlOwner);
        queuePlace(3, static_cast<std::uint8_t>(i), m.mms[i].ptlQueue);
    }
    for (int i = 0; i < MaxGpus; ++i) {
        owner(4, static_cast<std::uint8_t>(i), m.gpus[i].mutexOwner);
        queuePlace(5, static_cast<std::uint8_t>(i), m.gpus[i].mutexWaiters);
    }
    owner(6, 0, m.drainMutexOwner);
    queuePlace(7, 0, m.drainMutexWaiters);
    queuePlace(9, 0, m.folioWaitQueue);
}

// What CPU `c` and its tasks look like with the ids of the class taken out:
// tasks are named by their place on the CPU, and every reference to them
// from elsewhere in the machine (`references`: a lock they own, their place
// in a queue) is listed. Equal signatures mean that exchanging the two CPUs
// leaves the machine as it is.
void Symmetry::signature(const Machine &m, CpuId c, const std::vector<std::uint8_t> &references,
        std::vector<std::uint8_t> &out) const
{
    auto local = [&](TaskId t) -> std::uint8_t {
        return t < MaxTasks && m_cpuOfTask[t] == c ? m_placeOfTask[t] : std::uint8_t {0xff};
    };
    auto put = [&](const void *p, std::size_t n) {
        const auto *b = static_cast<const std::uint8_t *>(p);
        out.insert(out.end(), b, b + n);
    };
    Cpu cpu = m.cpus[c];
    cpu.current = local(cpu.current);
    for (int i = 0; i < cpu.runqueue.count; ++i)
        cpu.runqueue.ids[static_cast<std::size_t>(i)] = local(cpu.runqueue.at(i));
    cpu.kworker = local(cpu.kworker);
    put(&cpu, sizeof cpu);
    for (TaskId t : m_tasksOn[c]) {
        // Copied once, then the fields that name a CPU patched where they
        // landed: a Task is large, and this runs for every CPU of every
        // successor.
        const Task &task = m.tasks[t];
        const std::size_t at = out.size();
        put(&task, sizeof task);
        auto patch = [&](std::size_t offset, auto value) {
            std::memcpy(out.data() + at + offset, &value, sizeof value);
        };
        patch(offsetof(Task, cpu), decltype(Task::cpu) {0});
        if (waitsOnCpu(task.wait))
            patch(offsetof(Task, waitArg), decltype(Task::waitArg)(task.waitArg == c ? 0 : 1));
        // Only inside the drain loops, where no state is renamed.
        patch(offsetof(Task, hasWork), decltype(Task::hasWork) {0});
        patch(offsetof(Task, loopCpu), decltype(Task::loopCpu) {0});
    }
    out.insert(out.end(), references.begin(), references.end());
    out.push_back(static_cast<std::uint8_t>(8 + ((m.rcuExpPending >> c) & 1u)));
}

Renaming Symmetry::canonicalise(Machine &m) const
{
    Renaming r = Renaming::identity();
    if (trivial())
        return r;
    // Per thread, so that a successor costs no allocation.
    thread_local std::array<std::vector<std::uint8_t>, MaxCpus> sig;
    thread_local SharedReferences references;
    sharedReferences(m, references);
    std::array<int, MaxCpus> order {};
    bool moved = false;
    for (const CpuClass &k : m_classes) {
        const int n = static_cast<int>(k.cpus.size());
        for (int i = 0; i < n; ++i) {
            const CpuId c = k.cpus[static_cast<std::size_t>(i)];
            sig[static_cast<std::size_t>(i)].clear();
            signature(m, c, references[c], sig[static_cast<std::size_t>(i)]);
            order[static_cast<std::size_t>(i)] = i;
        }
        // Any strict order on signatures will do; this one avoids GCC 12's
        // false -Wstringop-overread on vector<uint8_t>'s operator<.
        auto less = [&](int a, int b) {
            const std::vector<std::uint8_t> &x = sig[static_cast<std::size_t>(a)];
            const std::vector<std::uint8_t> &y = sig[static_cast<std::size_t>(b)];
            if (x.size() != y.size())
                return x.size() < y.size();
            return std::memcmp(x.data(), y.data(), x.size()) < 0;
        };
        std::stable_sort(order.begin(), order.begin() + n, less);
        for (int i = 0; i < n; ++i) {
            const CpuId from = k.cpus[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])];
            const CpuId to = k.cpus[static_cast<std::size_t>(i)];
            if (from == to)
                continue;
            moved = true;
            r.cpu[from] = to;
            for (std::size_t j = 0; j < m_tasksOn[from].size(); ++j)
                r.task[m_tasksOn[from][j]] = m_tasksOn[to][j];
        }
    }
    if (moved)
        renameMachineInPlace(m, r);
    return r;
}

std::uint16_t Symmetry::classKey(std::uint16_t key) const
{
    const Choice c = choiceOfKey(key);
    const TaskId t = c.task < MaxTasks ? m_taskRep[c.task] : c.task;
    return choiceKey(Choice {m_cpuRep[c.cpu], t});
}

} // namespace fl
