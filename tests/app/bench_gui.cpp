// SPDX-License-Identifier: GPL-2.0-only
//
// GUI timings, printed, never asserted (product.md "Performance"): applying
// and drawing one step, frames per second while running (F6), jumping to any
// step of a 100 000-step run, one plot render, the lesson player, and opening
// the compare view on a run of about 10^6 steps. Run by hand:
//   QT_QPA_PLATFORM=offscreen build/tests/app/bench_gui
//   QT_QPA_PLATFORM=offscreen build/tests/app/bench_gui compare   (the last only)
//   QT_QPA_PLATFORM=offscreen build/tests/app/bench_gui timeview  (the swimlanes only)
//   xvfb-run -a -s "-screen 0 1920x1080x24" build/tests/app/bench_gui   (OpenGL, threaded)
#include "appsettings.h"
#include "comparemodel.h"
#include "lessonplayer.h"
#include "plotitem.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "swimlaneitem.h"
#include "timeline.h"

#include "engine/setup.h"
#include "report/compare.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>
#include <QTextStream>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

struct Stats
{
    double median = 0, p95 = 0, max = 0;
};

Stats statsOf(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    if (ms.empty())
        return {};
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 95 / 100)], ms.back()};
}

void print(const char *what, const Stats &s)
{
    QTextStream out(stdout);
    out << QString::fromLatin1(what).leftJustified(48)
        << u"median %1 ms   p95 %2 ms   max %3 ms\n"_s.arg(s.median, 0, 'f', 3)
                    .arg(s.p95, 0, 'f', 3)
                    .arg(s.max, 0, 'f', 3);
}

// Waits until the window has rendered a new frame after a change.
bool waitForFrame(QQuickWindow *window)
{
    bool swapped = false;
    const auto c = QObject::connect(
            window, &QQuickWindow::frameSwapped, window, [&] { swapped = true; });
    window->update();
    QElapsedTimer t;
    t.start();
    while (!swapped && t.elapsed() < 1000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    QObject::disconnect(c);
    return swapped;
}

long residentKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').front().toLong();
    return -1;
}

// View ▸ Compare on a run of about 10^6 steps: l1 with the livelock detector
// given 100 ms instead of 50 (the baseline spins twice as long), then the
// default comparison (B = wait-on-unlock) opened from it, until the compare
// view has drawn its first frame. Also the core's comparison alone.
void benchCompare(QQuickWindow *window)
{
    SimController &controller = SimController::instance();
    RunModel &run = *controller.run();
    fl::ScenarioSpec spec = fl::loadScenario("l1");
    spec.detector.noProgressMs = 100;
    run.load(std::make_shared<const fl::Setup>(fl::buildSetup(spec)), u"l1"_s);
    run.runToVerdict();
    run.waitForIdle();
    QTextStream out(stdout);
    out << "compare view: A = l1 baseline (no_progress_ms = 100), " << run.totalSteps()
        << " steps, " << run.verdict() << "\n";

    const long before = residentKiB();
    CompareModel &compare = *controller.compare();
    window->setProperty("comparing", true);
    QElapsedTimer t;
    t.start();
    compare.openFromSource();
    compare.waitForIdle();
    const double computed = double(t.nsecsElapsed()) / 1e6;
    waitForFrame(window);
    const double drawn = double(t.nsecsElapsed()) / 1e6;
    out << u"open compare (2 runs + 2 timelines + divergence, worker): %1 ms; "
           "+ first frame: %2 ms; resident +%3 MiB\n"_s.arg(computed, 0, 'f', 0)
                    .arg(drawn, 0, 'f', 0)
                    .arg(double(residentKiB() - before) / 1024, 0, 'f', 0);
    out << "  A " << compare.totalSteps() << " steps, divergence at step "
        << compare.divergenceStep() << ", " << compare.differingRanges().size() << " amber bands\n";

    fl::RunOptions options;
    options.replay = run.timeline()->choices();
    const fl::Setup a = fl::buildSetup(spec);
    const fl::Setup b = fl::buildSetup(spec, {{"wait-on-unlock"}, ""});
    QElapsedTimer core;
    core.start();
    const fl::ComparedRuns runs = fl::compareSetups(a, "baseline", b, "wait-on-unlock", options);
    out << u"  of which the core's compareSetups alone: %1 ms (%2 + %3 steps)\n"_s
                    .arg(double(core.nsecsElapsed()) / 1e6, 0, 'f', 0)
                    .arg(runs.runA.steps)
                    .arg(runs.runB.steps);

    out.flush();
    std::vector<double> seekMs;
    QRandomGenerator random(7);
    for (int i = 0; i < 100; ++i) {
        QElapsedTimer s;
        s.start();
        compare.seek(random.bounded(compare.totalSteps() + 1));
        waitForFrame(window);
        seekMs.push_back(double(s.nsecsElapsed()) / 1e6);
    }
    print("compare: both sides to a random step + frame", statsOf(seekMs));
    window->setProperty("comparing", false);

    // For scale: what the window did before the compare view, Ctrl+M on the
    // same run (one re-run under wait-on-unlock, the old run replaced).
    run.seek(run.totalSteps());
    QElapsedTimer rerun;
    rerun.start();
    run.toggleFixNamed(SimController::mergedFix());
    run.waitForIdle();
    waitForFrame(window);
    out << u"Ctrl+M on the same run (re-run + first frame): %1 ms\n"_s.arg(
            double(rerun.nsecsElapsed()) / 1e6, 0, 'f', 0);
}

// One paint of the swimlanes; a paint that produced nothing is not timed.
void paint(const SwimlaneItem &lanes, QSize size)
{
    if (lanes.renderImage(size).isNull())
        qFatal("bench_gui: the swimlanes painted nothing");
}

// The time view on a run of about 10^6 steps (l1, no_progress_ms = 100):
// recording the run with its trace, one paint of the swimlanes (QPainter
// into an image the size of the Time tab at 1920x1080) when fitted, zoomed
// in step by step to 1 µs, panned, zoomed to the cycle; then the real Time
// tab: a zoom + the frame it takes.
void benchTimeView(QQuickWindow *window)
{
    SimController &controller = SimController::instance();
    RunModel &run = *controller.run();
    fl::ScenarioSpec spec = fl::loadScenario("l1");
    spec.detector.noProgressMs = 100;
    run.load(std::make_shared<const fl::Setup>(fl::buildSetup(spec)), u"l1"_s);
    QElapsedTimer record;
    record.start();
    run.runToVerdict();
    run.waitForIdle();
    QTextStream out(stdout);
    const fl::RunTrace &trace = run.timeline()->trace();
    std::size_t cpuSlices = 0, taskSlices = 0;
    for (int c = 0; c < fl::MaxCpus; ++c)
        cpuSlices += trace.cpu(static_cast<fl::CpuId>(c)).size();
    for (int t = 0; t < fl::MaxTasks; ++t)
        taskSlices += trace.task(static_cast<fl::TaskId>(t)).size();
    out << "time view: l1 baseline (no_progress_ms = 100), " << run.totalSteps() << " steps, "
        << run.verdict() << ", recorded (with the trace) in " << record.elapsed() << " ms; "
        << cpuSlices << " CPU slices, " << taskSlices << " task slices, " << trace.marks().size()
        << " marks, " << trace.trylockFailures().size() << " failed trylocks\n";
    out.flush();

    SwimlaneItem lanes;
    lanes.setRun(&run);
    const QSize size(1160, 520);
    lanes.setSize(QSizeF(size));
    auto paintOnce = [&] {
        QElapsedTimer t;
        t.start();
        const QImage image = lanes.renderImage(size);
        return double(t.nsecsElapsed()) / 1e6;
    };
    std::vector<double> fitted;
    for (int i = 0; i < 50; ++i)
        fitted.push_back(paintOnce());
    print("swimlanes: paint, whole run (1160x520)", statsOf(fitted));
    std::vector<double> zooming;
    lanes.fitAll();
    while (lanes.viewEnd() - lanes.viewStart() > 1000) {
        QElapsedTimer t;
        t.start();
        lanes.zoom(1.25, 300);
        paint(lanes, size);
        zooming.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    print("swimlanes: zoom 1.25x + paint (to 1 us)", statsOf(zooming));
    std::vector<double> panning;
    for (int i = 0; i < 100; ++i) {
        QElapsedTimer t;
        t.start();
        lanes.pan(i < 50 ? 0.2 : -0.2);
        paint(lanes, size);
        panning.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    print("swimlanes: pan 20% + paint", statsOf(panning));
    QElapsedTimer cycle;
    cycle.start();
    lanes.zoomToVerdict();
    paint(lanes, size);
    out << u"swimlanes: zoom to the cycle + paint: %1 ms\n"_s.arg(
            double(cycle.nsecsElapsed()) / 1e6, 0, 'f', 3);
    out.flush();

    // The Time tab of the window itself: zoom, then the frame.
    window->requestActivate();
    if (!QTest::qWaitForWindowActive(window))
        qWarning(
                "bench_gui: the window did not become active; the Time tab figures may include it");
    QTest::keyClick(window, Qt::Key_F9);
    for (int i = 0; i < 10; ++i)
        waitForFrame(window); // the tab switched and laid out
    SwimlaneItem *shown = nullptr;
    std::vector<QQuickItem *> todo {window->contentItem()};
    while (!todo.empty() && !shown) {
        QQuickItem *item = todo.back();
        todo.pop_back();
        if (item->objectName() == u"swimlanes"_s) // not the compare view's
            shown = qobject_cast<SwimlaneItem *>(item);
        for (QQuickItem *child : item->childItems())
            todo.push_back(child);
    }
    if (!shown) {
        out << "Time tab: no swimlanes found\n";
        return;
    }
    std::vector<double> frames, painted;
    for (int i = 0; i < 60; ++i) {
        QElapsedTimer t;
        t.start();
        if (i == 0)
            shown->fitAll();
        else
            shown->zoom(i < 30 ? 1.3 : 1 / 1.3, shown->width() / 3);
        waitForFrame(window);
        frames.push_back(double(t.nsecsElapsed()) / 1e6);
        painted.push_back(shown->paintMs());
    }
    out << "Time tab " << shown->width() << "x" << shown->height() << ":\n";
    out.flush();
    print("Time tab: zoom + frame (window)", statsOf(frames));
    print("Time tab: SwimlaneItem::paint alone", statsOf(painted));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QQuickStyle::setStyle(u"Fusion"_s);
    SimController &simController = SimController::instance();
    RunModel &sim = *simController.run();
    simController.loadScenario(u"l1"_s);

    QQmlApplicationEngine engine;
    engine.addImportPath(u"qrc:/"_s);
    engine.load(QUrl(u"qrc:/FolioLab/Ui/Main.qml"_s));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    window->setProperty("showErrorDialogs", false);
    if (!QTest::qWaitForWindowExposed(window))
        return 1;
    QTextStream(stdout) << "platform " << QGuiApplication::platformName() << ", window "
                        << window->width() << "x" << window->height() << ", dpr "
                        << window->effectiveDevicePixelRatio() << "\n";
    if (QCoreApplication::arguments().contains(u"timeview"_s)) {
        window->resize(1920, 1080);
        waitForFrame(window);
        benchTimeView(window);
        return 0;
    }
    if (QCoreApplication::arguments().contains(u"compare"_s)) {
        benchCompare(window);
        return 0;
    }

    // 1. One step applied (engine + every model) and then drawn (next frame).
    std::vector<double> apply, applyDraw;
    for (int i = 0; i < 300; ++i) {
        QElapsedTimer t;
        t.start();
        sim.step();
        apply.push_back(double(t.nsecsElapsed()) / 1e6);
        waitForFrame(window);
        applyDraw.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    print("step: apply + publish models", statsOf(apply));
    print("step: apply + publish + render one frame", statsOf(applyDraw));

    // 2. Frames per second while running (F6) at 100 000 steps/s: l1 takes
    // about five seconds to its verdict at that speed, longer than we measure.
    sim.setSpeed(100'000);
    int frames = 0;
    const auto c = QObject::connect(window, &QQuickWindow::frameSwapped, window, [&] { ++frames; });
    const int stepsBefore = sim.steps();
    sim.setRunning(true);
    QElapsedTimer run;
    run.start();
    while (run.elapsed() < 3000 && sim.isRunning())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const double seconds = double(run.elapsed()) / 1000;
    sim.setRunning(false);
    QObject::disconnect(c);
    QTextStream(stdout) << u"running (F6): %1 frames/s, %2 steps/s over %3 s\n"_s
                                   .arg(frames / seconds, 0, 'f', 1)
                                   .arg((sim.steps() - stepsBefore) / seconds, 0, 'f', 0)
                                   .arg(seconds, 0, 'f', 1);

    // 3. Jump to any step of a 100 000-step run.
    sim.reset();
    sim.setSpeed(1'000'000);
    while (sim.steps() < 100'000) {
        sim.step();
        if (sim.verdict() != QString())
            break;
    }
    const int total = sim.totalSteps();
    std::vector<double> jump, jumpDraw;
    QRandomGenerator random(42);
    for (int i = 0; i < 200; ++i) {
        const int target = random.bounded(total + 1);
        QElapsedTimer t;
        t.start();
        sim.seek(target);
        jump.push_back(double(t.nsecsElapsed()) / 1e6);
        waitForFrame(window);
        jumpDraw.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    QTextStream(stdout) << "run of " << total << " steps, checkpoint every "
                        << Timeline::CheckpointInterval << " steps, sizeof(SimState) "
                        << sizeof(fl::SimState) << " bytes\n";
    print("jump to a random step (seek + models)", statsOf(jump));
    // The timeline alone, without the models and QML bindings.
    Timeline copy = *sim.timeline();
    std::vector<double> seekOnly;
    for (int i = 0; i < 2000; ++i) {
        const int target = random.bounded(total + 1);
        QElapsedTimer t;
        t.start();
        copy.seek(std::size_t(target));
        seekOnly.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    print("jump to a random step (Timeline::seek only)", statsOf(seekOnly));
    print("jump to a random step + render one frame", statsOf(jumpDraw));

    // 4. One plot render at the end of that run (100 000 samples, thinned).
    sim.seek(total);
    PlotItem plot;
    plot.setSize(QSizeF(800, 300));
    std::vector<double> plotMs;
    for (int i = 0; i < 20; ++i) {
        plot.renderNow();
        plotMs.push_back(plot.renderMs());
    }
    print("plot render, 100 000 samples, 800x300", statsOf(plotMs));

    // 5. The lesson player following the window (lesson 5, on l1): one F5
    // with the goals checked, the catch-up after F8 (the session replays the
    // whole run on the worker), and one F4 at the verdict (reset + replay).
    LessonPlayer &player = LessonPlayer::instance();
    player.openLesson(u"05-livelock"_s);
    std::vector<double> lessonStep;
    for (int i = 0; i < 300; ++i) {
        QElapsedTimer t;
        t.start();
        sim.step();
        lessonStep.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    print("lesson step: apply + publish + goals", statsOf(lessonStep));
    sim.runToVerdict();
    sim.waitForIdle();
    QElapsedTimer catchUp;
    catchUp.start();
    player.waitForIdle();
    QTextStream(stdout) << u"lesson catch-up after F8: %1 steps in %2 ms (worker thread)\n"_s
                                   .arg(sim.steps())
                                   .arg(catchUp.elapsed());
    QElapsedTimer back;
    back.start();
    sim.stepBack();
    player.waitForIdle();
    QTextStream(stdout) << u"lesson F4 at the verdict: %1 ms (session reset + replay)\n"_s.arg(
            back.elapsed());
    benchCompare(window);
    return 0;
}
