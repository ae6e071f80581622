// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "kernel/step_context.h"

// The effect of every step, grouped by the kernel file the path lives in.
namespace fl::effects {

// drivers/gpu/drm/drm_gpusvm.c
Flow callerBegin(StepContext &ctx);
Flow callerReadBegin(StepContext &ctx);
Flow callerMmapLock(StepContext &ctx);
Flow callerHmmRangeFault(StepContext &ctx);
Flow callerCheckBusy(StepContext &ctx);
Flow callerCommit(StepContext &ctx);
Flow callerDone(StepContext &ctx);
// mm/hmm.c
Flow hmmStart(StepContext &ctx);
Flow hmmLoopHead(StepContext &ctx);
Flow hmmWalkPte(StepContext &ctx);
Flow hmmFault(StepContext &ctx);
Flow hmmFaultReturn(StepContext &ctx);
Flow hmmMigrationWaitReturn(StepContext &ctx);
Flow hmmCondResched(StepContext &ctx);
Flow hmmMsleep(StepContext &ctx);
// mm/memory.c and the arch fault entry
Flow userBegin(StepContext &ctx);
Flow userTouch(StepContext &ctx);
Flow userVmaLock(StepContext &ctx);
Flow userMmapLock(StepContext &ctx);
Flow userHandleFault(StepContext &ctx);
Flow userReturn(StepContext &ctx);
Flow userDone(StepContext &ctx);
Flow anonAlloc(StepContext &ctx);
Flow anonAllocMap(StepContext &ctx);
Flow swapClassify(StepContext &ctx);
Flow swapLockPte(StepContext &ctx);
Flow swapTrylock(StepContext &ctx);
Flow swapUnlockReturn(StepContext &ctx);
Flow swapWaitUnlocked(StepContext &ctx);
Flow swapWaitReturn(StepContext &ctx);
Flow swapGetPage(StepContext &ctx);
Flow swapMigrateToRam(StepContext &ctx);
Flow swapUnlockPut(StepContext &ctx);
Flow swapPutPage(StepContext &ctx);
Flow swapMigrationWait(StepContext &ctx);
Flow swapMigrationWaitReturn(StepContext &ctx);
Flow swapGetPageInstallEntry(StepContext &ctx);
Flow swapLockPage(StepContext &ctx);
Flow swapUnlockPtlNoRef(StepContext &ctx);
Flow swapGetUnlessZero(StepContext &ctx);
// drivers/gpu/drm/drm_pagemap.c (and mutex-taking drivers)
Flow drvMutexLock(StepContext &ctx);
Flow drvSetup(StepContext &ctx);
Flow drvCheckCpages(StepContext &ctx);
Flow drvAllocCopyToRam(StepContext &ctx);
Flow drvPages(StepContext &ctx);
Flow drvFinalize(StepContext &ctx);
Flow drvReport(StepContext &ctx);
Flow drvMutexUnlock(StepContext &ctx);
Flow drvReturn(StepContext &ctx);
Flow migBegin(StepContext &ctx);
Flow migSetup(StepContext &ctx);
Flow migCheckCpages(StepContext &ctx);
Flow migAllocCopyToDevice(StepContext &ctx);
Flow migPages(StepContext &ctx);
Flow migFinalize(StepContext &ctx);
Flow migDone(StepContext &ctx);
// mm/migrate_device.c
Flow setupValidate(StepContext &ctx);
Flow setupInvalidateStart(StepContext &ctx);
Flow setupCollectLock(StepContext &ctx);
Flow setupCollectPte(StepContext &ctx);
Flow setupCollectUnlock(StepContext &ctx);
Flow setupInvalidateEnd(StepContext &ctx);
Flow setupUnmap(StepContext &ctx);
Flow setupReturn(StepContext &ctx);
Flow setupLruCacheDisable(StepContext &ctx);
Flow setupLruCacheEnable(StepContext &ctx);
Flow setupDrainAtStart(StepContext &ctx);
Flow setupBackoffDrain(StepContext &ctx);
Flow unmapLocalDrain(StepContext &ctx);
Flow unmapEntry(StepContext &ctx);
Flow unmapDrainAll(StepContext &ctx);
Flow unmapIsolate(StepContext &ctx);
Flow unmapTryToMigrate(StepContext &ctx);
Flow unmapCheck(StepContext &ctx);
Flow unmapRestore(StepContext &ctx);
Flow unmapReturn(StepContext &ctx);
Flow unmapBackoff(StepContext &ctx);
Flow unmapMigrateAll(StepContext &ctx);
Flow unmapDrainAfter(StepContext &ctx);
Flow pagesEntry(StepContext &ctx);
Flow pagesReturn(StepContext &ctx);
Flow finalizeEntry(StepContext &ctx);
Flow finalizeReturn(StepContext &ctx);
// mm/swap.c and kernel/workqueue.c
Flow drainReadGen(StepContext &ctx);
Flow drainLocal(StepContext &ctx);
Flow drainMutexLock(StepContext &ctx);
Flow drainCheckGen(StepContext &ctx);
Flow drainBumpGen(StepContext &ctx);
Flow drainQueueCpu(StepContext &ctx);
Flow drainFlushCpu(StepContext &ctx);
Flow drainMutexUnlock(StepContext &ctx);
Flow lcdIncCount(StepContext &ctx);
Flow lcdSyncRcu(StepContext &ctx);
Flow lcdRcuWait(StepContext &ctx);
Flow lcdForceDrain(StepContext &ctx);
Flow lcdReturn(StepContext &ctx);
Flow workerSleep(StepContext &ctx);
Flow workerTakeWork(StepContext &ctx);
Flow workerDrainBatch(StepContext &ctx);
Flow workerFinishWork(StepContext &ctx);
Flow drainerBegin(StepContext &ctx);
Flow drainerCall(StepContext &ctx);
Flow drainerDone(StepContext &ctx);
// mm/filemap.c and mm/migrate.c
Flow waitPrepare(StepContext &ctx);
Flow waitDropPtl(StepContext &ctx);
Flow waitSleep(StepContext &ctx);
Flow waitFinish(StepContext &ctx);
Flow migWaitLockPte(StepContext &ctx);
Flow migWaitCallWait(StepContext &ctx);
Flow migWaitReturn(StepContext &ctx);

} // namespace fl::effects
