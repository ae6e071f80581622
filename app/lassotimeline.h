// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"
#include "engine/engine.h"

#include <cstdint>
#include <memory>
#include <vector>

class Timeline;

namespace fl {
struct ExploreResult;
struct Setup;
} // namespace fl

// How the window's run led to where a search began: the untimed run's first
// state, the timed run before it when it starts at a step of one
// (Timeline::timedPrefix), and the untimed choices from that first state to
// the search's start.
struct LassoLead
{
    fl::SimState start;
    std::vector<fl::Choice> timedPrefix;
    std::vector<fl::Choice> leadIn;
};

// An explorer's counterexample as a run the window can walk: the lead-in,
// then its stem and cycle, in the untimed model from `lead.start`, the cycle
// marked as a lasso (it loops), positioned at step 0. nullptr when the
// result has no schedule or a choice of it is not enabled (a bug). Shared by
// Run ▸ Explore (ExploreModel) and the lesson player.
std::unique_ptr<Timeline> lassoTimeline(std::shared_ptr<const fl::Setup> setup, std::uint64_t seed,
        const LassoLead &lead, const fl::ExploreResult &result);
