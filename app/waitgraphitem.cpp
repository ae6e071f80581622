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
    update();
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
    p->setRenderHint(QPainter::Antialiasing);
    QFont font = p->font();
    font.setPixelSize(m_fontPixelSize);
    p->setFont(font);
    const QFontMetricsF fm(font);

    if (m_edges.isEmpty()) {
        p->setPen(m_textColor);
        p->drawText(boundingRect(), Qt::AlignCenter, tr("No one waits for anyone."));
        return;
    }

    // Short names: the boxes must fit a side panel on a projector.
    auto shortName = [](QString n) {
        if (n == u"the lru_add_drain_all mutex")
            return u"drain mutex"_s;
        if (n.startsWith(u"drain work on "))
            return u"work "_s + n.mid(14);
        return n;
    };
    // Cycle nodes go round a ring in the cycle's order (it reads like the
    // sentence in the banner); the others sit in a row along the bottom.
    QStringList ring, others;
    for (const QVariant &v : m_edges) {
        const QVariantMap e = v.toMap();
        if (!e.value(u"inCycle"_s).toBool())
            continue;
        for (const QString &n :
                {shortName(e.value(u"from"_s).toString()), shortName(e.value(u"to"_s).toString())})
            if (!ring.contains(n))
                ring << n;
    }
    for (const QVariant &v : m_edges) {
        const QVariantMap e = v.toMap();
        for (const QString &n :
                {shortName(e.value(u"from"_s).toString()), shortName(e.value(u"to"_s).toString())})
            if (!ring.contains(n) && !others.contains(n))
                others << n;
    }
    // Without a cycle, everything goes on the ring.
    if (ring.isEmpty())
        std::swap(ring, others);
    const qreal boxH = fm.height() + 10;
    QRectF area = boundingRect().adjusted(8, 8, -8, -8);
    QHash<QString, QPointF> at;
    if (!others.isEmpty()) {
        const qreal rowY = area.bottom() - boxH / 2;
        for (int i = 0; i < others.size(); ++i)
            at[others[i]] = QPointF(area.left() + area.width() * (i + 0.5) / others.size(), rowY);
        area.setBottom(area.bottom() - boxH - 24);
    }
    qreal boxW = 0;
    for (const QString &n : ring)
        boxW = qMax(boxW, fm.horizontalAdvance(n) + 16);
    const QPointF centre = area.center();
    const qreal rx = qMax<qreal>(10, area.width() / 2 - boxW / 2);
    const qreal ry = qMax<qreal>(10, area.height() / 2 - boxH / 2);
    for (int i = 0; i < ring.size(); ++i) {
        const qreal a = -M_PI / 2 + 2 * M_PI * i / ring.size();
        at[ring[i]] = centre + QPointF(rx * qCos(a), ry * qSin(a));
    }
    QStringList nodes = ring + others;
    auto boxOf = [&](const QString &n) {
        const qreal w = fm.horizontalAdvance(n) + 16;
        return QRectF(at[n].x() - w / 2, at[n].y() - boxH / 2, w, boxH);
    };
    // Where the line from `a` to `b` leaves a's box.
    auto clip = [&](const QString &n, QPointF towards) {
        const QRectF r = boxOf(n);
        const QPointF c = r.center();
        const QPointF d = towards - c;
        if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
            return c;
        const qreal sx = qAbs(d.x()) > 0 ? (r.width() / 2) / qAbs(d.x()) : 1e9;
        const qreal sy = qAbs(d.y()) > 0 ? (r.height() / 2) / qAbs(d.y()) : 1e9;
        return c + d * qMin(qMin(sx, sy), 1.0);
    };

    // Edges first (cycle last, on top), then the boxes over their ends.
    for (int pass = 0; pass < 2; ++pass) {
        for (const QVariant &v : m_edges) {
            const QVariantMap e = v.toMap();
            const bool inCycle = e.value(u"inCycle"_s).toBool();
            if (inCycle != (pass == 1))
                continue;
            const QString from = shortName(e.value(u"from"_s).toString());
            const QString to = shortName(e.value(u"to"_s).toString());
            const QPointF a = clip(from, at[to]);
            const QPointF b = clip(to, at[from]);
            const QColor colour = inCycle ? m_cycleColor : m_edgeColor;
            p->setPen(QPen(
                    colour, inCycle ? 4 : 2, inCycle ? Qt::SolidLine : Qt::DashLine, Qt::RoundCap));
            p->drawLine(a, b);
            // Arrow head at b.
            const qreal angle = qAtan2(b.y() - a.y(), b.x() - a.x());
            const qreal len = inCycle ? 16 : 12;
            QPainterPath head;
            head.moveTo(b);
            head.lineTo(b - QPointF(len * qCos(angle - 0.4), len * qSin(angle - 0.4)));
            head.lineTo(b - QPointF(len * qCos(angle + 0.4), len * qSin(angle + 0.4)));
            head.closeSubpath();
            p->fillPath(head, colour);
            // The verb at the middle, on a background so it reads over lines.
            const QString word = verb(e.value(u"kind"_s).toInt());
            const QPointF mid = (a + b) / 2;
            QRectF label(0, 0, fm.horizontalAdvance(word) + 8, fm.height());
            label.moveCenter(mid);
            p->fillRect(label, m_nodeColor);
            p->setPen(inCycle ? m_cycleColor : m_textColor);
            p->drawText(label, Qt::AlignCenter, word);
        }
    }
    for (const QString &n : nodes) {
        const QRectF r = boxOf(n);
        const bool inRing = !others.contains(n) && cycleEdgeCount() > 0;
        p->setPen(QPen(inRing ? m_cycleColor : m_textColor, inRing ? 3 : 1.5));
        p->setBrush(m_nodeColor);
        p->drawRoundedRect(r, 6, 6);
        p->setPen(m_textColor);
        p->drawText(r, Qt::AlignCenter, n);
    }
}
