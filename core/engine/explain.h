// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fl {

// A node of the wait-for graph: a task, a folio lock, a CPU's drain work, a
// CPU, or a mutex.
enum class NodeKind : std::uint8_t { Task, Folio, Work, Cpu, DrainMutex, DriverMutex };

struct WaitNode {
    NodeKind kind = NodeKind::Task;
    std::uint8_t id = 0;
    bool operator==(const WaitNode &) const = default;
};

enum class EdgeKind : std::uint8_t {
    SpinsOnLock,     // task -> folio: keeps failing folio_trylock
    SleepsOnLock,    // task -> folio: sleeps until it is unlocked
    LockedBy,        // folio -> task holding PG_locked
    FlushesWork,     // task -> work(c): sleeps in flush_work
    NeedsCpu,        // work(c) -> cpu c: the kworker is runnable but not running
    HeldBy,          // cpu -> task that will not give it up
    WaitsForMutex,   // task -> mutex
    MutexOwnedBy,    // mutex -> task
    NeedsRefDropped, // task -> task holding an extra reference that fails (or stalls) its migration
    NeedsQuiescentState, // task -> cpu: synchronize_rcu_expedited() waits for that CPU
};

struct WaitEdge {
    WaitNode from;
    WaitNode to;
    EdgeKind kind = EdgeKind::LockedBy;
    std::string label; // one line in words
};

struct Explanation {
    std::string summary;          // one paragraph in words
    std::vector<WaitEdge> cycle;  // the wait-for cycle, empty when none was found
    std::vector<WaitEdge> graph;  // every wait-for edge at the moment of the verdict
};

} // namespace fl
