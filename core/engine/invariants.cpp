// SPDX-License-Identifier: GPL-2.0-only
#include "engine/invariants.h"

namespace fl {

namespace {

std::string folioRefs(const Setup &setup, const Machine &m, int f)
{
    const Folio &folio = m.folios[f];
    int expected = 0;
    int mapped = 0;
    for (const Mm &mm : m.mms) {
        if (!mm.used)
            continue;
        for (const Pte &pte : mm.pte)
            if (pte.folio == f
                && (pte.kind == PteKind::Present || pte.kind == PteKind::DevicePrivate))
                ++mapped;
    }
    expected += mapped;
    if (folio.place == FolioPlace::Batch || folio.place == FolioPlace::Isolated)
        ++expected;
    for (int i = 0; i < m.taskCount; ++i) {
        const Task &t = m.tasks[i];
        if (t.pageRef == f)
            ++expected;
        for (const MigrateEntry &e : t.mig.e) {
            if (e.src == f && (e.flags & MigrateHoldsRef))
                ++expected;
            if (e.dst == f)
                ++expected;
        }
    }
    const std::string name = "folio " + setup.folioNames[f];
    if (mapped != folio.mapcount)
        return name + ": mapcount " + std::to_string(folio.mapcount) + " but "
               + std::to_string(mapped) + " PTEs map it";
    if (expected != folio.refcount)
        return name + ": refcount " + std::to_string(folio.refcount)
               + " but its sources (mappings, batch or isolation, get_page, migration "
                 "references) add up to "
               + std::to_string(expected);
    return {};
}

std::string folioPlaces(const Setup &setup, const Machine &m)
{
    for (int f = 0; f < m.folioCount; ++f) {
        const Folio &folio = m.folios[f];
        const std::string name = "folio " + setup.folioNames[f];
        int inBatches = 0;
        for (int c = 0; c < m.cpuCount; ++c)
            for (int i = 0; i < m.cpus[c].batchCount; ++i)
                if (m.cpus[c].batch[i] == f) {
                    ++inBatches;
                    if (folio.place != FolioPlace::Batch || folio.batchCpu != c)
                        return name + " sits in CPU" + std::to_string(c)
                               + "'s batch but does not say so";
                }
        if (inBatches > 1)
            return name + " is in more than one per-CPU batch slot";
        if (folio.place == FolioPlace::Batch && inBatches == 0)
            return name + " claims a batch slot it does not have";
        if (folio.lru != (folio.place == FolioPlace::Lru))
            return name + ": PG_lru disagrees with its place on the LRU";
        if (!folio.allocated) {
            // The one tolerated exception is the bug sleeping-lock-late-ref
            // reports as a hazard: lock_page() on a page that was freed while
            // its sleeper held no reference.
            const bool useAfterFree = folio.locked() && m.tasks[folio.lockOwner].unrefPage == f;
            if (folio.refcount != 0 || folio.mapcount != 0 || (folio.locked() && !useAfterFree)
                || folio.place != FolioPlace::None)
                return name + " is free but still referenced, mapped, locked or listed";
            for (const Mm &mm : m.mms)
                for (const Pte &pte : mm.pte)
                    if (mm.used && pte.kind != PteKind::None && pte.folio == f)
                        return name + " is free but a PTE still points at it";
            continue;
        }
        if (folio.kind == FolioKind::DevicePrivate && folio.place != FolioPlace::None)
            return name + " is device-private but on an LRU list or batch";
        if (std::string e = folioRefs(setup, m, f); !e.empty())
            return e;
        if (folio.locked()) {
            const Task &owner = m.tasks[folio.lockOwner];
            if (folio.lockOwner >= m.taskCount || owner.state == TaskState::Done)
                return name + " is locked by a task that no longer runs";
        }
    }
    return {};
}

std::string schedulerState(const Setup &setup, const Machine &m)
{
    for (int i = 0; i < m.taskCount; ++i) {
        const Task &t = m.tasks[i];
        const std::string name = "task " + setup.taskNames[i];
        const Cpu &cpu = m.cpus[t.cpu];
        const bool current = cpu.current == i;
        const bool queued = cpu.runqueue.contains(static_cast<TaskId>(i));
        if ((t.state == TaskState::Running) != current)
            return name + ": state running disagrees with CPU" + std::to_string(t.cpu)
                   + "'s current task";
        if ((t.state == TaskState::Runnable) != queued)
            return name + ": state runnable disagrees with CPU" + std::to_string(t.cpu)
                   + "'s runqueue";
        if (t.state == TaskState::Sleeping && t.wait == WaitKind::None)
            return name + " sleeps on nothing";
        if (t.state != TaskState::Done && t.depth == 0)
            return name + " is alive with an empty call stack";
        if (t.state == TaskState::Sleeping && t.wait == WaitKind::FlushWork) {
            const Cpu &target = m.cpus[t.waitArg];
            if (!target.workPending && !target.workRunning)
                return name + " waits in flush_work for CPU" + std::to_string(t.waitArg)
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

} // namespace

std::string checkInvariants(const Setup &setup, const Machine &m)
{
    if (std::string e = folioPlaces(setup, m); !e.empty())
        return e;
    return schedulerState(setup, m);
}

} // namespace fl
