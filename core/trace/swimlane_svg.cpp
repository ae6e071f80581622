// SPDX-License-Identifier: GPL-2.0-only
#include "trace/swimlane_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

namespace fl {

namespace {

constexpr int LabelWidth = 170;
constexpr int LaneHeight = 26;
constexpr int LaneGap = 6;

// One meaning per colour, each named in the legend, and the same as the
// window's Time tab: blue means "locked / a flag" there, green "done" and
// purple "device-private", so running is a dark neutral grey, user space a
// lighter one, and the marks are black glyphs.
constexpr const char *KernelColour = "#555b63";
constexpr const char *UserColour = "#a3a9b1";
constexpr const char *SpinColour = "#e8891c";
constexpr const char *RunnableColour = "#f2d16b";
constexpr const char *AsleepColour = "#d9dce0";
constexpr const char *MarkColour = "#1d1f23";
constexpr const char *VerdictColour = "#c62828";

// Red means stuck: a completed run's verdict line is green, a run stopped by
// its limit grey.
const char *verdictColour(const std::string &verdict)
{
    if (verdict == "COMPLETED")
        return "#2e7d32";
    if (verdict == "LIVELOCK" || verdict == "DEADLOCK")
        return VerdictColour;
    return "#6b7280";
}

std::string xml(const std::string &s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string duration(Nanos ns)
{
    char buf[32];
    if (ns >= 1'000'000'000)
        std::snprintf(buf, sizeof buf, "%g s", static_cast<double>(ns) / 1e9);
    else if (ns >= 1'000'000)
        std::snprintf(buf, sizeof buf, "%g ms", static_cast<double>(ns) / 1e6);
    else if (ns >= 1'000)
        std::snprintf(buf, sizeof buf, "%g µs", static_cast<double>(ns) / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%llu ns", static_cast<unsigned long long>(ns));
    return buf;
}

// 1, 2 or 5 times a power of ten, giving about `count` ticks over `span`.
Nanos niceStep(Nanos span, int count)
{
    const double raw = static_cast<double>(std::max<Nanos>(span, 1)) / count;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= raw)
            return std::max<Nanos>(1, static_cast<Nanos>(m * p));
    return static_cast<Nanos>(10 * p);
}

struct Rect {
    int x0, x1;
    std::string colour;
    std::string label;
};

// Appends a bar, merging it with the previous one where they share a pixel
// and a colour: per-pixel aggregation for runs of any length.
void addBar(std::vector<Rect> &bars, int x0, int x1, const std::string &colour,
            const std::string &label)
{
    x1 = std::max(x1, x0 + 1);
    if (!bars.empty() && bars.back().colour == colour && x0 <= bars.back().x1) {
        bars.back().x1 = std::max(bars.back().x1, x1);
        if (bars.back().label != label)
            bars.back().label.clear();
        return;
    }
    if (!bars.empty() && x0 < bars.back().x1) {
        if (x1 <= bars.back().x1)
            return; // the pixel is taken; the longer slice there keeps it
        x0 = bars.back().x1;
    }
    bars.push_back({x0, x1, colour, label});
}

} // namespace

std::string swimlaneSvg(const RunTrace &trace, const TraceMetadata &meta, int width)
{
    const Setup &setup = trace.setup();
    const Nanos end = std::max<Nanos>(trace.end(), 1);
    const int plot = width - LabelWidth - 20;
    auto xOf = [&](Nanos t) {
        return LabelWidth + static_cast<int>(static_cast<double>(t) * plot / static_cast<double>(end));
    };
    const int cpus = setup.initial.cpuCount;
    const int tasks = setup.initial.taskCount;
    const int top = 62;
    const int cpuTop = top + 40;
    const int taskTop = cpuTop + cpus * (LaneHeight + LaneGap) + 30;
    const int marksTop = taskTop + tasks * (LaneHeight + LaneGap) + 10;
    const int densityTop = marksTop + 30;
    const int legendTop = densityTop + 50;
    const int height = legendTop + 40;

    std::ostringstream o;
    o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"13\">\n";
    o << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    o << "<text x=\"10\" y=\"26\" font-size=\"18\" font-weight=\"bold\">" << xml(meta.scenario)
      << " under " << xml(meta.fixes) << ": " << xml(meta.verdict) << " at " << duration(end)
      << "</text>\n";
    o << "<text x=\"10\" y=\"48\" fill=\"#444\">preempt=" << xml(meta.preempt)
      << ", rcu=" << xml(meta.rcu) << ", seed " << meta.seed << ", " << trace.steps()
      << " steps (FolioLab)</text>\n";

    // Time axis.
    const Nanos step = niceStep(end, 10);
    for (Nanos t = 0; t <= end; t += step) {
        const int x = xOf(t);
        o << "<line x1=\"" << x << "\" y1=\"" << top << "\" x2=\"" << x << "\" y2=\"" << marksTop
          << "\" stroke=\"#e4e4e4\"/>\n";
        o << "<text x=\"" << x << "\" y=\"" << top + 12 << "\" text-anchor=\"middle\" fill=\"#444\">"
          << (t == 0 ? std::string("0") : duration(t)) << "</text>\n";
    }

    auto lane = [&](int y, const std::string &name, const std::vector<Rect> &bars) {
        o << "<text x=\"10\" y=\"" << y + 18 << "\" font-weight=\"bold\">" << xml(name)
          << "</text>\n";
        o << "<rect x=\"" << LabelWidth << "\" y=\"" << y << "\" width=\"" << plot
          << "\" height=\"" << LaneHeight << "\" fill=\"none\" stroke=\"#dddddd\"/>\n";
        for (const Rect &r : bars) {
            o << "<rect x=\"" << r.x0 << "\" y=\"" << y << "\" width=\"" << r.x1 - r.x0
              << "\" height=\"" << LaneHeight << "\" fill=\"" << r.colour << "\"/>\n";
            const int room = r.x1 - r.x0;
            if (!r.label.empty() && room >= 8 * static_cast<int>(r.label.size()) / 2 + 8) {
                std::string text = r.label;
                const std::size_t fits = static_cast<std::size_t>(room / 7);
                if (text.size() > fits)
                    text = text.substr(0, fits > 1 ? fits - 1 : 0) + "…";
                // White on the dark grey of kernel work, black elsewhere.
                o << "<text x=\"" << r.x0 + 4 << "\" y=\"" << y + 18 << "\" fill=\""
                  << (r.colour == KernelColour ? "white" : "black") << "\">" << xml(text)
                  << "</text>\n";
            }
        }
    };

    o << "<text x=\"10\" y=\"" << cpuTop - 6 << "\" fill=\"#444\">CPUs: who runs, doing what</text>\n";
    for (int c = 0; c < cpus; ++c) {
        std::vector<Rect> bars;
        for (const CpuSlice &s : trace.cpu(static_cast<CpuId>(c))) {
            const char *colour = s.what == CpuActivity::Spinning ? SpinColour
                                 : s.what == CpuActivity::User ? UserColour
                                                               : KernelColour;
            const std::string who = setup.taskNames[s.task];
            addBar(bars, xOf(s.start), xOf(s.end), colour,
                   s.what == CpuActivity::Spinning ? who + " spinning" : who);
        }
        lane(cpuTop + c * (LaneHeight + LaneGap), "CPU" + std::to_string(c), bars);
    }

    o << "<text x=\"10\" y=\"" << taskTop - 6 << "\" fill=\"#444\">Tasks: running, runnable, or "
      << "asleep and on what</text>\n";
    for (int t = 0; t < tasks; ++t) {
        std::vector<Rect> bars;
        for (const TaskSlice &s : trace.task(static_cast<TaskId>(t))) {
            const char *colour = nullptr;
            switch (s.what) {
            case TaskActivity::Running: colour = KernelColour; break;
            case TaskActivity::Spinning: colour = SpinColour; break;
            case TaskActivity::Runnable: colour = RunnableColour; break;
            case TaskActivity::Asleep:
                colour = s.wait == WaitKind::WorkerIdle ? nullptr : AsleepColour;
                break;
            case TaskActivity::NotStarted:
            case TaskActivity::Done: break;
            }
            if (colour && s.end > s.start)
                addBar(bars, xOf(s.start), xOf(s.end), colour, taskSliceText(setup, s));
        }
        lane(taskTop + t * (LaneHeight + LaneGap),
             setup.taskNames[t] + " (" + roleName(setup.initial.tasks[t].role) + ")", bars);
    }

    // Marks: drain work queued (▽) and done (▲), migrations done (●) and
    // failed (✕), hazards; the verdict as a red line.
    o << "<text x=\"10\" y=\"" << marksTop + 16 << "\" font-weight=\"bold\">events</text>\n";
    int lastX = -10;
    EventKind lastKind = EventKind::Tick;
    for (const TraceMark &m : trace.marks()) {
        const char *glyph = nullptr;
        switch (m.event.kind) {
        case EventKind::WorkQueued: glyph = "▽"; break;
        case EventKind::WorkDone: glyph = "▲"; break;
        case EventKind::MigrationDone: glyph = "●"; break;
        case EventKind::MigrationFailed: glyph = "✕"; break;
        case EventKind::UseAfterFree: glyph = "⚠"; break;
        default: break;
        }
        const int x = xOf(m.event.time);
        if (!glyph || (x - lastX < 6 && m.event.kind == lastKind))
            continue;
        lastX = x;
        lastKind = m.event.kind;
        o << "<text x=\"" << x << "\" y=\"" << marksTop + 18 << "\" text-anchor=\"middle\" fill=\""
          << MarkColour << "\">" << glyph << "</text>\n";
    }
    o << "<line x1=\"" << xOf(end) << "\" y1=\"" << top << "\" x2=\"" << xOf(end) << "\" y2=\""
      << densityTop + 30 << "\" stroke=\"" << verdictColour(meta.verdict)
      << "\" stroke-width=\"3\"/>\n";

    // Failed trylocks per pixel column.
    std::vector<int> perColumn(static_cast<std::size_t>(plot) + 1, 0);
    for (Nanos t : trace.trylockFailures())
        ++perColumn[static_cast<std::size_t>(xOf(t) - LabelWidth)];
    const int most = std::max(1, *std::max_element(perColumn.begin(), perColumn.end()));
    o << "<text x=\"10\" y=\"" << densityTop + 18 << "\" font-weight=\"bold\">failed trylocks</text>\n";
    for (std::size_t i = 0; i < perColumn.size(); ++i) {
        if (perColumn[i] == 0)
            continue;
        const int h = std::max(2, 28 * perColumn[i] / most);
        o << "<rect x=\"" << LabelWidth + static_cast<int>(i) << "\" y=\"" << densityTop + 28 - h
          << "\" width=\"1\" height=\"" << h << "\" fill=\"" << SpinColour << "\"/>\n";
    }
    o << "<text x=\"10\" y=\"" << densityTop + 34 << "\" fill=\"#444\" font-size=\"11\">"
      << trace.trylockFailures().size() << " in all, per pixel</text>\n";

    // The legend: every colour with its word.
    struct Key {
        const char *colour;
        const char *word;
    };
    const Key keys[] = {{KernelColour, "running (kernel)"}, {UserColour, "user space"},
                        {SpinColour, "spinning on a folio lock"}, {RunnableColour, "runnable, not running"},
                        {AsleepColour, "asleep (the bar says on what)"},
                        {verdictColour(meta.verdict), "verdict (red: stuck, green: completed)"}};
    int x = 10;
    for (const Key &k : keys) {
        o << "<rect x=\"" << x << "\" y=\"" << legendTop << "\" width=\"16\" height=\"16\" fill=\""
          << k.colour << "\"/>\n";
        o << "<text x=\"" << x + 22 << "\" y=\"" << legendTop + 13 << "\">" << k.word << "</text>\n";
        x += 30 + 8 * static_cast<int>(std::string_view(k.word).size());
    }
    o << "<text x=\"" << x << "\" y=\"" << legendTop + 13 << "\" fill=\"" << MarkColour
      << "\">▽ drain work queued  ▲ done  ● migration done  ✕ failed</text>\n";
    o << "</svg>\n";
    return o.str();
}

} // namespace fl
