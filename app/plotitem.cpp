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
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    m_plot->xAxis->setLabel(u"virtual time (ms)"_s);
    setSeries(TrylockFailures);
    rebuild();

    setRun(SimController::instance().run());
    connect(this, &PlotItem::themeChanged, this, [this] {
        applyTheme();
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
    m_plot->legend->setBorderPen(QPen(m_textColor));
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
}

void PlotItem::rebuild()
{
    const Timeline *timeline = m_run ? m_run->timeline() : nullptr;
    const std::size_t n = timeline ? timeline->position() : 0;
    const int graphs = m_plot->graphCount();
    QVector<double> keys;
    QVector<QVector<double>> values(graphs);
    if (n > 0) {
        const auto &samples = timeline->samples();
        const std::size_t stride = std::max<std::size_t>(1, n / MaxPoints);
        keys.reserve(static_cast<qsizetype>(n / stride + 2));
        for (auto &v : values)
            v.reserve(keys.capacity());
        auto add = [&](const Timeline::Sample &s) {
            keys << static_cast<double>(s.time) / 1e6;
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
        for (std::size_t i = 0; i < n; i += stride)
            add(samples[i]);
        if ((n - 1) % stride != 0)
            add(samples[n - 1]); // always end at the current step
    }
    // Per-CPU clocks differ a little: keep keys sorted for QCustomPlot.
    bool sorted = std::is_sorted(keys.begin(), keys.end());
    for (int g = 0; g < graphs; ++g)
        m_plot->graph(g)->setData(keys, values[g], sorted);
    m_pointCount = static_cast<int>(keys.size());
    m_plot->rescaleAxes();
    if (keys.isEmpty())
        m_plot->xAxis->setRange(0, 1);
    m_plot->yAxis->setRangeLower(0);
    if (m_plot->yAxis->range().upper < 1)
        m_plot->yAxis->setRangeUpper(1);
    m_plot->yAxis->scaleRange(1.08, 0); // room above the top point
    m_plot->yAxis->setRangeLower(0);
}

void PlotItem::renderNow()
{
    QElapsedTimer timer;
    timer.start();
    rebuild();
    const int w = std::max(1, int(width()));
    const int h = std::max(1, int(height()));
    const qreal dpr = window() ? window()->effectiveDevicePixelRatio() : 1.0;
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
