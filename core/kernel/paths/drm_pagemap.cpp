// SPDX-License-Identifier: GPL-2.0-only
// The drivers: migrate_to_ram as in __drm_pagemap_migrate_to_ram() (Xe-like)
// or with a driver mutex around it (Nouveau / amdkfd-like), and the
// system-to-device migration of drm_pagemap_migrate_to_devmem() (M).
#include "kernel/folio_ops.h"
#include "kernel/paths/effects.h"

namespace fl::effects {

static int migratedPages(const MigrateCtx &mig)
{
    int n = 0;
    for (int i = 0; i < mig.npages; ++i)
        if (mig.e[i].flags & MigrateDone)
            ++n;
    return n;
}

Flow drvMutexLock(StepContext &ctx)
{
    Task &t = ctx.task();
    const GpuId g = ctx.m.folios[t.page].gpu;
    Gpu &gpu = ctx.m.gpus[g];
    if (gpu.mutexOwner == NoTask) {
        gpu.mutexOwner = ctx.tid;
        return Flow::next();
    }
    // The sleeper keeps its reference on the page it faulted on: that is
    // what makes the holder's migration fail (spec §3.3 V2).
    gpu.mutexWaiters.push(ctx.tid);
    sleepTask(ctx, WaitKind::DriverMutex, g);
    return Flow::stay();
}

Flow drvSetup(StepContext &ctx)
{
    Task &t = ctx.task();
    MigrateCtx &mig = t.mig;
    mig = MigrateCtx{};
    mig.mm = t.mm;
    mig.start = t.faultVa;
    mig.end = static_cast<Va>(t.faultVa + 1);
    mig.selectDevicePrivate = true;
    mig.owner = ctx.m.gpus[ctx.m.folios[t.page].gpu].owner;
    mig.faultFolio = t.page;
    ctx.emit(EventKind::MigrationBegin, t.page);
    return Flow::callThen(ListingId::MigrateVmaSetup, StepId::DrvCheckCpages);
}

Flow drvCheckCpages(StepContext &ctx)
{
    if (ctx.task().mig.cpages == 0)
        return Flow::jump(StepId::DrvReport);
    return Flow::next();
}

Flow drvAllocCopyToRam(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    for (int i = 0; i < mig.npages; ++i) {
        MigrateEntry &e = mig.e[i];
        if (!(e.flags & MigrateMigrate) || e.src == NoFolio)
            continue;
        e.dst = allocFolio(ctx, FolioKind::System, NoGpu);
        ctx.addCost(CostKey::AllocPage);
        ctx.addCost(CostKey::CopyPage);
    }
    return Flow::next();
}

Flow drvPages(StepContext &ctx)
{
    ctx.task().mig.i = 0;
    return Flow::callThen(ListingId::MigrateVmaPages, StepId::DrvFinalize);
}

Flow drvFinalize(StepContext &ctx)
{
    ctx.task().mig.i = 0;
    return Flow::callThen(ListingId::MigrateVmaFinalize, StepId::DrvReport);
}

Flow drvReport(StepContext &ctx)
{
    Task &t = ctx.task();
    const int n = migratedPages(t.mig);
    if (n > 0)
        ctx.emit(EventKind::MigrationDone, t.page, n);
    else
        ctx.emit(EventKind::MigrationFailed, t.page,
                 static_cast<std::int32_t>(MigrateFailReason::NothingCollected));
    t.mig = MigrateCtx{};
    t.ret = RetOk; // the fault is retried either way
    return Flow::next();
}

Flow drvMutexUnlock(StepContext &ctx)
{
    Task &t = ctx.task();
    const GpuId g = ctx.m.folios[t.page].gpu;
    Gpu &gpu = ctx.m.gpus[g];
    gpu.mutexOwner = NoTask;
    const TaskId next = gpu.mutexWaiters.popFront();
    if (next != NoTask)
        wakeTask(ctx, next);
    return Flow::next();
}

Flow drvReturn(StepContext &ctx)
{
    return Flow::ret(ctx.task().ret);
}

Flow migBegin(StepContext &ctx)
{
    Task &t = ctx.task();
    MigrateCtx &mig = t.mig;
    mig = MigrateCtx{};
    mig.mm = t.mm;
    mig.start = t.rangeStart;
    mig.end = t.rangeEnd;
    mig.selectSystem = true;
    mig.selectDevicePrivate = true;
    mig.owner = ctx.m.gpus[t.gpu].owner;
    mig.targetGpu = t.gpu;
    ctx.emit(EventKind::MigrationBegin);
    return Flow::next();
}

Flow migSetup(StepContext &)
{
    return Flow::callThen(ListingId::MigrateVmaSetup, StepId::MigCheckCpages);
}

Flow migCheckCpages(StepContext &ctx)
{
    Task &t = ctx.task();
    MigrateCtx &mig = t.mig;
    if (mig.cpages == 0)
        return Flow::jump(StepId::MigDone);
    // drm_pagemap_migrate_to_devmem() wants all or nothing: with fewer pages
    // collected than asked it returns -EBUSY and finalizes with no
    // destination, which restores every source. amdkfd-like drivers migrate
    // what they got.
    if (ctx.m.gpus[mig.targetGpu].flavour == DriverFlavour::XeLike && mig.cpages != mig.npages) {
        mig.aborted = true;
        return Flow::jump(StepId::MigFinalize);
    }
    return Flow::next();
}

Flow migAllocCopyToDevice(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    for (int i = 0; i < mig.npages; ++i) {
        MigrateEntry &e = mig.e[i];
        if (!(e.flags & MigrateMigrate) || e.src == NoFolio)
            continue;
        e.dst = allocFolio(ctx, FolioKind::DevicePrivate, mig.targetGpu);
        ctx.addCost(CostKey::AllocPage);
        ctx.addCost(CostKey::CopyPage);
    }
    return Flow::next();
}

Flow migPages(StepContext &ctx)
{
    ctx.task().mig.i = 0;
    return Flow::callThen(ListingId::MigrateVmaPages, StepId::MigFinalize);
}

Flow migFinalize(StepContext &ctx)
{
    ctx.task().mig.i = 0;
    return Flow::callThen(ListingId::MigrateVmaFinalize, StepId::MigDone);
}

Flow migDone(StepContext &ctx)
{
    Task &t = ctx.task();
    const int n = migratedPages(t.mig);
    if (n > 0)
        ctx.emit(EventKind::MigrationDone, NoFolio, n);
    else
        ctx.emit(EventKind::MigrationFailed, NoFolio,
                static_cast<std::int32_t>(t.mig.aborted ? MigrateFailReason::PartialCollect
                                                        : MigrateFailReason::NothingCollected));
    t.mig = MigrateCtx{};
    if (startNextIteration(ctx))
        return Flow::jump(StepId::MigBegin);
    return Flow::exit();
}

} // namespace fl::effects
