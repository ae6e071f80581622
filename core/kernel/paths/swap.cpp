// SPDX-License-Identifier: GPL-2.0-only
// __lru_add_drain_all() (mm/swap.c), the per-CPU drain work run by the
// kworkers of mm_percpu_wq (kernel/workqueue.c), and a plain drainer X.
#include "kernel/folio_ops.h"
#include "kernel/paths/effects.h"
#include "sched/rcu.h"

namespace fl::effects {

// cpu_needs_drain(): only the lru_add batch is modelled; the other batches,
// the mlock batch and the buffer-head LRUs are taken as empty.
static bool cpuNeedsDrain(const Machine &m, int cpu)
{
    return m.cpus[cpu].batchCount > 0;
}

static void releaseDrainMutex(StepContext &ctx)
{
    ctx.m.drainMutexOwner = NoTask;
    const TaskId next = ctx.m.drainMutexWaiters.popFront();
    if (next != NoTask)
        wakeTask(ctx, next);
}

Flow drainReadGen(StepContext &ctx)
{
    Task &t = ctx.task();
    t.thisGen = ctx.m.lruDrainGen;
    ctx.emit(EventKind::DrainBegin);
    return Flow::next();
}

Flow drainLocal(StepContext &ctx)
{
    folioBatchMoveLru(ctx, ctx.cpu); // "it helps everyone"
    return Flow::next();
}

Flow drainMutexLock(StepContext &ctx)
{
    if (ctx.m.drainMutexOwner == NoTask) {
        ctx.m.drainMutexOwner = ctx.tid;
        return Flow::next();
    }
    ctx.m.drainMutexWaiters.push(ctx.tid);
    sleepTask(ctx, WaitKind::DrainMutex, 0);
    return Flow::stay();
}

Flow drainCheckGen(StepContext &ctx)
{
    Task &t = ctx.task();
    if (t.thisGen != ctx.m.lruDrainGen && !t.forceDrain) {
        // Someone drained after we arrived: piggy-back on their work.
        releaseDrainMutex(ctx);
        ctx.emit(EventKind::DrainEnd, NoFolio, 1);
        return Flow::ret(RetOk);
    }
    return Flow::next();
}

Flow drainBumpGen(StepContext &ctx)
{
    Task &t = ctx.task();
    ++ctx.m.lruDrainGen;
    t.hasWork = 0;
    t.loopCpu = 0;
    return Flow::next();
}

Flow drainQueueCpu(StepContext &ctx)
{
    // Forced or not, work goes only where cpu_needs_drain() is true: since
    // v5.18 (ff042f4a9b05) force_all_cpus only skips the generation check.
    Task &t = ctx.task();
    const int c = t.loopCpu;
    if (cpuNeedsDrain(ctx.m, c)) {
        Cpu &cpu = ctx.m.cpus[c];
        if (!cpu.workPending) {
            cpu.workPending = true;
            ctx.sink.onEvent(Event {ctx.now(), EventKind::WorkQueued, static_cast<CpuId>(c),
                    ctx.tid, NoFolio, t.forceDrain ? 1 : 0});
            const TaskId k = cpu.kworker;
            if (ctx.m.tasks[k].state == TaskState::Sleeping
                && ctx.m.tasks[k].wait == WaitKind::WorkerIdle)
                wakeTask(ctx, k);
        }
        t.hasWork = static_cast<std::uint16_t>(t.hasWork | (1u << c));
        ctx.addCost(CostKey::QueueWork);
    }
    if (++t.loopCpu < ctx.m.cpuCount)
        return Flow::stay();
    t.loopCpu = 0;
    return Flow::next();
}

Flow drainFlushCpu(StepContext &ctx)
{
    Task &t = ctx.task();
    while (t.loopCpu < ctx.m.cpuCount && !(t.hasWork & (1u << t.loopCpu)))
        ++t.loopCpu;
    if (t.loopCpu >= ctx.m.cpuCount)
        return Flow::next();
    const Cpu &cpu = ctx.m.cpus[t.loopCpu];
    if (cpu.workPending || cpu.workRunning) {
        sleepTask(ctx, WaitKind::FlushWork, t.loopCpu); // flush_work(): state D
        return Flow::stay();
    }
    ++t.loopCpu;
    return Flow::stay();
}

Flow drainMutexUnlock(StepContext &ctx)
{
    Task &t = ctx.task();
    t.hasWork = 0;
    t.loopCpu = 0;
    t.thisGen = 0;
    releaseDrainMutex(ctx);
    ctx.emit(EventKind::DrainEnd, NoFolio, 0);
    return Flow::ret(RetOk);
}

Flow lcdIncCount(StepContext &ctx)
{
    ++ctx.m.lruDisableCount;
    return Flow::next();
}

Flow lcdSyncRcu(StepContext &ctx)
{
    // synchronize_rcu_expedited(): IPI every other CPU that is running a
    // task. Whether the handler can report a quiescent state at once
    // depends on the RCU flavour, not on the preemption model (sched/rcu.h).
    std::uint8_t pending = 0;
    int ipis = 0;
    for (int c = 0; c < ctx.m.cpuCount; ++c) {
        Cpu &cpu = ctx.m.cpus[c];
        if (c == ctx.cpu || cpu.current == NoTask)
            continue; // the caller itself, and idle CPUs, are quiescent
        ++ipis;
        if (rcuReportsAtIpi(ctx.m, static_cast<CpuId>(c)))
            continue;
        pending = static_cast<std::uint8_t>(pending | (1u << c));
        if (!cpu.needResched) {
            cpu.needResched = true;
            ctx.sink.onEvent(Event{ctx.now(), EventKind::NeedResched, static_cast<CpuId>(c),
                                   cpu.current, NoFolio, ctx.tid});
        }
    }
    ctx.addCost(CostKey::Ipi, static_cast<Nanos>(ipis));
    ctx.emit(EventKind::RcuExpGpBegin, NoFolio, ipis);
    ctx.m.rcuExpPending = static_cast<std::uint8_t>(ctx.m.rcuExpPending | pending);
    return Flow::next();
}

Flow lcdRcuWait(StepContext &ctx)
{
    if (ctx.m.rcuExpPending != 0) {
        sleepTask(ctx, WaitKind::RcuExpGp, 0); // woken by the last CPU to report
        return Flow::stay();
    }
    ctx.emit(EventKind::RcuExpGpEnd);
    return Flow::next();
}

Flow lcdForceDrain(StepContext &ctx)
{
    ctx.task().forceDrain = true;
    return Flow::call(ListingId::LruAddDrainAll);
}

Flow lcdReturn(StepContext &ctx)
{
    ctx.task().forceDrain = false;
    return Flow::ret(RetOk);
}

Flow workerSleep(StepContext &ctx)
{
    if (ctx.m.cpus[ctx.cpu].workPending)
        return Flow::next();
    sleepTask(ctx, WaitKind::WorkerIdle, ctx.cpu);
    return Flow::stay();
}

Flow workerTakeWork(StepContext &ctx)
{
    Cpu &cpu = ctx.m.cpus[ctx.cpu];
    cpu.workPending = false;
    cpu.workRunning = true;
    return Flow::next();
}

Flow workerDrainBatch(StepContext &ctx)
{
    folioBatchMoveLru(ctx, ctx.cpu); // lru_add_drain_cpu() under the local lock
    return Flow::next();
}

Flow workerFinishWork(StepContext &ctx)
{
    ctx.m.cpus[ctx.cpu].workRunning = false;
    ctx.emit(EventKind::WorkDone);
    for (int i = 0; i < ctx.m.taskCount; ++i) {
        const Task &t = ctx.m.tasks[i];
        if (t.state == TaskState::Sleeping && t.wait == WaitKind::FlushWork
            && t.waitArg == ctx.cpu)
            wakeTask(ctx, static_cast<TaskId>(i));
    }
    return Flow::jump(StepId::WorkerSleep);
}

Flow drainerBegin(StepContext &)
{
    return Flow::next();
}

Flow drainerCall(StepContext &)
{
    return Flow::callThen(ListingId::LruAddDrainAll, StepId::DrainerDone);
}

Flow drainerDone(StepContext &ctx)
{
    if (startNextIteration(ctx))
        return Flow::jump(StepId::DrainerBegin);
    return Flow::exit();
}

} // namespace fl::effects
