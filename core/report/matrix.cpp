// SPDX-License-Identifier: GPL-2.0-only
#include "report/matrix.h"

#include "explore/explorer.h"
#include "explore/from_run.h"
#include "model/machine.h"
#include "report/fix_sets.h"
#include "report/parallel.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>
#include <thread>

namespace fl {

namespace {

// A bug found from the state a runner's run (seed `seed`) reached, in
// first-bug mode: a bug found there is a bug of the cell (the run is a real
// schedule to it). Empty when nothing was found.
struct RunFinding
{
    ExploreResult explored;
    std::string which; // "the runner's run (seed 2, LIVELOCK)"
    std::uint64_t seed = 0;
    std::size_t timedSteps = 0;
    bool runCycle = false;
};

std::optional<RunFinding> bugFromRun(const Setup &setup, ExploreOptions options, std::uint64_t seed)
{
    options.stopAtFirstBug = true;
    FromRunResult found = exploreFromRun(setup, seed, options);
    const ExploreVerdict v = found.explored.verdict;
    if (v != ExploreVerdict::Livelock && v != ExploreVerdict::Deadlock
            && v != ExploreVerdict::Safety)
        return std::nullopt;
    return RunFinding {std::move(found.explored),
            std::string("the runner's run (seed ") + std::to_string(seed) + ", "
                    + verdictName(found.run.verdict) + ")",
            seed, found.timedSteps, found.runCycle};
}

// The cell takes the run's bug; `searched` says what the search from the
// start had done.
void takeRunFinding(const RunFinding &f, const std::string &searched, ExploreCell &cell)
{
    const ExploreResult &r = f.explored;
    if (f.runCycle)
        cell.note = f.which + " goes round a fair cycle of " + std::to_string(r.cycle.size())
                + " steps from its step " + std::to_string(f.timedSteps) + ", checked by replay"
                + searched;
    else
        cell.note = "found from step " + std::to_string(f.timedSteps) + " of " + f.which + ", in "
                + std::to_string(r.states) + " states" + searched;
    cell.verdict = exploreVerdictName(r.verdict);
    cell.seconds += r.seconds;
    cell.states += r.states;
    cell.stem = r.stem.size();
    cell.cycle = r.cycle.size();
    cell.fromRunSteps = f.timedSteps;
    cell.fromRunSeed = f.seed;
}

bool stuck(Verdict v)
{
    return v == Verdict::Livelock || v == Verdict::Deadlock;
}

constexpr std::array AllPreempts {Preempt::None, Preempt::Voluntary, Preempt::Full, Preempt::Rt};

void checkPreempt(const std::string &name)
{
    for (Preempt p : AllPreempts)
        if (name == preemptName(p))
            return;
    throw std::invalid_argument(
            "unknown preemption model '" + name + "'; expected one of: none, voluntary, full, rt");
}

// A percentile of no samples is reported as 0 by Metrics::summary(); in a
// table of runs it would read as "instant". Such a run lacks the metric
// instead, so a seed without completions does not pull a mean towards 0.
struct PercentileOf
{
    const char *metric;
    const char *count;
};
constexpr PercentileOf Percentiles[] = {
        {"fault_latency_p50_us", "faults_completed"},
        {"fault_latency_p99_us", "faults_completed"},
        {"drain_latency_p50_us", "drain_calls_completed"},
        {"drain_latency_p99_us", "drain_calls_completed"},
        {"rcu_exp_gp_latency_p50_us", "rcu_exp_gp_count"},
        {"rcu_exp_gp_latency_p99_us", "rcu_exp_gp_count"},
};

} // namespace

void dropEmptyPercentiles(std::map<std::string, double> &metrics)
{
    for (const PercentileOf &p : Percentiles) {
        const auto count = metrics.find(p.count);
        if (count != metrics.end() && count->second == 0)
            metrics.erase(p.metric);
    }
}

namespace {

// The values in their first order, each once.
std::vector<std::string> withoutRepeats(const std::vector<std::string> &values)
{
    std::vector<std::string> out;
    for (const std::string &v : values)
        if (std::find(out.begin(), out.end(), v) == out.end())
            out.push_back(v);
    return out;
}

void checkRcu(const std::string &name)
{
    if (name != "preemptible" && name != "non-preemptible")
        throw std::invalid_argument("unknown RCU flavour '" + name
                + "'; expected one of: preemptible, non-preemptible");
}

struct CellPlan
{
    std::size_t scenario; // index into the loaded specs
    std::string preempt;
    std::string rcu; // "" = the model's default
    ParsedFixSet fixSet;
};

} // namespace

const std::vector<std::string> &defaultMatrixPreempts()
{
    static const std::vector<std::string> models {"voluntary", "full", "rt"};
    return models;
}

void aggregateRuns(const std::vector<RunOutcome> &runs, MatrixCell &cell)
{
    cell.runs = runs.size();
    cell.verdicts.clear();
    for (const RunOutcome &run : runs) {
        auto it = std::find_if(cell.verdicts.begin(), cell.verdicts.end(),
                [&](const VerdictCount &v) { return v.verdict == run.verdict; });
        if (it == cell.verdicts.end())
            cell.verdicts.push_back({run.verdict, 1});
        else
            ++it->count;
    }
    // Most frequent first; ties in a fixed order so the text never depends
    // on which seed happened to come first.
    std::sort(cell.verdicts.begin(), cell.verdicts.end(),
            [](const VerdictCount &a, const VerdictCount &b) {
                return a.count != b.count ? a.count > b.count : a.verdict < b.verdict;
            });
    cell.verdictText.clear();
    if (cell.verdicts.size() == 1) {
        cell.verdictText = verdictName(cell.verdicts.front().verdict);
    } else {
        for (const VerdictCount &v : cell.verdicts) {
            if (!cell.verdictText.empty())
                cell.verdictText += ", ";
            cell.verdictText += std::string(verdictName(v.verdict)) + ' ' + std::to_string(v.count)
                    + '/' + std::to_string(runs.size());
        }
    }

    std::map<std::string, std::pair<double, std::uint64_t>> sums;
    for (const RunOutcome &run : runs)
        for (const auto &[name, value] : run.metrics) {
            auto &[sum, n] = sums[name];
            sum += value;
            ++n;
        }
    cell.metrics.clear();
    for (const auto &[name, sumCount] : sums)
        cell.metrics[name] = sumCount.first / static_cast<double>(sumCount.second);
}

MatrixResult runMatrix(const MatrixRequest &request)
{
    if (request.seeds == 0)
        throw std::invalid_argument("the number of seeds must be at least 1");

    const std::vector<std::string> preempts
            = withoutRepeats(request.preempts.empty() ? defaultMatrixPreempts() : request.preempts);
    for (const std::string &p : preempts)
        checkPreempt(p);
    std::vector<std::string> rcus = withoutRepeats(request.rcus);
    for (const std::string &r : rcus)
        checkRcu(r);
    if (rcus.empty())
        rcus.push_back({});

    MatrixResult result;
    std::vector<ParsedFixSet> fixSets;
    for (const std::string &text : request.fixSets.empty() ? defaultFixSets() : request.fixSets) {
        ParsedFixSet parsed = parseFixSetNames(text);
        if (parsed.unknownName)
            throw std::invalid_argument(parsed.error);
        if (!parsed.error.empty()) {
            result.notes.push_back("skipped fix set '" + text + "': " + parsed.error);
            continue;
        }
        // "--kernel 6.15 --fix baseline" is one fix set, so one row.
        const bool repeated = std::any_of(fixSets.begin(), fixSets.end(),
                [&](const ParsedFixSet &f) { return f.set == parsed.set; });
        if (!repeated)
            fixSets.push_back(std::move(parsed));
    }

    std::vector<std::string> scenarioNames = withoutRepeats(request.scenarios);
    if (scenarioNames.empty())
        for (const BuiltinScenario &s : builtinScenarios())
            scenarioNames.push_back(s.name);
    std::vector<ScenarioSpec> specs;
    for (const std::string &name : scenarioNames)
        specs.push_back(loadScenario(name)); // throws ScenarioError, naming file:line:col

    std::vector<CellPlan> plans;
    for (const std::string &p : preempts)
        for (const std::string &r : rcus)
            if (p == "rt" && r == "non-preemptible")
                result.notes.push_back("skipped preempt rt with non-preemptible RCU: PREEMPT_RT "
                                       "always has preemptible RCU");
    for (std::size_t s = 0; s < specs.size(); ++s)
        for (const std::string &p : preempts)
            for (const std::string &r : rcus)
                for (const ParsedFixSet &f : fixSets)
                    if (!(p == "rt" && r == "non-preemptible"))
                        plans.push_back({s, p, r, f});

    const std::uint64_t seeds = request.seeds;
    std::vector<RunOutcome> outcomes(plans.size() * seeds);
    forEachParallel(outcomes.size(), request.threads, [&](std::size_t job) {
        const CellPlan &plan = plans[job / seeds];
        const Setup setup = buildSetup(
                specs[plan.scenario], {plan.fixSet.names, plan.preempt, false, plan.rcu});
        RunOptions options = request.run;
        options.seed = job % seeds + 1;
        options.replay.clear();
        RunResult run = runToVerdict(setup, options);
        dropEmptyPercentiles(run.metrics);
        outcomes[job] = {run.verdict, std::move(run.metrics), std::move(run.invariantViolation)};
    });

    std::vector<ExploreCell> explored(request.explore ? plans.size() : 0);
    if (request.explore) {
        const unsigned workers = request.threads != 0
                ? request.threads
                : std::max(1u, std::thread::hardware_concurrency());
        forEachParallel(plans.size(), request.threads, [&](std::size_t c) {
            const CellPlan &plan = plans[c];
            const Setup setup = buildSetup(
                    specs[plan.scenario], {plan.fixSet.names, plan.preempt, false, plan.rcu});
            ExploreOptions options;
            options.threads = 1; // the cells are the parallelism
            options.maxStates = request.exploreMaxStates;
            options.stopAtFirstBug = request.exploreFirstBug;
            options.maxResidentBytes = defaultMemoryBound() / workers;
            // Where one of the matrix's own runs got stuck, its bug is looked
            // for first: the run's own cycle costs milliseconds, where the
            // search from the start costs seconds and, in the 8-CPU storms,
            // ends PARTIAL. The search is still made, for the shortest
            // lasso and a verdict over the whole space where the space is
            // small, but with half the bound: with a bug in hand, the rest
            // of the bound is what the cells it could still decide do not
            // need (the stuck cells of the l1 family end within 0.28
            // million states).
            std::uint64_t stuckSeed = 0;
            for (std::uint64_t s = 1; s <= seeds && stuckSeed == 0; ++s)
                if (stuck(outcomes[c * seeds + s - 1].verdict))
                    stuckSeed = s;
            std::optional<RunFinding> fromRun;
            if (request.exploreFromRun && stuckSeed != 0) {
                fromRun = bugFromRun(setup, options, stuckSeed);
                if (fromRun)
                    options.maxStates = std::max<std::uint64_t>(1, options.maxStates / 2);
            }
            const ExploreResult r = explore(setup, options);
            ExploreCell &cell = explored[c];
            cell.verdict = exploreVerdictName(r.verdict);
            cell.complete = r.complete;
            cell.states = r.states;
            cell.seconds = r.seconds;
            cell.stem = r.stem.size();
            cell.cycle = r.cycle.size();
            if (r.verdict == ExploreVerdict::Partial || r.verdict == ExploreVerdict::Refused)
                cell.note = r.summary;
            else if (r.stoppedAtBug)
                cell.note = "stopped at its first bug, after " + std::to_string(r.states)
                        + " states; the rest of the space was not searched";
            if (!request.exploreFromRun || r.verdict != ExploreVerdict::Partial) {
                if (fromRun) // looked at first, and not needed: its time still counts
                    cell.seconds += fromRun->explored.seconds;
                return;
            }
            if (!fromRun && stuckSeed == 0) {
                // More seeds, run for this alone.
                stuckSeed = firstStuckSeed(
                        setup, seeds + 1, request.exploreFromRunSeeds, request.run);
                if (stuckSeed != 0)
                    fromRun = bugFromRun(setup, options, stuckSeed);
            }
            if (!fromRun)
                return;
            std::string searched = "; the search from the start had stopped at "
                    + std::to_string(r.states) + " states with nothing found";
            if (stuckSeed != 1)
                searched += "; the runs of seeds 1 to " + std::to_string(stuckSeed - 1)
                        + " did not get stuck";
            takeRunFinding(*fromRun, searched, cell);
        });
    }

    // A refusal is the same for every cell of a scenario: say why once.
    std::vector<bool> refusalNoted(specs.size(), false);
    for (std::size_t c = 0; c < explored.size(); ++c)
        if (explored[c].verdict == exploreVerdictName(ExploreVerdict::Refused)
                && !refusalNoted[plans[c].scenario]) {
            refusalNoted[plans[c].scenario] = true;
            const ScenarioSpec &spec = specs[plans[c].scenario];
            result.notes.push_back("the explorer refused "
                    + (spec.name.empty() ? scenarioNames[plans[c].scenario] : spec.name) + ": "
                    + explored[c].note);
        }

    result.runs = outcomes.size();
    result.cells.reserve(plans.size());
    for (std::size_t c = 0; c < plans.size(); ++c) {
        MatrixCell cell;
        const ScenarioSpec &spec = specs[plans[c].scenario];
        cell.scenario = spec.name.empty() ? scenarioNames[plans[c].scenario] : spec.name;
        cell.preempt = plans[c].preempt;
        cell.rcu = rcuName(
                buildSetup(spec, {{}, plans[c].preempt, false, plans[c].rcu}).initial.rcu);
        cell.fixSet = plans[c].fixSet.label;
        const auto first = outcomes.begin() + static_cast<std::ptrdiff_t>(c * seeds);
        const std::vector<RunOutcome> runs(first, first + static_cast<std::ptrdiff_t>(seeds));
        aggregateRuns(runs, cell);
        for (std::size_t i = 0; i < runs.size(); ++i)
            if (!runs[i].invariantViolation.empty())
                cell.invariantViolations.push_back(
                        "seed " + std::to_string(i + 1) + ": " + runs[i].invariantViolation);
        if (request.explore) {
            cell.explored = explored[c];
            ExploreCell &e = *cell.explored;
            const bool runLivelocked = std::any_of(cell.verdicts.begin(), cell.verdicts.end(),
                    [](const VerdictCount &v) { return v.verdict == Verdict::Livelock; });
            std::string differs;
            if (e.verdict == "OK" && runLivelocked)
                differs = "differs: no untimed schedule livelocks, the timed runs hang "
                          "(docs/explorer-vs-runner.md)";
            else if (e.verdict == "LIVELOCK" && !runLivelocked)
                differs = "differs: a schedule livelocks that the timed runs did not take "
                          "(docs/explorer-vs-runner.md)";
            if (!differs.empty())
                e.note = e.note.empty() ? differs : differs + "; " + e.note;
        }
        result.cells.push_back(std::move(cell));
    }
    return result;
}

} // namespace fl
