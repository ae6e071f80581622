// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"

#include <cstdint>
#include <optional>
#include <vector>

// The reachable graph the explorer builds, in compressed-row form: the edges
// of state i are edges[offsets[i] .. offsets[i + 1]). States are numbered in
// breadth-first order, so a smaller number is never deeper.
namespace fl {

// A choice packed into 16 bits: it names the edge and its fairness class
// (step CPU c, pick task t on c, fire c's tick, fire t's timer).
inline std::uint16_t choiceKey(Choice c)
{
    return static_cast<std::uint16_t>(c.cpu * 256 + c.task);
}
inline Choice choiceOfKey(std::uint16_t key)
{
    return Choice{static_cast<CpuId>(key >> 8), static_cast<TaskId>(key & 0xff)};
}

enum EdgeFlag : std::uint16_t {
    EdgeCompletes = 1 << 12, // a fault or migration completed on this step
    EdgeHazard = 1 << 13,    // a hazard event fired on this step
};
inline constexpr std::uint16_t EdgeKeyMask = 0x0fff; // choiceKey() needs 11 bits

struct StateEdge {
    std::uint32_t to = 0;
    std::uint16_t key = 0;   // choiceKey()
    std::uint16_t flags = 0; // EdgeFlag
};

// Edges are kept as two arrays (6 bytes an edge): most of a search's memory.
struct StateGraph {
    std::vector<std::uint32_t> offsets{0}; // one more than the expanded states
    std::vector<std::uint32_t> edgeTo;
    std::vector<std::uint16_t> edgeKey; // key | flags

    std::size_t expanded() const { return offsets.size() - 1; }
    std::size_t edgeCount() const { return edgeTo.size(); }
    std::uint32_t first(std::uint32_t s) const { return s < expanded() ? offsets[s] : 0; }
    std::uint32_t last(std::uint32_t s) const { return s < expanded() ? offsets[s + 1] : 0; }
    StateEdge edge(std::uint32_t i) const
    {
        return {edgeTo[i], static_cast<std::uint16_t>(edgeKey[i] & EdgeKeyMask),
                static_cast<std::uint16_t>(edgeKey[i] & ~EdgeKeyMask)};
    }
    void add(std::uint32_t to, std::uint16_t key, std::uint16_t flags)
    {
        edgeTo.push_back(to);
        edgeKey.push_back(static_cast<std::uint16_t>(key | flags));
    }
    void closeState() { offsets.push_back(static_cast<std::uint32_t>(edgeTo.size())); }
    std::size_t bytes() const
    {
        return offsets.size() * sizeof(std::uint32_t) + edgeTo.size() * sizeof(std::uint32_t)
               + edgeKey.size() * sizeof(std::uint16_t);
    }
};

// A fair cycle: every choice enabled anywhere on it is taken on it (strong
// fairness per choice), and no edge of it completes anything.
struct FairCycle {
    std::uint32_t entry = 0;      // its shallowest state
    std::vector<Choice> choices;  // from entry back to entry
};

// The fair cycle whose component is entered at the shallowest state, if any
// (an emptiness check for Streett fairness: components are cut down by the
// states where a choice is enabled that the component never takes).
std::optional<FairCycle> findFairCycle(const StateGraph &graph);

} // namespace fl
