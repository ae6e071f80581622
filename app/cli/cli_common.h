// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "cli/cli.h"

#include "engine/runner.h"
#include "engine/setup.h"
#include "scenario/scenario_error.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <exception>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

// What the commands share: the output streams, error reporting, number
// formatting and the options that mean the same in every command.
namespace Cli {

QTextStream &out();
QTextStream &err();

QString fromView(std::string_view text);

// File names are bytes: one that is not valid in the locale's encoding
// (Latin-1 on a UTF-8 system) does not survive QString. Cli::main keeps the
// raw arguments, and nativePath() gives back the bytes of the argument a
// path came from (else its local 8-bit encoding).
void setRawArguments(int argc, char **argv);
std::string nativePath(const QString &path);

// Prints "foliolab: MESSAGE" and the hint to --help on stderr; returns 2.
int badInput(const QString &message);
// Prints "foliolab: internal error: ..." on stderr; returns 1.
int internalError(const QString &message);

// "12", "12.5", "1e+07": integers print as integers, so counters read as counts.
QString formatMetric(double value);

// The value in `metrics`, or "–" when that run has no such metric.
QString metricOrDash(const std::map<std::string, double> &metrics, const std::string &name);

// "none", "voluntary", "full", "rt".
bool isPreemptModel(const QString &model);
QString preemptModelList();
// --rcu FLAVOUR: "preemptible" or "non-preemptible"; on a bad value prints
// the message and returns the exit status.
std::optional<int> readRcuFlavour(const QString &value, std::string &out);

// Built-in names, comma-separated.
QString builtinScenarioList();
// Empty when `arg` is a built-in or something to try as a file; else why not.
QString checkScenarioArgument(const QString &arg);

// Parses args (program name first, command word already removed) and
// handles -h/--help. Returns an exit status when the caller must stop.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &args,
        const QString &command, const QString &help);

// The limits every simulating command takes: --max-time and --max-steps.
struct LimitOptions
{
    QCommandLineOption maxTime {
            QStringLiteral("max-time"), QStringLiteral("Time limit."), QStringLiteral("DURATION")};
    QCommandLineOption maxSteps {
            QStringLiteral("max-steps"), QStringLiteral("Step limit."), QStringLiteral("N")};
    void addTo(QCommandLineParser &parser) const { parser.addOptions({maxTime, maxSteps}); }
    // Fills options; returns an exit status on a bad value.
    std::optional<int> read(const QCommandLineParser &parser, fl::RunOptions &options) const;
};

// The options that choose what a single setup runs under: --fix SET...,
// --kernel VERSION (one, not with --fix) and --preempt MODEL.
struct SetupOptions
{
    QCommandLineOption fix {QStringLiteral("fix"), QStringLiteral("Switch a fix on."), QStringLiteral("SET")};
    QCommandLineOption kernel {
            QStringLiteral("kernel"), QStringLiteral("Kernel version."), QStringLiteral("VERSION")};
    QCommandLineOption preempt {
            QStringLiteral("preempt"), QStringLiteral("Preemption model."), QStringLiteral("MODEL")};
    QCommandLineOption rcu {
            QStringLiteral("rcu"), QStringLiteral("RCU flavour."), QStringLiteral("FLAVOUR")};
    void addTo(QCommandLineParser &parser) const { parser.addOptions({fix, kernel, preempt, rcu}); }
    bool anySet(const QCommandLineParser &parser) const
    {
        return parser.isSet(fix) || parser.isSet(kernel) || parser.isSet(preempt)
                || parser.isSet(rcu);
    }
    // Fills build.fixes, build.preempt and build.rcu; returns an exit status
    // on a bad value (an unknown or conflicting fix, version, model or
    // flavour).
    std::optional<int> read(const QCommandLineParser &parser, fl::BuildOptions &build) const;
};

// --seed N (a non-negative integer).
std::optional<int> readSeed(
        const QCommandLineParser &parser, const QCommandLineOption &option, std::uint64_t &seed);

// The fix set of --kernel VERSION, or an exit status after the message.
std::optional<int> kernelFixSet(const QString &version, std::string &fixSet);

// Runs fn and turns what the core throws into the exit status: a scenario
// error (already "FILE:LINE:COL: error: ...") or a refused value is bad
// input, anything else internal.
template<typename Fn>
int guarded(const QString &command, Fn &&fn)
{
    try {
        return fn();
    } catch (const fl::ScenarioError &error) {
        err() << QString::fromStdString(error.what()) << '\n';
        err().flush();
        return ExitBadInput;
    } catch (const std::invalid_argument &error) {
        return badInput(command + QStringLiteral(": ") + QString::fromStdString(error.what()));
    } catch (const std::exception &error) {
        return internalError(QString::fromStdString(error.what()));
    }
}

// How a schedule file names its scenario: a built-in by name; anything else
// inline, so that the file stands alone in a mail.
struct ScheduleScenario
{
    std::string ref; // the built-in name, or "inline"
    std::string inlineText; // the scenario file's text when inline
};
ScheduleScenario scheduleScenario(const QString &scenarioArg);

// The commands (one file each).
int runCommand(const QStringList &args);
int listCommand(const QStringList &args);
int matrixCommand(const QStringList &args);
int compareCommand(const QStringList &args);
int fixesCommand(const QStringList &args);
int exploreCommand(const QStringList &args);
int checkCommand(const QStringList &args);
int reportCommand(const QStringList &args);

} // namespace Cli
