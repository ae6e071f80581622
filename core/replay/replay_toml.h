// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "replay/replay_file.h"

#include <toml++/toml.h>

#include <string>

// Internal to the core (it includes toml++): the replay keys read from an
// already parsed table, so a file that embeds a replay (a workspace's [run]
// table, workspace/workspace_file.h) reads it with the replay reader's own
// checks and messages instead of a second copy of them.
namespace fl {

// The keys of a replay file in `table` (the whole file, or a table holding
// them). Throws ScenarioError at the offending key or value, as parseReplay.
ReplayFile replayFromTable(const toml::table &table, const std::string &sourceName,
        ReplayPositions *positions = nullptr);

// `s` as a TOML basic string: quotes and backslashes escaped, control
// characters as \uXXXX, so every string a reader accepted is written back in
// a form it accepts again.
std::string tomlBasicString(const std::string &s);

} // namespace fl
