// SPDX-License-Identifier: GPL-2.0-only
#include "engine/invariants.h"

#include <array>
#include <cstdint>
#include <limits>

namespace fl {

namespace {

// Where each folio's references and mappings come from, counted in one pass
// over the machine (this runs on every state the explorer finds). The counts
// are 16-bit, bounded by the static_assert: zeroing four arrays of ints took
// a third of this check's time.
struct FolioSources {
    using Count = std::uint16_t;
    static_assert(MaxMms * MaxVas + MaxTasks * (1 + 2 * MaxMigratePages) + MaxCpus * MaxBatch
            < std::numeric_limits<Count>::max());
    std::array<Count, MaxFolios> mapped {}; // PTEs present or device-private
    std::array<Count, MaxFolios> pointedAt {}; // PTEs of any kind
    std::array<Count, MaxFolios> refs {}; // get_page and migration references
    std::array<Count, MaxFolios> inBatches {};
    std::array<std::int8_t, MaxFolios> strayBatchCpu; // first CPU whose batch holds it unannounced

    explicit FolioSources(const Machine &m)
    {
        strayBatchCpu.fill(-1);
        auto valid = [](FolioId f) { return f < MaxFolios; };
        for (const Mm &mm : m.mms) {
            if (!mm.used)
                continue;
            for (const Pte &pte : mm.pte) {
                if (pte.kind == PteKind::None || !valid(pte.folio))
                    continue;
                ++pointedAt[pte.folio];
                if (pte.kind == PteKind::Present || pte.kind == PteKind::DevicePrivate)
                    ++mapped[pte.folio];
            }
        }
        for (int i = 0; i < m.taskCount; ++i) {
            const Task &t = m.tasks[i];
            if (valid(t.pageRef))
                ++refs[t.pageRef];
            for (const MigrateEntry &e : t.mig.e) {
                if (valid(e.src) && (e.flags & MigrateHoldsRef))
                    ++refs[e.src];
                if (valid(e.dst))
                    ++refs[e.dst];
            }
        }
        for (int c = 0; c < m.cpuCount; ++c) {
            for (int i = 0; i < m.cpus[c].batchCount; ++i) {
                const FolioId f = m.cpus[c].batch[i];
                if (!valid(f))
                    continue;
                ++inBatches[f];
                const Folio &folio = m.folios[f];
                if ((folio.place != FolioPlace::Batch || folio.batchCpu != c)
                        && strayBatchCpu[f] < 0)
                    strayBatchCpu[f] = static_cast<std::int8_t>(c);
            }
        }
    }
};

std::string folioRefs(const Setup &setup, const Machine &m, const FolioSources &sources, int f)
{
    const Folio &folio = m.folios[f];
    const int mapped = sources.mapped[f];
    int expected = mapped + sources.refs[f];
    if (folio.place == FolioPlace::Batch || folio.place == FolioPlace::Isolated)
        ++expected;
    // Named only when something is wrong.
    auto name = [&] { return "folio " + setup.folioNames[f]; };
    if (mapped != folio.mapcount)
        return name() + ": mapcount " + std::to_string(folio.mapcount) + " but "
               + std::to_string(mapped) + " PTEs map it";
    if (expected != folio.refcount)
        return name() + ": refcount " + std::to_string(folio.refcount)
               + " but its sources (mappings, batch or isolation, get_page, migration "
                 "references) add up to "
               + std::to_string(expected);
    return {};
}

std::string folioPlaces(const Setup &setup, const Machine &m)
{
    const FolioSources sources(m);
    for (int f = 0; f < m.folioCount; ++f) {
        const Folio &folio = m.folios[f];
        auto name = [&] { return "folio " + setup.folioNames[f]; };
        if (sources.strayBatchCpu[f] >= 0)
            return name() + " sits in CPU" + std::to_string(sources.strayBatchCpu[f])
                   + "'s batch but does not say so";
        if (sources.inBatches[f] > 1)
            return name() + " is in more than one per-CPU batch slot";
        if (folio.place == FolioPlace::Batch && sources.inBatches[f] == 0)
            return name() + " claims a batch slot it does not have";
        if (folio.lru != (folio.place == FolioPlace::Lru))
            return name() + ": PG_lru disagrees with its place on the LRU";
        if (!folio.allocated) {
            // The one tolerated exception is the bug sleeping-lock-late-ref
            // reports as a hazard: lock_page() on a page that was freed while
            // its sleeper held no reference.
            const bool useAfterFree = folio.locked() && m.tasks[folio.lockOwner].unrefPage == f;
            if (folio.refcount != 0 || folio.mapcount != 0 || (folio.locked() && !useAfterFree)
                || folio.place != FolioPlace::None)
                return name() + " is free but still referenced, mapped, locked or listed";
            if (sources.pointedAt[f] != 0)
                return name() + " is free but a PTE still points at it";
            continue;
        }
        if (folio.kind == FolioKind::DevicePrivate && folio.place != FolioPlace::None)
            return name() + " is device-private but on an LRU list or batch";
        if (std::string e = folioRefs(setup, m, sources, f); !e.empty())
            return e;
        if (folio.locked()) {
            const Task &owner = m.tasks[folio.lockOwner];
            if (folio.lockOwner >= m.taskCount || owner.state == TaskState::Done)
                return name() + " is locked by a task that no longer runs";
        }
    }
    return {};
}

std::string schedulerState(const Setup &setup, const Machine &m)
{
    for (int i = 0; i < m.taskCount; ++i) {
        const Task &t = m.tasks[i];
        auto name = [&] { return "task " + setup.taskNames[i]; };
        const Cpu &cpu = m.cpus[t.cpu];
        const bool current = cpu.current == i;
        const bool queued = cpu.runqueue.contains(static_cast<TaskId>(i));
        if ((t.state == TaskState::Running) != current)
            return name() + ": state running disagrees with CPU" + std::to_string(t.cpu)
                   + "'s current task";
        if ((t.state == TaskState::Runnable) != queued)
            return name() + ": state runnable disagrees with CPU" + std::to_string(t.cpu)
                   + "'s runqueue";
        if (t.state == TaskState::Sleeping && t.wait == WaitKind::None)
            return name() + " sleeps on nothing";
        if (t.state != TaskState::Done && t.depth == 0)
            return name() + " is alive with an empty call stack";
        if (t.state == TaskState::Sleeping && t.wait == WaitKind::FlushWork) {
            const Cpu &target = m.cpus[t.waitArg];
            if (!target.workPending && !target.workRunning)
                return name() + " waits in flush_work for CPU" + std::to_string(t.waitArg)
                       + " but no work is queued there: a lost wake-up";
        }
    }
    for (int mm = 0; mm < MaxMms; ++mm) {
        const TaskId owner = m.mms[mm].ptlOwner;
        if (owner != NoTask && (owner >= m.taskCount || m.tasks[owner].state == TaskState::Done))
            return "the PTL of mm " + setup.mmNames[mm] + " is owned by a task that no longer runs";
    }
    if (m.drainMutexOwner != NoTask && m.tasks[m.drainMutexOwner].state == TaskState::Done)
        return "the lru_add_drain_all mutex is owned by a task that no longer runs";
    for (int c = 0; c < m.cpuCount; ++c)
        if (m.cpus[c].batchCount > m.pagevecSize)
            return "CPU" + std::to_string(c) + "'s batch is over PAGEVEC_SIZE";
    return {};
}

// The folio wait queue holds exactly the tasks that wait on a folio, each
// once, and PG_waiters is set on every folio with an entry: a waiter missing
// from the queue, or a clear PG_waiters, is a lost wake-up.
std::string folioWaitQueue(const Setup &setup, const Machine &m)
{
    const TaskQueue &q = m.folioWaitQueue;
    std::array<int, MaxTasks> entries {};
    for (int i = 0; i < q.count; ++i) {
        const TaskId id = q.at(i);
        if (id >= m.taskCount)
            return "the folio wait queue holds task slot " + std::to_string(id)
                    + ", beyond the scenario's tasks";
        ++entries[id];
        const Task &t = m.tasks[id];
        if (t.wait != WaitKind::FolioLock && t.wait != WaitKind::FolioUnlock)
            return "task " + setup.taskNames[id] + " is on the folio wait queue but waits for "
                    + waitKindName(t.wait);
        if (t.waitArg >= m.folioCount)
            return "task " + setup.taskNames[id] + " waits on folio slot "
                    + std::to_string(t.waitArg) + ", beyond the scenario's folios";
        if (!m.folios[t.waitArg].waiters)
            return "folio " + setup.folioNames[t.waitArg] + " has a queued waiter ("
                    + setup.taskNames[id] + ") but PG_waiters is clear";
    }
    for (int i = 0; i < m.taskCount; ++i) {
        const Task &t = m.tasks[i];
        const bool folioWait = t.wait == WaitKind::FolioLock || t.wait == WaitKind::FolioUnlock;
        if (folioWait && entries[i] != 1)
            return "task " + setup.taskNames[i] + " waits on a folio (" + waitKindName(t.wait)
                    + ") but is on the folio wait queue " + std::to_string(entries[i]) + " times";
    }
    return {};
}

} // namespace

bool localsSeenByInvariants(const Task &before, const Task &after)
{
    return (before.depth == 0) != (after.depth == 0) || before.mig.e != after.mig.e;
}

std::string checkInvariants(const Setup &setup, const Machine &m)
{
    if (std::string e = folioPlaces(setup, m); !e.empty())
        return e;
    if (std::string e = folioWaitQueue(setup, m); !e.empty())
        return e;
    return schedulerState(setup, m);
}

} // namespace fl
