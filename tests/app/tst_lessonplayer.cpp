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
    void showMeCompletesTheLesson_data();
    void showMeCompletesTheLesson();
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

void TestLessonPlayer::showMeCompletesTheLesson_data()
{
    QTest::addColumn<QString>("lesson");
    // Every lesson of the course (1 and 5 among them): about 13 s in all.
    for (const fl::BuiltinLesson &b : fl::builtinLessons())
        QTest::newRow(b.id.c_str()) << QString::fromStdString(b.id);
}

void TestLessonPlayer::showMeCompletesTheLesson()
{
    QFETCH(QString, lesson);
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    LessonPlayer player(sim, nullptr);
    QVERIFY(player.openLesson(lesson));
    sim.step(); // the learner had started: show me starts from the lesson's start anyway
    player.showMe();
    QVERIFY(player.isBusy());
    player.waitForIdle();
    QVERIFY2(player.statusText().startsWith(u"Shown"_s), qPrintable(player.statusText()));
    QCOMPARE(player.goalsMet(), player.goalsTotal());
    QCOMPARE(metRows(*player.goals()), player.goalsTotal());
    // The window replays the solution's run from its first step, running.
    QVERIFY(sim.isRunning());
    sim.setRunning(false);
    QVERIFY(sim.totalSteps() > 0);
    QVERIFY(player.isFollowing());
    QVERIFY(sameState(sim, player));
    // Jump to the end of the replayed run: the goals stay met (they latch).
    sim.seek(sim.totalSteps());
    player.waitForIdle(); // a long catch-up goes to the worker
    QVERIFY(sameState(sim, player));
    QCOMPARE(player.goalsMet(), player.goalsTotal());
    QVERIFY(LessonProgress::metGoals(lesson).size() == player.goalsTotal());
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
