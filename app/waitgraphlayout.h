// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QFont>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

// Where the wait-for graph's boxes, arrows and verbs go, without painting:
// WaitGraphItem draws what this computes, and the unit test checks it.
//
// The cycle's nodes sit on an ellipse in the cycle's order, so its arrows are
// the sides of a convex polygon and cannot cross. Every other node (a "tail":
// a task queued on the mutex, a folio a waiter sleeps on) is put, one at a
// time, where its arrows to the nodes already placed cross nothing and its box
// overlaps nothing. Each verb goes on its arrow where it hits no other verb
// and no box. When the text does not fit the area, the font is made smaller
// (down to minimumScale of what was asked) rather than letting words collide.
class WaitGraphLayout
{
public:
    struct Edge
    {
        QString from;
        QString to;
        QString label; // the verb drawn on the arrow
        bool inCycle = false;
    };

    struct Node
    {
        QString name;
        QRectF box;
        bool inRing = false;
    };

    struct PlacedEdge
    {
        int from = 0; // index into Result::nodes
        int to = 0;
        QPointF start; // on the edge of the from box
        QPointF control; // quadratic Bézier control point (the midpoint when straight)
        QPointF end; // on the edge of the to box, where the arrow head is
        QString label;
        QRectF labelBox;
        bool inCycle = false;
    };

    struct Result
    {
        QList<Node> nodes;
        QList<PlacedEdge> edges;
        int fontPixelSize = 0; // the size the boxes and labels were measured with
        int problems = 0; // crossings + overlaps + boxes out of the area left in
        qreal untidiness = 0; // verbs over other arrows, boxes close to arrows: less is better
    };

    //! Lays `edges` out in a `size` area with text of `font` (its pixel size
    //! is the size asked for; smaller is tried only when it does not fit).
    static Result compute(const QList<Edge> &edges, const QSizeF &size, const QFont &font,
            qreal minimumScale = 0.6);

    //! The edge as a polyline (the curve sampled), for crossing tests.
    static QList<QPointF> polyline(const PlacedEdge &edge, int segments = 12);
    //! True when the segments a-b and c-d cross (touching ends do not count).
    static bool segmentsCross(QPointF a, QPointF b, QPointF c, QPointF d);
    //! True when the segment a-b passes through the inside of `r`.
    static bool segmentHitsRect(QPointF a, QPointF b, const QRectF &r);

private:
    static Result computeAt(
            const QList<Edge> &edges, const QSizeF &size, const QFont &font, qreal ringScale);
};
