// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "waitgraphlayout.h"

#include <QColor>
#include <QQuickPaintedItem>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

// The wait-for graph drawn as a picture: one box per node (task, folio, drain
// work, CPU, mutex), the cycle on a ring, one arrow per edge with a short verb
// on it, the cycle's arrows thick and in the "stuck" colour. Edges come from
// RunModel.waitGraph ({from, to, kind, label, inCycle} maps); where things go
// is WaitGraphLayout's job, recomputed when the edges, size or font change.
//
// paint() runs on the render thread with the GUI thread blocked; it only reads
// the copied edge list and uses QPainter, nothing that creates QObjects.
class WaitGraphItem : public QQuickPaintedItem
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QVariantList edges READ edges WRITE setEdges NOTIFY edgesChanged)
    Q_PROPERTY(QColor textColor MEMBER m_textColor NOTIFY coloursChanged)
    Q_PROPERTY(QColor edgeColor MEMBER m_edgeColor NOTIFY coloursChanged)
    Q_PROPERTY(QColor cycleColor MEMBER m_cycleColor NOTIFY coloursChanged)
    Q_PROPERTY(QColor nodeColor MEMBER m_nodeColor NOTIFY coloursChanged)
    //! The text size asked for (it follows the app's text size).
    Q_PROPERTY(
            int fontPixelSize READ fontPixelSize WRITE setFontPixelSize NOTIFY fontPixelSizeChanged)
    //! The text size drawn: smaller than asked only when the graph would not fit.
    Q_PROPERTY(int usedFontPixelSize READ usedFontPixelSize NOTIFY layoutChanged)
    //! Crossings and overlaps the layout could not avoid (0 is the goal; tests).
    Q_PROPERTY(int layoutProblems READ layoutProblems NOTIFY layoutChanged)
    //! Number of cycle edges drawn (tests and screen readers).
    Q_PROPERTY(int cycleEdgeCount READ cycleEdgeCount NOTIFY edgesChanged)

public:
    explicit WaitGraphItem(QQuickItem *parent = nullptr);

    [[nodiscard]] QVariantList edges() const { return m_edges; }
    void setEdges(const QVariantList &edges);
    [[nodiscard]] int cycleEdgeCount() const;
    [[nodiscard]] int fontPixelSize() const { return m_fontPixelSize; }
    void setFontPixelSize(int size);
    [[nodiscard]] int usedFontPixelSize() const { return layout().fontPixelSize; }
    [[nodiscard]] int layoutProblems() const { return layout().problems; }

    void paint(QPainter *painter) override;

    //! The short verb drawn on an edge of kind `kind` (fl::EdgeKind).
    static QString verb(int kind);
    //! RunModel.waitGraph's maps as the layout's edges (short names, verbs).
    static QList<WaitGraphLayout::Edge> layoutEdges(const QVariantList &edges);

signals:
    void edgesChanged();
    void coloursChanged();
    void fontPixelSizeChanged();
    void layoutChanged();

protected:
    void geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry) override;
    void updatePolish() override;

private:
    //! Marks the layout stale; it is computed once before the next frame
    //! (a resize drag asks many times per frame), or when first read.
    void relayout();
    const WaitGraphLayout::Result &layout() const;
    [[nodiscard]] QFont graphFont() const;

    QVariantList m_edges;
    mutable WaitGraphLayout::Result m_layout;
    mutable bool m_layoutStale = true;
    QColor m_textColor = Qt::black;
    QColor m_edgeColor = Qt::gray;
    QColor m_cycleColor = Qt::red;
    QColor m_nodeColor = Qt::white;
    int m_fontPixelSize = 16;
};
