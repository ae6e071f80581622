// SPDX-License-Identifier: GPL-2.0-only
// The CPU fault path (mm/memory.c and the arch entry): a user access (F),
// do_anonymous_page() and the device-private branch of do_swap_page().
#include "kernel/folio_ops.h"
#include "kernel/paths/effects.h"

namespace fl::effects {

static const Pte &faultPte(StepContext &ctx)
{
    const Task &t = ctx.task();
    return ctx.m.mms[t.mm].pte[t.faultVa];
}

Flow userBegin(StepContext &ctx)
{
    Task &t = ctx.task();
    t.faultVa = t.rangeStart;
    ctx.emit(EventKind::FaultBegin);
    return Flow::next();
}

Flow userTouch(StepContext &ctx)
{
    if (faultPte(ctx).kind == PteKind::Present)
        return Flow::jump(StepId::UserDone);
    return Flow::next(); // not present: the access traps into exc_page_fault
}

Flow userVmaLock(StepContext &ctx)
{
    switch (faultPte(ctx).kind) {
    case PteKind::DevicePrivate:
        // migrate_to_ram cannot run under the per-VMA lock: VM_FAULT_RETRY,
        // and the fault is retried under mmap_read_lock.
        return Flow::next();
    case PteKind::Migration:
        return Flow::callThen(ListingId::MigrationEntryWait, StepId::UserReturn);
    case PteKind::None:
        return Flow::callThen(ListingId::DoAnonymousPage, StepId::UserReturn);
    case PteKind::Present:
        break;
    }
    return Flow::jump(StepId::UserReturn);
}

Flow userMmapLock(StepContext &)
{
    return Flow::next();
}

Flow userHandleFault(StepContext &ctx)
{
    switch (faultPte(ctx).kind) {
    case PteKind::DevicePrivate:
        return Flow::callThen(ListingId::DoSwapPage, StepId::UserReturn);
    case PteKind::Migration:
        return Flow::callThen(ListingId::MigrationEntryWait, StepId::UserReturn);
    case PteKind::None:
        return Flow::callThen(ListingId::DoAnonymousPage, StepId::UserReturn);
    case PteKind::Present:
        break;
    }
    return Flow::next();
}

Flow userReturn(StepContext &)
{
    // Back in user space the access is simply executed again.
    return Flow::jump(StepId::UserTouch);
}

Flow userDone(StepContext &ctx)
{
    ctx.task().spinOn = NoFolio;
    ctx.emit(EventKind::FaultDone);
    if (startNextIteration(ctx))
        return Flow::jump(StepId::UserBegin);
    return Flow::exit();
}

Flow anonAlloc(StepContext &ctx)
{
    // The new folio is allocated and charged before the PTL is taken; the
    // allocation's reference is the task's until the folio is mapped.
    Task &t = ctx.task();
    const FolioId f = allocFolio(ctx, FolioKind::System, NoGpu);
    if (f == NoFolio)
        return Flow::ret(RetEfault); // VM_FAULT_OOM
    ctx.m.folios[f].lockOwner = NoTask; // a fresh anonymous folio is not locked
    t.pageRef = f;
    return Flow::next();
}

Flow anonAllocMap(StepContext &ctx)
{
    Task &t = ctx.task();
    if (!ptlLock(ctx, t.mm))
        return Flow::stay();
    const FolioId f = t.pageRef;
    t.pageRef = NoFolio;
    if (faultPte(ctx).kind != PteKind::None) {
        // Someone else populated the PTE first: the new folio goes back.
        ptlUnlock(ctx, t.mm);
        folioPut(ctx, f);
        t.ret = RetOk;
        return Flow::ret(RetOk);
    }
    folioAddLru(ctx, f); // folio_add_lru_vma(): into this CPU's batch
    mapFolio(ctx, t.mm, t.faultVa, PteKind::Present, f);
    folioPut(ctx, f); // the allocation's reference became the mapping's
    ptlUnlock(ctx, t.mm);
    ctx.addCost(CostKey::FolioAddLru);
    t.ret = RetOk;
    return Flow::ret(RetOk);
}

Flow swapClassify(StepContext &ctx)
{
    Task &t = ctx.task();
    const Pte &pte = faultPte(ctx);
    if (pte.kind == PteKind::Migration)
        return Flow::jump(StepId::SwapMigrationWait);
    if (pte.kind != PteKind::DevicePrivate) {
        t.ret = RetOk;
        return Flow::ret(RetOk);
    }
    t.page = pte.folio;
    return Flow::next();
}

Flow swapLockPte(StepContext &ctx)
{
    Task &t = ctx.task();
    if (!ptlLock(ctx, t.mm))
        return Flow::stay();
    const Pte &pte = faultPte(ctx);
    if (pte.kind != PteKind::DevicePrivate || pte.folio != t.page) {
        ptlUnlock(ctx, t.mm); // !pte_same(): someone changed it, just retry
        t.ret = RetOk;
        return Flow::ret(RetOk);
    }
    return Flow::next();
}

Flow swapTrylock(StepContext &ctx)
{
    Task &t = ctx.task();
    if (folioTrylock(ctx, t.page)) {
        t.spinOn = NoFolio;
        return Flow::jump(listingHas(ctx, ListingId::DoSwapPage, StepId::SwapGetPageInstallEntry)
                              ? StepId::SwapGetPageInstallEntry
                              : StepId::SwapGetPage);
    }
    t.spinOn = t.page;
    ctx.emit(EventKind::TrylockFailed, t.page);
    return Flow::next();
}

Flow swapUnlockReturn(StepContext &ctx)
{
    Task &t = ctx.task();
    ptlUnlock(ctx, t.mm);
    t.ret = RetOk;
    return Flow::ret(RetOk);
}

Flow swapWaitUnlocked(StepContext &ctx)
{
    // pte_unmap() only: the PTL stays held so the folio cannot be freed
    // before the waiter is queued; the wait drops it.
    (void)ctx;
    return Flow::callThen(ListingId::WaitOnLocked, StepId::SwapWaitReturn);
}

Flow swapWaitReturn(StepContext &ctx)
{
    ctx.task().ret = RetOk;
    return Flow::ret(RetOk);
}

Flow swapGetPage(StepContext &ctx)
{
    Task &t = ctx.task();
    folioGet(ctx, t.page);
    t.pageRef = t.page;
    ptlUnlock(ctx, t.mm);
    return Flow::next();
}

Flow swapGetPageInstallEntry(StepContext &ctx)
{
    // F6: with the lock, a reference and the PTL held, this mapping becomes
    // a migration entry at once; other faulters of it sleep on the entry.
    Task &t = ctx.task();
    folioGet(ctx, t.page);
    t.pageRef = t.page;
    installMigrationEntry(ctx, t.mm, t.faultVa);
    invalidateMm(ctx, t.mm, false, NoOwner);
    ptlUnlock(ctx, t.mm);
    return Flow::next();
}

Flow swapLockPage(StepContext &ctx)
{
    Task &t = ctx.task();
    Folio &folio = ctx.m.folios[t.page];
    if (folio.lockOwner == ctx.tid || folioTrylock(ctx, t.page)) {
        t.spinOn = NoFolio;
        return Flow::next(); // taken, or handed over by the unlocker
    }
    // An exclusive waiter at the tail of the queue: the folio_unlock() that
    // reaches it hands it the lock and wakes it.
    folioQueueWaiter(ctx, t.page, WaitKind::FolioLock);
    sleepTask(ctx, WaitKind::FolioLock, t.page);
    return Flow::stay();
}

Flow swapUnlockPtlNoRef(StepContext &ctx)
{
    Task &t = ctx.task();
    t.unrefPage = t.page; // nothing keeps the page alive until get_page_unless_zero
    ptlUnlock(ctx, t.mm);
    return Flow::next();
}

Flow swapGetUnlessZero(StepContext &ctx)
{
    Task &t = ctx.task();
    t.unrefPage = NoFolio;
    Folio &folio = ctx.m.folios[t.page];
    if (folio.refcount == 0) {
        // Freed under us: unlock and refault (the kernel has already
        // touched freed memory by now; the hazard event says so).
        folioUnlock(ctx, t.page);
        t.ret = RetOk;
        return Flow::ret(RetOk);
    }
    folioGet(ctx, t.page);
    t.pageRef = t.page;
    return Flow::next();
}

Flow swapMigrateToRam(StepContext &ctx)
{
    const Folio &folio = ctx.m.folios[ctx.task().page];
    const bool mutexDriver = ctx.m.gpus[folio.gpu].flavour == DriverFlavour::MutexLike;
    return Flow::call(mutexDriver ? ListingId::MigrateToRamMutex : ListingId::MigrateToRamXe);
}

Flow swapUnlockPut(StepContext &ctx)
{
    Task &t = ctx.task();
    folioUnlock(ctx, t.page);
    folioPut(ctx, t.page);
    t.pageRef = NoFolio;
    return Flow::ret(t.ret);
}

Flow swapPutPage(StepContext &ctx)
{
    Task &t = ctx.task();
    folioPut(ctx, t.page);
    t.pageRef = NoFolio;
    return Flow::ret(t.ret);
}

Flow swapMigrationWait(StepContext &)
{
    return Flow::callThen(ListingId::MigrationEntryWait, StepId::SwapMigrationWaitReturn);
}

Flow swapMigrationWaitReturn(StepContext &ctx)
{
    ctx.task().ret = RetOk;
    return Flow::ret(RetOk);
}

} // namespace fl::effects
