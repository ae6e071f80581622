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

} // namespace fl
