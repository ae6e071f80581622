// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "bookmarklistmodel.h"

#include "workspace/workspace_file.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

class Timeline;

// Between the window and a workspace file (core/workspace): what of the
// window a file keeps, and the run a file describes, built and checked whole
// before anything on screen changes (SimController::openWorkspace shows it).
namespace Workspace {

//! What the window shows, as a workspace keeps it.
struct WindowState
{
    const Timeline *timeline = nullptr;
    QString scenarioSource; // a built-in name, a path, or "lesson:ID"
    QString lessonId; // "" when no lesson is open
    int machineTab = 0;
    int sideTab = 0;
    std::vector<BookmarkListModel::Bookmark> bookmarks;
};

[[nodiscard]] fl::WorkspaceFile capture(const WindowState &window);

//! A workspace's run, ready to show.
struct Prepared
{
    std::unique_ptr<Timeline> timeline; // at the file's step
    QString source; // how the window names the scenario
    std::uint64_t seed = 1;
    std::int64_t cycleStart = -1; // an untimed lasso's cycle, or -1
    QString lessonId;
    int machineTab = 0;
    int sideTab = 0;
    std::vector<BookmarkListModel::Bookmark> bookmarks;
};

//! Reads `path` and replays its run. Throws fl::ScenarioError naming the
//! workspace file, line and column for anything that does not fit (the
//! scenario's own syntax errors name the scenario file).
[[nodiscard]] Prepared prepare(const QString &path);

//! A tab's index on screen from its name in a file, and back.
[[nodiscard]] int machineTabIndex(const std::string &name);
[[nodiscard]] int sideTabIndex(const std::string &name);

} // namespace Workspace
