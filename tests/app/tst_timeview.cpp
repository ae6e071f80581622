// SPDX-License-Identifier: GPL-2.0-only
#include "appsettings.h"
#include "comparemodel.h"
#include "pictureexporter.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "swimlaneitem.h"
#include "timeline.h"
#include "window_support.h"

#include "engine/setup.h"

#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// The time view: the trace the window's run records (fed as it records, not
// re-walked), the cursor tied to the timeline, click to jump, exports, and
// photographs of the Time tab at the two screen sizes the product targets.
class TestTimeView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void traceOfL1AfterF8();
    void mergedFixResolvesTheStarvation();
    void traceSurvivesACutFuture();
    void cursorFollowsTheTimelineAndClicksJump();
    void screenshots_data();
    void screenshots();
    void exports();
    void compareOnOneAxis();
    void exportGraphAndPlots();
};

namespace {

int taskNamed(const fl::Setup &setup, const char *name)
{
    for (int t = 0; t < setup.initial.taskCount; ++t)
        if (setup.taskNames[t] == name)
            return t;
    return -1;
}

// The longest slice of `what` (and `wait`, when asleep) in task `t`'s lane.
fl::Nanos longestTaskSlice(const fl::RunTrace &trace, int t, fl::TaskActivity what,
        fl::WaitKind wait = fl::WaitKind::None)
{
    fl::Nanos longest = 0;
    const auto &slices = trace.task(static_cast<fl::TaskId>(t));
    for (std::size_t i = 0; i < slices.size(); ++i) {
        const fl::TaskSlice &s = slices[i];
        if (s.what != what || (what == fl::TaskActivity::Asleep && s.wait != wait))
            continue;
        const fl::Nanos end = i + 1 == slices.size() ? std::max(s.end, trace.end()) : s.end;
        longest = std::max(longest, end - s.start);
    }
    return longest;
}

fl::Nanos longestSpin(const fl::RunTrace &trace, int cpu)
{
    fl::Nanos longest = 0;
    for (const fl::CpuSlice &s : trace.cpu(static_cast<fl::CpuId>(cpu)))
        if (s.what == fl::CpuActivity::Spinning)
            longest = std::max(longest, s.end - s.start);
    return longest;
}

void loadL1AtVerdict(RunModel &run)
{
    QVERIFY(SimController::instance().loadScenario(u"l1"_s));
    run.runToVerdict(); // what F8 does
    run.waitForIdle();
    QTRY_VERIFY(!run.isBusy());
    QCOMPARE(run.verdict(), u"LIVELOCK"_s);
}

} // namespace

void TestTimeView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // the dark-theme shot must not touch real settings
    QQuickStyle::setStyle(u"Fusion"_s);
}

void TestTimeView::traceOfL1AfterF8()
{
    RunModel &run = *SimController::instance().run();
    loadL1AtVerdict(run);
    const Timeline &tl = *run.timeline();
    const fl::RunTrace &trace = tl.trace();
    // Fed as the run recorded: one trace step per recorded step.
    QCOMPARE(trace.steps(), tl.length());
    const fl::Nanos end = trace.end();
    QVERIFY(end > 40'000'000); // the detector waits 50 ms of no progress

    // T holds CPU1 spinning for (almost) the whole run ...
    const fl::Nanos spin = longestSpin(trace, 1);
    QVERIFY2(spin * 10 >= end * 9,
            qPrintable(u"CPU1's longest spin %1 ns of %2 ns"_s.arg(spin).arg(end)));
    // ... while K1 stays runnable and M sleeps in flush_work().
    const int k1 = taskNamed(tl.setup(), "K1");
    const int m = taskNamed(tl.setup(), "M");
    QVERIFY(k1 >= 0 && m >= 0);
    const fl::Nanos runnable = longestTaskSlice(trace, k1, fl::TaskActivity::Runnable);
    QVERIFY2(
            runnable * 10 >= end * 9, qPrintable(u"K1 runnable %1 of %2"_s.arg(runnable).arg(end)));
    const fl::Nanos asleep
            = longestTaskSlice(trace, m, fl::TaskActivity::Asleep, fl::WaitKind::FlushWork);
    QVERIFY2(
            asleep * 10 >= end * 9, qPrintable(u"M in flush_work %1 of %2"_s.arg(asleep).arg(end)));
    // Merged as recorded: the picture is a handful of slices, not the steps.
    QVERIFY(trace.cpu(1).size() < 100);
    QVERIFY(trace.trylockFailures().size() > 1000);
}

void TestTimeView::mergedFixResolvesTheStarvation()
{
    RunModel &run = *SimController::instance().run();
    loadL1AtVerdict(run);
    QVERIFY(run.toggleFixNamed(u"wait-on-unlock"_s)); // Ctrl+M
    run.waitForIdle();
    QTRY_VERIFY(!run.isBusy());
    QCOMPARE(run.verdict(), u"COMPLETED"_s);
    const Timeline &tl = *run.timeline();
    const fl::RunTrace &trace = tl.trace();
    // The trace was rebuilt for the new fix set: it covers this run only.
    QCOMPARE(trace.steps(), tl.length());
    QVERIFY2(trace.end() < 1'000'000, qPrintable(u"ends at %1 ns"_s.arg(trace.end())));
    for (int c = 0; c < tl.setup().initial.cpuCount; ++c)
        QVERIFY(longestSpin(trace, c) < 100'000);
    const int m = taskNamed(tl.setup(), "M");
    QVERIFY(longestTaskSlice(trace, m, fl::TaskActivity::Asleep, fl::WaitKind::FlushWork)
            < 1'000'000);
}

void TestTimeView::traceSurvivesACutFuture()
{
    // Stepping back and taking another choice cuts the recorded future; the
    // trace then holds exactly the run that is left, plus what follows.
    RunModel &run = *SimController::instance().run();
    QVERIFY(SimController::instance().loadScenario(u"l1"_s));
    for (int i = 0; i < 40; ++i)
        run.step();
    run.seek(20);
    QVERIFY(run.choices()->rowCount() > 1);
    const std::size_t before = run.timeline()->trace().steps();
    QCOMPARE(before, std::size_t(40));
    // Take a choice other than the recorded one if there is one.
    const fl::Choice recorded = run.timeline()->choices()[20];
    const fl::ChoiceList enabled = run.timeline()->enabled();
    int other = -1;
    for (int i = 0; i < enabled.count; ++i)
        if (enabled.items[i] != recorded)
            other = i;
    if (other < 0)
        QSKIP("only one choice enabled at step 20");
    QVERIFY(run.stepChoice(other));
    QCOMPARE(run.timeline()->length(), std::size_t(21));
    QCOMPARE(run.timeline()->trace().steps(), std::size_t(21));
    run.step();
    QCOMPARE(run.timeline()->trace().steps(), std::size_t(22));
}

void TestTimeView::cursorFollowsTheTimelineAndClicksJump()
{
    RunModel &run = *SimController::instance().run();
    loadL1AtVerdict(run);
    QQmlApplicationEngine engine;
    QQuickWindow *window = showMainWindow(engine, QSize(1280, 800));
    QVERIFY(window);
    QTest::keyClick(window, Qt::Key_F9); // View ▸ Time view
    auto *lanes
            = qobject_cast<SwimlaneItem *>(visibleNamedIn(window->contentItem(), u"swimlanes"_s));
    QVERIFY2(lanes, "the swimlanes are not shown after F9");
    QTRY_VERIFY(lanes->width() > 400);

    // Timeline → cursor: the cursor sits at the current step's time.
    const Timeline &tl = *run.timeline();
    QCOMPARE(lanes->cursorTime(), double(tl.samples().back().time));
    run.seek(run.totalSteps() / 2);
    QCOMPARE(lanes->cursorTime(), double(tl.samples()[tl.position() - 1].time));
    run.seek(0);
    QCOMPARE(lanes->cursorTime(), 0.0);

    // Cursor → timeline: a click on the time axis moves the run there.
    lanes->fitAll();
    const double half = lanes->traceEnd() / 2;
    const QPointF onAxis = lanes->mapToScene(QPointF(lanes->xOf(half), 4));
    QTest::mouseClick(window, Qt::LeftButton, {}, onAxis.toPoint());
    QTRY_VERIFY(run.steps() > 0);
    QVERIFY(std::abs(lanes->cursorTime() - half) < lanes->traceEnd() / 100);
    // The click lands on a whole pixel: compare with the step under it (the
    // side panel's width moved the pixel half's time rounds to; issue 14).
    const QPointF clicked = lanes->mapFromScene(QPointF(onAxis.toPoint()));
    QCOMPARE(run.steps(), lanes->stepAt(clicked.x(), clicked.y()));

    // A click on K1's long runnable bar jumps to the step it began.
    const int k1 = taskNamed(tl.setup(), "K1");
    const fl::TaskSlice *runnable = nullptr;
    for (const fl::TaskSlice &s : tl.trace().task(static_cast<fl::TaskId>(k1)))
        if (s.what == fl::TaskActivity::Runnable
                && (!runnable || s.end - s.start > runnable->end - runnable->start))
            runnable = &s;
    QVERIFY(runnable);
    const QRectF lane = lanes->taskLaneRect(k1);
    const double x = lanes->xOf(double(runnable->start) + lanes->traceEnd() / 3);
    QTest::mouseClick(
            window, Qt::LeftButton, {}, lanes->mapToScene(QPointF(x, lane.center().y())).toPoint());
    QTRY_COMPARE(run.steps(), int(runnable->step) + 1);

    // Zoom keys and "zoom to the cycle": the view narrows to the spin.
    lanes->forceActiveFocus();
    QTest::keyClick(window, Qt::Key_Z);
    QVERIFY(!lanes->isFollowing());
    QVERIFY(lanes->viewEnd() - lanes->viewStart() < lanes->traceEnd() * 1.2);
    QTest::keyClick(window, Qt::Key_Plus);
    const double zoomed = lanes->viewEnd() - lanes->viewStart();
    QVERIFY(zoomed < lanes->traceEnd());
    QTest::keyClick(window, Qt::Key_0);
    QVERIFY(lanes->isFollowing());
    QCOMPARE(lanes->viewEnd(), lanes->traceEnd());
}

void TestTimeView::screenshots_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1280x800") << QSize(1280, 800);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

void TestTimeView::screenshots()
{
    QFETCH(QSize, size);
    RunModel &run = *SimController::instance().run();
    loadL1AtVerdict(run);
    QQmlApplicationEngine engine;
    QQuickWindow *window = showMainWindow(engine, size);
    QVERIFY(window);
    QTest::keyClick(window, Qt::Key_F9);
    auto *lanes
            = qobject_cast<SwimlaneItem *>(visibleNamedIn(window->contentItem(), u"swimlanes"_s));
    QVERIFY(lanes);
    QImage image;
    QVERIFY(saveScreenshot(window,
            u"timeview-l1-livelock-%1x%2.png"_s.arg(size.width()).arg(size.height()), &image));
    QCOMPARE(image.size(), size * window->effectiveDevicePixelRatio());

    // At 1920x1080 every lane is in view; at 1280x800 at least the story's
    // (the CPUs, the marks, M, T, X and K1), the rest a scroll away.
    auto *scroll = qobject_cast<QQuickItem *>(
            visibleNamedIn(window->contentItem(), u"timeLaneScroll"_s));
    QVERIFY(scroll);
    const double viewBottom = sceneRect(scroll).bottom();
    const Timeline &story = *run.timeline();
    const double k1Bottom
            = lanes->mapRectToScene(lanes->taskLaneRect(taskNamed(story.setup(), "K1"))).bottom();
    QVERIFY2(k1Bottom <= viewBottom + 1,
            qPrintable(u"K1's lane ends at %1, the view at %2"_s.arg(k1Bottom).arg(viewBottom)));
    if (size.width() >= 1920)
        QVERIFY2(lanes->contentHeight() <= scroll->height(),
                qPrintable(u"lanes need %1 px, have %2"_s.arg(lanes->contentHeight())
                                   .arg(scroll->height())));
    // CPU1's lane is orange (spinning) over most of its width; K1's is yellow.
    const Timeline &tl = *run.timeline();
    auto share = [&](const QImage &shot, QRectF laneRect, auto keep) {
        const QRectF r = lanes->mapRectToScene(laneRect);
        int n = 0, all = 0;
        for (int x = int(r.left()) + 1; x < int(r.right()) - 1; x += 2, ++all)
            n += keep(shot.pixelColor(x, int(r.center().y()) + 3)) ? 1 : 0;
        return all ? double(n) / all : 0.0;
    };
    const auto orange = [](QColor c) {
        return c.red() > 200 && c.green() > 110 && c.green() < 160 && c.blue() < 80;
    };
    const auto yellow = [](QColor c) {
        return c.red() > 220 && c.green() > 190 && c.blue() < 140;
    };
    const auto grey = [](QColor c) {
        return qAbs(c.red() - c.blue()) < 12 && c.red() > 190 && c.red() < 235;
    };
    QVERIFY2(share(image, lanes->cpuLaneRect(1), orange) > 0.85, "CPU1 is not mostly orange");
    QVERIFY2(share(image, lanes->taskLaneRect(taskNamed(tl.setup(), "K1")), yellow) > 0.85,
            "K1 is not mostly yellow");
    QVERIFY2(share(image, lanes->taskLaneRect(taskNamed(tl.setup(), "M")), grey) > 0.5,
            "M is not mostly grey (asleep)");

    // The plots beside it share the swimlanes' time axis and mark the step.
    auto *plotsTab = qobject_cast<QQuickItem *>(
            visibleNamedIn(window->contentItem(), u"plotsTabButton"_s));
    QVERIFY(plotsTab);
    clickCentre(window, plotsTab);
    QQuickItem *plot = nullptr;
    QTRY_VERIFY((plot = visibleNamedIn(window->contentItem(), u"plotTrylock"_s)));
    QTRY_COMPARE(plot->property("viewEnd").toDouble(), lanes->viewEnd());
    QTRY_COMPARE(plot->property("cursorTime").toDouble(), lanes->cursorTime());
    QCOMPARE(plot->property("timeUnit").toString(), u"ms"_s);
    QVERIFY(saveScreenshot(
            window, u"timeview-l1-plots-%1x%2.png"_s.arg(size.width()).arg(size.height())));

    // The dark theme: lanes, labels and bars still apart.
    AppSettings::instance().setDarkTheme(true);
    const QImage dark = grabNextFrame(window);
    AppSettings::instance().setDarkTheme(false);
    QVERIFY(saveScreenshot(
            dark, u"timeview-l1-dark-%1x%2.png"_s.arg(size.width()).arg(size.height())));
    QVERIFY2(share(dark, lanes->cpuLaneRect(1), orange) > 0.85, "CPU1 is not orange in the dark");

    // Zoomed to the cycle: the spin fills the view, the verdict at its end.
    lanes->forceActiveFocus();
    QTest::keyClick(window, Qt::Key_Z);
    QVERIFY(!lanes->isFollowing());
    QVERIFY(saveScreenshot(
            window, u"timeview-l1-cycle-%1x%2.png"_s.arg(size.width()).arg(size.height())));

    // Ctrl+M: the same picture resolves within microseconds.
    QTest::keyClick(window, Qt::Key_M, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(!run.isBusy() && run.verdict() == u"COMPLETED"_s, 30000);
    lanes->forceActiveFocus();
    QTest::keyClick(window, Qt::Key_0);
    QVERIFY(lanes->isFollowing());
    QVERIFY(lanes->traceEnd() < 1'000'000);
    QImage fixed;
    QVERIFY(saveScreenshot(window,
            u"timeview-l1-wait-on-unlock-%1x%2.png"_s.arg(size.width()).arg(size.height()),
            &fixed));
    // Nothing spins any more: no orange left in CPU1's lane.
    QVERIFY(share(fixed, lanes->cpuLaneRect(1), orange) < 0.1);
}

void TestTimeView::exports()
{
    RunModel &run = *SimController::instance().run();
    loadL1AtVerdict(run);
    SwimlaneItem lanes;
    lanes.setRun(&run);
    lanes.setSize(QSizeF(1200, 500));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(lanes.exportTrace(QUrl::fromLocalFile(dir.filePath(u"l1.json"_s))), QString());
    QFile json(dir.filePath(u"l1.json"_s));
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QByteArray text = json.readAll();
    QVERIFY(text.contains("\"traceEvents\""));
    QVERIFY(text.contains("LIVELOCK"));
    QCOMPARE(lanes.exportPicture(QUrl::fromLocalFile(dir.filePath(u"l1.svg"_s))), QString());
    QFile svg(dir.filePath(u"l1.svg"_s));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QVERIFY(svg.readAll().startsWith("<svg"));
    QCOMPARE(lanes.exportPicture(QUrl::fromLocalFile(dir.filePath(u"l1.png"_s)), 1600, 0),
            QString());
    const QImage png(dir.filePath(u"l1.png"_s));
    QCOMPARE(png.width(), 1600);
    QVERIFY(saveScreenshot(png, u"timeview-export-l1.png"_s));
    // A folder that does not exist: an error in words, no file.
    const QString error
            = lanes.exportPicture(QUrl::fromLocalFile(dir.filePath(u"no/such/dir/x.png"_s)));
    QVERIFY(error.contains(u"Cannot write"_s));
}

void TestTimeView::compareOnOneAxis()
{
    // View ▸ Compare, Time tab: A (the livelock) above B (wait-on-unlock) on
    // one axis; B's microseconds are a sliver at A's scale, and "Zoom to B"
    // shows them on both.
    RunModel &run = *SimController::instance().run();
    loadL1AtVerdict(run);
    QQmlApplicationEngine engine;
    QQuickWindow *window = showMainWindow(engine, QSize(1280, 800));
    QVERIFY(window);
    CompareModel &compare = *SimController::instance().compare();
    QTest::keyClick(window, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(compare.isReady() && !compare.isBusy(), 30000);
    QQuickItem *tab = nullptr;
    QTRY_VERIFY((tab = visibleNamedIn(window->contentItem(), u"compareTimeTabButton"_s)));
    clickCentre(window, tab);
    SwimlaneItem *a = nullptr, *b = nullptr;
    QTRY_VERIFY((a = qobject_cast<SwimlaneItem *>(
                         visibleNamedIn(window->contentItem(), u"compareSwimlanesA"_s))));
    QTRY_VERIFY((b = qobject_cast<SwimlaneItem *>(
                         visibleNamedIn(window->contentItem(), u"compareSwimlanesB"_s))));
    QVERIFY(a->traceEnd() > 40e6 && b->traceEnd() < 1e6);
    a->fitAll();
    a->setView(0, std::max(a->traceEnd(), b->traceEnd()));
    QCOMPARE(b->viewEnd(), a->viewEnd());
    QVERIFY(saveScreenshot(window, u"timeview-compare-1280x800.png"_s));
    b->zoom(2);
    QCOMPARE(a->viewStart(), b->viewStart());
    QCOMPARE(a->viewEnd(), b->viewEnd());
    a->setView(0, b->traceEnd() * 1.05);
    QVERIFY(saveScreenshot(window, u"timeview-compare-b-1280x800.png"_s));
    QTest::keyClick(window, Qt::Key_Escape);
}

void TestTimeView::exportGraphAndPlots()
{
    // What File ▸ Export wait-for graph and Export plots call, on the items
    // of the real window.
    RunModel &run = *SimController::instance().run();
    loadL1AtVerdict(run);
    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    window->resize(1280, 800);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    auto *graph = findNamed<QQuickItem>(window, u"waitGraph"_s);
    QVERIFY(graph);
    QList<QQuickItem *> plots;
    for (const QString &name : {u"plotTrylock"_s, u"plotProgress"_s, u"plotDrain"_s}) {
        auto *plot = findNamed<QQuickItem>(window, name);
        QVERIFY(plot);
        plots << plot;
    }
    QTemporaryDir dir;
    PictureExporter exporter;
    QCOMPARE(exporter.saveItem(graph, QUrl::fromLocalFile(dir.filePath(u"graph.png"_s)), 2),
            QString());
    const QImage g(dir.filePath(u"graph.png"_s));
    QCOMPARE(g.width(), int(graph->width() * 2));
    QVERIFY(saveScreenshot(g, u"export-waitgraph.png"_s));
    QCOMPARE(exporter.saveItem(graph, QUrl::fromLocalFile(dir.filePath(u"graph.pdf"_s)), 2),
            QString());
    QFile pdf(dir.filePath(u"graph.pdf"_s));
    QVERIFY(pdf.open(QIODevice::ReadOnly) && pdf.read(5) == "%PDF-");
    QCOMPARE(exporter.savePlots(plots, QUrl::fromLocalFile(dir.filePath(u"plots.png"_s)), 2),
            QString());
    const QImage p(dir.filePath(u"plots.png"_s));
    QVERIFY(p.height() > 200);
    QVERIFY(saveScreenshot(p, u"export-plots.png"_s));
    QVERIFY(exporter.saveItem(graph, QUrl::fromLocalFile(dir.filePath(u"no/dir/g.png"_s)))
                    .contains(u"Cannot write"_s));
}

QTEST_MAIN(TestTimeView)
#include "tst_timeview.moc"
