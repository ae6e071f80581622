// SPDX-License-Identifier: GPL-2.0-only
#include "explore/explorer.h"

#include "engine/invariants.h"
#include "engine/waitfor.h"
#include "explore/state_graph.h"
#include "explore/state_table.h"
#include "model/machine.h"

#include <chrono>
#include <optional>

namespace fl {

const char *exploreVerdictName(ExploreVerdict v)
{
    switch (v) {
    case ExploreVerdict::Livelock: return "LIVELOCK";
    case ExploreVerdict::Deadlock: return "DEADLOCK";
    case ExploreVerdict::Safety: return "SAFETY";
    case ExploreVerdict::Ok: return "OK";
    case ExploreVerdict::Partial: return "PARTIAL";
    }
    return "?";
}

namespace {

constexpr std::uint32_t NoState = 0xffffffffu;

// Flags the step's events into its edge.
class EdgeSink final : public EventSink {
public:
    void onEvent(const Event &e) override
    {
        if (isCompletion(e))
            flags |= EdgeCompletes;
        if (isHazard(e)) {
            flags |= EdgeHazard;
            hazard = e;
        }
    }
    void onStep(CpuId, TaskId, std::uint16_t, Nanos, Nanos) override {}
    std::uint16_t flags = 0;
    Event hazard;
};

bool allWorkDone(const Machine &m)
{
    for (int i = 0; i < m.taskCount; ++i)
        if (m.tasks[i].role != Role::Kworker && m.tasks[i].state != TaskState::Done)
            return false;
    return true;
}

// A bug found during the search: the state it is in (or the edge into it).
struct Finding {
    std::uint32_t state = NoState;
    std::vector<Choice> extra; // choices after the state (the hazard's step)
    std::string what;
};

class Search {
public:
    Search(const Setup &setup, const ExploreOptions &options)
        : m_setup(setup), m_options(options), m_engine(m_setup, TimeModel::Untimed)
    {
    }

    ExploreResult run(const SimState &start);

private:
    void expand(std::uint32_t index, const Machine &m, std::vector<Machine> &next);
    std::vector<Choice> pathTo(std::uint32_t state) const;
    Machine replay(const std::vector<Choice> &choices) const;
    bool outOfBounds() const;
    // What the search keeps per state: visited set, graph, parent links.
    std::uint64_t storedBytes() const
    {
        return m_table.bytes() + m_graph.bytes()
               + m_parent.size() * (sizeof(std::uint32_t) + sizeof(std::uint16_t));
    }

    const Setup &m_setup;
    const ExploreOptions &m_options;
    Engine m_engine;
    SimState m_start;
    SimState m_work;
    StateTable m_table;
    StateGraph m_graph;
    std::vector<std::uint32_t> m_parent;
    std::vector<std::uint16_t> m_parentKey;
    std::optional<Finding> m_deadlock;
    std::optional<Finding> m_safety;
    std::uint32_t m_depth = 0;
    bool m_stopped = false;
    std::chrono::steady_clock::time_point m_began;
};

std::vector<Choice> Search::pathTo(std::uint32_t state) const
{
    std::vector<Choice> path;
    for (std::uint32_t s = state; m_parent[s] != NoState; s = m_parent[s])
        path.push_back(choiceOfKey(m_parentKey[s]));
    return {path.rbegin(), path.rend()};
}

Machine Search::replay(const std::vector<Choice> &choices) const
{
    SimState s = m_start;
    EdgeSink sink;
    for (Choice c : choices)
        m_engine.apply(s, c, sink);
    return s.machine;
}

bool Search::outOfBounds() const
{
    const std::uint64_t bytes = storedBytes();
    return m_parent.size() >= m_options.maxStates || bytes >= m_options.maxBytes
           || (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed));
}

void Search::expand(std::uint32_t index, const Machine &m, std::vector<Machine> &next)
{
    ChoiceList enabled;
    m_work.machine.assignUsed(m);
    m_engine.enabledChoices(m_work, enabled);
    if (enabled.count == 0 && !allWorkDone(m) && !m_deadlock)
        m_deadlock = Finding{index, {}, "nothing can run, yet tasks still wait"};
    for (const Choice &c : enabled) {
        // The untimed engine never reads the clocks, so one scratch copy
        // serves every step.
        SimState &after = m_work;
        after.machine.assignUsed(m);
        EdgeSink sink;
        m_engine.apply(after, c, sink);
        const std::uint64_t fp = hashMachine(after.machine);
        std::uint32_t to = m_table.find(fp);
        if (to == StateTable::Absent) {
            to = static_cast<std::uint32_t>(m_parent.size());
            m_table.insert(fp, to);
            m_parent.push_back(index);
            m_parentKey.push_back(choiceKey(c));
            if (m_options.checkInvariants && !m_safety) {
                if (std::string v = checkInvariants(m_setup, after.machine); !v.empty())
                    m_safety = Finding{to, {}, "invariant violated: " + v};
            }
            next.push_back(after.machine);
        }
        if ((sink.flags & EdgeHazard) && !m_safety) {
            const Event &h = sink.hazard;
            m_safety = Finding{index, {c},
                               std::string("hazard: ") + eventKindName(h.kind) + " of folio "
                                   + m_setup.folioNames[h.folio] + " by "
                                   + m_setup.taskNames[h.task]};
        }
        m_graph.add(to, choiceKey(c), sink.flags);
    }
    m_graph.closeState();
}

ExploreResult Search::run(const SimState &start)
{
    m_began = std::chrono::steady_clock::now();
    m_start = start;
    m_start.machine.rtThrottling = false; // needs clocks; see explorer.h
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_began).count();
    };
    m_table.insert(hashMachine(m_start.machine), 0);
    m_parent.push_back(NoState);
    m_parentKey.push_back(0);
    m_work = m_start;
    // Two levels of full machines, their buffers reused level after level.
    std::vector<Machine> level{m_start.machine};
    std::vector<Machine> next;
    std::uint32_t nextIndex = 0;
    std::uint64_t lastReport = 0;
    while (!level.empty()) {
        if (m_options.maxDepth != 0 && m_depth >= m_options.maxDepth) {
            m_stopped = true;
            break;
        }
        next.clear();
        for (const Machine &m : level) {
            if (outOfBounds()) {
                m_stopped = true;
                break;
            }
            expand(nextIndex++, m, next);
            if (m_options.progress && m_parent.size() - lastReport >= (1u << 16)) {
                lastReport = m_parent.size();
                m_options.progress({m_parent.size(), m_graph.edgeCount(), m_depth, elapsed()});
            }
        }
        if (m_stopped)
            break;
        std::swap(level, next);
        if (!level.empty())
            ++m_depth;
    }

    ExploreResult r;
    r.complete = !m_stopped;
    r.states = m_parent.size();
    r.transitions = m_graph.edgeCount();
    r.depth = m_depth;
    const std::optional<FairCycle> cycle = findFairCycle(m_graph);
    r.seconds = elapsed();
    r.bytesPerState = static_cast<double>(storedBytes())
                      / static_cast<double>(std::max<std::uint64_t>(r.states, 1));

    std::vector<std::string> found;
    if (m_safety)
        found.push_back("SAFETY: " + m_safety->what);
    if (m_deadlock)
        found.push_back("DEADLOCK: " + m_deadlock->what);
    if (cycle)
        found.push_back("LIVELOCK: a fair cycle of " + std::to_string(cycle->choices.size())
                        + " steps on which nothing completes");
    if (m_safety) {
        r.verdict = ExploreVerdict::Safety;
        r.stem = pathTo(m_safety->state);
        r.stem.insert(r.stem.end(), m_safety->extra.begin(), m_safety->extra.end());
        r.summary = "Unsafe: " + m_safety->what + ", after " + std::to_string(r.stem.size())
                    + " steps.";
    } else if (m_deadlock) {
        r.verdict = ExploreVerdict::Deadlock;
        r.stem = pathTo(m_deadlock->state);
        const Machine m = replay(r.stem);
        r.explanation.graph = buildWaitForGraph(m_setup, m);
        r.explanation.cycle = findCycle(r.explanation.graph);
        r.summary = "Deadlock after " + std::to_string(r.stem.size())
                    + " steps: nothing can run, yet tasks still wait.";
    } else if (cycle) {
        r.verdict = ExploreVerdict::Livelock;
        r.stem = pathTo(cycle->entry);
        r.cycle = cycle->choices;
        const Machine m = replay(r.stem);
        r.explanation.graph = buildWaitForGraph(m_setup, m);
        r.explanation.cycle = findCycle(r.explanation.graph);
        r.summary = "Livelock: after " + std::to_string(r.stem.size())
                    + " steps the machine enters a fair cycle of "
                    + std::to_string(r.cycle.size())
                    + " steps that returns to the same state and on which no fault or "
                      "migration completes.";
    } else if (!r.complete) {
        r.verdict = ExploreVerdict::Partial;
        r.summary = "Stopped by a bound after " + std::to_string(r.states)
                    + " states; nothing found so far.";
    } else {
        r.verdict = ExploreVerdict::Ok;
        r.summary = "No livelock, deadlock or unsafe state in all " + std::to_string(r.states)
                    + " reachable states (every schedule, ticks and timers at any moment).";
    }
    for (std::size_t i = 1; i < found.size(); ++i)
        r.alsoFound.push_back(found[i]);
    if (r.verdict == ExploreVerdict::Partial || r.verdict == ExploreVerdict::Ok)
        r.alsoFound = found;
    return r;
}

} // namespace

ExploreResult explore(const Setup &setup, const SimState &start, const ExploreOptions &options)
{
    Search search(setup, options);
    return search.run(start);
}

ExploreResult explore(const Setup &setup, const ExploreOptions &options)
{
    return explore(setup, Engine(setup).initialState(), options);
}

} // namespace fl
