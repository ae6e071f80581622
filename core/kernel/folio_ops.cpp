// SPDX-License-Identifier: GPL-2.0-only
#include "kernel/folio_ops.h"

#include "sched/scheduler.h"

#include <algorithm>

namespace fl {

static Scheduler schedulerOf(StepContext &ctx)
{
    return Scheduler(ctx.m, ctx.clk, ctx.setup, ctx.sink);
}

void wakeTask(StepContext &ctx, TaskId target)
{
    schedulerOf(ctx).wake(target, ctx.cpu, ctx.tid);
}

void sleepTask(StepContext &ctx, WaitKind kind, std::uint8_t arg)
{
    schedulerOf(ctx).sleep(ctx.tid, ctx.cpu, kind, arg);
}

void sleepUntil(StepContext &ctx, Nanos until, std::uint8_t jiffies)
{
    ctx.clk.timerAt[ctx.tid] = until;
    ctx.clk.nextTimer[ctx.cpu] = std::min(ctx.clk.nextTimer[ctx.cpu], until);
    sleepTask(ctx, WaitKind::Timer, 0);
    // For the untimed model, from the duration alone (its clocks mean
    // nothing): a jiffy timer waits for its boundaries; any other sleep of d
    // ns spans at least (d - 1) / tick whole boundaries, whatever the phase.
    Task &t = ctx.task();
    const Nanos d = until > ctx.now() ? until - ctx.now() : 0;
    const Nanos spanned = d == 0 ? 0 : (d - 1) / ctx.setup.tickNs;
    t.jiffyTimer = jiffies > 0;
    t.timerTicks = jiffies > 0 ? jiffies : static_cast<std::uint8_t>(std::min<Nanos>(spanned, 255));
}

bool startNextIteration(StepContext &ctx)
{
    Task &t = ctx.task();
    if (t.repeatsLeft == 0)
        return false;
    --t.repeatsLeft;
    t.spinOn = NoFolio;
    t.ret = RetOk;
    if (const Nanos think = ctx.setup.taskPeriodNs[ctx.tid]; think > 0)
        sleepUntil(ctx, ctx.now() + think);
    return true;
}

bool listingHas(const StepContext &ctx, ListingId id, StepId step)
{
    return ctx.setup.program.indexOf(static_cast<std::uint8_t>(id), step) >= 0;
}

void folioGet(StepContext &ctx, FolioId f)
{
    ++ctx.m.folios[f].refcount;
}

// wait-refcount (F8): put_page() pairs with wait_var_event() on _refcount.
static void wakeRefcountWaiters(StepContext &ctx, FolioId f)
{
    ctx.addCost(CostKey::WakeUpVar);
    for (int i = 0; i < ctx.m.taskCount; ++i) {
        const Task &t = ctx.m.tasks[i];
        if (t.state == TaskState::Sleeping && t.wait == WaitKind::Refcount && t.waitArg == f)
            wakeTask(ctx, static_cast<TaskId>(i));
    }
}

void folioPut(StepContext &ctx, FolioId f)
{
    Folio &folio = ctx.m.folios[f];
    if (folio.refcount == 0)
        return; // the invariant checker reports the imbalance
    --folio.refcount;
    if (ctx.setup.fixes.has(Fix::WaitRefcount))
        wakeRefcountWaiters(ctx, f);
    if (folio.refcount > 0)
        return;
    // Someone inside sleeping-lock-late-ref's window touches this page with
    // no reference: in the kernel that is a use after free.
    for (int i = 0; i < ctx.m.taskCount; ++i)
        if (ctx.m.tasks[i].unrefPage == f)
            ctx.emitFor(static_cast<TaskId>(i), EventKind::UseAfterFree, f);
    // The last reference: the page goes back to its pool (RAM or, through
    // the pgmap's folio_free, the GPU's VRAM).
    folio.allocated = false;
    folio.lru = false;
    folio.place = FolioPlace::None;
    folio.batchCpu = NoCpu;
    folio.mapcount = 0;
    ctx.emit(EventKind::FolioFreed, f);
}

bool folioTrylock(StepContext &ctx, FolioId f)
{
    Folio &folio = ctx.m.folios[f];
    if (folio.locked())
        return false;
    folio.lockOwner = ctx.tid;
    ctx.emit(EventKind::FolioLocked, f);
    return true;
}

void folioQueueWaiter(StepContext &ctx, FolioId f, WaitKind kind)
{
    Task &t = ctx.task();
    ctx.m.folios[f].waiters = true;
    t.wait = kind;
    t.waitArg = f;
    ctx.m.folioWaitQueue.push(ctx.tid);
}

// Does the folio wait queue still hold an entry of `f`?
static bool hasQueuedWaiter(const Machine &m, FolioId f)
{
    const TaskQueue &q = m.folioWaitQueue;
    for (int i = 0; i < q.count; ++i)
        if (m.tasks[q.at(i)].waitArg == f)
            return true;
    return false;
}

void folioUnlock(StepContext &ctx, FolioId f)
{
    Folio &folio = ctx.m.folios[f];
    folio.lockOwner = NoTask;
    ctx.emit(EventKind::FolioUnlocked, f);
    if (!folio.waiters)
        return;
    // folio_wake_bit(): wake_page_function() over the queue from its head.
    // Entries of other folios are passed over; a non-exclusive waiter of f
    // is woken and dequeued; the first exclusive one is handed PG_locked
    // (the fair lock hand-over of v5.9) and woken, and the walk ends there
    // (__wake_up_locked_key wakes one exclusive entry): whoever queued
    // behind it waits for the next unlock. A waiter that queued itself but
    // has not gone to sleep yet only gets its entry marked woken, so it
    // will not sleep (no lost wake-up).
    TaskQueue &q = ctx.m.folioWaitQueue;
    for (int i = 0; i < q.count;) {
        const TaskId id = q.at(i);
        Task &t = ctx.m.tasks[id];
        if (t.waitArg != f) {
            ++i;
            continue;
        }
        const bool exclusive = t.wait == WaitKind::FolioLock;
        if (exclusive) {
            folio.lockOwner = id;
            ctx.emitFor(id, EventKind::FolioLocked, f);
        }
        q.remove(id); // the next entry moves to slot i
        if (t.state == TaskState::Sleeping) {
            wakeTask(ctx, id);
        } else {
            t.woken = true;
            t.wait = WaitKind::None;
            t.waitArg = 0;
        }
        if (exclusive)
            break;
    }
    // PG_waiters stays set while f has entries left (the kernel clears it
    // when its hashed queue has none).
    folio.waiters = hasQueuedWaiter(ctx.m, f);
}

void folioAddLru(StepContext &ctx, FolioId f)
{
    Cpu &cpu = ctx.m.cpus[ctx.cpu];
    Folio &folio = ctx.m.folios[f];
    folioGet(ctx, f);
    cpu.batch[cpu.batchCount++] = f;
    folio.place = FolioPlace::Batch;
    folio.batchCpu = ctx.cpu;
    ctx.emit(EventKind::BatchAdd, f, cpu.batchCount);
    if (ctx.m.lruDisableCount > 0) {
        // lru_cache_disabled(): the batch goes to the LRU at once.
        ctx.addCost(CostKey::LruLockedAdd);
        folioBatchMoveLru(ctx, ctx.cpu);
    } else if (cpu.batchCount >= ctx.m.pagevecSize) {
        folioBatchMoveLru(ctx, ctx.cpu);
    }
}

void folioBatchMoveLru(StepContext &ctx, CpuId c)
{
    Cpu &cpu = ctx.m.cpus[c];
    const int n = cpu.batchCount;
    for (int i = 0; i < n; ++i) {
        Folio &folio = ctx.m.folios[cpu.batch[i]];
        folio.lru = true;
        folio.place = FolioPlace::Lru;
        folio.batchCpu = NoCpu;
    }
    // folios_put() drops the batch references only once all are on the LRU.
    for (int i = 0; i < n; ++i) {
        const FolioId f = cpu.batch[i];
        cpu.batch[i] = 0;
        folioPut(ctx, f);
    }
    cpu.batchCount = 0;
    ctx.addCost(CostKey::DrainFolio, static_cast<Nanos>(n));
    if (n > 0)
        ctx.sink.onEvent(Event{ctx.now(), EventKind::BatchFlush, c, ctx.tid, NoFolio, n});
}

bool folioIsolateLru(StepContext &ctx, FolioId f)
{
    Folio &folio = ctx.m.folios[f];
    if (!folio.lru)
        return false;
    folio.lru = false;
    folio.place = FolioPlace::Isolated;
    folioGet(ctx, f);
    return true;
}

void folioPutbackLru(StepContext &ctx, FolioId f)
{
    folioAddLru(ctx, f); // leaves isolation for this CPU's batch
    folioPut(ctx, f);
}

void mapFolio(StepContext &ctx, MmId mm, Va va, PteKind kind, FolioId f)
{
    ctx.m.mms[mm].pte[va] = Pte{kind, f};
    ++ctx.m.folios[f].mapcount;
    folioGet(ctx, f);
}

void installMigrationEntry(StepContext &ctx, MmId mm, Va va)
{
    Pte &pte = ctx.m.mms[mm].pte[va];
    const FolioId f = pte.folio;
    pte.kind = PteKind::Migration;
    // folio_remove_rmap_pte() + folio_put(): a migration entry holds neither.
    Folio &folio = ctx.m.folios[f];
    if (folio.mapcount > 0)
        --folio.mapcount;
    folioPut(ctx, f);
}

bool ptlLock(StepContext &ctx, MmId mm)
{
    Mm &m = ctx.m.mms[mm];
    if (m.ptlOwner == ctx.tid)
        return true; // handed over by the previous holder
    if (m.ptlOwner == NoTask) {
        m.ptlOwner = ctx.tid;
        return true;
    }
    m.ptlQueue.push(ctx.tid);
    if (ctx.m.preempt == Preempt::Rt)
        sleepTask(ctx, WaitKind::Ptl, mm);
    return false;
}

void ptlUnlock(StepContext &ctx, MmId mm)
{
    Mm &m = ctx.m.mms[mm];
    if (m.ptlOwner != ctx.tid)
        return;
    // qspinlock: the next queued spinner owns the lock now.
    m.ptlOwner = m.ptlQueue.popFront();
    const TaskId next = m.ptlOwner;
    if (next != NoTask && ctx.m.tasks[next].state == TaskState::Sleeping
        && ctx.m.tasks[next].wait == WaitKind::Ptl)
        wakeTask(ctx, next);
}

bool ptlsAcquired(StepContext &ctx, FolioId f, bool migrationEntries)
{
    for (int mm = 0; mm < MaxMms; ++mm) {
        Mm &m = ctx.m.mms[mm];
        if (!m.used || m.ptlOwner == NoTask || m.ptlOwner == ctx.tid)
            continue;
        for (const Pte &pte : m.pte) {
            const bool hit = migrationEntries
                                 ? pte.kind == PteKind::Migration
                                 : pte.kind == PteKind::Present || pte.kind == PteKind::DevicePrivate;
            if (hit && pte.folio == f) {
                ptlLock(ctx, static_cast<MmId>(mm)); // queues behind the holder
                return false;
            }
        }
    }
    return true;
}

void releaseHandedPtls(StepContext &ctx)
{
    for (int mm = 0; mm < MaxMms; ++mm)
        if (ctx.m.mms[mm].ptlOwner == ctx.tid)
            ptlUnlock(ctx, static_cast<MmId>(mm));
}

void invalidateMm(StepContext &ctx, MmId mm, bool migrateEvent, OwnerId owner)
{
    Mm &m = ctx.m.mms[mm];
    if (m.mirrorOwner == NoOwner)
        return;
    // mmu_notifier_range_check_owner(): only a mirror that filters skips the
    // invalidations of its own migrations.
    if (migrateEvent && m.mirrorSkipsOwnMigrations && owner != NoOwner && owner == m.mirrorOwner)
        return;
    ++m.notifierSeq;
    ctx.emit(EventKind::NotifierInvalidate, NoFolio, mm);
}

FolioId allocFolio(StepContext &ctx, FolioKind kind, GpuId gpu)
{
    for (int i = 0; i < ctx.m.folioCount; ++i) {
        Folio &folio = ctx.m.folios[i];
        if (folio.allocated || folio.kind != kind)
            continue;
        if (kind == FolioKind::DevicePrivate && folio.gpu != gpu)
            continue;
        folio.allocated = true;
        folio.refcount = 1;
        folio.mapcount = 0;
        folio.lru = false;
        folio.waiters = false;
        folio.place = FolioPlace::None;
        folio.lockOwner = ctx.tid;
        return static_cast<FolioId>(i);
    }
    return NoFolio;
}

bool ownerMatches(const Machine &m, FolioId f, OwnerId owner)
{
    const Folio &folio = m.folios[f];
    return owner != NoOwner && folio.kind == FolioKind::DevicePrivate && folio.gpu != NoGpu
           && m.gpus[folio.gpu].owner == owner;
}

} // namespace fl
