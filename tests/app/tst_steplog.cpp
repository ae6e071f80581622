// SPDX-License-Identifier: GPL-2.0-only
// Issue 14: what just happened (the step log and the last-step line), fresh
// names for reallocated folio slots, the Fixes tab following a switched fix,
// and menus that show their shortcuts without cutting an item off.
#include "appsettings.h"
#include "fixlistmodel.h"
#include "foliolistmodel.h"
#include "menutext.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "steplogmodel.h"
#include "tasklistmodel.h"
#include "timeline.h"
#include "window_support.h"

#include "engine/folio_names.h"
#include "kernel/fixes.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QImage>
#include <QKeySequence>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestStepLog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void entriesInWordsNewestFirst();
    void cappedAtLimit();
    void refreshCostAfterAJump();
    void jumpToStepMovesTheRun();
    void lastStepNamesTheFailedTrylock();
    void reallocatedSlotGetsAFreshName();
    void menuTextShowsShortcuts();
    void freshNameOnTheCards();
    void windowStepLogTabAndLastLine();
    void fixesTabScrollsToTheSwitchedFix();
    void menusShowShortcutsAndCutNothing();
    void screenshots_data();
    void screenshots();
};

static std::shared_ptr<const fl::Setup> l1Setup(const std::string &fix = "baseline")
{
    return std::make_shared<const fl::Setup>(
            fl::buildSetup(fl::loadScenario("l1"), fl::BuildOptions {{fix}, ""}));
}

static QString rowText(const StepLogModel &log, int row)
{
    return log.data(log.index(row), StepLogModel::TextRole).toString();
}

// Selects side tab `objectName` by clicking its button.
static bool showSideTab(QQuickWindow *window, const QString &objectName)
{
    auto *button = qobject_cast<QQuickItem *>(findNamed(window, objectName));
    if (!button)
        return false;
    clickCentre(window, button);
    return button->property("checked").toBool();
}

void TestStepLog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QQuickStyle::setStyle(u"Fusion"_s);
}

void TestStepLog::entriesInWordsNewestFirst()
{
    RunModel run;
    QVERIFY(run.load(l1Setup(), u"l1"_s));
    StepLogModel log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.setRun(&run);
    QCOMPARE(log.rowCount(), 0);
    QCOMPARE(log.lastStep(), QString());

    for (int i = 0; i < 60; ++i)
        run.step();
    QCOMPARE(run.steps(), 60);
    QCOMPARE(log.rowCount(), 60);
    const auto &choices = run.timeline()->choices();
    for (int row = 0; row < log.rowCount(); ++row) {
        const int step = 60 - row;
        QCOMPARE(log.stepAt(row), step);
        const QString text = rowText(log, row);
        // Which CPU, which task, which kernel step.
        const int cpu = choices[static_cast<std::size_t>(step - 1)].cpu;
        QVERIFY2(text.startsWith(u"CPU%1 "_s.arg(cpu)), qPrintable(text));
        QVERIFY2(text.contains(u" — "_s), qPrintable(text));
        QCOMPARE(log.data(log.index(row), StepLogModel::CurrentRole).toBool(), row == 0);
    }
    // The newest row is the last step: the line says what it did.
    QCOMPARE(log.currentRow(), 0);
    const QString outcome = log.data(log.index(0), StepLogModel::OutcomeRole).toString();
    QVERIFY(log.lastStep().startsWith(u"CPU%1 "_s.arg(choices[59].cpu)));
    if (outcome.isEmpty())
        QCOMPARE(log.lastStep(), rowText(log, 0));
    else
        QVERIFY(log.lastStep().endsWith(u": "_s + outcome));
    // A kernel step names its function: T's first step is in the caller loop.
    bool namesFunction = false;
    for (int row = 0; row < log.rowCount(); ++row)
        namesFunction |= rowText(log, row).contains(u"hmm_range_fault"_s)
                || rowText(log, row).contains(u"drm_gpusvm"_s);
    QVERIFY(namesFunction);
}

void TestStepLog::cappedAtLimit()
{
    RunModel run;
    QVERIFY(run.load(l1Setup(), u"l1"_s));
    StepLogModel log;
    log.setRun(&run);
    QCOMPARE(log.limit(), StepLogModel::DefaultLimit);
    for (int i = 0; i < 130; ++i)
        run.step();
    QCOMPARE(log.rowCount(), StepLogModel::DefaultLimit);
    QCOMPARE(log.stepAt(0), 130);
    QCOMPARE(log.stepAt(log.rowCount() - 1), 130 - StepLogModel::DefaultLimit + 1);

    log.setLimit(10); // below the minimum: held at 50
    QCOMPARE(log.limit(), StepLogModel::MinimumLimit);
    QCOMPARE(log.rowCount(), StepLogModel::MinimumLimit);
    QCOMPARE(log.stepAt(log.rowCount() - 1), 81);

    // F6 jumps many steps a frame: the rows are rebuilt from the timeline.
    run.seek(0);
    QCOMPARE(log.rowCount(), 0);
    for (int i = 0; i < 400; ++i)
        run.step();
    QCOMPARE(log.stepAt(0), 400);
    QCOMPARE(log.rowCount(), StepLogModel::MinimumLimit);
}

void TestStepLog::refreshCostAfterAJump()
{
    // F6 moves the run thousands of steps a frame: every refresh then
    // re-describes a whole window of steps. Printed, not asserted (timing
    // goals belong to benchmarks).
    RunModel run;
    QVERIFY(run.load(l1Setup(), u"l1"_s));
    for (int i = 0; i < 3000; ++i)
        run.step();
    StepLogModel log;
    log.setRun(&run);
    QElapsedTimer clock;
    clock.start();
    constexpr int Jumps = 20;
    for (int i = 0; i < Jumps; ++i)
        run.seek(1000 + 97 * i); // never inside the last window: a full rebuild
    const double perJump = double(clock.nsecsElapsed()) / 1e6 / Jumps;
    QCOMPARE(log.stepAt(0), 1000 + 97 * (Jumps - 1));
    qInfo("seek + step log rebuild of %d rows: %.2f ms", log.rowCount(), perJump);
}

void TestStepLog::jumpToStepMovesTheRun()
{
    RunModel run;
    QVERIFY(run.load(l1Setup(), u"l1"_s));
    StepLogModel log;
    log.setRun(&run);
    for (int i = 0; i < 60; ++i)
        run.step();
    const QString newest = rowText(log, 0);

    QSignalSpy lastChanged(&log, &StepLogModel::lastStepChanged);
    QVERIFY(log.jumpTo(5));
    QCOMPARE(run.steps(), 55);
    QVERIFY(lastChanged.count() >= 1);
    // The rows stay put: the one clicked is now current, the newer ones are
    // the recorded future F5 replays.
    QCOMPARE(log.stepAt(0), 60);
    QCOMPARE(rowText(log, 0), newest);
    QCOMPARE(log.currentRow(), 5);
    QVERIFY(log.data(log.index(0), StepLogModel::AheadRole).toBool());
    QVERIFY(!log.data(log.index(5), StepLogModel::AheadRole).toBool());
    QCOMPARE(log.lastStep(), StepLogModel::shortText([&] {
        StepLogModel::Entry e;
        e.cpu = log.data(log.index(5), StepLogModel::CpuRole).toInt();
        e.task = log.data(log.index(5), StepLogModel::TaskRole).toString();
        e.action = log.data(log.index(5), StepLogModel::ActionRole).toString();
        e.outcome = log.data(log.index(5), StepLogModel::OutcomeRole).toString();
        e.function = e.action.section(u": "_s, 0, 0);
        return e;
    }()));

    // F5 replays the recorded step: still inside the rows.
    run.step();
    QCOMPARE(run.steps(), 56);
    QCOMPARE(log.currentRow(), 4);

    QVERIFY(!log.jumpTo(-1));
    QVERIFY(!log.jumpTo(log.rowCount()));
    QCOMPARE(run.steps(), 56);

    // Stepping past the newest row moves the rows along.
    for (int i = 0; i < 10; ++i)
        run.step();
    QCOMPARE(log.stepAt(0), 66);
    QCOMPARE(log.currentRow(), 0);
}

void TestStepLog::lastStepNamesTheFailedTrylock()
{
    // l1 under the baseline: T spins on D's trylock; the log says so in words.
    RunModel run;
    QVERIFY(run.load(l1Setup(), u"l1"_s));
    StepLogModel log;
    log.setRun(&run);
    bool seen = false;
    for (int i = 0; i < 20000 && !seen; ++i) {
        run.step();
        seen = log.lastStep().contains(u"folio_trylock(D) failed"_s);
    }
    QVERIFY2(seen, qPrintable(log.lastStep()));
    // Which CPU, task and kernel function, and what happened, on one line.
    QVERIFY2(log.lastStep().endsWith(u"CPU1 T — do_swap_page: folio_trylock(D) failed"_s),
            qPrintable(log.lastStep()));
}

void TestStepLog::reallocatedSlotGetsAFreshName()
{
    // Under wait-on-unlock D is migrated back to RAM into a slot freed
    // earlier; the new page must never show the old page's name.
    RunModel run;
    QVERIFY(run.load(l1Setup("wait-on-unlock"), u"l1"_s));
    StepLogModel log;
    log.setRun(&run);
    const fl::Setup &setup = run.timeline()->setup();
    bool reallocated = false;
    bool logSaysNewPage = false;
    for (int i = 0; i < 20000 && run.verdict().isEmpty(); ++i) {
        run.step();
        const fl::SimState &state = run.timeline()->state();
        logSaysNewPage |= rowText(log, 0).contains(u"new page "_s);
        for (int f = 0; f < state.machine.folioCount; ++f) {
            if (state.lives.count[f] <= 1 || !state.machine.folios[f].allocated)
                continue;
            reallocated = true;
            const QString old = QString::fromStdString(setup.folioNames[f]);
            const QString fresh = QString::fromStdString(
                    fl::folioName(setup, &state.lives, static_cast<fl::FolioId>(f)));
            QVERIFY(fresh != old);
            // Cards: the old name is gone, the fresh one is there.
            QStringList cards;
            for (int r = 0; r < run.folios()->rowCount(); ++r)
                cards << run.folios()
                                 ->data(run.folios()->index(r), FolioListModel::NameRole)
                                 .toString();
            QVERIFY2(!cards.contains(old), qPrintable(cards.join(u", ")));
            QVERIFY2(cards.contains(fresh), qPrintable(cards.join(u", ")));
            // Task text, wait-for graph, page tables: never the old name as a folio.
            for (int r = 0; r < run.tasks()->rowCount(); ++r) {
                const QString t = run.tasks()
                                          ->data(run.tasks()->index(r), TaskListModel::StateRole)
                                          .toString();
                QVERIFY2(!t.contains(u"of %1"_s.arg(old)) && !t.contains(u"%1's lock"_s.arg(old)),
                        qPrintable(t));
            }
            for (const QVariant &edge : run.waitGraph()) {
                const QVariantMap e = edge.toMap();
                for (const QString &key : {u"from"_s, u"to"_s, u"label"_s})
                    QVERIFY2(!e.value(key).toString().contains(u"folio %1 "_s.arg(old))
                                    && e.value(key).toString() != u"folio %1"_s.arg(old),
                            qPrintable(e.value(key).toString()));
            }
            for (const QString &table : run.pageTables())
                QVERIFY2(!table.contains(u" %1 |"_s.arg(old))
                                && !table.contains(u" %1 ·"_s.arg(old)),
                        qPrintable(table));
        }
    }
    QVERIFY2(reallocated, "l1 under wait-on-unlock no longer reuses a freed folio slot");
    QVERIFY(logSaysNewPage);
}

void TestStepLog::menuTextShowsShortcuts()
{
    QCOMPARE(MenuText::shortcut(u"F5"_s), u"F5"_s);
    QCOMPARE(MenuText::shortcut(u"Ctrl+Shift+C"_s), u"Ctrl+Shift+C"_s);
    QCOMPARE(MenuText::shortcut(QVariant(int(QKeySequence::Open))), u"Ctrl+O"_s);
    QCOMPARE(MenuText::shortcut(QVariant()), QString());
    QCOMPARE(MenuText::withoutMnemonic(u"&Open…"_s), u"Open…"_s);
    QCOMPARE(MenuText::withoutMnemonic(u"Save && &quit"_s), u"Save & quit"_s);
}

// Every item under `root` (visible or not) that has a string property `name`.
static QStringList cardNames(QQuickItem *root)
{
    QStringList names;
    if (!root->isVisible())
        return names;
    const QVariant name = root->property("name");
    if (name.isValid() && root->property("refSources").isValid())
        names << name.toString();
    for (QQuickItem *child : root->childItems())
        names << cardNames(child);
    return names;
}

void TestStepLog::freshNameOnTheCards()
{
    // l1 under wait-on-unlock, up to the step that puts D's RAM copy in a
    // freed slot: the card shows the fresh name, never the old one.
    SimController &controller = SimController::instance();
    RunModel &run = *controller.run();
    QVERIFY(controller.loadScenario(u"l1"_s));
    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    window->resize(1280, 800);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(run.setFixEnabled(u"wait-on-unlock"_s, true));
    QTRY_VERIFY_WITH_TIMEOUT(!run.isBusy(), 30000);
    run.reset();
    QString fresh, old;
    for (int i = 0; i < 20000 && fresh.isEmpty(); ++i) {
        run.step();
        const fl::SimState &state = run.timeline()->state();
        for (int f = 0; f < state.machine.folioCount; ++f)
            if (state.lives.count[f] > 1 && state.machine.folios[f].allocated) {
                fresh = QString::fromStdString(fl::folioName(
                        run.timeline()->setup(), &state.lives, static_cast<fl::FolioId>(f)));
                old = QString::fromStdString(run.timeline()->setup().folioNames[f]);
            }
    }
    QVERIFY(!fresh.isEmpty());
    QTest::qWait(50);
    const QStringList cards = cardNames(window->contentItem());
    QVERIFY2(cards.contains(fresh), qPrintable(cards.join(u", ")));
    QVERIFY2(!cards.contains(old), qPrintable(cards.join(u", ")));
    QVERIFY(saveScreenshot(window->grabWindow(), u"steplog-fresh-name-1280x800.png"_s));
    QVERIFY(run.setFixEnabled(u"wait-on-unlock"_s, false));
    QTRY_VERIFY_WITH_TIMEOUT(!run.isBusy(), 30000);
}

void TestStepLog::windowStepLogTabAndLastLine()
{
    SimController &controller = SimController::instance();
    RunModel &run = *controller.run();
    QVERIFY(controller.loadScenario(u"l1"_s));
    QQmlApplicationEngine engine;
    QQuickWindow *window = showMainWindow(engine, QSize(1280, 800));
    QVERIFY(window);

    QVERIFY(showSideTab(window, u"stepLogTabButton"_s));
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(window, Qt::Key_F5);
    QTRY_COMPARE(run.steps(), 3);

    QQuickItem *line = visibleNamedIn(window->contentItem(), u"lastStepLine"_s);
    QVERIFY(line);
    QTRY_VERIFY2(line->property("text").toString().startsWith(u"Last: CPU"_s),
            qPrintable(line->property("text").toString()));

    auto *list
            = qobject_cast<QQuickItem *>(visibleNamedIn(window->contentItem(), u"stepLogList"_s));
    QVERIFY(list);
    QTRY_COMPARE(list->property("count").toInt(), 3);
    // Click the oldest row: the run goes back to step 1.
    QQuickItem *oldest = nullptr;
    QMetaObject::invokeMethod(
            list, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, oldest), Q_ARG(int, 2));
    QVERIFY(oldest);
    clickCentre(window, oldest);
    QTRY_COMPARE(run.steps(), 1);
    QTRY_VERIFY(line->property("text").toString().startsWith(u"Last: CPU"_s));
    QCOMPARE(list->property("currentIndex").toInt(), 2);
    QCOMPARE(list->property("count").toInt(), 3); // the rows stayed
}

void TestStepLog::fixesTabScrollsToTheSwitchedFix()
{
    SimController &controller = SimController::instance();
    RunModel &run = *controller.run();
    QVERIFY(controller.loadScenario(u"l1"_s));
    QQmlApplicationEngine engine;
    QQuickWindow *window = showMainWindow(engine, QSize(1280, 800));
    QVERIFY(window);
    for (int i = 0; i < 5; ++i)
        QTest::keyClick(window, Qt::Key_F5);
    QTRY_COMPARE(run.steps(), 5);

    auto *list = qobject_cast<QQuickItem *>(findNamed(window, u"fixList"_s));
    QVERIFY(list);
    // Ctrl+9: the ninth fix of the catalogue, far below the first cards.
    const int row = 8;
    QVERIFY(fl::fixCatalogue().size() > static_cast<std::size_t>(row));
    QCOMPARE(list->property("contentY").toDouble(), list->property("originY").toDouble());
    QTest::keyClick(window, Qt::Key_9, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(!run.isBusy(), 30000);
    QTRY_VERIFY(run.fixList()->data(run.fixList()->index(row), FixListModel::ActiveRole).toBool());

    QQuickItem *card = nullptr;
    QTRY_VERIFY([&] {
        QMetaObject::invokeMethod(
                list, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, card), Q_ARG(int, row));
        return card != nullptr;
    }());
    const double top = list->property("contentY").toDouble();
    const double bottom = top + list->height();
    QTRY_VERIFY2(card->y() >= top - 1 && card->y() < bottom,
            qPrintable(u"card at %1, view %2–%3"_s.arg(card->y()).arg(top).arg(bottom)));
    QVERIFY(top > list->property("originY").toDouble()); // it did scroll
}

// Every Menu of the window's menu bar.
static QList<QObject *> menusOf(QQuickWindow *window)
{
    QList<QObject *> menus;
    auto *bar = window->property("menuBar").value<QQuickItem *>();
    if (!bar)
        return menus;
    const int count = bar->property("count").toInt();
    for (int i = 0; i < count; ++i) {
        QQuickItem *title = nullptr;
        QMetaObject::invokeMethod(bar, "itemAt", Q_RETURN_ARG(QQuickItem *, title), Q_ARG(int, i));
        if (auto *menu = title ? title->property("menu").value<QObject *>() : nullptr)
            menus << menu;
    }
    return menus;
}

// Opens menu `index` of the menu bar the way a user does: a click on its title.
static QObject *openMenu(QQuickWindow *window, int index)
{
    auto *bar = window->property("menuBar").value<QQuickItem *>();
    QQuickItem *title = nullptr;
    QMetaObject::invokeMethod(bar, "itemAt", Q_RETURN_ARG(QQuickItem *, title), Q_ARG(int, index));
    if (!title)
        return nullptr;
    clickCentre(window, title);
    return menusOf(window).value(index);
}

static QList<QQuickItem *> itemsOf(QObject *menu)
{
    QList<QQuickItem *> items;
    const int count = menu->property("count").toInt();
    for (int i = 0; i < count; ++i) {
        QQuickItem *item = nullptr;
        QMetaObject::invokeMethod(menu, "itemAt", Q_RETURN_ARG(QQuickItem *, item), Q_ARG(int, i));
        if (item)
            items << item;
    }
    return items;
}

void TestStepLog::menusShowShortcutsAndCutNothing()
{
    SimController &controller = SimController::instance();
    QVERIFY(controller.loadScenario(u"l1"_s));
    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    window->resize(1280, 800);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    const ScopedTextScale restoreTextScale;

    const QList<QObject *> menus = menusOf(window);
    QVERIFY(menus.size() >= 5);
    for (const double scale : {1.0, 1.25, 1.5}) {
        setTextScale(scale);
        int shortcutsShown = 0;
        for (int m = 0; m < menus.size(); ++m) {
            QObject *menu = openMenu(window, m);
            QVERIFY(menu);
            QTRY_VERIFY(menu->property("opened").toBool());
            const double width = menu->property("width").toDouble();
            const double padding = menu->property("leftPadding").toDouble()
                    + menu->property("rightPadding").toDouble();
            for (QQuickItem *item : itemsOf(menu)) {
                if (!item->isVisible() || item->height() <= 1)
                    continue; // a separator
                const QString text = item->property("text").toString();
                // Nothing cut: the item's content fits the item, the item the menu.
                const double needed = item->property("implicitContentWidth").toDouble()
                        + item->property("leftPadding").toDouble()
                        + item->property("rightPadding").toDouble();
                QVERIFY2(needed <= item->width() + 0.5 && item->width() <= width - padding + 0.5,
                        qPrintable(u"'%1' at %2 %: needs %3 px, has %4 px in a menu of %5 px"_s
                                           .arg(text)
                                           .arg(scale * 100)
                                           .arg(needed)
                                           .arg(item->width())
                                           .arg(width)));
                auto *action = item->property("action").value<QObject *>();
                if (!action || MenuText::shortcut(action->property("shortcut")).isEmpty())
                    continue;
                auto *keys = item->findChild<QQuickItem *>(u"shortcutText"_s);
                QVERIFY2(keys, qPrintable(text));
                QCOMPARE(keys->property("text").toString(),
                        MenuText::shortcut(action->property("shortcut")));
                // Right-aligned, inside the item, clear of the text.
                const QRectF k
                        = keys->mapRectToItem(item, QRectF(0, 0, keys->width(), keys->height()));
                QVERIFY2(k.right() <= item->width() + 0.5
                                && k.right() > item->width()
                                                - item->property("rightPadding").toDouble() - 40,
                        qPrintable(text));
                ++shortcutsShown;
            }
            QTest::keyClick(window, Qt::Key_Escape);
            QTRY_VERIFY(!menu->property("visible").toBool());
        }
        QVERIFY(shortcutsShown >= 15);
    }
}

void TestStepLog::screenshots_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1280x800") << QSize(1280, 800);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

void TestStepLog::screenshots()
{
    QFETCH(QSize, size);
    SimController &controller = SimController::instance();
    RunModel &run = *controller.run();
    QVERIFY(controller.loadScenario(u"l1"_s));
    const ScopedTextScale textScale(1.25);
    QQmlApplicationEngine engine;
    QQuickWindow *window = showMainWindow(engine, size);
    QVERIFY(window);
    for (int i = 0; i < 400; ++i)
        run.step();
    QVERIFY(showSideTab(window, u"stepLogTabButton"_s));

    int runIndex = -1;
    const QList<QObject *> menus = menusOf(window);
    for (int m = 0; m < menus.size(); ++m)
        if (menus[m]->property("title").toString() == u"&Run"_s)
            runIndex = m;
    QVERIFY(runIndex >= 0);
    QObject *runMenu = openMenu(window, runIndex);
    QVERIFY(runMenu);
    QTRY_VERIFY(runMenu->property("opened").toBool());
    QVERIFY(saveScreenshot(
            window, u"steplog-%1x%2-125.png"_s.arg(size.width()).arg(size.height())));
    QTest::keyClick(window, Qt::Key_Escape);
}

QTEST_MAIN(TestStepLog)
#include "tst_steplog.moc"
