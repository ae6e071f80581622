// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/chooser.h"
#include "engine/engine.h"
#include "engine/explain.h"
#include "engine/metrics.h"
#include "engine/runner.h"
#include "engine/setup.h"
#include "explore/explorer.h"
#include "lesson/lesson.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fl {

struct GoalStatus
{
    bool met = false;
    std::uint64_t step = 0; // the run's step count when it was met
    std::string fixes; // the fix set it was met under ("baseline", "wait-on-unlock")
};

struct ActionResult
{
    bool ok = true;
    std::string error; // why the action could not be done, in words
    std::uint64_t steps = 0; // steps applied, replays after a toggle included
    std::vector<std::size_t> newlyMet; // goals that became met during the action
};

// One learner (or the verifier) playing one lesson: the simulation of the
// lesson's scenario under the current fix set and preemption model, the
// choices taken so far, the events and metrics of the run, and which goals
// have been met. The GUI's lesson player and `foliolab lesson verify` drive
// this same class.
//
// * Every step goes through Engine::apply; the timed chooser draws at every
//   step, manual or not, so "run" continues exactly as `foliolab run` (and
//   the window's F6) would from the same choices.
// * Goals are evaluated after every step and after every action, and latch:
//   once met they stay met through later steps, toggles and resets, until
//   restart().
// * A verdict comes from the core's runner (runToVerdict with the choices so
//   far as the replay), so it is the verdict the command line prints. The
//   session asks for one on "run to verdict", "run to goal", and when the
//   run ends by itself (every task done, or nothing can run).
// * Toggling a fix or changing the preemption model rebuilds the setup and
//   replays the choices taken so far under it (a choice that is no longer
//   enabled is replaced by the chooser's); the verdict is cleared.
// * Metrics that are not plain counters (latencies, percentiles) are read
//   from the metrics summary, refreshed every 4096 steps and after every
//   action; the counters are exact after every step.
class LessonSession
{
public:
    explicit LessonSession(const Lesson &lesson); // keeps a reference: `lesson` must outlive it
    ~LessonSession();
    LessonSession(const LessonSession &) = delete;
    LessonSession &operator=(const LessonSession &) = delete;

    const Lesson &lesson() const { return m_lesson; }
    const Setup &setup() const { return *m_setup; }
    const Engine &engine() const { return *m_engine; }
    const SimState &state() const { return m_state; }
    const std::vector<Choice> &choices() const { return m_choices; }
    std::optional<Verdict> verdict() const { return m_verdict; }
    const Explanation &explanation() const { return m_explanation; }
    const Metrics &metrics() const { return m_metrics; }
    std::uint64_t eventCount(std::size_t filter) const { return m_counts.at(filter); }
    std::vector<std::string> fixes() const; // the fixes switched on, by name
    bool isFixOn(const std::string &name) const;
    std::string preempt() const;

    const std::vector<GoalStatus> &goals() const { return m_goals; }
    std::size_t goalsMet() const;
    bool allGoalsMet() const { return goalsMet() == m_goals.size(); }
    std::uint64_t stepsApplied() const { return m_stepsApplied; } // over the session's life

    // Checks the model's invariants after every step (always on in debug
    // builds, as in the runner). A violation stops the action with an error
    // and is kept in invariantViolation().
    void setCheckInvariants(bool on) { m_checkInvariants = on; }
    const std::string &invariantViolation() const { return m_violation; }

    // Any action of the lesson format.
    ActionResult apply(const Action &action);

    ActionResult step(Choice choice); // one enabled choice (a click on a CPU or task)
    ActionResult stepNext(); // the timed chooser's choice (F5)
    ActionResult stepTask(TaskId task, std::uint64_t times = 1);
    ActionResult stepCpu(CpuId cpu, std::uint64_t times = 1);
    ActionResult runSteps(std::uint64_t steps);
    ActionResult runToVerdict(std::uint64_t maxSteps = 0);
    ActionResult runUntilGoal(std::size_t goal, std::uint64_t maxSteps = 0);
    ActionResult toggleFix(const std::string &name);
    ActionResult setPreempt(const std::string &model);
    ActionResult reset(); // initial state; fixes, model and met goals are kept
    // Searches every schedule of the current setup from its initial state
    // (fl::explore); the result stands until the fixes or the model change.
    // Takes seconds on l1: a GUI calls it off its GUI thread.
    ActionResult explore(std::uint64_t maxStates = 0);
    const std::optional<ExploreResult> &exploreResult() const { return m_explored; }
    void restart(); // the lesson's start: its fixes and model, no goal met

private:
    void build(const std::vector<std::string> &fixes, const std::string &preempt);
    void startRun();
    // Has the run ended by itself (every task done, or nothing can run)?
    // Asks the runner for the verdict when it has.
    bool ended(const ChoiceList &enabled);
    bool ended();
    void applyChoice(const ChoiceList &enabled, Choice choice, ActionResult &result);
    void judge();
    void adopt(const RunResult &run);
    void evaluateGoals(ActionResult &result);
    void finishAction(ActionResult &result);
    ActionResult replayUnder(const std::vector<std::string> &fixes, const std::string &preempt);
    std::string describeBlocked(TaskId task) const;

    class Sink;

    const Lesson &m_lesson;
    std::vector<std::string> m_fixes;
    std::string m_preempt;
    // The engine refers to the setup: setup first in, engine first out.
    std::unique_ptr<Setup> m_setup;
    std::unique_ptr<Engine> m_engine;
    SimState m_state;
    std::unique_ptr<TimedChooser> m_chooser;
    std::vector<Choice> m_choices;
    Metrics m_metrics;
    std::map<std::string, double> m_summary;
    bool m_needsSummary = false;
    std::vector<std::uint64_t> m_counts;
    std::optional<Verdict> m_verdict;
    std::optional<ExploreResult> m_explored;
    Explanation m_explanation;
    std::vector<GoalStatus> m_goals;
    std::uint64_t m_stepsApplied = 0;
#ifdef FOLIOLAB_CHECK_INVARIANTS
    bool m_checkInvariants = true;
#else
    bool m_checkInvariants = false;
#endif
    std::string m_violation;
};

} // namespace fl
