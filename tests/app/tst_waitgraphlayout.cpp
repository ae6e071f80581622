// SPDX-License-Identifier: GPL-2.0-only
#include "waitgraphlayout.h"

#include <QFont>
#include <QTest>
#include <QtMath>

using namespace Qt::StringLiterals;

// The wait-for graph's layout, without painting: cycles of 2 to 8 nodes with
// tails hanging off them, in a side panel at 1280x800 and in a whole window.
// What a projected picture must never show is checked geometrically: crossing
// arrows, verbs on top of each other, a box cut by the edge.
class TestWaitGraphLayout : public QObject
{
    Q_OBJECT

private slots:
    void segmentGeometry();
    void ring_data();
    void ring();
    void labelsGrowWithTextSize();
    void tooSmallShrinksTextNotOverlaps();
    void noCycleTreeDoesNotCross();
};

using Edge = WaitGraphLayout::Edge;

// A cycle of `n` nodes that reads like the kernel's (task spins on folio,
// folio locked by task, task flushes work, work needs CPU, CPU held by task),
// plus `tails` waiters hanging off it, one of them two deep.
static QList<Edge> cycleWithTails(int n, int tails)
{
    static const QStringList names = {u"T1 hmm_range_fault"_s, u"folio A"_s, u"T2 migrate"_s,
            u"work CPU1"_s, u"CPU1"_s, u"drain mutex"_s, u"T3"_s, u"folio B"_s};
    static const QStringList verbs = {u"spins on"_s, u"locked by"_s, u"flush_work"_s, u"needs"_s,
            u"held by"_s, u"owned by"_s, u"waits for RCU QS"_s, u"locked by"_s};
    QList<Edge> edges;
    for (int i = 0; i < n; ++i)
        edges.append({names[i], names[(i + 1) % n], verbs[i], true});
    for (int t = 0; t < tails; ++t) {
        const QString waiter = u"T%1 waiter"_s.arg(t + 4);
        edges.append({waiter, names[(t * 3) % n], u"sleeps on"_s, false});
        if (t == 1)
            edges.append({u"kworker/0"_s, waiter, u"needs ref of"_s, false});
    }
    return edges;
}

static QFont fontOf(int px)
{
    QFont f;
    f.setPixelSize(px);
    return f;
}

// The geometry checks every layout must pass; fails the calling test.
static void checkClean(const WaitGraphLayout::Result &r, const QSizeF &size)
{
    const QRectF area(QPointF(0, 0), size);
    for (const auto &node : r.nodes)
        QVERIFY2(area.contains(node.box), qPrintable(node.name + u" is outside the item"_s));
    for (qsizetype i = 0; i < r.nodes.size(); ++i)
        for (qsizetype j = i + 1; j < r.nodes.size(); ++j)
            QVERIFY2(!r.nodes[i].box.intersects(r.nodes[j].box),
                    qPrintable(r.nodes[i].name + u" overlaps "_s + r.nodes[j].name));
    for (qsizetype i = 0; i < r.edges.size(); ++i) {
        const auto &e = r.edges[i];
        const QList<QPointF> a = WaitGraphLayout::polyline(e);
        for (qsizetype j = i + 1; j < r.edges.size(); ++j) {
            const auto &f = r.edges[j];
            // Arrows that share a box meet there; that is not a crossing.
            if (e.from == f.from || e.from == f.to || e.to == f.from || e.to == f.to)
                continue;
            const QList<QPointF> b = WaitGraphLayout::polyline(f);
            for (qsizetype s = 1; s < a.size(); ++s)
                for (qsizetype t = 1; t < b.size(); ++t)
                    QVERIFY2(!WaitGraphLayout::segmentsCross(a[s - 1], a[s], b[t - 1], b[t]),
                            qPrintable(u"%1→%2 crosses %3→%4"_s.arg(r.nodes[e.from].name,
                                    r.nodes[e.to].name, r.nodes[f.from].name, r.nodes[f.to].name)));
        }
        QVERIFY2(area.contains(e.labelBox), qPrintable(e.label + u" is outside the item"_s));
        for (qsizetype j = i + 1; j < r.edges.size(); ++j)
            QVERIFY2(!e.labelBox.intersects(r.edges[j].labelBox),
                    qPrintable(e.label + u" collides with "_s + r.edges[j].label));
        for (const auto &node : r.nodes)
            QVERIFY2(!e.labelBox.intersects(node.box),
                    qPrintable(e.label + u" covers "_s + node.name));
    }
}

void TestWaitGraphLayout::segmentGeometry()
{
    using L = WaitGraphLayout;
    QVERIFY(L::segmentsCross({0, 0}, {10, 10}, {0, 10}, {10, 0}));
    QVERIFY(!L::segmentsCross({0, 0}, {10, 0}, {0, 5}, {10, 5})); // parallel
    QVERIFY(!L::segmentsCross({0, 0}, {10, 0}, {10, 0}, {20, 5})); // a shared end
    QVERIFY(!L::segmentsCross({0, 0}, {4, 4}, {0, 10}, {10, 0})); // stops short
    QVERIFY(L::segmentHitsRect({0, 5}, {20, 5}, QRectF(5, 0, 5, 10)));
    QVERIFY(!L::segmentHitsRect({0, 20}, {20, 20}, QRectF(5, 0, 5, 10)));
}

void TestWaitGraphLayout::ring_data()
{
    QTest::addColumn<int>("nodes");
    QTest::addColumn<int>("tails");
    QTest::addColumn<QSizeF>("size");
    QTest::addColumn<int>("fontPx");
    // The side panel at 1280x800 with 100 % and 150 % text; the whole window.
    const QList<std::tuple<QSizeF, int, const char *>> places = {
            {QSizeF(460, 420), 16, "side"},
            {QSizeF(460, 420), 24, "side-150"},
            {QSizeF(1240, 640), 24, "enlarged-150"},
            {QSizeF(1880, 920), 36, "enlarged-1080p"},
    };
    for (int n = 2; n <= 8; ++n)
        for (int tails : {0, 1, 3})
            for (const auto &[size, px, where] : places)
                QTest::addRow("%d-ring-%d-tails-%s", n, tails, where) << n << tails << size << px;
}

void TestWaitGraphLayout::ring()
{
    QFETCH(int, nodes);
    QFETCH(int, tails);
    QFETCH(QSizeF, size);
    QFETCH(int, fontPx);
    const QList<Edge> edges = cycleWithTails(nodes, tails);
    const WaitGraphLayout::Result r = WaitGraphLayout::compute(edges, size, fontOf(fontPx));
    QCOMPARE(r.edges.size(), edges.size());
    QCOMPARE(r.problems, 0);
    checkClean(r, size);
    if (QTest::currentTestFailed())
        return;
    // Never shrunk below the floor, and never at all in a whole window.
    QVERIFY(r.fontPixelSize >= qRound(fontPx * 0.6));
    if (size.width() > 1000)
        QCOMPARE(r.fontPixelSize, fontPx);

    // The ring goes round its centre in the cycle's order (clockwise on
    // screen), so it reads like the sentence in the banner.
    QList<QPointF> ring;
    for (int i = 0; i < nodes; ++i)
        ring << r.nodes[r.edges[i].from].box.center();
    QPointF centre;
    for (const QPointF &p : std::as_const(ring))
        centre += p / nodes;
    qreal turned = 0;
    for (int i = 0; i < nodes; ++i) {
        const QPointF a = ring[i] - centre;
        const QPointF b = ring[(i + 1) % nodes] - centre;
        qreal d = qAtan2(b.y(), b.x()) - qAtan2(a.y(), a.x());
        while (d <= -M_PI)
            d += 2 * M_PI;
        while (d > M_PI)
            d -= 2 * M_PI;
        if (nodes > 2)
            QVERIFY2(d > 0, "the ring does not go round in the cycle's order");
        turned += d;
    }
    if (nodes > 2)
        QVERIFY(qAbs(turned - 2 * M_PI) < 1e-6);
    for (int i = 0; i < nodes; ++i)
        QVERIFY(r.nodes[r.edges[i].from].inRing);
}

void TestWaitGraphLayout::labelsGrowWithTextSize()
{
    const QList<Edge> edges = cycleWithTails(6, 2);
    const QSizeF size(1880, 920);
    qreal lastLabel = 0, lastBox = 0;
    for (int px : {16, 20, 24, 30}) {
        const WaitGraphLayout::Result r = WaitGraphLayout::compute(edges, size, fontOf(px));
        QCOMPARE(r.fontPixelSize, px);
        QCOMPARE(r.problems, 0);
        const qreal label = r.edges.first().labelBox.height();
        const qreal box = r.nodes.first().box.height();
        QVERIFY2(label > lastLabel,
                qPrintable(u"label %1 px high at %2 px text"_s.arg(label).arg(px)));
        QVERIFY(box > lastBox);
        QVERIFY(r.edges.first().labelBox.width() > 0);
        lastLabel = label;
        lastBox = box;
    }
}

void TestWaitGraphLayout::tooSmallShrinksTextNotOverlaps()
{
    // A narrow panel and big text: the words get smaller, not tangled.
    const QList<Edge> edges = cycleWithTails(6, 1);
    const QSizeF size(340, 360);
    const WaitGraphLayout::Result r = WaitGraphLayout::compute(edges, size, fontOf(27));
    QVERIFY(r.fontPixelSize < 27);
    QCOMPARE(r.problems, 0);
    checkClean(r, size);
}

void TestWaitGraphLayout::noCycleTreeDoesNotCross()
{
    // Waiters on the mutex and on folios, no cycle: a tree on a circle.
    const QList<Edge> edges = {
            {u"T1"_s, u"drain mutex"_s, u"waits for"_s, false},
            {u"drain mutex"_s, u"T2"_s, u"owned by"_s, false},
            {u"T3"_s, u"folio A"_s, u"sleeps on"_s, false},
            {u"folio A"_s, u"T2"_s, u"locked by"_s, false},
            {u"T2"_s, u"work CPU0"_s, u"flush_work"_s, false},
            {u"T4"_s, u"folio A"_s, u"sleeps on"_s, false},
    };
    const QSizeF size(460, 420);
    const WaitGraphLayout::Result r = WaitGraphLayout::compute(edges, size, fontOf(18));
    QCOMPARE(r.problems, 0);
    checkClean(r, size);
}

QTEST_MAIN(TestWaitGraphLayout)
#include "tst_waitgraphlayout.moc"
