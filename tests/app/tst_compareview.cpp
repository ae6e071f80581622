// SPDX-License-Identifier: GPL-2.0-only
#include "comparemodel.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "window_support.h"

#include "report/compare.h"
#include "scenario/scenario_toml.h"

#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

// View ▸ Compare in the real Main.qml, opened with its key on l1's livelock,
// photographed at a projector's 1280x800 and at 1920x1080. The PNGs land in
// build/screenshots/; the checks are about layout and content, not pixels.
class TestCompareView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void compareViewOnL1_data();
    void compareViewOnL1();
};

// The theme's amber (Theme.neutralAccent, #8a5a00 at 55 % on the groove):
// the bands that mark differing steps.
static bool isAmber(QColor c)
{
    return c.red() > c.blue() + 60 && c.green() > c.blue() + 20 && c.red() < 230;
}

void TestCompareView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QQuickStyle::setStyle(u"Fusion"_s);
}

void TestCompareView::compareViewOnL1_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1280x800") << QSize(1280, 800);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

void TestCompareView::compareViewOnL1()
{
    QFETCH(QSize, size);
    SimController &controller = SimController::instance();
    RunModel &run = *controller.run();
    QVERIFY(controller.loadScenario(u"l1"_s));
    run.runToVerdict();
    run.waitForIdle();
    QCOMPARE(run.verdict(), u"LIVELOCK"_s);

    QQmlApplicationEngine engine;
    QQuickWindow *window = showMainWindow(engine, size);
    QVERIFY(window);
    QTRY_COMPARE(window->size(), size);

    // View ▸ Compare by its key: A is the window's run, B adds the merged fix.
    CompareModel &compare = *controller.compare();
    QTest::keyClick(window, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(compare.isReady() && !compare.isBusy(), 30000);
    QQuickItem *root = window->contentItem();
    QTRY_VERIFY(visibleNamedIn(root, u"compareView"_s));

    // The step named is the one `foliolab compare` names.
    const fl::CompareResult cli = fl::compareFixSets(
            fl::loadScenario("l1"), "baseline", "wait-on-unlock", "", fl::RunOptions {});
    const int step = int(fl::stepNumber(cli.divergence->index));
    QQuickItem *title = visibleNamedIn(root, u"divergenceTitle"_s);
    QVERIFY(title);
    QTRY_VERIFY(title->property("text").toString().contains(u"step %1 "_s.arg(step)));
    QCOMPARE(compare.step(), step);

    // Side by side, both whole inside the window, the metrics beside them.
    QQuickItem *paneA = visibleNamedIn(root, u"paneA"_s);
    QQuickItem *paneB = visibleNamedIn(root, u"paneB"_s);
    QQuickItem *metrics = visibleNamedIn(root, u"metricsTable"_s);
    QVERIFY(paneA && paneB && metrics);
    const QRectF a = sceneRect(paneA), b = sceneRect(paneB), m = sceneRect(metrics);
    const QRectF inside(0, 0, size.width(), size.height());
    QVERIFY2(a.right() <= b.left() && b.right() <= m.left(), "panes overlap");
    QVERIFY2(inside.contains(a) && inside.contains(b) && inside.contains(m),
            "a pane is cut off by the window's edge");
    QVERIFY(qAbs(a.width() - b.width()) < 2);
    QVERIFY2(a.width() > size.width() * 0.28,
            qPrintable(u"pane A only %1 px wide"_s.arg(a.width())));
    QVERIFY2(a.height() > size.height() * 0.3,
            qPrintable(u"pane A only %1 px high"_s.arg(a.height())));
    // Each side says what it did at the step where they part.
    QQuickItem *lastA = visibleNamedIn(paneA, u"lastStep"_s);
    QQuickItem *lastB = visibleNamedIn(paneB, u"lastStep"_s);
    QVERIFY(lastA && lastB);
    QVERIFY(lastA->property("text").toString().startsWith(u"step %1: "_s.arg(step)));
    QVERIFY(lastA->property("text") != lastB->property("text"));

    QImage image;
    QVERIFY(saveScreenshot(
            window, u"compare-l1-%1x%2.png"_s.arg(size.width()).arg(size.height()), &image));

    // The differing steps are marked on both timelines, in amber.
    const qreal dpr = window->effectiveDevicePixelRatio();
    for (QQuickItem *pane : {paneA, paneB}) {
        const QRectF r = sceneRect(pane);
        const QRect top(int(r.left() * dpr), int(r.top() * dpr), int(r.width() * dpr),
                int(r.height() * dpr / 3));
        const int amber = countPixels(image, top, isAmber);
        QVERIFY2(amber > 50,
                qPrintable(u"only %1 amber pixels in %2's timeline"_s.arg(amber).arg(
                        pane->objectName())));
    }

    // Esc closes it; the window's own run is untouched.
    QTest::keyClick(window, Qt::Key_Escape);
    QTRY_VERIFY(!visibleNamedIn(root, u"compareView"_s));
    QCOMPARE(run.verdict(), u"LIVELOCK"_s);
    QCOMPARE(run.fixes(), u"baseline"_s);
}

QTEST_MAIN(TestCompareView)
#include "tst_compareview.moc"
