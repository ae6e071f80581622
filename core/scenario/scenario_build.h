// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/setup.h"
#include "scenario/scenario_spec.h"

namespace fl {

// Turns a parsed scenario into everything a run needs. Throws ScenarioError
// for what only shows when the pieces come together (capacity exceeded, an
// unknown fix or preemption model given on the command line).
Setup buildSetup(const ScenarioSpec &spec, const BuildOptions &options = {});

} // namespace fl
