// SPDX-License-Identifier: GPL-2.0-only
#include "brokenscenario.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "window_support.h"

#include "schedule/schedule_file.h"
#include "schedule/schedule_run.h"

#include <QFile>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

// The real Main.qml, driven to a verdict and photographed. The PNGs are kept
// in the build tree (screenshots/) for people and CI artifacts; the
// assertions are structural, not pixel-exact, so fonts may differ.
class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void screenshotAtLivelock();
    void keyboardOnlyNewcomerPath();
    void completedAndErrorBanners();
    void rcuFlavourBoxRerunsTheSchedule();
};

// The banner's background, sampled just inside its bottom-right corner where
// no text is; invalid when the banner is off the image.
static QColor bannerBackground(QQuickWindow *window, const QImage &image, QQuickItem *banner)
{
    const QRectF r = sceneRect(banner);
    const qreal dpr = window->effectiveDevicePixelRatio();
    const QPoint corner(int((r.right() - 10) * dpr), int((r.bottom() - 10) * dpr));
    return image.rect().contains(corner) ? image.pixelColor(corner) : QColor();
}

// The most common colour inside `item` (its background).
static QColor colourInside(QQuickWindow *window, const QImage &image, QQuickItem *item)
{
    QHash<QRgb, int> counts;
    const QRect r = imageRectOf(window, item).intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            ++counts[image.pixel(x, y)];
    QRgb best = 0;
    int most = -1;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (it.value() > most) {
            most = it.value();
            best = it.key();
        }
    return most < 0 ? QColor() : QColor::fromRgb(best);
}

void TestMainWindow::initTestCase()
{
    QQuickStyle::setStyle(u"Fusion"_s);
}

void TestMainWindow::screenshotAtLivelock()
{
    SimController &simController = SimController::instance();
    RunModel &sim = *simController.run();
    QVERIFY2(simController.loadScenario(u"l1"_s), qPrintable(sim.errorText()));

    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    // Also proves QML got SimController::instance(), not a second controller.
    QCOMPARE(window->title(), u"FolioLab — l1"_s);

    // The banner stays hidden until there is a verdict.
    auto *banner = qobject_cast<QQuickItem *>(findNamed(window, u"verdictBanner"_s));
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());

    // F5 is wired to SimController.step().
    window->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(window));
    QTest::keyClick(window, Qt::Key_F5);
    QTRY_COMPARE(sim.steps(), 1);

    QTest::keyClick(window, Qt::Key_F8); // to the verdict, off the GUI thread
    QTRY_VERIFY(!sim.isBusy());
    QCOMPARE(sim.verdict(), u"LIVELOCK"_s);
    QTRY_VERIFY(banner->isVisible());
    QObject *verdictText = findNamed(window, u"verdictText"_s);
    QVERIFY(verdictText);
    QTRY_VERIFY(verdictText->property("text").toString().contains(u"LIVELOCK"));

    QImage image;
    QVERIFY(saveScreenshot(window, u"mainwindow-l1-livelock.png"_s, &image));
    QVERIFY(image.width() >= 1280 && image.height() >= 800);

    // Not blank: a real window has text, lanes and a coloured banner.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 16, qPrintable(u"only %1 colours"_s.arg(colours.size())));

    // The LIVELOCK banner is red-ish.
    const QColor bg = bannerBackground(window, image, banner);
    QVERIFY(bg.isValid());
    QVERIFY2(bg.red() > bg.green() + 10 && bg.red() > bg.blue() + 10,
            qPrintable(u"banner background %1 is not red-ish"_s.arg(bg.name())));

    // The spinning lane: its badge is shown and drawn in orange.
    auto *badge = visibleNamedIn(window->contentItem(), u"spinningBadge"_s);
    QVERIFY2(badge, "no visible spinning badge");
    const QColor badgeColour = colourInside(window, image, badge);
    QVERIFY2(badgeColour.red() > 180 && badgeColour.blue() < 100,
            qPrintable(u"spinning badge %1 is not orange"_s.arg(badgeColour.name())));

    // The wait-for graph draws the cycle: its edges are counted and a good
    // share of its pixels are the cycle's red.
    auto *graph = qobject_cast<QQuickItem *>(findNamed(window, u"waitGraph"_s));
    QVERIFY(graph && graph->isVisible());
    QCOMPARE(graph->property("cycleEdgeCount").toInt(), sim.waitCycle().size());
    QVERIFY(sim.waitCycle().size() >= 4);
    const int red = countPixels(image, imageRectOf(window, graph),
            [](QColor c) { return c.red() > 150 && c.green() < 90 && c.blue() < 90; });
    QVERIFY2(red > 500, qPrintable(u"only %1 red pixels in the wait-for graph"_s.arg(red)));

    // The timeline's handle is at the end of the run, not clamped to the
    // range it had before F8 grew the run (seen once in a screenshot).
    QObject *slider = findNamed(window, u"timelineSlider"_s);
    QVERIFY(slider);
    QCOMPARE(slider->property("to").toDouble(), double(sim.totalSteps()));
    QCOMPARE(slider->property("value").toDouble(), double(sim.steps()));
}

void TestMainWindow::keyboardOnlyNewcomerPath()
{
    // The README's "done when": open l1, step with the keyboard into the
    // livelock, read why, switch wait-on-unlock with its shortcut, see it
    // resolve. Only key presses drive the window.
    SimController &simController = SimController::instance();
    RunModel &sim = *simController.run();
    QVERIFY(simController.loadScenario(u"l1"_s));
    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    window->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(window));

    for (int i = 0; i < 5; ++i)
        QTest::keyClick(window, Qt::Key_F5);
    QTRY_COMPARE(sim.steps(), 5);
    QTest::keyClick(window, Qt::Key_F4);
    QTRY_COMPARE(sim.steps(), 4);
    QTest::keyClick(window, Qt::Key_Z, Qt::ControlModifier);
    QTRY_COMPARE(sim.steps(), 3);
    QTest::keyClick(window, Qt::Key_F8);
    QTRY_VERIFY_WITH_TIMEOUT(!sim.isBusy() && sim.verdict() == u"LIVELOCK"_s, 30000);
    QObject *explanation = findNamed(window, u"verdictExplanation"_s);
    QVERIFY(explanation);
    QTRY_VERIFY(explanation->property("text").toString().contains(u"spins on folio D"));

    QTest::keyClick(window, Qt::Key_M, Qt::ControlModifier); // wait-on-unlock
    QTRY_VERIFY_WITH_TIMEOUT(!sim.isBusy() && sim.verdict() == u"COMPLETED"_s, 30000);
    QCOMPARE(sim.fixes(), u"wait-on-unlock"_s);
    QObject *divergence = findNamed(window, u"divergenceText"_s);
    QVERIFY(divergence);
    QTRY_VERIFY(divergence->property("text").toString().contains(u"part at step"));

    QVERIFY(saveScreenshot(window, u"mainwindow-l1-wait-on-unlock.png"_s));
}

void TestMainWindow::completedAndErrorBanners()
{
    SimController &simController = SimController::instance();
    RunModel &sim = *simController.run();
    QVERIFY2(simController.loadScenario(u"l1-single"_s), qPrintable(sim.errorText()));

    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));

    // A file that does not parse: the error shows, the scenario stays.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"broken.toml"_s);
    QVERIFY(writeBrokenScenario(path));
    QVERIFY(!simController.loadScenario(path));
    auto *error = qobject_cast<QQuickItem *>(findNamed(window, u"errorBanner"_s));
    QVERIFY(error);
    QTRY_VERIFY(error->isVisible());
    QVERIFY(error->property("text").toString().contains(path));
    QCOMPARE(window->title(), u"FolioLab — l1-single"_s);

    sim.runToVerdict();
    sim.waitForIdle();
    QCOMPARE(sim.verdict(), u"COMPLETED"_s);
    auto *banner = qobject_cast<QQuickItem *>(findNamed(window, u"verdictBanner"_s));
    QVERIFY(banner);
    QTRY_VERIFY(banner->isVisible());

    QImage image;
    QVERIFY(saveScreenshot(window, u"mainwindow-l1-single-completed.png"_s, &image));
    const QColor bg = bannerBackground(window, image, banner);
    QVERIFY(bg.isValid());
    QVERIFY2(bg.green() > bg.red() + 10 && bg.green() > bg.blue() + 10,
            qPrintable(u"banner background %1 is not green-ish"_s.arg(bg.name())));

    // A good load clears the error banner.
    QVERIFY(simController.loadScenario(u"l1"_s));
    QTRY_VERIFY(!error->isVisible());
}

// The RCU box (issue 10): s2-mixed under lru-cache-disable hangs with
// non-preemptible RCU (V4); switching the box to preemptible re-runs the
// same schedule, which completes. PREEMPT_RT with non-preemptible RCU is
// refused with a reason and the boxes show the run's models again. The
// window's run saves as a schedule in words that foliolab check verifies,
// and its report fits a mail.
void TestMainWindow::rcuFlavourBoxRerunsTheSchedule()
{
    SimController &simController = SimController::instance();
    RunModel &sim = *simController.run();
    QVERIFY2(simController.loadScenario(u"s2-mixed"_s), qPrintable(sim.errorText()));
    QVERIFY(sim.setFixEnabled(u"lru-cache-disable"_s, true));
    sim.waitForIdle();

    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QObject *rcuBox = findNamed(window, u"rcuBox"_s);
    QObject *preemptBox = findNamed(window, u"preemptBox"_s);
    QVERIFY(rcuBox && preemptBox);
    QCOMPARE(sim.rcu(), u"non-preemptible"_s);
    QCOMPARE(rcuBox->property("currentText").toString(), u"non-preemptible"_s);

    sim.runToVerdict();
    sim.waitForIdle();
    QTRY_COMPARE(sim.verdict(), u"LIVELOCK"_s);

    QVERIFY(sim.setModels(QString(), u"preemptible"_s));
    sim.waitForIdle();
    QTRY_COMPARE(sim.rcu(), u"preemptible"_s);
    QTRY_COMPARE(rcuBox->property("currentText").toString(), u"preemptible"_s);
    // The re-run is named by what differs: the RCU flavour.
    QVERIFY2(sim.divergence().contains(u"lru-cache-disable (preemptible RCU)"_s),
            qPrintable(sim.divergence()));
    sim.runToVerdict();
    sim.waitForIdle();
    QTRY_COMPARE(sim.verdict(), u"COMPLETED"_s);

    QVERIFY(saveScreenshot(window, u"mainwindow-s2-mixed-rcu-preemptible.png"_s));

    // RT with non-preemptible RCU does not exist: refused, nothing changes.
    QVERIFY(sim.setModels(u"rt"_s, QString()));
    sim.waitForIdle();
    QTRY_COMPARE(sim.preempt(), u"rt"_s);
    QCOMPARE(sim.rcu(), u"preemptible"_s);
    QVERIFY(!sim.setModels(QString(), u"non-preemptible"_s));
    QVERIFY2(sim.errorText().contains(u"PREEMPT_RT"_s), qPrintable(sim.errorText()));
    QCOMPARE(sim.rcu(), u"preemptible"_s);
    QTRY_COMPARE(rcuBox->property("currentText").toString(), u"preemptible"_s);
    QTRY_COMPARE(preemptBox->property("currentText").toString(), u"rt"_s);

    // The run in words, checked by the core as `foliolab check` does.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString sched = dir.filePath(u"window.sched"_s);
    QVERIFY2(simController.saveSchedule(sched), qPrintable(sim.errorText()));
    const fl::ScheduleFile file = fl::loadSchedule(sched.toStdString());
    QCOMPARE(QString::fromStdString(file.preempt), u"rt"_s);
    QCOMPARE(QString::fromStdString(file.rcu), u"preemptible"_s);
    const fl::ScheduleCheck check = fl::checkSchedule(file, sched.toStdString());
    QVERIFY2(check.pass, check.message.c_str());
    const QString report = simController.copyReport();
    QVERIFY2(report.contains(u"--rcu preemptible"_s) || report.contains(u"--rcu"_s),
            qPrintable(report));
    for (const QString &line : report.split(u'\n'))
        QVERIFY2(line.size() <= 72, qPrintable(line));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
