// SPDX-License-Identifier: GPL-2.0-only
#include "lessonlistmodel.h"
#include "lessonplayer.h"
#include "lessonprogress.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "timeline.h"

#include "lesson/lesson_catalogue.h"
#include "lesson/lesson_session.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

// The lesson player over a real SimController: the learner drives the window
// (the same calls the keys and clicks make) and the goals follow; "show me";
// progress saved with QSettings (in a temporary directory).
class TestLessonPlayer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void courseIsListed();
    void steppingLessonOneMeetsItsGoals();
    void runToVerdictMeetsTheLivelockGoal();
    void showMePacesAndStopsAtEachGoal();
    void showMeShowsEveryGoalButCompletesNothing_data();
    void showMeShowsEveryGoalButCompletesNothing();
    void showMeLongRunTakesFewBeats();
    void aStepOfTheLearnerEndsTheTour();
    void resetProgressForgetsEverything();
    void stepBackAndJumpKeepTheSessionOnTheWindow();
    void aFixTheLessonDoesNotOfferPausesTheGoals();
    void preemptionModelOfTheLessonReachesTheWindow();
    void anotherScenarioDetachesAndRestartReturns();
    void explorerCounterexamplePlaysAndRestartReturns();
    void progressPersists();
    void hintsOneAtATimeAndNavigation();

private:
    QTemporaryDir m_settingsDir;
};

// The window's state and the session's are the same value.
static bool sameState(const RunModel &sim, const LessonPlayer &player)
{
    const fl::LessonSession *s = player.session();
    const Timeline *t = sim.timeline();
    return s && t && s->state().machine == t->state().machine
            && s->choices().size() == t->position();
}

static int metRows(const GoalListModel &goals)
{
    int n = 0;
    for (int i = 0; i < goals.rowCount(); ++i)
        n += goals.data(goals.index(i), GoalListModel::MetRole).toBool() ? 1 : 0;
    return n;
}

void TestLessonPlayer::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(u"FolioLabTest"_s);
    QCoreApplication::setApplicationName(u"tst_lessonplayer"_s);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void TestLessonPlayer::init()
{
    LessonProgress::clearAll();
}

void TestLessonPlayer::courseIsListed()
{
    LessonListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.loadBuiltin();
    QVERIFY(model.rowCount() >= 11);
    const QModelIndex first = model.index(0);
    QCOMPARE(first.data(LessonListModel::LessonIdRole).toString(), u"01-device-private-fault"_s);
    QVERIFY(!first.data(LessonListModel::TitleRole).toString().isEmpty());
    QVERIFY(first.data(LessonListModel::MinutesRole).toInt() > 0);
    QVERIFY(first.data(LessonListModel::GoalsTotalRole).toInt() > 0);
    QCOMPARE(first.data(LessonListModel::ProgressTextRole).toString(), u"not started"_s);
    // Every built-in lesson parses and has goals.
    for (int i = 0; i < model.rowCount(); ++i)
        QVERIFY2(model.index(i).data(LessonListModel::GoalsTotalRole).toInt() > 0,
                qPrintable(model.index(i).data(LessonListModel::LessonIdRole).toString()));
}

void TestLessonPlayer::steppingLessonOneMeetsItsGoals()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    LessonPlayer player(sim, nullptr);
    QAbstractItemModelTester goalTester(
            player.goals(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester listTester(
            player.lessons(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy goalsSpy(&player, &LessonPlayer::goalsChanged);

    QVERIFY2(player.openLesson(u"01-device-private-fault"_s), qPrintable(player.statusText()));
    QVERIFY(player.isActive());
    QVERIFY(player.isFollowing());
    QCOMPARE(sim.steps(), 0);
    QVERIFY(player.goalsTotal() >= 4);
    QCOMPARE(player.goalsMet(), 0);
    QCOMPARE(metRows(*player.goals()), 0);
    QCOMPARE(player.goals()
                     ->data(player.goals()->index(0), GoalListModel::StatusTextRole)
                     .toString(),
            u"to do"_s);

    // F5, as the key does, until nothing can run; the goals turn met one by
    // one while the window's state and the session's stay the same.
    int firstMetAt = -1;
    for (int i = 0; i < 5000 && !sim.nextStep().isEmpty(); ++i) {
        sim.step();
        QVERIFY2(
                sameState(sim, player), qPrintable(u"states differ at step %1"_s.arg(sim.steps())));
        QCOMPARE(metRows(*player.goals()), player.goalsMet());
        if (firstMetAt < 0 && player.goalsMet() > 0)
            firstMetAt = sim.steps();
    }
    QCOMPARE(sim.verdict(), u"COMPLETED"_s);
    QCOMPARE(player.goalsMet(), player.goalsTotal());
    QVERIFY(player.isComplete());
    QVERIFY2(firstMetAt > 0 && firstMetAt < sim.steps(), "a goal turned met before the end");
    QVERIFY(goalsSpy.count() >= 2); // live, not once at the end
    QCOMPARE(player.goals()
                     ->data(player.goals()->index(0), GoalListModel::StatusTextRole)
                     .toString(),
            u"met"_s);
    // The course list shows the lesson complete.
    const QModelIndex row = player.lessons()->index(player.lessonIndex());
    QVERIFY(row.data(LessonListModel::CompleteRole).toBool());
}

void TestLessonPlayer::runToVerdictMeetsTheLivelockGoal()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    LessonPlayer player(sim, nullptr);
    QVERIFY(player.openLesson(u"05-livelock"_s));
    sim.step(); // F5
    sim.runToVerdict(); // F8: in the background
    QVERIFY(sim.isBusy());
    sim.waitForIdle();
    player.waitForIdle();
    QCOMPARE(sim.verdict(), u"LIVELOCK"_s);
    QVERIFY(player.isFollowing());
    QVERIFY(sameState(sim, player));
    QVERIFY(player.session()->verdict().has_value());
    // The goal about the verdict is the last one of lesson 5.
    const int last = player.goalsTotal() - 1;
    QCOMPARE(
            player.goals()->data(player.goals()->index(last), GoalListModel::GoalIdRole).toString(),
            u"verdict"_s);
    QVERIFY(player.goals()->isMet(last));
}

// Drives a tour to its end as the timer and Space would: advanceTour()
// until it stops at a goal, then continueTour(). Returns the goals stopped
// at, in order; `beats` counts the calls.
static QList<int> playTour(LessonPlayer &player, int *beats = nullptr)
{
    QList<int> stops;
    int n = 0;
    for (int guard = 0; guard < 10000 && player.isTouring(); ++guard) {
        if (player.isTourPaused()) {
            stops << player.tourGoalNumber();
            player.continueTour();
        } else {
            player.advanceTour();
            ++n;
        }
    }
    if (beats)
        *beats = n;
    return stops;
}

void TestLessonPlayer::showMePacesAndStopsAtEachGoal()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    LessonPlayer player(sim, nullptr);
    QVERIFY(player.openLesson(u"01-device-private-fault"_s));
    QSignalSpy tourSpy(&player, &LessonPlayer::tourChanged);
    player.showMe();
    QVERIFY(player.isBusy()); // the solution is played on the worker first
    player.waitForIdle();
    QVERIFY2(player.isTouring(), qPrintable(player.statusText()));
    QVERIFY(player.isWatching());
    // Paced by a clock a class can follow, not all at once.
    QVERIFY(player.tourTimer().isActive());
    QVERIFY(player.tourTimer().interval() >= 500 && player.tourTimer().interval() <= 1000);
    player.setTourIntervalMs(100);
    QCOMPARE(player.tourIntervalMs(), 250); // clamped
    player.setTourIntervalMs(900);
    QCOMPARE(player.tourTimer().interval(), 900);
    // The first beat shows the lesson's start.
    QCOMPARE(sim.steps(), 0);
    QVERIFY(!player.tourCaption().isEmpty());

    // Beat by beat: one step at a time at first; each goal is a stop of its
    // own with its text, and nothing moves until continueTour().
    QList<int> stops;
    int previous = 0;
    bool singleStepsSeen = false;
    for (int guard = 0; guard < 5000 && player.isTouring(); ++guard) {
        if (!player.isTourPaused()) {
            QVERIFY(player.advanceTour() || !player.isTouring());
            if (sim.steps() == previous + 1)
                singleStepsSeen = true;
            QVERIFY2(sim.steps() >= previous, "the tour went backwards within a run");
            previous = sim.steps();
            continue;
        }
        const int goal = player.tourGoalNumber() - 1;
        stops << goal;
        QCOMPARE(player.tourGoalText(),
                player.goals()->data(player.goals()->index(goal), GoalListModel::TextRole).toString());
        QVERIFY(!player.tourTimer().isActive()); // waits for the teacher
        const int here = sim.steps();
        QVERIFY(!player.advanceTour());
        QCOMPARE(sim.steps(), here);
        // The row says "shown", never "met".
        const QModelIndex row = player.goals()->index(goal);
        QVERIFY(row.data(GoalListModel::ShownRole).toBool());
        QVERIFY(!row.data(GoalListModel::MetRole).toBool());
        QCOMPARE(row.data(GoalListModel::StatusTextRole).toString(), u"shown"_s);
        player.continueTour(); // Space
        QVERIFY(!player.isTourPaused());
        previous = sim.steps();
    }
    QVERIFY(singleStepsSeen);
    QCOMPARE(stops, QList<int>({0, 1, 2, 3})); // every goal, in the lesson's order
    QVERIFY(!player.isTouring());
    QVERIFY(!player.tourTimer().isActive());
    QVERIFY(tourSpy.count() > 4);
    QCOMPARE(sim.verdict(), u"COMPLETED"_s); // the window ends on the solution's end

    // Watched, not completed: nothing is saved as met.
    QVERIFY(player.isWatched());
    QCOMPARE(player.goalsMet(), 0);
    QVERIFY(!player.isComplete());
    QVERIFY(LessonProgress::metGoals(u"01-device-private-fault"_s).isEmpty());
    QVERIFY(LessonProgress::isWatched(u"01-device-private-fault"_s));
    const QModelIndex entry = player.lessons()->index(player.lessonIndex());
    QVERIFY(!entry.data(LessonListModel::CompleteRole).toBool());
    QVERIFY(entry.data(LessonListModel::WatchedRole).toBool());
    QCOMPARE(entry.data(LessonListModel::ProgressTextRole).toString(), u"watched"_s);
    QVERIFY(player.statusText().startsWith(u"Watched"_s));
    // Stepping on does not count for the learner either...
    sim.step();
    QCOMPARE(player.goalsMet(), 0);
    QVERIFY(!player.isFollowing());
    // ...until Restart: then the goals follow the window again.
    player.restart();
    QVERIFY(!player.isWatching());
    QVERIFY(player.isFollowing());
    QCOMPARE(metRows(*player.goals()), 0);
    QVERIFY(!player.goals()->index(0).data(GoalListModel::ShownRole).toBool());
}

void TestLessonPlayer::showMeShowsEveryGoalButCompletesNothing_data()
{
    QTest::addColumn<QString>("lesson");
    // Every lesson of the course: its solution, then its tour, to the end.
    for (const fl::BuiltinLesson &b : fl::builtinLessons())
        QTest::newRow(b.id.c_str()) << QString::fromStdString(b.id);
}

void TestLessonPlayer::showMeShowsEveryGoalButCompletesNothing()
{
    QFETCH(QString, lesson);
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    LessonPlayer player(sim, nullptr);
    QVERIFY(player.openLesson(lesson));
    sim.step(); // the learner had started: show me starts from the lesson's start anyway
    player.showMe();
    player.waitForIdle();
    QVERIFY2(player.isTouring(), qPrintable(player.statusText()));
    QList<int> stops = playTour(player);
    QCOMPARE(stops.size(), player.goalsTotal());
    std::sort(stops.begin(), stops.end());
    for (int i = 0; i < stops.size(); ++i)
        QCOMPARE(stops[i], i + 1); // each goal once
    QVERIFY(!player.isTouring());
    QVERIFY(player.isWatched());
    QCOMPARE(player.goalsMet(), 0);
    QVERIFY(LessonProgress::metGoals(lesson).isEmpty());
    for (int i = 0; i < player.goalsTotal(); ++i)
        QVERIFY(player.goals()->index(i).data(GoalListModel::ShownRole).toBool());
    QVERIFY(sim.totalSteps() > 0);
}

void TestLessonPlayer::showMeLongRunTakesFewBeats()
{
    // Lesson 5 spins for half a million steps before its verdict: the tour
    // jumps through the spin in a few dozen beats, not one per step.
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    LessonPlayer player(sim, nullptr);
    QVERIFY(player.openLesson(u"05-livelock"_s));
    player.showMe();
    player.waitForIdle();
    int beats = 0;
    const QList<int> stops = playTour(player, &beats);
    QCOMPARE(stops.size(), player.goalsTotal());
    QVERIFY2(beats < 120, qPrintable(u"%1 beats"_s.arg(beats)));
    QVERIFY(sim.steps() > 100000);
    QCOMPARE(sim.verdict(), u"LIVELOCK"_s);
}

void TestLessonPlayer::aStepOfTheLearnerEndsTheTour()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    LessonPlayer player(sim, nullptr);
    QVERIFY(player.openLesson(u"01-device-private-fault"_s));
    player.showMe();
    player.waitForIdle();
    player.advanceTour();
    player.advanceTour();
    QVERIFY(player.isTouring());
    sim.step(); // F5 in the middle of the tour
    QVERIFY(!player.isTouring());
    QVERIFY(!player.tourTimer().isActive());
    QVERIFY(!player.isWatched()); // not watched to the end
    QVERIFY(player.statusText().contains(u"Restart"_s));
    player.restart();
    QVERIFY(player.isFollowing());
    QVERIFY(sameState(sim, player));
}

void TestLessonPlayer::resetProgressForgetsEverything()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    LessonPlayer player(sim, nullptr);
    QVERIFY(player.openLesson(u"01-device-private-fault"_s));
    sim.runToVerdict();
    sim.waitForIdle();
    player.waitForIdle();
    QVERIFY(player.isComplete());
    LessonProgress::setWatched(u"02-lru-batches"_s);
    player.lessons()->refreshProgress();
    LessonListModel &list = *player.lessons();
    QVERIFY(list.index(0).data(LessonListModel::CompleteRole).toBool());
    QCOMPARE(list.index(1).data(LessonListModel::ProgressTextRole).toString(), u"watched"_s);

    player.resetProgress();
    QVERIFY(LessonProgress::metGoals(u"01-device-private-fault"_s).isEmpty());
    QVERIFY(!LessonProgress::isWatched(u"02-lru-batches"_s));
    for (int i = 0; i < list.rowCount(); ++i)
        QCOMPARE(list.index(i).data(LessonListModel::ProgressTextRole).toString(),
                u"not started"_s);
    // The open lesson starts again, so this sitting's goals are not written back.
    QCOMPARE(player.goalsMet(), 0);
    QCOMPARE(sim.steps(), 0);
    QVERIFY(player.isFollowing());
    QCOMPARE(player.goals()->index(0).data(GoalListModel::DetailRole).toString(), QString());
    // Another program run reads nothing either.
    LessonListModel fresh;
    fresh.loadBuiltin();
    QVERIFY(!fresh.index(0).data(LessonListModel::CompleteRole).toBool());
}

void TestLessonPlayer::stepBackAndJumpKeepTheSessionOnTheWindow()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    LessonPlayer player(sim, nullptr);
    QVERIFY(player.openLesson(u"05-livelock"_s));
    for (int i = 0; i < 40; ++i)
        sim.step();
    QVERIFY(sameState(sim, player));
    sim.stepBack(); // F4
    QCOMPARE(sim.steps(), 39);
    QVERIFY(sameState(sim, player));
    sim.seek(10);
    QVERIFY(sameState(sim, player));
    sim.seek(40); // the recorded future
    QVERIFY(sameState(sim, player));
    sim.stepTask(0); // a click on a task: another branch
    QVERIFY(sameState(sim, player));
    sim.reset(); // F3
    QCOMPARE(sim.steps(), 0);
    QVERIFY(sameState(sim, player));
}

void TestLessonPlayer::aFixTheLessonDoesNotOfferPausesTheGoals()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    LessonPlayer player(sim, nullptr);
    QVERIFY(player.openLesson(u"05-livelock"_s));
    QVERIFY(!player.toggles().contains(u"cond-resched"_s));
    for (int i = 0; i < 20; ++i)
        sim.step();
    QVERIFY(sim.toggleFixNamed(u"cond-resched"_s));
    sim.waitForIdle(); // the window re-runs the schedule under the fix
    player.waitForIdle();
    QVERIFY(!player.isFollowing());
    QVERIFY2(player.statusText().contains(u"cond-resched"_s), qPrintable(player.statusText()));
    QVERIFY(sim.toggleFixNamed(u"cond-resched"_s)); // back off
    sim.waitForIdle();
    player.waitForIdle();
    QVERIFY(player.isFollowing());
    QVERIFY(player.statusText().isEmpty());
    QVERIFY(sameState(sim, player));
}

void TestLessonPlayer::preemptionModelOfTheLessonReachesTheWindow()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    LessonPlayer player(sim, nullptr);
    QVERIFY(player.openLesson(u"06-preemption-model"_s));
    QVERIFY(player.preemptModels().contains(u"full"_s));
    QCOMPARE(sim.preempt(), u"voluntary"_s);
    for (int i = 0; i < 30; ++i)
        sim.step();
    QVERIFY(!player.setPreempt(u"rt"_s)); // not offered by the lesson
    QVERIFY(player.setPreempt(u"full"_s));
    player.waitForIdle();
    QCOMPARE(sim.preempt(), u"full"_s);
    QCOMPARE(player.preempt(), u"full"_s);
    QCOMPARE(sim.steps(), 30); // the same choices, replayed under the new model
    QVERIFY(player.isFollowing());
    QVERIFY(sameState(sim, player));
}

void TestLessonPlayer::anotherScenarioDetachesAndRestartReturns()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    LessonPlayer player(sim, nullptr);
    QVERIFY(player.openLesson(u"01-device-private-fault"_s));
    QVERIFY(simController.loadScenario(u"s2-storm"_s));
    QVERIFY(!player.isFollowing());
    QVERIFY(!player.statusText().isEmpty());
    sim.step(); // does not reach the session
    QCOMPARE(player.session()->choices().size(), std::size_t(0));
    player.restart();
    QVERIFY(player.isFollowing());
    QCOMPARE(sim.scenarioName(), u"lesson-device-fault"_s);
    QVERIFY(sameState(sim, player));
}

void TestLessonPlayer::explorerCounterexamplePlaysAndRestartReturns()
{
    // Lesson 11 asks the explorer under the baseline: its lasso plays in the
    // window like Run ▸ Explore's, and the goals wait until Restart.
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    LessonPlayer player(sim, nullptr);
    QVERIFY(player.openLesson(u"11-merged-fix"_s));
    QVERIFY(player.usesExplorer());
    QVERIFY(!player.hasCounterexample());
    QSignalSpy explored(&player, &LessonPlayer::exploredChanged);
    player.explore();
    player.waitForIdle();
    QVERIFY(explored.count() >= 1);
    QVERIFY2(player.hasCounterexample(), qPrintable(player.statusText()));
    QVERIFY(player.showCounterexample());
    QVERIFY(sim.isUntimed());
    QVERIFY(sim.cycleStart() > 0);
    sim.seek(sim.totalSteps());
    QCOMPARE(sim.verdict(), u"LIVELOCK"_s);
    QVERIFY(!player.isFollowing());
    QVERIFY(player.statusText().contains(u"untimed"_s));
    player.restart();
    QVERIFY(player.isFollowing());
    QVERIFY(!sim.isUntimed());
    QVERIFY(sameState(sim, player));
}

void TestLessonPlayer::progressPersists()
{
    {
        SimController simController(nullptr);
        RunModel &sim = *simController.run();
        LessonPlayer player(sim, nullptr);
        QVERIFY(player.openLesson(u"01-device-private-fault"_s));
        sim.runToVerdict();
        sim.waitForIdle();
        player.waitForIdle();
        QVERIFY(player.isComplete());
    }
    // Another run of the program: a new list reads the saved progress.
    LessonListModel list;
    list.loadBuiltin();
    const QModelIndex first = list.index(list.indexOf(u"01-device-private-fault"_s));
    QVERIFY(first.data(LessonListModel::CompleteRole).toBool());
    QCOMPARE(first.data(LessonListModel::ProgressTextRole).toString(), u"complete"_s);
    QCOMPARE(LessonProgress::lastLesson(), u"01-device-private-fault"_s);
    // Written to the file in the temporary directory, not somewhere else.
    QSettings settings;
    QVERIFY2(settings.fileName().startsWith(m_settingsDir.path()), qPrintable(settings.fileName()));

    // Opening it again: nothing met in this sitting, but the rows say so.
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    LessonPlayer player(sim, nullptr);
    QVERIFY(player.openLesson(u"01-device-private-fault"_s));
    QCOMPARE(player.goalsMet(), 0);
    QCOMPARE(player.goals()->data(player.goals()->index(0), GoalListModel::DetailRole).toString(),
            u"met in an earlier sitting"_s);
}

void TestLessonPlayer::hintsOneAtATimeAndNavigation()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    LessonPlayer player(sim, nullptr);
    QVERIFY(player.openLesson(u"01-device-private-fault"_s));
    QVERIFY(!player.hasPrevious());
    QVERIFY(player.hasNext());
    const int total = player.hintsLeft();
    QVERIFY(total >= 1);
    QVERIFY(player.hints().isEmpty());
    player.showHint();
    QCOMPARE(player.hints().size(), 1);
    QCOMPARE(player.hintsLeft(), total - 1);
    for (int i = 0; i < total + 2; ++i)
        player.showHint();
    QCOMPARE(player.hints().size(), total);
    QCOMPARE(player.hintsLeft(), 0);

    QVERIFY(player.openNext());
    QCOMPARE(player.lessonIndex(), 1);
    QVERIFY(player.hints().isEmpty()); // a new lesson starts without hints
    QVERIFY(player.isFollowing());
    QVERIFY(player.openPrevious());
    QCOMPARE(player.lessonId(), u"01-device-private-fault"_s);
    QVERIFY(!player.openLesson(u"no-such-lesson"_s));
    QVERIFY2(player.statusText().contains(u"no-such-lesson"_s), qPrintable(player.statusText()));
    QCOMPARE(player.lessonId(), u"01-device-private-fault"_s); // still open
}

QTEST_MAIN(TestLessonPlayer)
#include "tst_lessonplayer.moc"
