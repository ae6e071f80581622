// SPDX-License-Identifier: GPL-2.0-only
#include "cli/cli_common.h"
#include "cli/usage.h"

#include "units.h"

#include "engine/runner.h"
#include "explore/lasso.h"
#include "replay/replay_file.h"
#include "schedule/schedule_file.h"
#include "schedule/schedule_run.h"
#include "io/safe_file.h"
#include "trace/chrome_trace.h"
#include "trace/swimlane_svg.h"
#include "engine/setup.h"
#include "kernel/fixes.h"
#include "model/machine.h"
#include "report/fix_sets.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstring>

using namespace Qt::StringLiterals;

namespace Cli {

static QJsonObject resultJson(const QString &scenario, const fl::Setup &setup,
        const fl::RunOptions &options, const fl::RunResult &result)
{
    QJsonArray fixes;
    for (const fl::FixInfo &f : fl::fixCatalogue())
        if (setup.fixes.has(f.fix))
            fixes.append(fromView(f.name));

    QJsonArray cycle;
    for (const fl::WaitEdge &edge : result.explanation.cycle)
        cycle.append(QString::fromStdString(edge.label));

    QJsonObject metrics;
    for (const auto &[name, value] : result.metrics)
        metrics.insert(QString::fromStdString(name), value);

    QJsonObject root {
            {u"scenario"_s, scenario},
            {u"fixes"_s, fixes},
            {u"preempt"_s, QString::fromLatin1(fl::preemptName(setup.initial.preempt))},
            {u"rcu"_s, QString::fromLatin1(fl::rcuName(setup.initial.rcu))},
            // JSON numbers are doubles: exact up to 2^53, far beyond any run.
            {u"seed"_s, static_cast<double>(options.seed)},
            {u"verdict"_s, QString::fromLatin1(fl::verdictName(result.verdict))},
            {u"steps"_s, static_cast<double>(result.steps)},
            {u"virtual_ns"_s, static_cast<double>(result.virtualNs)},
            {u"explanation"_s,
                    QJsonObject {{u"summary"_s, QString::fromStdString(result.explanation.summary)},
                            {u"cycle"_s, cycle}}},
            {u"metrics"_s, metrics},
            {u"trace_hash"_s, u"%1"_s.arg(result.traceHash, 16, 16, QLatin1Char('0'))},
    };
    if (!result.invariantViolation.empty())
        root.insert(u"invariant_violation"_s, QString::fromStdString(result.invariantViolation));
    return root;
}

static void printResultText(const QString &scenario, const fl::Setup &setup,
        const fl::RunOptions &options, const fl::RunResult &result)
{
    QTextStream &o = out();
    o << fl::verdictName(result.verdict) << "  " << scenario << "  "
      << QString::fromStdString(setup.fixes.describe())
      << "  preempt=" << fl::preemptName(setup.initial.preempt)
      << "  rcu=" << fl::rcuName(setup.initial.rcu) << "  seed=" << options.seed << '\n';
    o << "steps " << result.steps << "  virtual time " << Units::formatDuration(result.virtualNs)
      << '\n';

    if (!result.explanation.summary.empty())
        o << '\n' << QString::fromStdString(result.explanation.summary) << '\n';
    if (!result.explanation.cycle.empty()) {
        o << "\nWait-for cycle:\n";
        for (const fl::WaitEdge &edge : result.explanation.cycle)
            o << "  " << QString::fromStdString(edge.label) << '\n';
    }

    if (!result.metrics.empty()) {
        qsizetype width = static_cast<qsizetype>(std::strlen("metric"));
        for (const auto &entry : result.metrics)
            width = std::max(width, static_cast<qsizetype>(entry.first.size()));
        o << "\nMetrics:\n";
        o << "  " << u"metric"_s.leftJustified(width) << "  value\n";
        for (const auto &[name, value] : result.metrics)
            o << "  " << QString::fromStdString(name).leftJustified(width) << "  "
              << formatMetric(value) << '\n';
    }
    o.flush();
}

static int replayUntimedSetup(const fl::Setup &setup, const std::vector<fl::Choice> &choices,
        std::int64_t cycleStart, std::int64_t untimedFrom, const QString &path, bool json,
        const fl::ReplayPositions *at);

static bool isScheduleFile(const QString &path)
{
    // Only a regular file is peeked at (a FIFO would wait for a writer);
    // anything else goes to the replay reader, which refuses it.
    if (!QFileInfo(path).isFile())
        return false;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return fl::looksLikeSchedule(f.read(64 * 1024).toStdString());
}

// run --replay FILE.sched: the schedule in words, checked line by line as it
// is replayed; then the run's verdict as `run` prints it.
static int replayScheduleCommand(const QString &path, bool json)
{
    const fl::ScheduleFile file = fl::loadSchedule(nativePath(path));
    const fl::Setup setup = fl::setupOfSchedule(file, nativePath(path));
    fl::ScheduleCheck fit;
    const std::vector<fl::Choice> choices = fl::choicesOfSchedule(file, setup, &fit);
    if (!fit.pass) {
        err() << path << ':' << fit.line << ":1: error: " << QString::fromStdString(fit.message)
              << '\n';
        err().flush();
        return int(ExitBadInput);
    }
    if (file.untimed) {
        std::int64_t cycleStart = -1;
        std::int64_t untimedFrom = 0;
        file.expanded(nullptr, &cycleStart, &untimedFrom);
        return replayUntimedSetup(setup, choices, cycleStart, untimedFrom, path, json, nullptr);
    }
    fl::RunOptions options;
    options.seed = file.seed;
    options.replay = choices;
    const fl::RunResult result = fl::runToVerdict(setup, options);
    const QString name = QString::fromStdString(setup.spec.name);
    if (json) {
        out() << QJsonDocument(resultJson(name, setup, options, result))
                         .toJson(QJsonDocument::Indented);
        out().flush();
    } else {
        printResultText(name, setup, options, result);
    }
    return int(result.invariantViolation.empty() ? ExitOk : ExitInternal);
}

// The replay's scenario; a file that cannot be opened is reported at the
// replay's `scenario` line, where the user has to change it.
static fl::ScenarioSpec replayScenario(
        const fl::ReplayFile &file, const fl::ReplayPositions &at, const QString &path)
{
    try {
        return fl::loadScenario(file.scenario);
    } catch (const fl::ScenarioError &error) {
        if (error.line() > 0 || at.scenarioLine == 0)
            throw;
        throw fl::ScenarioError(nativePath(path), at.scenarioLine, at.scenarioColumn,
                "scenario '" + file.scenario + "': " + error.message());
    }
}

// "FILE:LINE:COL" of choice `index` of a replay file.
static QString choicePlace(const QString &path, const fl::ReplayPositions &at, std::size_t index)
{
    if (index >= at.choices.size())
        return path;
    return u"%1:%2:%3"_s.arg(path).arg(at.choices[index].first).arg(at.choices[index].second);
}

// run --replay FILE in the untimed model: every choice exactly, and a lasso
// checked to close.
static int replayUntimedCommand(
        const fl::ReplayFile &file, const fl::ReplayPositions &at, const QString &path, bool json)
{
    const fl::ScenarioSpec spec = replayScenario(file, at, path);
    const fl::Setup setup
            = fl::buildSetup(spec, fl::BuildOptions {file.fixes, file.preempt, false, file.rcu});
    return replayUntimedSetup(
            setup, file.choices, file.cycleStart, file.untimedFrom, path, json, &at);
}

static int replayUntimedSetup(const fl::Setup &setup, const std::vector<fl::Choice> &choices,
        std::int64_t cycleStart, std::int64_t untimedFrom, const QString &path, bool json,
        const fl::ReplayPositions *at)
{
    const fl::ScenarioSpec &spec = setup.spec;
    const fl::ReplayFile file {spec.name, {}, {}, {}, 1, choices, true, cycleStart, untimedFrom};
    const fl::LassoResult r
            = fl::replayUntimed(setup, file.choices, file.cycleStart, file.untimedFrom);
    if (r.outcome == fl::LassoOutcome::NotEnabled) {
        // The summary names the rule of the untimed model the choice breaks.
        err() << (at ? choicePlace(path, *at, r.failedAt) : path) << ": error: "
              << QString::fromStdString(r.summary) << " (scenario "
              << QString::fromStdString(spec.name) << " under "
              << QString::fromStdString(setup.fixes.describe())
              << ", preempt=" << fl::preemptName(setup.initial.preempt)
              << "); the file belongs to another scenario, fix set or model, or to a time "
                 "model that allowed it\n";
        err().flush();
        return int(ExitBadInput);
    }
    QJsonArray cycle;
    for (const fl::WaitEdge &edge : r.explanation.cycle)
        cycle.append(QString::fromStdString(edge.label));
    if (json) {
        const QJsonObject root {
                {u"scenario"_s, QString::fromStdString(spec.name)},
                {u"fixes"_s, QString::fromStdString(setup.fixes.describe())},
                {u"preempt"_s, QString::fromLatin1(fl::preemptName(setup.initial.preempt))},
                {u"rcu"_s, QString::fromLatin1(fl::rcuName(setup.initial.rcu))},
                {u"time"_s, u"untimed"_s},
                {u"verdict"_s, QString::fromLatin1(fl::lassoOutcomeName(r.outcome))},
                {u"steps"_s, double(r.steps)},
                {u"cycle_start"_s, double(file.cycleStart)},
                {u"untimed_from"_s, double(file.untimedFrom)},
                {u"summary"_s, QString::fromStdString(r.summary)},
                {u"wait_for_cycle"_s, cycle},
        };
        out() << QJsonDocument(root).toJson(QJsonDocument::Indented);
    } else {
        out() << fl::lassoOutcomeName(r.outcome) << "  " << QString::fromStdString(spec.name)
              << "  " << QString::fromStdString(setup.fixes.describe())
              << "  preempt=" << fl::preemptName(setup.initial.preempt)
              << "  rcu=" << fl::rcuName(setup.initial.rcu) << "  untimed replay of " << path
              << (file.untimedFrom > 0 ? u" (after %1 timed steps)"_s.arg(file.untimedFrom)
                                       : QString())
              << '\n';
        out() << "steps " << r.steps << '\n' << '\n' << QString::fromStdString(r.summary) << ".\n";
        if (!r.explanation.cycle.empty()) {
            out() << "\nWait-for cycle:\n";
            for (const fl::WaitEdge &edge : r.explanation.cycle)
                out() << "  " << QString::fromStdString(edge.label) << '\n';
        }
    }
    out().flush();
    return int(ExitOk);
}

int runCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const SetupOptions setupOptions;
    const QCommandLineOption seedOption(u"seed"_s, u"Seed."_s, u"N"_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print JSON."_s);
    const QCommandLineOption replayOption(u"replay"_s, u"Replay file."_s, u"FILE"_s);
    const QCommandLineOption saveReplayOption(u"save-replay"_s, u"Write a replay file."_s, u"FILE"_s);
    const QCommandLineOption rtThrottlingOption(u"rt-throttling"_s, u"RT throttling on."_s);
    const QCommandLineOption traceOption(u"trace"_s, u"Write a Chrome/Perfetto trace."_s, u"FILE"_s);
    const QCommandLineOption svgOption(u"svg"_s, u"Draw the swimlanes as SVG."_s, u"FILE"_s);
    const LimitOptions limits;
    parser.addOptions({seedOption, jsonOption, replayOption, saveReplayOption, rtThrottlingOption,
            traceOption, svgOption});
    setupOptions.addTo(parser);
    limits.addTo(parser);
    if (auto status = parseCommandLine(parser, args, u"run"_s, usage()))
        return *status;

    const QStringList positional = parser.positionalArguments();
    std::optional<fl::ReplayFile> replay;
    fl::ReplayPositions replayAt;
    if (parser.isSet(replayOption)) {
        if (!positional.isEmpty() || setupOptions.anySet(parser) || parser.isSet(seedOption))
            return badInput(
                    u"run --replay: the replay file names the scenario, fixes, model and "
                    "seed; give no SCENARIO, --fix, --kernel, --preempt, --rcu or --seed"_s);
        const QString path = parser.value(replayOption);
        if (isScheduleFile(path))
            return guarded(u"run"_s, [&] {
                return replayScheduleCommand(path, parser.isSet(jsonOption));
            });
        const int status = guarded(u"run"_s, [&] {
            replay = fl::loadReplay(nativePath(path), &replayAt);
            return int(ExitOk);
        });
        if (status != ExitOk)
            return status;
        if (replay->untimed)
            return guarded(u"run"_s, [&] {
                return replayUntimedCommand(*replay, replayAt, path, parser.isSet(jsonOption));
            });
    }
    if (positional.isEmpty() && !replay)
        return badInput(u"run: missing SCENARIO: expected a built-in name (see 'foliolab list') "
                        "or the path of a .toml file"_s);
    if (positional.size() > 1)
        return badInput(u"run: expected one SCENARIO, got %1: %2"_s.arg(positional.size())
                                .arg(positional.join(u' ')));
    const QString scenarioArg
            = replay ? QString::fromStdString(replay->scenario) : positional.front();

    fl::BuildOptions build;
    build.rtThrottling = parser.isSet(rtThrottlingOption);
    if (replay) {
        build.fixes = replay->fixes;
        build.preempt = replay->preempt;
        build.rcu = replay->rcu;
    }
    if (auto status = setupOptions.read(parser, build))
        return *status;

    fl::RunOptions options;
    if (auto status = readSeed(parser, seedOption, options.seed))
        return *status;
    if (auto status = limits.read(parser, options))
        return *status;
    if (replay) {
        // A timed replay: the file's choices while each is possible, then the
        // seed's chooser (which drew all along), as the window records them.
        options.seed = replay->seed;
        options.replay = replay->choices;
        options.strictReplay = true;
    }
    const bool json = parser.isSet(jsonOption);
    const QString savePath = parser.value(saveReplayOption);

    return guarded(u"run"_s, [&] {
        const fl::ScenarioSpec spec = replay
                ? replayScenario(*replay, replayAt, parser.value(replayOption))
                : fl::loadScenario(nativePath(scenarioArg));
        const QString scenarioName
                = spec.name.empty() ? scenarioArg : QString::fromStdString(spec.name);
        const fl::Setup setup = fl::buildSetup(spec, build);
        fl::RunTrace trace(setup);
        const QString tracePath = parser.value(traceOption);
        const QString svgPath = parser.value(svgOption);
        if (!tracePath.isEmpty() || !svgPath.isEmpty())
            options.observer = &trace;
        const fl::RunResult result = fl::runToVerdict(setup, options);
        if (result.replayMismatchAt >= 0) {
            const fl::Choice &c = options.replay[static_cast<std::size_t>(result.replayMismatchAt)];
            err() << choicePlace(parser.value(replayOption), replayAt,
                    static_cast<std::size_t>(result.replayMismatchAt))
                  << ": error: choice " << result.replayMismatchAt << " ([" << int(c.cpu) << ", "
                  << (c.task == fl::NoTask ? -1 : int(c.task))
                  << "]) is not possible at that step of scenario " << scenarioName << " under "
                  << QString::fromStdString(setup.fixes.describe())
                  << "; the file does not belong to this scenario, fix set or model\n";
            err().flush();
            return int(ExitBadInput);
        }
        if (options.observer) {
            trace.finish(result.virtualNs);
            const fl::TraceMetadata meta {scenarioName.toStdString(), setup.fixes.describe(),
                    fl::preemptName(setup.initial.preempt), fl::rcuName(setup.initial.rcu),
                    fl::verdictName(result.verdict), options.seed};
            if (!tracePath.isEmpty())
                fl::writeFileAtomically(nativePath(tracePath), fl::chromeTraceJson(trace, meta));
            if (!svgPath.isEmpty())
                fl::writeFileAtomically(nativePath(svgPath), fl::swimlaneSvg(trace, meta));
        }
        if (savePath.endsWith(u".sched"_s)) {
            const ScheduleScenario where = scheduleScenario(scenarioArg);
            const fl::ScheduleFile file = fl::scheduleOfRun(setup, where.ref, where.inlineText,
                    result.choices, false, -1, options.seed, fl::verdictName(result.verdict), -1);
            fl::saveSchedule(file, nativePath(savePath));
        } else if (!savePath.isEmpty()) {
            fl::ReplayFile file;
            file.scenario = nativePath(scenarioArg);
            for (const fl::FixInfo &f : fl::fixCatalogue())
                if (setup.fixes.has(f.fix))
                    file.fixes.emplace_back(f.name);
            file.preempt = fl::preemptName(setup.initial.preempt);
            file.rcu = fl::rcuName(setup.initial.rcu);
            file.seed = options.seed;
            file.choices = result.choices;
            fl::saveReplay(file, nativePath(savePath));
        }

        if (json) {
            out() << QJsonDocument(resultJson(scenarioName, setup, options, result))
                             .toJson(QJsonDocument::Indented);
            out().flush();
        } else {
            printResultText(scenarioName, setup, options, result);
        }

        if (!result.invariantViolation.empty()) {
            err() << "foliolab: internal invariant violated: "
                  << QString::fromStdString(result.invariantViolation) << '\n';
            err().flush();
            return int(ExitInternal);
        }
        return int(ExitOk);
    });
}

} // namespace Cli
