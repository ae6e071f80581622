// SPDX-License-Identifier: GPL-2.0-only
// Issue 16, soak: running (F6) at full speed recorded without end, some
// 40 MB a second. It now pauses at the window's recording limit and says so.
#include "runmodel.h"
#include "simcontroller.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

class TestRecordingLimit : public QObject
{
    Q_OBJECT

private slots:
    void runningPausesAtTheRecordingLimit();
};

void TestRecordingLimit::runningPausesAtTheRecordingLimit()
{
    QStandardPaths::setTestModeEnabled(true);
    SimController simController(nullptr);
    RunModel &sim = *simController.run();
    QVERIFY(simController.loadScenario(u"l1"_s));
    sim.setSpeed(1'000'000);
    sim.setRunning(true);
    // It pauses at the verdict first (the class sees the moment); F6 again
    // runs on, as a user would, until the limit.
    QTRY_VERIFY_WITH_TIMEOUT(!sim.isRunning(), 60'000);
    QVERIFY(!sim.verdict().isEmpty());
    sim.setRunning(true);
    QTRY_VERIFY_WITH_TIMEOUT(!sim.isRunning(), 120'000);
    QVERIFY2(sim.errorText().contains(u"records at most 3000000 steps"_s),
            qPrintable(sim.errorText()));
    QCOMPARE(sim.totalSteps(), 3'000'000);
    // And stays there: F6 pauses again at once.
    sim.setRunning(true);
    QTRY_VERIFY_WITH_TIMEOUT(!sim.isRunning(), 10'000);
    QCOMPARE(sim.totalSteps(), 3'000'000);
}

QTEST_MAIN(TestRecordingLimit)
#include "tst_recordinglimit.moc"
