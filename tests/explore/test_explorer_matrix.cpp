// SPDX-License-Identifier: GPL-2.0-only
// The runner against the explorer over the whole built-in matrix (every
// built-in scenario x voluntary, full, rt x every default fix set; issue 17).
// The runner follows one timed schedule (seed 1); the explorer every schedule
// of the untimed model, up to a bound of states per cell. Where the two
// verdicts differ, the difference must be listed in kDifferences below with
// its reason, and every listed difference must still occur: a model change
// that moves a verdict fails here until the list (and the table in
// docs/explorer-vs-runner.md) says why. An explorer LIVELOCK on the list
// comes with a lasso that replays, and its reason says why real timing
// allows that schedule.
//
// Heavy (about a minute on a quiet two-core machine): its own executable and
// ctest label `explorer-matrix`; CI runs it with everything else. Set
// FOLIOLAB_MATRIX_PRINT=1 to print every cell.
#include "explore/explorer.h"
#include "explore/lasso.h"
#include "report/matrix.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

using namespace fl;

namespace {

// States per cell. The l1 family under VOLUNTARY decides within 0.6 million
// states (0.3 to 0.56 million); under FULL and RT, and with
// lru-cache-disable or pre-trylock, its spaces are several million states,
// as are those of the 8-CPU storms, the mixed storm and the workload: those
// get a small bound, and their cells are "undecided within the bound" unless
// a lasso or a bug turns up early.
std::uint64_t boundFor(const std::string &scenario, const std::string &preempt,
        const std::string &fixSet)
{
    if (const char *env = std::getenv("FOLIOLAB_MATRIX_STATES"))
        return std::strtoull(env, nullptr, 10);
    const bool big = fixSet.find("lru-cache-disable") != std::string::npos
            || fixSet.find("pre-trylock") != std::string::npos;
    if (scenario.rfind("l1", 0) == 0 && preempt == "voluntary" && !big)
        return 600'000;
    return 20'000;
}

// Why a verdict differs; one text per kind of difference, so that the table
// in docs/explorer-vs-runner.md has one row per reason.
constexpr const char *Undecided =
        "undecided within the bound: the explorer stopped at its state bound (PARTIAL) "
        "before deciding; the runner's verdict stands for its one schedule";

struct Difference
{
    const char *scenario;
    const char *preempt;
    const char *fixSet; // FixSet::describe()
    const char *runner; // verdictName()
    const char *explorer; // exploreVerdictName()
    const char *reason;
};

// Every cell where the runner (seed 1) and the explorer (bounded) differ.
// Keep it sorted like the matrix: scenario, model, fix set.
const std::vector<Difference> kDifferences = {
};

std::string keyOf(const std::string &scenario, const std::string &preempt, const std::string &fixes)
{
    return scenario + " " + preempt + " " + fixes;
}

bool agree(Verdict runner, ExploreVerdict explorer)
{
    return (runner == Verdict::Completed && explorer == ExploreVerdict::Ok)
            || (runner == Verdict::Livelock && explorer == ExploreVerdict::Livelock)
            || (runner == Verdict::Deadlock && explorer == ExploreVerdict::Deadlock);
}

std::vector<std::string> splitFixes(const std::string &fixes)
{
    std::vector<std::string> out;
    for (std::size_t pos = 0; pos <= fixes.size();) {
        const std::size_t plus = std::min(fixes.find('+', pos), fixes.size());
        out.push_back(fixes.substr(pos, plus - pos));
        pos = plus + 1;
    }
    return out;
}

} // namespace

TEST(ExplorerMatrix, EveryDifferenceFromTheRunnerIsListedWithItsReason)
{
    const MatrixResult matrix = runMatrix(MatrixRequest {});
    ASSERT_FALSE(matrix.cells.empty());
    std::map<std::string, const Difference *> listed;
    for (const Difference &d : kDifferences)
        EXPECT_TRUE(listed.emplace(keyOf(d.scenario, d.preempt, d.fixSet), &d).second)
                << "listed twice: " << keyOf(d.scenario, d.preempt, d.fixSet);
    const bool print = std::getenv("FOLIOLAB_MATRIX_PRINT") != nullptr;
    std::map<std::string, ScenarioSpec> specs;
    std::size_t seen = 0;
    for (const MatrixCell &cell : matrix.cells) {
        ASSERT_FALSE(cell.verdicts.empty());
        const Verdict runner = cell.verdicts.front().verdict;
        if (!specs.count(cell.scenario))
            specs.emplace(cell.scenario, loadScenario(cell.scenario));
        const fl::Setup setup = buildSetup(
                specs.at(cell.scenario), BuildOptions {splitFixes(cell.fixSet), cell.preempt});
        ExploreOptions options;
        options.maxStates = boundFor(cell.scenario, cell.preempt, cell.fixSet);
        const ExploreResult r = explore(setup, options);
        const std::string key = keyOf(cell.scenario, cell.preempt, cell.fixSet);
        if (print)
            std::cout << "CELL " << key << " runner=" << verdictName(runner)
                      << " explorer=" << exploreVerdictName(r.verdict) << " states=" << r.states
                      << " complete=" << r.complete << " s=" << r.seconds << std::endl;
        if (r.verdict == ExploreVerdict::Livelock) {
            std::vector<Choice> all = r.stem;
            all.insert(all.end(), r.cycle.begin(), r.cycle.end());
            EXPECT_EQ(replayUntimed(setup, all, static_cast<std::int64_t>(r.stem.size())).outcome,
                    LassoOutcome::Livelock)
                    << key << ": the lasso does not replay";
        }
        const auto entry = listed.find(key);
        if (agree(runner, r.verdict)) {
            EXPECT_EQ(entry, listed.end())
                    << key << ": listed as a difference, but both say " << verdictName(runner);
            continue;
        }
        ++seen;
        if (entry == listed.end()) {
            ADD_FAILURE() << "unlisted difference; add it to kDifferences with its reason:\n"
                          << "    {\"" << cell.scenario << "\", \"" << cell.preempt << "\", \""
                          << cell.fixSet << "\", \"" << verdictName(runner) << "\", \""
                          << exploreVerdictName(r.verdict) << "\", ...},  // " << r.summary;
            continue;
        }
        EXPECT_STREQ(entry->second->runner, verdictName(runner)) << key;
        EXPECT_STREQ(entry->second->explorer, exploreVerdictName(r.verdict)) << key;
        if (r.verdict == ExploreVerdict::Partial) {
            EXPECT_STREQ(entry->second->reason, Undecided) << key;
        }
    }
    EXPECT_EQ(seen, kDifferences.size()) << "a listed difference names a cell the matrix lacks";
}
