// SPDX-License-Identifier: GPL-2.0-only
#include "plotitem.h"

#include "runmodel.h"
#include "simcontroller.h"
#include "timeline.h"

#include <QElapsedTimer>
#include <QPainter>
#include <QQuickWindow>
#include <qcustomplot.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// More points than pixels only cost time: thin long runs to about this many.
constexpr std::size_t MaxPoints = 4000;

// One colour per line, told apart by dash pattern too (greyscale, colour blindness).
struct LineStyle
{
    QColor colour;
    Qt::PenStyle dash;
};
const LineStyle Lines[]
        = {{QColor(0xd3, 0x54, 0x00), Qt::SolidLine}, {QColor(0x1b, 0x5e, 0x20), Qt::SolidLine},
                {QColor(0x0d, 0x47, 0xa1), Qt::DashLine}, {QColor(0x6a, 0x1b, 0x9a), Qt::DotLine}};

} // namespace

PlotItem::PlotItem(QQuickItem *parent)
    : QQuickPaintedItem(parent)
    , m_plot(std::make_unique<QCustomPlot>())
{
    m_plot->setAttribute(Qt::WA_DontShowOnScreen);
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    m_plot->legend->setVisible(true);
    // The legend in a row of its own above the axes: it never covers a curve.
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->legend->setWrap(2); // two entries a row: a narrow side panel fits them
    m_plot->legend->setMargins(QMargins(6, 3, 6, 6));
    m_plot->yAxis->ticker()->setTickCount(3); // a short plot: few, readable labels
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->xAxis->setLabel(u"virtual time (ms)"_s);
    // The current step: a vertical line, as the swimlanes' cursor.
    m_cursorLine = new QCPItemStraightLine(m_plot.get());
    m_cursorLine->setVisible(false);
    setSeries(TrylockFailures);
    rebuild();

    setRun(SimController::instance().run());
    connect(this, &PlotItem::themeChanged, this, [this] {
        applyTheme();
        polish();
    });
    connect(this, &PlotItem::viewChanged, this, [this] {
        if (isVisible())
            polish();
    });
}

PlotItem::~PlotItem() = default;

void PlotItem::setRun(RunModel *run)
{
    if (run == m_run)
        return;
    disconnect(m_runConnection);
    m_run = run;
    // A hidden plot (another tab) does no work; it catches up when shown.
    if (run)
        m_runConnection = connect(run, &RunModel::stateChanged, this, [this] {
            if (isVisible())
                polish();
        });
    emit runChanged();
    polish();
}

void PlotItem::setSeries(Series series)
{
    if (series == m_series && m_plot->graphCount() > 0)
        return;
    m_series = series;
    m_plot->clearGraphs();
    QStringList names;
    switch (series) {
    case TrylockFailures:
        names << tr("T's failed folio_trylock");
        m_plot->yAxis->setLabel(tr("failures"));
        break;
    case Progress:
        names << tr("faults done") << tr("migrations done") << tr("drain work done");
        m_plot->yAxis->setLabel(tr("count"));
        break;
    case DrainLatency:
        names << tr("oldest lru_add_drain_all in flight");
        m_plot->yAxis->setLabel(tr("age (ms)"));
        break;
    }
    for (int i = 0; i < names.size(); ++i) {
        QCPGraph *g = m_plot->addGraph();
        g->setName(names[i]);
        g->setPen(QPen(Lines[i].colour, 2, Lines[i].dash));
        g->setLineStyle(series == Progress ? QCPGraph::lsStepLeft : QCPGraph::lsLine);
    }
    applyTheme();
    emit seriesChanged();
    polish();
}

void PlotItem::applyTheme()
{
    QFont font;
    font.setPixelSize(m_fontPixelSize);
    m_plot->setBackground(m_backgroundColor);
    m_plot->legend->setBrush(m_backgroundColor);
    m_plot->legend->setTextColor(m_textColor);
    m_plot->legend->setFont(font);
    m_plot->legend->setBorderPen(Qt::NoPen);
    // Taller than a line of text: QCustomPlot clips an entry to its icon's
    // height, which would cut the underscores off (folio_trylock).
    m_plot->legend->setIconSize(QSize(32, m_fontPixelSize + 8));

    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setBasePen(QPen(m_textColor));
        axis->setTickPen(QPen(m_textColor));
        axis->setSubTickPen(QPen(m_textColor));
        axis->setTickLabelColor(m_textColor);
        axis->setLabelColor(m_textColor);
        axis->setTickLabelFont(font);
        axis->setLabelFont(font);
        axis->grid()->setPen(QPen(QColor(128, 128, 128, 70), 1, Qt::DotLine));
    }
    m_cursorLine->setPen(QPen(m_textColor, 2));
}

void PlotItem::rebuild()
{
    const Timeline *timeline = m_run ? m_run->timeline() : nullptr;
    const std::size_t n = timeline ? timeline->position() : 0;
    const int graphs = m_plot->graphCount();
    const auto &samples = timeline ? timeline->samples() : std::vector<Timeline::Sample> {};
    m_cursorTime = n > 0 ? static_cast<double>(samples[n - 1].time) : -1;

    // The span shown picks the unit: "87 µs" reads better than "0.087 ms".
    const bool shared = m_viewEnd > m_viewStart;
    const double spanNs = shared ? m_viewEnd - m_viewStart : std::max(m_cursorTime, 1.0);
    double unit = 1e6;
    m_timeUnit = u"ms"_s;
    if (spanNs < 2e3) {
        unit = 1;
        m_timeUnit = u"ns"_s;
    } else if (spanNs < 2e6) {
        unit = 1e3;
        m_timeUnit = u"µs"_s;
    } else if (spanNs >= 2e9) {
        unit = 1e9;
        m_timeUnit = u"s"_s;
    }
    m_plot->xAxis->setLabel(tr("virtual time (%1)").arg(m_timeUnit));

    QVector<double> keys;
    QVector<QVector<double>> values(graphs);
    if (n > 0) {
        // Thin to about MaxPoints over what is shown (the shared range, when
        // zoomed in, keeps every step in it).
        std::size_t first = 0, last = n;
        if (shared) {
            // Sample times are sorted but for the skew between CPU clocks:
            // close enough to find the range, one point either side of it so
            // the line enters and leaves the plot.
            const auto begin = samples.begin();
            const auto end = begin + static_cast<std::ptrdiff_t>(n);
            const auto from = std::partition_point(begin, end,
                    [&](const Timeline::Sample &s) { return double(s.time) < m_viewStart; });
            const auto to = std::partition_point(from, end,
                    [&](const Timeline::Sample &s) { return double(s.time) <= m_viewEnd; });
            first = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, from - begin - 1));
            last = std::min(n, static_cast<std::size_t>(to - begin) + 1);
        }
        const std::size_t stride = std::max<std::size_t>(1, (last - first) / MaxPoints);
        keys.reserve(static_cast<qsizetype>((last - first) / stride + 2));
        for (auto &v : values)
            v.reserve(keys.capacity());
        auto add = [&](const Timeline::Sample &s) {
            keys << static_cast<double>(s.time) / unit;
            switch (m_series) {
            case TrylockFailures:
                values[0] << s.faulterTrylockFailures;
                break;
            case Progress:
                values[0] << s.faultsDone;
                values[1] << s.migrationsDone;
                values[2] << s.drainWorkDone;
                break;
            case DrainLatency:
                values[0] << static_cast<double>(s.drainAge) / 1e6;
                break;
            }
        };
        for (std::size_t i = first; i < last; i += stride)
            add(samples[i]);
        if ((last - 1 - first) % stride != 0)
            add(samples[last - 1]); // always end at the current step
    }
    // Per-CPU clocks differ a little: keep keys sorted for QCustomPlot.
    bool sorted = std::is_sorted(keys.begin(), keys.end());
    for (int g = 0; g < graphs; ++g)
        m_plot->graph(g)->setData(keys, values[g], sorted);
    m_pointCount = static_cast<int>(keys.size());
    m_plot->rescaleAxes();
    if (shared)
        m_plot->xAxis->setRange(m_viewStart / unit, m_viewEnd / unit);
    else if (keys.isEmpty())
        m_plot->xAxis->setRange(0, 1);
    if (m_plot->yAxis->range().upper < 1)
        m_plot->yAxis->setRangeUpper(1);
    m_plot->yAxis->scaleRange(1.08, 0); // room above the top point
    // A little room below zero too: a counter stuck at zero shows as a line
    // above the axis, not hidden in it.
    m_plot->yAxis->setRangeLower(-m_plot->yAxis->range().upper * 0.04);

    m_cursorLine->setVisible(m_cursorTime >= 0);
    m_cursorLine->point1->setCoords(m_cursorTime / unit, 0);
    m_cursorLine->point2->setCoords(m_cursorTime / unit, 1);
}

// As many ticks as the size has room for, so their labels never run into
// each other: a label of "1234.5" wants about seven characters' width, and a
// row of labels about three lines' height.
static void fitTicks(QCustomPlot &plot, int width, int height, int fontPixelSize)
{
    const int charWidth = std::max(1, fontPixelSize * 6 / 10);
    plot.xAxis->ticker()->setTickCount(std::clamp(width / (charWidth * 12), 2, 6));
    // The axis rect is what is left under the legend and over the time axis.
    const int axisHeight = height - fontPixelSize * 5;
    plot.yAxis->ticker()->setTickCount(std::clamp(axisHeight * 2 / (fontPixelSize * 5), 2, 4));
}

void PlotItem::renderNow()
{
    QElapsedTimer timer;
    timer.start();
    rebuild();
    const int w = std::max(1, int(width()));
    const int h = std::max(1, int(height()));
    const qreal dpr = window() ? window()->effectiveDevicePixelRatio() : 1.0;
    fitTicks(*m_plot, w, h, m_fontPixelSize);
    // Hidden widget: no resizeEvent, so geometry and viewport are set by hand.
    m_plot->setGeometry(0, 0, w, h);
    m_plot->setViewport(QRect(0, 0, w, h));
    QImage image(QSize(int(w * dpr), int(h * dpr)), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(m_backgroundColor);
    {
        QCPPainter painter(&image);
        m_plot->toPainter(&painter, w, h);
    }
    m_image = std::move(image);
    m_renderMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
    emit rendered();
    update();
}

QImage PlotItem::renderImage(QSize size, qreal scale)
{
    rebuild();
    const int w = std::max(1, size.width());
    const int h = std::max(1, size.height());
    fitTicks(*m_plot, w, h, m_fontPixelSize);
    m_plot->setGeometry(0, 0, w, h);
    m_plot->setViewport(QRect(0, 0, w, h));
    QImage image(QSize(int(w * scale), int(h * scale)), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(m_backgroundColor);
    {
        QCPPainter painter(&image);
        m_plot->toPainter(&painter, w, h);
    }
    // Back to the size on screen for the next render.
    m_plot->setGeometry(0, 0, std::max(1, int(width())), std::max(1, int(height())));
    m_plot->setViewport(QRect(0, 0, std::max(1, int(width())), std::max(1, int(height()))));
    return image;
}

void PlotItem::updatePolish()
{
    if (width() < 1 || height() < 1)
        return;
    renderNow();
}

void PlotItem::paint(QPainter *painter)
{
    if (!m_image.isNull())
        painter->drawImage(QRectF(0, 0, width(), height()), m_image);
}

void PlotItem::geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry)
{
    QQuickPaintedItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
        polish();
}

void PlotItem::itemChange(ItemChange change, const ItemChangeData &value)
{
    QQuickPaintedItem::itemChange(change, value);
    if (change == ItemDevicePixelRatioHasChanged || change == ItemSceneChange
            || (change == ItemVisibleHasChanged && value.boolValue))
        polish();
}
