// SPDX-License-Identifier: GPL-2.0-only
#include "explore/explorer.h"

#include "engine/invariants.h"
#include "engine/stuck_detector.h"
#include "explore/edge_sink.h"
#include "explore/huge_page_allocator.h"
#include "explore/local_steps.h"
#include "explore/state_codec.h"
#include "explore/state_graph.h"
#include "explore/state_table.h"
#include "explore/symmetry.h"
#include "io/process_memory.h"
#include "model/machine.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <thread>

namespace fl {

const char *exploreVerdictName(ExploreVerdict v)
{
    switch (v) {
    case ExploreVerdict::Livelock:
        return "LIVELOCK";
    case ExploreVerdict::Deadlock:
        return "DEADLOCK";
    case ExploreVerdict::Safety:
        return "SAFETY";
    case ExploreVerdict::Ok:
        return "OK";
    case ExploreVerdict::Partial:
        return "PARTIAL";
    case ExploreVerdict::Refused:
        return "REFUSED";
    }
    return "?";
}

namespace {

// The most further runs of its job any task has still to make.
int mostRepeats(const Machine &m)
{
    int most = 0;
    for (int t = 0; t < m.taskCount; ++t)
        most = std::max<int>(most, m.tasks[t].repeatsLeft);
    return most;
}

constexpr std::uint32_t NoState = 0xffffffffu;
// Where an edge leads when a search is kept within a set of states
// (Search::m_within) and its target is not in it: never a state number.
constexpr std::uint32_t OutsideState = 0xfffffffeu;

std::string hazardText(const Setup &setup, const Event &h)
{
    return std::string("hazard: ") + eventKindName(h.kind) + " of folio "
            + setup.folioNames[h.folio] + " by " + setup.taskNames[h.task];
}

// A bug found during the search: the state it is in (or the edge into it).
struct Finding
{
    std::uint32_t state = NoState;
    std::vector<Choice> extra; // choices after the state (the hazard's step)
    std::string what;
};

// States in their compact form (state_codec.h), back to back: a BFS level.
struct CodedStates
{
    BigVector<std::uint8_t> bytes;
    BigVector<std::uint32_t> ends {0}; // state i is bytes[ends[i] .. ends[i + 1])

    std::size_t size() const { return ends.size() - 1; }
    const std::uint8_t *code(std::size_t i) const { return bytes.data() + ends[i]; }
    std::size_t length(std::size_t i) const { return ends[i + 1] - ends[i]; }
    void add(const std::uint8_t *code, std::size_t n)
    {
        bytes.insert(bytes.end(), code, code + n);
        ends.push_back(static_cast<std::uint32_t>(bytes.size()));
    }
    void clear()
    {
        bytes.clear();
        ends.assign(1, 0);
    }
};

// What a worker finds for a range of states, merged afterwards in order.
struct Successor
{
    static constexpr std::uint32_t NoSlot = 0xffffffffu;
    std::uint64_t fp = 0;
    std::uint16_t key = 0;
    std::uint16_t flags = 0;
    std::uint32_t known = StateTable::Absent; // its number, if visited before this block
    std::uint32_t slot = NoSlot; // else its code in WorkerOut::codes
};
struct ExpandedState
{
    std::uint32_t first = 0; // its successors: succ[first .. first + count)
    std::uint8_t count = 0;
    bool deadlock = false;
};
struct WorkerOut
{
    std::vector<ExpandedState> states;
    BigVector<Successor> succ;
    CodedStates codes;
    std::vector<std::string> violations; // per code: an invariant it breaks, or empty
    std::vector<std::pair<std::uint32_t, Event>> hazards; // successor index, the event

    void clear()
    {
        states.clear();
        succ.clear();
        codes.clear();
        violations.clear();
        hazards.clear();
    }
};

class Search
{
public:
    Search(const Setup &setup, const ExploreOptions &options)
        : m_setup(setup)
        , m_options(options)
        , m_engine(m_setup, TimeModel::Untimed)
        , m_threads(options.threads != 0 ? options.threads
                                         : std::max(1u, std::thread::hardware_concurrency()))
    {
        if (options.localSteps)
            m_local.emplace(m_setup, m_engine, options.checkInvariants);
    }

    ExploreResult run(const SimState &start);
    // The search met a state where renaming is not exact (Symmetry::
    // orderSensitive) and stopped: run it again without symmetry.
    bool symmetryBroken() const { return m_symmetryBroken.load(); }

private:
    // A search nested in another: from a state of it, on the states for
    // which `within` holds (edges out of them lead nowhere), no symmetry.
    Search(const Setup &setup, const ExploreOptions &options,
            std::function<bool(const Machine &)> within)
        : Search(setup, options)
    {
        m_within = std::move(within);
    }
    // Choices of the quotient (each in the numbering of the representative
    // it leaves) replayed on the concrete states: the same schedule with
    // CPUs and tasks named as the model names them.
    struct Concrete
    {
        std::vector<Choice> choices;
        SimState state;
        Renaming sigma; // state = sigma(the representative reached)
    };
    Concrete concretise(const std::vector<Choice> &quotientPath) const;
    // What the last step of `stem` (or the state it reaches) breaks.
    std::string describeSafety(const std::vector<Choice> &stem) const;
    // A concrete fair cycle among the states whose representatives are
    // `component` (a fair component of the quotient, up to renaming), if
    // there is one; `undecided` when the nested search hit a bound.
    std::optional<ExploreResult> concreteLasso(
            const std::vector<std::uint32_t> &component, bool &undecided);
    std::vector<bool> m_inComponent; // concreteLasso's scratch, one flag per state
    // Finds the livelock's lasso (m_lasso), if there is one.
    void findLivelock();
    // The number of the stored state of m's orbit (StateTable::Absent if
    // none), and the renaming that took m there.
    std::uint32_t orbitOf(const Machine &m, Renaming *rho = nullptr) const;
    // One block of the current level, expanded in parallel, then merged in
    // state order (so the graph does not depend on the number of threads).
    void expandBlock(std::uint32_t firstIndex, const CodedStates &level, std::size_t from,
            std::size_t count, CodedStates &next);
    void expandRange(
            const CodedStates &level, std::size_t from, std::size_t count, WorkerOut &out) const;
    std::vector<Choice> pathTo(std::uint32_t state) const;
    // One transition of the search's graph: the choice, then the local
    // steps merged into it (explore/local_steps.h), each appended to `taken`.
    // Returns true when the state reached is known to keep the invariants
    // (LocalSteps::follow checked them on the way).
    bool advance(SimState &s, Choice c, EdgeSink &sink, std::vector<Choice> *taken) const;
    // The model's own choices (single steps) for a path of the search's
    // graph from `from`; `end` receives the state it reaches.
    std::vector<Choice> expand(const SimState &from, const std::vector<Choice> &path,
            SimState *end = nullptr) const;
    // The machine that single steps `choices` reach from the start.
    Machine replay(const std::vector<Choice> &choices) const;
    bool outOfBounds(); // names the bound in m_stopReason
    // stopAtFirstBug: a SAFETY or DEADLOCK met, or a fair cycle among the
    // states expanded so far (checked each time their number doubles).
    bool foundBugSoFar();
    // Bytes left under ExploreOptions::maxResidentBytes.
    std::uint64_t memoryRoom() const;
    // What the search keeps per state: visited set, graph, parent links.
    std::uint64_t storedBytes() const
    {
        return m_table.bytes() + m_graph.bytes()
                + m_parent.size() * (sizeof(std::uint32_t) + sizeof(std::uint16_t));
    }

    const Setup &m_setup;
    const ExploreOptions &m_options;
    Engine m_engine;
    std::optional<Symmetry> m_symmetry;
    std::optional<LocalSteps> m_local;
    mutable std::atomic<bool> m_symmetryBroken {false};
    std::function<bool(const Machine &)> m_within;
    // The LIVELOCK's lasso (concrete stem and cycle), with symmetry or not.
    std::optional<ExploreResult> m_lasso;
    bool m_livelockUndecided = false;
    std::size_t m_threads = 1;
    std::vector<WorkerOut> m_outs;
    SimState m_start;
    std::optional<StateCodec> m_codec;
    StateTable m_table;
    StateGraph m_graph;
    BigVector<std::uint32_t> m_parent;
    BigVector<std::uint16_t> m_parentKey;
    std::optional<Finding> m_deadlock;
    std::optional<Finding> m_safety;
    std::uint32_t m_depth = 0;
    bool m_stopped = false;
    std::string m_stopReason;
    // stopAtFirstBug: a bug was met (a LIVELOCK by a check on the states
    // searched so far), and the number of states at the next such check.
    bool m_stoppedAtBug = false;
    std::uint64_t m_residentBefore = 0;
    unsigned m_livelockChecks = 0;
    std::uint64_t m_nextLivelockCheck = 0;
    std::chrono::steady_clock::time_point m_began;
};

std::vector<Choice> Search::pathTo(std::uint32_t state) const
{
    std::vector<Choice> path;
    for (std::uint32_t s = state; m_parent[s] != NoState; s = m_parent[s])
        path.push_back(choiceOfKey(m_parentKey[s]));
    return {path.rbegin(), path.rend()};
}

bool Search::advance(SimState &s, Choice c, EdgeSink &sink, std::vector<Choice> *taken) const
{
    const TaskId ran = c.task == NoTask ? s.machine.cpus[c.cpu].current : NoTask;
    EdgeSink seen;
    const StepReport report = m_engine.apply(s, c, seen);
    if (taken)
        taken->push_back(c);
    sink.flags |= seen.flags;
    if (seen.flags & EdgeHazard)
        sink.hazard = seen.hazard;
    // A step that fired a hazard ends its transition, so that a SAFETY
    // stem ends on it; so does a switch, a tick, a timer or a preemption.
    if (!m_local || (seen.flags & EdgeHazard)
            || report.step >= static_cast<std::uint16_t>(StepId::Count))
        return false;
    return m_local->follow(s, c.cpu, ran, taken);
}

std::vector<Choice> Search::expand(
        const SimState &from, const std::vector<Choice> &path, SimState *end) const
{
    SimState s = from;
    std::vector<Choice> out;
    EdgeSink ignored;
    for (Choice c : path)
        advance(s, c, ignored, &out);
    if (end)
        *end = s;
    return out;
}

Machine Search::replay(const std::vector<Choice> &choices) const
{
    SimState s = m_start;
    EdgeSink sink;
    for (Choice c : choices)
        m_engine.apply(s, c, sink);
    return s.machine;
}

Search::Concrete Search::concretise(const std::vector<Choice> &quotientPath) const
{
    // The quotient's states are representatives r; the concrete state is
    // sigma(r). A quotient edge r -a-> canon(t) with t = step(r, a) is the
    // concrete step sigma(a), which leads to sigma(t) = sigma(rho^-1(r'))
    // where rho canonicalised t, because steps commute with renaming.
    Concrete out {{}, m_start, Renaming::identity()};
    SimState rep = m_start;
    Renaming &sigma = out.sigma;
    EdgeSink sink;
    Machine renamed = m_start.machine;
    for (Choice a : quotientPath) {
        const Choice c = sigma.apply(a);
        advance(rep, a, sink, nullptr);
        const Renaming rho = m_symmetry->canonicalise(rep.machine);
        advance(out.state, c, sink, &out.choices);
        sigma = sigma.after(rho.inverse());
        renameMachine(rep.machine, sigma, renamed);
        if (!(renamed == out.state.machine))
            throw std::logic_error("symmetry: a step does not commute with renaming CPUs and "
                                   "tasks (explore/symmetry.h); the reduction is not exact here");
    }
    return out;
}

std::string Search::describeSafety(const std::vector<Choice> &stem) const
{
    SimState s = m_start;
    EdgeSink ignored;
    for (std::size_t i = 0; i + 1 < stem.size(); ++i)
        m_engine.apply(s, stem[i], ignored);
    EdgeSink last;
    if (!stem.empty())
        m_engine.apply(s, stem.back(), last);
    if (last.flags & EdgeHazard)
        return hazardText(m_setup, last.hazard);
    const std::string broken = checkInvariants(m_setup, s.machine);
    return broken.empty() ? m_safety->what : "invariant violated: " + broken;
}

std::optional<ExploreResult> Search::concreteLasso(
        const std::vector<std::uint32_t> &component, bool &undecided)
{
    std::vector<bool> &inComponent = m_inComponent;
    inComponent.assign(m_parent.size(), false);
    for (std::uint32_t q : component)
        inComponent[q] = true;
    const Concrete entry = concretise(pathTo(component.front()));
    // A concrete state belongs when its representative is a state of the
    // component: the quotient's visited set says which number it has.
    auto within = [this, &inComponent](const Machine &m) {
        const std::uint32_t q = orbitOf(m);
        return q != StateTable::Absent && q < inComponent.size() && inComponent[q];
    };
    ExploreOptions options = m_options;
    options.symmetry = false;
    options.checkInvariants = false; // every state was checked as its representative
    options.stopAtFirstBug = false;
    options.maxDepth = 0;
    options.progress = nullptr;
    Search nested(m_setup, options, within);
    ExploreResult r = nested.run(entry.state);
    if (r.verdict == ExploreVerdict::Livelock) {
        // The nested stem wanders inside the component. Start the cycle at
        // its state whose orbit the BFS reached first, behind the quotient's
        // shortest path to that orbit, renamed to fit where the path ends.
        SimState at = entry.state;
        EdgeSink sink;
        for (Choice c : r.stem)
            m_engine.apply(at, c, sink);
        struct Best
        {
            std::uint32_t orbit = NoState;
            std::size_t offset = 0;
            Renaming rho;
        } best;
        for (std::size_t k = 0; k <= r.cycle.size(); ++k) {
            Renaming rho;
            const std::uint32_t q = orbitOf(at.machine, &rho);
            if (q < best.orbit)
                best = {q, k, rho};
            if (k < r.cycle.size())
                m_engine.apply(at, r.cycle[k], sink);
        }
        if (best.orbit == NoState || best.orbit == StateTable::Absent) {
            r.stem.insert(r.stem.begin(), entry.choices.begin(), entry.choices.end());
            return r;
        }
        const Concrete shortest = concretise(pathTo(best.orbit));
        const Renaming toShortest = shortest.sigma.after(best.rho);
        std::vector<Choice> cycle;
        for (std::size_t k = 0; k < r.cycle.size(); ++k)
            cycle.push_back(toShortest.apply(r.cycle[(best.offset + k) % r.cycle.size()]));
        r.stem = shortest.choices;
        r.cycle = std::move(cycle);
        return r;
    }
    if (!r.complete)
        undecided = true;
    return std::nullopt;
}

std::uint32_t Search::orbitOf(const Machine &m, Renaming *rho) const
{
    // Per thread: the nested search's workers call this for every successor.
    thread_local Machine canonical;
    thread_local std::vector<std::uint8_t> code;
    canonical.assignUsed(m);
    const Renaming done = m_symmetry->canonicalise(canonical);
    if (rho)
        *rho = done;
    code.clear();
    m_codec->encode(canonical, code);
    return m_table.find(StateCodec::fingerprint(code.data(), code.size()));
}

void Search::findLivelock()
{
    if (!m_symmetry) {
        if (const std::optional<FairCycle> cycle = findFairCycle(m_graph)) {
            m_lasso.emplace();
            SimState entry;
            m_lasso->stem = expand(m_start, pathTo(cycle->entry), &entry);
            m_lasso->cycle = expand(entry, cycle->choices);
        }
        return;
    }
    // On the quotient a cycle closes up to a renaming, and fairness can only
    // be judged per class of choices: a concrete fair cycle shows in it as a
    // component fair by classes, but such a component need not hold one.
    // So each is checked on the concrete states (core/README.md, Symmetry).
    std::vector<std::uint16_t> classOf(MaxCpus * 256);
    for (std::size_t k = 0; k < classOf.size(); ++k)
        classOf[k] = m_symmetry->classKey(static_cast<std::uint16_t>(k));
    FairComponents components(m_graph);
    // Candidates come shallowest entry first; the first that holds a
    // concrete fair cycle gives the lasso (not always the shortest of all:
    // --no-symmetry finds that one, at the full search's cost).
    for (const FairComponents::Component &candidate : components.find(nullptr, &classOf)) {
        if (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed)) {
            m_livelockUndecided = !m_lasso;
            break;
        }
        if (m_lasso)
            break;
        std::optional<ExploreResult> lasso;
        if (!components.anyEdge(candidate, EdgeRenamed)) {
            // No edge inside renames: the concrete states above it are
            // copies of it, one per renaming, with its own choices, so the
            // exact check runs on the quotient itself.
            for (const FairComponents::Component &fair :
                    components.find(&candidate.states, nullptr)) {
                const std::optional<FairCycle> cycle = components.cycle(fair);
                if (!cycle)
                    continue;
                const Concrete entry = concretise(pathTo(cycle->entry));
                std::vector<Choice> renamed;
                for (Choice c : cycle->choices)
                    renamed.push_back(entry.sigma.apply(c));
                lasso.emplace();
                lasso->stem = entry.choices;
                lasso->cycle = expand(entry.state, renamed);
                break;
            }
        } else {
            bool undecided = false;
            lasso = concreteLasso(candidate.states, undecided);
            if (undecided && !m_lasso)
                m_livelockUndecided = true;
        }
        if (lasso)
            m_lasso = std::move(lasso);
    }
    if (m_lasso)
        m_livelockUndecided = false;
}

bool Search::foundBugSoFar()
{
    if (m_safety || m_deadlock)
        return true;
    if (m_nextLivelockCheck == 0)
        m_nextLivelockCheck = std::max<std::uint64_t>(m_options.livelockCheckFrom, 1);
    // Within a quarter of the state bound, the check at the bound comes
    // soon enough: a check now would cost more than it could save (the
    // matrix's 1 M-state cells were 13 % slower with them).
    if (m_parent.size() < m_nextLivelockCheck || 4 * m_parent.size() > m_options.maxStates)
        return false;
    m_nextLivelockCheck = 2 * m_parent.size();
    ++m_livelockChecks;
    // The states expanded so far carry all their edges, so a fair component
    // among them is one of the whole graph: its lasso is real. Candidates a
    // symmetric check could not decide yet are looked at again later.
    findLivelock();
    m_livelockUndecided = false;
    return m_lasso.has_value();
}

// What findFairCycle() allocates per state after the search (marks, Tarjan's
// index, low link, stack, work lists), so a bounded search leaves room for it.
constexpr std::uint64_t kFairCheckBytesPerState = 24;

std::uint64_t Search::memoryRoom() const
{
    const std::uint64_t used = residentBytes() + m_parent.size() * kFairCheckBytesPerState;
    return used < m_options.maxResidentBytes ? m_options.maxResidentBytes - used : 0;
}

bool Search::outOfBounds()
{
    if (m_parent.size() >= m_options.maxStates)
        m_stopReason = "the state bound (" + std::to_string(m_options.maxStates) + " states)";
    else if (storedBytes() >= m_options.maxBytes)
        m_stopReason = "the bound on the graph's size (" + std::to_string(m_options.maxBytes >> 20)
                + " MiB)";
    else if (m_options.maxResidentBytes != 0 && memoryRoom() == 0)
        m_stopReason = "the memory bound (" + std::to_string(m_options.maxResidentBytes >> 20)
                + " MiB of resident memory; --max-memory raises it)";
    else if (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed))
        m_stopReason = "a request to stop";
    else
        return false;
    return true;
}

void Search::expandRange(
        const CodedStates &level, std::size_t from, std::size_t count, WorkerOut &out) const
{
    // The untimed engine never reads the clocks, so one scratch copy of them
    // serves every step.
    SimState work = m_start;
    Machine parent = m_start.machine;
    std::vector<std::uint8_t> code;
    ChoiceList enabled;
    for (std::size_t i = from; i < from + count; ++i) {
        m_codec->decode(level.code(i), level.length(i), parent);
        if (m_symmetry && Symmetry::orderSensitive(parent)) {
            m_symmetryBroken = true;
            return;
        }
        work.machine.assignUsed(parent);
        enabled.count = 0;
        m_engine.enabledChoices(work, enabled);
        out.states.push_back({static_cast<std::uint32_t>(out.succ.size()),
                static_cast<std::uint8_t>(enabled.count),
                enabled.count == 0 && !allWorkDone(parent)});
        for (const Choice &c : enabled) {
            work.machine.assignUsed(parent);
            EdgeSink sink;
            const bool invariantsKept = advance(work, c, sink, nullptr);
            if (m_within && ((sink.flags & EdgeCompletes) || !m_within(work.machine))) {
                out.succ.push_back({0, choiceKey(c), sink.flags, OutsideState, Successor::NoSlot});
                continue;
            }
            if (m_symmetry && !m_symmetry->canonicalise(work.machine).isIdentity())
                sink.flags |= EdgeRenamed;
            code.clear();
            m_codec->encode(work.machine, code);
            Successor next {StateCodec::fingerprint(code.data(), code.size()), choiceKey(c),
                    sink.flags, StateTable::Absent, Successor::NoSlot};
            next.known = m_table.find(next.fp); // read-only while the workers run
            if (next.known == StateTable::Absent) {
                next.slot = static_cast<std::uint32_t>(out.codes.size());
                out.codes.add(code.data(), code.size());
                out.violations.push_back(m_options.checkInvariants && !invariantsKept
                                ? checkInvariants(m_setup, work.machine)
                                : std::string());
            }
            if (sink.flags & EdgeHazard)
                out.hazards.emplace_back(static_cast<std::uint32_t>(out.succ.size()), sink.hazard);
            out.succ.push_back(next);
        }
    }
}

// How far ahead the merge asks for the visited set's slots.
constexpr std::size_t kPrefetchAhead = 8;

void Search::expandBlock(std::uint32_t firstIndex, const CodedStates &level, std::size_t first,
        std::size_t count, CodedStates &next)
{
    const std::size_t threads = std::max<std::size_t>(1, std::min(m_threads, count / 64 + 1));
    // The workers' buffers live across blocks: allocating them afresh each
    // time cost more in page faults than the search itself.
    std::vector<WorkerOut> &outs = m_outs;
    if (outs.size() < threads)
        outs.resize(threads);
    for (WorkerOut &out : outs)
        out.clear();
    const std::size_t share = (count + threads - 1) / threads;
    {
        std::vector<std::thread> pool;
        for (std::size_t t = 1; t < threads; ++t) {
            const std::size_t from = std::min(count, t * share);
            const std::size_t n = std::min(count, from + share) - from;
            pool.emplace_back([this, &level, first, from, n, &outs, t] {
                expandRange(level, first + from, n, outs[t]);
            });
        }
        expandRange(level, first, std::min(count, share), outs[0]);
        for (std::thread &th : pool)
            th.join();
    }
    if (m_symmetryBroken) {
        m_stopped = true;
        m_stopReason = "a state where the CPUs' order matters";
        return;
    }
    std::uint32_t index = firstIndex;
    for (std::size_t w = 0; w < threads; ++w) {
        const WorkerOut &out = outs[w];
        std::size_t hazard = 0;
        for (const ExpandedState &st : out.states) {
            if (st.deadlock && !m_deadlock)
                m_deadlock = Finding {index, {}, "nothing can run, yet tasks still wait"};
            for (std::uint32_t k = st.first; k < st.first + st.count; ++k) {
                if (k + kPrefetchAhead < out.succ.size()
                        && out.succ[k + kPrefetchAhead].known == StateTable::Absent)
                    m_table.prefetch(out.succ[k + kPrefetchAhead].fp);
                const Successor &sc = out.succ[k];
                std::uint32_t to = sc.known;
                // Not visited before this block, but maybe earlier in it.
                const auto fresh = static_cast<std::uint32_t>(m_parent.size());
                if (to == StateTable::Absent && (to = m_table.insert(sc.fp, fresh)) == fresh) {
                    m_parent.push_back(index);
                    m_parentKey.push_back(sc.key);
                    if (!out.violations[sc.slot].empty() && !m_safety)
                        m_safety = Finding {
                                to, {}, "invariant violated: " + out.violations[sc.slot]};
                    next.add(out.codes.code(sc.slot), out.codes.length(sc.slot));
                }
                while (hazard < out.hazards.size() && out.hazards[hazard].first < k)
                    ++hazard;
                if (hazard < out.hazards.size() && out.hazards[hazard].first == k && !m_safety) {
                    const Event &h = out.hazards[hazard].second;
                    m_safety = Finding {index, {choiceOfKey(sc.key)}, hazardText(m_setup, h)};
                }
                m_graph.add(to, sc.key, sc.flags);
            }
            m_graph.closeState();
            ++index;
        }
    }
}

ExploreResult Search::run(const SimState &start)
{
    m_began = std::chrono::steady_clock::now();
    m_start = start;
    if (!m_within) {
        resetPeakResidentBytes();
        m_residentBefore = residentBytes();
        m_start.machine.rtThrottling = false; // needs clocks; see explorer.h
        if (m_options.symmetry) {
            Symmetry symmetry(m_setup, m_start.machine);
            if (!symmetry.trivial())
                m_symmetry.emplace(std::move(symmetry));
        }
    }
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_began).count();
    };
    m_codec.emplace(m_start.machine);
    std::vector<std::uint8_t> startCode;
    m_codec->encode(m_start.machine, startCode);
    m_table.insert(StateCodec::fingerprint(startCode.data(), startCode.size()), 0);
    m_parent.push_back(NoState);
    m_parentKey.push_back(0);
    // Two levels of coded states, their buffers reused level after level.
    CodedStates level;
    level.add(startCode.data(), startCode.size());
    CodedStates next;
    std::uint32_t nextIndex = 0;
    std::uint64_t lastReport = 0;
    while (level.size() != 0) {
        if (m_options.maxDepth != 0 && m_depth >= m_options.maxDepth) {
            m_stopped = true;
            m_stopReason = "the depth bound (" + std::to_string(m_options.maxDepth) + " steps)";
            break;
        }
        next.clear();
        for (std::size_t done = 0; done < level.size();) {
            if (outOfBounds()) {
                m_stopped = true;
                break;
            }
            // Blocks shrink near the state bound so that it is not overshot
            // by much (each state has at most a few dozen successors).
            std::uint64_t room = m_options.maxStates - m_parent.size();
            // Likewise near the memory bound: a block's new states are
            // decoded machines in the workers and codes in the next level.
            if (m_options.maxResidentBytes != 0)
                room = std::min(room, memoryRoom() / (4 * sizeof(Machine)) * 32);
            const std::size_t block
                    = static_cast<std::size_t>(std::clamp<std::uint64_t>(room / 32, 1, 4096));
            const std::size_t n = std::min(block, level.size() - done);
            expandBlock(nextIndex, level, done, n, next);
            if (m_stopped)
                break;
            nextIndex += static_cast<std::uint32_t>(n);
            done += n;
            if (m_options.stopAtFirstBug && foundBugSoFar()) {
                m_stopped = m_stoppedAtBug = true;
                break;
            }
            if (m_options.progress && m_parent.size() - lastReport >= (1u << 16)) {
                lastReport = m_parent.size();
                m_options.progress({m_parent.size(), m_graph.edgeCount(), m_depth, elapsed(),
                        residentBytes()});
            }
        }
        if (m_stopped)
            break;
        std::swap(level, next);
        if (level.size() != 0)
            ++m_depth;
    }

    ExploreResult r;
    r.complete = !m_stopped;
    r.states = m_parent.size();
    r.transitions = m_graph.edgeCount();
    r.depth = m_depth;
    if (m_symmetry) {
        r.symmetry = m_symmetry->describe(m_setup);
        r.symmetryOrder = m_symmetry->order();
    }
    if (symmetryBroken())
        return r;
    r.stoppedAtBug = m_stoppedAtBug;
    r.livelockChecks = m_livelockChecks;
    // The fair-cycle check allocates its own arrays per state: give back
    // what the BFS no longer needs first, so that the peak is the larger of
    // the two phases, not their sum. Only the symmetric search still looks
    // orbits up in the visited set.
    const std::uint64_t stored = storedBytes();
    level = CodedStates {};
    next = CodedStates {};
    m_outs = {};
    if (!m_symmetry)
        m_table = StateTable {};
    if (!m_lasso)
        findLivelock();
    r.seconds = elapsed();
    const double states = static_cast<double>(std::max<std::uint64_t>(r.states, 1));
    r.storedBytesPerState = static_cast<double>(stored) / states;
    r.peakRssBytes = peakResidentBytes();
    r.bytesPerState = static_cast<double>(r.peakRssBytes) / states;
    r.residentBeforeBytes = m_residentBefore;
    r.reducedStates = r.states;
    r.localSteps = m_local.has_value();
    r.threads = static_cast<unsigned>(m_threads);

    std::vector<Choice> safetyStem;
    if (m_safety) {
        safetyStem = pathTo(m_safety->state);
        safetyStem.insert(safetyStem.end(), m_safety->extra.begin(), m_safety->extra.end());
        if (m_symmetry) {
            // Found on a representative, whose task numbers need not be the
            // concrete run's: say it again from that run.
            safetyStem = concretise(safetyStem).choices;
            m_safety->what = describeSafety(safetyStem);
        } else {
            safetyStem = expand(m_start, safetyStem);
        }
    }
    std::vector<std::string> found;
    if (m_safety)
        found.push_back("SAFETY: " + m_safety->what);
    if (m_deadlock)
        found.push_back("DEADLOCK: " + m_deadlock->what);
    if (m_lasso)
        found.push_back("LIVELOCK: a fair cycle of " + std::to_string(m_lasso->cycle.size())
                + " steps on which nothing completes");
    if (m_safety) {
        r.verdict = ExploreVerdict::Safety;
        r.stem = safetyStem;
        r.summary = "Unsafe: " + m_safety->what + ", after " + std::to_string(r.stem.size())
                + " steps.";
    } else if (m_deadlock) {
        r.verdict = ExploreVerdict::Deadlock;
        r.stem = m_symmetry ? concretise(pathTo(m_deadlock->state)).choices
                            : expand(m_start, pathTo(m_deadlock->state));
        r.explanation = explainState(m_setup, replay(r.stem), "Where it stops:");
        r.summary = "Deadlock after " + std::to_string(r.stem.size())
                + " steps: nothing can run, yet tasks still wait.";
    } else if (m_lasso) {
        r.verdict = ExploreVerdict::Livelock;
        r.stem = m_lasso->stem;
        r.cycle = m_lasso->cycle;
        r.explanation = explainState(m_setup, replay(r.stem), "Where the cycle starts:");
        r.summary = "Livelock: after " + std::to_string(r.stem.size())
                + " steps the machine enters a fair cycle of " + std::to_string(r.cycle.size())
                + " steps that returns to the same state and on which no fault or "
                  "migration completes.";
    } else if (m_livelockUndecided) {
        r.verdict = ExploreVerdict::Partial;
        r.complete = false;
        r.summary = "Every state was reached, but a cycle that is fair up to renaming the "
                    "interchangeable CPUs was too big to check on the concrete states within "
                    "the bounds: undecided.";
    } else if (!r.complete) {
        r.verdict = ExploreVerdict::Partial;
        r.summary = "Stopped by " + m_stopReason + " after " + std::to_string(r.states)
                + " states; nothing found so far.";
        if (mostRepeats(m_start.machine) > 0)
            r.summary += " Its tasks repeat their jobs (up to "
                    + std::to_string(mostRepeats(m_start.machine))
                    + " more runs each): a throughput workload, where every round multiplies "
                      "the schedules. The rounds were searched as they are (bounding them would "
                      "be another workload), so only bugs in the part reached could show.";
    } else {
        r.verdict = ExploreVerdict::Ok;
        r.summary = "No livelock, deadlock or unsafe state in all " + std::to_string(r.states)
                + " reachable states (every order of steps; ticks at jiffy boundaries, timers "
                  "after "
                  "the jiffies they span).";
    }
    if (m_stoppedAtBug)
        r.summary += " The search stopped at this first bug, after " + std::to_string(r.states)
                + " states (first-bug mode): it is the shallowest of its kind among them, and "
                  "the rest of the space, where another kind may lie, was not searched.";
    if (m_symmetry && (r.verdict == ExploreVerdict::Ok || r.verdict == ExploreVerdict::Partial))
        r.summary += " States are counted one per orbit of the " + std::to_string(r.symmetryOrder)
                + " renamings of interchangeable CPUs (symmetry).";
    if (start.machine.rtThrottling)
        r.summary += " RT throttling, on in this setup, is off in the explorer (it needs the "
                     "clocks): this is the verdict of the unthrottled kernel.";
    for (std::size_t i = 1; i < found.size(); ++i)
        r.alsoFound.push_back(found[i]);
    if (r.verdict == ExploreVerdict::Partial || r.verdict == ExploreVerdict::Ok)
        r.alsoFound = found;
    return r;
}

// Why a workload that repeats its jobs is not searched: each task's round
// counter is part of the state, so the space is the product of the rounds
// with the schedules of one round, and even a single round of w-alloc's four
// tasks is beyond 20 M states (measured; see core/README.md).
ExploreResult refusedRepeatingWorkload(const Machine &m)
{
    ExploreResult r;
    r.verdict = ExploreVerdict::Refused;
    r.complete = false;
    r.summary = "Not searched: its tasks repeat their jobs (up to " + std::to_string(mostRepeats(m))
            + " more runs each), a throughput workload. Every round multiplies the schedules, "
              "so no state bound this machine can hold covers them, and a search cut short "
              "proves nothing. Its measure is the runner's throughput metric (run, matrix); "
              "to hunt for bugs in the rounds a bounded search reaches, run 'foliolab explore "
              "--search-repeats'.";
    return r;
}

} // namespace

ExploreResult explore(const Setup &setup, const SimState &start, const ExploreOptions &options)
{
    if (!options.searchRepeats && mostRepeats(start.machine) > 0)
        return refusedRepeatingWorkload(start.machine);
    ExploreResult r;
    std::string symmetryLost;
    {
        Search search(setup, options);
        r = search.run(start);
        if (!search.symmetryBroken())
            return r;
        symmetryLost = r.symmetry;
    }
    ExploreOptions plain = options;
    plain.symmetry = false;
    Search search(setup, plain);
    r = search.run(start);
    r.symmetryNote = "The CPUs look interchangeable (" + symmetryLost
            + "), but a reachable state is inside the CPU-ordered loops of "
              "__lru_add_drain_all() (mm/swap.c), which visit CPUs in ascending order: there "
              "renaming CPUs gives a state of another schedule, so the search ran without "
              "symmetry.";
    return r;
}

ExploreResult explore(const Setup &setup, const ExploreOptions &options)
{
    return explore(setup, Engine(setup, TimeModel::Untimed).initialState(), options);
}

} // namespace fl
