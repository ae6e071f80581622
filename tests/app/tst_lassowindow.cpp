// SPDX-License-Identifier: GPL-2.0-only
#include "exploremodel.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "window_support.h"

#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

// Run ▸ Explore all schedules in the real Main.qml on l1, by its key: the
// banner says LIVELOCK in words, "Play it" puts the lasso in the window, and
// F5 goes round its cycle. Photographed at 1280x800 and 1920x1080 (PNGs in
// build/screenshots/); the checks are about content and layout.
class TestLassoWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exploreAndLoopTheLasso_data();
    void exploreAndLoopTheLasso();
    void refusedWorkloadSaysWhyInTheBanner();
    void runsOwnCycleSaysSoInTheBanner();
};

static bool isRed(QColor c)
{
    return c.red() > 150 && c.green() < 90 && c.blue() < 90;
}

void TestLassoWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QQuickStyle::setStyle(u"Fusion"_s);
}

void TestLassoWindow::exploreAndLoopTheLasso_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1280x800") << QSize(1280, 800);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

void TestLassoWindow::exploreAndLoopTheLasso()
{
    QFETCH(QSize, size);
    const QString suffix = u"%1x%2.png"_s.arg(size.width()).arg(size.height());
    SimController &controller = SimController::instance();
    RunModel &run = *controller.run();
    QVERIFY(controller.loadScenario(u"l1"_s));
    ExploreModel &explorer = *controller.explorer();
    explorer.dismiss();

    QQmlApplicationEngine engine;
    QQuickWindow *window = showMainWindow(engine, size);
    QVERIFY(window);
    QTRY_COMPARE(window->size(), size);
    QQuickItem *root = window->contentItem();

    // Ctrl+E: the explorer runs on a worker; the window stays live.
    QTest::keyClick(window, Qt::Key_E, Qt::ControlModifier);
    QTRY_VERIFY(visibleNamedIn(root, u"exploreBanner"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!explorer.isRunning(), 60000);
    QCOMPARE(explorer.verdict(), u"LIVELOCK"_s);
    QQuickItem *text = visibleNamedIn(root, u"exploreText"_s);
    QVERIFY(text);
    QTRY_VERIFY(text->property("text").toString().startsWith(u"LIVELOCK — "_s));
    QVERIFY(saveScreenshot(window, u"explore-l1-livelock-"_s + suffix));

    // "Play it": the lasso becomes the window's run.
    QQuickItem *play = visibleNamedIn(root, u"playCounterexampleButton"_s);
    QVERIFY(play);
    clickCentre(window, play);
    QTRY_VERIFY(run.isUntimed() && run.cycleStart() > 0);

    // To the end of the cycle with the keyboard, then once more round.
    const int stem = run.cycleStart();
    const int cycle = run.totalSteps() - stem;
    for (int i = 0; i < stem + cycle + 3; ++i)
        QTest::keyClick(window, Qt::Key_F5);
    QTRY_COMPARE(run.steps(), stem + 3);
    QCOMPARE(run.laps(), 1);
    QCOMPARE(run.verdict(), u"LIVELOCK"_s);

    QQuickItem *lasso = visibleNamedIn(root, u"lassoText"_s);
    QVERIFY(lasso);
    QTRY_VERIFY(lasso->property("text").toString().contains(u"Rounds so far: 1"_s));
    QQuickItem *banner = visibleNamedIn(root, u"verdictBanner"_s);
    QVERIFY(banner);
    auto *graph = qobject_cast<QQuickItem *>(visibleNamedIn(root, u"waitGraph"_s));
    QVERIFY(graph);
    QVERIFY(graph->property("cycleEdgeCount").toInt() >= 4);

    QImage image;
    QVERIFY(saveScreenshot(window, u"lasso-l1-looping-"_s + suffix, &image));
    // The cycle is marked in red on the timeline.
    QQuickItem *slider = visibleNamedIn(root, u"timelineSlider"_s);
    QVERIFY(slider);
    const int red = countPixels(image, imageRectOf(window, slider), isRed);
    QVERIFY2(red > 30, qPrintable(u"only %1 red pixels on the timeline"_s.arg(red)));
    // Nothing of the lasso line is cut off by the window's edge.
    const QRect line = imageRectOf(window, lasso);
    QVERIFY(image.rect().contains(line));
    explorer.dismiss();
}

// `scenario` loaded with no explorer banner left from a test before, in the
// main window at 1280x800; nullptr when either fails.
static QQuickWindow *showScenario(QQmlApplicationEngine &engine, const QString &scenario)
{
    SimController &controller = SimController::instance();
    if (!controller.loadScenario(scenario))
        return nullptr;
    controller.explorer()->dismiss();
    return showMainWindow(engine, QSize(1280, 800));
}

// The explore banner in `root` once its text starts with `head`; nullptr
// when it does not within the wait.
static QQuickItem *exploreBannerSaying(QQuickItem *root, const QString &head)
{
    QQuickItem *banner = nullptr;
    const bool says = QTest::qWaitFor([&] {
        banner = visibleNamedIn(root, u"exploreBanner"_s);
        QQuickItem *text = banner ? visibleNamedIn(banner, u"exploreText"_s) : nullptr;
        return text && text->property("text").toString().startsWith(head);
    });
    return says ? banner : nullptr;
}

// Ctrl+E on w-alloc, which repeats its jobs: the banner says REFUSED and
// why, neither red nor green, with nothing to play.
void TestLassoWindow::refusedWorkloadSaysWhyInTheBanner()
{
    ExploreModel &explorer = *SimController::instance().explorer();
    QQmlApplicationEngine engine;
    QQuickWindow *window = showScenario(engine, u"w-alloc"_s);
    QVERIFY(window);
    QQuickItem *root = window->contentItem();
    QTest::keyClick(window, Qt::Key_E, Qt::ControlModifier);
    QTRY_VERIFY(!explorer.isRunning() && explorer.verdict() == u"REFUSED"_s);
    QQuickItem *banner
            = exploreBannerSaying(root, u"REFUSED — Not searched: its tasks repeat their jobs"_s);
    QVERIFY(banner);
    QCOMPARE(banner->property("bad").toBool(), false);
    QCOMPARE(banner->property("good").toBool(), false);
    QVERIFY(!visibleNamedIn(banner, u"playCounterexampleButton"_s));
    QVERIFY(saveScreenshot(window, u"explore-w-alloc-refused-1280x800.png"_s));
    explorer.dismiss();
}

// F8 on l1, then Explore from this step (Ctrl+Shift+E): the run has been
// going round the canonical cycle for a long time, and the banner says the
// run itself is the lasso, red, with Play it.
void TestLassoWindow::runsOwnCycleSaysSoInTheBanner()
{
    RunModel &run = *SimController::instance().run();
    ExploreModel &explorer = *SimController::instance().explorer();
    QQmlApplicationEngine engine;
    QQuickWindow *window = showScenario(engine, u"l1"_s);
    QVERIFY(window);
    QQuickItem *root = window->contentItem();
    run.runToVerdict();
    run.waitForIdle();
    QCOMPARE(run.verdict(), u"LIVELOCK"_s);
    QTest::keyClick(window, Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(!explorer.isRunning() && explorer.verdict() == u"LIVELOCK"_s, 60000);
    QQuickItem *banner = exploreBannerSaying(
            root, u"LIVELOCK — The run itself goes round a fair cycle: the 8 steps from step"_s);
    QVERIFY(banner);
    QCOMPARE(banner->property("bad").toBool(), true);
    QVERIFY(visibleNamedIn(banner, u"playCounterexampleButton"_s));
    QVERIFY(saveScreenshot(window, u"explore-run-cycle-l1-1280x800.png"_s));
    explorer.dismiss();
}

QTEST_MAIN(TestLassoWindow)
#include "tst_lassowindow.moc"
