// SPDX-License-Identifier: GPL-2.0-only
#include "cli/cli_common.h"

#include "units.h"

#include "report/fix_sets.h"
#include "scenario/scenario_toml.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;

namespace Cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

static std::vector<std::string> &rawArguments()
{
    static std::vector<std::string> arguments;
    return arguments;
}

void setRawArguments(int argc, char **argv)
{
    rawArguments().assign(argv, argv + argc);
}

std::string nativePath(const QString &path)
{
    for (const std::string &raw : rawArguments()) {
        // "--replay FILE" and "--replay=FILE" alike.
        const std::size_t equals = raw.starts_with("--") ? raw.find('=') : std::string::npos;
        const std::string value = equals == std::string::npos ? raw : raw.substr(equals + 1);
        if (QString::fromLocal8Bit(value.data(), static_cast<qsizetype>(value.size())) == path)
            return value;
    }
    return QFile::encodeName(path).toStdString();
}

int badInput(const QString &message)
{
    err() << "foliolab: " << message << '\n' << "Try 'foliolab --help'.\n";
    err().flush();
    return ExitBadInput;
}

int internalError(const QString &message)
{
    err() << "foliolab: internal error: " << message << '\n';
    err().flush();
    return ExitInternal;
}

QString formatMetric(double value)
{
    if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15)
        return QString::number(static_cast<qint64>(value));
    return QString::number(value, 'g', 6);
}

QString metricOrDash(const std::map<std::string, double> &metrics, const std::string &name)
{
    const auto it = metrics.find(name);
    return it == metrics.end() ? u"–"_s : formatMetric(it->second);
}

static const char *const PreemptModels[] = {"none", "voluntary", "full", "rt"};

bool isPreemptModel(const QString &model)
{
    for (const char *m : PreemptModels)
        if (model == QLatin1String(m))
            return true;
    return false;
}

QString preemptModelList()
{
    return u"none, voluntary, full, rt"_s;
}

std::optional<int> readRcuFlavour(const QString &value, std::string &out)
{
    if (value != u"preemptible"_s && value != u"non-preemptible"_s)
        return badInput(u"--rcu: unknown RCU flavour '%1'; expected one of: preemptible, "
                        "non-preemptible"_s.arg(value));
    out = value.toStdString();
    return std::nullopt;
}

ScheduleScenario scheduleScenario(const QString &scenarioArg)
{
    if (!fl::builtinScenarioText(scenarioArg.toStdString()).empty())
        return {scenarioArg.toStdString(), {}};
    QFile file(scenarioArg);
    if (!file.open(QIODevice::ReadOnly))
        throw fl::ScenarioError(scenarioArg.toStdString(), 0, 0,
                "cannot read the scenario to put it in the schedule file");
    return {"inline", file.readAll().toStdString()};
}

QString builtinScenarioList()
{
    QStringList names;
    for (const fl::BuiltinScenario &s : fl::builtinScenarios())
        names << QString::fromStdString(s.name);
    return names.join(u", "_s);
}

QString checkScenarioArgument(const QString &arg)
{
    if (!fl::builtinScenarioText(arg.toStdString()).empty())
        return {};
    // A path (or something that exists) is for the parser, which names the
    // file, line and column of any problem.
    if (arg.endsWith(u".toml") || arg.contains(u'/') || QFileInfo::exists(arg))
        return {};
    return u"unknown scenario '%1'; expected a built-in name (%2) or the path of a .toml "
           "file"_s.arg(arg, builtinScenarioList());
}

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &args,
        const QString &command, const QString &help)
{
    // "-x" stays a short option; long options need "--".
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    const QCommandLineOption helpOption(QStringList {u"h"_s, u"help"_s}, u"Help."_s);
    parser.addOption(helpOption);
    // QCommandLineParser wants the program name first; drop the command word.
    QStringList withoutCommand = args;
    withoutCommand.removeAt(1);
    if (!parser.parse(withoutCommand))
        return badInput(u"%1: %2"_s.arg(command, parser.errorText()));
    if (parser.isSet(helpOption)) {
        out() << help;
        out().flush();
        return ExitOk;
    }
    return std::nullopt;
}

std::optional<int> SetupOptions::read(const QCommandLineParser &parser, fl::BuildOptions &build) const
{
    if (parser.isSet(kernel)) {
        if (parser.isSet(fix))
            return badInput(u"--kernel and --fix both choose the fix set; give one of "
                            "them (--kernel %1 is --fix %2)"_s.arg(parser.value(kernel),
                                    QString::fromStdString(fl::kernelFixSet(
                                            parser.value(kernel).toStdString())
                                                                   .value_or("?"))));
        if (parser.values(kernel).size() > 1)
            return badInput(u"--kernel: give one kernel version, got %1"_s.arg(
                    parser.values(kernel).join(u", "_s)));
        std::string set;
        if (auto status = kernelFixSet(parser.value(kernel), set))
            return *status;
        build.fixes = fl::parseFixSetNames(set).names;
    }
    // Checked here too (buildSetup would refuse them as well) so that the
    // message names the option rather than the scenario.
    fl::FixSet fixes;
    for (const QString &value : parser.values(fix)) {
        const fl::ParsedFixSet parsed = fl::parseFixSetNames(value.toStdString());
        std::string problem = parsed.error;
        for (const std::string &name : parsed.names) {
            if (problem.empty()
                    && std::find(build.fixes.begin(), build.fixes.end(), name) != build.fixes.end())
                problem = "fix '" + name + "' is given twice; expected each fix once";
            if (problem.empty())
                problem = fl::addFixByName(fixes, name); // conflicts across --fix options
        }
        if (!problem.empty())
            return badInput(u"--fix: %1"_s.arg(QString::fromStdString(problem)));
        build.fixes.insert(build.fixes.end(), parsed.names.begin(), parsed.names.end());
    }
    if (parser.isSet(preempt)) {
        const QString model = parser.value(preempt);
        if (!isPreemptModel(model))
            return badInput(u"--preempt: unknown preemption model '%1'; expected one of: %2"_s.arg(
                    model, preemptModelList()));
        build.preempt = model.toStdString();
    }
    if (parser.isSet(rcu)) {
        if (auto status = readRcuFlavour(parser.value(rcu), build.rcu))
            return status;
        if (build.preempt == "rt" && build.rcu == "non-preemptible")
            return badInput(u"--rcu non-preemptible cannot go with --preempt rt: PREEMPT_RT "
                            "always has preemptible RCU"_s);
    }

    return std::nullopt;
}

std::optional<int> LimitOptions::read(
        const QCommandLineParser &parser, fl::RunOptions &options) const
{
    if (parser.isSet(maxTime)) {
        const auto ns = Units::parseDuration(parser.value(maxTime));
        if (!ns)
            return badInput(u"--max-time: '%1' is not a duration; expected a positive number "
                            "with an optional unit ns, us, ms or s, e.g. 500ms, 2s, 1500ns"_s.arg(
                                    parser.value(maxTime)));
        options.maxTime = *ns;
    }
    if (parser.isSet(maxSteps)) {
        bool ok = false;
        options.maxSteps = parser.value(maxSteps).toULongLong(&ok);
        if (!ok || options.maxSteps == 0)
            return badInput(
                    u"--max-steps: '%1' is not a positive integer"_s.arg(parser.value(maxSteps)));
    }
    return std::nullopt;
}

std::optional<int> readSeed(
        const QCommandLineParser &parser, const QCommandLineOption &option, std::uint64_t &seed)
{
    if (!parser.isSet(option))
        return std::nullopt;
    bool ok = false;
    seed = parser.value(option).toULongLong(&ok);
    if (!ok)
        return badInput(u"--seed: '%1' is not a non-negative integer"_s.arg(parser.value(option)));
    return std::nullopt;
}

std::optional<int> kernelFixSet(const QString &version, std::string &fixSet)
{
    const std::optional<std::string> set = fl::kernelFixSet(version.toStdString());
    if (!set)
        return badInput(u"--kernel: unknown kernel version '%1'; expected one of: %2"_s.arg(
                version, QString::fromStdString(fl::kernelVersionList())));
    fixSet = *set;
    return std::nullopt;
}

} // namespace Cli
