// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/setup.h"
#include "model/machine.h"

#include <string>

namespace fl {

// Checks the machine's consistency: every refcount equals the sum of its
// sources; a folio is in at most one of {LRU, one per-CPU batch, isolated}
// and PG_lru agrees; lock owners hold what they claim; the scheduler's
// queues agree with task states; mapcounts match the page tables; free
// folios are unreferenced; no flush_work waiter can miss its wake-up; the
// folio wait queue holds each folio waiter once, under a set PG_waiters.
// Returns an empty string, or a description of the first violation.
std::string checkInvariants(const Setup &setup, const Machine &m);

// Of a task's locals (the fields a local step may change, explore/
// local_steps.cpp), the invariants read only whether its call stack is
// empty and its migrate_vma entries (the references they hold): between two
// machines that differ in nothing else but those locals, false means the
// verdict of checkInvariants() is the same. Keep it in step with the checks.
bool localsSeenByInvariants(const Task &before, const Task &after);

} // namespace fl
