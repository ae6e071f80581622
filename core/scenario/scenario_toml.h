// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "scenario/scenario_spec.h"

#include <string>
#include <string_view>
#include <vector>

namespace fl {

// Parses a scenario file (format: lessons/README.md). Throws ScenarioError
// naming `sourceName`, the line and column, and what was expected, for a
// TOML syntax error, a wrong type, a value out of range, an unknown key, or a
// name that refers to nothing.
ScenarioSpec parseScenario(std::string_view text, const std::string &sourceName);

// A built-in name ("l1", ...) or a path to a .toml file. Throws ScenarioError.
ScenarioSpec loadScenario(const std::string &nameOrPath);

struct BuiltinScenario {
    std::string name;
    std::string description;
};
std::vector<BuiltinScenario> builtinScenarios();
// The embedded TOML text of a built-in scenario, or empty when unknown.
std::string builtinScenarioText(const std::string &name);
// Is `name` a built-in scenario (not a path)?
bool isBuiltinScenario(const std::string &name);

} // namespace fl
