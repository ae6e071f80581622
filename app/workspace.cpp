// SPDX-License-Identifier: GPL-2.0-only
#include "workspace.h"

#include "timeline.h"

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
    w.run.choices = t.choices();
    w.run.untimed = t.timeModel() == fl::TimeModel::Untimed;
    w.run.cycleStart = t.cycleStart() ? std::int64_t(*t.cycleStart()) : -1;
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
    p.timeline = std::make_unique<Timeline>(
            setup, w.run.seed, w.run.untimed ? fl::TimeModel::Untimed : fl::TimeModel::Timed);
    for (std::size_t i = 0; i < w.run.choices.size(); ++i) {
        const fl::Choice c = w.run.choices[i];
        if (p.timeline->apply(c))
            continue;
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
    p.cycleStart = w.run.untimed ? w.run.cycleStart : -1;
    p.lessonId = QString::fromStdString(w.lesson);
    p.machineTab = machineTabIndex(w.machineTab);
    p.sideTab = sideTabIndex(w.sideTab);
    for (const fl::WorkspaceBookmark &b : w.bookmarks)
        p.bookmarks.push_back({int(b.step), QString::fromStdString(b.name)});
    return p;
}

} // namespace Workspace
