// SPDX-License-Identifier: GPL-2.0-only
// The matrix runner: cells in request order whatever the threads do, seed
// aggregation that agrees with single runs, conflicting fix sets skipped with
// a note, bad names refused. Small subsets only, so it stays fast.
#include "report/fix_sets.h"
#include "report/matrix.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_error.h"
#include "scenario/scenario_toml.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

using namespace fl;

namespace {

// Short enough that no cell takes long; long enough for l1's verdicts
// (LIVELOCK after 50 ms without progress, COMPLETED within a few ms).
MatrixRequest smallRequest()
{
    MatrixRequest r;
    r.scenarios = {"l1", "l1-single"};
    r.preempts = {"voluntary", "full"};
    r.fixSets = {"baseline", "wait-on-unlock"};
    r.run.maxTime = 200'000'000;
    return r;
}

// One scenario under one preemption model, explored to `maxStates` per cell.
MatrixRequest exploringRequest(const std::string &scenario, const std::string &preempt,
        std::vector<std::string> fixSets, std::uint64_t maxStates)
{
    MatrixRequest r;
    r.scenarios = {scenario};
    r.preempts = {preempt};
    r.fixSets = std::move(fixSets);
    r.explore = true;
    r.exploreMaxStates = maxStates;
    return r;
}

std::vector<std::string> keys(const MatrixResult &m)
{
    std::vector<std::string> out;
    for (const MatrixCell &c : m.cells)
        out.push_back(c.scenario + "/" + c.preempt + "/" + c.fixSet);
    return out;
}

// The cell reports every metric of the single run, except a latency
// percentile of a run that completed nothing to measure (it lacks it).
void expectSameMetrics(const std::map<std::string, double> &cell,
        const std::map<std::string, double> &single, const std::string &where)
{
    for (const auto &[name, value] : single) {
        const auto it = cell.find(name);
        if (it != cell.end()) {
            EXPECT_DOUBLE_EQ(it->second, value) << where << " " << name;
            continue;
        }
        EXPECT_NE(name.find("_latency_p"), std::string::npos) << where << " lacks " << name;
        EXPECT_EQ(value, 0) << where << " " << name;
    }
    for (const auto &entry : cell)
        EXPECT_TRUE(single.count(entry.first)) << where << " invents " << entry.first;
}

RunOutcome outcome(Verdict v, double spins)
{
    return {v, {{"spins_per_fault", spins}}, {}};
}

} // namespace

TEST(Matrix, CellsComeInRequestOrderWhateverTheThreadCount)
{
    MatrixRequest one = smallRequest();
    one.threads = 1;
    MatrixRequest many = smallRequest();
    many.threads = 3;
    const MatrixResult a = runMatrix(one);
    const MatrixResult b = runMatrix(many);

    const std::vector<std::string> expected = {
            "l1/voluntary/baseline",
            "l1/voluntary/wait-on-unlock",
            "l1/full/baseline",
            "l1/full/wait-on-unlock",
            "l1-single/voluntary/baseline",
            "l1-single/voluntary/wait-on-unlock",
            "l1-single/full/baseline",
            "l1-single/full/wait-on-unlock",
    };
    EXPECT_EQ(keys(a), expected);
    EXPECT_EQ(keys(b), expected);
    EXPECT_EQ(a.runs, expected.size());
    ASSERT_EQ(a.cells.size(), b.cells.size());
    for (std::size_t i = 0; i < a.cells.size(); ++i) {
        EXPECT_EQ(a.cells[i].verdictText, b.cells[i].verdictText) << expected[i];
        EXPECT_EQ(a.cells[i].metrics, b.cells[i].metrics) << expected[i];
    }
}

TEST(Matrix, EachCellIsTheRunOfItsOwnSetup)
{
    const MatrixResult m = runMatrix(smallRequest());
    for (const MatrixCell &cell : m.cells) {
        const fl::Setup setup = buildSetup(
                loadScenario(cell.scenario), {parseFixSetNames(cell.fixSet).names, cell.preempt});
        RunOptions options = smallRequest().run;
        const RunResult single = runToVerdict(setup, options);
        EXPECT_EQ(cell.verdictText, verdictName(single.verdict)) << cell.scenario;
        expectSameMetrics(cell.metrics, single.metrics, cell.scenario + "/" + cell.preempt);
        EXPECT_EQ(cell.runs, 1u);
    }
    // The §5.3 rows this subset covers, as a sanity check of the wiring.
    EXPECT_EQ(m.cells[0].verdictText, "LIVELOCK"); // l1, voluntary, baseline
    EXPECT_EQ(m.cells[1].verdictText, "COMPLETED"); // l1, voluntary, wait-on-unlock
    // The livelocked fault never completed: no latency to report, not 0 µs.
    EXPECT_EQ(m.cells[0].metrics.at("faults_completed"), 0);
    EXPECT_FALSE(m.cells[0].metrics.count("fault_latency_p50_us"));
    EXPECT_TRUE(m.cells[1].metrics.count("fault_latency_p50_us"));
}

TEST(Matrix, SeedsAreAggregatedAsTheMeanOfTheSingleRuns)
{
    MatrixRequest r = smallRequest();
    r.scenarios = {"l1"};
    r.preempts = {"full"};
    r.fixSets = {"baseline"};
    r.seeds = 3;
    const MatrixResult m = runMatrix(r);
    ASSERT_EQ(m.cells.size(), 1u);
    EXPECT_EQ(m.runs, 3u);
    const MatrixCell &cell = m.cells.front();
    EXPECT_EQ(cell.runs, 3u);

    const fl::Setup setup = buildSetup(loadScenario("l1"), {{"baseline"}, "full"});
    std::map<std::string, double> sum;
    std::map<Verdict, int> verdicts;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        RunOptions options = r.run;
        options.seed = seed;
        const RunResult single = runToVerdict(setup, options);
        ++verdicts[single.verdict];
        for (const auto &[name, value] : single.metrics)
            sum[name] += value;
    }
    std::map<std::string, double> mean;
    for (const auto &[name, total] : sum)
        mean[name] = total / 3;
    expectSameMetrics(cell.metrics, mean, "l1/full/baseline x3");
    std::uint64_t counted = 0;
    for (const VerdictCount &v : cell.verdicts) {
        EXPECT_EQ(static_cast<int>(v.count), verdicts[v.verdict]);
        counted += v.count;
    }
    EXPECT_EQ(counted, 3u);
}

TEST(Matrix, MixedVerdictsAreCountedMostFrequentFirst)
{
    MatrixCell cell;
    aggregateRuns({outcome(Verdict::Completed, 1), outcome(Verdict::Livelock, 10),
                          outcome(Verdict::Livelock, 20), outcome(Verdict::Completed, 3),
                          outcome(Verdict::Livelock, 30)},
            cell);
    EXPECT_EQ(cell.verdictText, "LIVELOCK 3/5, COMPLETED 2/5");
    EXPECT_DOUBLE_EQ(cell.metrics.at("spins_per_fault"), (1 + 10 + 20 + 3 + 30) / 5.0);

    // A tie goes by verdict order, not by which seed came first.
    MatrixCell tie;
    aggregateRuns({outcome(Verdict::Completed, 0), outcome(Verdict::Livelock, 0)}, tie);
    EXPECT_EQ(tie.verdictText, "LIVELOCK 1/2, COMPLETED 1/2");

    MatrixCell same;
    aggregateRuns({outcome(Verdict::Deadlock, 0), outcome(Verdict::Deadlock, 0)}, same);
    EXPECT_EQ(same.verdictText, "DEADLOCK");
}

TEST(Matrix, AMetricOnlySomeRunsHaveIsAveragedOverThoseRuns)
{
    MatrixCell cell;
    RunOutcome withThroughput = outcome(Verdict::Completed, 2);
    withThroughput.metrics["throughput_per_s"] = 900;
    aggregateRuns({withThroughput, outcome(Verdict::Completed, 4)}, cell);
    EXPECT_DOUBLE_EQ(cell.metrics.at("throughput_per_s"), 900);
    EXPECT_DOUBLE_EQ(cell.metrics.at("spins_per_fault"), 3);
}

TEST(Matrix, ConflictingFixSetsAreSkippedWithANote)
{
    MatrixRequest r = smallRequest();
    r.scenarios = {"l1"};
    r.preempts = {"full"};
    r.fixSets = {"pre-trylock+wait-on-unlock", "wait-on-unlock"};
    const MatrixResult m = runMatrix(r);
    ASSERT_EQ(m.cells.size(), 1u);
    EXPECT_EQ(m.cells.front().fixSet, "wait-on-unlock");
    ASSERT_EQ(m.notes.size(), 1u);
    EXPECT_NE(m.notes.front().find("pre-trylock+wait-on-unlock"), std::string::npos);
    EXPECT_NE(m.notes.front().find("cannot be combined"), std::string::npos);
}

TEST(Matrix, ARepeatedValueGivesOneRow)
{
    MatrixRequest r = smallRequest();
    r.scenarios = {"l1-single", "l1-single"};
    r.preempts = {"full", "full"};
    // The same set twice, once spelled in another order of its parts.
    r.fixSets = {"baseline", "wait-on-unlock", "baseline", "wait-on-unlock+baseline"};
    const MatrixResult m = runMatrix(r);
    EXPECT_EQ(keys(m),
            (std::vector<std::string> {
                    "l1-single/full/baseline", "l1-single/full/wait-on-unlock"}));
    EXPECT_EQ(m.runs, 2u);
}

TEST(Matrix, BadNamesAreRefusedBeforeAnythingRuns)
{
    MatrixRequest r = smallRequest();
    r.fixSets = {"baseline", "no-such-fix"};
    try {
        runMatrix(r);
        FAIL() << "an unknown fix was accepted";
    } catch (const std::invalid_argument &e) {
        EXPECT_NE(std::string(e.what()).find("no-such-fix"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("wait-on-unlock"), std::string::npos); // valid ones
    }

    r = smallRequest();
    r.preempts = {"lazy"};
    EXPECT_THROW(runMatrix(r), std::invalid_argument);

    r = smallRequest();
    r.scenarios = {"no-such-scenario"};
    EXPECT_THROW(runMatrix(r), ScenarioError);

    r = smallRequest();
    r.seeds = 0;
    EXPECT_THROW(runMatrix(r), std::invalid_argument);
}

TEST(Matrix, DefaultsCoverEveryBuiltinScenarioModelAndFix)
{
    // Only the plan is checked here (no run): the defaults name every
    // built-in, the three models of the issue and baseline plus each fix.
    EXPECT_EQ(defaultMatrixPreempts(), (std::vector<std::string> {"voluntary", "full", "rt"}));
    const std::vector<std::string> sets = defaultFixSets();
    ASSERT_FALSE(sets.empty());
    EXPECT_EQ(sets.front(), "baseline");
    for (const FixInfo &info : fixCatalogue())
        EXPECT_NE(std::find(sets.begin(), sets.end(), std::string(info.name)), sets.end())
                << info.name;
    for (std::string_view combination : fixCombinations()) {
        EXPECT_NE(std::find(sets.begin(), sets.end(), std::string(combination)), sets.end())
                << combination;
        // Every default set can be run: none is a conflict the matrix would skip.
        EXPECT_EQ(parseFixSetNames(combination).error, "") << combination;
    }
}

TEST(FixSets, ParseNamesJoinedByPlus)
{
    const ParsedFixSet single = parseFixSetNames("wait-on-unlock");
    EXPECT_EQ(single.error, "");
    EXPECT_EQ(single.label, "wait-on-unlock");
    EXPECT_TRUE(single.set.has(Fix::WaitOnUnlock));

    const ParsedFixSet base = parseFixSetNames("baseline");
    EXPECT_EQ(base.error, "");
    EXPECT_TRUE(base.set.isBaseline());
    EXPECT_EQ(base.label, "baseline");

    const ParsedFixSet conflict = parseFixSetNames("pre-trylock+wait-on-unlock");
    EXPECT_NE(conflict.error, "");
    EXPECT_FALSE(conflict.unknownName);

    const ParsedFixSet unknown = parseFixSetNames("wait-on-unlock+bogus");
    EXPECT_TRUE(unknown.unknownName);
    EXPECT_NE(unknown.error.find("bogus"), std::string::npos);

    EXPECT_TRUE(parseFixSetNames("wait-on-unlock+").unknownName);
    EXPECT_TRUE(parseFixSetNames("").unknownName);
}

TEST(FixSets, KernelVersionsNameTheirFixSets)
{
    EXPECT_EQ(kernelFixSet("6.14"), "pre-trylock");
    EXPECT_EQ(kernelFixSet("6.15"), "baseline");
    EXPECT_EQ(kernelFixSet("7.0"), "wait-on-unlock");
    EXPECT_EQ(kernelFixSet("6.16"), std::nullopt);
    EXPECT_EQ(kernelVersionList(), "6.14, 6.15, 7.0");
    for (const KernelPreset &p : kernelPresets())
        EXPECT_EQ(parseFixSetNames(p.fixes).error, "") << p.version;
}

// Issue 12: --explore puts the explorer's verdict beside the runs' in every
// cell; the bound of each search is honoured and named.
TEST(Matrix, ExploreAddsTheExplorersVerdictToEveryCell)
{
    MatrixRequest r = exploringRequest("l1", "voluntary", {"baseline", "wait-on-unlock"}, 600'000);
    r.run.maxTime = 200'000'000;
    const MatrixResult m = runMatrix(r);
    ASSERT_EQ(m.cells.size(), 2u);
    for (const MatrixCell &c : m.cells)
        ASSERT_TRUE(c.explored.has_value()) << c.fixSet;
    const ExploreCell &baseline = *m.cells[0].explored;
    EXPECT_EQ(baseline.verdict, "LIVELOCK");
    EXPECT_GT(baseline.cycle, 0u);
    EXPECT_GT(baseline.stem, 0u);
    const ExploreCell &fixed = *m.cells[1].explored;
    EXPECT_EQ(fixed.verdict, "OK");
    EXPECT_TRUE(fixed.complete);
    EXPECT_LE(fixed.states, 600'000u);

    r.fixSets = {"wait-on-unlock"};
    r.exploreMaxStates = 1000;
    const MatrixResult bounded = runMatrix(r);
    const ExploreCell &partial = *bounded.cells.at(0).explored;
    EXPECT_EQ(partial.verdict, "PARTIAL");
    EXPECT_FALSE(partial.complete);
    EXPECT_NE(partial.note.find("state bound (1000 states)"), std::string::npos) << partial.note;
}

// A cell whose search from the start stops PARTIAL while its run
// livelocked takes the run's own fair cycle (l1's run goes round the
// canonical 8 steps), looked for before the search, which then needs only
// half the bound; a completed run's cell stays PARTIAL, and so does every
// cell when that look is off.
TEST(Matrix, APartialCellWhoseRunLivelockedTakesTheRunsOwnCycle)
{
    MatrixRequest r = exploringRequest("l1", "voluntary", {"baseline", "wait-on-unlock"}, 1000);
    const MatrixResult m = runMatrix(r);
    ASSERT_EQ(m.cells.size(), 2u);
    ASSERT_EQ(m.cells[0].verdicts.front().verdict, Verdict::Livelock);
    const ExploreCell &stuck = *m.cells[0].explored;
    EXPECT_EQ(stuck.verdict, "LIVELOCK");
    EXPECT_GT(stuck.fromRunSteps, 0u);
    EXPECT_EQ(stuck.stem, 0u);
    EXPECT_EQ(stuck.cycle, 8u);
    EXPECT_EQ(stuck.note.rfind("the runner's run (seed 1, LIVELOCK) goes round a fair cycle of 8 "
                               "steps from its step "
                              + std::to_string(stuck.fromRunSteps),
                      0),
            0u)
            << stuck.note;
    // With the run's bug in hand, the search from the start had half the
    // bound; the completed run's cell had all of it.
    // (A search stops within the block that crosses its bound.)
    EXPECT_GE(stuck.states, 500u);
    EXPECT_LT(stuck.states, 600u);
    EXPECT_NE(stuck.note.find("the search from the start had stopped at "
                      + std::to_string(stuck.states) + " states"),
            std::string::npos)
            << stuck.note;
    const ExploreCell &completed = *m.cells[1].explored;
    EXPECT_EQ(completed.verdict, "PARTIAL");
    EXPECT_EQ(completed.fromRunSteps, 0u);
    EXPECT_GE(completed.states, 1000u);

    r.exploreFromRun = false;
    const MatrixResult off = runMatrix(r);
    const ExploreCell &plain = *off.cells.at(0).explored;
    EXPECT_EQ(plain.verdict, "PARTIAL");
    EXPECT_EQ(plain.fromRunSteps, 0u);
}

TEST(Matrix, APartialCellTriesMoreSeedsForAStuckRun)
{
    // s2-mixed x pre-trylock x rt: the run of seed 1 completes, the run of
    // seed 2 livelocks and goes round a fair cycle of its own; a search of
    // the space from the start stops at its bound with nothing found.
    MatrixRequest r = exploringRequest("s2-mixed", "rt", {"pre-trylock"}, 2000);
    const MatrixResult m = runMatrix(r);
    ASSERT_EQ(m.cells.size(), 1u);
    ASSERT_EQ(m.cells[0].verdicts.front().verdict, Verdict::Completed);
    const ExploreCell &found = *m.cells[0].explored;
    EXPECT_EQ(found.verdict, "LIVELOCK") << found.note;
    EXPECT_EQ(found.fromRunSeed, 2u);
    EXPECT_GT(found.cycle, 0u);
    EXPECT_NE(found.note.find("the runner's run (seed 2, LIVELOCK) goes round a fair cycle"),
            std::string::npos)
            << found.note;
    EXPECT_NE(found.note.find("the runs of seeds 1 to 1 did not get stuck"), std::string::npos)
            << found.note;
    EXPECT_NE(found.note.find("differs"), std::string::npos) << found.note; // seed 1 completed

    // Seed 1 alone: nothing stuck to start from, the cell stays PARTIAL.
    r.exploreFromRunSeeds = 1;
    const MatrixResult seedOne = runMatrix(r);
    const ExploreCell &plain = *seedOne.cells.at(0).explored;
    EXPECT_EQ(plain.verdict, "PARTIAL");
    EXPECT_EQ(plain.fromRunSeed, 0u);
}

TEST(Matrix, WithoutExploreNoCellIsExplored)
{
    MatrixRequest r = smallRequest();
    r.scenarios = {"l1-single"};
    r.preempts = {"voluntary"};
    r.fixSets = {"wait-on-unlock"};
    for (const MatrixCell &c : runMatrix(r).cells)
        EXPECT_FALSE(c.explored.has_value());
}
