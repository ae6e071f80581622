// SPDX-License-Identifier: GPL-2.0-only
#include "brokenscenario.h"
#include "simcontroller.h"

#include <QDir>
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
    void completedAndErrorBanners();

private:
    // Loads Main.qml the way main() does; returns its window or nullptr.
    QQuickWindow *loadMainWindow(QQmlApplicationEngine &engine);
};

static QObject *findNamed(QQuickWindow *window, const QString &name)
{
    if (QObject *found = window->findChild<QObject *>(name))
        return found;
    return window->contentItem()->findChild<QObject *>(name);
}

static QString screenshotPath(const QString &fileName)
{
    const QString dir = QStringLiteral(FOLIOLAB_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    return dir + u'/' + fileName;
}

// The banner's background, sampled just inside its bottom-right corner where
// no text is; invalid when the banner is off the image.
static QColor bannerBackground(QQuickWindow *window, const QImage &image, QQuickItem *banner)
{
    const QRectF r = banner->mapRectToScene(QRectF(0, 0, banner->width(), banner->height()));
    const qreal dpr = window->effectiveDevicePixelRatio();
    const QPoint corner(int((r.right() - 10) * dpr), int((r.bottom() - 10) * dpr));
    return image.rect().contains(corner) ? image.pixelColor(corner) : QColor();
}

QQuickWindow *TestMainWindow::loadMainWindow(QQmlApplicationEngine &engine)
{
    engine.addImportPath(u"qrc:/"_s);
    engine.load(QUrl(u"qrc:/FolioLab/Ui/Main.qml"_s));
    if (engine.rootObjects().isEmpty())
        return nullptr;
    return qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
}

void TestMainWindow::initTestCase()
{
    QQuickStyle::setStyle(u"Fusion"_s);
}

void TestMainWindow::screenshotAtLivelock()
{
    SimController &sim = SimController::instance();
    QVERIFY2(sim.loadScenario(u"l1"_s), qPrintable(sim.errorText()));

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

    sim.runToVerdict();
    QCOMPARE(sim.verdict(), u"LIVELOCK"_s);
    QTRY_VERIFY(banner->isVisible());
    QObject *verdictText = findNamed(window, u"verdictText"_s);
    QVERIFY(verdictText);
    QTRY_VERIFY(verdictText->property("text").toString().contains(u"LIVELOCK"));

    // Give the scene graph a frame with the new state before grabbing.
    QTest::qWait(50);
    const QImage image = window->grabWindow();
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 1280 && image.height() >= 800);
    const QString path = screenshotPath(u"mainwindow-l1-livelock.png"_s);
    QVERIFY2(image.save(path), qPrintable(path));
    qInfo("screenshot: %s", qPrintable(path));

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
}

void TestMainWindow::completedAndErrorBanners()
{
    SimController &sim = SimController::instance();
    QVERIFY2(sim.loadScenario(u"l1-single"_s), qPrintable(sim.errorText()));

    QQmlApplicationEngine engine;
    QQuickWindow *window = loadMainWindow(engine);
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowExposed(window));

    // A file that does not parse: the error shows, the scenario stays.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"broken.toml"_s);
    QVERIFY(writeBrokenScenario(path));
    QVERIFY(!sim.loadScenario(path));
    auto *error = qobject_cast<QQuickItem *>(findNamed(window, u"errorBanner"_s));
    QVERIFY(error);
    QTRY_VERIFY(error->isVisible());
    QVERIFY(error->property("text").toString().contains(path));
    QCOMPARE(window->title(), u"FolioLab — l1-single"_s);

    sim.runToVerdict();
    QCOMPARE(sim.verdict(), u"COMPLETED"_s);
    auto *banner = qobject_cast<QQuickItem *>(findNamed(window, u"verdictBanner"_s));
    QVERIFY(banner);
    QTRY_VERIFY(banner->isVisible());

    QTest::qWait(50);
    const QImage image = window->grabWindow();
    QVERIFY(!image.isNull());
    QVERIFY(image.save(screenshotPath(u"mainwindow-l1-single-completed.png"_s)));
    const QColor bg = bannerBackground(window, image, banner);
    QVERIFY(bg.isValid());
    QVERIFY2(bg.green() > bg.red() + 10 && bg.green() > bg.blue() + 10,
            qPrintable(u"banner background %1 is not green-ish"_s.arg(bg.name())));

    // A good load clears the error banner.
    QVERIFY(sim.loadScenario(u"l1"_s));
    QTRY_VERIFY(!error->isVisible());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
