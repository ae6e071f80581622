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

// States per cell. With local steps merged (issue 12) every cell of the l1
// family under VOLUNTARY but pre-trylock's is 0.10 to 0.46 million states,
// l1-single x drain-backoff excepted (0.91 million), and l1-rt under FULL
// and RT 0.22 to 0.58 million: those get 600 000. Every other cell is
// several million states or more (l1 under FULL: 2.3 million; pre-trylock:
// 24 million; the storms, the mixed storm and the workload: beyond): it gets
// a small bound and is "undecided within the bound" unless a lasso or a bug
// turns up early. FOLIOLAB_MATRIX_STATES=N explores every cell to N states.
std::uint64_t boundFor(
        const std::string &scenario, const std::string &preempt, const std::string &fixSet)
{
    if (const char *env = std::getenv("FOLIOLAB_MATRIX_STATES"))
        return std::strtoull(env, nullptr, 10);
    constexpr std::uint64_t Decides = 600'000, Small = 10'000;
    const bool l1Family = scenario.rfind("l1", 0) == 0;
    if (!l1Family || fixSet.find("pre-trylock") != std::string::npos)
        return Small;
    if (preempt == "voluntary" || scenario == "l1-rt")
        return Decides;
    return Small;
}

// Why a verdict differs; one text per kind of difference, so that the table
// in docs/explorer-vs-runner.md has one row per reason.
constexpr const char *Undecided = "undecided within the bound";
constexpr const char *LateRef = "a schedule the runner's timing does not take";
constexpr const char *Throughput = "a throughput workload, not searched";

// A difference, or a family of them: "*" matches any scenario, model, fix
// set or runner verdict. The most specific entry that matches a cell is
// the one that applies to it.
struct Difference
{
    const char *scenario;
    const char *preempt;
    const char *fixSet; // FixSet::describe()
    const char *runner; // verdictName()
    const char *explorer; // exploreVerdictName()
    const char *reason;
};

// Every cell where the runner (seed 1) and the explorer (bounded) differ,
// with the reason from docs/explorer-vs-runner.md.
const std::vector<Difference> kDifferences = {
        // sleeping-lock-late-ref sleeps in lock_page() holding no
        // reference: the explorer finds the schedule in which the folio is
        // freed in that window (a use after free the kernel would have too).
        {"l1", "voluntary", "sleeping-lock-late-ref", "COMPLETED", "SAFETY", LateRef},
        {"l1-rt", "*", "sleeping-lock-late-ref", "COMPLETED", "SAFETY", LateRef},
        {"l1-single", "voluntary", "sleeping-lock-late-ref", "COMPLETED", "SAFETY", LateRef},
        {"l1-emptybatch", "voluntary", "sleeping-lock-late-ref", "COMPLETED", "SAFETY", LateRef},
        // Spaces beyond the bound (see boundFor).
        {"l1", "full", "*", "*", "PARTIAL", Undecided},
        {"l1", "rt", "*", "*", "PARTIAL", Undecided},
        {"l1-single", "full", "*", "*", "PARTIAL", Undecided},
        {"l1-single", "rt", "*", "*", "PARTIAL", Undecided},
        {"l1-emptybatch", "full", "*", "*", "PARTIAL", Undecided},
        {"l1-emptybatch", "rt", "*", "*", "PARTIAL", Undecided},
        {"*", "*", "pre-trylock", "*", "PARTIAL", Undecided},
        {"l1-single", "voluntary", "drain-backoff", "COMPLETED", "PARTIAL", Undecided},
        {"s2-storm", "*", "*", "*", "PARTIAL", Undecided},
        {"s2-storm-mutex", "*", "*", "*", "PARTIAL", Undecided},
        {"s2-mixed", "*", "*", "*", "PARTIAL", Undecided},
        // Its tasks repeat their jobs: the explorer refuses it and says why.
        {"w-alloc", "*", "*", "COMPLETED", "REFUSED", Throughput},
};

bool matches(const char *pattern, const std::string &value)
{
    return std::string(pattern) == "*" || value == pattern;
}

// The most specific entry for a cell, or nullptr.
const Difference *entryFor(const std::string &scenario, const std::string &preempt,
        const std::string &fixSet, const std::string &runner)
{
    const Difference *best = nullptr;
    int bestScore = -1;
    for (const Difference &d : kDifferences) {
        if (!matches(d.scenario, scenario) || !matches(d.preempt, preempt)
                || !matches(d.fixSet, fixSet) || !matches(d.runner, runner))
            continue;
        const int score = (std::string(d.scenario) != "*") + (std::string(d.preempt) != "*")
                + (std::string(d.fixSet) != "*") + (std::string(d.runner) != "*");
        if (score > bestScore) {
            best = &d;
            bestScore = score;
        }
    }
    return best;
}

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
    const bool print = std::getenv("FOLIOLAB_MATRIX_PRINT") != nullptr;
    std::map<std::string, ScenarioSpec> specs;
    std::map<const Difference *, int> used;
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
        const Difference *entry
                = entryFor(cell.scenario, cell.preempt, cell.fixSet, verdictName(runner));
        if (agree(runner, r.verdict)) {
            // A family may cover a cell that agrees; an entry naming the
            // cell exactly may not.
            const bool exact = entry && std::string(entry->fixSet) != "*"
                    && std::string(entry->preempt) != "*";
            EXPECT_FALSE(exact) << key << ": listed as a difference, but both say "
                                << verdictName(runner);
            continue;
        }
        if (!entry) {
            ADD_FAILURE() << "unlisted difference; add it to kDifferences with its reason:\n"
                          << "    {\"" << cell.scenario << "\", \"" << cell.preempt << "\", \""
                          << cell.fixSet << "\", \"" << verdictName(runner) << "\", \""
                          << exploreVerdictName(r.verdict) << "\", ...},  // " << r.summary;
            continue;
        }
        ++used[entry];
        EXPECT_STREQ(entry->explorer, exploreVerdictName(r.verdict))
                << key << " (runner " << verdictName(runner) << "): " << r.summary;
        EXPECT_EQ(r.verdict == ExploreVerdict::Partial, std::string(entry->reason) == Undecided)
                << key << ": PARTIAL is the one verdict that is undecided";
        EXPECT_EQ(r.verdict == ExploreVerdict::Refused, std::string(entry->reason) == Throughput)
                << key << ": REFUSED is the verdict of the workloads that repeat their jobs";
    }
    for (const Difference &d : kDifferences)
        EXPECT_GT(used[&d], 0) << "stale entry: " << keyOf(d.scenario, d.preempt, d.fixSet)
                               << " runner " << d.runner << " explorer " << d.explorer;
}
