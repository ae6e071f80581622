// SPDX-License-Identifier: GPL-2.0-only
#include "appsettings.h"
#include "cpulistmodel.h"
#include "exploremodel.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "tasklistmodel.h"
#include "window_support.h"

#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTest>

#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

// The window on a projector (issue 14): the real Main.qml at a projector's
// 1280x800 and at 1920x1080, each at 100 %, 125 % and 150 % text, on l1 (four
// CPUs) and s2-storm (eight). A screen's title bar and a desktop panel take
// about 80 px, so a WxH screen is tested as a window of W x (H - 80). The
// checks are geometry: every CPU lane and every task in view, every toolbar
// command on the bar or in its overflow menu, no panel over another, and
// nothing moves when the verdict appears (a click meant for a tab must not
// land on a lane). The PNGs (build/screenshots/projector-*.png) are for
// people to look at.
class TestProjector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void layout_data();
    void layout();
    void laneStepsOnlyByItsButton();
};

namespace {

// About what a title bar and a desktop panel take from a screen.
constexpr int ScreenChrome = 80;

// `inner` lies within `outer`, give or take half a pixel of rounding.
bool inside(const QRectF &inner, const QRectF &outer)
{
    return outer.adjusted(-0.5, -0.5, 0.5, 0.5).contains(inner);
}

QString describe(const QRectF &r)
{
    return u"(%1,%2 %3x%4)"_s.arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

} // namespace

void TestProjector::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QQuickStyle::setStyle(u"Fusion"_s);
}

void TestProjector::cleanupTestCase()
{
    setTextScale(1.0);
}

void TestProjector::layout_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QSize>("screen");
    QTest::addColumn<int>("percent");
    for (const char *scenario : {"l1", "s2-storm"})
        for (const QSize screen : {QSize(1280, 800), QSize(1920, 1080)})
            for (const int percent : {100, 125, 150})
                QTest::addRow("%s-%dx%d-%d", scenario, screen.width(), screen.height(), percent)
                        << QString::fromLatin1(scenario) << screen << percent;
}

void TestProjector::layout()
{
    QFETCH(QString, scenario);
    QFETCH(QSize, screen);
    QFETCH(int, percent);
    const QString shot = u"projector-%1-%2x%3-%4"_s.arg(scenario)
                                 .arg(screen.width())
                                 .arg(screen.height())
                                 .arg(percent);

    setTextScale(percent / 100.0);
    SimController &controller = SimController::instance();
    RunModel &run = *controller.run();
    controller.explorer()->dismiss();
    QVERIFY2(controller.loadScenario(scenario), qPrintable(run.errorText()));

    QQmlApplicationEngine engine;
    const QSize size(screen.width(), screen.height() - ScreenChrome);
    QQuickWindow *window = showMainWindow(engine, size);
    QVERIFY(window);
    QTRY_COMPARE(window->size(), size);
    QQuickItem *root = window->contentItem();
    const QRectF windowRect(QPointF(0, 0), QSizeF(size));

    // A few steps in: the lanes have something to say, no verdict yet.
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(window, Qt::Key_F5);
    QTRY_COMPARE(run.steps(), 3);
    QCOMPARE(run.verdict(), QString());
    renderFrame(window);

    QQuickItem *lanes = visibleNamedIn(root, u"cpuLanes"_s);
    QQuickItem *machineTabs = visibleNamedIn(root, u"machineTabs"_s);
    QQuickItem *sideTabs = visibleNamedIn(root, u"sideTabs"_s);
    QVERIFY(lanes && machineTabs && sideTabs);
    const QRectF lanesBefore = sceneRect(lanes);
    const QRectF machineTabsBefore = sceneRect(machineTabs);
    const QRectF sideTabsBefore = sceneRect(sideTabs);

    // To the verdict (F8): the banner shows and nothing below it moves.
    QTest::keyClick(window, Qt::Key_F8);
    QTRY_VERIFY_WITH_TIMEOUT(!run.isBusy() && run.verdict() != QString(), 60000);
    QTRY_VERIFY(visibleNamedIn(root, u"verdictBanner"_s));
    QVERIFY2(saveScreenshot(renderFrame(window), shot + u".png"_s), qPrintable(shot));

    QCOMPARE(sceneRect(lanes), lanesBefore);
    QCOMPARE(sceneRect(machineTabs), machineTabsBefore);
    QCOMPARE(sceneRect(sideTabs), sideTabsBefore);

    // Every CPU lane is whole, in the window and in the lanes' view.
    const QList<QQuickItem *> laneItems = allVisibleNamedIn(root, u"cpuLane"_s);
    QCOMPARE(int(laneItems.size()), run.cpus()->rowCount());
    // Every lane in view where the room allows it: on 1080p always, at
    // 1280x800 up to 125 % text (l1's four, s2-storm's eight). At 150 % on
    // 1280x800 the lanes' pane scrolls: the lanes in it are in the window.
    const bool allLanesFit = screen.width() >= 1920 || percent <= 125;
    const QRectF lanesView = allLanesFit ? sceneRect(lanes) : windowRect;
    for (QQuickItem *lane : laneItems) {
        if (!allLanesFit && !sceneRect(lane).intersects(sceneRect(lanes)))
            continue;
        const QRectF r = sceneRect(lane);
        QVERIFY2(inside(r, windowRect) && inside(r, lanesView),
                qPrintable(u"lane %1 at %2 is not whole in the lanes' view %3"_s.arg(
                        lane->property("cpuName").toString(), describe(r), describe(lanesView))));
    }

    // Each toolbar command is whole on the bar, or in the ⋯ menu.
    QQuickItem *toolBar = visibleNamedIn(root, u"mainToolBar"_s);
    if (!toolBar) // the header is outside the content item
        toolBar = qobject_cast<QQuickItem *>(window->findChild<QObject *>(u"mainToolBar"_s));
    QVERIFY(toolBar && toolBar->isVisible());
    const QRectF bar = sceneRect(toolBar);
    QVERIFY(inside(bar, windowRect));
    int overflowed = 0;
    for (const QString &name : {u"scenarioBox"_s, u"lessonsButton"_s, u"resetButton"_s,
                 u"backButton"_s, u"stepButton"_s, u"runButton"_s, u"verdictButton"_s,
                 u"speedGroup"_s, u"clockText"_s}) {
        auto *item = qobject_cast<QQuickItem *>(toolBar->findChild<QObject *>(name));
        QVERIFY2(item, qPrintable(name));
        if (item->isVisible()) {
            QVERIFY2(inside(sceneRect(item), bar),
                    qPrintable(u"%1 at %2 is cut by the toolbar %3"_s.arg(
                            name, describe(sceneRect(item)), describe(bar))));
            continue;
        }
        ++overflowed;
        QObject *entry = toolBar->findChild<QObject *>(u"overflow-"_s + name);
        QVERIFY2(entry, qPrintable(u"%1 is neither on the bar nor in the ⋯ menu"_s.arg(name)));
        QVERIFY2(entry->property("enabled").toBool() || entry->property("visible").toBool(),
                qPrintable(name));
    }
    auto *overflow = qobject_cast<QQuickItem *>(toolBar->findChild<QObject *>(u"overflowButton"_s));
    QVERIFY(overflow);
    QCOMPARE(overflow->isVisible(), overflowed > 0);
    if (overflow->isVisible())
        QVERIFY(inside(sceneRect(overflow), bar));
    // At a desk's size and text, everything is on the bar.
    if (screen.width() >= 1920 && percent == 100)
        QCOMPARE(overflowed, 0);

    // The panels: none over another, each in the window.
    QStringList panelNames = {u"bannerStrip"_s, u"nextStepText"_s, u"timelineBar"_s, u"cpuLanes"_s,
            u"machineTabs"_s, u"machineStack"_s, u"sideTabs"_s, u"sideStack"_s};
    if (visibleNamedIn(root, u"legend"_s))
        panelNames << u"legend"_s;
    std::vector<std::pair<QString, QRectF>> panels;
    for (const QString &name : panelNames) {
        QQuickItem *panel = visibleNamedIn(root, name);
        QVERIFY2(panel, qPrintable(name));
        const QRectF r = sceneRect(panel);
        QVERIFY2(r.height() > 0 && inside(r, windowRect),
                qPrintable(u"%1 at %2 is not in the window"_s.arg(name, describe(r))));
        for (const auto &[other, o] : panels)
            QVERIFY2(!r.adjusted(0.5, 0.5, -0.5, -0.5).intersects(o),
                    qPrintable(
                            u"%1 %2 overlaps %3 %4"_s.arg(name, describe(r), other, describe(o))));
        panels.emplace_back(name, r);
    }
    QVERIFY(sceneRect(toolBar).bottom() <= panels.front().second.top() + 0.5);

    // The memory panel keeps room for a whole folio card, not a line.
    QQuickItem *memory = visibleNamedIn(root, u"memoryPanel"_s);
    QVERIFY(memory);
    QList<QQuickItem *> cards = allVisibleNamedIn(memory, u"folioCard"_s);
    QVERIFY(!cards.empty());
    QVERIFY2(memory->height() >= cards.front()->height(),
            qPrintable(u"memory panel %1 px high, a folio card %2 px"_s.arg(memory->height())
                               .arg(cards.front()->height())));

    // The Tasks tab: every task whole in view, at least on the sizes a
    // lesson is given at (and l1 everywhere).
    QQuickItem *tasksTab = visibleNamedIn(root, u"tasksTabButton"_s);
    QVERIFY(tasksTab);
    clickCentre(window, tasksTab);
    QQuickItem *taskList = nullptr;
    QTRY_VERIFY((taskList = visibleNamedIn(root, u"taskList"_s)));
    // The plots beside them, in the same picture: ticks readable, not smeared.
    QQuickItem *plotsTab = visibleNamedIn(root, u"plotsTabButton"_s);
    QVERIFY(plotsTab);
    clickCentre(window, plotsTab);
    QTRY_VERIFY(visibleNamedIn(root, u"plotTrylock"_s));
    // Each plot keeps a readable height (in a short panel they scroll), and
    // the first is whole in the window.
    for (const QString &name : {u"plotTrylock"_s, u"plotProgress"_s, u"plotDrain"_s}) {
        QQuickItem *plot = visibleNamedIn(root, name);
        QVERIFY(plot);
        const double fontPx = plot->property("fontPixelSize").toDouble();
        QVERIFY2(plot->height() >= fontPx * 10 - 0.5,
                qPrintable(u"%1 is %2 px high for %3 px text"_s.arg(name)
                                   .arg(plot->height())
                                   .arg(fontPx)));
    }
    QVERIFY(inside(sceneRect(visibleNamedIn(root, u"plotTrylock"_s)), windowRect));
    QVERIFY(saveScreenshot(renderFrame(window), shot + u"-tasks.png"_s));
    const QList<QQuickItem *> taskCards = allVisibleNamedIn(taskList, u"taskCard"_s);
    // Every task of l1 (at 1280x800 up to 125 % text; s2-storm's sixteen scroll).
    if (scenario == u"l1"_s && (screen.width() >= 1920 || percent <= 125)) {
        QCOMPARE(int(taskCards.size()), run.tasks()->rowCount());
        const QRectF listRect = sceneRect(taskList);
        for (QQuickItem *card : taskCards)
            QVERIFY2(inside(sceneRect(card), listRect),
                    qPrintable(u"task %1 at %2 is not whole in the list %3"_s.arg(
                            card->property("name").toString(), describe(sceneRect(card)),
                            describe(listRect))));
    }
}

void TestProjector::laneStepsOnlyByItsButton()
{
    setTextScale(1.25);
    SimController &controller = SimController::instance();
    RunModel &run = *controller.run();
    QVERIFY(controller.loadScenario(u"l1"_s));
    QQmlApplicationEngine engine;
    QQuickWindow *window = showMainWindow(engine, QSize(1280, 800 - ScreenChrome));
    QVERIFY(window);
    renderFrame(window);
    QQuickItem *root = window->contentItem();
    const QList<QQuickItem *> laneItems = allVisibleNamedIn(root, u"cpuLane"_s);
    QCOMPARE(int(laneItems.size()), 4);
    QCOMPARE(run.steps(), 0);

    // A click on a lane's body does nothing.
    for (QQuickItem *lane : laneItems)
        QTest::mouseClick(window, Qt::LeftButton, {},
                lane->mapToScene(QPointF(lane->width() / 3, lane->height() - 6)).toPoint());
    renderFrame(window);
    QCOMPARE(run.steps(), 0);

    // Its "▶ step" button steps exactly that CPU: CPU1 in l1 can move.
    QQuickItem *cpu1 = nullptr;
    for (QQuickItem *lane : laneItems)
        if (lane->property("cpuName").toString() == u"CPU1"_s)
            cpu1 = lane;
    QVERIFY(cpu1);
    QQuickItem *button = visibleNamedIn(cpu1, u"laneStepButton"_s);
    QVERIFY(button);
    QVERIFY(inside(sceneRect(button), sceneRect(cpu1)));
    clickCentre(window, button);
    QTRY_COMPARE(run.steps(), 1);
    QCOMPARE(run.lastCpu(), 1);

    // The keys still step, go back and reach the verdict.
    QTest::keyClick(window, Qt::Key_F5);
    QTRY_COMPARE(run.steps(), 2);
    QTest::keyClick(window, Qt::Key_F4);
    QTRY_COMPARE(run.steps(), 1);
}

QTEST_MAIN(TestProjector)
#include "tst_projector.moc"
