// SPDX-License-Identifier: GPL-2.0-only
#include "waitgraphlayout.h"

#include <QFontMetricsF>
#include <QHash>
#include <QLineF>
#include <QSet>
#include <QtMath>

#include <algorithm>
#include <limits>

namespace {

// Costs of the greedy placement: anything that would make a teacher squint
// (a crossing, two things on top of each other) outweighs any distance.
constexpr int Clash = 1000;

QPointF onCurve(const WaitGraphLayout::PlacedEdge &e, qreal t)
{
    const qreal u = 1 - t;
    return u * u * e.start + 2 * u * t * e.control + t * t * e.end;
}

// Where the line from the box's centre towards `towards` leaves the box.
QPointF clipToBox(const QRectF &box, QPointF towards)
{
    const QPointF c = box.center();
    const QPointF d = towards - c;
    if (qFuzzyIsNull(d.x()) && qFuzzyIsNull(d.y()))
        return c;
    const qreal sx = qFuzzyIsNull(d.x()) ? 1e9 : (box.width() / 2) / qAbs(d.x());
    const qreal sy = qFuzzyIsNull(d.y()) ? 1e9 : (box.height() / 2) / qAbs(d.y());
    return c + d * qMin(qMin(sx, sy), 1.0);
}

bool polylinesCross(const QList<QPointF> &a, const QList<QPointF> &b)
{
    for (qsizetype i = 1; i < a.size(); ++i)
        for (qsizetype j = 1; j < b.size(); ++j)
            if (WaitGraphLayout::segmentsCross(a[i - 1], a[i], b[j - 1], b[j]))
                return true;
    return false;
}

bool polylineHitsRect(const QList<QPointF> &line, const QRectF &r)
{
    for (qsizetype i = 1; i < line.size(); ++i)
        if (WaitGraphLayout::segmentHitsRect(line[i - 1], line[i], r))
            return true;
    return false;
}

} // namespace

bool WaitGraphLayout::segmentsCross(QPointF a, QPointF b, QPointF c, QPointF d)
{
    auto cross = [](QPointF o, QPointF p, QPointF q) {
        return (p.x() - o.x()) * (q.y() - o.y()) - (p.y() - o.y()) * (q.x() - o.x());
    };
    const qreal d1 = cross(c, d, a);
    const qreal d2 = cross(c, d, b);
    const qreal d3 = cross(a, b, c);
    const qreal d4 = cross(a, b, d);
    // Strictly on opposite sides both ways: a real crossing, not a shared end.
    constexpr qreal eps = 1e-6;
    return ((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps))
            && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps));
}

bool WaitGraphLayout::segmentHitsRect(QPointF a, QPointF b, const QRectF &r)
{
    // Shrunk by a pixel so an arrow that ends on the box's edge does not count.
    const QRectF in = r.adjusted(1, 1, -1, -1);
    if (in.isEmpty())
        return false;
    if (in.contains(a) || in.contains(b))
        return true;
    const QPointF corners[] = {in.topLeft(), in.topRight(), in.bottomRight(), in.bottomLeft()};
    for (int i = 0; i < 4; ++i)
        if (segmentsCross(a, b, corners[i], corners[(i + 1) % 4]))
            return true;
    return false;
}

QList<QPointF> WaitGraphLayout::polyline(const PlacedEdge &edge, int segments)
{
    const QPointF mid = (edge.start + edge.end) / 2;
    if (QLineF(mid, edge.control).length() < 0.5)
        return {edge.start, edge.end};
    QList<QPointF> points;
    for (int i = 0; i <= segments; ++i)
        points << onCurve(edge, qreal(i) / segments);
    return points;
}

WaitGraphLayout::Result WaitGraphLayout::compute(
        const QList<Edge> &edges, const QSizeF &size, const QFont &font, qreal minimumScale)
{
    const int asked = qMax(1, font.pixelSize() > 0 ? font.pixelSize() : qRound(font.pointSizeF()));
    const int smallest = qMax(8, qRound(asked * minimumScale));
    Result best;
    best.problems = std::numeric_limits<int>::max();
    QFont f = font;
    for (int px = asked;; px = qMin(px - 1, qRound(px * 0.88))) {
        px = qMax(px, qMin(smallest, asked));
        f.setPixelSize(px);
        // The largest text that fits; at that size, the tidiest ring.
        for (const qreal ringScale : {1.0, 0.8, 0.62}) {
            Result r = computeAt(edges, size, f, ringScale);
            if (r.problems < best.problems
                    || (r.problems == best.problems && r.untidiness < best.untidiness))
                best = r;
            if (best.problems == 0 && best.untidiness == 0)
                return best;
        }
        if (best.problems == 0)
            return best;
        if (px <= smallest)
            break;
    }
    return best;
}

WaitGraphLayout::Result WaitGraphLayout::computeAt(
        const QList<Edge> &edges, const QSizeF &size, const QFont &font, qreal ringScale)
{
    Result result;
    result.fontPixelSize = font.pixelSize();
    const QFontMetricsF fm(font);
    const qreal boxH = fm.height() * 1.5;
    const qreal padX = fm.height() * 0.5;
    const qreal margin = 4;
    const QRectF area(QPointF(0, 0), size);

    // The nodes, in the order they first appear.
    QHash<QString, int> index;
    auto nodeOf = [&](const QString &name) {
        auto it = index.constFind(name);
        if (it != index.cend())
            return it.value();
        const int i = int(result.nodes.size());
        index.insert(name, i);
        const qreal w = fm.horizontalAdvance(name) + 2 * padX;
        result.nodes.append(Node {name, QRectF(0, 0, w, boxH), false});
        return i;
    };
    QList<QPair<int, int>> ends;
    for (const Edge &e : edges)
        ends.append({nodeOf(e.from), nodeOf(e.to)});
    const int n = int(result.nodes.size());
    if (n == 0)
        return result;
    QList<QList<int>> neighbours(n);
    for (const auto &[a, b] : ends) {
        neighbours[a].append(b);
        neighbours[b].append(a);
    }

    // The ring: the cycle in its own order (it reads like the banner's sentence).
    QList<int> ring;
    {
        QHash<int, int> next;
        int first = -1;
        for (qsizetype i = 0; i < edges.size(); ++i)
            if (edges[i].inCycle) {
                next.insert(ends[i].first, ends[i].second);
                if (first < 0)
                    first = ends[i].first;
            }
        for (int at = first; at >= 0 && !ring.contains(at); at = next.value(at, -1))
            ring.append(at);
        for (auto it = next.cbegin(); it != next.cend(); ++it) // not one simple cycle
            for (int v : {it.key(), it.value()})
                if (!ring.contains(v))
                    ring.append(v);
    }
    // No cycle: every node on the ring in depth-first order, which draws a
    // tree (and a chain) on a circle without crossings.
    if (ring.isEmpty()) {
        QList<bool> seen(n, false);
        for (int root = 0; root < n; ++root) {
            QList<int> stack {root};
            while (!stack.isEmpty()) {
                const int v = stack.takeLast();
                if (seen[v])
                    continue;
                seen[v] = true;
                ring.append(v);
                for (qsizetype k = neighbours[v].size() - 1; k >= 0; --k)
                    if (!seen[neighbours[v][k]])
                        stack.append(neighbours[v][k]);
            }
        }
        ringScale = 1.0;
    }
    for (int v : ring)
        result.nodes[v].inRing = true;

    qreal ringW = 0;
    for (int v : ring)
        ringW = qMax(ringW, result.nodes[v].box.width());
    const QPointF centre = area.center();
    const qreal rx = qMax<qreal>(0, (size.width() / 2 - ringW / 2 - margin) * ringScale);
    const qreal ry = qMax<qreal>(0, (size.height() / 2 - boxH / 2 - margin) * ringScale);
    const int m = int(ring.size());
    // Two nodes side by side (boxes are wide); more start at the top, clockwise.
    const qreal start = m == 2 ? M_PI : -M_PI / 2;
    // The polygon stretched to the ellipse's bounding box: a pentagon's
    // bottom is at 0.81 of the radius, which left a band empty.
    qreal minX = 0, maxX = 0, minY = 0, maxY = 0;
    for (int i = 0; i < m; ++i) {
        const qreal a = start + 2 * M_PI * i / m;
        minX = qMin(minX, qCos(a));
        maxX = qMax(maxX, qCos(a));
        minY = qMin(minY, qSin(a));
        maxY = qMax(maxY, qSin(a));
    }
    auto stretch = [](qreal v, qreal lo, qreal hi) {
        return hi - lo < 1e-6 ? v : -1 + 2 * (v - lo) / (hi - lo);
    };
    for (int i = 0; i < m; ++i) {
        const qreal a = start + 2 * M_PI * i / m;
        QRectF &box = result.nodes[ring[i]].box;
        const QPointF unit(stretch(qCos(a), minX, maxX), stretch(qSin(a), minY, maxY));
        box.moveCenter(m == 1 ? centre : centre + QPointF(rx * unit.x(), ry * unit.y()));
    }

    QList<bool> placed(n, false);
    for (int v : ring)
        placed[v] = true;
    QList<PlacedEdge> drawn; // the edges between placed nodes so far
    QList<qsizetype> drawnIndex;
    QList<bool> hasReverse(edges.size(), false);
    for (qsizetype i = 0; i < edges.size(); ++i)
        for (qsizetype j = 0; j < edges.size(); ++j)
            if (i != j && ends[i].first == ends[j].second && ends[i].second == ends[j].first)
                hasReverse[i] = true;
    auto shape = [&](qsizetype i) {
        PlacedEdge e;
        e.from = ends[i].first;
        e.to = ends[i].second;
        e.label = edges[i].label;
        e.inCycle = edges[i].inCycle;
        const QPointF a = result.nodes[e.from].box.center();
        const QPointF b = result.nodes[e.to].box.center();
        e.control = (a + b) / 2;
        // A pair of opposite arrows bows apart instead of drawing one line.
        if (hasReverse[i]) {
            const QLineF line(a, b);
            if (line.length() > 0) {
                const QPointF normal(
                        -(b.y() - a.y()) / line.length(), (b.x() - a.x()) / line.length());
                e.control += normal * boxH * 1.2;
            }
        }
        e.start = clipToBox(result.nodes[e.from].box, e.control);
        e.end = clipToBox(result.nodes[e.to].box, e.control);
        return e;
    };
    auto addDrawnEdgesOf = [&](int v) {
        for (qsizetype i = 0; i < edges.size(); ++i) {
            const auto [a, b] = ends[i];
            if ((a == v || b == v) && placed[a] && placed[b] && !drawnIndex.contains(i)) {
                drawn.append(shape(i));
                drawnIndex.append(i);
            }
        }
    };
    for (int v : ring)
        addDrawnEdgesOf(v);

    // The tails, nearest the ring first, each where it clashes least.
    QList<int> order;
    {
        QList<bool> seen = placed;
        auto breadthFirst = [&](QList<int> queue) {
            for (qsizetype q = 0; q < queue.size(); ++q)
                for (int w : neighbours[queue[q]])
                    if (!seen[w]) {
                        seen[w] = true;
                        queue.append(w);
                        order.append(w);
                    }
        };
        breadthFirst(ring);
        for (int root = 0; root < n; ++root) // parts not joined to the ring
            if (!seen[root]) {
                seen[root] = true;
                order.append(root);
                breadthFirst({root});
            }
    }
    const qreal gap = boxH * 0.35;
    // About 48 spots across the longer side: fine enough to find room,
    // coarse enough to lay out at once whenever the window is resized.
    const qreal step
            = qMax<qreal>(qMax<qreal>(6, boxH / 2), qMax(size.width(), size.height()) / 48);
    QList<qreal> labelWidth;
    for (const Edge &e : edges)
        labelWidth.append(fm.horizontalAdvance(e.label));
    for (int v : order) {
        QList<QList<QPointF>> drawnLines;
        for (const PlacedEdge &e : std::as_const(drawn))
            drawnLines.append(polyline(e));
        QRectF box = result.nodes[v].box;
        const qreal w = box.width();
        qreal bestCost = std::numeric_limits<qreal>::max();
        QPointF bestAt = centre;
        int bestNear = 0;
        for (qreal y = boxH / 2 + margin; y <= size.height() - boxH / 2 - margin + 0.01; y += step)
            for (qreal x = w / 2 + margin; x <= size.width() - w / 2 - margin + 0.01; x += step) {
                const QPointF at(x, y);
                box.moveCenter(at);
                qreal cost = 0;
                int near = 0; // too close to an arrow or a box to read as apart
                const QRectF roomy = box.adjusted(-gap, -gap, gap, gap);
                for (int u = 0; u < n; ++u)
                    if (placed[u] && roomy.intersects(result.nodes[u].box))
                        cost += Clash;
                if (cost >= bestCost) // every term adds: this spot cannot win
                    continue;
                for (const QList<QPointF> &line : std::as_const(drawnLines)) {
                    if (polylineHitsRect(line, box))
                        cost += Clash;
                    else if (polylineHitsRect(line, roomy))
                        ++near;
                }
                for (qsizetype i = 0; i < edges.size(); ++i) {
                    const auto [a, b] = ends[i];
                    const int other = a == v ? b : (b == v ? a : -1);
                    if (other < 0 || !placed[other])
                        continue;
                    const QRectF otherBox = result.nodes[other].box;
                    const QPointF p = clipToBox(box, otherBox.center());
                    const QPointF q = clipToBox(otherBox, at);
                    for (qsizetype k = 0; k < drawn.size(); ++k)
                        if (drawn[k].from != other && drawn[k].to != other
                                && polylinesCross(drawnLines[k], {p, q}))
                            cost += Clash;
                    for (int u = 0; u < n; ++u) {
                        if (!placed[u] || u == other)
                            continue;
                        const QRectF &ub = result.nodes[u].box;
                        if (segmentHitsRect(p, q, ub))
                            cost += Clash;
                        else if (segmentHitsRect(p, q, ub.adjusted(-gap, -gap, gap, gap)))
                            ++near;
                    }
                    // Room for the verb on the arrow, else as short as possible.
                    const qreal length = QLineF(p, q).length();
                    const qreal need = labelWidth[i] + 2 * boxH;
                    cost += length < need ? (need - length) * 4 : length * 0.1;
                }
                // Inside the ring is where the cycle's verbs are.
                if (rx > 0 && ry > 0) {
                    const qreal dx = (x - centre.x()) / (rx + w / 2);
                    const qreal dy = (y - centre.y()) / (ry + boxH / 2);
                    if (dx * dx + dy * dy < 1)
                        cost += 150;
                }
                cost += 120 * near;
                if (cost < bestCost) {
                    bestCost = cost;
                    bestNear = near;
                    bestAt = at;
                }
            }
        result.nodes[v].box.moveCenter(bestAt);
        result.untidiness += bestNear;
        placed[v] = true;
        addDrawnEdgesOf(v);
    }

    // Every edge in the input's order; clashes left are counted.
    for (qsizetype i = 0; i < edges.size(); ++i)
        result.edges.append(shape(i));
    for (const Node &node : std::as_const(result.nodes)) {
        if (!area.contains(node.box))
            ++result.problems;
    }
    for (int u = 0; u < n; ++u)
        for (int v = u + 1; v < n; ++v)
            if (result.nodes[u].box.intersects(result.nodes[v].box))
                ++result.problems;
    for (qsizetype i = 0; i < result.edges.size(); ++i) {
        const PlacedEdge &e = result.edges[i];
        const QList<QPointF> line = polyline(e);
        for (qsizetype j = i + 1; j < result.edges.size(); ++j) {
            const PlacedEdge &f = result.edges[j];
            if (e.from == f.from || e.from == f.to || e.to == f.from || e.to == f.to)
                continue;
            if (polylinesCross(line, polyline(f)))
                ++result.problems;
        }
        for (int u = 0; u < n; ++u)
            if (u != e.from && u != e.to && polylineHitsRect(line, result.nodes[u].box))
                ++result.problems;
    }

    // The verbs: the cycle's first, each at the first spot along its arrow
    // that touches no other verb and no box.
    const qreal labelH = fm.height() + 2;
    QList<QList<QPointF>> lines;
    for (const PlacedEdge &e : std::as_const(result.edges))
        lines.append(polyline(e));
    QList<QRectF> taken;
    QList<qsizetype> labelOrder;
    for (qsizetype i = 0; i < result.edges.size(); ++i)
        if (result.edges[i].inCycle)
            labelOrder.append(i);
    for (qsizetype i = 0; i < result.edges.size(); ++i)
        if (!result.edges[i].inCycle)
            labelOrder.append(i);
    for (qsizetype i : labelOrder) {
        PlacedEdge &e = result.edges[i];
        QRectF label(0, 0, labelWidth[i] + fm.height() * 0.5, labelH);
        int bestClashes = std::numeric_limits<int>::max();
        int bestCovers = std::numeric_limits<int>::max();
        QRectF bestRect = label;
        const QPointF along = e.end - e.start;
        const qreal len = qMax<qreal>(1, QLineF(e.start, e.end).length());
        const QPointF normal(-along.y() / len, along.x() / len);
        // Slid along the arrow before being moved off it.
        for (const qreal off : {0.0, 0.9, -0.9, 1.8, -1.8}) {
            for (const qreal t : {0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82}) {
                label.moveCenter(onCurve(e, t) + normal * off * labelH);
                int clashes = area.contains(label) ? 0 : 1;
                const QRectF roomy = label.adjusted(-2, -2, 2, 2);
                for (const QRectF &r : std::as_const(taken))
                    clashes += roomy.intersects(r) ? 1 : 0;
                for (const Node &node : std::as_const(result.nodes))
                    clashes += label.intersects(node.box) ? 1 : 0;
                // A verb over another arrow hides a piece of it: avoided
                // where possible, but not a fault.
                int covers = 0;
                for (qsizetype j = 0; j < result.edges.size(); ++j)
                    covers += j != i && polylineHitsRect(lines[j], label) ? 1 : 0;
                if (clashes < bestClashes || (clashes == bestClashes && covers < bestCovers)) {
                    bestClashes = clashes;
                    bestCovers = covers;
                    bestRect = label;
                }
                if (clashes == 0 && covers == 0)
                    break;
            }
            if (bestClashes == 0 && bestCovers == 0)
                break;
        }
        e.labelBox = bestRect;
        taken.append(bestRect);
        result.untidiness += bestCovers;
        result.problems += bestClashes;
    }
    return result;
}
