// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "kernel/step_context.h"

// The small kernel primitives that many steps share: folio references and
// locks, the per-CPU LRU batch, the PTL, wake-ups and notifier invalidation.
// Each keeps the machine consistent (the invariant checker verifies it).
namespace fl {

void folioGet(StepContext &ctx, FolioId f);
void folioPut(StepContext &ctx, FolioId f);
bool folioTrylock(StepContext &ctx, FolioId f);
// folio_unlock(): wakes the waiters of `f` in the folio wait queue in
// arrival order up to and including the first exclusive one, which is
// handed the lock.
void folioUnlock(StepContext &ctx, FolioId f);
// Queues the current task at the tail of the folio wait queue as a waiter
// of `f` (`kind`: FolioLock for an exclusive lock_page() waiter,
// FolioUnlock for folio_wait_locked()) and sets PG_waiters, as
// folio_wait_bit_common() does under the queue's lock. The caller sleeps.
void folioQueueWaiter(StepContext &ctx, FolioId f, WaitKind kind);

// folio_add_lru(): a reference and a slot in this CPU's lru_add batch;
// flushed at once when the batch is full.
void folioAddLru(StepContext &ctx, FolioId f);
// folio_batch_move_lru() of CPU `cpu`'s lru_add batch.
void folioBatchMoveLru(StepContext &ctx, CpuId cpu);
bool folioIsolateLru(StepContext &ctx, FolioId f);
// folio_putback_lru(): back on the LRU by way of this CPU's batch, minus a ref.
void folioPutbackLru(StepContext &ctx, FolioId f);

// Maps `f` at (mm, va) with a PTE of `kind`: mapcount and the mapping ref.
void mapFolio(StepContext &ctx, MmId mm, Va va, PteKind kind, FolioId f);
// Replaces a present or device-private PTE of `f` by a migration entry.
void installMigrationEntry(StepContext &ctx, MmId mm, Va va);

// PTL: true when taken. On contention the task spins (or sleeps on PREEMPT_RT).
bool ptlLock(StepContext &ctx, MmId mm);
void ptlUnlock(StepContext &ctx, MmId mm);
// The rmap walks (try_to_migrate, remove_migration_ptes) take the PTL of
// every mm with an entry of `f` (present/device-private, or migration
// entries): true when none is held by another task; else the task queues on
// the first busy one and spins. The walk itself is one atomic step, after
// which releaseHandedPtls() gives back any PTL handed to the task meanwhile.
bool ptlsAcquired(StepContext &ctx, FolioId f, bool migrationEntries);
void releaseHandedPtls(StepContext &ctx);

// mmu_notifier_invalidate_range_start/end on `mm`. A MMU_NOTIFY_MIGRATE
// invalidation carrying the notifier owner's own cookie is skipped, as the
// drivers do.
void invalidateMm(StepContext &ctx, MmId mm, bool migrateEvent, OwnerId owner);

void wakeTask(StepContext &ctx, TaskId target);
void sleepTask(StepContext &ctx, WaitKind kind, std::uint8_t arg);
// Sleep on a timer that fires at virtual time `until`. `jiffies` > 0: a
// jiffy timer (schedule_timeout), which expires in the tick of the
// `jiffies`-th jiffy boundary from now; 0: a timer not aligned to jiffies.
// The untimed model counts these boundaries in ticks (Task::timerTicks).
void sleepUntil(StepContext &ctx, Nanos until, std::uint8_t jiffies = 0);
// A workload task finished one run of its job: true when it has more to
// run (it then sleeps for its think time, if any, and starts over).
bool startNextIteration(StepContext &ctx);
// Does the current fix set's listing `id` contain `step`?
bool listingHas(const StepContext &ctx, ListingId id, StepId step);

// A free folio of `kind` (for device-private: in `gpu`'s VRAM), allocated,
// locked by the current task, with one reference; NoFolio when none is free.
FolioId allocFolio(StepContext &ctx, FolioKind kind, GpuId gpu);

bool ownerMatches(const Machine &m, FolioId f, OwnerId owner);

} // namespace fl
