// SPDX-License-Identifier: GPL-2.0-only
// foliolab explore: every schedule of a scenario, searched breadth-first.
#include "cli/cli_common.h"
#include "cli/usage.h"

#include "explore/explorer.h"
#include "explore/from_run.h"
#include "io/process_memory.h"
#include "kernel/fixes.h"
#include "model/machine.h"
#include "replay/replay_file.h"
#include "report/fix_sets.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"
#include "schedule/schedule_run.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <csignal>

using namespace Qt::StringLiterals;

namespace Cli {

namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}

QJsonArray choicesJson(const std::vector<fl::Choice> &choices)
{
    QJsonArray out;
    for (const fl::Choice &c : choices)
        out.append(QJsonArray{int(c.cpu), c.task == fl::NoTask     ? -1
                                           : c.task == fl::TickChoice ? -2
                                                                      : int(c.task)});
    return out;
}

void printStatistics(QTextStream &o, const fl::ExploreResult &r)
{
    o << "states " << r.states << "  transitions " << r.transitions << "  depth " << r.depth << "  "
      << QString::number(r.seconds, 'f', 2) << " s  ";
    if (r.bytesPerStateMeaningful())
        o << QString::number(r.bytesPerState, 'f', 1) << " bytes/state (peak resident "
          << (r.peakRssBytes >> 20) << " MiB)";
    else
        o << "peak resident " << (r.peakRssBytes >> 20)
          << " MiB (bytes/state n/a: " << (r.residentBeforeBytes >> 20)
          << " MiB of it before the search)";
    o << (r.complete ? "" : "  (bounded: not the whole space)") << '\n';
    if (r.symmetry != "none")
        o << "symmetry " << QString::fromStdString(r.symmetry)
          << ": one state stored per orbit; the counterexample is concrete\n";
    if (!r.symmetryNote.empty())
        o << QString::fromStdString(r.symmetryNote) << '\n';
}

void printText(const QString &scenario, const fl::Setup &setup, const fl::ExploreResult &r,
        const QString &saved, const QString &fromRun, bool searchless)
{
    QTextStream &o = out();
    o << fl::exploreVerdictName(r.verdict) << "  " << scenario << "  "
      << QString::fromStdString(setup.fixes.describe())
      << "  preempt=" << fl::preemptName(setup.initial.preempt)
      << "  rcu=" << fl::rcuName(setup.initial.rcu) << '\n';
    if (!fromRun.isEmpty())
        o << fromRun << '\n';
    if (r.verdict == fl::ExploreVerdict::Refused) { // no search, so no statistics
        o << '\n' << QString::fromStdString(r.summary) << '\n';
        o.flush();
        return;
    }
    if (!searchless)
        printStatistics(o, r);
    o << '\n' << QString::fromStdString(r.summary) << '\n';
    if (!r.stem.empty() || !r.cycle.empty())
        o << "Stem: " << r.stem.size() << " steps" << (r.cycle.empty() ? "" : ", cycle: ")
          << (r.cycle.empty() ? QString() : QString::number(r.cycle.size()) + u" steps"_s) << '\n';
    if (!r.explanation.cycle.empty()) {
        o << "\nWait-for cycle where it " << (r.cycle.empty() ? "stops" : "loops") << ":\n";
        for (const fl::WaitEdge &edge : r.explanation.cycle)
            o << "  " << QString::fromStdString(edge.label) << '\n';
    }
    for (const std::string &also : r.alsoFound)
        o << "Also found: " << QString::fromStdString(also) << '\n';
    if (r.verdict == fl::ExploreVerdict::Partial && fromRun.isEmpty())
        o << "\nWhere the runner's run livelocks or deadlocks, 'explore --from-run' looks at that "
             "run's own cycle, or searches from where it stopped.\n";
    if (!saved.isEmpty())
        o << "\nCounterexample written to " << saved << " (replay it with 'foliolab run --replay "
          << saved << "')\n";
    o.flush();
}

} // namespace

int exploreCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const SetupOptions setupOptions;
    const QCommandLineOption maxStatesOption(u"max-states"_s, u"State bound."_s, u"N"_s);
    const QCommandLineOption maxDepthOption(u"max-depth"_s, u"Depth bound."_s, u"N"_s);
    const QCommandLineOption maxMemoryOption(u"max-memory"_s, u"Memory bound in MiB."_s, u"MIB"_s);
    const QCommandLineOption outOption(u"out"_s, u"Replay file to write."_s, u"REPLAY"_s);
    const QCommandLineOption quietOption(u"quiet"_s, u"No progress on stderr."_s);
    const QCommandLineOption jsonOption(u"json"_s, u"Print JSON."_s);
    const QCommandLineOption threadsOption(u"threads"_s, u"Worker threads."_s, u"N"_s);
    const QCommandLineOption noSymmetryOption(u"no-symmetry"_s, u"Store every state."_s);
    const QCommandLineOption noLocalStepsOption(
            u"no-local-steps"_s, u"Store the states between a task's local steps."_s);
    const QCommandLineOption firstBugOption(u"first-bug"_s, u"Stop at the first bug."_s);
    const QCommandLineOption searchRepeatsOption(
            u"search-repeats"_s, u"Search a workload whose tasks repeat their jobs."_s);
    const QCommandLineOption fromRunOption(
            u"from-run"_s, u"Search from where the runner's run reaches its verdict."_s);
    const QCommandLineOption seedOption(u"seed"_s, u"Seed of --from-run's run."_s, u"N"_s);
    parser.addOptions({maxStatesOption, maxDepthOption, maxMemoryOption, outOption, quietOption,
            jsonOption, threadsOption, noSymmetryOption, noLocalStepsOption, firstBugOption,
            searchRepeatsOption, fromRunOption, seedOption});
    setupOptions.addTo(parser);
    if (auto status = parseCommandLine(parser, args, u"explore"_s, usage()))
        return *status;

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return badInput(u"explore: expected one SCENARIO (a built-in name or a .toml file), got %1"_s
                                .arg(positional.size()));
    const QString scenarioArg = positional.front();

    fl::BuildOptions build;
    if (auto status = setupOptions.read(parser, build))
        return *status;
    fl::ExploreOptions options;
    auto readCount = [&](const QCommandLineOption &option, std::uint64_t lo, std::uint64_t hi,
                             std::uint64_t &value) -> std::optional<int> {
        if (!parser.isSet(option))
            return std::nullopt;
        bool ok = false;
        const qulonglong v = parser.value(option).toULongLong(&ok);
        if (!ok || v < lo || v > hi)
            return badInput(u"--%1: '%2' is not an integer in %3..%4"_s.arg(option.names().front(),
                    parser.value(option), QString::number(lo), QString::number(hi)));
        value = v;
        return std::nullopt;
    };
    std::uint64_t maxStates = options.maxStates, maxDepth = 0,
                  maxMemory = fl::defaultMemoryBound() >> 20;
    if (auto s = readCount(maxStatesOption, 1, 4'000'000'000ull, maxStates))
        return *s;
    if (auto s = readCount(maxDepthOption, 1, 1'000'000, maxDepth))
        return *s;
    if (auto s = readCount(maxMemoryOption, 16, 1ull << 22, maxMemory))
        return *s;
    std::uint64_t threads = 0;
    if (auto s = readCount(threadsOption, 1, 256, threads))
        return *s;
    options.threads = static_cast<unsigned>(threads);
    options.symmetry = !parser.isSet(noSymmetryOption);
    options.localSteps = !parser.isSet(noLocalStepsOption);
    options.stopAtFirstBug = parser.isSet(firstBugOption);
    options.searchRepeats = parser.isSet(searchRepeatsOption);
    options.maxStates = maxStates;
    options.maxDepth = static_cast<std::uint32_t>(maxDepth);
    options.maxBytes = maxMemory << 20;
    options.maxResidentBytes = maxMemory << 20; // the whole process, not only the graph
    options.cancel = &g_interrupted;
    const bool json = parser.isSet(jsonOption);
    const bool quiet = parser.isSet(quietOption);
    const QString outPath = parser.value(outOption);
    const bool fromRun = parser.isSet(fromRunOption);
    std::uint64_t seed = 1;
    if (parser.isSet(seedOption) && !fromRun)
        return badInput(u"explore: --seed is the seed of --from-run's run; give --from-run too"_s);
    if (auto status = readSeed(parser, seedOption, seed))
        return *status;
    if (!quiet)
        options.progress = [](const fl::ExploreProgress &p) {
            err() << u"\rexplore: %1 states, %2 transitions, depth %3, %4 states/s, %5 MiB resident   "_s
                             .arg(p.states)
                             .arg(p.transitions)
                             .arg(p.depth)
                             .arg(p.seconds > 0 ? qint64(double(p.states) / p.seconds) : 0)
                             .arg(p.residentBytes >> 20);
            err().flush();
        };

    return guarded(u"explore"_s, [&] {
        const fl::ScenarioSpec spec = fl::loadScenario(nativePath(scenarioArg));
        const QString scenarioName
                = spec.name.empty() ? scenarioArg : QString::fromStdString(spec.name);
        const fl::Setup setup = fl::buildSetup(spec, build);
        g_interrupted.store(false);
        const auto previous = std::signal(SIGINT, onInterrupt);
        // --from-run: the runner's run to its verdict, then every schedule
        // from the state it left (explore/from_run.h).
        std::optional<fl::RunResult> run;
        fl::ExploreResult r;
        std::size_t timedSteps = 0;
        bool runCycle = false; // the run's own cycle: no search
        if (fromRun) {
            fl::FromRunResult found = parser.isSet(seedOption)
                    ? fl::exploreFromRun(setup, seed, options)
                    : fl::exploreFromFirstStuckRun(setup, options);
            seed = found.seed;
            run = std::move(found.run);
            r = std::move(found.explored);
            timedSteps = found.timedSteps;
            runCycle = found.runCycle;
        } else {
            r = fl::explore(setup, options);
        }
        std::signal(SIGINT, previous);
        const std::vector<fl::Choice> timedPrefix = run
                ? std::vector<fl::Choice>(run->choices.begin(),
                        run->choices.begin() + static_cast<std::ptrdiff_t>(timedSteps))
                : std::vector<fl::Choice> {};
        const auto timed = static_cast<std::int64_t>(timedPrefix.size());
        if (!quiet && r.states >= (1u << 16)) {
            err() << '\n';
            err().flush();
        }

        QString saved;
        // A counterexample: a stem or a cycle, or (--from-run) the run's
        // own steps to a state that is already the bug (a deadlocked run).
        const bool bug = r.verdict == fl::ExploreVerdict::Livelock
                || r.verdict == fl::ExploreVerdict::Deadlock
                || r.verdict == fl::ExploreVerdict::Safety;
        const bool counterexample
                = bug && (!r.stem.empty() || !r.cycle.empty() || !timedPrefix.empty());
        if (outPath.endsWith(u".sched"_s) && counterexample) {
            // --from-run: the runner's timed choices first, then 'untimed:'.
            std::vector<fl::Choice> choices = timedPrefix;
            choices.insert(choices.end(), r.stem.begin(), r.stem.end());
            choices.insert(choices.end(), r.cycle.begin(), r.cycle.end());
            const ScheduleScenario where = scheduleScenario(scenarioArg);
            const std::int64_t cycleStart
                    = r.cycle.empty() ? -1 : timed + static_cast<std::int64_t>(r.stem.size());
            const fl::ScheduleFile file = fl::scheduleOfRun(setup, where.ref, where.inlineText,
                    choices, true, cycleStart, seed, fl::exploreVerdictName(r.verdict),
                    r.cycle.empty() ? -1 : static_cast<std::int64_t>(r.cycle.size()), 1500,
                    timedPrefix.size());
            fl::saveSchedule(file, nativePath(outPath));
            saved = outPath;
        } else if (!outPath.isEmpty() && counterexample) {
            fl::ReplayFile file;
            file.scenario = nativePath(scenarioArg);
            for (const fl::FixInfo &f : fl::fixCatalogue())
                if (setup.fixes.has(f.fix))
                    file.fixes.emplace_back(f.name);
            file.preempt = fl::preemptName(setup.initial.preempt);
            file.rcu = fl::rcuName(setup.initial.rcu);
            file.seed = seed;
            file.untimed = true;
            file.untimedFrom = timed;
            file.choices = timedPrefix;
            file.choices.insert(file.choices.end(), r.stem.begin(), r.stem.end());
            if (!r.cycle.empty()) {
                file.cycleStart = timed + static_cast<std::int64_t>(r.stem.size());
                file.choices.insert(file.choices.end(), r.cycle.begin(), r.cycle.end());
            }
            fl::saveReplay(file, nativePath(outPath));
            saved = outPath;
        }

        QString fromRunText;
        if (runCycle)
            fromRunText = u"the runner's run (seed %1, %2) goes round a fair cycle of %3 steps "
                          "from its step %4"_s.arg(seed)
                                  .arg(QString::fromLatin1(fl::verdictName(run->verdict)))
                                  .arg(r.cycle.size())
                                  .arg(timed);
        else if (run)
            fromRunText = u"from step %1 of the runner's run (seed %2, %3): every schedule from "
                          "the state it reached; a counterexample follows its timed choices"_s
                                  .arg(timed)
                                  .arg(seed)
                                  .arg(QString::fromLatin1(fl::verdictName(run->verdict)));
        if (json) {
            QJsonArray cycle;
            for (const fl::WaitEdge &edge : r.explanation.cycle)
                cycle.append(QString::fromStdString(edge.label));
            QJsonArray also;
            for (const std::string &a : r.alsoFound)
                also.append(QString::fromStdString(a));
            QJsonObject root {
                    {u"scenario"_s, scenarioName},
                    {u"fixes"_s, QString::fromStdString(setup.fixes.describe())},
                    {u"preempt"_s, QString::fromLatin1(fl::preemptName(setup.initial.preempt))},
                    {u"rcu"_s, QString::fromLatin1(fl::rcuName(setup.initial.rcu))},
                    {u"verdict"_s, QString::fromLatin1(fl::exploreVerdictName(r.verdict))},
                    {u"complete"_s, r.complete},
                    {u"states"_s, double(r.states)},
                    {u"transitions"_s, double(r.transitions)},
                    {u"depth"_s, double(r.depth)},
                    {u"seconds"_s, r.seconds},
                    {u"threads"_s, double(r.threads)},
                    {u"bytes_per_state"_s,
                            r.bytesPerStateMeaningful() ? QJsonValue(r.bytesPerState)
                                                        : QJsonValue(QJsonValue::Null)},
                    {u"resident_before_bytes"_s, double(r.residentBeforeBytes)},
                    {u"stored_bytes_per_state"_s, r.storedBytesPerState},
                    {u"peak_rss_bytes"_s, double(r.peakRssBytes)},
                    {u"symmetry"_s, QString::fromStdString(r.symmetry)},
                    {u"symmetry_note"_s, QString::fromStdString(r.symmetryNote)},
                    {u"symmetry_order"_s, double(r.symmetryOrder)},
                    {u"reduced_states"_s, double(r.reducedStates)},
                    {u"local_steps"_s, r.localSteps},
                    {u"stopped_at_bug"_s, r.stoppedAtBug},
                    {u"livelock_checks"_s, double(r.livelockChecks)},
                    {u"stem_length"_s, double(r.stem.size())},
                    {u"cycle_length"_s, double(r.cycle.size())},
                    {u"stem"_s, choicesJson(r.stem)},
                    {u"cycle"_s, choicesJson(r.cycle)},
                    {u"summary"_s, QString::fromStdString(r.summary)},
                    {u"wait_for_cycle"_s, cycle},
                    {u"also_found"_s, also},
            };
            if (run)
                root.insert(u"from_run"_s,
                        QJsonObject {{u"seed"_s, double(seed)}, {u"steps"_s, double(timed)},
                                {u"verdict"_s, QString::fromLatin1(fl::verdictName(run->verdict))},
                                {u"run_cycle"_s, runCycle}});
            out() << QJsonDocument(root).toJson(QJsonDocument::Indented);
            out().flush();
        } else {
            printText(scenarioName, setup, r, saved, fromRunText, runCycle);
        }
        return int(ExitOk);
    });
}

} // namespace Cli
