// SPDX-License-Identifier: GPL-2.0-only
#include "timeline.h"

#include "engine/events.h"
#include "engine/waitfor.h"
#include "model/machine.h"

#include <algorithm>
#include <cstdio>

namespace {

// The limit the core's runner uses (RunOptions::maxTime): past it, a run is
// called LIMIT rather than followed further.
constexpr fl::Nanos MaxVirtualTime = fl::RunOptions {}.maxTime;

// Counts what the plots show and feeds the stuck detector, from the events of
// one step.
class SampleSink final : public fl::EventSink
{
public:
    SampleSink(const fl::Machine &machine, fl::StuckDetector &detector, Timeline::Sample &counters,
            std::array<fl::Nanos, fl::MaxTasks> &drainStart, fl::EventSink *trace)
        : m_machine(machine)
        , m_detector(detector)
        , m_counters(counters)
        , m_drainStart(drainStart)
        , m_trace(trace)
    { }

    void onEvent(const fl::Event &e) override
    {
        m_detector.onEvent(e);
        if (m_trace)
            m_trace->onEvent(e);
        switch (e.kind) {
        case fl::EventKind::TrylockFailed:
            if (e.task < fl::MaxTasks && m_machine.task(e.task).role == fl::Role::HmmFaulter)
                ++m_counters.faulterTrylockFailures;
            break;
        case fl::EventKind::FaultDone:
            ++m_counters.faultsDone;
            break;
        case fl::EventKind::MigrationDone:
            if (e.arg > 0)
                ++m_counters.migrationsDone;
            break;
        case fl::EventKind::WorkDone:
            ++m_counters.drainWorkDone;
            break;
        case fl::EventKind::DrainBegin:
            if (e.task < fl::MaxTasks)
                m_drainStart[e.task] = std::max<fl::Nanos>(e.time, 1); // 0 means "none"
            break;
        case fl::EventKind::DrainEnd:
            if (e.task < fl::MaxTasks)
                m_drainStart[e.task] = 0;
            break;
        default:
            break;
        }
    }
    void onStep(fl::CpuId cpu, fl::TaskId task, std::uint16_t step, fl::Nanos cost,
            fl::Nanos start) override
    {
        if (m_trace)
            m_trace->onStep(cpu, task, step, cost, start);
    }

private:
    const fl::Machine &m_machine;
    fl::StuckDetector &m_detector;
    Timeline::Sample &m_counters;
    std::array<fl::Nanos, fl::MaxTasks> &m_drainStart;
    fl::EventSink *m_trace; // the timeline's RunTrace while recording, else null
};

} // namespace

Timeline::Timeline(std::shared_ptr<const fl::Setup> setup, std::uint64_t seed, fl::TimeModel time)
    : m_setup(std::move(setup))
    , m_seed(seed)
    , m_time(time)
    , m_now {fl::Engine(*m_setup, time).initialState(), fl::TimedChooser(seed), Tracker {}}
    , m_trace(*m_setup)
{
    m_checkpoints.push_back(m_now);
}

Timeline::Timeline(std::shared_ptr<const fl::Setup> setup, std::uint64_t seed, fl::TimeModel time,
        const fl::SimState &start)
    : m_setup(std::move(setup))
    , m_seed(seed)
    , m_time(time)
    , m_now {start, fl::TimedChooser(seed), Tracker {}}
    , m_trace(*m_setup)
{
    m_checkpoints.push_back(m_now);
}

const Timeline::VerdictInfo *Timeline::verdictHere() const
{
    if (m_verdict && m_position >= m_verdict->step)
        return &*m_verdict;
    return nullptr;
}

fl::ChoiceList Timeline::enabled() const
{
    fl::ChoiceList list;
    engine().enabledChoices(m_now.state, list);
    return list;
}

std::optional<fl::Choice> Timeline::nextChoice() const
{
    const fl::Engine eng = engine();
    fl::ChoiceList list;
    eng.enabledChoices(m_now.state, list);
    if (list.count == 0)
        return std::nullopt;
    if (m_position < m_choices.size() && list.contains(m_choices[m_position]))
        return m_choices[m_position];
    // At the end of a lasso the machine is back at the cycle's entry.
    if (m_cycleStart && m_position == m_choices.size() && *m_cycleStart < m_choices.size()
            && list.contains(m_choices[*m_cycleStart]))
        return m_choices[*m_cycleStart];
    fl::TimedChooser chooser = m_now.chooser; // a copy: asking must not draw
    return chooser.choose(eng, m_now.state, list);
}

bool Timeline::step(fl::StepReport *report)
{
    const std::optional<fl::Choice> next = nextChoice();
    if (!next)
        return false;
    return apply(*next, report);
}

bool Timeline::apply(fl::Choice choice, fl::StepReport *report)
{
    if (!enabled().contains(choice))
        return false;
    if (m_cycleStart && m_position == m_choices.size() && *m_cycleStart < m_choices.size()) {
        if (choice == m_choices[*m_cycleStart]) {
            // Round the cycle again: where it ended is where it started.
            seek(*m_cycleStart);
            ++m_laps;
        } else {
            m_cycleStart.reset(); // a step off the lasso: an ordinary run from here
        }
    } else if (m_position < m_choices.size() && m_choices[m_position] != choice) {
        truncateFuture();
    }
    applyHere(choice, report);
    return true;
}

void Timeline::setLasso(std::size_t cycleStart, VerdictInfo verdict)
{
    m_cycleStart = std::min(cycleStart, m_choices.size());
    m_laps = 0;
    verdict.step = *m_cycleStart;
    m_verdict = std::move(verdict);
}

void Timeline::truncateFuture()
{
    m_choices.resize(m_position);
    m_samples.resize(m_position);
    m_checkpoints.erase(m_checkpoints.begin()
                    + static_cast<std::ptrdiff_t>(m_position / CheckpointInterval + 1),
            m_checkpoints.end());
    if (m_verdict && m_verdict->step > m_position)
        m_verdict.reset();
    m_cycleStart.reset();
    rebuildTrace();
}

void Timeline::rebuildTrace()
{
    m_trace = TraceHolder(*m_setup);
    if (m_choices.empty())
        return;
    // From the first checkpoint, with throw-away detectors: only the trace
    // is wanted here.
    const fl::Engine eng = engine();
    Point p = m_checkpoints.front();
    Tracker &t = p.tracker;
    SampleSink sink(p.state.machine, t.detector, t.counters, t.drainStart, m_trace.trace.get());
    for (const fl::Choice &c : m_choices)
        eng.apply(p.state, c, sink);
}

void Timeline::applyHere(fl::Choice choice, fl::StepReport *report)
{
    const fl::Engine eng = engine();
    // Draw from the chooser at every step, as the runner does, so that a
    // replayed prefix continues exactly as the seed's own run would.
    fl::ChoiceList list;
    eng.enabledChoices(m_now.state, list);
    m_now.chooser.choose(eng, m_now.state, list);

    Tracker &t = m_now.tracker;
    // Only a newly recorded step goes into the trace; a jump re-applies
    // steps the trace already holds.
    const bool recording = m_position == m_choices.size();
    fl::RunTrace *trace
            = recording && m_trace.trace->steps() == m_position ? m_trace.trace.get() : nullptr;
    SampleSink sink(m_now.state.machine, t.detector, t.counters, t.drainStart, trace);
    const fl::StepReport r = eng.apply(m_now.state, choice, sink);
    if (report)
        *report = r;

    Sample sample = t.counters;
    sample.time = m_now.state.clocks.now[choice.cpu];
    sample.step = r.step;
    sample.cpu = r.cpu;
    sample.task = r.task;
    sample.drainAge = 0;
    for (fl::Nanos start : t.drainStart)
        if (start != 0 && sample.time > start)
            sample.drainAge = std::max(sample.drainAge, sample.time - start);
    t.counters = sample;

    ++m_position;
    if (recording) {
        m_choices.push_back(choice);
        m_samples.push_back(sample);
    }
    if (!m_verdict || m_position <= m_verdict->step)
        detect(eng, choice);
    if (m_position % CheckpointInterval == 0
            && m_checkpoints.size() == m_position / CheckpointInterval)
        m_checkpoints.push_back(m_now);
}

void Timeline::detect(const fl::Engine &eng, fl::Choice choice)
{
    // The same rules, in the same order, as fl::runToVerdict, so the window and
    // `foliolab run` agree on the verdict and the step it comes at.
    const fl::Machine &m = m_now.state.machine;
    Tracker &t = m_now.tracker;
    auto decide = [&](fl::Verdict v, fl::Explanation x) {
        if (!m_verdict)
            m_verdict = VerdictInfo {v, m_position, std::move(x)};
    };
    const fl::Nanos now = m_now.state.clocks.now[choice.cpu];
    if (m_time == fl::TimeModel::Untimed) {
        // No clock rules in the explorer's model; only "nothing can run".
    } else if (auto v = t.detector.afterStep(*m_setup, m, now, MaxVirtualTime, &m_now.state.lives)) {
        decide(v->verdict, std::move(v->explanation));
        return;
    }
    fl::ChoiceList list;
    eng.enabledChoices(m_now.state, list);
    if (list.count == 0) {
        fl::VerdictReached v = fl::StuckDetector::noChoice(*m_setup, m, &m_now.state.lives);
        decide(v.verdict, std::move(v.explanation));
    }
}

void Timeline::seek(std::size_t n)
{
    n = std::min(n, m_choices.size());
    if (n == m_position)
        return;
    // Forward within the same checkpoint interval: no need to go back first.
    const std::size_t base = n / CheckpointInterval;
    if (!(n > m_position && m_position / CheckpointInterval == base)) {
        m_now = m_checkpoints[base];
        m_position = base * CheckpointInterval;
    }
    while (m_position < n)
        applyHere(m_choices[m_position], nullptr);
}

fl::SimState Timeline::stateAt(std::size_t n) const
{
    n = std::min(n, m_choices.size());
    if (n == m_position)
        return m_now.state;
    class NoSink final : public fl::EventSink
    {
        void onEvent(const fl::Event &) override { }
        void onStep(fl::CpuId, fl::TaskId, std::uint16_t, fl::Nanos, fl::Nanos) override { }
    } sink;
    const fl::Engine eng = engine();
    const bool fromNow = n > m_position && m_position / CheckpointInterval == n / CheckpointInterval;
    std::size_t at = fromNow ? m_position : n / CheckpointInterval * CheckpointInterval;
    fl::SimState s = fromNow ? m_now.state : m_checkpoints[n / CheckpointInterval].state;
    for (; at < n; ++at)
        eng.apply(s, m_choices[at], sink);
    return s;
}

void Timeline::clear()
{
    m_choices.clear();
    m_samples.clear();
    m_checkpoints.erase(m_checkpoints.begin() + 1, m_checkpoints.end());
    m_verdict.reset();
    m_cycleStart.reset();
    m_now = m_checkpoints.front();
    m_position = 0;
    m_trace = TraceHolder(*m_setup);
}

std::size_t Timeline::runToVerdict(std::size_t maxSteps)
{
    std::size_t taken = 0;
    while (taken < maxSteps && !verdictHere()) {
        if (!step())
            break;
        ++taken;
    }
    return taken;
}

std::optional<std::size_t> Timeline::replay(const std::vector<fl::Choice> &choices,
        const std::vector<Sample> &samples, std::size_t maxSteps)
{
    clear();
    std::optional<std::size_t> divergence;
    for (std::size_t i = 0; i < choices.size() && !verdictHere(); ++i) {
        if (!enabled().contains(choices[i])) {
            divergence = divergence.value_or(i);
            break;
        }
        fl::StepReport report;
        apply(choices[i], &report);
        if (!divergence && i < samples.size() && report.step != samples[i].step)
            divergence = i;
    }
    // This run stopped before the recorded list ran out: it differs there.
    if (!divergence && m_position < choices.size())
        divergence = m_position;
    if (!verdictHere())
        runToVerdict(maxSteps);
    return divergence;
}
