// SPDX-License-Identifier: GPL-2.0-only
// migrate_vma_setup(), migrate_vma_collect(), migrate_device_unmap(),
// __migrate_device_pages() and __migrate_device_finalize()
// (mm/migrate_device.c, v6.15 - v7.0).
#include "kernel/folio_ops.h"
#include "kernel/paths/effects.h"

namespace fl::effects {

static bool isSystem(const Machine &m, FolioId f)
{
    return m.folios[f].kind == FolioKind::System;
}

// Every PTE, in any mm, that is a migration entry for `src`.
template <typename Fn> static void forEachMigrationEntry(Machine &m, FolioId src, Fn fn)
{
    for (int mm = 0; mm < MaxMms; ++mm) {
        if (!m.mms[mm].used)
            continue;
        for (int va = 0; va < MaxVas; ++va) {
            const Pte &pte = m.mms[mm].pte[va];
            if (pte.kind == PteKind::Migration && pte.folio == src)
                fn(static_cast<MmId>(mm), static_cast<Va>(va));
        }
    }
}

// try_to_migrate(): walk the rmap, turn every remaining mapping of `f` into a
// migration entry and invalidate that mm's secondary mappings.
static void tryToMigrate(StepContext &ctx, FolioId f)
{
    for (int mm = 0; mm < MaxMms; ++mm) {
        if (!ctx.m.mms[mm].used)
            continue;
        for (int va = 0; va < MaxVas; ++va) {
            const Pte &pte = ctx.m.mms[mm].pte[va];
            if (pte.folio != f
                || (pte.kind != PteKind::Present && pte.kind != PteKind::DevicePrivate))
                continue;
            installMigrationEntry(ctx, static_cast<MmId>(mm), static_cast<Va>(va));
            invalidateMm(ctx, static_cast<MmId>(mm), false, NoOwner);
        }
    }
}

// remove_migration_ptes(src, dst): every migration entry for src maps dst.
static void removeMigrationPtes(StepContext &ctx, FolioId src, FolioId dst)
{
    const PteKind kind = isSystem(ctx.m, dst) ? PteKind::Present : PteKind::DevicePrivate;
    forEachMigrationEntry(ctx.m, src, [&](MmId mm, Va va) { mapFolio(ctx, mm, va, kind, dst); });
    ctx.addCost(CostKey::RemoveMigrationPtes);
}

// migrate_vma_check_page(): the collect (or isolation) reference, the
// faulter's own reference on fault_page, and one historical allowance for
// ZONE_DEVICE folios are expected; anything beyond the mappings pins it.
static bool checkPage(const StepContext &ctx, FolioId f)
{
    if (ctx.setup.fixes.has(Fix::PincountOnly))
        return true; // F5 as posted: only folio_maybe_dma_pinned() blocks, and nothing pins here
    const Folio &folio = ctx.m.folios[f];
    const MigrateCtx &mig = ctx.m.tasks[ctx.tid].mig;
    int extra = 1 + (f == mig.faultFolio ? 1 : 0);
    if (folio.kind == FolioKind::DevicePrivate)
        ++extra;
    return static_cast<int>(folio.refcount) - extra <= static_cast<int>(folio.mapcount);
}

Flow setupValidate(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    mig.npages = static_cast<std::uint8_t>(mig.end - mig.start);
    mig.cpages = 0;
    mig.i = 0;
    mig.restore = 0;
    mig.allowDrain = true;
    for (MigrateEntry &e : mig.e)
        e = MigrateEntry{};
    return Flow::next();
}

Flow setupInvalidateStart(StepContext &ctx)
{
    const MigrateCtx &mig = ctx.task().mig;
    invalidateMm(ctx, mig.mm, true, mig.owner);
    return Flow::next();
}

Flow setupCollectLock(StepContext &ctx)
{
    if (!ptlLock(ctx, ctx.task().mig.mm))
        return Flow::stay();
    return Flow::next();
}

Flow setupCollectPte(StepContext &ctx)
{
    Task &t = ctx.task();
    MigrateCtx &mig = t.mig;
    if (mig.i >= mig.npages)
        return Flow::next();
    const Va va = static_cast<Va>(mig.start + mig.i);
    MigrateEntry &e = mig.e[mig.i];
    e = MigrateEntry{NoFolio, NoFolio, 0, va};
    const Pte pte = ctx.m.mms[mig.mm].pte[va];
    bool select = false;
    if (pte.kind == PteKind::None) {
        // An empty anonymous slot: the destination would be populated.
        e.flags = MigrateMigrate;
        ++mig.cpages;
    } else if (pte.kind == PteKind::Present) {
        select = mig.selectSystem;
    } else if (pte.kind == PteKind::DevicePrivate) {
        select = mig.selectDevicePrivate && ownerMatches(ctx.m, pte.folio, mig.owner);
    } else if (pte.kind == PteKind::Migration && pte.folio == mig.faultFolio
               && listingHas(ctx, ListingId::DoSwapPage, StepId::SwapGetPageInstallEntry)) {
        // F6: do_swap_page already did collect's work for the fault page.
        folioGet(ctx, pte.folio);
        e.src = pte.folio;
        e.flags = MigrateMigrate | MigrateHoldsRef;
        ++mig.cpages;
    }
    if (select) {
        const FolioId f = pte.folio;
        folioGet(ctx, f);
        const bool callerHolds = f == mig.faultFolio && ctx.setup.program.faultPageLockedByCaller();
        if (callerHolds || folioTrylock(ctx, f)) {
            installMigrationEntry(ctx, mig.mm, va);
            e.src = f;
            e.flags = MigrateMigrate | MigrateHoldsRef | (callerHolds ? 0 : MigrateLocked);
            ++mig.cpages;
        } else {
            // Best effort: a folio someone else holds locked is skipped.
            folioPut(ctx, f);
            ctx.emit(EventKind::MigrationFailed, f,
                     static_cast<std::int32_t>(MigrateFailReason::TrylockInCollect));
        }
    }
    ++mig.i;
    return mig.i < mig.npages ? Flow::stay() : Flow::next();
}

Flow setupCollectUnlock(StepContext &ctx)
{
    ptlUnlock(ctx, ctx.task().mig.mm);
    return Flow::next();
}

Flow setupInvalidateEnd(StepContext &)
{
    return Flow::next();
}

Flow setupUnmap(StepContext &ctx)
{
    if (ctx.task().mig.cpages > 0)
        return Flow::call(ListingId::MigrateDeviceUnmap);
    ctx.task().ret = RetOk;
    return Flow::next();
}

Flow setupLruCacheDisable(StepContext &)
{
    return Flow::call(ListingId::LruCacheDisable);
}

Flow setupLruCacheEnable(StepContext &ctx)
{
    if (ctx.m.lruDisableCount > 0)
        --ctx.m.lruDisableCount;
    return Flow::next();
}

Flow setupDrainAtStart(StepContext &)
{
    return Flow::call(ListingId::LruAddDrainAll);
}

Flow setupBackoffDrain(StepContext &ctx)
{
    if (ctx.task().ret != RetEagain)
        return Flow::next();
    // Nothing is locked now: drain, then collect from the start.
    return Flow::callThen(ListingId::LruAddDrainAll, StepId::SetupValidate);
}

Flow setupReturn(StepContext &ctx)
{
    ctx.task().ret = RetOk;
    return Flow::ret(RetOk);
}

Flow unmapLocalDrain(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    folioBatchMoveLru(ctx, ctx.cpu); // lru_add_drain(): this CPU only
    mig.i = 0;
    mig.restore = 0;
    mig.allowDrain = true;
    return Flow::next();
}

Flow unmapEntry(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    while (mig.i < mig.npages && mig.e[mig.i].src == NoFolio)
        ++mig.i;
    if (mig.i >= mig.npages)
        return Flow::jump(StepId::UnmapRestore);
    const FolioId f = mig.e[mig.i].src;
    if (!isSystem(ctx.m, f))
        return Flow::jump(StepId::UnmapTryToMigrate); // ZONE_DEVICE folios are never on the LRU
    if (!ctx.m.folios[f].lru && mig.allowDrain)
        return Flow::next();
    return Flow::jump(StepId::UnmapIsolate);
}

Flow unmapDrainAll(StepContext &ctx)
{
    // The drain runs with every collected folio still locked: the heart of
    // the livelock (spec §3.1).
    ctx.task().mig.allowDrain = false;
    return Flow::callThen(ListingId::LruAddDrainAll, StepId::UnmapIsolate);
}

// Undo collect (and isolation, for the entries already past it) for every
// entry: what migrate_device_unmap's restore loop does for failed ones.
static bool releaseAll(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    for (int i = 0; i < mig.npages; ++i) {
        MigrateEntry &e = mig.e[i];
        if (e.src == NoFolio)
            continue;
        if (!ptlsAcquired(ctx, e.src, true))
            return false;
        if (ctx.m.folios[e.src].place == FolioPlace::Isolated) {
            folioGet(ctx, e.src);
            folioPutbackLru(ctx, e.src);
            e.flags |= MigrateHoldsRef;
        }
        removeMigrationPtes(ctx, e.src, e.src);
        releaseHandedPtls(ctx);
        if (e.flags & MigrateLocked)
            folioUnlock(ctx, e.src);
        if (e.flags & MigrateHoldsRef)
            folioPut(ctx, e.src);
        e = MigrateEntry{NoFolio, NoFolio, 0, e.va};
    }
    mig.cpages = 0;
    mig.restore = 0;
    return true;
}

// drain-backoff gives up draining after this many restarts [I].
constexpr std::uint8_t kMaxBackoffs = 2;

Flow unmapBackoff(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    if (mig.backoffs >= kMaxBackoffs) {
        mig.allowDrain = false; // best effort: this folio will fail isolation
        return Flow::next();
    }
    if (!releaseAll(ctx))
        return Flow::stay();
    ++mig.backoffs;
    ctx.emit(EventKind::BackoffRestart, NoFolio, mig.backoffs);
    return Flow::ret(RetEagain);
}

Flow unmapMigrateAll(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    while (mig.i < mig.npages && mig.e[mig.i].src == NoFolio)
        ++mig.i;
    if (mig.i >= mig.npages) {
        mig.i = 0;
        return Flow::next();
    }
    const FolioId f = mig.e[mig.i].src;
    if (ctx.m.folios[f].mapcount > 0) {
        if (!ptlsAcquired(ctx, f, false))
            return Flow::stay();
        tryToMigrate(ctx, f);
        releaseHandedPtls(ctx);
    }
    ++mig.i;
    return Flow::stay();
}

Flow unmapDrainAfter(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    mig.allowDrain = false;
    for (int i = 0; i < mig.npages; ++i) {
        const FolioId f = mig.e[i].src;
        if (f != NoFolio && isSystem(ctx.m, f) && !ctx.m.folios[f].lru)
            return Flow::call(ListingId::LruAddDrainAll);
    }
    return Flow::next();
}

Flow unmapIsolate(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    MigrateEntry &e = mig.e[mig.i];
    if (!folioIsolateLru(ctx, e.src)) {
        e.flags &= static_cast<std::uint8_t>(~MigrateMigrate);
        ++mig.restore;
        ctx.emit(EventKind::MigrationFailed, e.src,
                 static_cast<std::int32_t>(MigrateFailReason::IsolateFailed));
        ++mig.i;
        return Flow::jump(StepId::UnmapEntry);
    }
    folioPut(ctx, e.src); // the isolation reference replaces collect's
    e.flags &= static_cast<std::uint8_t>(~MigrateHoldsRef);
    return Flow::next();
}

Flow unmapTryToMigrate(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    const FolioId f = mig.e[mig.i].src;
    if (ctx.m.folios[f].mapcount == 0)
        return Flow::next();
    if (!ptlsAcquired(ctx, f, false))
        return Flow::stay(); // spin on another mapping's PTL
    ctx.addCost(CostKey::TryToMigrate);
    tryToMigrate(ctx, f);
    releaseHandedPtls(ctx);
    return Flow::next();
}

Flow unmapCheck(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    MigrateEntry &e = mig.e[mig.i];
    const bool mapped = ctx.m.folios[e.src].mapcount > 0;
    if (!mapped && !checkPage(ctx, e.src) && ctx.setup.fixes.has(Fix::WaitRefcount)) {
        // F8: wait_var_event(&folio->_refcount, ...) until the transient
        // references are gone, still holding the folio locks.
        ctx.emit(EventKind::RefcountWait, e.src);
        sleepTask(ctx, WaitKind::Refcount, e.src);
        return Flow::stay();
    }
    if (mapped || !checkPage(ctx, e.src)) {
        if (isSystem(ctx.m, e.src)) {
            // Back to the LRU; the isolation reference becomes a plain one
            // that the restore loop drops.
            folioGet(ctx, e.src);
            folioPutbackLru(ctx, e.src);
            e.flags |= MigrateHoldsRef;
        }
        e.flags &= static_cast<std::uint8_t>(~MigrateMigrate);
        ++mig.restore;
        ctx.emit(EventKind::MigrationFailed, e.src,
                 static_cast<std::int32_t>(MigrateFailReason::RefcountCheck));
    }
    ++mig.i;
    return Flow::jump(StepId::UnmapEntry);
}

Flow unmapRestore(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    for (int i = 0; i < mig.npages && mig.restore > 0; ++i) {
        MigrateEntry &e = mig.e[i];
        if (e.src == NoFolio || (e.flags & MigrateMigrate))
            continue;
        if (!ptlsAcquired(ctx, e.src, true))
            return Flow::stay();
        removeMigrationPtes(ctx, e.src, e.src);
        releaseHandedPtls(ctx);
        if (e.flags & MigrateLocked)
            folioUnlock(ctx, e.src);
        folioPut(ctx, e.src);
        e = MigrateEntry{NoFolio, NoFolio, 0, e.va};
        --mig.restore;
    }
    return Flow::next();
}

Flow unmapReturn(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    std::uint8_t unmapped = 0;
    for (int i = 0; i < mig.npages; ++i)
        if (mig.e[i].flags & MigrateMigrate)
            ++unmapped;
    mig.cpages = unmapped;
    return Flow::ret(RetOk);
}

Flow pagesEntry(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    if (mig.i >= mig.npages)
        return Flow::next();
    MigrateEntry &e = mig.e[mig.i];
    ++mig.i;
    if (e.dst == NoFolio || e.src == NoFolio) {
        // No destination (or an empty slot the drivers here do not
        // populate): this page does not migrate.
        e.flags &= static_cast<std::uint8_t>(~MigrateMigrate);
    } else if (e.flags & MigrateMigrate) {
        // folio_migrate_mapping() wants exactly the migration's reference,
        // plus the faulter's own on fault_page. pincount-only leaves this
        // check alone: Thomas's diff touches migrate_vma_check_page() only.
        const int expected = 1 + (e.src == mig.faultFolio ? 1 : 0);
        if (ctx.m.folios[e.src].refcount != expected) {
            e.flags &= static_cast<std::uint8_t>(~MigrateMigrate);
            ctx.emit(EventKind::MigrationFailed, e.src,
                     static_cast<std::int32_t>(MigrateFailReason::MigrateMappingBusy));
        }
        ctx.addCost(CostKey::MigrateMapping);
    }
    return mig.i < mig.npages ? Flow::stay() : Flow::next();
}

Flow pagesReturn(StepContext &)
{
    return Flow::ret(RetOk);
}

Flow finalizeEntry(StepContext &ctx)
{
    MigrateCtx &mig = ctx.task().mig;
    if (mig.i >= mig.npages)
        return Flow::next();
    MigrateEntry &e = mig.e[mig.i];
    const FolioId src = e.src;
    FolioId dst = e.dst;
    if (src == NoFolio) {
        if (dst != NoFolio) {
            folioUnlock(ctx, dst);
            folioPut(ctx, dst);
            e.dst = NoFolio;
        }
    } else {
        if (!ptlsAcquired(ctx, src, true))
            return Flow::stay();
        if (!(e.flags & MigrateMigrate) || dst == NoFolio) {
            if (dst != NoFolio) {
                folioUnlock(ctx, dst);
                folioPut(ctx, dst);
            }
            dst = src;
        }
        if (isSystem(ctx.m, dst))
            folioAddLru(ctx, dst); // lands in this CPU's batch
        removeMigrationPtes(ctx, src, dst);
        releaseHandedPtls(ctx);
        if (e.flags & MigrateLocked)
            folioUnlock(ctx, src); // wakes the folio's waiters
        folioPut(ctx, src);
        if (dst != src) {
            folioUnlock(ctx, dst);
            folioPut(ctx, dst);
        }
        const bool migrated = dst != src;
        e = MigrateEntry{NoFolio, NoFolio, static_cast<std::uint8_t>(migrated ? MigrateDone : 0),
                         e.va};
    }
    ++mig.i;
    return mig.i < mig.npages ? Flow::stay() : Flow::next();
}

Flow finalizeReturn(StepContext &)
{
    return Flow::ret(RetOk);
}

} // namespace fl::effects
