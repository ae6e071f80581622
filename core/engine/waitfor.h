// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/explain.h"
#include "engine/setup.h"
#include "model/machine.h"

#include <vector>

namespace fl {

// The wait-for graph of a state: edges beyond locks ("spins on", "waits for
// the drain work on CPU k", "needs CPU k", "holds the CPU") with labels in
// words, so that a livelock reads as the cycle T -> D -> M -> work -> CPU -> T.
std::vector<WaitEdge> buildWaitForGraph(const Setup &setup, const Machine &m);
// A cycle of `graph`, preferring one through a spinning task; empty if none.
std::vector<WaitEdge> findCycle(const std::vector<WaitEdge> &graph);
std::string nodeName(const Setup &setup, const WaitNode &n);

} // namespace fl
