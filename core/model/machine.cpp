// SPDX-License-Identifier: GPL-2.0-only
#include "model/machine.h"

#include "model/hasher.h"

#include <algorithm>

namespace fl {

bool TaskQueue::contains(TaskId id) const
{
    return std::find(ids.begin(), ids.begin() + count, id) != ids.begin() + count;
}

void TaskQueue::push(TaskId id)
{
    if (count < MaxWaiters && !contains(id))
        ids[count++] = id;
}

TaskId TaskQueue::popFront()
{
    if (count == 0)
        return NoTask;
    const TaskId front = ids[0];
    std::copy(ids.begin() + 1, ids.begin() + count, ids.begin());
    ids[--count] = 0;
    return front;
}

bool TaskQueue::remove(TaskId id)
{
    auto end = ids.begin() + count;
    auto it = std::find(ids.begin(), end, id);
    if (it == end)
        return false;
    std::copy(it + 1, end, it);
    ids[--count] = 0;
    return true;
}

bool TaskQueue::operator==(const TaskQueue &other) const
{
    return count == other.count && std::equal(ids.begin(), ids.begin() + count, other.ids.begin());
}

bool Cpu::operator==(const Cpu &o) const
{
    return current == o.current && runqueue == o.runqueue && needResched == o.needResched
           && batchCount == o.batchCount
           && std::equal(batch.begin(), batch.begin() + batchCount, o.batch.begin())
           && workPending == o.workPending && workRunning == o.workRunning && kworker == o.kworker
           && rtThrottled == o.rtThrottled && sliceUsed == o.sliceUsed;
}

bool Machine::operator==(const Machine &o) const
{
    if (cpuCount != o.cpuCount || taskCount != o.taskCount || folioCount != o.folioCount
            || preempt != o.preempt || rcu != o.rcu || pagevecSize != o.pagevecSize
            || drainMutexOwner != o.drainMutexOwner || !(drainMutexWaiters == o.drainMutexWaiters)
            || lruDrainGen != o.lruDrainGen || lruDisableCount != o.lruDisableCount
            || rcuExpPending != o.rcuExpPending || rtThrottling != o.rtThrottling
            || !(folioWaitQueue == o.folioWaitQueue))
        return false;
    return std::equal(cpus.begin(), cpus.begin() + cpuCount, o.cpus.begin())
           && std::equal(tasks.begin(), tasks.begin() + taskCount, o.tasks.begin())
           && std::equal(folios.begin(), folios.begin() + folioCount, o.folios.begin())
           && mms == o.mms && gpus == o.gpus;
}

void Machine::assignUsed(const Machine &o)
{
    cpuCount = o.cpuCount;
    taskCount = o.taskCount;
    folioCount = o.folioCount;
    preempt = o.preempt;
    rcu = o.rcu;
    pagevecSize = o.pagevecSize;
    std::copy_n(o.cpus.begin(), cpuCount, cpus.begin());
    std::copy_n(o.tasks.begin(), taskCount, tasks.begin());
    std::copy_n(o.folios.begin(), folioCount, folios.begin());
    mms = o.mms;
    gpus = o.gpus;
    drainMutexOwner = o.drainMutexOwner;
    drainMutexWaiters = o.drainMutexWaiters;
    lruDrainGen = o.lruDrainGen;
    lruDisableCount = o.lruDisableCount;
    rcuExpPending = o.rcuExpPending;
    rtThrottling = o.rtThrottling;
    folioWaitQueue = o.folioWaitQueue;
}

static void hashQueue(Hasher &h, const TaskQueue &q)
{
    h.add(q.count);
    for (int i = 0; i < q.count; ++i)
        h.add(q.at(i));
}

static void hashTask(Hasher &h, const Task &t)
{
    h.add(t.used, t.role, t.cls, t.prio, t.cpu, t.state, t.wait, t.waitArg, t.woken, t.timerTicks,
          t.jiffyTimer, t.depth);
    for (int i = 0; i < t.depth; ++i)
        h.add(t.stack[i].listing, t.stack[i].pc);
    h.add(t.mm, t.rangeStart, t.rangeEnd, t.gpu, t.owner, t.walkVa, t.faultVa, t.page, t.pageRef,
          t.spinOn, t.seq, t.ret, t.loopCpu, t.thisGen, t.hasWork, t.forceDrain, t.unrefPage,
          t.repeatsLeft);
    const MigrateCtx &g = t.mig;
    h.add(g.mm, g.start, g.end, g.npages, g.cpages, g.faultFolio, g.selectSystem,
            g.selectDevicePrivate, g.owner, g.targetGpu, g.i, g.allowDrain, g.restore, g.backoffs,
            g.aborted);
    for (const MigrateEntry &e : g.e)
        h.add(e.src, e.dst, e.flags, e.va);
}

std::size_t hashMachine(const Machine &m)
{
    Hasher h;
    h.add(m.cpuCount, m.taskCount, m.folioCount, m.preempt, m.rcu, m.pagevecSize, m.drainMutexOwner,
            m.lruDrainGen, m.lruDisableCount, m.rcuExpPending, m.rtThrottling);
    hashQueue(h, m.drainMutexWaiters);
    hashQueue(h, m.folioWaitQueue);
    for (int c = 0; c < m.cpuCount; ++c) {
        const Cpu &cpu = m.cpus[c];
        h.add(cpu.current, cpu.needResched, cpu.batchCount, cpu.workPending, cpu.workRunning,
              cpu.kworker, cpu.rtThrottled, cpu.sliceUsed);
        hashQueue(h, cpu.runqueue);
        for (int i = 0; i < cpu.batchCount; ++i)
            h.add(cpu.batch[i]);
    }
    for (int i = 0; i < m.taskCount; ++i)
        hashTask(h, m.tasks[i]);
    for (int i = 0; i < m.folioCount; ++i) {
        const Folio &f = m.folios[i];
        h.add(f.allocated, f.kind, f.gpu, f.refcount, f.mapcount, f.lockOwner, f.waiters, f.lru,
              f.place, f.batchCpu);
    }
    // Unused mms and GPUs never change within a scenario: skipping them keeps
    // equal machines equal and saves the explorer a third of the hashing.
    for (const Mm &mm : m.mms) {
        if (!mm.used)
            continue;
        h.add(mm.used, mm.ptlOwner, mm.mirrorOwner, mm.mirrorSkipsOwnMigrations, mm.notifierSeq);
        hashQueue(h, mm.ptlQueue);
        for (const Pte &p : mm.pte)
            h.add(p.kind, p.folio);
    }
    for (const Gpu &g : m.gpus) {
        if (!g.used)
            continue;
        h.add(g.used, g.flavour, g.owner, g.mutexOwner);
        hashQueue(h, g.mutexWaiters);
    }
    return h.value();
}

MmId ptlHeldBy(const Machine &m, TaskId t)
{
    for (int mm = 0; mm < MaxMms; ++mm)
        if (m.mms[mm].ptlOwner == t)
            return static_cast<MmId>(mm);
    return NoMm;
}

bool inPtlSection(const Machine &m, TaskId t)
{
    for (const Mm &mm : m.mms)
        if (mm.ptlOwner == t || mm.ptlQueue.contains(t))
            return true;
    return false;
}

const char *preemptName(Preempt p)
{
    switch (p) {
    case Preempt::None: return "none";
    case Preempt::Voluntary: return "voluntary";
    case Preempt::Full: return "full";
    case Preempt::Rt: return "rt";
    }
    return "?";
}

const char *rcuName(RcuFlavour r)
{
    switch (r) {
    case RcuFlavour::NonPreemptible:
        return "non-preemptible";
    case RcuFlavour::Preemptible:
        return "preemptible";
    }
    return "?";
}

RcuFlavour defaultRcu(Preempt p)
{
    // NONE and VOLUNTARY as static builds, the set-up the thread's
    // prerequisite (c) describes; FULL and RT select PREEMPT_RCU.
    return p == Preempt::Full || p == Preempt::Rt ? RcuFlavour::Preemptible
                                                  : RcuFlavour::NonPreemptible;
}

const char *roleName(Role r)
{
    switch (r) {
    case Role::HmmFaulter: return "hmm-faulter";
    case Role::CpuFaulter: return "cpu-faulter";
    case Role::Migrator: return "migrator";
    case Role::Kworker: return "kworker";
    case Role::Drainer: return "drainer";
    }
    return "?";
}

const char *roleLetter(Role r)
{
    switch (r) {
    case Role::HmmFaulter: return "T";
    case Role::CpuFaulter: return "F";
    case Role::Migrator: return "M";
    case Role::Kworker: return "K";
    case Role::Drainer: return "X";
    }
    return "?";
}

const char *waitKindName(WaitKind w)
{
    switch (w) {
    case WaitKind::None: return "none";
    case WaitKind::Start: return "not started";
    case WaitKind::Timer: return "timer";
    case WaitKind::FolioUnlock: return "folio unlock";
    case WaitKind::FolioLock: return "folio lock";
    case WaitKind::FlushWork: return "flush_work";
    case WaitKind::DrainMutex: return "lru_add_drain_all mutex";
    case WaitKind::DriverMutex: return "driver mutex";
    case WaitKind::WorkerIdle: return "idle worker";
    case WaitKind::Ptl: return "PTL";
    case WaitKind::RcuExpGp: return "expedited RCU grace period";
    case WaitKind::Refcount: return "folio refcount";
    }
    return "?";
}

const char *pteKindName(PteKind k)
{
    switch (k) {
    case PteKind::None: return "none";
    case PteKind::Present: return "present";
    case PteKind::DevicePrivate: return "device-private";
    case PteKind::Migration: return "migration";
    }
    return "?";
}

} // namespace fl
