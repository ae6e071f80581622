// SPDX-License-Identifier: GPL-2.0-only
#include "explore/lasso.h"

#include "engine/stuck_detector.h"
#include "explore/state_graph.h"

#include <algorithm>
#include <bitset>

namespace fl {

const char *lassoOutcomeName(LassoOutcome o)
{
    switch (o) {
    case LassoOutcome::NotEnabled:
        return "NOT-ENABLED";
    case LassoOutcome::Livelock:
        return "LIVELOCK";
    case LassoOutcome::NotACycle:
        return "NOT-A-CYCLE";
    case LassoOutcome::Unfair:
        return "UNFAIR";
    case LassoOutcome::Deadlock:
        return "DEADLOCK";
    case LassoOutcome::Completed:
        return "COMPLETED";
    case LassoOutcome::Replayed:
        return "REPLAYED";
    case LassoOutcome::Hazard:
        return "SAFETY";
    }
    return "?";
}

namespace {

class Watch final : public EventSink
{
public:
    void onEvent(const Event &e) override
    {
        completed = completed || isCompletion(e);
        if (isHazard(e) && !hazard) {
            hazard = true;
            hazardEvent = e;
        }
    }
    void onStep(CpuId, TaskId, std::uint16_t, Nanos, Nanos) override { }
    bool completed = false;
    bool hazard = false;
    Event hazardEvent;
};

// Strong fairness per choice on a cycle: every choice enabled somewhere on
// it is taken somewhere on it.
class CycleFairness
{
public:
    void step(const ChoiceList &enabled, Choice taken)
    {
        for (const Choice &c : enabled)
            m_enabled.set(choiceKey(c));
        m_taken.set(choiceKey(taken));
    }
    bool fair() const { return (m_enabled & ~m_taken).none(); }

private:
    std::bitset<MaxCpus * 256> m_enabled, m_taken;
};

} // namespace

bool isLivelockCycle(const Engine &untimed, const SimState &entry,
        const std::vector<Choice> &choices, std::size_t from, std::size_t to)
{
    SimState s = entry;
    CycleFairness fairness;
    ChoiceList enabled;
    Watch watch;
    for (std::size_t i = from; i < to; ++i) {
        untimed.enabledChoices(s, enabled);
        if (!enabled.contains(choices[i]))
            return false;
        fairness.step(enabled, choices[i]);
        untimed.apply(s, choices[i], watch);
        if (watch.completed || watch.hazard)
            return false;
    }
    return s.machine == entry.machine && fairness.fair();
}

LassoResult replayUntimed(const Setup &setup, const std::vector<Choice> &choices,
        std::int64_t cycleStart, std::int64_t untimedFrom)
{
    const Engine timed(setup, TimeModel::Timed);
    const Engine engine(setup, TimeModel::Untimed);
    LassoResult r;
    Machine entry;
    CycleFairness fairness;
    Watch watch;
    ChoiceList enabled;
    // Applies choice i with `e`; false (and r filled in) where the replay ends.
    auto step = [&](const Engine &e, SimState &s, std::size_t i, bool onCycle) {
        e.enabledChoices(s, enabled);
        if (!enabled.contains(choices[i])) {
            r.outcome = LassoOutcome::NotEnabled;
            r.failedAt = i;
            r.summary = "choice " + std::to_string(i) + " (" + e.describeChoice(s, choices[i])
                    + ") is not possible here"
                    + (&e == &timed ? std::string(" in the timed run")
                                    : ": " + e.whyNotEnabled(s, choices[i]));
            r.steps = i;
            r.finalState = s;
            return false;
        }
        if (onCycle)
            fairness.step(enabled, choices[i]);
        e.apply(s, choices[i], watch);
        if (watch.hazard) {
            r.outcome = LassoOutcome::Hazard;
            r.steps = i + 1;
            r.summary = std::string("hazard after ") + std::to_string(i + 1)
                    + " steps: " + eventKindName(watch.hazardEvent.kind) + " of folio "
                    + setup.folioNames[watch.hazardEvent.folio] + " by "
                    + setup.taskNames[watch.hazardEvent.task];
            r.finalState = s;
            return false;
        }
        return true;
    };

    // The timed run's part first, then the untimed model from its state.
    SimState s = timed.initialState();
    const std::size_t prefix = static_cast<std::size_t>(std::max<std::int64_t>(untimedFrom, 0));
    for (std::size_t i = 0; i < prefix && i < choices.size(); ++i)
        if (!step(timed, s, i, false))
            return r;
    s = engine.untimedFrom(s);
    for (std::size_t i = prefix; i < choices.size(); ++i) {
        const bool onCycle = cycleStart >= 0 && i >= static_cast<std::size_t>(cycleStart);
        if (cycleStart >= 0 && i == static_cast<std::size_t>(cycleStart)) {
            entry = s.machine;
            watch.completed = false;
        }
        if (!step(engine, s, i, onCycle))
            return r;
    }
    r.steps = choices.size();
    r.finalState = s;
    if (cycleStart >= 0) {
        r.explanation = explainState(setup, entry, "Where the cycle starts:");
        if (!(s.machine == entry) || watch.completed) {
            r.outcome = LassoOutcome::NotACycle;
            r.summary = watch.completed ? "something completes on the cycle"
                                        : "the cycle does not return to the state it started in";
        } else if (!fairness.fair()) {
            r.outcome = LassoOutcome::Unfair;
            r.summary = "the cycle never takes a choice it keeps enabling";
        } else {
            r.outcome = LassoOutcome::Livelock;
            r.summary = "after " + std::to_string(cycleStart) + " steps the cycle of "
                    + std::to_string(choices.size() - static_cast<std::size_t>(cycleStart))
                    + " steps returns to the same state; every choice it enables is taken "
                      "and nothing completes: it can repeat forever";
        }
        return r;
    }
    engine.enabledChoices(s, enabled);
    if (enabled.count == 0) {
        r.outcome = allWorkDone(s.machine) ? LassoOutcome::Completed : LassoOutcome::Deadlock;
        r.summary = r.outcome == LassoOutcome::Completed ? "every task finished"
                                                         : "nothing can run, yet tasks still wait";
        if (r.outcome == LassoOutcome::Deadlock)
            r.explanation = explainState(
                    setup, s.machine, "Nothing can run, yet tasks are still waiting:");
    } else {
        r.summary = "replayed " + std::to_string(choices.size()) + " choices";
    }
    return r;
}

} // namespace fl
