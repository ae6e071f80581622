// SPDX-License-Identifier: GPL-2.0-only
#include "cli/cli_common.h"
#include "cli/usage.h"

#include "explore/explorer.h"
#include "report/fix_sets.h"
#include "report/matrix.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace Qt::StringLiterals;

namespace Cli {

namespace {

// The table's metric columns (names as in core/engine/metrics.cpp summary()).
struct MetricColumn
{
    QString header;
    std::string metric;
};

const std::vector<MetricColumn> &metricColumns()
{
    static const std::vector<MetricColumn> columns = {
            {u"spins/fault"_s, "spins_per_fault"},
            {u"fault p50 µs"_s, "fault_latency_p50_us"},
            {u"fault p99 µs"_s, "fault_latency_p99_us"},
            {u"drain p50 µs"_s, "drain_latency_p50_us"},
            {u"drain p99 µs"_s, "drain_latency_p99_us"},
            {u"failed migr."_s, "failed_migrations"},
            {u"throughput/s"_s, "throughput_per_s"},
    };
    return columns;
}

// Table cells keep at most a few significant digits: the table is for
// reading; --json has the full values.
QString tableNumber(const std::map<std::string, double> &metrics, const std::string &name)
{
    const auto it = metrics.find(name);
    if (it == metrics.end())
        return u"–"_s;
    const double v = it->second;
    if (std::fabs(v) >= 100 || v == std::floor(v))
        return QString::number(v, 'f', 0);
    return QString::number(v, 'g', 3);
}

// "LIVELOCK 54+8", "OK 355k", "PARTIAL 1.0M", "REFUSED", "LIVELOCK
// run+0+8" (found from the state of the runner's run): the explorer's
// verdict and its lasso or the states it searched.
QString exploredText(const fl::ExploreCell &e)
{
    QString text = QString::fromStdString(e.verdict);
    if (e.verdict == fl::exploreVerdictName(fl::ExploreVerdict::Refused))
        return text; // nothing searched; a note below the table says why
    // Found from the runner's state: its timed run comes first.
    const QString run = e.fromRunSteps != 0 ? u"run+"_s : QString();
    if (e.cycle != 0)
        return text + u" %1%2+%3"_s.arg(run).arg(e.stem).arg(e.cycle);
    if (e.fromRunSteps != 0)
        return text + u" %1%2"_s.arg(run).arg(e.stem);
    const double k = static_cast<double>(e.states) / 1000;
    return text + u" "_s
            + (k >= 1000 ? QString::number(k / 1000, 'f', 1) + u"M"_s
                         : QString::number(k, 'f', 0) + u"k"_s);
}

void printTable(const fl::MatrixResult &result)
{
    const bool explored = !result.cells.empty() && result.cells.front().explored.has_value();
    QStringList textHeaders = {u"scenario"_s, u"preempt"_s, u"rcu"_s, u"fix"_s, u"verdict"_s};
    if (explored)
        textHeaders << u"explorer"_s;
    std::vector<QStringList> rows;
    for (const fl::MatrixCell &cell : result.cells) {
        QStringList row = {QString::fromStdString(cell.scenario),
                QString::fromStdString(cell.preempt), QString::fromStdString(cell.rcu),
                QString::fromStdString(cell.fixSet), QString::fromStdString(cell.verdictText)};
        if (explored)
            row << exploredText(*cell.explored);
        for (const MetricColumn &c : metricColumns())
            row << tableNumber(cell.metrics, c.metric);
        rows.push_back(row);
    }
    QStringList headers = textHeaders;
    for (const MetricColumn &c : metricColumns())
        headers << c.header;

    std::vector<qsizetype> width(static_cast<std::size_t>(headers.size()));
    for (qsizetype i = 0; i < headers.size(); ++i) {
        width[static_cast<std::size_t>(i)] = headers[i].size();
        for (const QStringList &row : rows)
            width[static_cast<std::size_t>(i)]
                    = std::max(width[static_cast<std::size_t>(i)], row[i].size());
    }
    auto line = [&](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const qsizetype w = width[static_cast<std::size_t>(i)];
            if (i > 0)
                text += u"  "_s;
            // Words to the left, numbers to the right, as a reader scans them.
            text += i < textHeaders.size() ? cells[i].leftJustified(w) : cells[i].rightJustified(w);
        }
        while (text.endsWith(u' '))
            text.chop(1);
        out() << text << '\n';
    };
    line(headers);
    for (const QStringList &row : rows)
        line(row);
    out().flush();
}

QJsonArray cellsJson(const fl::MatrixResult &result)
{
    QJsonArray cells;
    for (const fl::MatrixCell &cell : result.cells) {
        QJsonObject metrics;
        for (const auto &[name, value] : cell.metrics)
            metrics.insert(QString::fromStdString(name), value);
        QJsonObject verdicts;
        for (const fl::VerdictCount &v : cell.verdicts)
            verdicts.insert(
                    QString::fromLatin1(fl::verdictName(v.verdict)), static_cast<double>(v.count));
        QJsonObject o {
                {u"scenario"_s, QString::fromStdString(cell.scenario)},
                {u"preempt"_s, QString::fromStdString(cell.preempt)},
                {u"rcu"_s, QString::fromStdString(cell.rcu)},
                {u"fix"_s, QString::fromStdString(cell.fixSet)},
                {u"verdict"_s, QString::fromStdString(cell.verdictText)},
                {u"runs"_s, static_cast<double>(cell.runs)},
                {u"verdicts"_s, verdicts},
                {u"metrics"_s, metrics},
        };
        if (cell.explored) {
            const fl::ExploreCell &e = *cell.explored;
            o.insert(u"explore"_s,
                    QJsonObject {
                            {u"verdict"_s, QString::fromStdString(e.verdict)},
                            {u"complete"_s, e.complete},
                            {u"states"_s, static_cast<double>(e.states)},
                            {u"seconds"_s, e.seconds},
                            {u"stem_length"_s, static_cast<double>(e.stem)},
                            {u"cycle_length"_s, static_cast<double>(e.cycle)},
                            {u"from_run_steps"_s, static_cast<double>(e.fromRunSteps)},
                            {u"from_run_seed"_s, static_cast<double>(e.fromRunSeed)},
                            {u"note"_s, QString::fromStdString(e.note)},
                    });
        }
        if (!cell.invariantViolations.empty()) {
            QJsonArray violations;
            for (const std::string &v : cell.invariantViolations)
                violations.append(QString::fromStdString(v));
            o.insert(u"invariant_violations"_s, violations);
        }
        cells.append(o);
    }
    return cells;
}

} // namespace

int matrixCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption scenarioOption(u"scenario"_s, u"Scenario."_s, u"NAME"_s);
    const QCommandLineOption fixOption(u"fix"_s, u"Fix set."_s, u"SET"_s);
    const QCommandLineOption kernelOption(u"kernel"_s, u"Kernel version."_s, u"VERSION"_s);
    const QCommandLineOption preemptOption(u"preempt"_s, u"Preemption model."_s, u"MODEL"_s);
    const QCommandLineOption rcuOption(u"rcu"_s, u"RCU flavour."_s, u"FLAVOUR"_s);
    const QCommandLineOption seedsOption(u"seeds"_s, u"Seeds 1..N."_s, u"N"_s);
    const QCommandLineOption jobsOption(u"jobs"_s, u"Threads."_s, u"N"_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print JSON."_s);
    const QCommandLineOption exploreOption(u"explore"_s, u"Explore every cell too."_s);
    const QCommandLineOption exploreStatesOption(
            u"explore-states"_s, u"State bound per explored cell."_s, u"N"_s);
    const QCommandLineOption firstBugOption(u"first-bug"_s, u"Stop each search at its first bug."_s);
    const LimitOptions limits;
    parser.addOptions({scenarioOption, fixOption, kernelOption, preemptOption, rcuOption,
            seedsOption, jobsOption, jsonOption, exploreOption, exploreStatesOption,
            firstBugOption});
    limits.addTo(parser);
    if (auto status = parseCommandLine(parser, args, u"matrix"_s, usage()))
        return *status;
    if (!parser.positionalArguments().isEmpty())
        return badInput(u"matrix: takes no positional arguments, got: %1; scenarios go with "
                        "--scenario NAME"_s.arg(parser.positionalArguments().join(u' ')));

    fl::MatrixRequest request;
    for (const QString &name : parser.values(scenarioOption)) {
        if (const QString problem = checkScenarioArgument(name); !problem.isEmpty())
            return badInput(u"--scenario: "_s + problem);
        request.scenarios.push_back(nativePath(name));
    }
    for (const QString &model : parser.values(preemptOption)) {
        if (!isPreemptModel(model))
            return badInput(u"--preempt: unknown preemption model '%1'; expected one of: %2"_s.arg(
                    model, preemptModelList()));
        request.preempts.push_back(model.toStdString());
    }
    for (const QString &flavour : parser.values(rcuOption)) {
        std::string rcu;
        if (auto status = readRcuFlavour(flavour, rcu))
            return *status;
        request.rcus.push_back(rcu);
    }
    for (const QString &set : parser.values(fixOption)) {
        const fl::ParsedFixSet parsed = fl::parseFixSetNames(set.toStdString());
        if (parsed.unknownName)
            return badInput(u"--fix: "_s + QString::fromStdString(parsed.error));
        request.fixSets.push_back(set.toStdString()); // a conflict becomes a note
    }
    for (const QString &version : parser.values(kernelOption)) {
        std::string set;
        if (auto status = kernelFixSet(version, set))
            return *status;
        request.fixSets.push_back(set);
    }
    if (parser.isSet(seedsOption)) {
        bool ok = false;
        request.seeds = parser.value(seedsOption).toULongLong(&ok);
        if (!ok || request.seeds == 0 || request.seeds > 1000)
            return badInput(u"--seeds: '%1' is not a number of seeds from 1 to 1000"_s.arg(
                    parser.value(seedsOption)));
    }
    request.explore = parser.isSet(exploreOption) || parser.isSet(exploreStatesOption)
            || parser.isSet(firstBugOption);
    request.exploreFirstBug = parser.isSet(firstBugOption);
    if (parser.isSet(exploreStatesOption)) {
        bool ok = false;
        request.exploreMaxStates = parser.value(exploreStatesOption).toULongLong(&ok);
        if (!ok || request.exploreMaxStates == 0 || request.exploreMaxStates > 4'000'000'000ull)
            return badInput(u"--explore-states: '%1' is not a number of states from 1 to 4000000000"_s
                                    .arg(parser.value(exploreStatesOption)));
    }
    if (parser.isSet(jobsOption)) {
        bool ok = false;
        request.threads = parser.value(jobsOption).toUInt(&ok);
        if (!ok || request.threads == 0 || request.threads > 256)
            return badInput(u"--jobs: '%1' is not a number of threads from 1 to 256"_s.arg(
                    parser.value(jobsOption)));
    }
    if (auto status = limits.read(parser, request.run))
        return *status;
    const bool json = parser.isSet(jsonOption);

    return guarded(u"matrix"_s, [&] {
        const fl::MatrixResult result = fl::runMatrix(request);
        if (json) {
            out() << QJsonDocument(cellsJson(result)).toJson(QJsonDocument::Indented);
            out().flush();
        } else {
            printTable(result);
        }
        // Notes never go into the JSON on stdout, so it stays one array.
        QTextStream &notes = json ? err() : out();
        for (const std::string &note : result.notes)
            notes << (json ? "foliolab: note: " : "note: ") << QString::fromStdString(note) << '\n';
        notes.flush();

        int status = ExitOk;
        for (const fl::MatrixCell &cell : result.cells)
            for (const std::string &v : cell.invariantViolations) {
                err() << "foliolab: internal invariant violated in "
                      << QString::fromStdString(cell.scenario + ' ' + cell.preempt + ' ' + cell.rcu
                                 + ' ' + cell.fixSet + ", " + v)
                      << '\n';
                status = ExitInternal;
            }
        err().flush();
        return status;
    });
}

} // namespace Cli
