// SPDX-License-Identifier: GPL-2.0-only
#include "lessonplayer.h"

#include "lassotimeline.h"
#include "lessonprogress.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "timeline.h"

#include "kernel/fixes.h"
#include "lesson/lesson.h"
#include "lesson/lesson_catalogue.h"
#include "lesson/lesson_session.h"
#include "scenario/scenario_error.h"
#include "scenario/scenario_toml.h"

#include <QCoreApplication>
#include <QJSEngine>
#include <QThread>
#include <QVariantMap>

#include <algorithm>
#include <exception>
#include <type_traits>

using namespace Qt::StringLiterals;

namespace {

// Catching up with more steps than this (after a long background run of the
// window) goes to the worker thread; fewer take well under a frame.
constexpr std::size_t InlineFollowSteps = 20'000;

// The tour: an action of at most this many steps is shown step by step;
// a longer one shows its first SingleSteps one by one, then JumpBeats jumps
// that grow towards its end (a run of 500 000 steps takes about 20 beats).
constexpr std::size_t SingleSteps = 8;
constexpr std::size_t JumpBeats = 12;
constexpr std::size_t StepByStepUpTo = SingleSteps + JumpBeats;
constexpr int DefaultTourIntervalMs = 700;

bool asksExplorer(const fl::Predicate &p)
{
    return p.kind == fl::Predicate::Kind::Explorer
            || std::any_of(p.children.begin(), p.children.end(), asksExplorer);
}

} // namespace

// What the window shows, as the session must follow it.
struct LessonPlayer::WindowRun
{
    fl::FixSet fixes;
    fl::Preempt preempt = fl::Preempt::Voluntary;
    std::vector<fl::Choice> choices; // up to the window's current step
    bool verdictHere = false;
};

// Brings `s` to the window's setup and choices. Returns why it could not, or
// "". Runs on the GUI thread or the worker, never on both at once.
static QString followRun(fl::LessonSession &s, const LessonPlayer::WindowRun &w, bool mayAskVerdict)
{
    const bool sameFixes = s.setup().fixes == w.fixes;
    const bool samePreempt = s.setup().initial.preempt == w.preempt;
    if (!sameFixes || !samePreempt) {
        // Rebuild on an empty run (met goals latch through a reset), so the
        // switch below replays nothing: the window's choices come next.
        s.reset();
        // Off first, then on: two fixes that exclude each other never meet.
        for (const bool on : {false, true}) {
            for (const fl::FixInfo &info : fl::fixCatalogue()) {
                const bool want = w.fixes.has(info.fix);
                if (want != on || s.setup().fixes.has(info.fix) == want)
                    continue;
                const fl::ActionResult r = s.toggleFix(std::string(info.name));
                if (!r.ok)
                    return LessonPlayer::tr("The goals wait: %1. Switch '%2' back to go on.")
                            .arg(QString::fromStdString(r.error),
                                    QString::fromLatin1(info.name.data(),
                                            static_cast<qsizetype>(info.name.size())));
            }
        }
        if (s.setup().initial.preempt != w.preempt) {
            const fl::ActionResult r = s.setPreempt(fl::preemptName(w.preempt));
            if (!r.ok)
                return LessonPlayer::tr("The goals wait: %1.").arg(QString::fromStdString(r.error));
        }
    }

    const std::vector<fl::Choice> &have = s.choices();
    const bool prefix = have.size() <= w.choices.size()
            && std::equal(have.begin(), have.end(), w.choices.begin());
    if (!prefix)
        s.reset(); // stepped back, jumped, or took another branch
    for (std::size_t i = s.choices().size(); i < w.choices.size(); ++i) {
        const fl::ActionResult r = s.step(w.choices[i]);
        if (!r.ok)
            return LessonPlayer::tr("The lesson lost track of the window's run at step %1: %2")
                    .arg(i + 1)
                    .arg(QString::fromStdString(r.error));
    }
    // The window's detector decided here; the session asks the core's runner
    // for the same verdict (it replays these choices and stops there), so a
    // goal about the verdict sees what the banner says.
    if (mayAskVerdict && w.verdictHere && !s.verdict())
        s.runToVerdict();
    return {};
}

// One action of the reference solution in words, for the tour's caption.
static QString describeAction(const fl::Action &a, const fl::LessonSession &s)
{
    using K = fl::Action::Kind;
    const QString name = QString::fromStdString(a.name);
    switch (a.kind) {
    case K::StepTask: {
        const QString task = QString::fromStdString(s.setup().taskNames.at(a.task));
        return a.times == 1 ? LessonPlayer::tr("%1 takes one step").arg(task)
                            : LessonPlayer::tr("%1 takes %2 steps").arg(task).arg(a.times);
    }
    case K::StepCpu:
        return LessonPlayer::tr("CPU%1 steps %2 times").arg(int(a.cpu)).arg(a.times);
    case K::RunVerdict:
        return LessonPlayer::tr("run until the detector gives its verdict (F8)");
    case K::RunGoal:
        return LessonPlayer::tr("run until goal %1 is met").arg(a.goal + 1);
    case K::RunSteps:
        return LessonPlayer::tr("%1 steps of the scheduler (F5)").arg(a.times);
    case K::ToggleFix:
        return (s.isFixOn(a.name) ? LessonPlayer::tr("switch %1 on") : LessonPlayer::tr("switch %1 off"))
                       .arg(name)
                + LessonPlayer::tr(": the same schedule again, from step 0");
    case K::SetPreempt:
        return LessonPlayer::tr("preemption model %1: the same schedule again, from step 0").arg(name);
    case K::Reset:
        return LessonPlayer::tr("back to the start");
    case K::Explore:
        return LessonPlayer::tr("the explorer tries every schedule");
    }
    return {};
}

// The positions a segment's beats show: every step of a short action; the
// first steps of a long one, then jumps that grow (cubic), so the class sees
// the start move by move and the long spin passes quickly. A goal's step is
// always a stop of its own.
static std::vector<std::size_t> beatPositions(const LessonPlayer::TourSegment &seg)
{
    std::vector<std::size_t> at;
    const std::size_t from = seg.from, to = seg.to;
    if (to > from) {
        const std::size_t length = to - from;
        if (length <= StepByStepUpTo) {
            for (std::size_t p = from + 1; p <= to; ++p)
                at.push_back(p);
        } else {
            for (std::size_t p = from + 1; p <= from + SingleSteps; ++p)
                at.push_back(p);
            const double rest = double(length - SingleSteps);
            for (std::size_t i = 1; i <= JumpBeats; ++i) {
                const double f = double(i) / double(JumpBeats);
                at.push_back(from + SingleSteps + std::size_t(rest * f * f * f));
            }
        }
    }
    for (const auto &[step, goal] : seg.goals)
        at.push_back(std::clamp(std::size_t(step), from, to));
    std::sort(at.begin(), at.end());
    at.erase(std::unique(at.begin(), at.end()), at.end());
    return at;
}

static_assert(!std::is_default_constructible_v<LessonPlayer>);

LessonPlayer::LessonPlayer(RunModel &sim, QObject *parent)
    : QObject(parent)
    , m_sim(sim)
    , m_goals(new GoalListModel(this))
    , m_lessons(new LessonListModel(this))
{
    m_lessons->loadBuiltin();
    m_tourTimer.setInterval(DefaultTourIntervalMs);
    connect(&m_tourTimer, &QTimer::timeout, this, &LessonPlayer::advanceTour);
    connect(&m_sim, &RunModel::stateChanged, this, &LessonPlayer::follow);
    // The search's result stands until the lesson, the fixes or the model
    // change (LessonSession::explore); those come with these signals.
    connect(this, &LessonPlayer::lessonChanged, this, &LessonPlayer::exploredChanged);
    connect(this, &LessonPlayer::goalsChanged, this, &LessonPlayer::exploredChanged);
}

LessonPlayer::~LessonPlayer()
{
    if (m_worker)
        m_worker->wait();
}

LessonPlayer &LessonPlayer::instance()
{
    static LessonPlayer player(*SimController::instance().run(), nullptr);
    return player;
}

LessonPlayer *LessonPlayer::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_UNUSED(jsEngine)
    LessonPlayer *player = &instance();
    QJSEngine::setObjectOwnership(player, QJSEngine::CppOwnership);
    return player;
}

QString LessonPlayer::title() const
{
    return m_lesson ? QString::fromStdString(m_lesson->title) : QString();
}

int LessonPlayer::level() const
{
    return m_lesson ? m_lesson->level : 0;
}

int LessonPlayer::minutes() const
{
    return m_lesson ? m_lesson->minutes : 0;
}

QVariantList LessonPlayer::sections() const
{
    QVariantList list;
    if (m_lesson)
        for (const fl::LessonSection &s : m_lesson->sections)
            list << QVariantMap {{u"title"_s, QString::fromStdString(s.title)},
                    {u"text"_s, QString::fromStdString(s.text).simplified()}};
    return list;
}

static QStringList toQStringList(const std::vector<std::string> &names)
{
    QStringList list;
    for (const std::string &n : names)
        list << QString::fromStdString(n);
    return list;
}

QStringList LessonPlayer::toggles() const
{
    return m_lesson ? toQStringList(m_lesson->toggles) : QStringList();
}

QStringList LessonPlayer::preemptModels() const
{
    return m_lesson ? toQStringList(m_lesson->preemptModels) : QStringList();
}

bool LessonPlayer::usesExplorer() const
{
    return m_lesson
            && std::any_of(m_lesson->goals.begin(), m_lesson->goals.end(),
                    [](const fl::Goal &g) { return asksExplorer(g.predicate); });
}

bool LessonPlayer::openLesson(const QString &lessonId)
{
    if (isBusy() || m_sim.isBusy()) {
        setStatusText(tr("Wait for the run under way to finish."));
        return false;
    }
    std::unique_ptr<fl::Lesson> lesson;
    std::unique_ptr<fl::LessonSession> session;
    try {
        lesson = std::make_unique<fl::Lesson>(fl::loadBuiltinLesson(lessonId.toStdString()));
        session = std::make_unique<fl::LessonSession>(*lesson);
    } catch (const fl::ScenarioError &error) {
        setStatusText(QString::fromStdString(error.what()));
        return false;
    } catch (const std::exception &error) {
        setStatusText(
                tr("%1: internal error: %2").arg(lessonId, QString::fromStdString(error.what())));
        return false;
    }

    clearTour();
    m_session.reset(); // refers to the old lesson
    m_lesson = std::move(lesson);
    m_session = std::move(session);
    m_lessonId = lessonId;
    // A built-in scenario keeps its name, so the window (and a saved replay)
    // can name it; an inline one is the lesson's.
    const std::string &scenario = m_lesson->scenario.name;
    m_source = !fl::builtinScenarioText(scenario).empty() ? QString::fromStdString(scenario)
                                                          : u"lesson:%1"_s.arg(lessonId);
    m_allHints = toQStringList(m_lesson->hints);
    for (const fl::Goal &g : m_lesson->goals)
        if (!g.hint.empty())
            m_allHints << QString::fromStdString(g.hint);
    m_hintsShown = 0;
    std::vector<GoalListModel::Row> rows;
    for (const fl::Goal &g : m_lesson->goals)
        rows.push_back({QString::fromStdString(g.id), QString::fromStdString(g.text), false, {}});
    m_goals->setRows(std::move(rows));
    m_goalsMet = -1; // publishGoals() announces the count
    m_shownGoals.assign(m_lesson->goals.size(), false);
    m_lessons->setCurrent(lessonId);
    LessonProgress::setLastLesson(lessonId);
    setStatusText({});
    emit lessonChanged();
    emit tourChanged();
    emit hintsChanged();
    showSessionInWindow(0, false);
    publishGoals();
    return true;
}

bool LessonPlayer::openLessonAt(int row)
{
    if (row < 0 || row >= m_lessons->rowCount())
        return false;
    return openLesson(m_lessons->entry(row).id);
}

bool LessonPlayer::openNext()
{
    return hasNext() && openLessonAt(lessonIndex() + 1);
}

bool LessonPlayer::openPrevious()
{
    return hasPrevious() && openLessonAt(lessonIndex() - 1);
}

void LessonPlayer::restart()
{
    if (!m_session || isBusy() || m_sim.isBusy())
        return;
    clearTour();
    m_session->restart();
    m_hintsShown = 0;
    emit hintsChanged();
    setStatusText({});
    showSessionInWindow(0, false);
    publishGoals();
}

void LessonPlayer::resetProgress()
{
    LessonProgress::clearAll();
    if (m_session && !isBusy() && !m_sim.isBusy()) {
        restart();
        LessonProgress::setLastLesson(m_lessonId);
    }
    m_lessons->refreshProgress();
    publishGoals();
    emit tourChanged(); // watched
}

void LessonPlayer::showHint()
{
    if (hintsLeft() <= 0)
        return;
    ++m_hintsShown;
    emit hintsChanged();
}

void LessonPlayer::showMe()
{
    if (!m_session || isBusy() || m_sim.isBusy())
        return;
    m_sim.setRunning(false);
    clearTour();
    // From now on the goals show what the tour reached, and nothing is saved
    // as met: the class watched, the learner did not do it.
    m_watching = true;
    m_shownGoals.assign(m_lesson->goals.size(), false);
    emit tourChanged();
    setStatusText(tr("Preparing the reference solution…"));
    auto runs = std::make_shared<std::vector<TourRun>>();
    auto segments = std::make_shared<std::vector<TourSegment>>();
    startWork(
            [runs, segments](fl::LessonSession &s) -> QString {
                s.restart();
                runs->push_back({std::make_shared<const fl::Setup>(s.setup()), {}});
                const std::vector<fl::Action> &solution = s.lesson().solution;
                for (std::size_t k = 0; k < solution.size(); ++k) {
                    const fl::Action &a = solution[k];
                    const std::size_t before = s.choices().size();
                    const fl::ActionResult r = s.apply(a);
                    if (!r.ok)
                        return tr("The reference solution stopped at line %1 (%2): %3")
                                .arg(a.pos.line)
                                .arg(QString::fromStdString(a.text),
                                        QString::fromStdString(r.error));
                    using K = fl::Action::Kind;
                    TourSegment seg;
                    seg.newRun = a.kind == K::ToggleFix || a.kind == K::SetPreempt
                            || a.kind == K::Reset;
                    if (seg.newRun)
                        runs->push_back({std::make_shared<const fl::Setup>(s.setup()), {}});
                    runs->back().choices = s.choices();
                    seg.run = runs->size() - 1;
                    seg.from = seg.newRun ? 0 : before;
                    seg.to = s.choices().size();
                    seg.caption = tr("Step %1 of %2: %3")
                                          .arg(k + 1)
                                          .arg(solution.size())
                                          .arg(describeAction(a, s));
                    for (const std::size_t g : r.newlyMet)
                        seg.goals.emplace_back(std::size_t(s.goals()[g].step), int(g));
                    segments->push_back(std::move(seg));
                }
                return {};
            },
            [this, runs, segments](const QString &error) {
                if (error.isEmpty())
                    startTour(*runs, *segments);
            });
}

void LessonPlayer::startTour(
        const std::vector<TourRun> &runs, const std::vector<TourSegment> &segments)
{
    m_tourRuns = runs;
    m_tourStops.clear();
    for (const TourSegment &seg : segments) {
        if (seg.newRun || m_tourStops.empty())
            m_tourStops.push_back({seg.run, 0, -1, seg.caption});
        for (const std::size_t at : beatPositions(seg)) {
            m_tourStops.push_back({seg.run, at, -1, seg.caption});
            // Goals met at this step: a stop for each, in the lesson's order.
            std::vector<int> here;
            for (const auto &[step, goal] : seg.goals)
                if (std::clamp(step, seg.from, seg.to) == at)
                    here.push_back(goal);
            std::sort(here.begin(), here.end());
            for (const int goal : here)
                m_tourStops.push_back({seg.run, at, goal, seg.caption});
        }
        if (seg.to == seg.from && seg.goals.empty())
            m_tourStops.push_back({seg.run, seg.to, -1, seg.caption}); // e.g. a reset
    }
    m_tourNext = 0;
    m_tourShownRun = SIZE_MAX;
    m_tourPausedGoal = -1;
    m_tourActive = true;
    m_tourCaption = m_tourStops.empty() ? QString() : m_tourStops.front().caption;
    setStatusText({});
    emit tourChanged();
    advanceTour(); // the first beat at once: the lesson's start
    m_tourTimer.start();
}

bool LessonPlayer::advanceTour()
{
    if (!m_tourActive || m_tourPausedGoal >= 0 || isBusy() || m_sim.isBusy())
        return false;
    if (m_tourNext >= m_tourStops.size()) {
        finishTour();
        return false;
    }
    const TourStop stop = m_tourStops[m_tourNext++];
    const TourRun &run = m_tourRuns.at(stop.run);
    m_tourMoving = true;
    if (stop.run != m_tourShownRun || !m_sim.timeline()) {
        m_sim.showRun(run.setup, m_source, m_lesson->seed, run.choices, stop.position);
        m_tourShownRun = stop.run;
    } else if (std::size_t(m_sim.steps()) != stop.position) {
        m_sim.seek(int(stop.position));
    }
    m_tourMoving = false;
    m_tourCaption = stop.caption;
    if (stop.goal >= 0) {
        m_tourPausedGoal = stop.goal;
        m_shownGoals.at(std::size_t(stop.goal)) = true;
        m_tourTimer.stop();
        publishGoals();
    }
    emit tourChanged();
    if (m_tourNext >= m_tourStops.size() && m_tourPausedGoal < 0)
        finishTour();
    return true;
}

void LessonPlayer::continueTour()
{
    if (!isTourPaused())
        return;
    m_tourPausedGoal = -1;
    emit tourChanged();
    if (m_tourNext >= m_tourStops.size()) {
        finishTour();
        return;
    }
    advanceTour(); // at once: Space should feel like a step
    if (m_tourActive && m_tourPausedGoal < 0)
        m_tourTimer.start();
}

void LessonPlayer::stopTour()
{
    if (!m_tourActive)
        return;
    m_tourTimer.stop();
    m_tourActive = false;
    m_tourPausedGoal = -1;
    setStatusText(tr("Show me stopped. Restart the lesson to do it yourself."));
    emit tourChanged();
}

void LessonPlayer::finishTour()
{
    m_tourTimer.stop();
    m_tourActive = false;
    m_tourPausedGoal = -1;
    LessonProgress::setWatched(m_lessonId);
    m_lessons->refreshProgress();
    int shown = 0;
    for (const bool b : m_shownGoals)
        shown += b ? 1 : 0;
    setStatusText(tr("Watched: the solution reached %1 of %2 goals (shown, not met). "
                     "Restart to do it yourself.")
                          .arg(shown)
                          .arg(goalsTotal()));
    emit tourChanged();
}

void LessonPlayer::clearTour()
{
    const bool changed = m_tourActive || m_watching;
    m_tourTimer.stop();
    m_tourActive = false;
    m_tourPausedGoal = -1;
    m_tourRuns.clear();
    m_tourStops.clear();
    m_tourNext = 0;
    m_tourShownRun = SIZE_MAX;
    m_watching = false;
    std::fill(m_shownGoals.begin(), m_shownGoals.end(), false);
    if (changed)
        emit tourChanged();
}

QString LessonPlayer::tourGoalText() const
{
    if (!isTourPaused() || !m_lesson)
        return {};
    return QString::fromStdString(m_lesson->goals.at(std::size_t(m_tourPausedGoal)).text);
}

void LessonPlayer::setTourIntervalMs(int ms)
{
    ms = std::clamp(ms, 250, 3000);
    if (ms == m_tourTimer.interval())
        return;
    m_tourTimer.setInterval(ms);
    emit tourIntervalChanged();
}

bool LessonPlayer::isWatched() const
{
    return m_lesson && LessonProgress::isWatched(m_lessonId);
}

void LessonPlayer::explore()
{
    if (!m_session || isBusy())
        return;
    setStatusText(tr("Searching every schedule of this setup…"));
    startWork(
            [](fl::LessonSession &s) -> QString {
                const fl::ActionResult r = s.explore();
                return r.ok ? QString() : QString::fromStdString(r.error);
            },
            [this](const QString &error) {
                if (!error.isEmpty() || !m_session->exploreResult())
                    return;
                const fl::ExploreResult &r = *m_session->exploreResult();
                setStatusText(tr("The explorer: %1 — %2")
                                      .arg(QString::fromLatin1(fl::exploreVerdictName(r.verdict)),
                                              QString::fromStdString(r.summary)));
                emit exploredChanged();
            });
}

bool LessonPlayer::hasCounterexample() const
{
    if (!m_session || !m_session->exploreResult())
        return false;
    const fl::ExploreVerdict v = m_session->exploreResult()->verdict;
    return v == fl::ExploreVerdict::Livelock || v == fl::ExploreVerdict::Deadlock
            || v == fl::ExploreVerdict::Safety;
}

bool LessonPlayer::showCounterexample()
{
    if (!hasCounterexample() || isBusy() || m_sim.isBusy())
        return false;
    // The session searched from its setup's initial state.
    auto setup = std::make_shared<const fl::Setup>(m_session->setup());
    LassoLead lead;
    lead.start = fl::Engine(*setup, fl::TimeModel::Untimed).initialState();
    auto timeline = lassoTimeline(setup, m_lesson->seed, lead, *m_session->exploreResult());
    return timeline && m_sim.adopt(std::move(timeline), m_source, m_lesson->seed);
}

bool LessonPlayer::setPreempt(const QString &model)
{
    if (!m_session || isBusy() || m_sim.isBusy() || !preemptModels().contains(model))
        return false;
    m_sim.setRunning(false);
    // The window's choices under the new model: catch up first (on the
    // worker too, it may be long), then switch.
    const bool catchUp = windowShowsLesson();
    WindowRun w = catchUp ? windowRun() : WindowRun {};
    startWork(
            [model, catchUp, w = std::move(w)](fl::LessonSession &s) -> QString {
                if (catchUp)
                    if (QString error = followRun(s, w, false); !error.isEmpty())
                        return error;
                const fl::ActionResult r = s.setPreempt(model.toStdString());
                return r.ok ? QString() : QString::fromStdString(r.error);
            },
            [this](const QString &error) {
                if (error.isEmpty())
                    showSessionInWindow(m_session->choices().size(), false);
            });
    return true;
}

void LessonPlayer::waitForIdle()
{
    while (m_worker) {
        m_worker->wait();
        QCoreApplication::sendPostedEvents(this);
        QCoreApplication::processEvents();
    }
}

bool LessonPlayer::windowShowsLesson() const
{
    const Timeline *t = m_sim.timeline();
    // An untimed replay (the explorer's) is not a run the goals can follow.
    return m_lesson && t && t->timeModel() == fl::TimeModel::Timed
            && m_sim.scenarioSource() == m_source && t->setup().spec.name == m_lesson->scenario.name
            && t->seed() == m_lesson->seed;
}

LessonPlayer::WindowRun LessonPlayer::windowRun() const
{
    const Timeline &t = *m_sim.timeline();
    WindowRun w;
    w.fixes = t.setup().fixes;
    w.preempt = t.setup().initial.preempt;
    w.choices.assign(
            t.choices().begin(), t.choices().begin() + static_cast<std::ptrdiff_t>(t.position()));
    w.verdictHere = t.verdictHere() != nullptr;
    return w;
}

void LessonPlayer::follow()
{
    if (!m_session)
        return;
    if (m_watching) {
        // The window shows the solution, not the learner's run: the goals
        // wait. A change the tour did not make (F5, a click) ends the tour.
        if (m_tourActive && !m_tourMoving && !isBusy())
            stopTour();
        setFollowing(false);
        return;
    }
    if (m_worker) {
        m_followPending = true;
        return;
    }
    if (m_sim.isBusy())
        return; // its result comes with another stateChanged
    if (!windowShowsLesson()) {
        setFollowing(false);
        const Timeline *t = m_sim.timeline();
        setStatusText(t && t->timeModel() == fl::TimeModel::Untimed
                        ? tr("The window plays the explorer's schedule (untimed), so the goals "
                             "wait. Restart the lesson to come back to them.")
                        : tr("The window shows another scenario, so the goals wait. Restart "
                             "the lesson to come back to it."));
        return;
    }
    WindowRun w = windowRun();
    const bool mayAsk = !m_verdictAsked;
    m_verdictAsked = w.verdictHere;
    const std::vector<fl::Choice> &have = m_session->choices();
    const bool prefix = have.size() <= w.choices.size()
            && std::equal(have.begin(), have.end(), w.choices.begin());
    const std::size_t work = prefix ? w.choices.size() - have.size() : w.choices.size();
    if (work > InlineFollowSteps) {
        setStatusText(tr("Catching up with %1 steps…").arg(work));
        startWork([w = std::move(w), mayAsk](
                          fl::LessonSession &s) { return followRun(s, w, mayAsk); },
                [this](const QString &error) { setFollowing(error.isEmpty()); });
        return;
    }
    const QString error = followRun(*m_session, w, mayAsk);
    setFollowing(error.isEmpty());
    setStatusText(error);
    publishGoals();
}

void LessonPlayer::showSessionInWindow(std::size_t position, bool run)
{
    m_verdictAsked = false;
    m_sim.showRun(std::make_shared<const fl::Setup>(m_session->setup()), m_source, m_lesson->seed,
            m_session->choices(), position);
    if (run)
        m_sim.setRunning(true);
}

void LessonPlayer::startWork(
        std::function<QString(fl::LessonSession &)> work, std::function<void(const QString &)> done)
{
    Q_ASSERT(!m_worker); // every caller checks isBusy(): one job on the session at a time
    auto error = std::make_shared<QString>();
    fl::LessonSession *session = m_session.get();
    m_worker = QThread::create([session, work = std::move(work), error]() {
        try {
            *error = work(*session);
        } catch (const std::exception &e) {
            *error = tr("internal error: %1").arg(QString::fromStdString(e.what()));
        }
    });
    connect(m_worker, &QThread::finished, this, [this, error, done = std::move(done)]() {
        m_worker->deleteLater();
        m_worker = nullptr;
        emit busyChanged();
        setStatusText(*error);
        publishGoals();
        done(*error);
        if (m_followPending) {
            m_followPending = false;
            follow();
        }
    });
    m_worker->start();
    emit busyChanged();
}

void LessonPlayer::publishGoals()
{
    if (!m_session)
        return;
    const std::vector<fl::GoalStatus> &status = m_session->goals();
    const QStringList saved = LessonProgress::metGoals(m_lessonId);
    std::vector<GoalListModel::Row> rows;
    QStringList metIds;
    for (std::size_t i = 0; i < status.size(); ++i) {
        const fl::Goal &g = m_lesson->goals[i];
        // While watching, the session holds the solution's goals: shown in
        // the tour, never the learner's.
        GoalListModel::Row row {QString::fromStdString(g.id), QString::fromStdString(g.text),
                !m_watching && status[i].met, {}};
        if (m_watching) {
            row.shown = i < m_shownGoals.size() && m_shownGoals[i];
            if (row.shown)
                row.detail = tr("by Show me");
            else if (saved.contains(row.id))
                row.detail = tr("met in an earlier sitting");
        } else if (row.met) {
            metIds << row.id;
            row.detail = tr("at step %1, %2")
                                 .arg(status[i].step)
                                 .arg(QString::fromStdString(status[i].fixes));
        } else if (saved.contains(row.id)) {
            row.detail = tr("met in an earlier sitting");
        }
        rows.push_back(std::move(row));
    }
    if (LessonProgress::addMetGoals(m_lessonId, metIds))
        m_lessons->refreshProgress();
    m_goals->updateRows(rows);
    const QString preempt
            = QString::fromLatin1(fl::preemptName(m_session->setup().initial.preempt));
    if (int(metIds.size()) != m_goalsMet || preempt != m_preempt) {
        m_goalsMet = int(metIds.size());
        m_preempt = preempt;
        emit goalsChanged();
    }
}

void LessonPlayer::setFollowing(bool following)
{
    if (following == m_following)
        return;
    m_following = following;
    emit followingChanged();
}

void LessonPlayer::setStatusText(const QString &text)
{
    if (text == m_statusText)
        return;
    m_statusText = text;
    emit statusTextChanged();
}
