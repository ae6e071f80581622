// SPDX-License-Identifier: GPL-2.0-only
#include "lesson/lesson_session.h"

#include "engine/invariants.h"
#include "scenario/scenario_build.h"

#include <algorithm>
#include <functional>

namespace fl {

namespace {

constexpr std::uint64_t kSummaryEvery = 4096;
// A run to a goal after a verdict has no detector to stop it: bound it.
constexpr std::uint64_t kDefaultGoalSteps = 10'000'000;
// Enough for every built-in scenario's whole space (l1: about 300 000 states).
constexpr std::uint64_t kDefaultExploreStates = 5'000'000;
// 753 MB was seen for one lesson goal with no bound; the window and the
// course stay well below what a laptop has.
constexpr std::uint64_t kDefaultExploreResidentBytes = 1ull << 30;

// The runner's own test for COMPLETED (every task but the kworkers done).
bool allWorkDone(const Machine &m)
{
    for (int i = 0; i < m.taskCount; ++i)
        if (m.tasks[i].role != Role::Kworker && m.tasks[i].state != TaskState::Done)
            return false;
    return true;
}

bool usesSummary(const Predicate &p)
{
    if (p.kind == Predicate::Kind::Metric && p.fastMetric == FastMetric::None)
        return true;
    return std::any_of(p.children.begin(), p.children.end(), usesSummary);
}

std::string joinedFixes(const std::vector<std::string> &fixes)
{
    if (fixes.empty())
        return "baseline";
    std::string out;
    for (const std::string &f : fixes)
        out += (out.empty() ? "" : "+") + f;
    return out;
}

} // namespace

// Feeds the metrics and the goals' event counters.
class LessonSession::Sink final : public EventSink
{
public:
    explicit Sink(LessonSession &session)
        : m_s(session)
    { }
    void onEvent(const Event &e) override
    {
        m_s.m_metrics.onEvent(e);
        const std::vector<EventFilter> &filters = m_s.m_lesson.eventFilters;
        for (std::size_t i = 0; i < filters.size(); ++i)
            if (filters[i].matches(e))
                ++m_s.m_counts[i];
    }
    void onStep(CpuId cpu, TaskId task, std::uint16_t step, Nanos cost, Nanos start) override
    {
        m_s.m_metrics.onStep(cpu, task, step, cost, start);
    }

private:
    LessonSession &m_s;
};

LessonSession::LessonSession(const Lesson &lesson)
    : m_lesson(lesson)
{
    for (const Goal &g : lesson.goals)
        m_needsSummary = m_needsSummary || usesSummary(g.predicate);
    restart();
}

LessonSession::~LessonSession() = default;

void LessonSession::restart()
{
    m_goals.assign(m_lesson.goals.size(), GoalStatus {});
    build(m_lesson.startFixes, m_lesson.startPreempt);
    startRun();
    ActionResult ignored;
    finishAction(ignored);
}

void LessonSession::build(const std::vector<std::string> &fixes, const std::string &preempt)
{
    BuildOptions options;
    options.fixes = fixes.empty() ? std::vector<std::string> {"baseline"} : fixes;
    options.preempt = preempt;
    auto setup = std::make_unique<Setup>(buildSetup(m_lesson.scenario, options));
    auto engine = std::make_unique<Engine>(*setup);
    m_engine.reset();
    m_setup = std::move(setup);
    m_engine = std::move(engine);
    m_fixes = fixes;
    m_preempt = preempt;
    m_explored.reset(); // it was about the old setup
}

void LessonSession::startRun()
{
    m_state = m_engine->initialState();
    m_chooser = std::make_unique<TimedChooser>(m_lesson.seed);
    m_choices.clear();
    m_metrics = Metrics();
    m_summary.clear();
    m_counts.assign(m_lesson.eventFilters.size(), 0);
    m_verdict.reset();
    m_explanation = Explanation();
}

std::vector<std::string> LessonSession::fixes() const
{
    return m_fixes;
}

bool LessonSession::isFixOn(const std::string &name) const
{
    return std::find(m_fixes.begin(), m_fixes.end(), name) != m_fixes.end();
}

std::string LessonSession::preempt() const
{
    return m_preempt;
}

std::size_t LessonSession::goalsMet() const
{
    return static_cast<std::size_t>(std::count_if(
            m_goals.begin(), m_goals.end(), [](const GoalStatus &g) { return g.met; }));
}

void LessonSession::evaluateGoals(ActionResult &result)
{
    const Observation o {*m_setup, m_state, m_counts, m_metrics, m_summary, m_verdict,
            m_explored ? std::optional(m_explored->verdict) : std::nullopt};
    for (std::size_t i = 0; i < m_goals.size(); ++i) {
        GoalStatus &g = m_goals[i];
        if (g.met || !evaluate(m_lesson.goals[i].predicate, o))
            continue;
        g.met = true;
        g.step = m_choices.size();
        g.fixes = joinedFixes(m_fixes);
        result.newlyMet.push_back(i);
    }
}

void LessonSession::finishAction(ActionResult &result)
{
    if (m_needsSummary)
        m_summary = m_metrics.summary();
    evaluateGoals(result);
}

void LessonSession::applyChoice(const ChoiceList &enabled, Choice choice, ActionResult &result)
{
    // Drawn at every step, as the runner does, so that a later run from here
    // takes the schedule `foliolab run` would take after these choices.
    (void)m_chooser->choose(*m_engine, m_state, enabled);
    Sink sink(*this);
    m_engine->apply(m_state, choice, sink);
    m_choices.push_back(choice);
    ++m_stepsApplied;
    ++result.steps;
    if (m_needsSummary && m_choices.size() % kSummaryEvery == 0)
        m_summary = m_metrics.summary();
    if (!allGoalsMet())
        evaluateGoals(result);
    if (m_checkInvariants && m_violation.empty()) {
        if (std::string v = checkInvariants(*m_setup, m_state.machine); !v.empty()) {
            m_violation = "after step " + std::to_string(m_choices.size()) + ": " + v;
            result.ok = false;
            result.error = "internal error: the model broke an invariant " + m_violation;
        }
    }
}

void LessonSession::adopt(const RunResult &run)
{
    m_verdict = run.verdict;
    m_explanation = run.explanation;
}

void LessonSession::judge()
{
    RunOptions options;
    options.seed = m_lesson.seed;
    options.replay = m_choices;
    options.maxSteps = m_choices.size();
    adopt(fl::runToVerdict(*m_setup, options));
}

// A run may go on past a LIVELOCK or LIMIT verdict (to watch the spin); it
// cannot go past its end.
bool LessonSession::ended(const ChoiceList &enabled)
{
    if (enabled.count > 0 && !allWorkDone(m_state.machine))
        return false;
    if (!m_verdict)
        judge();
    return true;
}

bool LessonSession::ended()
{
    ChoiceList enabled;
    m_engine->enabledChoices(m_state, enabled);
    return ended(enabled);
}

ActionResult LessonSession::step(Choice choice)
{
    ActionResult result;
    ChoiceList enabled;
    m_engine->enabledChoices(m_state, enabled);
    if (!enabled.contains(choice)) {
        result.ok = false;
        result.error = "that choice is not enabled now";
        return result;
    }
    applyChoice(enabled, choice, result);
    ended();
    finishAction(result);
    return result;
}

ActionResult LessonSession::stepNext()
{
    return runSteps(1);
}

std::string LessonSession::describeBlocked(TaskId task) const
{
    const std::string &name = m_setup->taskNames[task];
    const Task &t = m_state.machine.task(task);
    switch (t.state) {
    case TaskState::Done:
        return name + " has finished";
    case TaskState::Sleeping:
        return name + " is asleep (" + waitKindName(t.wait) + ")";
    case TaskState::Runnable: {
        const TaskId cur = m_state.machine.cpus[t.cpu].current;
        return name + " is runnable but CPU" + std::to_string(t.cpu) + " runs "
                + (cur == NoTask ? std::string("nothing it may switch away from")
                                 : m_setup->taskNames[cur]);
    }
    case TaskState::Running:
        break;
    }
    return name + " cannot act now";
}

ActionResult LessonSession::stepTask(TaskId task, std::uint64_t times)
{
    ActionResult result;
    ChoiceList enabled;
    for (std::uint64_t i = 0; i < times; ++i) {
        m_engine->enabledChoices(m_state, enabled);
        if (ended(enabled))
            break;
        const Task &t = m_state.machine.task(task);
        // A pick of this task; a step of its CPU while it is the current
        // task; or, on an idle CPU, the step that starts or wakes it (its
        // start timer) or switches it in.
        const TaskId current = m_state.machine.cpus[t.cpu].current;
        const bool comesNext
                = current == NoTask && (t.state == TaskState::Runnable || t.sleepsOnTimer());
        std::optional<Choice> found;
        for (const Choice &c : enabled)
            if (c.cpu == t.cpu
                    && (c.task == task || (c.task == NoTask && (current == task || comesNext)))) {
                found = c;
                break;
            }
        if (!found) {
            result.ok = false;
            result.error = describeBlocked(task) + " (after " + std::to_string(i) + " of "
                    + std::to_string(times) + " steps)";
            break;
        }
        applyChoice(enabled, *found, result);
        if (!m_violation.empty())
            break;
    }
    ended();
    finishAction(result);
    return result;
}

ActionResult LessonSession::stepCpu(CpuId cpu, std::uint64_t times)
{
    ActionResult result;
    ChoiceList enabled;
    for (std::uint64_t i = 0; i < times; ++i) {
        m_engine->enabledChoices(m_state, enabled);
        if (ended(enabled))
            break;
        // At a pick the first listed candidate is the scheduler's preference.
        const auto it = std::find_if(
                enabled.begin(), enabled.end(), [&](const Choice &c) { return c.cpu == cpu; });
        if (it == enabled.end()) {
            result.ok = false;
            result.error = "CPU" + std::to_string(cpu) + " has nothing to do (after "
                    + std::to_string(i) + " of " + std::to_string(times) + " steps)";
            break;
        }
        applyChoice(enabled, *it, result);
        if (!m_violation.empty())
            break;
    }
    ended();
    finishAction(result);
    return result;
}

ActionResult LessonSession::runSteps(std::uint64_t steps)
{
    ActionResult result;
    ChoiceList enabled;
    for (std::uint64_t i = 0; i < steps; ++i) {
        m_engine->enabledChoices(m_state, enabled);
        if (ended(enabled))
            break;
        // choose() is not called twice: applyChoice draws, so copy the chooser.
        TimedChooser peek = *m_chooser;
        applyChoice(enabled, peek.choose(*m_engine, m_state, enabled), result);
        if (!m_violation.empty())
            break;
    }
    ended();
    finishAction(result);
    return result;
}

ActionResult LessonSession::runToVerdict(std::uint64_t maxSteps)
{
    ActionResult result;
    if (!m_verdict) {
        RunOptions options;
        options.seed = m_lesson.seed;
        options.replay = m_choices;
        if (maxSteps > 0)
            options.maxSteps = m_choices.size() + maxSteps;
        const RunResult run = fl::runToVerdict(*m_setup, options);
        ChoiceList enabled;
        for (std::size_t i = m_choices.size(); i < run.choices.size(); ++i) {
            m_engine->enabledChoices(m_state, enabled);
            applyChoice(enabled, run.choices[i], result);
            if (!m_violation.empty())
                break;
        }
        adopt(run);
    }
    finishAction(result);
    return result;
}

ActionResult LessonSession::runUntilGoal(std::size_t goal, std::uint64_t maxSteps)
{
    ActionResult result;
    if (goal >= m_goals.size()) {
        result.ok = false;
        result.error = "no such goal";
        return result;
    }
    ChoiceList enabled;
    if (!m_goals[goal].met && !m_verdict) {
        // The runner's continuation up to its verdict, followed step by step
        // until the goal is met.
        RunOptions options;
        options.seed = m_lesson.seed;
        options.replay = m_choices;
        if (maxSteps > 0)
            options.maxSteps = m_choices.size() + maxSteps;
        const RunResult run = fl::runToVerdict(*m_setup, options);
        for (std::size_t i = m_choices.size(); i < run.choices.size() && !m_goals[goal].met; ++i) {
            m_engine->enabledChoices(m_state, enabled);
            applyChoice(enabled, run.choices[i], result);
            if (!m_violation.empty())
                break;
        }
        if (!m_goals[goal].met)
            adopt(run);
        ended();
    } else if (!m_goals[goal].met) {
        // Past a verdict: keep stepping with the chooser, within a bound.
        const std::uint64_t bound = maxSteps > 0 ? maxSteps : kDefaultGoalSteps;
        for (std::uint64_t i = 0; i < bound && !m_goals[goal].met; ++i) {
            m_engine->enabledChoices(m_state, enabled);
            if (enabled.count == 0)
                break;
            TimedChooser peek = *m_chooser;
            applyChoice(enabled, peek.choose(*m_engine, m_state, enabled), result);
            if (!m_violation.empty())
                break;
        }
    }
    finishAction(result);
    if (!m_goals[goal].met) {
        result.ok = false;
        result.error = "goal '" + m_lesson.goals[goal].id + "' was not met; the run "
                + (m_verdict ? std::string("ended with ") + verdictName(*m_verdict)
                             : std::string("stopped"))
                + " after " + std::to_string(m_choices.size()) + " steps";
    }
    return result;
}

ActionResult LessonSession::replayUnder(
        const std::vector<std::string> &fixes, const std::string &preempt)
{
    ActionResult result;
    const std::vector<Choice> old = std::move(m_choices);
    build(fixes, preempt);
    startRun();
    finishAction(result); // a goal about the fix set or the model may hold already
    ChoiceList enabled;
    for (const Choice &c : old) {
        m_engine->enabledChoices(m_state, enabled);
        if (ended(enabled))
            break;
        TimedChooser peek = *m_chooser;
        const Choice fallback = peek.choose(*m_engine, m_state, enabled);
        applyChoice(enabled, enabled.contains(c) ? c : fallback, result);
        if (!m_violation.empty())
            break;
    }
    ended();
    finishAction(result);
    return result;
}

ActionResult LessonSession::toggleFix(const std::string &name)
{
    const std::vector<std::string> &offered = m_lesson.toggles;
    if (std::find(offered.begin(), offered.end(), name) == offered.end()) {
        ActionResult result;
        result.ok = false;
        result.error = "the lesson does not offer the fix '" + name + "'";
        return result;
    }
    std::vector<std::string> next = m_fixes;
    if (const auto it = std::find(next.begin(), next.end(), name); it != next.end()) {
        next.erase(it);
    } else {
        FixSet set;
        for (const std::string &f : next)
            addFixByName(set, f);
        if (const std::string problem = addFixByName(set, name); !problem.empty()) {
            ActionResult result;
            result.ok = false;
            result.error = problem;
            return result;
        }
        next.push_back(name);
    }
    return replayUnder(next, m_preempt);
}

ActionResult LessonSession::setPreempt(const std::string &model)
{
    const std::vector<std::string> &offered = m_lesson.preemptModels;
    if (std::find(offered.begin(), offered.end(), model) == offered.end()) {
        ActionResult result;
        result.ok = false;
        result.error = "the lesson does not offer the preemption model '" + model + "'";
        return result;
    }
    return replayUnder(m_fixes, model);
}

ActionResult LessonSession::reset()
{
    ActionResult result;
    startRun();
    finishAction(result);
    return result;
}

ActionResult LessonSession::explore(std::uint64_t maxStates)
{
    ActionResult result;
    ExploreOptions options;
    options.maxStates = maxStates > 0 ? maxStates : kDefaultExploreStates;
    // A lesson's search shares the window's process: bound all of it.
    options.maxResidentBytes = kDefaultExploreResidentBytes;
    m_explored = fl::explore(*m_setup, options);
    finishAction(result);
    return result;
}

ActionResult LessonSession::apply(const Action &a)
{
    switch (a.kind) {
    case Action::Kind::StepTask:
        return stepTask(a.task, a.times);
    case Action::Kind::StepCpu:
        return stepCpu(a.cpu, a.times);
    case Action::Kind::RunSteps:
        return runSteps(a.times);
    case Action::Kind::RunVerdict:
        return runToVerdict(a.maxSteps);
    case Action::Kind::RunGoal:
        return runUntilGoal(a.goal, a.maxSteps);
    case Action::Kind::ToggleFix:
        return toggleFix(a.name);
    case Action::Kind::SetPreempt:
        return setPreempt(a.name);
    case Action::Kind::Reset:
        return reset();
    case Action::Kind::Explore:
        return explore(a.maxSteps);
    }
    ActionResult result;
    result.ok = false;
    result.error = "unknown action";
    return result;
}

} // namespace fl
