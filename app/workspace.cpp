// SPDX-License-Identifier: GPL-2.0-only
#include "workspace.h"

#include "timeline.h"
#include "timeline_replay.h"

#include "engine/engine.h"
#include "engine/setup.h"
#include "kernel/fixes.h"
#include "lesson/lesson.h"
#include "lesson/lesson_catalogue.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_error.h"
#include "scenario/scenario_toml.h"

#include <algorithm>
#include <exception>

using namespace Qt::StringLiterals;

namespace Workspace {

namespace {

constexpr std::string_view LessonPrefix = "lesson:";

template<typename Names>
int indexIn(const Names &names, const std::string &name)
{
    const auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? 0 : int(it - names.begin());
}

template<typename Names>
std::string nameAt(const Names &names, int index)
{
    return std::string(
            index >= 0 && std::size_t(index) < names.size() ? names[std::size_t(index)] : names[0]);
}

} // namespace

int machineTabIndex(const std::string &name)
{
    return indexIn(fl::WorkspaceMachineTabs, name);
}

int sideTabIndex(const std::string &name)
{
    return indexIn(fl::WorkspaceSideTabs, name);
}

fl::WorkspaceFile capture(const WindowState &window)
{
    fl::WorkspaceFile w;
    const Timeline &t = *window.timeline;
    const fl::Setup &setup = t.setup();
    w.run.scenario = window.scenarioSource.toStdString();
    for (const fl::FixInfo &info : fl::fixCatalogue())
        if (setup.fixes.has(info.fix))
            w.run.fixes.emplace_back(info.name);
    w.run.preempt = fl::preemptName(setup.initial.preempt);
    w.run.rcu = fl::rcuName(setup.initial.rcu);
    w.run.seed = t.seed();
    // Every recorded choice, the future past the current step too, so F5
    // in class goes on the way it did when the lecture was prepared.
    TimelineReplay::write(t, t.choices().size(), w.run);
    // Steps and bookmarks count from the window's first step, after any
    // timed run the untimed one starts at (untimed_from).
    w.step = std::int64_t(t.position());
    w.lesson = window.lessonId.toStdString();
    w.machineTab = nameAt(fl::WorkspaceMachineTabs, window.machineTab);
    w.sideTab = nameAt(fl::WorkspaceSideTabs, window.sideTab);
    for (const BookmarkListModel::Bookmark &b : window.bookmarks)
        w.bookmarks.push_back({b.step, b.name.toStdString()});
    return w;
}

Prepared prepare(const QString &path)
{
    const std::string file = path.toStdString();
    fl::WorkspacePositions at;
    const fl::WorkspaceFile w = fl::loadWorkspace(file, &at);

    // The scenario: a built-in, a file, or the one of a built-in lesson.
    fl::ScenarioSpec spec;
    if (w.run.scenario.starts_with(LessonPrefix))
        spec = fl::loadBuiltinLesson(w.run.scenario.substr(LessonPrefix.size())).scenario;
    else
        spec = fl::loadScenario(w.run.scenario);

    fl::BuildOptions options;
    options.fixes = w.run.fixes.empty() ? std::vector<std::string> {"baseline"} : w.run.fixes;
    options.preempt = w.run.preempt;
    options.rcu = w.run.rcu;
    std::shared_ptr<const fl::Setup> setup;
    try {
        setup = std::make_shared<const fl::Setup>(fl::buildSetup(spec, options));
    } catch (const fl::ScenarioError &error) {
        if (error.line() > 0)
            throw; // the scenario file's own mistake, at its place there
        // The fixes and models this workspace asks for do not go together.
        throw fl::ScenarioError(
                file, at.runLine, at.runColumn, "[run] cannot be set up: " + error.message());
    }

    Prepared p;
    std::size_t failedAt = TimelineReplay::npos;
    p.timeline = TimelineReplay::read(setup, w.run, failedAt);
    if (failedAt != TimelineReplay::npos) {
        const std::size_t i = failedAt;
        const fl::Choice c = w.run.choices[i];
        const auto [line, column] = i < at.run.choices.size()
                ? at.run.choices[i]
                : std::pair {at.runLine, at.runColumn};
        throw fl::ScenarioError(file, line, column,
                "choice " + std::to_string(i + 1) + " [" + std::to_string(int(c.cpu)) + ", "
                        + std::to_string(c.task == fl::NoTask ? -1 : int(c.task))
                        + "] is not possible at that step of '" + w.run.scenario
                        + "' (expected a choice the scenario enables there: the schedule must "
                          "come from this scenario, fixes and models)");
    }
    p.timeline->seek(std::size_t(w.step));
    p.source = QString::fromStdString(w.run.scenario);
    p.seed = w.run.seed;
    p.cycleStart
            = w.run.untimed && w.run.cycleStart >= 0 ? w.run.cycleStart - w.run.untimedFrom : -1;
    p.lessonId = QString::fromStdString(w.lesson);
    p.machineTab = machineTabIndex(w.machineTab);
    p.sideTab = sideTabIndex(w.sideTab);
    for (const fl::WorkspaceBookmark &b : w.bookmarks)
        p.bookmarks.push_back({int(b.step), QString::fromStdString(b.name)});
    return p;
}

} // namespace Workspace
