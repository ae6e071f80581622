// SPDX-License-Identifier: GPL-2.0-only
#include "lessonplayer.h"
#include "lessonprogress.h"
#include "runmodel.h"
#include "simcontroller.h"

#include <QDir>
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
// the keyboard, and lesson 5 photographed after its livelock goal is met.
// PNGs go to build/screenshots/; the checks are on item properties and on
// the colour inside the goal rows, not on exact pixels.
class TestLessonWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void courseOpensFromTheKeyboard();
    void lessonFiveAtTheLivelock();

private:
    QTemporaryDir m_settingsDir;
    QQmlApplicationEngine *m_engine = nullptr;
    QQuickWindow *m_window = nullptr;
};

static QString screenshotPath(const QString &fileName)
{
    const QString dir = QStringLiteral(FOLIOLAB_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    return dir + u'/' + fileName;
}

static void collectNamed(QQuickItem *root, const QString &name, QList<QQuickItem *> &out)
{
    if (!root->isVisible())
        return;
    if (root->objectName() == name)
        out << root;
    for (QQuickItem *child : root->childItems())
        collectNamed(child, name, out);
}

static QQuickItem *visibleNamed(QQuickWindow *window, const QString &name)
{
    QList<QQuickItem *> found;
    collectNamed(window->contentItem(), name, found);
    // Popups (the dialog) live under the overlay, a child of the content item's parent.
    if (found.isEmpty() && window->contentItem()->parentItem())
        collectNamed(window->contentItem()->parentItem(), name, found);
    return found.isEmpty() ? nullptr : found.constFirst();
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

static bool saveShot(QQuickWindow *window, const QString &name, QImage *out = nullptr)
{
    QTest::qWait(50); // a frame with the new state
    const QImage image = window->grabWindow();
    if (out)
        *out = image;
    const QString path = screenshotPath(name);
    qInfo("screenshot: %s (%dx%d)", qPrintable(path), image.width(), image.height());
    return !image.isNull() && image.save(path);
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
    m_engine->addImportPath(u"qrc:/"_s);
    m_engine->load(QUrl(u"qrc:/FolioLab/Ui/Main.qml"_s));
    QVERIFY(!m_engine->rootObjects().isEmpty());
    m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
    QVERIFY(m_window);
    m_window->setProperty("showErrorDialogs", false);
    m_window->resize(1280, 800);
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
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
    QVERIFY(saveShot(m_window, u"lesson-list-1280x800.png"_s));

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
    QVERIFY(saveShot(m_window, u"lesson-01-start-1280x800.png"_s));
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
        QList<QQuickItem *> rows;
        collectNamed(m_window->contentItem(), u"goalRow"_s, rows);
        QCOMPARE(rows.size(), player.goalsTotal());
        QQuickItem *row = rows.at(verdictRow);
        scrollIntoView(row); // on a small screen the last goal may be below the fold
        QImage image;
        QVERIFY(saveShot(m_window,
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
