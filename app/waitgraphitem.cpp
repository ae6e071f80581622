// SPDX-License-Identifier: GPL-2.0-only
#include "waitgraphitem.h"

#include "engine/explain.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QVariantMap>
#include <QtMath>

using namespace Qt::StringLiterals;

WaitGraphItem::WaitGraphItem(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{
    setAntialiasing(true);
    connect(this, &WaitGraphItem::coloursChanged, this, [this] { update(); });
}

void WaitGraphItem::setEdges(const QVariantList &edges)
{
    if (edges == m_edges)
        return;
    m_edges = edges;
    emit edgesChanged();
    relayout();
}

void WaitGraphItem::setFontPixelSize(int size)
{
    if (size == m_fontPixelSize || size <= 0)
        return;
    m_fontPixelSize = size;
    emit fontPixelSizeChanged();
    relayout();
}

void WaitGraphItem::geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry)
{
    QQuickPaintedItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
        relayout();
}

QFont WaitGraphItem::graphFont() const
{
    QFont font; // the application's font (the painter's default)
    font.setPixelSize(m_fontPixelSize);
    return font;
}

void WaitGraphItem::relayout()
{
    m_layoutStale = true;
    polish();
    update();
}

const WaitGraphLayout::Result &WaitGraphItem::layout() const
{
    if (m_layoutStale) {
        m_layout = WaitGraphLayout::compute(layoutEdges(m_edges), size(), graphFont());
        m_layoutStale = false;
    }
    return m_layout;
}

// On the GUI thread before the frame, so paint() (render thread) finds the
// layout computed and only reads it.
void WaitGraphItem::updatePolish()
{
    const int oldSize = m_layout.fontPixelSize;
    const int oldProblems = m_layout.problems;
    layout();
    if (m_layout.fontPixelSize != oldSize || m_layout.problems != oldProblems)
        emit layoutChanged();
}

QList<WaitGraphLayout::Edge> WaitGraphItem::layoutEdges(const QVariantList &edges)
{
    // Short names: the boxes must fit a side panel on a projector.
    auto shortName = [](QString n) {
        if (n == u"the lru_add_drain_all mutex")
            return u"drain mutex"_s;
        if (n.startsWith(u"drain work on "))
            return u"work "_s + n.mid(14);
        return n;
    };
    QList<WaitGraphLayout::Edge> out;
    for (const QVariant &v : edges) {
        const QVariantMap e = v.toMap();
        out.append(
                {shortName(e.value(u"from"_s).toString()), shortName(e.value(u"to"_s).toString()),
                        verb(e.value(u"kind"_s).toInt()), e.value(u"inCycle"_s).toBool()});
    }
    return out;
}

int WaitGraphItem::cycleEdgeCount() const
{
    int n = 0;
    for (const QVariant &e : m_edges)
        n += e.toMap().value(u"inCycle"_s).toBool() ? 1 : 0;
    return n;
}

QString WaitGraphItem::verb(int kind)
{
    switch (static_cast<fl::EdgeKind>(kind)) {
    case fl::EdgeKind::SpinsOnLock:
        return u"spins on"_s;
    case fl::EdgeKind::SleepsOnLock:
        return u"sleeps on"_s;
    case fl::EdgeKind::LockedBy:
        return u"locked by"_s;
    case fl::EdgeKind::FlushesWork:
        return u"flush_work"_s;
    case fl::EdgeKind::NeedsCpu:
        return u"needs"_s;
    case fl::EdgeKind::HeldBy:
        return u"held by"_s;
    case fl::EdgeKind::WaitsForMutex:
        return u"waits for"_s;
    case fl::EdgeKind::MutexOwnedBy:
        return u"owned by"_s;
    case fl::EdgeKind::NeedsRefDropped:
        return u"needs ref of"_s;
    case fl::EdgeKind::NeedsQuiescentState:
        return u"waits for RCU QS"_s;
    }
    return {};
}

void WaitGraphItem::paint(QPainter *p)
{
    // Normally done in updatePolish(); an export paints without a frame.
    layout();
    p->setRenderHint(QPainter::Antialiasing);
    QFont font = graphFont();
    if (m_layout.fontPixelSize > 0)
        font.setPixelSize(m_layout.fontPixelSize);
    p->setFont(font);

    if (m_edges.isEmpty()) {
        p->setPen(m_textColor);
        p->drawText(
                boundingRect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No one waits for anyone."));
        return;
    }
    const bool hasCycle = cycleEdgeCount() > 0;
    // Lines and arrow heads grow with the text, so they read from the back row.
    const qreal unit = qMax<qreal>(1, m_layout.fontPixelSize / 16.0);

    // Edges first (cycle last, on top), then the boxes over their ends, then
    // the verbs over everything (they were placed clear of the boxes).
    for (int pass = 0; pass < 2; ++pass) {
        for (const WaitGraphLayout::PlacedEdge &e : std::as_const(m_layout.edges)) {
            if (e.inCycle != (pass == 1))
                continue;
            const QColor colour = e.inCycle ? m_cycleColor : m_edgeColor;
            p->setPen(QPen(colour, (e.inCycle ? 4 : 2) * unit,
                    e.inCycle ? Qt::SolidLine : Qt::DashLine, Qt::RoundCap));
            p->setBrush(Qt::NoBrush);
            QPainterPath path(e.start);
            path.quadTo(e.control, e.end);
            p->drawPath(path);
            // Arrow head at the end, along the curve's last direction.
            const qreal angle = qAtan2(e.end.y() - e.control.y(), e.end.x() - e.control.x());
            const qreal len = (e.inCycle ? 16 : 12) * unit;
            QPainterPath head;
            head.moveTo(e.end);
            head.lineTo(e.end - QPointF(len * qCos(angle - 0.4), len * qSin(angle - 0.4)));
            head.lineTo(e.end - QPointF(len * qCos(angle + 0.4), len * qSin(angle + 0.4)));
            head.closeSubpath();
            p->fillPath(head, colour);
        }
    }
    for (const WaitGraphLayout::Node &n : std::as_const(m_layout.nodes)) {
        const bool inRing = n.inRing && hasCycle;
        p->setPen(QPen(inRing ? m_cycleColor : m_textColor, (inRing ? 3 : 1.5) * unit));
        p->setBrush(m_nodeColor);
        p->drawRoundedRect(n.box, 6, 6);
        p->setPen(m_textColor);
        p->drawText(n.box, Qt::AlignCenter, n.name);
    }
    for (const WaitGraphLayout::PlacedEdge &e : std::as_const(m_layout.edges)) {
        // On a background so it reads over lines.
        p->fillRect(e.labelBox, m_nodeColor);
        p->setPen(e.inCycle ? m_cycleColor : m_textColor);
        p->drawText(e.labelBox, Qt::AlignCenter, e.label);
    }
}
