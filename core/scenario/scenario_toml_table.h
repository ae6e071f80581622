// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "scenario/scenario_spec.h"

#include <toml++/toml.h>

#include <string>

// For other file formats of the core that embed a scenario (a lesson's inline
// [scenario] table): parse an already-parsed TOML table with the scenario
// schema, so that errors keep the positions of the enclosing file. Includes
// toml++, so only core sources may include it.
namespace fl {

ScenarioSpec parseScenarioTable(const toml::table &table, const std::string &sourceName);

} // namespace fl
