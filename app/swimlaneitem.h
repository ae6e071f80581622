// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QColor>
#include <QImage>
#include <QPointer>
#include <QQuickPaintedItem>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include "runmodel.h"

#include "trace/chrome_trace.h"

// The run over time: a lane per CPU (who ran, doing what), a lane per task
// (running, spinning, runnable, asleep and on what, in words on the bar), a
// row of event marks and a density strip of failed trylocks, on one
// virtual-time axis with a cursor at the current step. Drawn from the
// timeline's RunTrace (slices merged as they were recorded), aggregated per
// pixel column: a paint never walks the steps, so a run of 10^6 steps draws
// in a frame.
//
// Colours (one meaning each, as in the window's legend): dark grey running
// in the kernel, mid grey running in user space, orange spinning on a lock
// (and failed trylocks), pale yellow runnable, light grey asleep, green
// done, red the verdict; event marks are glyphs in the text colour.
class SwimlaneItem : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT

    //! The run drawn.
    Q_PROPERTY(RunModel *run READ run WRITE setRun NOTIFY runChanged)
    //! The visible time range, in virtual nanoseconds.
    Q_PROPERTY(double viewStart READ viewStart NOTIFY viewChanged)
    Q_PROPERTY(double viewEnd READ viewEnd NOTIFY viewChanged)
    //! Follow the run's end while it records (until the user zooms or pans).
    Q_PROPERTY(bool following READ isFollowing NOTIFY viewChanged)
    //! The virtual time of the run's current step (the cursor).
    Q_PROPERTY(double cursorTime READ cursorTime NOTIFY traceChanged)
    //! The recorded run's last virtual time.
    Q_PROPERTY(double traceEnd READ traceEnd NOTIFY traceChanged)
    //! What is under the mouse, in words ("" when nothing).
    Q_PROPERTY(QString hoverText READ hoverText NOTIFY hoverTextChanged)
    //! The height the lanes need (the view scrolls when it has less).
    Q_PROPERTY(int contentHeight READ contentHeight NOTIFY traceChanged)
    Q_PROPERTY(QColor textColor MEMBER m_textColor NOTIFY themeChanged)
    Q_PROPERTY(QColor mutedColor MEMBER m_mutedColor NOTIFY themeChanged)
    Q_PROPERTY(QColor backgroundColor MEMBER m_backgroundColor NOTIFY themeChanged)
    Q_PROPERTY(QColor laneColor MEMBER m_laneColor NOTIFY themeChanged)
    Q_PROPERTY(QColor gridColor MEMBER m_gridColor NOTIFY themeChanged)
    Q_PROPERTY(int fontPixelSize MEMBER m_fontPixelSize NOTIFY themeChanged)
    //! Milliseconds the last paint took (benchmark, tests).
    Q_PROPERTY(double paintMs READ paintMs NOTIFY painted)

public:
    explicit SwimlaneItem(QQuickItem *parent = nullptr);

    [[nodiscard]] RunModel *run() const { return m_run; }
    void setRun(RunModel *run);
    [[nodiscard]] double viewStart() const { return m_viewStart; }
    [[nodiscard]] double viewEnd() const { return m_viewEnd; }
    [[nodiscard]] bool isFollowing() const { return m_following; }
    [[nodiscard]] double cursorTime() const;
    [[nodiscard]] double traceEnd() const;
    [[nodiscard]] QString hoverText() const { return m_hoverText; }
    [[nodiscard]] int contentHeight() const;
    [[nodiscard]] double paintMs() const { return m_paintMs; }

    void paint(QPainter *painter) override;

    //! Shows the whole recorded run (and follows it as it grows).
    Q_INVOKABLE void fitAll();
    //! Zooms to the starvation: the spin that runs into the verdict (or the
    //! lasso's cycle), with a margin; the whole run when there is neither.
    Q_INVOKABLE void zoomToVerdict();
    //! Zooms by `factor` (> 1 in) around the point `x` pixels from the left
    //! (the middle when x < 0).
    Q_INVOKABLE void zoom(double factor, double x = -1);
    //! Moves the view by `fraction` of its width (negative: earlier).
    Q_INVOKABLE void pan(double fraction);
    //! Shows [start, end] (ns) as asked, stops following the run's end.
    Q_INVOKABLE void setView(double start, double end);
    //! The step a click at (x, y) jumps to (a bar's or a mark's first step,
    //! or on the axis the step at that time), or -1 for none.
    Q_INVOKABLE int stepAt(double x, double y) const;
    //! The first step whose time reaches `time` (ns).
    Q_INVOKABLE int stepAtTime(double time) const;
    //! Where CPU `cpu`'s and task `task`'s lanes are, in item coordinates.
    Q_INVOKABLE QRectF cpuLaneRect(int cpu) const;
    Q_INVOKABLE QRectF taskLaneRect(int task) const;
    //! The pixel x of time `time` (ns) in the current view.
    Q_INVOKABLE double xOf(double time) const;
    //! Saves the swimlanes as SVG (by the core's writer, the whole run) or,
    //! for any other suffix, as a PNG of the current view at width x height;
    //! returns "" or why it failed.
    Q_INVOKABLE QString exportPicture(const QUrl &file, int width = 1920, int height = 0);
    //! Saves the recorded run as Chrome Trace Event JSON (Perfetto's UI and
    //! chrome://tracing open it); returns "" or why it failed.
    Q_INVOKABLE QString exportTrace(const QUrl &file);
    //! Draws the current view into an image of `size` pixels.
    [[nodiscard]] QImage renderImage(QSize size) const;

signals:
    void runChanged();
    void viewChanged();
    void traceChanged();
    void hoverTextChanged();
    void themeChanged();
    void painted();
    //! A click asks the run to jump to `step`; QML forwards it to run.seek.
    void seekRequested(int step);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void hoverMoveEvent(QHoverEvent *event) override;
    void hoverLeaveEvent(QHoverEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    struct Layout;
    [[nodiscard]] Layout layout(double width = -1, double height = -1) const;
    void draw(QPainter *p, QSizeF size) const;
    void onRunChanged();
    // setView kept near the run: for zooming and panning by hand.
    void moveView(double start, double end);
    void setHoverText(const QString &text);
    [[nodiscard]] QString describeAt(double x, double y) const;
    [[nodiscard]] double timeOfStep(int step) const;
    [[nodiscard]] fl::TraceMetadata metadata() const;

    QPointer<RunModel> m_run;
    double m_viewStart = 0;
    double m_viewEnd = 1;
    bool m_following = true;
    QString m_hoverText;
    double m_paintMs = 0;
    QPointF m_pressAt;
    double m_pressViewStart = 0;
    bool m_dragging = false;
    bool m_pressOnAxis = false;
    QColor m_textColor {QStringLiteral("#1d1f23")};
    QColor m_mutedColor {QStringLiteral("#4a4f57")};
    QColor m_backgroundColor {Qt::white};
    QColor m_laneColor {QStringLiteral("#f4f5f7")};
    QColor m_gridColor {QStringLiteral("#e0e2e6")};
    int m_fontPixelSize = 16;
};
