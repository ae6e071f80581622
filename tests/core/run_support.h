// SPDX-License-Identifier: GPL-2.0-only
#pragma once

// Shared by the outcome tests: run a built-in scenario under a fix set and a
// preemption model, with the invariant checker after every step.
#include "engine/runner.h"
#include "explore/explorer.h"
#include "explore/lasso.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fl::test {

inline const std::vector<std::uint64_t> kSeeds = {1, 2, 3, 7, 42};

// The setup of `spec` under `fixes` (one name or several joined by '+') and
// `preempt` ("" keeps the scenario's model).
inline Setup setupOf(const ScenarioSpec &spec, const std::string &fixes,
                     const std::string &preempt = "")
{
    BuildOptions build;
    for (std::size_t pos = 0; pos <= fixes.size();) {
        const std::size_t plus = std::min(fixes.find('+', pos), fixes.size());
        build.fixes.push_back(fixes.substr(pos, plus - pos));
        pos = plus + 1;
    }
    build.preempt = preempt;
    return buildSetup(spec, build);
}

inline RunResult runSpec(const ScenarioSpec &spec, const std::string &fixes,
                         const std::string &preempt, std::uint64_t seed, bool check = true)
{
    const Setup setup = setupOf(spec, fixes, preempt);
    RunOptions options;
    options.seed = seed;
    options.checkInvariants = check;
    RunResult r = runToVerdict(setup, options);
    EXPECT_EQ(r.invariantViolation, "") << spec.name << " " << fixes << " seed " << seed;
    return r;
}

inline RunResult run(const std::string &scenario, const std::string &fixes,
                     const std::string &preempt, std::uint64_t seed, bool check = true)
{
    return runSpec(loadScenario(scenario), fixes, preempt, seed, check);
}

inline std::vector<EdgeKind> kinds(const std::vector<WaitEdge> &cycle)
{
    std::vector<EdgeKind> out;
    for (const WaitEdge &e : cycle)
        out.push_back(e.kind);
    return out;
}

// T -> folio D -> M -> drain work on CPU1 -> CPU1 -> T
inline const std::vector<EdgeKind> kCanonicalCycle = {EdgeKind::SpinsOnLock, EdgeKind::LockedBy,
                                                      EdgeKind::FlushesWork, EdgeKind::NeedsCpu,
                                                      EdgeKind::HeldBy};

// An explorer's counterexample (stem, then cycle if any) replayed choice by
// choice in the untimed model of `spec` under `fixes`.
inline LassoResult replayOf(const ScenarioSpec &spec, const std::string &fixes,
        const ExploreResult &r)
{
    std::vector<Choice> all = r.stem;
    all.insert(all.end(), r.cycle.begin(), r.cycle.end());
    return replayUntimed(setupOf(spec, fixes), all,
            r.cycle.empty() ? -1 : static_cast<std::int64_t>(r.stem.size()));
}

} // namespace fl::test
