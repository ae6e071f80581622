// SPDX-License-Identifier: GPL-2.0-only
#include "swimlaneitem.h"

#include "timeline.h"
#include "units.h"

#include "engine/setup.h"
#include "engine/verdict.h"
#include "model/machine.h"
#include "trace/chrome_trace.h"
#include "trace/swimlane_svg.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QPainter>
#include <QSaveFile>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace {

// One meaning per colour, the same as the legend under the view says.
const QColor KernelFill {0x55, 0x5b, 0x63}; // running, in the kernel: dark grey
const QColor UserFill {0xa3, 0xa9, 0xb1}; // running, in user space: mid grey
const QColor SpinFill {0xe8, 0x89, 0x1c}; // spinning on a lock: orange
const QColor RunnableFill {0xf2, 0xd1, 0x6b}; // runnable, waiting for a CPU: yellow
const QColor AsleepFill {0xd9, 0xdc, 0xe0}; // asleep (the bar says on what): light grey
const QColor DoneFill {0x2e, 0x7d, 0x32}; // done: green
const QColor VerdictColour {0xc6, 0x28, 0x28}; // a stuck verdict, and hazards: red
const QColor LimitColour {0x6b, 0x72, 0x80}; // a run stopped by its limit: grey

// Red means stuck: a completed run's verdict line is green like "done".
QColor verdictColour(fl::Verdict v)
{
    switch (v) {
    case fl::Verdict::Livelock:
    case fl::Verdict::Deadlock:
        return VerdictColour;
    case fl::Verdict::Completed:
        return DoneFill;
    case fl::Verdict::Limit:
        return LimitColour;
    }
    return VerdictColour;
}
const QColor FlagColour {0x0d, 0x47, 0xa1}; // need_resched set: blue (a flag)

struct Look
{
    QColor fill; // invalid: nothing drawn
    int key = 0; // bars with the same key share a label when merged
};

// 1, 2 or 5 times a power of ten, about `count` ticks over `span`.
double niceStep(double span, int count)
{
    const double raw = std::max(span, 1.0) / std::max(count, 1);
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= raw)
            return m * p;
    return 10 * p;
}

bool isDark(const QColor &c)
{
    return c.lightnessF() < 0.5;
}

// Draws one lane's slices between view times v0 and v1 into `lane`,
// merging neighbours of one colour and giving each pixel column at most
// one bar: slices narrower than a pixel are sampled per column and the
// rest of the column is skipped by binary search, so the cost is bounded
// by the lane's width, not by the run's length.
template<typename Slice, typename LookOf, typename LabelOf>
void drawLane(QPainter *p, const std::vector<Slice> &slices, fl::Nanos openEnd, double v0,
        double v1, const QRectF &lane, LookOf lookOf, LabelOf labelOf)
{
    if (slices.empty() || v1 <= v0)
        return;
    const double scale = lane.width() / (v1 - v0);
    auto endOf = [&](std::size_t i) {
        const Slice &s = slices[i];
        // The last slice of a task is open until the run ends.
        return (i + 1 == slices.size() && s.end <= s.start) ? std::max(openEnd, s.end) : s.end;
    };
    auto firstEndingAfter = [&](std::size_t from, double t) {
        std::size_t lo = from, hi = slices.size();
        while (lo < hi) {
            const std::size_t mid = (lo + hi) / 2;
            if (static_cast<double>(endOf(mid)) <= t)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    };

    struct Run
    {
        double x0 = 0, x1 = -1;
        QColor fill;
        int key = 0;
        bool mixed = false;
        std::size_t first = 0;
    } run;
    const QFontMetricsF fm(p->font());
    auto flush = [&] {
        if (run.x1 <= run.x0 || !run.fill.isValid())
            return;
        const QRectF r(lane.left() + run.x0, lane.top(), run.x1 - run.x0, lane.height());
        p->fillRect(r, run.fill);
        if (run.mixed || r.width() < fm.averageCharWidth() * 4)
            return;
        const QString text = labelOf(slices[run.first]);
        if (text.isEmpty())
            return;
        p->setPen(isDark(run.fill) ? Qt::white : QColor(0x1d, 0x1f, 0x23));
        const QRectF textRect = r.adjusted(4, 0, -2, 0);
        p->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                fm.elidedText(text, Qt::ElideRight, textRect.width()));
    };

    std::size_t i = firstEndingAfter(0, v0);
    while (i < slices.size() && static_cast<double>(slices[i].start) < v1) {
        const Slice &s = slices[i];
        const Look look = lookOf(s);
        double xs = std::clamp((static_cast<double>(s.start) - v0) * scale, 0.0, lane.width());
        double xe = std::clamp((static_cast<double>(endOf(i)) - v0) * scale, 0.0, lane.width());
        std::size_t next = i + 1;
        if (xe - xs < 1.0) {
            // Narrower than a pixel: this slice stands for its whole column.
            const double column = std::floor(xs);
            xs = column;
            xe = column + 1;
            next = std::max(next, firstEndingAfter(i + 1, v0 + xe / scale));
        }
        if (look.fill.isValid()) {
            if (run.fill == look.fill && xs <= run.x1 + 0.5) {
                run.x1 = std::max(run.x1, xe);
                run.mixed = run.mixed || run.key != look.key;
            } else {
                if (run.fill.isValid() && xs < run.x1)
                    xs = run.x1; // the column is taken
                if (xe > xs) {
                    flush();
                    run = Run {xs, xe, look.fill, look.key, false, i};
                }
            }
        }
        i = next;
    }
    flush();
}

} // namespace

struct SwimlaneItem::Layout
{
    double labelWidth = 0;
    double plotLeft = 0;
    double plotWidth = 0;
    double axisHeight = 0;
    double laneHeight = 0;
    double gap = 0;
    int cpus = 0;
    int tasks = 0;
    double cpuTop = 0;
    double taskTop = 0;
    double marksTop = 0;
    double densityTop = 0;
    double bottom = 0;

    [[nodiscard]] QRectF cpuLane(int c) const
    {
        return QRectF(plotLeft, cpuTop + c * (laneHeight + gap), plotWidth, laneHeight);
    }
    [[nodiscard]] QRectF taskLane(int t) const
    {
        return QRectF(plotLeft, taskTop + t * (laneHeight + gap), plotWidth, laneHeight);
    }
};

SwimlaneItem::SwimlaneItem(QQuickItem *parent)
    : QQuickPaintedItem(parent)
{
    setAcceptedMouseButtons(Qt::LeftButton);
    setAcceptHoverEvents(true);
    setFlag(ItemAcceptsInputMethod, false);
    setActiveFocusOnTab(true);
    setAntialiasing(false);
    connect(this, &SwimlaneItem::themeChanged, this, [this] { update(); });
    connect(this, &SwimlaneItem::viewChanged, this, [this] { update(); });
}

void SwimlaneItem::setRun(RunModel *run)
{
    if (m_run == run)
        return;
    if (m_run)
        disconnect(m_run, nullptr, this, nullptr);
    m_run = run;
    if (m_run) {
        // stateChanged comes with every step, jump, load and re-run: the
        // trace may have grown or been rebuilt, and the cursor moved.
        connect(m_run, &RunModel::stateChanged, this, &SwimlaneItem::onRunChanged);
        connect(m_run, &RunModel::totalStepsChanged, this, &SwimlaneItem::onRunChanged);
    }
    emit runChanged();
    m_following = true;
    onRunChanged();
}

void SwimlaneItem::onRunChanged()
{
    if (m_following) {
        m_viewStart = 0;
        m_viewEnd = std::max(traceEnd(), 1.0);
        emit viewChanged();
    }
    emit traceChanged();
    update();
}

double SwimlaneItem::traceEnd() const
{
    const Timeline *tl = m_run ? m_run->timeline() : nullptr;
    return tl ? static_cast<double>(tl->trace().end()) : 0.0;
}

double SwimlaneItem::timeOfStep(int step) const
{
    const Timeline *tl = m_run ? m_run->timeline() : nullptr;
    if (!tl || step <= 0 || tl->samples().empty())
        return 0;
    const std::size_t i
            = std::min<std::size_t>(static_cast<std::size_t>(step), tl->samples().size());
    return static_cast<double>(tl->samples()[i - 1].time);
}

double SwimlaneItem::cursorTime() const
{
    const Timeline *tl = m_run ? m_run->timeline() : nullptr;
    return tl ? timeOfStep(static_cast<int>(tl->position())) : 0.0;
}

int SwimlaneItem::stepAtTime(double time) const
{
    const Timeline *tl = m_run ? m_run->timeline() : nullptr;
    if (!tl)
        return -1;
    // Each sample carries its CPU's clock, so times are not sorted across
    // CPUs: the first step whose time reaches `time`.
    const auto &samples = tl->samples();
    for (std::size_t i = 0; i < samples.size(); ++i)
        if (static_cast<double>(samples[i].time) >= time)
            return static_cast<int>(i + 1);
    return static_cast<int>(samples.size());
}

SwimlaneItem::Layout SwimlaneItem::layout(double w, double h) const
{
    if (w < 0)
        w = width();
    if (h < 0)
        h = height();
    Layout l;
    const Timeline *tl = m_run ? m_run->timeline() : nullptr;
    l.cpus = tl ? tl->setup().initial.cpuCount : 0;
    l.tasks = tl ? tl->setup().initial.taskCount : 0;
    l.labelWidth = m_fontPixelSize * 9;
    l.plotLeft = l.labelWidth + 6;
    l.plotWidth = std::max(10.0, w - l.plotLeft - 8);
    l.axisHeight = m_fontPixelSize * 1.6;
    l.gap = 3;
    // Lanes grow into the room there is (a projector at 1080p), up to a
    // limit; contentHeight asks with h = 0 for the smallest that reads.
    const double rows = l.cpus + l.tasks + 1.7;
    const double fit = (h - l.axisHeight - 20) / std::max(rows, 1.0) - l.gap;
    l.laneHeight = std::round(std::clamp(fit, m_fontPixelSize * 1.45, m_fontPixelSize * 2.2));
    // CPUs, then the marks and the failed trylocks (what the CPUs did),
    // then the tasks (what they waited for).
    l.cpuTop = l.axisHeight + 4;
    l.marksTop = l.cpuTop + l.cpus * (l.laneHeight + l.gap);
    l.densityTop = l.marksTop + l.laneHeight + l.gap;
    l.taskTop = l.densityTop + l.laneHeight * 0.7 + 8;
    l.bottom = l.taskTop + l.tasks * (l.laneHeight + l.gap) + 2;
    return l;
}

int SwimlaneItem::contentHeight() const
{
    return static_cast<int>(std::ceil(layout(-1, 0).bottom));
}

QRectF SwimlaneItem::cpuLaneRect(int cpu) const
{
    return layout().cpuLane(cpu);
}

QRectF SwimlaneItem::taskLaneRect(int task) const
{
    return layout().taskLane(task);
}

double SwimlaneItem::xOf(double time) const
{
    const Layout l = layout();
    return l.plotLeft + (time - m_viewStart) * l.plotWidth / std::max(m_viewEnd - m_viewStart, 1.0);
}

void SwimlaneItem::paint(QPainter *painter)
{
    QElapsedTimer clock;
    clock.start();
    draw(painter, size());
    m_paintMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    QMetaObject::invokeMethod(this, &SwimlaneItem::painted, Qt::QueuedConnection);
}

QImage SwimlaneItem::renderImage(QSize size) const
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(m_backgroundColor);
    QPainter p(&image);
    p.setRenderHint(QPainter::TextAntialiasing);
    draw(&p, QSizeF(size));
    return image;
}

void SwimlaneItem::draw(QPainter *p, QSizeF size) const
{
    p->fillRect(QRectF(QPointF(0, 0), size), m_backgroundColor);
    QFont font = p->font();
    font.setPixelSize(m_fontPixelSize);
    p->setFont(font);
    const Timeline *tl = m_run ? m_run->timeline() : nullptr;
    if (!tl) {
        p->setPen(m_mutedColor);
        p->drawText(QRectF(QPointF(0, 0), size), Qt::AlignCenter, tr("No run loaded"));
        return;
    }
    const fl::RunTrace &trace = tl->trace();
    const fl::Setup &setup = tl->setup();
    const Layout l = layout(size.width(), size.height());
    const double v0 = m_viewStart;
    const double v1 = std::max(m_viewEnd, v0 + 1);
    const double scale = l.plotWidth / (v1 - v0);
    auto xAt = [&](double t) {
        return l.plotLeft + (t - v0) * scale;
    };
    const double plotRight = l.plotLeft + l.plotWidth;
    const QFontMetricsF fm(font);

    // Time axis and grid.
    const double tick = niceStep(
            v1 - v0, std::max(2, static_cast<int>(l.plotWidth / (fm.averageCharWidth() * 12))));
    p->setPen(m_gridColor);
    for (double t = std::ceil(v0 / tick) * tick; t <= v1; t += tick)
        p->drawLine(QPointF(xAt(t), l.axisHeight), QPointF(xAt(t), l.bottom));
    p->setPen(m_mutedColor);
    for (double t = std::ceil(v0 / tick) * tick; t <= v1; t += tick) {
        const QString text = t == 0 ? u"0"_s : Units::formatDuration(static_cast<std::uint64_t>(t));
        const double w = fm.horizontalAdvance(text);
        const double x = std::clamp(xAt(t) - w / 2, l.plotLeft, plotRight - w);
        p->drawText(QPointF(x, l.axisHeight - fm.descent() - 3), text);
    }
    p->drawText(QRectF(0, 0, l.labelWidth, l.axisHeight), Qt::AlignVCenter | Qt::AlignLeft,
            tr("virtual time"));

    auto laneLabel = [&](const QRectF &lane, const QString &text, bool bold) {
        QFont f = font;
        f.setBold(bold);
        p->setFont(f);
        p->setPen(m_textColor);
        const QRectF r(0, lane.top(), l.labelWidth, lane.height());
        p->drawText(r, Qt::AlignVCenter | Qt::AlignLeft,
                QFontMetricsF(f).elidedText(text, Qt::ElideRight, l.labelWidth));
        p->setFont(font);
        p->fillRect(lane, m_laneColor);
    };

    const auto taskName = [&](fl::TaskId t) {
        return t < fl::MaxTasks ? QString::fromStdString(setup.taskNames[t]) : u"?"_s;
    };

    // Lanes per CPU: who ran, doing what.
    for (int c = 0; c < l.cpus; ++c) {
        const QRectF lane = l.cpuLane(c);
        laneLabel(lane, u"CPU%1"_s.arg(c), true);
        drawLane(
                p, trace.cpu(static_cast<fl::CpuId>(c)), trace.end(), v0, v1, lane,
                [](const fl::CpuSlice &s) {
                    const QColor fill = s.what == fl::CpuActivity::Spinning ? SpinFill
                            : s.what == fl::CpuActivity::User               ? UserFill
                                                                            : KernelFill;
                    return Look {fill, s.task};
                },
                [&](const fl::CpuSlice &s) {
                    return s.what == fl::CpuActivity::Spinning
                            ? tr("%1 spinning").arg(taskName(s.task))
                            : s.what == fl::CpuActivity::User
                            ? tr("%1 (user)").arg(taskName(s.task))
                            : taskName(s.task);
                });
    }

    // Lanes per task: running, spinning, runnable, asleep and on what.
    for (int t = 0; t < l.tasks; ++t) {
        const QRectF lane = l.taskLane(t);
        laneLabel(lane,
                u"%1 · %2"_s.arg(taskName(static_cast<fl::TaskId>(t)),
                        QString::fromLatin1(fl::roleName(setup.initial.tasks[t].role))),
                false);
        drawLane(
                p, trace.task(static_cast<fl::TaskId>(t)), trace.end(), v0, v1, lane,
                [](const fl::TaskSlice &s) {
                    switch (s.what) {
                    case fl::TaskActivity::Running:
                        return Look {KernelFill, s.cpu};
                    case fl::TaskActivity::Spinning:
                        return Look {SpinFill, s.cpu};
                    case fl::TaskActivity::Runnable:
                        return Look {RunnableFill, 0};
                    case fl::TaskActivity::Asleep:
                        // An idle worker is not waiting for anything.
                        return s.wait == fl::WaitKind::WorkerIdle
                                ? Look {}
                                : Look {AsleepFill, int(s.wait) * 256 + s.waitArg};
                    case fl::TaskActivity::Done:
                        return Look {DoneFill, 0};
                    case fl::TaskActivity::NotStarted:
                        break;
                    }
                    return Look {};
                },
                [&](const fl::TaskSlice &s) {
                    if (s.what == fl::TaskActivity::Done)
                        return tr("✔ done");
                    return QString::fromStdString(fl::taskSliceText(setup, s));
                });
    }

    // CPU marks: context switches as thin lines, ticks as short ones, need_resched
    // as a small blue flag; at most one of a kind per pixel column.
    const auto &marks = trace.marks();
    const int columns = static_cast<int>(std::ceil(l.plotWidth)) + 1;
    std::vector<std::uint16_t> seen(static_cast<std::size_t>(columns) * (l.cpus + 1), 0);
    auto firstSeen = [&](int row, double x, std::uint16_t bit) {
        const int col = static_cast<int>(x - l.plotLeft);
        if (col < 0 || col >= columns)
            return false;
        std::uint16_t &s = seen[static_cast<std::size_t>(row) * columns + col];
        if (s & bit)
            return false;
        s |= bit;
        return true;
    };
    // Marks come in event order: times grow but for a step's skew between
    // CPU clocks, so start a little before the view and stop a little after.
    auto first = std::partition_point(marks.begin(), marks.end(),
            [&](const fl::TraceMark &m) { return static_cast<double>(m.event.time) < v0; });
    first -= std::min<std::ptrdiff_t>(first - marks.begin(), 64);
    const QRectF marksRow(l.plotLeft, l.marksTop, l.plotWidth, l.laneHeight);
    laneLabel(marksRow, tr("events"), true);
    int pastEnd = 0;
    for (auto it = first; it != marks.end() && pastEnd < 64; ++it) {
        const fl::Event &e = it->event;
        const double t = static_cast<double>(e.time);
        if (t > v1) {
            ++pastEnd;
            continue;
        }
        if (t < v0)
            continue;
        const double x = std::floor(xAt(t)) + 0.5;
        const bool onCpu = e.cpu < l.cpus;
        const QRectF lane = onCpu ? l.cpuLane(e.cpu) : QRectF();
        QString glyph;
        QColor colour = m_textColor;
        switch (e.kind) {
        case fl::EventKind::ContextSwitch:
            if (onCpu && firstSeen(e.cpu, x, 1)) {
                QColor line = m_textColor; // light on the dark theme
                line.setAlpha(140);
                p->setPen(line);
                p->drawLine(QPointF(x, lane.top()), QPointF(x, lane.bottom()));
            }
            break;
        case fl::EventKind::Tick:
            if (onCpu && firstSeen(e.cpu, x, 2)) {
                p->setPen(m_textColor);
                p->drawLine(QPointF(x, lane.bottom() - 4), QPointF(x, lane.bottom()));
            }
            break;
        case fl::EventKind::NeedResched:
            if (onCpu && firstSeen(e.cpu, x, 4)) {
                p->setPen(FlagColour);
                p->drawLine(QPointF(x, lane.top()), QPointF(x, lane.top() + 5));
            }
            break;
        case fl::EventKind::WorkQueued:
            glyph = u"▽"_s;
            break;
        case fl::EventKind::WorkDone:
            glyph = u"▲"_s;
            break;
        case fl::EventKind::MigrationBegin:
            glyph = u"◇"_s;
            break;
        case fl::EventKind::MigrationDone:
            glyph = u"◆"_s;
            break;
        case fl::EventKind::MigrationFailed:
            glyph = u"✕"_s;
            break;
        case fl::EventKind::RcuExpGpBegin:
            glyph = u"{"_s;
            break;
        case fl::EventKind::RcuExpGpEnd:
            glyph = u"}"_s;
            break;
        case fl::EventKind::BackoffRestart:
            glyph = u"↺"_s;
            break;
        case fl::EventKind::UseAfterFree:
        case fl::EventKind::SoftLockup:
        case fl::EventKind::HungTask:
        case fl::EventKind::RtThrottled:
            glyph = u"⚠"_s;
            colour = VerdictColour;
            break;
        default:
            break;
        }
        if (glyph.isEmpty())
            continue;
        // One glyph of a kind per column of the glyph's width.
        const std::uint16_t bit = static_cast<std::uint16_t>(1u << (static_cast<int>(e.kind) % 16));
        const double cell = fm.averageCharWidth();
        if (!firstSeen(l.cpus, l.plotLeft + std::floor((x - l.plotLeft) / cell) * cell, bit))
            continue;
        p->setPen(colour);
        p->drawText(QRectF(x - cell, marksRow.top(), 2 * cell, marksRow.height()), Qt::AlignCenter,
                glyph);
    }

    // Failed trylocks: a density strip (a column's darkness is its count).
    const QRectF strip(l.plotLeft, l.densityTop, l.plotWidth, l.laneHeight * 0.7);
    {
        QFont f = font;
        f.setPixelSize(std::max(10, m_fontPixelSize * 3 / 4));
        p->setFont(f);
        p->setPen(m_textColor);
        p->drawText(QRectF(0, strip.top(), l.labelWidth, strip.height()),
                Qt::AlignVCenter | Qt::AlignLeft, tr("failed trylocks"));
        p->setFont(font);
        p->fillRect(strip, m_laneColor);
        const auto &fails = trace.trylockFailures();
        std::vector<std::uint32_t> counts(static_cast<std::size_t>(columns), 0);
        auto it = std::partition_point(fails.begin(), fails.end(),
                [&](fl::Nanos t) { return static_cast<double>(t) < v0; });
        it -= std::min<std::ptrdiff_t>(it - fails.begin(), 64);
        int after = 0;
        for (; it != fails.end() && after < 64; ++it) {
            const double t = static_cast<double>(*it);
            if (t > v1) {
                ++after;
                continue;
            }
            if (t < v0)
                continue;
            const int col = std::clamp(static_cast<int>((t - v0) * scale), 0, columns - 1);
            ++counts[static_cast<std::size_t>(col)];
        }
        const std::uint32_t most = *std::max_element(counts.begin(), counts.end());
        if (most > 0) {
            for (int col = 0; col < columns; ++col) {
                const std::uint32_t n = counts[static_cast<std::size_t>(col)];
                if (n == 0)
                    continue;
                QColor c = SpinFill;
                c.setAlphaF(0.25 + 0.75 * std::sqrt(double(n) / double(most)));
                p->fillRect(QRectF(l.plotLeft + col, strip.top(), 1, strip.height()), c);
            }
        }
    }

    // The verdict: a line and its word, red when stuck, green when completed.
    if (tl->verdict()) {
        // Given at the end of the recorded run (as usual), the verdict
        // holds from the latest clock, not from the last acting CPU's.
        const std::size_t at = tl->verdict()->step;
        const double t = at >= trace.steps() ? static_cast<double>(trace.end())
                                             : timeOfStep(static_cast<int>(at));
        if (t >= v0 && t <= v1) {
            const double x = xAt(t);
            const QColor colour = verdictColour(tl->verdict()->verdict);
            p->setPen(QPen(colour, 2));
            p->drawLine(QPointF(x, l.cpuTop), QPointF(x, l.bottom));
            QFont f = font;
            f.setBold(true);
            p->setFont(f);
            const QString word = QString::fromLatin1(fl::verdictName(tl->verdict()->verdict));
            const double w = QFontMetricsF(f).horizontalAdvance(word) + 8;
            const QRectF box(
                    std::clamp(x - w / 2, l.plotLeft, plotRight - w), 0, w, l.axisHeight - 2);
            p->fillRect(box, m_backgroundColor);
            p->setPen(colour);
            p->drawText(box, Qt::AlignCenter, word);
            p->setFont(font);
        }
    }

    // The cursor: the current step's time.
    const double ct = cursorTime();
    if (ct >= v0 && ct <= v1) {
        const double x = std::round(xAt(ct));
        p->setPen(QPen(m_textColor, 2));
        p->drawLine(QPointF(x, l.axisHeight - 6), QPointF(x, l.bottom));
        const QPointF tri[3] = {QPointF(x - 6, l.axisHeight - 8), QPointF(x + 6, l.axisHeight - 8),
                QPointF(x, l.axisHeight)};
        p->setBrush(m_textColor);
        p->drawPolygon(tri, 3);
        p->setBrush(Qt::NoBrush);
    }
}

void SwimlaneItem::setView(double start, double end)
{
    // Any range at least 100 ns wide: a compare view shows a short run on
    // the long one's axis.
    end = std::max(end, start + 100);
    m_following = false;
    if (start == m_viewStart && end == m_viewEnd)
        return;
    m_viewStart = start;
    m_viewEnd = end;
    emit viewChanged();
}

void SwimlaneItem::moveView(double start, double end)
{
    const double total = std::max(traceEnd(), 1.0);
    // Zooming and panning stay near the run.
    const double span
            = std::clamp(end - start, 100.0, std::max(total * 1.1, m_viewEnd - m_viewStart));
    start = std::clamp(start, std::min(-total * 0.05, m_viewStart),
            std::max(total * 1.05 - span, m_viewStart));
    setView(start, start + span);
}

void SwimlaneItem::fitAll()
{
    m_following = true;
    m_viewStart = 0;
    m_viewEnd = std::max(traceEnd(), 1.0);
    emit viewChanged();
}

void SwimlaneItem::zoomToVerdict()
{
    const Timeline *tl = m_run ? m_run->timeline() : nullptr;
    if (!tl)
        return;
    double from = 0, to = traceEnd();
    if (tl->cycleStart()) {
        from = timeOfStep(static_cast<int>(*tl->cycleStart()));
    } else if (tl->verdict()) {
        const double at = timeOfStep(static_cast<int>(tl->verdict()->step));
        to = at;
        // The starvation is the longest spin running into the verdict.
        double longest = 0;
        for (int c = 0; c < tl->setup().initial.cpuCount; ++c)
            for (const fl::CpuSlice &s : tl->trace().cpu(static_cast<fl::CpuId>(c)))
                if (s.what == fl::CpuActivity::Spinning && static_cast<double>(s.start) <= at
                        && static_cast<double>(s.end) - static_cast<double>(s.start) > longest) {
                    longest = static_cast<double>(s.end - s.start);
                    from = static_cast<double>(s.start);
                }
        if (longest == 0)
            from = std::max(0.0, at - (traceEnd() * 0.1));
    }
    const double margin = std::max((to - from) * 0.06, 50.0);
    setView(from - margin, to + margin);
}

void SwimlaneItem::zoom(double factor, double x)
{
    const Layout l = layout();
    if (x < 0)
        x = l.plotLeft + l.plotWidth / 2;
    const double span = m_viewEnd - m_viewStart;
    const double anchor = m_viewStart + (x - l.plotLeft) / l.plotWidth * span;
    const double newSpan = span / factor;
    moveView(anchor - (anchor - m_viewStart) / factor,
            anchor - (anchor - m_viewStart) / factor + newSpan);
}

void SwimlaneItem::pan(double fraction)
{
    const double span = m_viewEnd - m_viewStart;
    moveView(m_viewStart + fraction * span, m_viewEnd + fraction * span);
}

int SwimlaneItem::stepAt(double x, double y) const
{
    const Timeline *tl = m_run ? m_run->timeline() : nullptr;
    const Layout l = layout();
    if (!tl || x < l.plotLeft)
        return -1;
    const double scale = l.plotWidth / std::max(m_viewEnd - m_viewStart, 1.0);
    const double t = m_viewStart + (x - l.plotLeft) / scale;
    const double slack = 3 / scale; // three pixels
    const fl::RunTrace &trace = tl->trace();
    // A slice's first step: the position after it was applied.
    auto inLane = [&](const auto &slices) -> int {
        for (const auto &s : slices) {
            const double end = (&s == &slices.back() && s.end <= s.start)
                    ? static_cast<double>(trace.end())
                    : static_cast<double>(s.end);
            if (static_cast<double>(s.start) - slack <= t && t < end + slack)
                return static_cast<int>(s.step) + 1;
        }
        return -1;
    };
    for (int c = 0; c < l.cpus; ++c)
        if (l.cpuLane(c).contains(QPointF(x, y)))
            return inLane(trace.cpu(static_cast<fl::CpuId>(c)));
    for (int k = 0; k < l.tasks; ++k)
        if (l.taskLane(k).contains(QPointF(x, y)))
            return inLane(trace.task(static_cast<fl::TaskId>(k)));
    if (y >= l.marksTop && y < l.marksTop + l.laneHeight) {
        // The nearest glyph-bearing mark within a glyph's width.
        const double reach = QFontMetricsF(QFont()).averageCharWidth() / scale + slack;
        int best = -1;
        double bestDist = reach;
        for (const fl::TraceMark &m : trace.marks()) {
            switch (m.event.kind) {
            case fl::EventKind::ContextSwitch:
            case fl::EventKind::Tick:
            case fl::EventKind::NeedResched:
                continue;
            default:
                break;
            }
            const double d = std::abs(static_cast<double>(m.event.time) - t);
            if (d <= bestDist) {
                bestDist = d;
                best = static_cast<int>(m.step) + 1;
            }
        }
        return best;
    }
    return stepAtTime(t); // the axis, the density strip
}

QString SwimlaneItem::describeAt(double x, double y) const
{
    const Timeline *tl = m_run ? m_run->timeline() : nullptr;
    const Layout l = layout();
    if (!tl || x < l.plotLeft)
        return {};
    const double scale = l.plotWidth / std::max(m_viewEnd - m_viewStart, 1.0);
    const double t = m_viewStart + (x - l.plotLeft) / scale;
    const fl::RunTrace &trace = tl->trace();
    const fl::Setup &setup = tl->setup();
    auto span = [&](double from, double to) {
        return tr("%1, from %2 to %3")
                .arg(Units::formatDuration(static_cast<std::uint64_t>(std::max(0.0, to - from))),
                        Units::formatDuration(static_cast<std::uint64_t>(from)),
                        Units::formatDuration(static_cast<std::uint64_t>(to)));
    };
    auto find
            = [&](const auto &slices) -> const std::remove_reference_t<decltype(slices.front())> * {
        auto it = std::partition_point(slices.begin(), slices.end(),
                [&](const auto &s) { return static_cast<double>(s.start) <= t; });
        return it == slices.begin() ? nullptr : &*(it - 1);
    };
    auto endOf = [&](const auto &s, const auto &slices) {
        return (&s == &slices.back() && s.end <= s.start) ? static_cast<double>(trace.end())
                                                          : static_cast<double>(s.end);
    };
    for (int c = 0; c < l.cpus; ++c) {
        if (!l.cpuLane(c).contains(QPointF(x, y)))
            continue;
        const auto &slices = trace.cpu(static_cast<fl::CpuId>(c));
        const fl::CpuSlice *s = find(slices);
        if (!s || t > endOf(*s, slices))
            return tr("CPU%1: idle").arg(c);
        return tr("CPU%1: %2 %3 — %4 (click: step %5)")
                .arg(c)
                .arg(QString::fromStdString(setup.taskNames[s->task]),
                        QString::fromLatin1(fl::cpuActivityName(s->what)),
                        span(static_cast<double>(s->start), endOf(*s, slices)))
                .arg(s->step + 1);
    }
    for (int k = 0; k < l.tasks; ++k) {
        if (!l.taskLane(k).contains(QPointF(x, y)))
            continue;
        const auto &slices = trace.task(static_cast<fl::TaskId>(k));
        const fl::TaskSlice *s = find(slices);
        if (!s)
            return {};
        return tr("%1: %2 — %3 (click: step %4)")
                .arg(QString::fromStdString(setup.taskNames[k]),
                        QString::fromStdString(fl::taskSliceText(setup, *s)),
                        span(static_cast<double>(s->start), endOf(*s, slices)))
                .arg(s->step + 1);
    }
    if (y >= l.densityTop && y < l.bottom) {
        const auto &fails = trace.trylockFailures();
        const auto lo = std::partition_point(fails.begin(), fails.end(),
                [&](fl::Nanos f) { return static_cast<double>(f) < t - 0.5 / scale; });
        const auto hi = std::partition_point(lo, fails.end(),
                [&](fl::Nanos f) { return static_cast<double>(f) < t + 0.5 / scale; });
        return tr("%1 failed trylocks at %2 (%3 in the whole run)")
                .arg(hi - lo)
                .arg(Units::formatDuration(static_cast<std::uint64_t>(std::max(0.0, t))))
                .arg(fails.size());
    }
    if (y >= l.marksTop && y < l.marksTop + l.laneHeight) {
        const int step = stepAt(x, y);
        for (const fl::TraceMark &m : trace.marks())
            if (static_cast<int>(m.step) + 1 == step && m.event.kind != fl::EventKind::Tick
                    && m.event.kind != fl::EventKind::ContextSwitch
                    && m.event.kind != fl::EventKind::NeedResched)
                return tr("%1 at %2 (click: step %3)")
                        .arg(QString::fromLatin1(fl::eventKindName(m.event.kind)),
                                Units::formatDuration(m.event.time))
                        .arg(step);
    }
    return tr("%1 (click: the step at that time)")
            .arg(Units::formatDuration(static_cast<std::uint64_t>(std::max(0.0, t))));
}

void SwimlaneItem::setHoverText(const QString &text)
{
    if (text == m_hoverText)
        return;
    m_hoverText = text;
    emit hoverTextChanged();
}

void SwimlaneItem::mousePressEvent(QMouseEvent *event)
{
    forceActiveFocus(Qt::MouseFocusReason);
    m_pressAt = event->position();
    m_pressViewStart = m_viewStart;
    m_dragging = false;
    m_pressOnAxis = event->position().y() < layout().axisHeight;
    event->accept();
}

void SwimlaneItem::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF d = event->position() - m_pressAt;
    if (m_pressOnAxis) {
        // Dragging along the axis drags the cursor, and with it the run.
        const int step = stepAt(event->position().x(), 0);
        if (step >= 0)
            emit seekRequested(step);
        return;
    }
    if (!m_dragging && std::abs(d.x()) < 4)
        return;
    m_dragging = true;
    const Layout l = layout();
    const double span = m_viewEnd - m_viewStart;
    moveView(m_pressViewStart - d.x() / l.plotWidth * span,
            m_pressViewStart - d.x() / l.plotWidth * span + span);
}

void SwimlaneItem::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragging) {
        const int step = stepAt(event->position().x(), event->position().y());
        if (step >= 0)
            emit seekRequested(step);
    }
    m_dragging = false;
    event->accept();
}

void SwimlaneItem::hoverMoveEvent(QHoverEvent *event)
{
    setHoverText(describeAt(event->position().x(), event->position().y()));
}

void SwimlaneItem::hoverLeaveEvent(QHoverEvent *)
{
    setHoverText({});
}

void SwimlaneItem::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    if (event->modifiers() & Qt::ShiftModifier || std::abs(delta.x()) > std::abs(delta.y())) {
        const int d = delta.x() != 0 ? delta.x() : delta.y();
        pan(-d / 120.0 * 0.1);
    } else if (delta.y() != 0) {
        zoom(std::pow(1.25, delta.y() / 120.0), event->position().x());
    }
    event->accept();
}

void SwimlaneItem::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoom(1.5);
        break;
    case Qt::Key_Minus:
        zoom(1 / 1.5);
        break;
    case Qt::Key_Left:
        pan(-0.1);
        break;
    case Qt::Key_Right:
        pan(0.1);
        break;
    case Qt::Key_Home:
    case Qt::Key_0:
        fitAll();
        break;
    case Qt::Key_Z:
        zoomToVerdict();
        break;
    default:
        event->ignore();
        return;
    }
    event->accept();
}

fl::TraceMetadata SwimlaneItem::metadata() const
{
    const Timeline *tl = m_run->timeline();
    const fl::Setup &setup = tl->setup();
    const std::string verdict
            = tl->verdict() ? fl::verdictName(tl->verdict()->verdict) : "none yet";
    return fl::TraceMetadata {m_run->scenarioName().toStdString(), setup.fixes.describe(),
            fl::preemptName(setup.initial.preempt), fl::rcuName(setup.initial.rcu), verdict,
            tl->seed()};
}

QString SwimlaneItem::exportTrace(const QUrl &file)
{
    const Timeline *tl = m_run ? m_run->timeline() : nullptr;
    if (!tl)
        return tr("There is no run to export.");
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return tr("Cannot write %1: %2").arg(path, out.errorString());
    fl::RunTrace trace = tl->trace();
    trace.finish(trace.end());
    const std::string json = fl::chromeTraceJson(trace, metadata());
    out.write(json.data(), static_cast<qint64>(json.size()));
    if (!out.commit())
        return tr("Cannot write %1: %2").arg(path, out.errorString());
    return {};
}

QString SwimlaneItem::exportPicture(const QUrl &file, int width, int height)
{
    const Timeline *tl = m_run ? m_run->timeline() : nullptr;
    if (!tl)
        return tr("There is no run to export.");
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return tr("Cannot write %1: %2").arg(path, out.errorString());
    if (path.endsWith(u".svg"_s, Qt::CaseInsensitive)) {
        fl::RunTrace trace = tl->trace();
        trace.finish(trace.end());
        const std::string svg = fl::swimlaneSvg(trace, metadata(), std::max(width, 400));
        out.write(svg.data(), static_cast<qint64>(svg.size()));
    } else {
        const QImage image
                = renderImage(QSize(std::max(width, 400), std::max(height, contentHeight())));
        if (!image.save(&out, "PNG"))
            return tr("Cannot encode the picture as PNG for %1").arg(path);
    }
    if (!out.commit())
        return tr("Cannot write %1: %2").arg(path, out.errorString());
    return {};
}
