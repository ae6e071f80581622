// SPDX-License-Identifier: GPL-2.0-only
#include "cli/cli.h"
#include "cli/lesson_command.h"

#include "units.h"

#include "engine/runner.h"
#include "engine/setup.h"
#include "kernel/fixes.h"
#include "model/machine.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_error.h"
#include "scenario/scenario_toml.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;

namespace Cli {

static QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

static QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

static QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

static const char *const PreemptModels[] = {"none", "voluntary", "full", "rt"};

static QString usage()
{
    return uR"(Usage: foliolab [COMMAND] [OPTIONS]

FolioLab simulates the Linux mm hmm_range_fault() livelock and the fixes
proposed for it. Without a command it opens the window on scenario l1, or on
the scenario file given as the only argument.

Commands:
  run SCENARIO [OPTIONS]  run SCENARIO (a built-in name or a .toml file) until
                          a verdict; print the verdict, its explanation and
                          the metrics
  list                    list the built-in scenarios and the fixes
)"_s + lessonUsage() + uR"(
Options of run:
  --fix NAME              switch fix NAME on; repeat for several. Replaces the
                          scenario's fix list; "baseline" means no fix
  --preempt MODEL         none | voluntary | full | rt (default: the scenario's)
  --seed N                seed of the runner's choices (default 1)
  --max-time DURATION     virtual-time limit, e.g. 500ms, 2s, 10us, 1500ns; a
                          plain number is nanoseconds (default 5s)
  --max-steps N           step limit (default 200000000)
  --json                  print one JSON object instead of text

General options:
  -h, --help              show this help
  --version               show the version

Exit status:
  0  a verdict was reached (LIVELOCK, DEADLOCK, COMPLETED or LIMIT)
  1  internal error: the simulation broke one of its own invariants
  2  bad input: unknown command or option, bad option value, bad scenario
)"_s;
}

static int badInput(const QString &message)
{
    err() << "foliolab: " << message << '\n' << "Try 'foliolab --help'.\n";
    err().flush();
    return ExitBadInput;
}

// "12", "12.5", "1e+07": integers print as integers, so counters read as counts.
static QString formatMetric(double value)
{
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
        return QString::number(static_cast<qint64>(value));
    return QString::number(value, 'g', 6);
}

static int listCommand()
{
    const std::vector<fl::BuiltinScenario> scenarios = fl::builtinScenarios();
    const std::vector<fl::FixInfo> &fixes = fl::fixCatalogue();

    qsizetype width = static_cast<qsizetype>(std::strlen("baseline"));
    for (const fl::BuiltinScenario &s : scenarios)
        width = std::max(width, static_cast<qsizetype>(s.name.size()));
    for (const fl::FixInfo &f : fixes)
        width = std::max(width, static_cast<qsizetype>(f.name.size()));

    QTextStream &o = out();
    o << "Built-in scenarios (foliolab run NAME):\n";
    for (const fl::BuiltinScenario &s : scenarios)
        o << "  " << QString::fromStdString(s.name).leftJustified(width) << "  "
          << QString::fromStdString(s.description) << '\n';
    o << "\nFixes (foliolab run SCENARIO --fix NAME):\n";
    o << "  " << u"baseline"_s.leftJustified(width) << "  "
      << "the kernel as it is: no fix switched on\n";
    for (const fl::FixInfo &f : fixes)
        o << "  " << fromView(f.name).leftJustified(width) << "  " << fromView(f.summary) << '\n';
    o.flush();
    return ExitOk;
}

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
      << "  preempt=" << fl::preemptName(setup.initial.preempt) << "  seed=" << options.seed
      << '\n';
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

static int runCommand(QStringList args)
{
    QCommandLineParser parser;
    // "-x" stays a short option; long options need "--".
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    const QCommandLineOption fixOption(u"fix"_s, u"Switch a fix on."_s, u"NAME"_s);
    const QCommandLineOption preemptOption(u"preempt"_s, u"Preemption model."_s, u"MODEL"_s);
    const QCommandLineOption seedOption(u"seed"_s, u"Seed."_s, u"N"_s);
    const QCommandLineOption maxTimeOption(u"max-time"_s, u"Virtual-time limit."_s, u"DURATION"_s);
    const QCommandLineOption maxStepsOption(u"max-steps"_s, u"Step limit."_s, u"N"_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print JSON."_s);
    const QCommandLineOption helpOption(QStringList {u"h"_s, u"help"_s}, u"Help."_s);
    parser.addOptions({fixOption, preemptOption, seedOption, maxTimeOption, maxStepsOption,
            jsonOption, helpOption});

    // QCommandLineParser wants the program name first; drop the command word.
    args.removeAt(1);
    if (!parser.parse(args))
        return badInput(u"run: %1"_s.arg(parser.errorText()));
    if (parser.isSet(helpOption)) {
        out() << usage();
        out().flush();
        return ExitOk;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return badInput(u"run: missing SCENARIO: expected a built-in name (see 'foliolab list') "
                        "or the path of a .toml file"_s);
    if (positional.size() > 1)
        return badInput(u"run: expected one SCENARIO, got %1: %2"_s.arg(positional.size())
                                .arg(positional.join(u' ')));
    const QString scenarioArg = positional.front();

    fl::BuildOptions build;
    // Checked here too (buildSetup would refuse them as well) so that the
    // message names the option rather than the scenario.
    fl::FixSet fixes;
    for (const QString &name : parser.values(fixOption)) {
        const std::string problem = fl::addFixByName(fixes, name.toStdString());
        if (!problem.empty())
            return badInput(u"--fix: %1"_s.arg(QString::fromStdString(problem)));
        build.fixes.push_back(name.toStdString());
    }
    if (parser.isSet(preemptOption)) {
        const QString model = parser.value(preemptOption);
        const bool known = std::any_of(std::begin(PreemptModels), std::end(PreemptModels),
                [&](const char *m) { return model == QLatin1String(m); });
        if (!known)
            return badInput(u"--preempt: unknown preemption model '%1'; expected one of: "
                            "none, voluntary, full, rt"_s.arg(model));
        build.preempt = model.toStdString();
    }

    fl::RunOptions options;
    if (parser.isSet(seedOption)) {
        bool ok = false;
        options.seed = parser.value(seedOption).toULongLong(&ok);
        if (!ok)
            return badInput(
                    u"--seed: '%1' is not a non-negative integer"_s.arg(parser.value(seedOption)));
    }
    if (parser.isSet(maxTimeOption)) {
        const auto ns = Units::parseDuration(parser.value(maxTimeOption));
        if (!ns)
            return badInput(u"--max-time: '%1' is not a duration; expected a positive number "
                            "with an optional unit ns, us, ms or s, e.g. 500ms, 2s, 1500ns"_s.arg(
                                    parser.value(maxTimeOption)));
        options.maxTime = *ns;
    }
    if (parser.isSet(maxStepsOption)) {
        bool ok = false;
        options.maxSteps = parser.value(maxStepsOption).toULongLong(&ok);
        if (!ok || options.maxSteps == 0)
            return badInput(u"--max-steps: '%1' is not a positive integer"_s.arg(
                    parser.value(maxStepsOption)));
    }
    const bool json = parser.isSet(jsonOption);

    fl::RunResult result;
    fl::Setup setup;
    QString scenarioName;
    try {
        const fl::ScenarioSpec spec = fl::loadScenario(scenarioArg.toStdString());
        scenarioName = spec.name.empty() ? scenarioArg : QString::fromStdString(spec.name);
        setup = fl::buildSetup(spec, build);
        result = fl::runToVerdict(setup, options);
    } catch (const fl::ScenarioError &error) {
        // what() already reads "FILE:LINE:COL: error: ...".
        err() << QString::fromStdString(error.what()) << '\n';
        err().flush();
        return ExitBadInput;
    } catch (const std::exception &error) {
        err() << "foliolab: internal error: " << QString::fromStdString(error.what()) << '\n';
        err().flush();
        return ExitInternal;
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
        return ExitInternal;
    }
    return ExitOk;
}

static bool looksLikeScenarioFile(const char *arg)
{
    const QString path = QString::fromLocal8Bit(arg);
    return path.endsWith(u".toml") || path.contains(u'/') || QFileInfo(path).isFile();
}

bool isCliInvocation(int argc, char **argv)
{
    if (argc < 2)
        return false;
    const char *first = argv[1];
    if (std::strcmp(first, "run") == 0 || std::strcmp(first, "list") == 0
            || std::strcmp(first, "help") == 0 || std::strcmp(first, "lesson") == 0 || std::strcmp(first, "-h") == 0
            || std::strcmp(first, "--help") == 0 || std::strcmp(first, "--version") == 0)
        return true;
    // Anything else starting with '-' is for Qt's GUI (-platform, -style ...).
    if (first[0] == '-')
        return false;
    // A lone scenario file opens the window on it.
    if (argc == 2 && looksLikeScenarioFile(first))
        return false;
    // Any other word: the CLI explains that it is not a command.
    return true;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"foliolab"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FOLIOLAB_VERSION));

    const QStringList args = QCoreApplication::arguments();
    const QString command = args.value(1);

    if (command == u"--help" || command == u"-h" || command == u"help") {
        out() << usage();
        out().flush();
        return ExitOk;
    }
    if (command == u"--version") {
        out() << "foliolab " << QCoreApplication::applicationVersion() << '\n';
        out().flush();
        return ExitOk;
    }
    if (command == u"list") {
        if (args.size() > 2)
            return badInput(u"list: takes no arguments, got: %1"_s.arg(args.mid(2).join(u' ')));
        try {
            return listCommand();
        } catch (const std::exception &error) {
            err() << "foliolab: internal error: " << QString::fromStdString(error.what()) << '\n';
            return ExitInternal;
        }
    }
    if (command == u"run")
        return runCommand(args);
    if (command == u"lesson")
        return lessonCommand(args);

    if (!fl::builtinScenarioText(command.toStdString()).empty())
        return badInput(
                u"'%1' is a scenario, not a command: 'foliolab run %1' runs it"_s.arg(command));
    return badInput(u"unknown command '%1'; expected 'run' or 'list' (or a .toml file to "
                    "open in the window)"_s.arg(command));
}

} // namespace Cli
