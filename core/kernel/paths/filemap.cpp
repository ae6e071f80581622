// SPDX-License-Identifier: GPL-2.0-only
// softleaf_entry_wait_on_locked() (mm/filemap.c, migration_entry_wait_on_locked
// before v7.0) and migration_entry_wait() (mm/migrate.c).
#include "kernel/folio_ops.h"
#include "kernel/paths/effects.h"

namespace fl::effects {

Flow waitPrepare(StepContext &ctx)
{
    // Queue a non-exclusive waiter for PG_locked, taking no reference: the
    // held PTL keeps the folio alive. Queueing and the locked test happen
    // under the wait-queue lock, so the unlock cannot slip between them.
    Task &t = ctx.task();
    Folio &folio = ctx.m.folios[t.page];
    folio.waiters = true;
    t.woken = !folio.locked();
    if (!t.woken)
        folioQueueWaiter(ctx, t.page, WaitKind::FolioUnlock); // at the tail
    return Flow::next();
}

Flow waitDropPtl(StepContext &ctx)
{
    Task &t = ctx.task();
    ptlUnlock(ctx, t.mm);
    return Flow::next();
}

Flow waitSleep(StepContext &ctx)
{
    Task &t = ctx.task();
    if (!t.woken && t.wait == WaitKind::FolioUnlock) {
        t.spinOn = NoFolio;
        sleepTask(ctx, WaitKind::FolioUnlock, t.page); // io_schedule(), state D
    }
    return Flow::next();
}

Flow waitFinish(StepContext &ctx)
{
    Task &t = ctx.task();
    t.woken = false;
    t.wait = WaitKind::None;
    t.waitArg = 0;
    t.ret = RetOk;
    return Flow::ret(RetOk); // the lock is not taken: the caller retries
}

Flow migWaitLockPte(StepContext &ctx)
{
    Task &t = ctx.task();
    if (!ptlLock(ctx, t.mm))
        return Flow::stay();
    const Pte &pte = ctx.m.mms[t.mm].pte[t.faultVa];
    if (pte.kind != PteKind::Migration) {
        ptlUnlock(ctx, t.mm);
        t.ret = RetOk;
        return Flow::ret(RetOk);
    }
    t.page = pte.folio;
    return Flow::next();
}

Flow migWaitCallWait(StepContext &)
{
    return Flow::callThen(ListingId::WaitOnLocked, StepId::MigWaitReturn);
}

Flow migWaitReturn(StepContext &ctx)
{
    ctx.task().ret = RetOk;
    return Flow::ret(RetOk);
}

} // namespace fl::effects
