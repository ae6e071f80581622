// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QColor>
#include <QQuickPaintedItem>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

// The wait-for graph drawn as a picture: one box per node (task, folio, drain
// work, CPU, mutex) on a ring, one arrow per edge with a short verb on it, the
// cycle's arrows thick and in the "stuck" colour. Edges come from
// RunModel.waitGraph ({from, to, kind, label, inCycle} maps).
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
    Q_PROPERTY(int fontPixelSize MEMBER m_fontPixelSize NOTIFY coloursChanged)
    //! Number of cycle edges drawn (tests and screen readers).
    Q_PROPERTY(int cycleEdgeCount READ cycleEdgeCount NOTIFY edgesChanged)

public:
    explicit WaitGraphItem(QQuickItem *parent = nullptr);

    [[nodiscard]] QVariantList edges() const { return m_edges; }
    void setEdges(const QVariantList &edges);
    [[nodiscard]] int cycleEdgeCount() const;

    void paint(QPainter *painter) override;

    //! The short verb drawn on an edge of kind `kind` (fl::EdgeKind).
    static QString verb(int kind);

signals:
    void edgesChanged();
    void coloursChanged();

private:
    QVariantList m_edges;
    QColor m_textColor = Qt::black;
    QColor m_edgeColor = Qt::gray;
    QColor m_cycleColor = Qt::red;
    QColor m_nodeColor = Qt::white;
    int m_fontPixelSize = 16;
};
