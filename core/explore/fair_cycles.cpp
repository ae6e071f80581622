// SPDX-License-Identifier: GPL-2.0-only
#include "explore/state_graph.h"

#include <algorithm>
#include <bitset>
#include <deque>

namespace fl {

namespace {

constexpr std::uint32_t None = 0xffffffffu;
using KeySet = FairComponents::KeySet;

// The state an edge leaves (the offsets are sorted).
std::uint32_t sourceOf(const StateGraph &g, std::uint32_t edge)
{
    const auto it = std::upper_bound(g.offsets.begin(), g.offsets.end(), edge);
    return static_cast<std::uint32_t>(it - g.offsets.begin() - 1);
}

// A search stopped by a bound leaves edges to states that were numbered but
// never expanded (the next BFS level): they have no mark and are in no
// component, so a PARTIAL answer is computed on the expanded part only.
std::uint32_t markOf(const std::vector<std::uint32_t> &mark, std::uint32_t state)
{
    return state < mark.size() ? mark[state] : 0;
}

bool usable(const StateEdge &e)
{
    return !(e.flags & EdgeCompletes);
}

} // namespace

// Tarjan's algorithm, iteratively, on the states marked with `set`.
class TarjanComponents
{
public:
    explicit TarjanComponents(const StateGraph &g)
        : m_g(g)
        , m_index(g.expanded(), None)
        , m_low(g.expanded(), 0)
        , m_onStack(g.expanded(), false)
    { }

    // Calls `found` with each strongly connected component of `nodes` (on
    // usable edges between marked states) that contains a cycle.
    template<typename Fn>
    void run(const std::vector<std::uint32_t> &nodes, const std::vector<std::uint32_t> &mark,
            std::uint32_t set, Fn found)
    {
        for (std::uint32_t v : nodes) {
            m_index[v] = None;
            m_onStack[v] = false;
        }
        auto inSet = [&](std::uint32_t w) {
            return markOf(mark, w) == set;
        };
        std::uint32_t counter = 0;
        struct Frame
        {
            std::uint32_t v;
            std::uint32_t next;
        };
        std::vector<Frame> calls;
        for (std::uint32_t root : nodes) {
            if (m_index[root] != None)
                continue;
            auto enter = [&](std::uint32_t v) {
                m_index[v] = m_low[v] = counter++;
                m_stack.push_back(v);
                m_onStack[v] = true;
                calls.push_back({v, m_g.first(v)});
            };
            enter(root);
            while (!calls.empty()) {
                Frame &f = calls.back();
                const std::uint32_t v = f.v;
                bool descended = false;
                for (; f.next != m_g.last(v); ++f.next) {
                    const StateEdge e = m_g.edge(f.next);
                    if (!usable(e) || !inSet(e.to))
                        continue;
                    if (m_index[e.to] == None) {
                        ++f.next;
                        enter(e.to);
                        descended = true;
                        break;
                    }
                    if (m_onStack[e.to])
                        m_low[v] = std::min(m_low[v], m_index[e.to]);
                }
                if (descended)
                    continue;
                if (m_low[v] == m_index[v]) {
                    std::vector<std::uint32_t> comp;
                    std::uint32_t w;
                    do {
                        w = m_stack.back();
                        m_stack.pop_back();
                        m_onStack[w] = false;
                        comp.push_back(w);
                    } while (w != v);
                    if (comp.size() > 1 || hasSelfLoop(v))
                        found(std::move(comp));
                }
                calls.pop_back();
                if (!calls.empty())
                    m_low[calls.back().v] = std::min(m_low[calls.back().v], m_low[v]);
            }
        }
    }

private:
    bool hasSelfLoop(std::uint32_t v) const
    {
        for (std::uint32_t i = m_g.first(v); i != m_g.last(v); ++i)
            if (usable(m_g.edge(i)) && m_g.edge(i).to == v)
                return true;
        return false;
    }

    const StateGraph &m_g;
    std::vector<std::uint32_t> m_index;
    std::vector<std::uint32_t> m_low;
    std::vector<bool> m_onStack;
    std::vector<std::uint32_t> m_stack;
};

namespace {

// Shortest path inside the component from `from` to a state with an edge
// whose key is in `wanted` (then along it), or back to `target` when
// `wanted` is empty. Appends the choices and returns where it ends.
std::uint32_t walk(const StateGraph &g, const std::vector<std::uint32_t> &mark, std::uint32_t set,
        std::uint32_t from, const KeySet &wanted, std::uint32_t target, std::vector<Choice> &out,
        std::uint16_t *taken)
{
    // viaEdge[v]: the edge that first reached v (None: not reached yet).
    std::vector<std::uint32_t> viaEdge(g.expanded(), None);
    std::deque<std::uint32_t> queue {from};
    while (!queue.empty()) {
        const std::uint32_t v = queue.front();
        queue.pop_front();
        for (std::uint32_t i = g.first(v); i != g.last(v); ++i) {
            const StateEdge e = g.edge(i);
            if (!usable(e) || markOf(mark, e.to) != set)
                continue;
            const bool hit = wanted.any() ? wanted.test(e.key) : e.to == target;
            if (hit) {
                std::vector<Choice> path {choiceOfKey(e.key)};
                for (std::uint32_t u = v; u != from;) {
                    path.push_back(choiceOfKey(g.edge(viaEdge[u]).key));
                    u = sourceOf(g, viaEdge[u]);
                }
                out.insert(out.end(), path.rbegin(), path.rend());
                if (taken)
                    *taken = e.key;
                return e.to;
            }
            if (e.to != from && viaEdge[e.to] == None) {
                viaEdge[e.to] = i;
                queue.push_back(e.to);
            }
        }
    }
    return None;
}

} // namespace

FairComponents::FairComponents(const StateGraph &g)
    : m_g(g)
    , m_mark(g.expanded(), 0)
    , m_tarjan(std::make_unique<TarjanComponents>(g))
{ }

FairComponents::~FairComponents() = default;

std::vector<FairComponents::Component> FairComponents::find(
        const std::vector<std::uint32_t> *nodes, const std::vector<std::uint16_t> *classOf)
{
    auto cls = [&](std::uint16_t key) {
        return classOf ? (*classOf)[key] : key;
    };
    std::vector<Component> fair;
    std::vector<std::vector<std::uint32_t>> work;
    if (nodes) {
        work.push_back(*nodes);
    } else {
        work.emplace_back(m_g.expanded());
        for (std::uint32_t i = 0; i < m_g.expanded(); ++i)
            work.back()[i] = i;
    }
    // Set numbers only grow, so marks left by an earlier call never match.
    while (!work.empty()) {
        std::vector<std::uint32_t> set = std::move(work.back());
        work.pop_back();
        const std::uint32_t id = ++m_nextSet;
        for (std::uint32_t v : set)
            m_mark[v] = id;
        std::vector<std::vector<std::uint32_t>> comps;
        m_tarjan->run(set, m_mark, id,
                [&](std::vector<std::uint32_t> c) { comps.push_back(std::move(c)); });
        for (auto &comp : comps) {
            const std::uint32_t compSet = ++m_nextSet;
            for (std::uint32_t v : comp)
                m_mark[v] = compSet;
            KeySet taken;
            for (std::uint32_t v : comp)
                for (std::uint32_t i = m_g.first(v); i != m_g.last(v); ++i)
                    if (usable(m_g.edge(i)) && markOf(m_mark, m_g.edge(i).to) == compSet)
                        taken.set(cls(m_g.edge(i).key));
            std::vector<std::uint32_t> keep;
            for (std::uint32_t v : comp) {
                bool isFair = true;
                for (std::uint32_t i = m_g.first(v); i != m_g.last(v) && isFair; ++i)
                    isFair = taken.test(cls(m_g.edge(i).key));
                if (isFair)
                    keep.push_back(v);
            }
            if (keep.size() == comp.size()) {
                const std::uint32_t entry = *std::min_element(comp.begin(), comp.end());
                fair.push_back({entry, std::move(comp), compSet, taken});
            } else if (!keep.empty()) {
                work.push_back(std::move(keep));
            }
        }
    }
    std::sort(fair.begin(), fair.end(),
            [](const Component &a, const Component &b) { return a.entry < b.entry; });
    return fair;
}

bool FairComponents::anyEdge(const Component &c, std::uint16_t flag) const
{
    for (std::uint32_t v : c.states)
        for (std::uint32_t i = m_g.first(v); i != m_g.last(v); ++i)
            if ((m_g.edge(i).flags & flag) && usable(m_g.edge(i))
                    && markOf(m_mark, m_g.edge(i).to) == c.set)
                return true;
    return false;
}

std::optional<FairCycle> FairComponents::cycle(const Component &c) const
{
    const StateGraph &g = m_g;
    const std::vector<std::uint32_t> &mark = m_mark;
    std::optional<FairCycle> best = FairCycle {c.entry, {}};
    const KeySet &bestTaken = c.taken;
    const std::uint32_t bestSet = c.set;
    // The component is exactly the states still marked bestSet (fair
    // components are never split further). Walk a cycle from its entry that
    // takes every choice it enables.
    std::uint32_t at = best->entry;
    KeySet remaining = bestTaken;
    while (remaining.any()) {
        std::uint16_t key = 0;
        at = walk(g, mark, bestSet, at, remaining, None, best->choices, &key);
        if (at == None)
            return std::nullopt; // cannot happen in a strongly connected component
        remaining.reset(key);
    }
    if (at != best->entry
            && walk(g, mark, bestSet, at, KeySet {}, best->entry, best->choices, nullptr) == None)
        return std::nullopt;
    return best;
}

std::optional<FairCycle> findFairCycle(const StateGraph &g)
{
    FairComponents components(g);
    const std::vector<FairComponents::Component> fair = components.find(nullptr, nullptr);
    if (fair.empty())
        return std::nullopt;
    return components.cycle(fair.front());
}

} // namespace fl
