// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstdint>
#include <memory>

class Timeline;

namespace fl {
struct ExploreResult;
struct Setup;
struct SimState;
} // namespace fl

// An explorer's counterexample as a run the window can walk: its stem and
// cycle applied from `start` (where the search began) in the untimed model,
// the cycle marked as a lasso (it loops), positioned at step 0. nullptr when
// the result has no schedule or a choice of it is not enabled (a bug).
// Shared by Run ▸ Explore (ExploreModel) and the lesson player.
std::unique_ptr<Timeline> lassoTimeline(std::shared_ptr<const fl::Setup> setup, std::uint64_t seed,
        const fl::SimState &start, const fl::ExploreResult &result);
