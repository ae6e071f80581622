// SPDX-License-Identifier: GPL-2.0-only
#include "appsettings.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "timeline.h"

#include "kernel/fixes.h"
#include "kernel/listing_diff.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

// The models behind the window, each watched by QAbstractItemModelTester
// while a controller loads, steps, jumps, switches scenario and re-runs under
// a fix; plus what they say at the livelock.
class TestModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void modelsStayConsistentThroughARun();
    void livelockIsVisibleInEveryModel();
    void fixToggleRerunsAndReportsDivergence();
    void conflictingOrUnknownInputIsRefused();
    void replayFileRoundTripThroughTheController();
    void settingsPersist();

private:
    static void watch(
            RunModel &sim, std::vector<std::unique_ptr<QAbstractItemModelTester>> &testers);
};

void TestModels::initTestCase()
{
    // Before the first QSettings: keep the user's settings out of tests.
    QStandardPaths::setTestModeEnabled(true);
}

void TestModels::watch(
        RunModel &sim, std::vector<std::unique_ptr<QAbstractItemModelTester>> &testers)
{
    const QList<QAbstractItemModel *> models {
            sim.cpus(), sim.choices(), sim.fixList(), sim.tasks(), sim.folios()};
    for (QAbstractItemModel *m : models)
        testers.push_back(std::make_unique<QAbstractItemModelTester>(
                m, QAbstractItemModelTester::FailureReportingMode::QtTest));
}

void TestModels::modelsStayConsistentThroughARun()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    watch(sim, testers);

    QVERIFY(simController.loadScenario(u"l1"_s));
    QCOMPARE(sim.cpus()->rowCount(), 4);
    QCOMPARE(sim.fixList()->rowCount(), int(fl::fixCatalogue().size()));
    for (int i = 0; i < 400; ++i)
        sim.step();
    QCOMPARE(sim.steps(), 400);
    // Exactly one of the enabled choices is what F5 would do.
    int next = 0;
    for (int i = 0; i < sim.choices()->rowCount(); ++i)
        next += sim.choices()->index(i).data(ChoiceListModel::IsNextRole).toBool() ? 1 : 0;
    QCOMPARE(next, sim.choices()->rowCount() > 0 ? 1 : 0);

    sim.stepBack();
    QCOMPARE(sim.steps(), 399);
    QCOMPARE(sim.totalSteps(), 400);
    sim.seek(37);
    QCOMPARE(sim.steps(), 37);
    // Clicking a CPU steps exactly that CPU.
    const int cpu = sim.choices()->index(0).data(ChoiceListModel::CpuRole).toInt();
    QVERIFY(sim.stepCpu(cpu));
    QCOMPARE(sim.steps(), 38);
    QCOMPARE(int(sim.timeline()->choices()[37].cpu), cpu);

    QVERIFY(simController.loadScenario(u"s2-storm"_s)); // another CPU count: models reset
    QCOMPARE(sim.cpus()->rowCount(), 8);
    for (int i = 0; i < 50; ++i)
        sim.step();
    sim.reset();
    QCOMPARE(sim.steps(), 0);
    QCOMPARE(sim.totalSteps(), 0);
}

void TestModels::livelockIsVisibleInEveryModel()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    watch(sim, testers);
    QVERIFY(simController.loadScenario(u"l1"_s));
    sim.runToVerdict();
    QVERIFY(sim.isBusy());
    sim.waitForIdle();
    QVERIFY(!sim.isBusy());
    QCOMPARE(sim.verdict(), u"LIVELOCK"_s);
    QCOMPARE(sim.verdictStep(), sim.steps());
    QVERIFY(!sim.waitCycle().isEmpty());

    // CPU1's lane: T spins there.
    QVERIFY(sim.cpus()->row(1).spinning);
    QVERIFY(sim.cpus()->row(1).runningTask.startsWith(u"T"));
    // The task view: T spins, with its listing and the current step marked.
    bool sawSpinner = false;
    for (int i = 0; i < sim.tasks()->rowCount(); ++i) {
        const TaskListModel::Row &t = sim.tasks()->row(i);
        if (!t.spinning)
            continue;
        sawSpinner = true;
        QCOMPARE(t.name, u"T"_s);
        QVERIFY(!t.function.isEmpty());
        QVERIFY(!t.file.isEmpty());
        QVERIFY(t.currentLine >= 0 && t.currentLine < t.listing.size());
        QVERIFY(!t.stack.isEmpty());
        QVERIFY(t.state.contains(u"spinning"));
    }
    QVERIFY(sawSpinner);
    // Folio D is locked by M, and M's migration holds a reference on it.
    bool sawLockedD = false;
    for (int i = 0; i < sim.folios()->rowCount(); ++i) {
        const FolioListModel::Row &f = sim.folios()->row(i);
        if (f.name == u"D") {
            sawLockedD = f.locked && f.lockOwner == u"M" && f.devicePrivate;
            QVERIFY2(f.refSources.contains(u"M"), qPrintable(f.refSources));
        }
    }
    QVERIFY(sawLockedD);
    // The wait-for graph of the state has the cycle marked.
    int inCycle = 0;
    for (const QVariant &e : sim.waitGraph())
        inCycle += e.toMap().value(u"inCycle"_s).toBool() ? 1 : 0;
    QCOMPARE(inCycle, sim.waitCycle().size());
    QVERIFY(sim.drainMutex().contains(u"held by M"));

    // Stepping back before the verdict hides it; forward shows it again.
    QSignalSpy verdictSpy(&sim, &RunModel::verdictChanged);
    sim.stepBack();
    QCOMPARE(sim.verdict(), QString());
    sim.seek(sim.totalSteps());
    QCOMPARE(sim.verdict(), u"LIVELOCK"_s);
    QCOMPARE(verdictSpy.count(), 2);
}

void TestModels::fixToggleRerunsAndReportsDivergence()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    watch(sim, testers);
    QVERIFY(simController.loadScenario(u"l1"_s));
    sim.runToVerdict();
    sim.waitForIdle();
    QCOMPARE(sim.verdict(), u"LIVELOCK"_s);
    const int livelockSteps = sim.steps();

    QVERIFY(sim.setFixEnabled(u"wait-on-unlock"_s, true));
    sim.waitForIdle();
    QCOMPARE(sim.fixes(), u"wait-on-unlock"_s);
    QCOMPARE(sim.verdict(), u"COMPLETED"_s);
    // Named as a step number (1 = the first step), and marked there.
    QVERIFY(sim.divergenceStep() >= 1 && sim.divergenceStep() <= livelockSteps);
    QVERIFY2(sim.divergence().startsWith(u"The runs part at step %1:"_s.arg(sim.divergenceStep())),
            qPrintable(sim.divergence()));
    QVERIFY(sim.divergence().contains(u": baseline vs wait-on-unlock"_s));
    // The fix list shows it switched on, and only it.
    for (int i = 0; i < sim.fixList()->rowCount(); ++i) {
        const QModelIndex at = sim.fixList()->index(i);
        QCOMPARE(at.data(FixListModel::ActiveRole).toBool(),
                at.data(FixListModel::NameRole).toString() == u"wait-on-unlock");
        // A fix that changes a listing shows added or removed lines; one that
        // only changes what a step does shows none.
        bool changes = false;
        for (const QVariant &line : at.data(FixListModel::DiffRole).toList()) {
            const QString op = line.toMap().value(u"op"_s).toString();
            changes = changes || op == u"+" || op == u"-";
        }
        fl::FixSet alone;
        alone.add(fl::fixCatalogue()[std::size_t(i)].fix);
        QCOMPARE(changes, !fl::listingDiff(fl::FixSet {}, alone).empty());
    }

    // And off again: back to the livelock on the same schedule.
    QVERIFY(sim.setFixEnabled(u"wait-on-unlock"_s, false));
    sim.waitForIdle();
    QCOMPARE(sim.fixes(), u"baseline"_s);
    QVERIFY(sim.verdict() == u"LIVELOCK"_s);
}

void TestModels::conflictingOrUnknownInputIsRefused()
{
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    QVERIFY(simController.loadScenario(u"l1"_s));
    QSignalSpy errors(&sim, &RunModel::errorOccurred);
    QVERIFY(!sim.setFixEnabled(u"no-such-fix"_s, true));
    QCOMPARE(errors.count(), 1);
    QVERIFY(sim.errorText().contains(u"no-such-fix"));
    QVERIFY(!sim.isBusy());
    QCOMPARE(sim.fixes(), u"baseline"_s);
    QVERIFY(!sim.stepChoice(999));
    QVERIFY(!sim.stepCpu(7)); // l1 has 4 CPUs
    QVERIFY(!simController.loadScenario(u"/no/such/file.toml"_s));
    QVERIFY(sim.errorText().contains(u"/no/such/file.toml"));
    QCOMPARE(sim.scenarioName(), u"l1"_s);
}

void TestModels::replayFileRoundTripThroughTheController()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"run.flab"_s);

    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    QVERIFY(simController.loadScenario(u"l1"_s));
    QVERIFY(sim.setFixEnabled(u"wait-on-unlock"_s, true));
    sim.waitForIdle();
    sim.seek(60);
    const std::size_t hash = fl::hashMachine(sim.timeline()->state().machine);
    QVERIFY2(simController.saveReplay(path), qPrintable(sim.errorText()));

    SimController otherController(nullptr);
    RunModel &other = *otherController.run();
    QVERIFY(otherController.loadScenario(u"l1-single"_s));
    QVERIFY2(otherController.openFile(u"file://"_s + path), qPrintable(other.errorText()));
    QCOMPARE(other.scenarioName(), u"l1"_s);
    QCOMPARE(other.fixes(), u"wait-on-unlock"_s);
    QCOMPARE(other.steps(), 60);
    QCOMPARE(fl::hashMachine(other.timeline()->state().machine), hash);
    QVERIFY(AppSettings::instance().recentFiles().contains(path));

    // The same replay under a .toml name is still recognised as a replay.
    const QString asToml = dir.filePath(u"run-replay.toml"_s);
    QVERIFY(QFile::copy(path, asToml));
    SimController thirdController(nullptr);
    RunModel &third = *thirdController.run();
    QVERIFY(thirdController.loadScenario(u"l1-single"_s));
    QVERIFY2(thirdController.openFile(asToml), qPrintable(third.errorText()));
    QCOMPARE(third.steps(), 60);
    QCOMPARE(third.scenarioName(), u"l1"_s);

    // A bad replay: the error names the file, line and column; nothing changes.
    const QString bad = dir.filePath(u"bad.flab"_s);
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("version = 1\nscenario = \"l1\"\nchoices = [[0, 99]]\n");
    file.close();
    QVERIFY(!otherController.openFile(bad));
    QVERIFY2(other.errorText().startsWith(bad + u":3:"_s), qPrintable(other.errorText()));
    QCOMPARE(other.steps(), 60);

    // An explorer's untimed replay plays in the explorer's model.
    const QString untimed = dir.filePath(u"lasso.toml"_s);
    QFile lasso(untimed);
    QVERIFY(lasso.open(QIODevice::WriteOnly));
    lasso.write("version = 1\nscenario = \"l1\"\ntime = \"untimed\"\nchoices = [[0, 0]]\n");
    lasso.close();
    QVERIFY2(otherController.openFile(untimed), qPrintable(other.errorText()));
    QVERIFY(other.isUntimed());
    QCOMPARE(other.steps(), 1);
    QCOMPARE(other.cycleStart(), -1);
}

void TestModels::settingsPersist()
{
    AppSettings &settings = AppSettings::instance();
    settings.setDarkTheme(true);
    settings.setFontScale(1.5);
    settings.setSpeed(1234);
    settings.setFontScale(10); // clamped
    QCOMPARE(settings.fontScale(), 2.0);
    settings.reload(); // from QSettings
    QVERIFY(settings.isDarkTheme());
    QCOMPARE(settings.fontScale(), 2.0);
    QCOMPARE(settings.speed(), 1234);
    settings.setDarkTheme(false);
    settings.setFontScale(1.0);
}

QTEST_MAIN(TestModels)
#include "tst_models.moc"
