// SPDX-License-Identifier: GPL-2.0-only
// Issue 16, fix 6: with every cost 0 ns virtual time never advances and the
// time-based detectors never decide; the run spun through its 200 M-step
// limit (18 s, 538 MB). The detector now also counts steps at one instant.
#include "engine/runner.h"
#include "engine/stuck_detector.h"
#include "kernel/costs.h"
#include "run_support.h"

#include <gtest/gtest.h>

using namespace fl;

TEST(ZeroCosts, RunWhereTimeStandsStillStopsWithAReason)
{
    ScenarioSpec spec = loadScenario("l1");
    for (int k = 0; k < static_cast<int>(CostKey::Count); ++k)
        spec.costs[std::string(costInfo(static_cast<CostKey>(k)).name)] = 0;
    const RunResult r = runToVerdict(test::setupOf(spec, "baseline"), RunOptions {});
    EXPECT_EQ(r.verdict, Verdict::Limit);
    EXPECT_EQ(r.virtualNs, 0u);
    EXPECT_LE(r.steps, 2 * StuckDetector::StillLimit);
    EXPECT_NE(r.explanation.summary.find("stood still"), std::string::npos)
            << r.explanation.summary;
}

TEST(ZeroCosts, OneFreeStepDoesNotStopARun)
{
    // A zero cost on one step is allowed: the loop's other steps move time.
    ScenarioSpec spec = loadScenario("l1");
    spec.costs["trylock"] = 0;
    const RunResult r = runToVerdict(test::setupOf(spec, "baseline"), RunOptions {});
    EXPECT_EQ(r.verdict, Verdict::Livelock) << r.explanation.summary;
}
