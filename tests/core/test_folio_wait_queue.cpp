// SPDX-License-Identifier: GPL-2.0-only
// folio_unlock() over the FIFO folio wait queue (mm/filemap.c folio_wake_bit):
// arrival order, not task ids, decides who is woken and who gets the lock.
#include "engine/invariants.h"
#include "kernel/folio_ops.h"
#include "kernel/step_context.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

using namespace fl;

namespace {

class NullSink final : public EventSink
{
public:
    void onEvent(const Event &) override { }
    void onStep(CpuId, TaskId, std::uint16_t, Nanos, Nanos) override { }
};

// l1's initial machine with folio 0 locked by task 0; tasks 1 and 2 are
// free to queue on it (they sleep, not started, so queuing them keeps the
// scheduler's state consistent).
class FolioWaitQueue : public ::testing::Test
{
protected:
    void SetUp() override
    {
        setup = buildSetup(loadScenario("l1"), BuildOptions {{"baseline"}, ""});
        m = setup.initial;
        ASSERT_GE(m.taskCount, 3);
        ASSERT_GE(m.folioCount, 2);
        for (TaskId id : {TaskId {1}, TaskId {2}})
            ASSERT_EQ(m.tasks[id].state, TaskState::Sleeping);
        ASSERT_TRUE(m.folioWaitQueue.empty());
        m.folios[0].lockOwner = 0;
    }

    StepContext ctx(TaskId tid) { return StepContext {m, clk, setup, sink, tid, m.tasks[tid].cpu}; }

    // lock_page() / folio_wait_locked() of `tid` on `f`: queued, asleep.
    void queue(TaskId tid, FolioId f, WaitKind kind)
    {
        StepContext c = ctx(tid);
        folioQueueWaiter(c, f, kind);
        sleepTask(c, kind, f);
    }

    void unlock(TaskId by, FolioId f)
    {
        StepContext c = ctx(by);
        folioUnlock(c, f);
    }

    fl::Setup setup;
    Machine m;
    Clocks clk;
    NullSink sink;
};

} // namespace

TEST_F(FolioWaitQueue, ExclusiveWaitersGetTheLockInArrivalOrder)
{
    queue(2, 0, WaitKind::FolioLock); // first to queue, higher task id
    queue(1, 0, WaitKind::FolioLock);
    EXPECT_EQ(checkInvariants(setup, m), "");

    unlock(0, 0);
    EXPECT_EQ(m.folios[0].lockOwner, 2);
    EXPECT_EQ(m.tasks[2].state, TaskState::Runnable);
    EXPECT_EQ(m.tasks[1].state, TaskState::Sleeping);
    EXPECT_EQ(m.tasks[1].wait, WaitKind::FolioLock);
    ASSERT_EQ(m.folioWaitQueue.count, 1);
    EXPECT_EQ(m.folioWaitQueue.at(0), 1);
    EXPECT_TRUE(m.folios[0].waiters); // task 1 is still queued
    EXPECT_EQ(checkInvariants(setup, m), "");

    unlock(2, 0);
    EXPECT_EQ(m.folios[0].lockOwner, 1);
    EXPECT_EQ(m.tasks[1].state, TaskState::Runnable);
    EXPECT_TRUE(m.folioWaitQueue.empty());
    EXPECT_FALSE(m.folios[0].waiters);
    EXPECT_EQ(checkInvariants(setup, m), "");
}

TEST_F(FolioWaitQueue, ANonExclusiveWaiterBehindAnExclusiveOneWaitsForTheNextUnlock)
{
    queue(2, 0, WaitKind::FolioLock);
    queue(1, 0, WaitKind::FolioUnlock);

    unlock(0, 0);
    EXPECT_EQ(m.folios[0].lockOwner, 2);
    EXPECT_EQ(m.tasks[1].state, TaskState::Sleeping);
    EXPECT_EQ(m.tasks[1].wait, WaitKind::FolioUnlock);
    EXPECT_TRUE(m.folioWaitQueue.contains(1));
    EXPECT_TRUE(m.folios[0].waiters);
    EXPECT_EQ(checkInvariants(setup, m), "");

    unlock(2, 0);
    EXPECT_FALSE(m.folios[0].locked());
    EXPECT_EQ(m.tasks[1].state, TaskState::Runnable);
    EXPECT_TRUE(m.folioWaitQueue.empty());
    EXPECT_FALSE(m.folios[0].waiters);
    EXPECT_EQ(checkInvariants(setup, m), "");
}

TEST_F(FolioWaitQueue, NonExclusiveWaitersAheadAreWokenAndOtherFoliosSkipped)
{
    m.folios[1].lockOwner = 0;
    queue(1, 1, WaitKind::FolioUnlock); // another folio's entry, at the head
    queue(2, 0, WaitKind::FolioUnlock);

    unlock(0, 0);
    EXPECT_FALSE(m.folios[0].locked());
    EXPECT_EQ(m.tasks[2].state, TaskState::Runnable);
    EXPECT_FALSE(m.folios[0].waiters);
    EXPECT_EQ(m.tasks[1].state, TaskState::Sleeping);
    ASSERT_EQ(m.folioWaitQueue.count, 1);
    EXPECT_EQ(m.folioWaitQueue.at(0), 1);
    EXPECT_TRUE(m.folios[1].waiters);
    EXPECT_EQ(checkInvariants(setup, m), "");
}

TEST_F(FolioWaitQueue, UnequalQueuesMakeUnequalMachines)
{
    Machine other = m;
    queue(2, 0, WaitKind::FolioLock);
    queue(1, 0, WaitKind::FolioLock);
    std::swap(m, other);
    queue(1, 0, WaitKind::FolioLock);
    queue(2, 0, WaitKind::FolioLock);
    EXPECT_FALSE(m == other); // same waits, another order
    EXPECT_NE(hashMachine(m), hashMachine(other));
    Machine copy = setup.initial;
    copy.assignUsed(m);
    EXPECT_TRUE(copy == m);
}

TEST_F(FolioWaitQueue, TheInvariantCatchesAWaiterMissingFromTheQueue)
{
    queue(2, 0, WaitKind::FolioLock);
    queue(1, 0, WaitKind::FolioUnlock);
    Machine missing = m;
    ASSERT_TRUE(missing.folioWaitQueue.remove(1));
    const std::string e = checkInvariants(setup, missing);
    EXPECT_NE(e.find("folio wait queue 0 times"), std::string::npos) << e;

    Machine noWaitersBit = m;
    noWaitersBit.folios[0].waiters = false;
    EXPECT_NE(checkInvariants(setup, noWaitersBit).find("PG_waiters"), std::string::npos);

    Machine stray = m;
    stray.tasks[1].wait = WaitKind::Timer; // queued, yet waits for something else
    EXPECT_NE(checkInvariants(setup, stray).find("on the folio wait queue but"), std::string::npos);
}
