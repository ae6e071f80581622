// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/explain.h"
#include "engine/folio_names.h"
#include "engine/setup.h"
#include "model/machine.h"

#include <vector>

namespace fl {

// The wait-for graph of a state: edges beyond locks ("spins on", "waits for
// the drain work on CPU k", "needs CPU k", "holds the CPU") with labels in
// words, so that a livelock reads as the cycle T -> D -> M -> work -> CPU -> T.
// `lives` (the run's, when known) gives a reallocated slot its fresh name.
std::vector<WaitEdge> buildWaitForGraph(
        const Setup &setup, const Machine &m, const FolioLives *lives = nullptr);
// A cycle of `graph`, preferring one through a spinning task; empty if none.
std::vector<WaitEdge> findCycle(const std::vector<WaitEdge> &graph);
std::string nodeName(const Setup &setup, const WaitNode &n, const FolioLives *lives = nullptr);

} // namespace fl
