// SPDX-License-Identifier: GPL-2.0-only
#include "brokenscenario.h"
#include "cpulistmodel.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "tasklistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// CpuListModel as the window sees it: driven by SimController while l1 is
// stepped, checked on every signal by QAbstractItemModelTester.
class TestCpuListModel : public QObject
{
    Q_OBJECT

private slots:
    void stepsL1UnderTheModelTester();
    void rowsDescribeTheMachine();
    void notifiesOnlyOnRealChange();
    void badScenarioKeepsTheCurrentOne();
    void waitingAfterAFailedTrylockIsNotSpinning();
};

void TestCpuListModel::stepsL1UnderTheModelTester()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    QAbstractItemModelTester tester(
            sim.cpus(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY2(simController.loadScenario(u"l1"_s), qPrintable(sim.errorText()));
    QCOMPARE(sim.cpus()->rowCount(), 4);

    QSignalSpy dataChanged(sim.cpus(), &QAbstractItemModel::dataChanged);
    for (int i = 0; i < 500; ++i)
        sim.step();
    QVERIFY(sim.steps() > 0);
    QVERIFY2(dataChanged.count() > 0, "stepping l1 changed no CPU row");

    // The livelock of l1: T spins on CPU1, and the lane says so.
    sim.runToVerdict();
    sim.waitForIdle(); // the run happens off the GUI thread
    QCOMPARE(sim.verdict(), u"LIVELOCK"_s);
    bool anySpinning = false;
    for (int row = 0; row < sim.cpus()->rowCount(); ++row)
        anySpinning
                |= sim.cpus()->data(sim.cpus()->index(row), CpuListModel::SpinningRole).toBool();
    QVERIFY2(anySpinning, "no CPU lane is marked spinning at the LIVELOCK verdict");

    sim.reset();
    QCOMPARE(sim.steps(), 0);
    QVERIFY(sim.verdict().isEmpty());
    QCOMPARE(sim.cpus()->rowCount(), 4);
}

void TestCpuListModel::rowsDescribeTheMachine()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    QVERIFY2(simController.loadScenario(u"l1"_s), qPrintable(sim.errorText()));
    for (int i = 0; i < 200; ++i)
        sim.step();

    const CpuListModel *model = sim.cpus();
    const QHash<int, QByteArray> roles = model->roleNames();
    QCOMPARE(roles.value(CpuListModel::CpuNameRole), QByteArray("cpuName"));
    QCOMPARE(roles.value(CpuListModel::SpinningRole), QByteArray("spinning"));

    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex idx = model->index(row);
        QCOMPARE(model->data(idx, CpuListModel::CpuNameRole).toString(), u"CPU%1"_s.arg(row));
        const QString running = model->data(idx, CpuListModel::RunningTaskRole).toString();
        const QString activity = model->data(idx, CpuListModel::ActivityRole).toString();
        QVERIFY(!running.isEmpty());
        // A running task is shown with its role in words, and its activity
        // names the kernel function of its current step; idle says nothing.
        if (running == u"idle") {
            QVERIFY(activity.isEmpty());
        } else {
            QVERIFY2(running.contains(u"-faulter)"_s) || running.contains(u"(migrator)"_s)
                            || running.contains(u"(kworker)"_s) || running.contains(u"(drainer)"_s),
                    qPrintable(running));
            QVERIFY2(activity.contains(u" — "), qPrintable(running + u" / "_s + activity));
        }
        QVERIFY(model->data(idx, CpuListModel::BatchCountRole).toInt() >= 0);
    }
}

void TestCpuListModel::notifiesOnlyOnRealChange()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    QVERIFY2(simController.loadScenario(u"l1"_s), qPrintable(sim.errorText()));

    QSignalSpy name(&sim, &RunModel::scenarioNameChanged);
    QSignalSpy steps(&sim, &RunModel::stepsChanged);
    QSignalSpy verdict(&sim, &RunModel::verdictChanged);
    QSignalSpy loaded(&sim, &RunModel::loadedChanged);
    QSignalSpy rows(sim.cpus(), &QAbstractItemModel::dataChanged);
    QSignalSpy resets(sim.cpus(), &QAbstractItemModel::modelReset);

    sim.reset(); // already at the initial state
    QVERIFY(simController.loadScenario(u"l1"_s)); // the same scenario again
    QCOMPARE(name.count(), 0);
    QCOMPARE(steps.count(), 0);
    QCOMPARE(verdict.count(), 0);
    QCOMPARE(loaded.count(), 0);
    QCOMPARE(rows.count(), 0);
    QCOMPARE(resets.count(), 0);

    sim.step();
    QCOMPARE(steps.count(), 1);
    QCOMPARE(sim.steps(), 1);
}

void TestCpuListModel::badScenarioKeepsTheCurrentOne()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    QVERIFY2(simController.loadScenario(u"l1"_s), qPrintable(sim.errorText()));
    sim.step();

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"broken.toml"_s);
    QVERIFY(writeBrokenScenario(path));

    QSignalSpy errors(&sim, &RunModel::errorOccurred);
    QVERIFY(!simController.loadScenario(path));
    QCOMPARE(errors.count(), 1);
    QVERIFY2(sim.errorText().contains(path), qPrintable(sim.errorText()));
    QCOMPARE(sim.scenarioName(), u"l1"_s);
    QCOMPARE(sim.steps(), 1);
    QCOMPARE(sim.cpus()->rowCount(), 4);

    QVERIFY(!simController.loadScenario(u"/nonexistent/scenario.toml"_s));
    QVERIFY(!sim.errorText().isEmpty());

    // A good load clears the error.
    QVERIFY(simController.loadScenario(u"l1"_s));
    QVERIFY(sim.errorText().isEmpty());
}

// Under wait-on-unlock T fails the trylock and then queues itself to wait
// for the unlock: between the two it is not spinning, and no lane, card or
// state line may say so (issue 14). Its sleep is said in words, not "D".
void TestCpuListModel::waitingAfterAFailedTrylockIsNotSpinning()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    QVERIFY2(simController.loadScenario(u"l1"_s), qPrintable(sim.errorText()));
    QVERIFY(sim.setFixEnabled(u"wait-on-unlock"_s, true));
    sim.waitForIdle();
    sim.reset(); // from the start, one step at a time
    TaskListModel *tasks = sim.tasks();
    int t = -1;
    for (int row = 0; row < tasks->rowCount(); ++row)
        if (tasks->data(tasks->index(row), TaskListModel::NameRole).toString() == u"T")
            t = row;
    QVERIFY(t >= 0);
    bool sawQueueing = false, sawSleep = false;
    for (int i = 0; i < 400 && !(sawQueueing && sawSleep); ++i) {
        sim.step();
        const QString state = tasks->data(tasks->index(t), TaskListModel::StateRole).toString();
        if (state.startsWith(u"queueing to wait until D"_s)) {
            sawQueueing = true;
            QVERIFY(!tasks->data(tasks->index(t), TaskListModel::SpinningRole).toBool());
            for (int row = 0; row < sim.cpus()->rowCount(); ++row)
                QVERIFY2(!sim.cpus()->data(sim.cpus()->index(row), CpuListModel::SpinningRole)
                                  .toBool(),
                        "a lane says spinning while T queues to wait");
        }
        if (state.startsWith(u"uninterruptible sleep: folio unlock of D"_s))
            sawSleep = true;
    }
    QVERIFY2(sawQueueing, "T never queued to wait under wait-on-unlock");
    QVERIFY2(sawSleep, "T's sleep was not said in words");
}

QTEST_GUILESS_MAIN(TestCpuListModel)
#include "tst_cpulistmodel.moc"
