// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"
#include "explore/huge_page_allocator.h"

#include <bitset>
#include <cstdint>
#include <memory>
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
    return Choice {static_cast<CpuId>(key >> 8), static_cast<TaskId>(key & 0xff)};
}

enum EdgeFlag : std::uint16_t {
    EdgeCompletes = 1 << 12, // a fault or migration completed on this step
    EdgeHazard = 1 << 13, // a hazard event fired on this step
    // Symmetric search: the successor was renamed to its orbit's
    // representative (the edge closes only up to a renaming).
    EdgeRenamed = 1 << 14,
};
inline constexpr std::uint16_t EdgeKeyMask = 0x0fff; // choiceKey() needs 11 bits

struct StateEdge
{
    std::uint32_t to = 0;
    std::uint16_t key = 0; // choiceKey()
    std::uint16_t flags = 0; // EdgeFlag
};

// Edges are kept as two arrays (6 bytes an edge): most of a search's memory.
struct StateGraph
{
    BigVector<std::uint32_t> offsets {0}; // one more than the expanded states
    BigVector<std::uint32_t> edgeTo;
    BigVector<std::uint16_t> edgeKey; // key | flags

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
struct FairCycle
{
    std::uint32_t entry = 0; // its shallowest state
    std::vector<Choice> choices; // from entry back to entry
};

class TarjanComponents;

// The fair components of a graph (an emptiness check for Streett fairness:
// strongly connected components on edges that complete nothing, cut down by
// the states where a choice is enabled that the component never takes).
// The work arrays are allocated once per graph, so that a caller may ask
// about many small sets of states (the explorer's symmetric search does).
class FairComponents
{
public:
    using KeySet = std::bitset<MaxCpus * 256>;
    struct Component
    {
        std::uint32_t entry = 0; // its shallowest state
        std::vector<std::uint32_t> states;
        std::uint32_t set = 0; // its mark, until the next find()
        KeySet taken;
    };
    explicit FairComponents(const StateGraph &graph);
    ~FairComponents();

    // The fair components among `nodes` (every expanded state when null),
    // shallowest entry first. Choices are compared by `(*classOf)[key]` when
    // given: a symmetric search's quotient is fair up to renaming only.
    std::vector<Component> find(
            const std::vector<std::uint32_t> *nodes, const std::vector<std::uint16_t> *classOf);
    // Does an edge inside `c` carry `flag`? Only until the next find().
    bool anyEdge(const Component &c, std::uint16_t flag) const;
    // A cycle from the entry of `c` (found by the last find(), with exact
    // choices) that takes every choice the component takes.
    std::optional<FairCycle> cycle(const Component &c) const;

private:
    const StateGraph &m_g;
    std::vector<std::uint32_t> m_mark;
    std::uint32_t m_nextSet = 0;
    std::unique_ptr<TarjanComponents> m_tarjan;
};

// The fair cycle whose component is entered at the shallowest state, if any.
std::optional<FairCycle> findFairCycle(const StateGraph &graph);

} // namespace fl
