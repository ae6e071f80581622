// SPDX-License-Identifier: GPL-2.0-only
#include "mailreport.h"

#include "units.h"

#include "kernel/fixes.h"
#include "report/matrix.h"

#include <QStringList>

#include <cmath>

using namespace Qt::StringLiterals;

namespace MailReport {

namespace {

constexpr int Width = 72;

// The metrics a reviewer asks about first, with the words for them.
struct KeyMetric {
    const char *name;
    const char *label;
};
constexpr KeyMetric KeyMetrics[] = {
    {"trylock_failures", "failed folio_trylock (spins)"},
    {"faults_completed", "faults completed"},
    {"migrations_completed", "migrations completed"},
    {"failed_migrations", "migration failures"},
    {"fault_latency_p50_us", "fault latency p50 (us)"},
    {"fault_latency_p99_us", "fault latency p99 (us)"},
    {"drain_latency_p99_us", "drain latency p99 (us)"},
    {"rcu_exp_gp_count", "expedited grace periods"},
    {"sleep_time_us", "time asleep (us)"},
    {"throughput_per_s", "throughput (ops/s)"},
};

QString number(double v)
{
    if (v == std::floor(v) && std::fabs(v) < 1e15)
        return QString::number(static_cast<qint64>(v));
    return QString::number(v, 'f', std::fabs(v) >= 100 ? 0 : 2);
}

QString metricValue(const std::map<std::string, double> &m, const char *name)
{
    const auto it = m.find(name);
    return it == m.end() ? u"-"_s : number(it->second);
}

QString fixesOf(const fl::Setup &setup)
{
    return QString::fromStdString(setup.fixes.describe());
}

// "foliolab run l1 --fix baseline ...", broken with backslashes at Width.
QString command(const QStringList &words, bool markdown)
{
    if (markdown)
        return u"```sh\n"_s + words.join(u' ') + u"\n```\n"_s;
    QString out, line = u"  "_s;
    for (const QString &w : words) {
        if (line.size() + 1 + w.size() > Width - 2 && line.trimmed().size() > 0) {
            out += line + u" \\\n"_s;
            line = u"      "_s;
        }
        line += (line.endsWith(u' ') ? u""_s : u" "_s) + w;
    }
    return out + line + u'\n';
}

QString heading(const QString &text, bool markdown)
{
    return markdown ? u"#### "_s + text + u"\n\n"_s : text + u'\n';
}

QString paragraph(const QString &text, bool markdown)
{
    return markdown ? text + u"\n\n"_s : wrapped(text, Width, 0, 0) + u"\n\n"_s;
}

QString cycleBlock(const std::vector<fl::WaitEdge> &cycle, bool markdown)
{
    if (cycle.empty())
        return {};
    QString out = heading(u"Wait-for cycle:"_s, markdown);
    for (const fl::WaitEdge &e : cycle) {
        const QString edge = QString::fromStdString(e.label);
        out += markdown ? u"- "_s + edge + u'\n' : wrapped(edge, Width, 2, 4) + u'\n';
    }
    return out + u'\n';
}

QString metricsBlock(std::map<std::string, double> metrics, bool markdown)
{
    fl::dropEmptyPercentiles(metrics);
    QString out = heading(u"Key metrics:"_s, markdown);
    if (markdown)
        out += u"| metric | value |\n|---|---:|\n"_s;
    for (const KeyMetric &k : KeyMetrics) {
        if (metrics.find(k.name) == metrics.end())
            continue;
        const QString value = metricValue(metrics, k.name);
        if (markdown)
            out += u"| %1 | %2 |\n"_s.arg(QLatin1String(k.label), value);
        else
            out += u"  "_s + QString::fromLatin1(k.label).leftJustified(44, u'.') + u' '
                   + value.rightJustified(Width - 47) + u'\n';
    }
    return out + u'\n';
}

QStringList setupWords(const fl::Setup &setup)
{
    return {u"--fix"_s, fixesOf(setup), u"--preempt"_s,
            QString::fromLatin1(fl::preemptName(setup.initial.preempt)), u"--rcu"_s,
            QString::fromLatin1(fl::rcuName(setup.initial.rcu))};
}

} // namespace

QString wrapped(const QString &text, int width, int firstIndent, int indent)
{
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    QString out;
    QString line(firstIndent, u' ');
    bool lineHasWord = false;
    for (const QString &w : words) {
        if (lineHasWord && line.size() + 1 + w.size() > width) {
            out += line + u'\n';
            line = QString(firstIndent + indent, u' ');
            lineHasWord = false;
        }
        if (lineHasWord)
            line += u' ';
        line += w;
        lineHasWord = true;
    }
    return out + line;
}

QString runReport(const Run &run, bool markdown)
{
    const fl::Setup &setup = *run.setup;
    const fl::RunResult &r = *run.result;
    QString out;
    const QString title = u"FolioLab: %1 under %2 (preempt=%3, rcu=%4, seed %5)"_s.arg(
        run.scenario, fixesOf(setup), QString::fromLatin1(fl::preemptName(setup.initial.preempt)),
        QString::fromLatin1(fl::rcuName(setup.initial.rcu)), QString::number(run.seed));
    out += markdown ? u"### "_s + title + u"\n\n"_s : wrapped(title, Width, 0, 2) + u"\n\n"_s;
    out += paragraph(u"Verdict: %1 after %2 steps, %3 of virtual time."_s.arg(
                         QString::fromLatin1(fl::verdictName(r.verdict)), QString::number(r.steps),
                         Units::formatDuration(r.virtualNs)),
                     markdown);
    if (!r.explanation.summary.empty())
        out += paragraph(QString::fromStdString(r.explanation.summary), markdown);
    out += cycleBlock(r.explanation.cycle, markdown);
    out += metricsBlock(r.metrics, markdown);
    out += heading(u"Reproduce:"_s, markdown);
    QStringList words = {u"foliolab"_s, u"run"_s, run.scenario};
    words += setupWords(setup);
    words += {u"--seed"_s, QString::number(run.seed)};
    out += command(words, markdown);
    return out;
}

QString compareReport(const QString &scenario, const fl::CompareResult &c, bool markdown)
{
    const QString a = QString::fromStdString(c.a.fixSet);
    const QString b = QString::fromStdString(c.b.fixSet);
    QString out;
    const QString title = u"FolioLab: %1, %2 (A) against %3 (B) (preempt=%4, rcu=%5, seed %6)"_s.arg(
        scenario, a, b, QString::fromStdString(c.preempt), QString::fromStdString(c.rcu),
        QString::number(c.seed));
    out += markdown ? u"### "_s + title + u"\n\n"_s : wrapped(title, Width, 0, 2) + u"\n\n"_s;
    for (const auto &[label, side] : {std::pair{u"A"_s, &c.a}, std::pair{u"B"_s, &c.b}}) {
        const QString line = u"%1 (%2): %3 after %4 steps, %5."_s.arg(
            label, QString::fromStdString(side->fixSet),
            QString::fromLatin1(fl::verdictName(side->verdict)), QString::number(side->steps),
            Units::formatDuration(side->virtualNs));
        out += markdown ? u"- "_s + line + u'\n' : wrapped(line, Width, 0, 2) + u'\n';
    }
    out += u'\n';
    if (c.divergence) {
        const fl::Divergence &d = *c.divergence;
        out += heading(u"First divergence at step %1:"_s.arg(fl::stepNumber(d.index)), markdown);
        out += paragraph(QString::fromStdString(d.reason), markdown);
        for (const auto &[label, side] : {std::pair{u"A"_s, &d.a}, std::pair{u"B"_s, &d.b}}) {
            if (!side->present)
                continue;
            const QString line = u"%1: at %2, %3"_s.arg(label, Units::formatDuration(side->time),
                                                       QString::fromStdString(side->choiceText));
            out += markdown ? u"- "_s + line + u'\n' : wrapped(line, Width, 2, 4) + u'\n';
        }
        out += u'\n';
    } else {
        out += paragraph(u"No divergence: both fix sets run the same steps."_s, markdown);
    }
    out += heading(u"Key metrics:"_s, markdown);
    std::map<std::string, double> ma = c.a.metrics, mb = c.b.metrics;
    fl::dropEmptyPercentiles(ma);
    fl::dropEmptyPercentiles(mb);
    if (markdown)
        out += u"| metric | A | B | B - A |\n|---|---:|---:|---:|\n"_s;
    else
        out += u"  "_s + QString().leftJustified(31) + u' ' + u"A"_s.rightJustified(12)
               + u"B"_s.rightJustified(12) + u"B - A"_s.rightJustified(13) + u'\n';
    for (const KeyMetric &k : KeyMetrics) {
        const auto ia = ma.find(k.name);
        const auto ib = mb.find(k.name);
        if (ia == ma.end() && ib == mb.end())
            continue;
        const bool both = ia != ma.end() && ib != mb.end();
        const QString va = ia == ma.end() ? u"-"_s : number(ia->second);
        const QString vb = ib == mb.end() ? u"-"_s : number(ib->second);
        const QString diff = both ? number(ib->second - ia->second) : u"-"_s;
        if (markdown) {
            out += u"| %1 | %2 | %3 | %4 |\n"_s.arg(QLatin1String(k.label), va, vb, diff);
        } else {
            out += u"  "_s + QString::fromLatin1(k.label).leftJustified(31, u'.') + u' '
                   + va.rightJustified(12) + vb.rightJustified(12) + diff.rightJustified(13)
                   + u'\n';
        }
    }
    out += u'\n';
    out += heading(u"Reproduce:"_s, markdown);
    out += command({u"foliolab"_s, u"compare"_s, scenario, u"--fix"_s, a, u"--fix"_s, b,
                    u"--preempt"_s, QString::fromStdString(c.preempt), u"--rcu"_s,
                    QString::fromStdString(c.rcu), u"--seed"_s, QString::number(c.seed)},
                   markdown);
    return out;
}

} // namespace MailReport
