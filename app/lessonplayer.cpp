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

static_assert(!std::is_default_constructible_v<LessonPlayer>);

LessonPlayer::LessonPlayer(RunModel &sim, QObject *parent)
    : QObject(parent)
    , m_sim(sim)
    , m_goals(new GoalListModel(this))
    , m_lessons(new LessonListModel(this))
{
    m_lessons->loadBuiltin();
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
    m_lessons->setCurrent(lessonId);
    LessonProgress::setLastLesson(lessonId);
    setStatusText({});
    emit lessonChanged();
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
    m_session->restart();
    m_hintsShown = 0;
    emit hintsChanged();
    setStatusText({});
    showSessionInWindow(0, false);
    publishGoals();
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
    setStatusText(tr("Playing the reference solution from the lesson's start…"));
    startWork(
            [](fl::LessonSession &s) -> QString {
                s.restart();
                for (const fl::Action &a : s.lesson().solution) {
                    const fl::ActionResult r = s.apply(a);
                    if (!r.ok)
                        return tr("The reference solution stopped at line %1 (%2): %3")
                                .arg(a.pos.line)
                                .arg(QString::fromStdString(a.text),
                                        QString::fromStdString(r.error));
                }
                return {};
            },
            [this](const QString &error) {
                if (!error.isEmpty())
                    return;
                // The window replays the solution's last run from its start,
                // at the running speed, pausing where the detectors decide.
                showSessionInWindow(0, true);
                setStatusText(tr("Shown: the reference solution met %1 of %2 goals. The "
                                 "window now replays its last run (F6 pauses).")
                                      .arg(m_goalsMet)
                                      .arg(goalsTotal()));
            });
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
    const fl::SimState start = fl::Engine(*setup).initialState();
    auto timeline = lassoTimeline(setup, m_lesson->seed, start, *m_session->exploreResult());
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
        GoalListModel::Row row {
                QString::fromStdString(g.id), QString::fromStdString(g.text), status[i].met, {}};
        if (row.met) {
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
