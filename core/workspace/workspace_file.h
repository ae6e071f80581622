// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "replay/replay_file.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// A workspace file: what a teacher prepared in the window, to reopen it in
// class (File ▸ Save workspace / Open workspace; format in
// docs/file-formats.md, "Workspace files"). TOML:
//
//   version = 1
//   step = 542                  # the step the window shows (0 .. choices)
//   lesson = "05-..."           # optional: the open built-in lesson
//   machine_tab = "tasks"       # memory | tasks | time
//   side_tab = "lesson"         # why | fixes | choices | plots | lesson
//
//   [[bookmark]]                # any number, steps unique
//   step = 120
//   name = "T meets D"
//
//   [run]                       # the schedule: a replay file's keys
//   version = 1                 # (replay/replay_file.h, read by its reader)
//   scenario = "l1"
//   ...
//
// The run's recorded choices may go past `step` (a future F5 replays).
// Where the run is untimed from a step of a timed run (untimed_from = K),
// `step` and the bookmarks count from choice K, the window's first step.
namespace fl {

struct WorkspaceBookmark
{
    std::int64_t step = 0;
    std::string name;
    bool operator==(const WorkspaceBookmark &) const = default;
};

struct WorkspaceFile
{
    static constexpr int CurrentVersion = 1;

    ReplayFile run; // the scenario, fixes, models, seed and choices
    std::int64_t step = 0; // 0 .. run.choices.size()
    std::string lesson; // a built-in lesson id, "" when none was open
    std::string machineTab = "memory";
    std::string sideTab = "why";
    std::vector<WorkspaceBookmark> bookmarks; // ascending by step

    bool operator==(const WorkspaceFile &) const = default;
};

// The window's tabs a workspace names (in their order on screen).
inline constexpr std::array<std::string_view, 3> WorkspaceMachineTabs = {"memory", "tasks", "time"};
inline constexpr std::array<std::string_view, 6> WorkspaceSideTabs
        = {"why", "fixes", "choices", "plots", "lesson", "log"};
// A bookmark's name: one line of at most this many bytes.
inline constexpr std::size_t MaxBookmarkNameBytes = 200;

// Where things are in the file (1-based; 0 when not from a file), so that a
// problem found later (a scenario that cannot be built, a choice that is not
// possible) is reported at its place.
struct WorkspacePositions
{
    int runLine = 0, runColumn = 0; // the [run] table
    ReplayPositions run; // its scenario and each choice
};

// Parses a workspace. Throws ScenarioError ("FILE:LINE:COL: error: ...") for
// TOML syntax, a missing or unknown key, a wrong type, a value out of range
// (a step past the run's choices, an unknown tab or lesson, a duplicate
// bookmark), and everything the replay reader refuses in [run].
WorkspaceFile parseWorkspace(std::string_view text, const std::string &sourceName,
        WorkspacePositions *positions = nullptr);
// Reads and parses `path`. A relative scenario path is relative to the
// file's folder and comes back absolute; a scenario that is neither built
// in, nor "lesson:ID" of a built-in lesson, nor an existing file is an error
// at its place. A missing workspace file is a ScenarioError at 0:0.
WorkspaceFile loadWorkspace(const std::string &path, WorkspacePositions *positions = nullptr);
// The file's text; parseWorkspace(serialiseWorkspace(w)) == w.
std::string serialiseWorkspace(const WorkspaceFile &workspace);
// Writes atomically (io/safe_file.h): a failure leaves any existing file as
// it was. A scenario path is written relative to the workspace's folder.
// Throws ScenarioError.
void saveWorkspace(const WorkspaceFile &workspace, const std::string &path);

} // namespace fl
