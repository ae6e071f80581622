// SPDX-License-Identifier: GPL-2.0-only
#include "comparemodel.h"
#include "exploremodel.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "timeline.h"

#include "engine/setup.h"
#include "explore/explorer.h"
#include "explore/lasso.h"
#include "explore/run_cycle.h"
#include "model/hasher.h"
#include "replay/replay_file.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include "../core/small_storms.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QFile>

using namespace Qt::StringLiterals;

// Every schedule in the window: an explorer's lasso file (`foliolab explore
// --out`) opened and its cycle looped forward and back; the explorer run from
// the window on l1 (LIVELOCK, played as a lasso), under the merged fix (OK),
// from the current step, and cancelled.
class TestExploreModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void lassoFileLoopsItsCycle();
    void exploreFindsTheLivelockAndPlaysIt();
    void exploreFromTheCurrentStep();
    void runsOwnCycleIsTheLassoFromItsVerdict();
    void lassoFromTheRunnersVerdictSavesAndReopens();
    void lassoFromTheStartSavesAndReopens();
    void mergedFixIsProvedOk();
    void cancelStopsTheSearch();
    void symmetricStormNamesItsGroupAndPlaysAConcreteLasso();
    void stopsAtTheFirstBugUnlessToldNotTo();
    void refusesARepeatingWorkloadWithItsReason();
};

static std::size_t machineHash(const RunModel &run)
{
    return fl::hashMachine(run.timeline()->state().machine);
}

// A storm of `faulters` (tests/core/small_storms.h) as a scenario file in
// `dir`; "" when it cannot be written.
static QString writeSmallStorm(const QTemporaryDir &dir, int faulters)
{
    const QString path = dir.filePath(u"storm-%1.toml"_s.arg(faulters));
    QFile file(path);
    if (!dir.isValid() || !file.open(QIODevice::WriteOnly))
        return {};
    file.write(QByteArray::fromStdString(fl::test::smallStorm(faulters)));
    return path;
}

// l1 loaded and its search from the start begun on one thread; nullptr
// when either fails. The caller waits for it or cancels it.
static ExploreModel *startExploringL1(SimController &controller)
{
    if (!controller.loadScenario(u"l1"_s))
        return nullptr;
    ExploreModel &explorer = *controller.explorer();
    explorer.setThreads(1);
    return explorer.start(false) ? &explorer : nullptr;
}

void TestExploreModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestExploreModel::lassoFileLoopsItsCycle()
{
    // The file `foliolab explore l1 --out` writes, from the core's explorer.
    const fl::Setup setup = fl::buildSetup(fl::loadScenario("l1"));
    fl::ExploreOptions options;
    options.threads = 1;
    const fl::ExploreResult found = fl::explore(setup, options);
    QCOMPARE(found.verdict, fl::ExploreVerdict::Livelock);
    fl::ReplayFile file;
    file.scenario = "l1";
    file.untimed = true;
    file.cycleStart = std::int64_t(found.stem.size());
    file.choices = found.stem;
    file.choices.insert(file.choices.end(), found.cycle.begin(), found.cycle.end());
    QTemporaryDir dir;
    const QString path = dir.filePath(u"l1-livelock.flab"_s);
    fl::saveReplay(file, path.toStdString());

    SimController controller(nullptr);
    RunModel &run = *controller.run();
    QVERIFY(controller.loadScenario(u"l1"_s));
    QVERIFY2(controller.openFile(path), qPrintable(run.errorText()));
    QVERIFY2(run.errorText().isEmpty(), qPrintable(run.errorText()));
    QVERIFY(run.isUntimed());
    const int stem = int(found.stem.size());
    const int cycle = int(found.cycle.size());
    QVERIFY(cycle > 0);
    QCOMPARE(run.cycleStart(), stem);
    QCOMPARE(run.totalSteps(), stem + cycle);
    QCOMPARE(run.cycleRanges().size(), 1);
    QCOMPARE(run.cycleRanges().first().toMap().value(u"from"_s).toInt(), stem + 1);
    QVERIFY(run.lassoText().contains(u"cycle of %1 steps"_s.arg(cycle)));

    // The verdict holds from the cycle's start, with the wait-for cycle.
    run.seek(stem - 1);
    QCOMPARE(run.verdict(), QString());
    run.seek(stem);
    QCOMPARE(run.verdict(), u"LIVELOCK"_s);
    QVERIFY(run.waitCycle().size() >= 4);
    const std::size_t entry = machineHash(run);
    run.step();
    const std::size_t afterFirst = machineHash(run);

    // The end of the cycle is its entry; F5 there goes round again.
    run.seek(run.totalSteps());
    QCOMPARE(machineHash(run), entry);
    QVERIFY(!run.nextStep().isEmpty());
    run.step();
    QCOMPARE(run.steps(), stem + 1);
    QCOMPARE(run.laps(), 1);
    QCOMPARE(machineHash(run), afterFirst);
    QCOMPARE(run.totalSteps(), stem + cycle); // nothing more recorded

    // Back through the cycle's entry into the stem, and forward again.
    run.stepBack();
    QCOMPARE(run.steps(), stem);
    QCOMPARE(machineHash(run), entry);
    run.stepBack();
    QCOMPARE(run.steps(), stem - 1);
    QCOMPARE(run.verdict(), QString());
    run.step();
    QCOMPARE(run.steps(), stem);

    // Stepping on loops: three rounds from the entry stay inside the cycle
    // and go back to its start twice (once was above).
    for (int i = 0; i < 3 * cycle; ++i) {
        run.step();
        QVERIFY(run.steps() > stem && run.steps() <= stem + cycle);
    }
    QCOMPARE(run.steps(), stem + cycle);
    QCOMPARE(machineHash(run), entry);
    QCOMPARE(run.laps(), 3);
    QCOMPARE(run.verdict(), u"LIVELOCK"_s);

    // The compare view follows timed schedules only, and says so.
    controller.compare()->openFromSource();
    QVERIFY(!controller.compare()->isBusy());
    QVERIFY(controller.compare()->errorText().contains(u"untimed"_s));
}

void TestExploreModel::exploreFindsTheLivelockAndPlaysIt()
{
    SimController controller(nullptr);
    RunModel &run = *controller.run();
    QVERIFY(controller.loadScenario(u"l1"_s));
    ExploreModel &explorer = *controller.explorer();
    explorer.setThreads(1);
    QSignalSpy result(&explorer, &ExploreModel::resultChanged);
    QVERIFY(explorer.start(false));
    QVERIFY(explorer.isRunning());
    QVERIFY(explorer.progressText().startsWith(u"Exploring every schedule from the start"_s));
    explorer.waitForIdle();
    QVERIFY(!explorer.isRunning());
    QCOMPARE(explorer.verdict(), u"LIVELOCK"_s);
    QVERIFY(explorer.resultText().contains(u"states"_s));
    QVERIFY(explorer.resultText().contains(u"fair cycle"_s));
    QVERIFY(explorer.hasCounterexample());

    QVERIFY(explorer.showCounterexample());
    QCOMPARE(explorer.verdict(), QString()); // its banner gives way to the run's
    QVERIFY(run.isUntimed());
    QVERIFY(run.cycleStart() > 0);
    QCOMPARE(run.steps(), 0);
    run.seek(run.totalSteps());
    QCOMPARE(run.verdict(), u"LIVELOCK"_s);
    QVERIFY(run.verdictExplanation().contains(u"folio D"_s));
}

void TestExploreModel::exploreFromTheCurrentStep()
{
    SimController controller(nullptr);
    RunModel &run = *controller.run();
    QVERIFY(controller.loadScenario(u"l1"_s));
    for (int i = 0; i < 10; ++i)
        run.step();
    const std::size_t here = machineHash(run);
    ExploreModel &explorer = *controller.explorer();
    explorer.setThreads(1);
    QVERIFY(explorer.start(true));
    QVERIFY(explorer.progressText().contains(u"from step 10"_s));
    explorer.waitForIdle();
    QCOMPARE(explorer.verdict(), u"LIVELOCK"_s);
    QVERIFY(explorer.showCounterexample());
    // The lasso starts where the window was.
    QCOMPARE(run.steps(), 0);
    QCOMPARE(machineHash(run), here);
    QVERIFY(run.cycleStart() >= 0);
}

// The file of a lasso played in the window reopens as the same lasso, and
// replays from the scenario's start as `foliolab run --replay` checks it.
static void verifyLassoFileReopens(
        const QString &path, int timedSteps, int cycleStart, int totalSteps, std::size_t entryHash)
{
    const fl::ReplayFile file = fl::loadReplay(path.toStdString());
    QVERIFY(file.untimed);
    QCOMPARE(file.untimedFrom, std::int64_t(timedSteps));
    QCOMPARE(file.cycleStart, std::int64_t(timedSteps + cycleStart));
    QCOMPARE(file.choices.size(), std::size_t(timedSteps + totalSteps));
    const fl::Setup setup = fl::buildSetup(fl::loadScenario(file.scenario),
            fl::BuildOptions {file.fixes, file.preempt, false, file.rcu});
    const fl::LassoResult check
            = fl::replayUntimed(setup, file.choices, file.cycleStart, file.untimedFrom);
    QVERIFY2(check.outcome == fl::LassoOutcome::Livelock, check.summary.c_str());

    SimController other(nullptr);
    RunModel &run = *other.run();
    QVERIFY(other.loadScenario(u"l1-single"_s));
    QVERIFY2(other.openFile(path), qPrintable(run.errorText()));
    QVERIFY2(run.errorText().isEmpty(), qPrintable(run.errorText()));
    QVERIFY(run.isUntimed());
    QCOMPARE(run.totalSteps(), totalSteps);
    QCOMPARE(run.cycleStart(), cycleStart);
    run.seek(cycleStart);
    QCOMPARE(machineHash(run), entryHash);
    QCOMPARE(run.verdict(), u"LIVELOCK"_s);
}

// l1 run to the runner's verdict, a LIVELOCK (F8); false when it is not.
static bool runL1ToItsLivelock(SimController &controller)
{
    RunModel &run = *controller.run();
    if (!controller.loadScenario(u"l1"_s))
        return false;
    run.runToVerdict();
    run.waitForIdle();
    return run.verdict() == u"LIVELOCK"_s;
}

// Where the window's timed run first comes back to a state it was in:
// the step its own cycle starts at (explore/run_cycle.h), or -1.
static int runCycleStart(const RunModel &run)
{
    const std::vector<fl::Choice> &all = run.timeline()->choices();
    const std::vector<fl::Choice> soFar(all.begin(), all.begin() + run.steps());
    const auto cycle = fl::findRunCycle(*run.timeline()->sharedSetup(), soFar);
    return cycle ? int(cycle->start) : -1;
}

// F8 to the runner's LIVELOCK, then Explore from this step: l1's run has
// long been going round the 8 steps of the canonical cycle, and that is the
// lasso, with no search. It is saved after the run's timed choices up to
// the cycle (untimed_from) and reopens as the same lasso.
void TestExploreModel::runsOwnCycleIsTheLassoFromItsVerdict()
{
    SimController controller(nullptr);
    RunModel &run = *controller.run();
    QVERIFY(runL1ToItsLivelock(controller));
    const int timedSteps = runCycleStart(run);
    QVERIFY(timedSteps > 0 && timedSteps < run.steps());
    ExploreModel &explorer = *controller.explorer();
    QVERIFY(explorer.start(true));
    explorer.waitForIdle();
    QCOMPARE(explorer.verdict(), u"LIVELOCK"_s);
    QVERIFY2(explorer.resultText().contains(
                     u"The run itself goes round a fair cycle: the 8 steps from step %1"_s.arg(
                             timedSteps)),
            qPrintable(explorer.resultText()));
    QVERIFY(!explorer.resultText().contains(u"states,"_s)); // nothing was searched
    QVERIFY(explorer.showCounterexample());
    QVERIFY(run.isUntimed());
    QCOMPARE(run.cycleStart(), 0);
    QCOMPARE(run.totalSteps(), 8);
    const std::size_t entry = machineHash(run);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"the-runs-own-cycle.flab"_s);
    QVERIFY2(controller.saveReplay(path), qPrintable(run.errorText()));
    verifyLassoFileReopens(path, timedSteps, 0, 8, entry);
}

// F8 to the runner's LIVELOCK, back to a step before the run has come round
// once, then Explore from this step: the search starts at a state of the
// timed run, and the lasso it finds is saved after that run's timed choices
// (untimed_from), so the file replays from the start; it reopens as the
// same lasso in a window that showed another run.
void TestExploreModel::lassoFromTheRunnersVerdictSavesAndReopens()
{
    SimController controller(nullptr);
    RunModel &run = *controller.run();
    QVERIFY(runL1ToItsLivelock(controller));
    const int cycleFrom = runCycleStart(run);
    QVERIFY(cycleFrom > 0);
    run.seek(cycleFrom + 1); // the run has not come back to a state yet
    QCOMPARE(runCycleStart(run), -1);
    const int timedSteps = run.steps();
    ExploreModel &explorer = *controller.explorer();
    explorer.setThreads(1);
    QVERIFY(explorer.start(true));
    explorer.waitForIdle();
    QCOMPARE(explorer.verdict(), u"LIVELOCK"_s);
    QVERIFY2(explorer.resultText().contains(u"states,"_s), qPrintable(explorer.resultText()));
    QVERIFY(explorer.showCounterexample());
    QVERIFY(run.isUntimed());
    const int cycleStart = run.cycleStart();
    const int total = run.totalSteps();
    QVERIFY(cycleStart >= 0 && total > cycleStart);
    run.seek(cycleStart);
    const std::size_t entry = machineHash(run);
    run.seek(1); // the whole lasso is saved, wherever the window is

    QTemporaryDir dir;
    const QString path = dir.filePath(u"from-the-runner.flab"_s);
    QVERIFY2(controller.saveReplay(path), qPrintable(run.errorText()));
    verifyLassoFileReopens(path, timedSteps, cycleStart, total, entry);

    // A workspace keeps it the same way, at the step the window shows.
    const QString workspace = dir.filePath(u"lecture.flws"_s);
    run.seek(cycleStart);
    QVERIFY2(controller.saveWorkspace(workspace), qPrintable(run.errorText()));
    SimController third(nullptr);
    QVERIFY2(third.openWorkspace(workspace), qPrintable(third.run()->errorText()));
    QCOMPARE(third.run()->steps(), cycleStart);
    QCOMPARE(third.run()->cycleStart(), cycleStart);
    QCOMPARE(machineHash(*third.run()), entry);
}

// Explore from the start, Play it, File ▸ Save replay: the file says it is
// untimed and where the cycle starts, so it reopens as the lasso.
void TestExploreModel::lassoFromTheStartSavesAndReopens()
{
    SimController controller(nullptr);
    RunModel &run = *controller.run();
    ExploreModel *explorer = startExploringL1(controller);
    QVERIFY(explorer);
    explorer->waitForIdle();
    QVERIFY(explorer->showCounterexample());
    const int cycleStart = run.cycleStart();
    const int total = run.totalSteps();
    run.seek(cycleStart);
    const std::size_t entry = machineHash(run);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"from-the-start.flab"_s);
    QVERIFY2(controller.saveReplay(path), qPrintable(run.errorText()));
    verifyLassoFileReopens(path, 0, cycleStart, total, entry);
}

void TestExploreModel::mergedFixIsProvedOk()
{
    SimController controller(nullptr);
    RunModel &run = *controller.run();
    QVERIFY(controller.loadScenario(u"l1"_s));
    QVERIFY(run.setFixEnabled(u"wait-on-unlock"_s, true));
    run.waitForIdle();
    ExploreModel &explorer = *controller.explorer();
    explorer.setThreads(1);
    QVERIFY(explorer.start(false));
    explorer.waitForIdle();
    QCOMPARE(explorer.verdict(), u"OK"_s);
    QVERIFY(explorer.resultText().startsWith(u"OK — no schedule"_s));
    QVERIFY(!explorer.hasCounterexample());
    QVERIFY(!explorer.showCounterexample());
    QVERIFY(!run.isUntimed());
}

void TestExploreModel::cancelStopsTheSearch()
{
    SimController controller(nullptr);
    RunModel &run = *controller.run();
    ExploreModel *started = startExploringL1(controller);
    QVERIFY(started);
    ExploreModel &explorer = *started;
    explorer.cancel();
    explorer.waitForIdle();
    QVERIFY(!explorer.isRunning());
    QCOMPARE(explorer.verdict(), u"PARTIAL"_s);
    QVERIFY(explorer.resultText().contains(u"cancelled"_s));
    QVERIFY(!explorer.hasCounterexample());
    QVERIFY(!run.isUntimed()); // the window's run is untouched
    explorer.dismiss();
    QCOMPARE(explorer.verdict(), QString());
}

// Two faulters on two CPUs are interchangeable: the search stores one state
// per orbit, says so, and its livelock (sleeping-lock on a pair: the lock is
// handed back and forth) is a concrete lasso the window can play.
void TestExploreModel::symmetricStormNamesItsGroupAndPlaysAConcreteLasso()
{
    QTemporaryDir dir;
    const QString path = writeSmallStorm(dir, 2);
    QVERIFY(!path.isEmpty());
    SimController controller(nullptr);
    RunModel &run = *controller.run();
    QVERIFY(controller.loadScenario(path));
    QVERIFY(run.setFixEnabled(u"sleeping-lock"_s, true));
    run.waitForIdle();
    ExploreModel &explorer = *controller.explorer();
    explorer.setThreads(1);
    QVERIFY(explorer.start(false));
    explorer.waitForIdle();
    QCOMPARE(explorer.verdict(), u"LIVELOCK"_s);
    QVERIFY2(explorer.resultText().contains(u"per orbit of 2 renamings of interchangeable CPUs"_s),
            qPrintable(explorer.resultText()));
    QVERIFY(explorer.hasCounterexample());
    QVERIFY(explorer.showCounterexample());
    QTRY_VERIFY(run.isUntimed() && run.cycleStart() > 0);
}

// Three faulters under sleeping-lock+wait-refcount deadlock. The window's
// search stops at that first bug by default and says so; told not to, it
// searches the whole space for the same verdict.
void TestExploreModel::stopsAtTheFirstBugUnlessToldNotTo()
{
    QTemporaryDir dir;
    const QString path = writeSmallStorm(dir, 3);
    QVERIFY(!path.isEmpty());
    SimController controller(nullptr);
    RunModel &run = *controller.run();
    QVERIFY(controller.loadScenario(path));
    QVERIFY(run.setFixEnabled(u"sleeping-lock"_s, true));
    run.waitForIdle();
    QVERIFY(run.setFixEnabled(u"wait-refcount"_s, true));
    run.waitForIdle();
    ExploreModel &explorer = *controller.explorer();
    explorer.setThreads(1);
    QVERIFY(explorer.stopAtFirstBug());
    QVERIFY(explorer.start(false));
    explorer.waitForIdle();
    QCOMPARE(explorer.verdict(), u"DEADLOCK"_s);
    QVERIFY2(explorer.resultText().contains(u"stopped at this first bug"_s),
            qPrintable(explorer.resultText()));
    QSignalSpy changed(&explorer, &ExploreModel::stopAtFirstBugChanged);
    explorer.setStopAtFirstBug(false);
    QCOMPARE(changed.count(), 1);
    QVERIFY(explorer.start(false));
    explorer.waitForIdle();
    QCOMPARE(explorer.verdict(), u"DEADLOCK"_s);
    QVERIFY2(!explorer.resultText().contains(u"first bug"_s), qPrintable(explorer.resultText()));
}

// w-alloc repeats its jobs: the window shows the refusal and its reason,
// with no statistics of a search that did not happen and nothing to play.
void TestExploreModel::refusesARepeatingWorkloadWithItsReason()
{
    SimController controller(nullptr);
    QVERIFY(controller.loadScenario(u"w-alloc"_s));
    controller.run()->waitForIdle();
    ExploreModel &explorer = *controller.explorer();
    QVERIFY(explorer.start(false));
    explorer.waitForIdle();
    QCOMPARE(explorer.verdict(), u"REFUSED"_s);
    QVERIFY2(explorer.resultText().startsWith(u"REFUSED — Not searched: its tasks repeat"_s),
            qPrintable(explorer.resultText()));
    QVERIFY2(!explorer.resultText().contains(u"transitions"_s), qPrintable(explorer.resultText()));
    QVERIFY(!explorer.hasCounterexample());
}

QTEST_GUILESS_MAIN(TestExploreModel)
#include "tst_exploremodel.moc"
