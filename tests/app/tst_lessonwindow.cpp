// SPDX-License-Identifier: GPL-2.0-only
#include "appsettings.h"
#include "lessonplayer.h"
#include "lessonprogress.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "window_support.h"

#include <QFont>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

// The lesson player in the real window, offscreen: the course opened from
// the keyboard and with its Open button, lesson changes that leave no stale
// header, a lesson that opens at its story, Show me stopping at a goal with
// Space to go on, lessons 1, 5, 9 and 11 taught from the keyboard at
// 1280x800 with 125 % text, and lesson 5 photographed after its livelock
// goal is met. PNGs go to build/screenshots/; the checks are on item
// geometry and properties and on the colour inside the goal rows, not on
// exact pixels.
class TestLessonWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void courseOpensFromTheKeyboard();
    void openButtonOpensTheSelectedLesson();
    void lessonChangeLeavesNoStaleHeader();
    void lessonOpensAtItsStory();
    void showMeStopsAtAGoalAndSpaceGoesOn();
    void lessonsTaughtFromTheKeyboard_data();
    void lessonsTaughtFromTheKeyboard();
    void resetProgressAsksFirst();
    void lessonFiveAtTheLivelock();
    void cleanup();

private:
    QTemporaryDir m_settingsDir;
    QQmlApplicationEngine *m_engine = nullptr;
    QQuickWindow *m_window = nullptr;
};

static QQuickItem *visibleNamed(QQuickWindow *window, const QString &name)
{
    QList<QQuickItem *> found = allVisibleNamedIn(window->contentItem(), name);
    // Popups (the dialog) live under the overlay, a child of the content item's parent.
    if (found.isEmpty())
        found = allVisibleNamedIn(window->contentItem()->parentItem(), name);
    return found.isEmpty() ? nullptr : found.constFirst();
}

// The lesson panel's text, as a class sees it: every visible, non-empty
// text item, cut to the clipping items around it (a scrolled view); what
// is scrolled out of sight is left out.
struct SeenText
{
    QQuickItem *item;
    QRectF rect; // in the scene, the part not clipped away
};

static void collectTexts(QQuickItem *item, QRectF clip, QList<SeenText> &out)
{
    if (!item->isVisible() || item->opacity() <= 0.01)
        return;
    const QRectF rect = sceneRect(item);
    if (item->clip())
        clip = clip.intersected(rect);
    if (item->inherits("QQuickText") && !item->property("text").toString().isEmpty()) {
        const QRectF seen = rect.intersected(clip);
        if (seen.width() > 0 && seen.height() > 0)
            out << SeenText {item, seen};
    }
    for (QQuickItem *child : item->childItems())
        collectTexts(child, clip, out);
}

// No two texts of the panel overlap (a stale header drawn under a new one
// would), and none reaches out of the panel's width. Returns what is wrong.
static QString layoutProblems(QQuickItem *panel)
{
    const QRectF bounds = sceneRect(panel);
    QList<SeenText> texts;
    collectTexts(panel, QRectF(-1e6, -1e6, 2e6, 2e6), texts);
    const auto name = [](const SeenText &t) {
        return t.item->property("text").toString().left(40);
    };
    for (qsizetype i = 0; i < texts.size(); ++i) {
        const QRectF full = sceneRect(texts[i].item);
        // The text itself, not only its box: wider than the panel is cut off.
        const qreal inked = texts[i].item->property("contentWidth").toReal();
        if (full.left() + std::min(inked, full.width()) > bounds.right() + 1
                && texts[i].item->property("elide").toInt() == 0)
            return u"'%1' is wider than the panel (%2 > %3)"_s.arg(name(texts[i]))
                    .arg(full.left() + inked)
                    .arg(bounds.right());
        for (qsizetype j = i + 1; j < texts.size(); ++j) {
            const QRectF both = texts[i].rect.intersected(texts[j].rect);
            if (both.width() > 2 && both.height() > 2)
                return u"'%1' overlaps '%2'"_s.arg(name(texts[i]), name(texts[j]));
        }
    }
    return {};
}

static QQuickItem *firstFlickable(QQuickItem *item)
{
    if (item->inherits("QQuickFlickable"))
        return item;
    for (QQuickItem *child : item->childItems())
        if (QQuickItem *f = firstFlickable(child))
            return f;
    return nullptr;
}

static QQuickItem *lessonFlickable(QQuickWindow *window)
{
    QQuickItem *panel = visibleNamed(window, u"lessonPanel"_s);
    return panel ? firstFlickable(panel) : nullptr;
}

// As a class would: read down to the goals and hints before moving on.
static void scrollToEnd(QQuickWindow *window)
{
    if (QQuickItem *flick = lessonFlickable(window))
        flick->setProperty("contentY",
                std::max<qreal>(0, flick->property("contentHeight").toReal() - flick->height()));
}

static QColor colourAt(QQuickWindow *window, const QImage &image, QQuickItem *item, QPointF local)
{
    const QPointF p = item->mapToScene(local) * window->effectiveDevicePixelRatio();
    return image.pixelColor(p.toPoint());
}

// Scrolls the Flickable around `item` so that all of it is in view.
static void scrollIntoView(QQuickItem *item)
{
    for (QQuickItem *p = item->parentItem(); p; p = p->parentItem()) {
        if (!p->inherits("QQuickFlickable"))
            continue;
        QQuickItem *content = p->property("contentItem").value<QQuickItem *>();
        const qreal y = item->mapToItem(content, QPointF(0, 0)).y();
        const qreal maxY = std::max<qreal>(0, p->property("contentHeight").toReal() - p->height());
        p->setProperty(
                "contentY", std::clamp<qreal>(y + item->height() - p->height() + 8, 0, maxY));
        return;
    }
}

void TestLessonWindow::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(u"FolioLabTest"_s);
    QCoreApplication::setApplicationName(u"tst_lessonwindow"_s);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    LessonProgress::clearAll();
    QQuickStyle::setStyle(u"Fusion"_s);

    QVERIFY(SimController::instance().loadScenario(u"l1"_s));
    m_engine = new QQmlApplicationEngine(this);
    m_window = showMainWindow(*m_engine, QSize(1280, 800));
    QVERIFY(m_window);
}

void TestLessonWindow::courseOpensFromTheKeyboard()
{
    LessonPlayer &player = LessonPlayer::instance();
    QVERIFY(!player.isActive()); // the window opens on l1 as before
    QVERIFY(visibleNamed(m_window, u"lessonsButton"_s));

    QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
    QQuickItem *list = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((list = visibleNamed(m_window, u"lessonList"_s)) != nullptr, 20000);
    QCOMPARE(list->property("count").toInt(), player.lessons()->rowCount());
    QVERIFY(saveScreenshot(m_window, u"lesson-list-1280x800.png"_s));

    // Down, Up: the first lesson; Enter opens it and closes the list.
    QTest::keyClick(m_window, Qt::Key_Down);
    QTest::keyClick(m_window, Qt::Key_Up);
    QCOMPARE(list->property("currentIndex").toInt(), 0);
    QTest::keyClick(m_window, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(player.isActive(), 20000);
    QCOMPARE(player.lessonId(), u"01-device-private-fault"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!visibleNamed(m_window, u"lessonList"_s), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(visibleNamed(m_window, u"lessonPanel"_s), 20000);

    // F5 steps the lesson's scenario; the goals follow.
    QTest::keyClick(m_window, Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(SimController::instance().run()->steps(), 1, 20000);
    QVERIFY(player.isFollowing());
    QVERIFY(saveScreenshot(m_window, u"lesson-01-start-1280x800.png"_s));
}

void TestLessonWindow::cleanup()
{
    LessonPlayer &player = LessonPlayer::instance();
    player.stopTour();
    setTextScale(1.0);
    m_window->resize(1280, 800);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->width(), 1280, 20000);
}

void TestLessonWindow::openButtonOpensTheSelectedLesson()
{
    LessonPlayer &player = LessonPlayer::instance();
    QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
    QQuickItem *list = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((list = visibleNamed(m_window, u"lessonList"_s)) != nullptr, 20000);
    // The scroll bar is always there, so a class sees the list goes on.
    QQuickItem *bar = visibleNamed(m_window, u"lessonListScrollBar"_s);
    QVERIFY(bar);
    QVERIFY(bar->width() >= 8);
    QCOMPARE(bar->property("policy").toInt(), int(Qt::ScrollBarAlwaysOn));
    list->setProperty("currentIndex", 2);
    QQuickItem *open = visibleNamed(m_window, u"lessonOpenButton"_s);
    QVERIFY(open);
    QVERIFY(open->isEnabled());
    QVERIFY(saveScreenshot(m_window, u"lesson-list-open-1280x800.png"_s));
    clickCentre(m_window, open);
    QTRY_COMPARE_WITH_TIMEOUT(player.lessonIndex(), 2, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!visibleNamed(m_window, u"lessonList"_s), 20000);
}

void TestLessonWindow::lessonChangeLeavesNoStaleHeader()
{
    LessonPlayer &player = LessonPlayer::instance();
    // At every text size: a title, a button row or a goal that wraps
    // differently from one lesson to the next is where a layout goes stale.
    for (const double scale : {1.0, 1.25, 1.5}) {
        setTextScale(scale);
        QVERIFY(player.openLesson(u"01-device-private-fault"_s));
        QTRY_VERIFY_WITH_TIMEOUT(visibleNamed(m_window, u"lessonPanel"_s), 20000);
        QQuickItem *panel = visibleNamed(m_window, u"lessonPanel"_s);
        const int pct = qRound(scale * 100);
        // Forward through the course and back, from the keyboard, each time
        // scrolled down as a class is after reading the goals.
        for (int i = 1; i < player.lessonCount(); ++i) {
            scrollToEnd(m_window);
            QTest::qWait(20);
            QTest::keyClick(m_window, Qt::Key_PageDown, Qt::ControlModifier);
            QTRY_COMPARE_WITH_TIMEOUT(player.lessonIndex(), i, 20000);
            waitForLayout(m_window);
            if (i <= 2 || i == 10)
                QVERIFY(saveScreenshot(m_window,
                        u"lesson-change-%1-%2.png"_s.arg(i + 1, 2, 10, QChar(u'0')).arg(pct)));
            const QString problem = layoutProblems(panel);
            QVERIFY2(problem.isEmpty(),
                    qPrintable(u"lesson %1 at %2 %: %3"_s.arg(i + 1).arg(pct).arg(problem)));
            const QList<QQuickItem *> titles = allVisibleNamedIn(panel, u"lessonTitle"_s);
            QCOMPARE(titles.size(), 1);
        }
        for (int i = player.lessonCount() - 2; i >= 0; --i) {
            scrollToEnd(m_window);
            QTest::keyClick(m_window, Qt::Key_PageUp, Qt::ControlModifier);
            QTRY_COMPARE_WITH_TIMEOUT(player.lessonIndex(), i, 20000);
            waitForLayout(m_window);
            const QString problem = layoutProblems(panel);
            QVERIFY2(problem.isEmpty(),
                    qPrintable(
                            u"back to lesson %1 at %2 %: %3"_s.arg(i + 1).arg(pct).arg(problem)));
        }
    }
}

void TestLessonWindow::lessonOpensAtItsStory()
{
    LessonPlayer &player = LessonPlayer::instance();
    QVERIFY(player.openLesson(u"05-livelock"_s));
    QQuickItem *flick = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((flick = lessonFlickable(m_window)) != nullptr, 20000);
    // Scrolled down to the goals, as a class would be during a lesson...
    QTRY_VERIFY_WITH_TIMEOUT(flick->property("contentHeight").toReal() > flick->height(), 20000);
    flick->setProperty("contentY", flick->property("contentHeight").toReal() - flick->height());
    QVERIFY(flick->property("contentY").toReal() > 0);
    // ...the next lesson opens at its top, the story first.
    QTest::keyClick(m_window, Qt::Key_PageDown, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(player.lessonIndex(), 5, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(flick->property("contentY").toReal(), 0.0, 20000);
    QQuickItem *story = visibleNamed(m_window, u"lessonStory"_s);
    QQuickItem *goals = visibleNamed(m_window, u"lessonGoals"_s);
    QVERIFY(story && goals);
    QVERIFY(story->mapToScene(QPointF(0, 0)).y() < goals->mapToScene(QPointF(0, 0)).y());
    // The story's first line is in view.
    const qreal storyTop = story->mapToItem(flick, QPointF(0, 0)).y();
    QVERIFY(storyTop >= 0 && storyTop < flick->height() / 2);
}

// Waits for Show me's worker, then beats the tour (as its clock would)
// until it stops at a goal. Returns false if it ended first.
static bool tourToNextGoal(LessonPlayer &player)
{
    if (!QTest::qWaitFor([&] { return !player.isBusy() && player.isTouring(); }, 60000))
        return false;
    for (int guard = 0; guard < 2000 && player.isTouring() && !player.isTourPaused(); ++guard)
        player.advanceTour();
    return player.isTourPaused();
}

void TestLessonWindow::showMeStopsAtAGoalAndSpaceGoesOn()
{
    LessonPlayer &player = LessonPlayer::instance();
    QVERIFY(player.openLesson(u"01-device-private-fault"_s));
    QTest::keyClick(m_window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(player.isBusy() || player.isTouring(), 20000);
    QVERIFY(tourToNextGoal(player));
    QCOMPARE(player.tourGoalNumber(), 1);
    QQuickItem *goalText = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
            (goalText = visibleNamed(m_window, u"tourGoalText"_s)) != nullptr, 20000);
    waitForLayout(m_window);
    QCOMPARE(goalText->property("text").toString(), player.tourGoalText());
    // Prominent: larger than the body text, and in view at the panel's top.
    QVERIFY(goalText->property("font").value<QFont>().pixelSize()
            > m_window->property("font").value<QFont>().pixelSize());
    QVERIFY(saveScreenshot(m_window, u"lesson-01-showme-goal-1280x800.png"_s));
    QVERIFY(goalText->mapToScene(QPointF(0, goalText->height())).y() <= m_window->height());
    QTest::keyClick(m_window, Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(!player.isTourPaused(), 20000);
    QVERIFY(player.isTouring());
    QVERIFY(tourToNextGoal(player));
    QCOMPARE(player.tourGoalNumber(), 2);
    QTest::keyClick(m_window, Qt::Key_Escape); // stops the tour
    QTRY_VERIFY_WITH_TIMEOUT(!player.isTouring(), 20000);
    QVERIFY(!player.isWatched());
}

void TestLessonWindow::lessonsTaughtFromTheKeyboard_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("scale");
    for (const char *id :
            {"01-device-private-fault", "05-livelock", "09-lru-cache-disable", "11-merged-fix"}) {
        const QString name = QString::fromLatin1(id).left(2);
        QTest::newRow(qPrintable(name + u"-1280x800-100"_s))
                << QString::fromLatin1(id) << QSize(1280, 800) << 1.0;
        QTest::newRow(qPrintable(name + u"-1280x800-125"_s))
                << QString::fromLatin1(id) << QSize(1280, 800) << 1.25;
        QTest::newRow(qPrintable(name + u"-1280x800-150"_s))
                << QString::fromLatin1(id) << QSize(1280, 800) << 1.5;
        QTest::newRow(qPrintable(name + u"-1920x1080-100"_s))
                << QString::fromLatin1(id) << QSize(1920, 1080) << 1.0;
    }
}

// A teacher with the keyboard only: previous/next lesson to reach it, a
// hint, Show me, Space at each goal to the end; the panel readable all along.
void TestLessonWindow::lessonsTaughtFromTheKeyboard()
{
    QFETCH(QString, lesson);
    QFETCH(QSize, size);
    QFETCH(double, scale);
    LessonPlayer &player = LessonPlayer::instance();
    setTextScale(scale);
    m_window->resize(size);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->width(), size.width(), 20000);
    const int target = player.lessons()->indexOf(lesson);
    QVERIFY(player.openLessonAt(target > 0 ? target - 1 : target + 1));
    QTest::keyClick(m_window, target > 0 ? Qt::Key_PageDown : Qt::Key_PageUp, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(player.lessonId(), lesson, 20000);
    QQuickItem *panel = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((panel = visibleNamed(m_window, u"lessonPanel"_s)) != nullptr, 20000);
    const QString tag = u"lesson-%1-%2x%3-%4"_s.arg(lesson.left(2))
                                .arg(size.width())
                                .arg(size.height())
                                .arg(qRound(scale * 100));
    waitForLayout(m_window);
    QVERIFY2(layoutProblems(panel).isEmpty(), qPrintable(layoutProblems(panel)));
    QVERIFY(saveScreenshot(m_window, tag + u"-open.png"_s));

    QTest::keyClick(m_window, Qt::Key_H, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(player.hints().size(), 1, 20000);

    QTest::keyClick(m_window, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(player.isBusy() || player.isTouring(), 20000);
    // The whole tour at 1280x800 with 125 % text (the lecture hall); at
    // the other sizes its first stop is enough for the pictures.
    const bool whole = size == QSize(1280, 800) && scale == 1.25;
    int stops = 0;
    while (tourToNextGoal(player)) {
        ++stops;
        waitForLayout(m_window);
        if (stops == 1 || (whole && stops == player.goalsTotal()))
            QVERIFY(saveScreenshot(m_window, tag + u"-showme-goal%1.png"_s.arg(stops)));
        QVERIFY2(layoutProblems(panel).isEmpty(),
                qPrintable(u"goal %1: %2"_s.arg(stops).arg(layoutProblems(panel))));
        // The box with the goal: readable, and all of it in the window.
        QQuickItem *box = visibleNamed(m_window, u"tourBox"_s);
        QVERIFY(box);
        QVERIFY2(layoutProblems(box).isEmpty(), qPrintable(layoutProblems(box)));
        const QRectF boxRect = sceneRect(box);
        QVERIFY2(boxRect.top() >= 0 && boxRect.bottom() <= m_window->height() + 1,
                qPrintable(u"box from %1 to %2"_s.arg(boxRect.top()).arg(boxRect.bottom())));
        QQuickItem *goalText = visibleNamed(m_window, u"tourGoalText"_s);
        QVERIFY(goalText);
        QQuickItem *cont = visibleNamed(m_window, u"tourContinueButton"_s);
        QVERIFY(cont);
        QVERIFY(cont->mapToScene(QPointF(0, cont->height())).y() <= m_window->height() + 1);
        if (!whole) {
            QTest::keyClick(m_window, Qt::Key_Escape);
            QTRY_VERIFY_WITH_TIMEOUT(!player.isTouring(), 20000);
            return;
        }
        QTest::keyClick(m_window, Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(!player.isTourPaused(), 20000);
    }
    QCOMPARE(stops, player.goalsTotal());
    QTRY_VERIFY_WITH_TIMEOUT(!player.isTouring(), 20000);
    QVERIFY(player.isWatched());
    QCOMPARE(player.goalsMet(), 0);
    waitForLayout(m_window);
    QVERIFY2(layoutProblems(panel).isEmpty(), qPrintable(layoutProblems(panel)));
    QVERIFY(saveScreenshot(m_window, tag + u"-watched.png"_s));
}

void TestLessonWindow::resetProgressAsksFirst()
{
    LessonPlayer &player = LessonPlayer::instance();
    LessonProgress::setWatched(u"02-lru-batches"_s);
    player.lessons()->refreshProgress();
    QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(visibleNamed(m_window, u"lessonList"_s), 20000);
    QQuickItem *reset = visibleNamed(m_window, u"resetProgressButton"_s);
    QVERIFY(reset);
    QMetaObject::invokeMethod(reset, "clicked");
    QQuickItem *confirm = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
            (confirm = visibleNamed(m_window, u"resetProgressConfirm"_s)) != nullptr, 20000);
    QVERIFY(LessonProgress::isWatched(u"02-lru-batches"_s)); // nothing forgotten yet
    QVERIFY(saveScreenshot(m_window, u"lesson-reset-confirm-1280x800.png"_s));
    // "Keep it" forgets nothing; "Forget my progress" does.
    QMetaObject::invokeMethod(visibleNamed(m_window, u"resetProgressNo"_s), "clicked");
    QTRY_VERIFY_WITH_TIMEOUT(!visibleNamed(m_window, u"resetProgressConfirm"_s), 20000);
    QVERIFY(LessonProgress::isWatched(u"02-lru-batches"_s));
    QMetaObject::invokeMethod(reset, "clicked");
    QTRY_VERIFY_WITH_TIMEOUT(visibleNamed(m_window, u"resetProgressYes"_s), 20000);
    QMetaObject::invokeMethod(visibleNamed(m_window, u"resetProgressYes"_s), "clicked");
    QTRY_VERIFY_WITH_TIMEOUT(!LessonProgress::isWatched(u"02-lru-batches"_s), 20000);
    QCOMPARE(player.lessons()->index(1).data(LessonListModel::ProgressTextRole).toString(),
            u"not started"_s);
    QTest::keyClick(m_window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!visibleNamed(m_window, u"lessonList"_s), 20000);
}

void TestLessonWindow::lessonFiveAtTheLivelock()
{
    LessonPlayer &player = LessonPlayer::instance();
    SimController &simController = SimController::instance();
    RunModel &sim = *simController.run();
    QVERIFY(player.openLesson(u"05-livelock"_s));
    QTest::keyClick(m_window, Qt::Key_F8); // to the verdict, off the GUI thread
    QTRY_VERIFY_WITH_TIMEOUT(!sim.isBusy() && !player.isBusy(), 60000);
    QCOMPARE(sim.verdict(), u"LIVELOCK"_s);

    const int verdictRow = player.goalsTotal() - 1;
    QCOMPARE(player.goals()
                     ->data(player.goals()->index(verdictRow), GoalListModel::GoalIdRole)
                     .toString(),
            u"verdict"_s);
    QTRY_VERIFY_WITH_TIMEOUT(player.goals()->isMet(verdictRow), 20000);

    // The rows in the panel say so, with the word and the colour.
    for (const QSize size : {QSize(1280, 800), QSize(1920, 1080)}) {
        m_window->resize(size);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->width(), size.width(), 20000);
        const QList<QQuickItem *> rows = allVisibleNamedIn(m_window->contentItem(), u"goalRow"_s);
        QCOMPARE(rows.size(), player.goalsTotal());
        QQuickItem *row = rows.at(verdictRow);
        scrollIntoView(row); // on a small screen the last goal may be below the fold
        QImage image;
        QVERIFY(saveScreenshot(m_window,
                u"lesson-05-livelock-%1x%2.png"_s.arg(size.width()).arg(size.height()), &image));
        QVERIFY(row->property("met").toBool());
        QCOMPARE(row->property("statusText").toString(), u"met"_s);
        // Inside the row, just left of its right edge, mid-height: its background.
        const QColor bg
                = colourAt(m_window, image, row, QPointF(row->width() - 6, row->height() / 2));
        QVERIFY2(bg.green() > bg.red() + 10 && bg.green() > bg.blue() + 10,
                qPrintable(u"met row background %1 is not green"_s.arg(bg.name())));
    }
}

QTEST_MAIN(TestLessonWindow)
#include "tst_lessonwindow.moc"
