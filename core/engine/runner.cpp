// SPDX-License-Identifier: GPL-2.0-only
#include "engine/runner.h"

#include "engine/chooser.h"
#include "engine/engine.h"
#include "engine/invariants.h"
#include "engine/metrics.h"
#include "engine/waitfor.h"
#include "model/hasher.h"

#include <cstdio>

namespace fl {

const char *verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Livelock: return "LIVELOCK";
    case Verdict::Deadlock: return "DEADLOCK";
    case Verdict::Completed: return "COMPLETED";
    case Verdict::Limit: return "LIMIT";
    }
    return "?";
}

namespace {

// Watches progress and completion, hashes the trace, and fans events out.
class RunSink final : public EventSink {
public:
    explicit RunSink(Metrics &metrics) : m_metrics(metrics) {}

    void onEvent(const Event &e) override
    {
        m_metrics.onEvent(e);
        m_hash.add(e.time, e.kind, e.cpu, e.task, e.folio, e.arg);
        if (isProgress(e))
            m_lastProgress = std::max(m_lastProgress, e.time);
        if (isCompletion(e))
            m_lastCompletion = std::max(m_lastCompletion, e.time);
    }
    void onStep(CpuId cpu, TaskId task, std::uint16_t step, Nanos cost, Nanos start) override
    {
        m_metrics.onStep(cpu, task, step, cost, start);
        m_hash.add(cpu, task, step, cost, start);
    }

    Nanos lastProgress() const { return m_lastProgress; }
    Nanos lastCompletion() const { return m_lastCompletion; }
    std::uint64_t hash() const { return m_hash.value(); }

private:
    Metrics &m_metrics;
    Hasher m_hash;
    Nanos m_lastProgress = 0;
    Nanos m_lastCompletion = 0;
};

bool allWorkDone(const Machine &m)
{
    for (int i = 0; i < m.taskCount; ++i)
        if (m.tasks[i].role != Role::Kworker && m.tasks[i].state != TaskState::Done)
            return false;
    return true;
}

std::string formatMs(Nanos ns)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f ms", static_cast<double>(ns) / 1e6);
    return buf;
}

Explanation explain(const Setup &setup, const Machine &m, const std::string &lead)
{
    Explanation x;
    x.graph = buildWaitForGraph(setup, m);
    x.cycle = findCycle(x.graph);
    x.summary = lead;
    const auto &edges = x.cycle.empty() ? x.graph : x.cycle;
    for (std::size_t i = 0; i < edges.size(); ++i)
        x.summary += (i == 0 ? " " : "; ") + edges[i].label;
    if (!edges.empty())
        x.summary += '.';
    return x;
}

} // namespace

RunResult runToVerdict(const Setup &setup, const RunOptions &options)
{
    Engine engine(setup);
    SimState s = engine.initialState();
    Metrics metrics;
    RunSink sink(metrics);
    TimedChooser chooser(options.seed);
    RunResult result;
    ChoiceList enabled;
    bool check = options.checkInvariants;
#ifdef FOLIOLAB_CHECK_INVARIANTS
    check = true;
#endif
    std::uint64_t step = 0;
    // Once stuck, look a little further for a state that shows the cycle
    // (a storm's participants are not all waiting at every instant).
    std::uint64_t hunting = 0;
    std::string stuckLead;
    for (;;) {
        engine.enabledChoices(s, enabled);
        if (enabled.count == 0) {
            if (allWorkDone(s.machine)) {
                result.verdict = Verdict::Completed;
                result.explanation.summary = "Every fault and migration completed.";
            } else {
                result.verdict = Verdict::Deadlock;
                result.explanation = explain(setup, s.machine,
                                             "Nothing can run, yet tasks are still waiting:");
            }
            break;
        }
        if (step >= options.maxSteps) {
            result.verdict = Verdict::Limit;
            result.explanation.summary = "The step limit was reached before a verdict.";
            break;
        }
        // The chooser draws even while a replay decides, so that replaying a
        // prefix of a seed's own schedule continues exactly as that run did.
        Choice c = chooser.choose(engine, s, enabled);
        if (step < options.replay.size() && enabled.contains(options.replay[step]))
            c = options.replay[step];
        engine.apply(s, c, sink);
        result.choices.push_back(c);
        ++step;
        if (check) {
            if (std::string v = checkInvariants(setup, s.machine); !v.empty()) {
                result.invariantViolation = "after step " + std::to_string(step) + ": " + v;
                result.verdict = Verdict::Limit;
                result.explanation.summary = "Stopped: an invariant was violated.";
                break;
            }
        }
        if (allWorkDone(s.machine)) {
            result.verdict = Verdict::Completed;
            result.explanation.summary = "Every fault and migration completed.";
            break;
        }
        const Nanos now = s.clocks.now[c.cpu];
        if (hunting == 0) {
            if (now > sink.lastProgress() + setup.noProgressNs)
                stuckLead = "No progress for " + formatMs(now - sink.lastProgress()) + ":";
            else if (now > sink.lastCompletion() + setup.noCompletionNs)
                stuckLead = "No fault or migration completed in "
                            + formatMs(now - sink.lastCompletion())
                            + ", though folios keep being locked and unlocked:";
            if (!stuckLead.empty())
                hunting = 1;
        }
        if (hunting > 0) {
            Explanation x = explain(setup, s.machine, stuckLead);
            if (!x.cycle.empty() || hunting++ > 20000) {
                result.verdict = Verdict::Livelock;
                result.explanation = std::move(x);
                break;
            }
        }
        if (now > options.maxTime) {
            result.verdict = Verdict::Limit;
            result.explanation.summary = "The virtual time limit was reached before a verdict.";
            break;
        }
    }
    result.steps = step;
    result.virtualNs = s.clocks.maxNow(s.machine.cpuCount);
    result.metrics = metrics.summary();
    result.traceHash = sink.hash();
    result.finalState = std::move(s);
    return result;
}

} // namespace fl
