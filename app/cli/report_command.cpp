// SPDX-License-Identifier: GPL-2.0-only
// foliolab report SCENARIO [...] [--compare B] [--markdown]: a block to
// paste into a review mail (or an issue, with --markdown).
#include "cli/cli_common.h"
#include "cli/usage.h"

#include "mailreport.h"

#include "report/fix_sets.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

using namespace Qt::StringLiterals;

namespace Cli {

int reportCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const SetupOptions setupOptions;
    const QCommandLineOption seedOption(u"seed"_s, u"Seed."_s, u"N"_s);
    const QCommandLineOption compareOption(u"compare"_s, u"Second fix set."_s, u"SET"_s);
    const QCommandLineOption markdownOption(u"markdown"_s, u"Markdown."_s);
    const LimitOptions limits;
    parser.addOptions({seedOption, compareOption, markdownOption});
    setupOptions.addTo(parser);
    limits.addTo(parser);
    if (auto status = parseCommandLine(parser, args, u"report"_s, usage()))
        return *status;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return badInput(u"report: expected one SCENARIO, got %1"_s.arg(positional.size()));
    const QString scenarioArg = positional.front();
    if (const QString problem = checkScenarioArgument(scenarioArg); !problem.isEmpty())
        return badInput(u"report: "_s + problem);

    fl::BuildOptions build;
    if (auto status = setupOptions.read(parser, build))
        return *status;
    fl::RunOptions options;
    if (auto status = readSeed(parser, seedOption, options.seed))
        return *status;
    if (auto status = limits.read(parser, options))
        return *status;
    const bool markdown = parser.isSet(markdownOption);
    std::string compareWith;
    if (parser.isSet(compareOption)) {
        compareWith = parser.value(compareOption).toStdString();
        const fl::ParsedFixSet parsed = fl::parseFixSetNames(compareWith);
        if (!parsed.error.empty())
            return badInput(u"--compare: "_s + QString::fromStdString(parsed.error));
    }

    return guarded(u"report"_s, [&] {
        const fl::ScenarioSpec spec = fl::loadScenario(nativePath(scenarioArg));
        const fl::Setup setup = fl::buildSetup(spec, build);
        if (!compareWith.empty()) {
            const std::string a = setup.fixes.describe();
            const fl::CompareResult c = fl::compareFixSets(
                spec, a, compareWith, build.preempt, options, build.rcu);
            out() << MailReport::compareReport(scenarioArg, c, markdown);
        } else {
            const fl::RunResult r = fl::runToVerdict(setup, options);
            out() << MailReport::runReport({scenarioArg, &setup, &r, options.seed}, markdown);
        }
        out().flush();
        return int(ExitOk);
    });
}

} // namespace Cli
