// SPDX-License-Identifier: GPL-2.0-only
#include "cli/cli_common.h"
#include "cli/usage.h"

#include "units.h"

#include "kernel/steps.h"
#include "report/compare.h"
#include "report/fix_sets.h"
#include "scenario/scenario_toml.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <set>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace Cli {

namespace {

// The fix sets of --fix and --kernel in the order they were given: A first.
// QCommandLineParser keeps each option's values but not their interleaving,
// so the raw arguments are scanned (the parser has already checked them).
QStringList sidesInOrder(const QStringList &args)
{
    QStringList sides;
    for (qsizetype i = 2; i < args.size(); ++i) {
        const QString &arg = args[i];
        for (const QString &option : {u"--fix"_s, u"--kernel"_s}) {
            QString value;
            if (arg == option && i + 1 < args.size())
                value = args[++i];
            else if (arg.startsWith(option + u'='))
                value = arg.mid(option.size() + 1);
            else
                continue;
            sides << (option == u"--kernel" ? u"kernel:"_s + value : value);
            break;
        }
    }
    return sides;
}

QString stepName(std::uint16_t step)
{
    if (step == fl::DivergedStep::NoPreviousStep)
        return {};
    if (step < static_cast<std::uint16_t>(fl::StepId::Count)) {
        const fl::StepInfo &info = fl::stepInfo(static_cast<fl::StepId>(step));
        return fromView(info.function) + u" ("_s + fromView(info.file) + u"): "_s
                + fromView(info.text);
    }
    return fromView(fl::schedStepText(step));
}

QString kindName(fl::DivergenceKind kind)
{
    switch (kind) {
    case fl::DivergenceKind::ChoiceNotEnabled:
        return u"choice-not-enabled"_s;
    case fl::DivergenceKind::DifferentStep:
        return u"different-step"_s;
    case fl::DivergenceKind::RunEnded:
        return u"run-ended"_s;
    }
    return u"?"_s;
}

std::set<std::string> metricNames(const fl::CompareResult &r)
{
    std::set<std::string> names;
    for (const auto &entry : r.a.metrics)
        names.insert(entry.first);
    for (const auto &entry : r.b.metrics)
        names.insert(entry.first);
    return names;
}

QJsonObject sideJson(const fl::CompareSide &side)
{
    QJsonObject metrics;
    for (const auto &[name, value] : side.metrics)
        metrics.insert(QString::fromStdString(name), value);
    QJsonObject o {
            {u"fix"_s, QString::fromStdString(side.fixSet)},
            {u"verdict"_s, QString::fromLatin1(fl::verdictName(side.verdict))},
            {u"steps"_s, static_cast<double>(side.steps)},
            {u"virtual_ns"_s, static_cast<double>(side.virtualNs)},
            {u"summary"_s, QString::fromStdString(side.summary)},
            {u"metrics"_s, metrics},
    };
    if (!side.invariantViolation.empty())
        o.insert(u"invariant_violation"_s, QString::fromStdString(side.invariantViolation));
    return o;
}

QJsonValue stepJson(const fl::DivergedStep &d)
{
    if (!d.present)
        return QJsonValue::Null;
    QJsonObject o {
            {u"cpu"_s, d.choice.cpu},
            {u"task"_s, QString::fromStdString(d.taskName)},
            {u"time_ns"_s, static_cast<double>(d.time)},
            {u"choice"_s, QString::fromStdString(d.choiceText)},
            {u"step"_s, QString::fromStdString(d.stepText)},
    };
    if (d.step < static_cast<std::uint16_t>(fl::StepId::Count))
        o.insert(u"step_key"_s, fromView(fl::stepInfo(static_cast<fl::StepId>(d.step)).key));
    if (d.previousStep != fl::DivergedStep::NoPreviousStep) {
        o.insert(u"previous_step"_s, stepName(d.previousStep));
        if (d.previousStep < static_cast<std::uint16_t>(fl::StepId::Count))
            o.insert(u"previous_step_key"_s,
                    fromView(fl::stepInfo(static_cast<fl::StepId>(d.previousStep)).key));
    }
    return o;
}

QJsonObject resultJson(const fl::CompareResult &r)
{
    QJsonObject metrics;
    for (const std::string &name : metricNames(r)) {
        const auto a = r.a.metrics.find(name), b = r.b.metrics.find(name);
        QJsonObject m;
        m.insert(u"a"_s, a == r.a.metrics.end() ? QJsonValue::Null : QJsonValue(a->second));
        m.insert(u"b"_s, b == r.b.metrics.end() ? QJsonValue::Null : QJsonValue(b->second));
        m.insert(u"diff"_s,
                a == r.a.metrics.end() || b == r.b.metrics.end()
                        ? QJsonValue::Null
                        : QJsonValue(b->second - a->second));
        metrics.insert(QString::fromStdString(name), m);
    }
    QJsonValue divergence = QJsonValue::Null;
    if (r.divergence) {
        const fl::Divergence &d = *r.divergence;
        divergence = QJsonObject {
                {u"index"_s, static_cast<double>(d.index)},
                {u"step_number"_s, static_cast<double>(fl::stepNumber(d.index))},
                {u"kind"_s, kindName(d.kind)},
                {u"reason"_s, QString::fromStdString(d.reason)},
                {u"a"_s, stepJson(d.a)},
                {u"b"_s, stepJson(d.b)},
        };
    }
    return QJsonObject {
            {u"scenario"_s, QString::fromStdString(r.scenario)},
            {u"preempt"_s, QString::fromStdString(r.preempt)},
            {u"rcu"_s, QString::fromStdString(r.rcu)},
            {u"seed"_s, static_cast<double>(r.seed)},
            {u"a"_s, sideJson(r.a)},
            {u"b"_s, sideJson(r.b)},
            {u"divergence"_s, divergence},
            {u"metrics"_s, metrics},
    };
}

void printText(const fl::CompareResult &r)
{
    QTextStream &o = out();
    const QString labelA = u"A (%1)"_s.arg(QString::fromStdString(r.a.fixSet));
    const QString labelB = u"B (%1)"_s.arg(QString::fromStdString(r.b.fixSet));
    const qsizetype labelWidth = std::max(labelA.size(), labelB.size()) + 1;

    o << "compare  " << QString::fromStdString(r.scenario)
      << "  preempt=" << QString::fromStdString(r.preempt)
      << "  rcu=" << QString::fromStdString(r.rcu) << "  seed=" << r.seed << '\n';
    for (const auto &[label, side] : {std::pair {labelA, &r.a}, std::pair {labelB, &r.b}})
        o << "  " << (label + u':').leftJustified(labelWidth) << ' '
          << QString::fromLatin1(fl::verdictName(side->verdict)).leftJustified(11) << "steps "
          << side->steps << "  virtual time " << Units::formatDuration(side->virtualNs) << '\n';

    o << '\n';
    if (!r.divergence) {
        o << "No divergence: B took every choice of A's schedule and ran the same kernel steps.\n";
    } else {
        const fl::Divergence &d = *r.divergence;
        o << "First divergence at step " << fl::stepNumber(d.index) << " (the " << d.index
          << " steps before are the same):\n";
        o << "  " << QString::fromStdString(d.reason) << '\n';
        for (const auto &[label, step] : {std::pair {labelA, &d.a}, std::pair {labelB, &d.b}}) {
            o << "  " << (label + u':').leftJustified(labelWidth) << ' ';
            if (!step->present) {
                o << "(the run had ended)\n";
                continue;
            }
            const QString indent(labelWidth + 3, u' ');
            o << "at " << Units::formatDuration(step->time) << ", CPU" << step->choice.cpu << ": "
              << QString::fromStdString(step->taskName) << ' '
              << QString::fromStdString(step->stepText) << '\n';
            if (!stepName(step->previousStep).isEmpty())
                o << indent << "after " << QString::fromStdString(step->taskName) << "'s "
                  << stepName(step->previousStep) << '\n';
        }
    }

    const std::set<std::string> names = metricNames(r);
    qsizetype nameWidth = 6;
    for (const std::string &n : names)
        nameWidth = std::max(nameWidth, static_cast<qsizetype>(n.size()));
    std::vector<std::array<QString, 3>> values;
    qsizetype valueWidth = std::max(labelA.size(), labelB.size());
    for (const std::string &n : names) {
        const auto a = r.a.metrics.find(n), b = r.b.metrics.find(n);
        const bool both = a != r.a.metrics.end() && b != r.b.metrics.end();
        values.push_back({metricOrDash(r.a.metrics, n), metricOrDash(r.b.metrics, n),
                both ? formatMetric(b->second - a->second) : u"–"_s});
        for (const QString &v : values.back())
            valueWidth = std::max(valueWidth, v.size());
    }
    o << "\nMetrics:\n";
    o << "  " << u"metric"_s.leftJustified(nameWidth) << "  " << labelA.rightJustified(valueWidth)
      << "  " << labelB.rightJustified(valueWidth) << "  " << u"B - A"_s.rightJustified(valueWidth)
      << '\n';
    qsizetype row = 0;
    for (const std::string &n : names) {
        const auto &v = values[static_cast<std::size_t>(row++)];
        o << "  " << QString::fromStdString(n).leftJustified(nameWidth) << "  "
          << v[0].rightJustified(valueWidth) << "  " << v[1].rightJustified(valueWidth) << "  "
          << v[2].rightJustified(valueWidth) << '\n';
    }
    o.flush();
}

} // namespace

int compareCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption fixOption(u"fix"_s, u"Fix set."_s, u"SET"_s);
    const QCommandLineOption kernelOption(u"kernel"_s, u"Kernel version."_s, u"VERSION"_s);
    const QCommandLineOption preemptOption(u"preempt"_s, u"Preemption model."_s, u"MODEL"_s);
    const QCommandLineOption rcuOption(u"rcu"_s, u"RCU flavour."_s, u"FLAVOUR"_s);
    const QCommandLineOption seedOption(u"seed"_s, u"Seed."_s, u"N"_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print JSON."_s);
    const LimitOptions limits;
    parser.addOptions({fixOption, kernelOption, preemptOption, rcuOption, seedOption, jsonOption});
    limits.addTo(parser);
    if (auto status = parseCommandLine(parser, args, u"compare"_s, usage()))
        return *status;

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return badInput(
                u"compare: expected one SCENARIO, got %1%2"_s.arg(positional.size())
                        .arg(positional.isEmpty() ? QString() : u": "_s + positional.join(u' ')));
    const QString scenarioArg = positional.front();
    if (const QString problem = checkScenarioArgument(scenarioArg); !problem.isEmpty())
        return badInput(u"compare: "_s + problem);

    std::vector<std::string> sides;
    for (const QString &side : sidesInOrder(args)) {
        if (side.startsWith(u"kernel:")) {
            std::string set;
            if (auto status = kernelFixSet(side.mid(7), set))
                return *status;
            sides.push_back(set);
            continue;
        }
        const fl::ParsedFixSet parsed = fl::parseFixSetNames(side.toStdString());
        if (!parsed.error.empty())
            return badInput(u"--fix: "_s + QString::fromStdString(parsed.error));
        sides.push_back(side.toStdString());
    }
    if (sides.size() != 2)
        return badInput(u"compare: expected exactly two fix sets, A then B (--fix A --fix B, "
                        "or --kernel VERSION for either), got %1"_s.arg(sides.size()));

    std::string preempt;
    if (parser.isSet(preemptOption)) {
        const QString model = parser.value(preemptOption);
        if (!isPreemptModel(model))
            return badInput(u"--preempt: unknown preemption model '%1'; expected one of: %2"_s.arg(
                    model, preemptModelList()));
        preempt = model.toStdString();
    }
    std::string rcu;
    if (parser.isSet(rcuOption))
        if (auto status = readRcuFlavour(parser.value(rcuOption), rcu))
            return *status;
    fl::RunOptions options;
    if (auto status = readSeed(parser, seedOption, options.seed))
        return *status;
    if (auto status = limits.read(parser, options))
        return *status;
    const bool json = parser.isSet(jsonOption);

    return guarded(u"compare"_s, [&] {
        const fl::ScenarioSpec spec = fl::loadScenario(nativePath(scenarioArg));
        fl::CompareResult result
                = fl::compareFixSets(spec, sides[0], sides[1], preempt, options, rcu);
        if (result.scenario.empty())
            result.scenario = nativePath(scenarioArg);
        if (json) {
            out() << QJsonDocument(resultJson(result)).toJson(QJsonDocument::Indented);
            out().flush();
        } else {
            printText(result);
        }
        int status = ExitOk;
        for (const fl::CompareSide *side : {&result.a, &result.b})
            if (!side->invariantViolation.empty()) {
                err() << "foliolab: internal invariant violated under "
                      << QString::fromStdString(side->fixSet + ": " + side->invariantViolation)
                      << '\n';
                status = ExitInternal;
            }
        err().flush();
        return status;
    });
}

} // namespace Cli
