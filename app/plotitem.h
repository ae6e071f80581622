// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QColor>
#include <QImage>
#include <QPointer>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

#include <memory>

#include "runmodel.h"

class QCustomPlot;

// A QCustomPlot inside Qt Quick (qt-stack-notes §B.4): the plot is a hidden
// widget owned here, rendered on the GUI thread in updatePolish() into an
// image at the window's device pixel ratio; paint() (render thread) only
// draws that image. It plots one series kind of a run's timeline over
// virtual time, up to the current step, and re-renders at most once a frame.
class PlotItem : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT

public:
    enum Series {
        TrylockFailures, //!< the hmm_range_fault callers' failed folio_trylock, cumulative
        Progress, //!< faults done, migrations done, drain work done
        DrainLatency, //!< age of the oldest lru_add_drain_all() in flight
    };
    Q_ENUM(Series)

private:
    Q_PROPERTY(Series series READ series WRITE setSeries NOTIFY seriesChanged)
    //! The run plotted: the window's (SimController.run) unless set.
    Q_PROPERTY(RunModel *run READ run WRITE setRun NOTIFY runChanged)
    Q_PROPERTY(QColor textColor MEMBER m_textColor NOTIFY themeChanged)
    Q_PROPERTY(QColor backgroundColor MEMBER m_backgroundColor NOTIFY themeChanged)
    Q_PROPERTY(int fontPixelSize MEMBER m_fontPixelSize NOTIFY themeChanged)
    //! The time range shown, in virtual ns, shared with the swimlanes; when
    //! viewEnd <= viewStart the plot spans the run up to the current step.
    Q_PROPERTY(double viewStart MEMBER m_viewStart NOTIFY viewChanged)
    Q_PROPERTY(double viewEnd MEMBER m_viewEnd NOTIFY viewChanged)
    //! The virtual time of the current step, marked by a line (-1 before a step).
    Q_PROPERTY(double cursorTime READ cursorTime NOTIFY rendered)
    //! The unit of the time axis ("ns", "µs", "ms" or "s"), chosen by the span shown.
    Q_PROPERTY(QString timeUnit READ timeUnit NOTIFY rendered)
    //! Points currently plotted in the first graph (tests, accessibility).
    Q_PROPERTY(int pointCount READ pointCount NOTIFY rendered)
    //! Milliseconds the last render took (QCustomPlot draw + image).
    Q_PROPERTY(double renderMs READ renderMs NOTIFY rendered)

public:
    explicit PlotItem(QQuickItem *parent = nullptr);
    ~PlotItem() override;

    [[nodiscard]] Series series() const { return m_series; }
    void setSeries(Series series);
    [[nodiscard]] RunModel *run() const { return m_run; }
    void setRun(RunModel *run);
    [[nodiscard]] int pointCount() const { return m_pointCount; }
    [[nodiscard]] double renderMs() const { return m_renderMs; }
    [[nodiscard]] double cursorTime() const { return m_cursorTime; }
    [[nodiscard]] QString timeUnit() const { return m_timeUnit; }

    void paint(QPainter *painter) override;

    //! Rebuilds the data and renders now (benchmarks; normally via polish()).
    void renderNow();
    //! The plot as it is now at `size`, drawn at `scale` (File ▸ Export).
    [[nodiscard]] QImage renderImage(QSize size, qreal scale);

signals:
    void seriesChanged();
    void runChanged();
    void themeChanged();
    void viewChanged();
    void rendered();

protected:
    void updatePolish() override;
    void geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry) override;
    void itemChange(ItemChange change, const ItemChangeData &value) override;

private:
    void rebuild();
    void applyTheme();

    std::unique_ptr<QCustomPlot> m_plot;
    QPointer<RunModel> m_run;
    QMetaObject::Connection m_runConnection;
    QImage m_image;
    Series m_series = TrylockFailures;
    QColor m_textColor = Qt::black;
    QColor m_backgroundColor = Qt::white;
    int m_fontPixelSize = 14;
    int m_pointCount = 0;
    double m_viewStart = 0;
    double m_viewEnd = 0;
    double m_cursorTime = -1;
    QString m_timeUnit = QStringLiteral("ms");
    class QCPItemStraightLine *m_cursorLine = nullptr;
    double m_renderMs = 0;
};
