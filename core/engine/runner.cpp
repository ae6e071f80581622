// SPDX-License-Identifier: GPL-2.0-only
#include "engine/runner.h"

#include "engine/chooser.h"
#include "engine/engine.h"
#include "engine/invariants.h"
#include "engine/metrics.h"
#include "engine/stuck_detector.h"
#include "model/hasher.h"

namespace fl {

namespace {

// Watches progress and completion, hashes the trace, and fans events out.
class RunSink final : public EventSink {
public:
    RunSink(Metrics &metrics, StuckDetector &detector, EventSink *observer)
        : m_metrics(metrics), m_detector(detector), m_observer(observer)
    {
    }

    void onEvent(const Event &e) override
    {
        m_metrics.onEvent(e);
        m_detector.onEvent(e);
        m_hash.add(e.time, e.kind, e.cpu, e.task, e.folio, e.arg);
        if (m_observer)
            m_observer->onEvent(e);
    }
    void onStep(CpuId cpu, TaskId task, std::uint16_t step, Nanos cost, Nanos start) override
    {
        m_metrics.onStep(cpu, task, step, cost, start);
        m_hash.add(cpu, task, step, cost, start);
        if (m_observer)
            m_observer->onStep(cpu, task, step, cost, start);
    }

    std::uint64_t hash() const { return m_hash.value(); }

private:
    Metrics &m_metrics;
    StuckDetector &m_detector;
    EventSink *m_observer;
    Hasher m_hash;
};

} // namespace

RunResult runToVerdict(const Setup &setup, const RunOptions &options)
{
    Engine engine(setup);
    SimState s = engine.initialState();
    Metrics metrics;
    StuckDetector detector;
    RunSink sink(metrics, detector, options.observer);
    TimedChooser chooser(options.seed);
    RunResult result;
    ChoiceList enabled;
    bool check = options.checkInvariants;
#ifdef FOLIOLAB_CHECK_INVARIANTS
    check = true;
#endif
    std::uint64_t step = 0;
    for (;;) {
        engine.enabledChoices(s, enabled);
        if (enabled.count == 0) {
            VerdictReached v = StuckDetector::noChoice(setup, s.machine, &s.lives);
            result.verdict = v.verdict;
            result.explanation = std::move(v.explanation);
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
        else if (step < options.replay.size() && options.strictReplay) {
            result.replayMismatchAt = static_cast<std::int64_t>(step);
            result.verdict = Verdict::Limit;
            result.explanation.summary = "Stopped: the replay's choice is not possible here.";
            break;
        }
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
        if (auto v = detector.afterStep(setup, s.machine, s.clocks.now[c.cpu], options.maxTime, &s.lives)) {
            result.verdict = v->verdict;
            result.explanation = std::move(v->explanation);
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
