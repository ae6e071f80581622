// SPDX-License-Identifier: GPL-2.0-only
// The driver's loop around hmm_range_fault() (T), as in drm_gpusvm_get_pages().
#include "kernel/folio_ops.h"
#include "kernel/paths/effects.h"

namespace fl::effects {

Flow callerBegin(StepContext &ctx)
{
    ctx.emit(EventKind::FaultBegin);
    return Flow::next();
}

Flow callerReadBegin(StepContext &ctx)
{
    // Invalidations are atomic steps here, so read_begin never has to wait
    // for one in progress.
    Task &t = ctx.task();
    t.seq = ctx.m.mms[t.mm].notifierSeq;
    return Flow::next();
}

Flow callerMmapLock(StepContext &)
{
    return Flow::next();
}

Flow callerHmmRangeFault(StepContext &)
{
    return Flow::call(ListingId::HmmRangeFault);
}

Flow callerCheckBusy(StepContext &ctx)
{
    // -EBUSY only leaves hmm_range_fault() when the notifier sequence moved;
    // the caller then re-reads it and tries again (its 1 s timeout is not
    // modelled: a stuck inner loop never gets here).
    if (ctx.task().ret == RetEbusy)
        return Flow::jump(StepId::CallerReadBegin);
    return Flow::next();
}

Flow callerCommit(StepContext &ctx)
{
    Task &t = ctx.task();
    if (ctx.m.mms[t.mm].notifierSeq != t.seq)
        return Flow::jump(StepId::CallerReadBegin);
    return Flow::next();
}

Flow callerDone(StepContext &ctx)
{
    Task &t = ctx.task();
    t.spinOn = NoFolio;
    ctx.emit(EventKind::FaultDone);
    if (startNextIteration(ctx))
        return Flow::jump(StepId::CallerBegin);
    return Flow::exit();
}

} // namespace fl::effects
