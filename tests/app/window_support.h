// SPDX-License-Identifier: GPL-2.0-only
#pragma once

// What the tests of the real window (Main.qml, offscreen) share: loading it
// as main() does, finding its items, waiting for its layout, clicking, and
// saving screenshots to build/screenshots/ under names people and docs use.
// A target that includes this defines FOLIOLAB_SCREENSHOT_DIR.

#include "appsettings.h"

#include <QDir>
#include <QImage>
#include <QList>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRect>
#include <QTest>

inline QString screenshotPath(const QString &fileName)
{
    const QString dir = QStringLiteral(FOLIOLAB_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    return dir + u'/' + fileName;
}

// Loads Main.qml the way main() does; returns its window or nullptr.
inline QQuickWindow *loadMainWindow(QQmlApplicationEngine &engine)
{
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.load(QUrl(QStringLiteral("qrc:/FolioLab/Ui/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return nullptr;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    // A scripted bad file must not leave a modal dialog over the next checks.
    if (window)
        window->setProperty("showErrorDialogs", false);
    return window;
}

// The main window at `size`, exposed and active (so keys reach it); nullptr,
// with the reason in the log, when a step fails.
inline QQuickWindow *showMainWindow(QQmlApplicationEngine &engine, QSize size)
{
    QQuickWindow *window = loadMainWindow(engine);
    if (!window) {
        qWarning("Main.qml did not load as a window");
        return nullptr;
    }
    window->resize(size);
    if (!QTest::qWaitForWindowExposed(window)) {
        qWarning("the main window was never exposed");
        return nullptr;
    }
    window->requestActivate();
    if (!QTest::qWaitForWindowActive(window)) {
        qWarning("the main window never became active");
        return nullptr;
    }
    return window;
}

// The header and menu bar are QObject children of the window, the rest
// children of its content item.
template<typename T = QObject>
T *findNamed(QQuickWindow *window, const QString &name)
{
    if (T *found = window->findChild<T *>(name))
        return found;
    return window->contentItem()->findChild<T *>(name);
}

// The first visible item named `name` under `root`. Walks the visual tree:
// view delegates (which share names) are not QObject children of the window.
inline QQuickItem *visibleNamedIn(QQuickItem *root, const QString &name)
{
    if (!root || !root->isVisible())
        return nullptr;
    if (root->objectName() == name)
        return root;
    for (QQuickItem *child : root->childItems())
        if (QQuickItem *found = visibleNamedIn(child, name))
            return found;
    return nullptr;
}

// Every visible item named `name` under `root`, in visual-tree order.
inline QList<QQuickItem *> allVisibleNamedIn(QQuickItem *root, const QString &name)
{
    QList<QQuickItem *> found;
    if (!root || !root->isVisible())
        return found;
    if (root->objectName() == name)
        found << root;
    for (QQuickItem *child : root->childItems())
        found << allVisibleNamedIn(child, name);
    return found;
}

inline QRectF sceneRect(const QQuickItem *item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}

// True once `item` is where it was at the previous call: use it in QTRY_VERIFY,
// which polls the event loop between calls, so a layout still settling (text
// that wraps anew after a verdict arrives moves what is below it) is not
// measured half way.
inline bool sceneRectSettled(const QQuickItem *item, QRectF *previous)
{
    const QRectF now = sceneRect(item);
    const bool same = !now.isEmpty() && now == *previous;
    *previous = now;
    return same;
}

// Where `item` is in a grab of `window` (grabs are in device pixels).
inline QRect imageRectOf(QQuickWindow *window, const QQuickItem *item)
{
    const QRectF r = sceneRect(item);
    const qreal dpr = window->effectiveDevicePixelRatio();
    return QRect(
            int(r.left() * dpr), int(r.top() * dpr), int(r.width() * dpr), int(r.height() * dpr));
}

template<typename Keep>
int countPixels(const QImage &image, const QRect &rect, Keep keep)
{
    int n = 0;
    const QRect r = rect.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            n += keep(image.pixelColor(x, y)) ? 1 : 0;
    return n;
}

inline void clickCentre(
        QQuickWindow *window, QQuickItem *item, Qt::KeyboardModifiers modifiers = {})
{
    const QPointF centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    QTest::mouseClick(window, Qt::LeftButton, modifiers, centre.toPoint());
}

// A grab polishes the layouts and renders at once: geometry read after it
// is what is on screen.
inline QImage renderFrame(QQuickWindow *window)
{
    return window->grabWindow();
}

// Lets queued changes (bindings, a resize, a new lesson) run, then lays out
// and draws them.
inline void waitForLayout(QQuickWindow *window)
{
    QTest::qWait(20);
    renderFrame(window);
}

// Gives the scene graph a frame with the new state before grabbing (the
// longest wait any of the window tests needed).
inline QImage grabNextFrame(QQuickWindow *window)
{
    QTest::qWait(100);
    return window->grabWindow();
}

inline bool saveScreenshot(const QImage &image, const QString &fileName)
{
    const QString path = screenshotPath(fileName);
    qInfo("screenshot: %s (%dx%d)", qPrintable(path), image.width(), image.height());
    return !image.isNull() && image.save(path);
}

// Grabs the next frame into `grabbed` (when given) and saves it.
inline bool saveScreenshot(QQuickWindow *window, const QString &fileName, QImage *grabbed = nullptr)
{
    const QImage image = grabNextFrame(window);
    if (grabbed)
        *grabbed = image;
    return saveScreenshot(image, fileName);
}

// The app's text size (1.0 is 100 %).
inline void setTextScale(double scale)
{
    AppSettings::instance().setFontScale(scale);
}

// Restores the text size the test found, also when a failed check returns
// early: the next test must not start at another size.
class ScopedTextScale
{
public:
    ScopedTextScale()
        : m_before(AppSettings::instance().fontScale())
    { }
    explicit ScopedTextScale(double scale)
        : ScopedTextScale()
    {
        setTextScale(scale);
    }
    ~ScopedTextScale() { setTextScale(m_before); }
    ScopedTextScale(const ScopedTextScale &) = delete;
    ScopedTextScale &operator=(const ScopedTextScale &) = delete;

private:
    double m_before;
};
