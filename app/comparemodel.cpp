// SPDX-License-Identifier: GPL-2.0-only
#include "comparemodel.h"

#include "cli/cli_common.h"
#include "runmodel.h"
#include "simcontroller.h"
#include "simnames.h"
#include "timeline.h"
#include "units.h"

#include <QStringList>

#include "engine/setup.h"
#include "kernel/steps.h"
#include "model/machine.h"
#include "report/compare.h"
#include "report/fix_sets.h"
#include "scenario/scenario_build.h"

#include <QCoreApplication>
#include <QThread>
#include <QVariantMap>

#include <algorithm>
#include <exception>
#include <limits>
#include <set>

using namespace Qt::StringLiterals;

namespace {

int clampToInt(std::uint64_t n)
{
    return static_cast<int>(std::min<std::uint64_t>(n, std::numeric_limits<int>::max()));
}

QString sideLabel(const QString &letter, const QString &fixes, const QString &preempt)
{
    return u"%1: %2 · %3"_s.arg(letter, fixes, preempt);
}

// "baseline vs wait-on-unlock": the two runs by what differs between their
// labels ("A: baseline · voluntary"), the letters dropped.
QString runsInWords(const QString &labelA, const QString &labelB)
{
    auto parts = [](const QString &label) {
        const qsizetype colon = label.indexOf(u": ");
        return (colon >= 0 ? label.mid(colon + 2) : label).split(u" · "_s);
    };
    const QStringList a = parts(labelA), b = parts(labelB);
    if (a.size() == 2 && b.size() == 2) {
        if (a[1] == b[1] && a[0] != b[0])
            return u"%1 vs %2"_s.arg(a[0], b[0]);
        if (a[0] == b[0] && a[1] != b[1])
            return u"%1 vs %2"_s.arg(a[1], b[1]);
    }
    return u"%1 vs %2"_s.arg(a.join(u" · "), b.join(u" · "));
}

QString outcome(const fl::CompareSide &side)
{
    return u"%1 after %2 steps · %3"_s.arg(QString::fromLatin1(fl::verdictName(side.verdict)))
            .arg(side.steps)
            .arg(Units::formatDuration(side.virtualNs));
}

QString stepWords(const fl::DivergedStep &d)
{
    if (!d.present)
        return u"its run had already ended"_s;
    QString text
            = u"at %1, CPU%2: %3 %4"_s.arg(Units::formatDuration(d.time))
                      .arg(d.choice.cpu)
                      .arg(QString::fromStdString(d.taskName), QString::fromStdString(d.stepText));
    if (d.previousStep < static_cast<std::uint16_t>(fl::StepId::Count)) {
        const fl::StepInfo &info = fl::stepInfo(static_cast<fl::StepId>(d.previousStep));
        text += u" (after %1's %2: %3)"_s.arg(QString::fromStdString(d.taskName),
                SimNames::fromView(info.function), SimNames::fromView(info.text));
    }
    return text;
}

// Positions where A and B do something different, as step-number ranges:
// a different task or kernel step at the same position, and every step one
// run has beyond the other's end. Neighbouring ranges closer than a
// MaxRanges-th of the run are merged, so a long run stays a few marks.
QVariantList rangesWhereTheyDiffer(const Timeline &a, const Timeline &b)
{
    const auto &sa = a.samples();
    const auto &sb = b.samples();
    const std::size_t common = std::min(sa.size(), sb.size());
    const std::size_t total = std::max(sa.size(), sb.size());
    const std::size_t gap = std::max<std::size_t>(1, total / CompareModel::MaxRanges);
    std::vector<std::pair<std::size_t, std::size_t>> ranges; // indices, inclusive
    auto mark = [&](std::size_t from, std::size_t to) {
        if (!ranges.empty() && from <= ranges.back().second + gap)
            ranges.back().second = to;
        else
            ranges.emplace_back(from, to);
    };
    for (std::size_t i = 0; i < common; ++i)
        if (sa[i].step != sb[i].step || sa[i].task != sb[i].task || sa[i].cpu != sb[i].cpu)
            mark(i, i);
    if (total > common)
        mark(common, total - 1);
    QVariantList list;
    for (const auto &[from, to] : ranges)
        list << QVariantMap {{u"from"_s, clampToInt(fl::stepNumber(from))},
                {u"to"_s, clampToInt(fl::stepNumber(to))}};
    return list;
}

QVariantList metricRows(const fl::CompareResult &r)
{
    std::set<std::string> names;
    for (const auto &entry : r.a.metrics)
        names.insert(entry.first);
    for (const auto &entry : r.b.metrics)
        names.insert(entry.first);
    QVariantList rows;
    for (const std::string &n : names) {
        const auto a = r.a.metrics.find(n), b = r.b.metrics.find(n);
        const bool both = a != r.a.metrics.end() && b != r.b.metrics.end();
        // Formatted by the command line's own helpers, so both read the same.
        rows << QVariantMap {{u"name"_s, QString::fromStdString(n)},
                {u"a"_s, Cli::metricOrDash(r.a.metrics, n)},
                {u"b"_s, Cli::metricOrDash(r.b.metrics, n)},
                {u"diff"_s, both ? Cli::formatMetric(b->second - a->second) : u"–"_s}};
    }
    return rows;
}

} // namespace

// What the worker hands back to the GUI thread.
struct CompareModel::Result
{
    fl::CompareResult compare;
    std::unique_ptr<Timeline> a, b;
    QVariantList ranges;
    QString error;
};

CompareModel::CompareModel(RunModel *source, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_a(new RunModel(this))
    , m_b(new RunModel(this))
{ }

CompareModel::~CompareModel()
{
    waitForIdle();
}

QStringList CompareModel::fixSetChoices() const
{
    QStringList list;
    for (const std::string &set : fl::defaultFixSets())
        list << QString::fromStdString(set);
    // A combination the window's run has but the list lacks is offered too.
    for (const QString &own : {m_fixesA, m_fixesB})
        if (!own.isEmpty() && !list.contains(own))
            list << own;
    return list;
}

QStringList CompareModel::preemptChoices()
{
    return Cli::preemptModelList().split(u", "_s);
}

void CompareModel::setFixesA(const QString &fixes)
{
    if (fixes == m_fixesA)
        return;
    m_fixesA = fixes;
    emit sidesChanged();
}

void CompareModel::setFixesB(const QString &fixes)
{
    if (fixes == m_fixesB)
        return;
    m_fixesB = fixes;
    emit sidesChanged();
}

void CompareModel::setPreemptA(const QString &model)
{
    if (model == m_preemptA)
        return;
    m_preemptA = model;
    emit sidesChanged();
}

void CompareModel::setPreemptB(const QString &model)
{
    if (model == m_preemptB)
        return;
    m_preemptB = model;
    emit sidesChanged();
}

void CompareModel::openFromSource()
{
    const Timeline *run = m_source ? m_source->timeline() : nullptr;
    if (!run || isBusy())
        return;
    if (run->timeModel() == fl::TimeModel::Untimed) {
        // Its schedule has ticks as choices: a timed run cannot follow it.
        setErrorText(u"The compare view compares timed runs; the window shows an explorer's "
                     "untimed replay. Open a scenario or a timed replay first."_s);
        return;
    }
    m_baseSetup = run->sharedSetup();
    m_base = run->choices();
    m_seed = run->seed();
    m_sourceName = m_source->scenarioSource();
    const fl::Setup &setup = run->setup();
    const QString merged = SimController::mergedFix();
    const std::optional<fl::Fix> mergedFix = fl::fixByName(merged.toStdString());
    m_fixesA = QString::fromStdString(setup.fixes.describe());
    // B: the same with the merged fix switched, named as the reports name sets.
    QStringList names;
    for (const fl::FixInfo &info : fl::fixCatalogue())
        if (setup.fixes.has(info.fix) && info.fix != *mergedFix)
            names << QString::fromStdString(std::string(info.name));
    if (!setup.fixes.has(*mergedFix))
        names << merged;
    m_fixesB = names.isEmpty() ? u"baseline"_s : names.join(u'+');
    m_preemptA = m_preemptB = QString::fromLatin1(fl::preemptName(setup.initial.preempt));
    emit sidesChanged();
    recompute();
}

void CompareModel::recompute()
{
    if (!m_baseSetup || isBusy())
        return;
    setErrorText({});
    const fl::ScenarioSpec spec = m_baseSetup->spec;
    const std::string fixesA = m_fixesA.toStdString(), fixesB = m_fixesB.toStdString();
    const std::string preemptA = m_preemptA.toStdString(), preemptB = m_preemptB.toStdString();
    fl::RunOptions options;
    options.seed = m_seed;
    options.replay = m_base;
    const QString labelA = sideLabel(u"A"_s, m_fixesA, m_preemptA);
    const QString labelB = sideLabel(u"B"_s, m_fixesB, m_preemptB);

    auto result = std::make_shared<Result>();
    m_worker = QThread::create([=]() {
        try {
            const fl::ParsedFixSet a = fl::parseFixSetNames(fixesA);
            const fl::ParsedFixSet b = fl::parseFixSetNames(fixesB);
            for (const fl::ParsedFixSet *p : {&a, &b})
                if (!p->error.empty())
                    throw std::invalid_argument(p->error);
            auto setupA
                    = std::make_shared<const fl::Setup>(fl::buildSetup(spec, {a.names, preemptA}));
            auto setupB
                    = std::make_shared<const fl::Setup>(fl::buildSetup(spec, {b.names, preemptB}));
            fl::ComparedRuns runs = fl::compareSetups(
                    *setupA, labelA.toStdString(), *setupB, labelB.toStdString(), options);
            // Each side as a timeline the window can walk: the runner's
            // schedule re-applied, with checkpoints and samples.
            for (auto [setup, run, timeline] : {std::tuple {setupA, &runs.runA, &result->a},
                         std::tuple {setupB, &runs.runB, &result->b}}) {
                *timeline = std::make_unique<Timeline>(setup, options.seed);
                for (const fl::Choice &c : run->choices)
                    if (!(*timeline)->apply(c))
                        break; // the runner took it: cannot happen
            }
            result->ranges = rangesWhereTheyDiffer(*result->a, *result->b);
            result->compare = std::move(runs.result);
        } catch (const std::exception &error) {
            result->error = QString::fromStdString(error.what());
        }
    });
    connect(m_worker, &QThread::finished, this, [this, result, labelA, labelB]() {
        m_worker->deleteLater();
        m_worker = nullptr;
        emit busyChanged();
        if (!result->error.isEmpty()) {
            setErrorText(u"Cannot compare: %1"_s.arg(result->error));
            return;
        }
        m_labelA = labelA;
        m_labelB = labelB;
        adopt(*result);
    });
    m_worker->start();
    emit busyChanged();
}

void CompareModel::adopt(Result &result)
{
    const fl::CompareResult &r = result.compare;
    m_a->adopt(std::move(result.a), m_sourceName, m_seed);
    m_b->adopt(std::move(result.b), m_sourceName, m_seed);
    m_totalSteps = std::max(m_a->totalSteps(), m_b->totalSteps());
    m_ranges = result.ranges;
    m_metrics = metricRows(r);
    m_outcomeA = outcome(r.a);
    m_outcomeB = outcome(r.b);
    if (r.divergence) {
        const fl::Divergence &d = *r.divergence;
        m_divergenceStep = clampToInt(fl::stepNumber(d.index));
        const fl::Nanos at = d.a.present ? d.a.time : d.b.time;
        m_divergenceTitle = u"%1: they part at step %2 (%3 of virtual time); the %4 steps "
                            "before are the same."_s.arg(runsInWords(m_labelA, m_labelB))
                                    .arg(m_divergenceStep)
                                    .arg(Units::formatDuration(at))
                                    .arg(d.index);
        m_divergenceReason = QString::fromStdString(d.reason);
        m_divergenceA = stepWords(d.a);
        m_divergenceB = stepWords(d.b);
        const QString mark = u"Parts from the other run at step %1."_s.arg(m_divergenceStep);
        m_a->setDivergence(mark, m_divergenceStep);
        m_b->setDivergence(mark, m_divergenceStep);
    } else {
        m_divergenceStep = -1;
        m_divergenceTitle = u"%1: no divergence; B took every choice of A's schedule and ran "
                            "the same kernel steps."_s.arg(runsInWords(m_labelA, m_labelB));
        m_divergenceReason.clear();
        m_divergenceA.clear();
        m_divergenceB.clear();
    }
    m_ready = true;
    emit resultChanged();
    if (m_divergenceStep >= 0)
        jumpToDivergence();
    else
        seek(0);
}

void CompareModel::seek(int n)
{
    if (!m_ready || isBusy())
        return;
    n = std::clamp(n, 0, m_totalSteps);
    m_a->seek(std::min(n, m_a->totalSteps()));
    m_b->seek(std::min(n, m_b->totalSteps()));
    if (n == m_step)
        return;
    m_step = n;
    emit stepChanged();
}

void CompareModel::jumpToDivergence()
{
    if (m_divergenceStep >= 0)
        seek(m_divergenceStep);
}

void CompareModel::swap()
{
    if (isBusy())
        return;
    std::swap(m_fixesA, m_fixesB);
    std::swap(m_preemptA, m_preemptB);
    emit sidesChanged();
    recompute();
}

void CompareModel::waitForIdle()
{
    if (!m_worker)
        return;
    m_worker->wait();
    QCoreApplication::sendPostedEvents(this);
    QCoreApplication::processEvents();
}

void CompareModel::setErrorText(const QString &text)
{
    if (text == m_errorText)
        return;
    m_errorText = text;
    emit errorTextChanged();
}
