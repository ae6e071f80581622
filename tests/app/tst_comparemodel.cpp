// SPDX-License-Identifier: GPL-2.0-only
#include "comparemodel.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "timeline.h"

#include "report/compare.h"
#include "scenario/scenario_toml.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

// The compare view's model: two runs of l1 side by side, where they part
// (the same step `foliolab compare` names), moving both together, swapping,
// other preemption models, and a bad fix set.
class TestCompareModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void defaultComparesTheRunWithTheMergedFix();
    void windowAndCommandLineNameTheSameStep();
    void bothSidesMoveTogetherAndClampToTheirRun();
    void swapExchangesTheSides();
    void preemptionModelsCanDiffer();
    void badFixSetIsReportedAndKeepsTheComparison();

private:
    // l1 run to its verdict in the window, then compared.
    static void openOnL1Livelock(SimController &controller);
};

void TestCompareModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestCompareModel::openOnL1Livelock(SimController &controller)
{
    RunModel &run = *controller.run();
    QVERIFY(controller.loadScenario(u"l1"_s));
    run.runToVerdict();
    run.waitForIdle();
    QCOMPARE(run.verdict(), u"LIVELOCK"_s);
    CompareModel &compare = *controller.compare();
    QSignalSpy ready(&compare, &CompareModel::resultChanged);
    compare.openFromSource();
    QVERIFY(compare.isBusy());
    compare.waitForIdle();
    QVERIFY(!compare.isBusy());
    QCOMPARE(ready.count(), 1);
    QVERIFY2(compare.errorText().isEmpty(), qPrintable(compare.errorText()));
}

void TestCompareModel::defaultComparesTheRunWithTheMergedFix()
{
    SimController controller(nullptr);
    openOnL1Livelock(controller);
    if (QTest::currentTestFailed())
        return;
    CompareModel &compare = *controller.compare();
    RunModel &a = *compare.a();
    RunModel &b = *compare.b();
    QVERIFY(compare.isReady());
    QCOMPARE(compare.fixesA(), u"baseline"_s);
    QCOMPARE(compare.fixesB(), u"wait-on-unlock"_s);
    QCOMPARE(compare.preemptA(), u"voluntary"_s);
    QCOMPARE(a.fixes(), u"baseline"_s);
    QCOMPARE(b.fixes(), u"wait-on-unlock"_s);
    QVERIFY(compare.outcomeA().startsWith(u"LIVELOCK"_s));
    QVERIFY(compare.outcomeB().startsWith(u"COMPLETED"_s));
    // A is the window's run: the same schedule, step for step.
    QCOMPARE(a.totalSteps(), controller.run()->totalSteps());
    QCOMPARE(compare.totalSteps(), std::max(a.totalSteps(), b.totalSteps()));

    // Opened at the divergence: the step where they part is the last one
    // shown on both sides, and each side says what it did there.
    const int at = compare.divergenceStep();
    QVERIFY(at >= 1);
    QCOMPARE(compare.step(), at);
    QCOMPARE(a.steps(), at);
    QCOMPARE(b.steps(), at);
    QVERIFY(a.lastStep().startsWith(u"step %1: "_s.arg(at)));
    QVERIFY(b.lastStep().startsWith(u"step %1: "_s.arg(at)));
    // The line names the two runs (issue 14): by what differs, the fixes.
    QVERIFY2(compare.divergenceTitle().startsWith(
                     u"baseline vs wait-on-unlock: they part at step %1 "_s.arg(at)),
            qPrintable(compare.divergenceTitle()));
    QVERIFY(compare.divergenceA().contains(u"do_swap_page"_s));
    QVERIFY(compare.divergenceA() != compare.divergenceB());
    // Every step before it is the same choice and the same kernel step.
    const auto &sa = a.timeline()->samples();
    const auto &sb = b.timeline()->samples();
    for (int i = 0; i + 1 < at; ++i) {
        QCOMPARE(a.timeline()->choices()[std::size_t(i)], b.timeline()->choices()[std::size_t(i)]);
        QCOMPARE(sa[std::size_t(i)].step, sb[std::size_t(i)].step);
    }
    QVERIFY(sa[std::size_t(at - 1)].step != sb[std::size_t(at - 1)].step);
    // Both timelines mark it, and the first differing band starts there.
    QCOMPARE(a.divergenceStep(), at);
    QCOMPARE(b.divergenceStep(), at);
    QVERIFY(!compare.differingRanges().isEmpty());
    QVERIFY(compare.differingRanges().size() <= CompareModel::MaxRanges);
    QCOMPARE(compare.differingRanges().first().toMap().value(u"from"_s).toInt(), at);

    // The metrics table: A, B and B - A, with `steps` as the outcome says.
    bool sawSteps = false;
    for (const QVariant &row : compare.metrics()) {
        const QVariantMap m = row.toMap();
        if (m.value(u"name"_s).toString() != u"steps")
            continue;
        sawSteps = true;
        QCOMPARE(m.value(u"a"_s).toInt(), a.totalSteps());
        QCOMPARE(m.value(u"b"_s).toInt(), b.totalSteps());
        QCOMPARE(m.value(u"diff"_s).toInt(), b.totalSteps() - a.totalSteps());
    }
    QVERIFY(sawSteps);
}

void TestCompareModel::windowAndCommandLineNameTheSameStep()
{
    // What `foliolab compare l1 --fix baseline --fix wait-on-unlock` computes
    // and prints (compare_command.cpp prints fl::stepNumber(index)).
    const fl::CompareResult cli = fl::compareFixSets(
            fl::loadScenario("l1"), "baseline", "wait-on-unlock", "", fl::RunOptions {});
    QVERIFY(cli.divergence.has_value());
    const int cliStep = int(fl::stepNumber(cli.divergence->index));

    SimController controller(nullptr);
    openOnL1Livelock(controller);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(controller.compare()->divergenceStep(), cliStep);

    // And Ctrl+M in the window names the same step for the same two runs.
    RunModel &run = *controller.run();
    QVERIFY(run.toggleFixNamed(SimController::mergedFix()));
    run.waitForIdle();
    QCOMPARE(run.verdict(), u"COMPLETED"_s);
    QCOMPARE(run.divergenceStep(), cliStep);
    QVERIFY(run.divergence().startsWith(u"The runs part at step %1:"_s.arg(cliStep)));
}

void TestCompareModel::bothSidesMoveTogetherAndClampToTheirRun()
{
    SimController controller(nullptr);
    openOnL1Livelock(controller);
    if (QTest::currentTestFailed())
        return;
    CompareModel &compare = *controller.compare();
    RunModel &a = *compare.a();
    RunModel &b = *compare.b();
    QVERIFY(b.totalSteps() < a.totalSteps()); // the fix completes early

    QSignalSpy moved(&compare, &CompareModel::stepChanged);
    compare.seek(10);
    QCOMPARE(compare.step(), 10);
    QCOMPARE(a.steps(), 10);
    QCOMPARE(b.steps(), 10);
    compare.stepForward();
    QCOMPARE(a.steps(), 11);
    QCOMPARE(b.steps(), 11);
    compare.stepBack();
    compare.stepBack();
    QCOMPARE(compare.step(), 9);
    QCOMPARE(moved.count(), 4);

    // Past B's end, B stays at its verdict while A goes on.
    compare.seek(b.totalSteps() + 100);
    QCOMPARE(a.steps(), b.totalSteps() + 100);
    QCOMPARE(b.steps(), b.totalSteps());
    QCOMPARE(b.verdict(), u"COMPLETED"_s);
    QCOMPARE(a.verdict(), QString());
    compare.seek(1 << 30);
    QCOMPARE(compare.step(), compare.totalSteps());
    QCOMPARE(a.verdict(), u"LIVELOCK"_s);
    compare.seek(-5);
    QCOMPARE(compare.step(), 0);
    QCOMPARE(a.lastStep(), QString());

    compare.jumpToDivergence();
    QCOMPARE(compare.step(), compare.divergenceStep());
}

void TestCompareModel::swapExchangesTheSides()
{
    SimController controller(nullptr);
    openOnL1Livelock(controller);
    if (QTest::currentTestFailed())
        return;
    CompareModel &compare = *controller.compare();
    compare.swap();
    compare.waitForIdle();
    QCOMPARE(compare.fixesA(), u"wait-on-unlock"_s);
    QCOMPARE(compare.fixesB(), u"baseline"_s);
    QCOMPARE(compare.a()->fixes(), u"wait-on-unlock"_s);
    QCOMPARE(compare.b()->fixes(), u"baseline"_s);
    QVERIFY(compare.labelA().startsWith(u"A: wait-on-unlock"_s));
    QVERIFY(compare.divergenceTitle().startsWith(u"wait-on-unlock vs baseline: "_s));
    QVERIFY(compare.outcomeA().startsWith(u"COMPLETED"_s));
    QVERIFY(compare.divergenceStep() >= 1);
    QCOMPARE(compare.step(), compare.divergenceStep());
}

void TestCompareModel::preemptionModelsCanDiffer()
{
    SimController controller(nullptr);
    openOnL1Livelock(controller);
    if (QTest::currentTestFailed())
        return;
    CompareModel &compare = *controller.compare();
    compare.setFixesB(u"baseline"_s);
    compare.setPreemptB(u"full"_s);
    compare.recompute();
    compare.waitForIdle();
    QVERIFY2(compare.errorText().isEmpty(), qPrintable(compare.errorText()));
    QCOMPARE(compare.b()->preempt(), u"full"_s);
    QCOMPARE(compare.a()->preempt(), u"voluntary"_s);
    QCOMPARE(compare.labelB(), u"B: baseline · full"_s);
    // Under full preemption the kworker gets CPU1: the runs part somewhere.
    QVERIFY(compare.divergenceStep() >= 1);
    // Same fixes: the line names the runs by their preemption models.
    QVERIFY2(compare.divergenceTitle().startsWith(u"voluntary vs full: they part at step"_s),
            qPrintable(compare.divergenceTitle()));
    QVERIFY(!compare.outcomeB().startsWith(u"LIVELOCK"_s));
}

void TestCompareModel::badFixSetIsReportedAndKeepsTheComparison()
{
    SimController controller(nullptr);
    openOnL1Livelock(controller);
    if (QTest::currentTestFailed())
        return;
    CompareModel &compare = *controller.compare();
    const int before = compare.divergenceStep();
    compare.setFixesB(u"no-such-fix"_s);
    compare.recompute();
    compare.waitForIdle();
    QVERIFY(compare.errorText().contains(u"no-such-fix"_s));
    QVERIFY(compare.isReady());
    QCOMPARE(compare.divergenceStep(), before);
    QCOMPARE(compare.b()->fixes(), u"wait-on-unlock"_s);
}

QTEST_GUILESS_MAIN(TestCompareModel)
#include "tst_comparemodel.moc"
