// SPDX-License-Identifier: GPL-2.0-only
// hmm_range_fault() (mm/hmm.c) with HMM_PFN_REQ_FAULT on every page.
#include "kernel/folio_ops.h"
#include "kernel/paths/effects.h"

namespace fl::effects {

// Where the walk goes after -EBUSY: straight back to the loop head in the
// kernel as merged, through cond_resched() or msleep() under F1 / F1b.
static Flow retryWalk(const StepContext &ctx)
{
    if (listingHas(ctx, ListingId::HmmRangeFault, StepId::HmmCondResched))
        return Flow::jump(StepId::HmmCondResched);
    if (listingHas(ctx, ListingId::HmmRangeFault, StepId::HmmMsleep))
        return Flow::jump(StepId::HmmMsleep);
    return Flow::jump(StepId::HmmLoopHead);
}

Flow hmmStart(StepContext &ctx)
{
    Task &t = ctx.task();
    t.walkVa = t.rangeStart;
    return Flow::next();
}

Flow hmmLoopHead(StepContext &ctx)
{
    Task &t = ctx.task();
    if (ctx.m.mms[t.mm].notifierSeq != t.seq) {
        ctx.emit(EventKind::HmmBusyToCaller);
        return Flow::ret(RetEbusy);
    }
    return Flow::next();
}

Flow hmmWalkPte(StepContext &ctx)
{
    Task &t = ctx.task();
    if (t.walkVa >= t.rangeEnd)
        return Flow::ret(RetOk);
    const Pte pte = ctx.m.mms[t.mm].pte[t.walkVa];
    switch (pte.kind) {
    case PteKind::Present:
        ++t.walkVa;
        return Flow::stay();
    case PteKind::DevicePrivate:
        // The caller's own device memory needs no fault; anyone else's does.
        if (ownerMatches(ctx.m, pte.folio, t.owner)) {
            ++t.walkVa;
            return Flow::stay();
        }
        t.faultVa = t.walkVa;
        return Flow::next();
    case PteKind::None:
        t.faultVa = t.walkVa;
        return Flow::next();
    case PteKind::Migration:
        t.faultVa = t.walkVa;
        return Flow::callThen(ListingId::MigrationEntryWait, StepId::HmmMigrationWaitReturn);
    }
    return Flow::next();
}

Flow hmmFault(StepContext &ctx)
{
    // handle_mm_fault() on one address of hmm_vma_fault()'s loop, whatever
    // its entry holds now: the caller's own device pages past the first
    // fault are faulted (migrated to RAM) too, as in the kernel.
    Task &t = ctx.task();
    switch (ctx.m.mms[t.mm].pte[t.faultVa].kind) {
    case PteKind::None:
        return Flow::call(ListingId::DoAnonymousPage);
    case PteKind::DevicePrivate:
    case PteKind::Migration:
        return Flow::call(ListingId::DoSwapPage);
    case PteKind::Present:
        break;
    }
    t.ret = RetOk; // a present page: nothing to do for a read fault
    return Flow::next();
}

Flow hmmFaultReturn(StepContext &ctx)
{
    Task &t = ctx.task();
    if (t.ret != RetOk)
        return Flow::ret(RetEfault);
    // hmm_vma_fault() faults every page from the first faulting address to
    // the end of the walk's range in this PMD (one page-table page here).
    if (++t.faultVa < t.rangeEnd)
        return Flow::jump(StepId::HmmFault);
    // Then it returns -EBUSY, whether or not anything changed: the walk
    // restarts from the first faulting address with no sleep and no
    // cond_resched().
    ctx.emit(EventKind::HmmRetry, t.spinOn);
    return retryWalk(ctx);
}

Flow hmmMigrationWaitReturn(StepContext &ctx)
{
    ctx.emit(EventKind::HmmRetry);
    return retryWalk(ctx);
}

Flow hmmCondResched(StepContext &)
{
    // The yield itself happens before this step runs, when need_resched is
    // set (the engine treats FlagCondResched steps as preemption points).
    return Flow::jump(StepId::HmmLoopHead);
}

Flow hmmMsleep(StepContext &ctx)
{
    // msleep(1): one jiffy of schedule_timeout at HZ <= 1000 (6.13+ adds no
    // extra jiffy). Armed in the middle of a jiffy it expires at the second
    // tick boundary from now: the sleep is at least one whole jiffy.
    const Nanos tick = ctx.setup.tickNs;
    const Nanos jiffies = (1'000'000 + tick - 1) / tick + 1;
    const Nanos wake = (ctx.now() / tick + jiffies) * tick;
    ctx.task().spinOn = NoFolio;
    sleepUntil(ctx, wake, static_cast<std::uint8_t>(jiffies));
    return Flow::jump(StepId::HmmLoopHead);
}

} // namespace fl::effects
