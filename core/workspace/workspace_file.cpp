// SPDX-License-Identifier: GPL-2.0-only
#include "workspace/workspace_file.h"

#include "io/safe_file.h"
#include "io/toml_parse.h"
#include "lesson/lesson_catalogue.h"
#include "replay/replay_toml.h"
#include "scenario/scenario_error.h"
#include "scenario/scenario_toml.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace fl {

namespace {

constexpr std::string_view LessonPrefix = "lesson:";

template<typename Names>
std::string oneOf(const Names &names)
{
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i)
        text += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + std::string(names[i]);
    return text;
}

const std::string &stringAt(const std::string &file, const toml::node &node, std::string_view key)
{
    if (const auto *value = node.as_string())
        return value->get();
    failAt(file, node.source(), "'" + std::string(key) + "' must be a string");
}

std::int64_t integerAt(const std::string &file, const toml::node &node, std::string_view key)
{
    if (const auto *value = node.as_integer())
        return value->get();
    failAt(file, node.source(), "'" + std::string(key) + "' must be an integer");
}

template<typename Names>
std::string nameIn(
        const std::string &file, const toml::node &node, std::string_view key, const Names &names)
{
    const std::string &value = stringAt(file, node, key);
    if (std::find(names.begin(), names.end(), value) == names.end())
        failAt(file, node.source(),
                "unknown " + std::string(key) + " '" + value + "' (expected " + oneOf(names) + ")");
    return value;
}

std::vector<std::string> builtinLessonIds()
{
    std::vector<std::string> ids;
    for (const BuiltinLesson &lesson : builtinLessons())
        ids.push_back(lesson.id);
    return ids;
}

void checkLessonId(const std::string &file, const toml::node &node, const std::string &id)
{
    if (builtinLessonText(id).empty())
        failAt(file, node.source(),
                "unknown lesson '" + id
                        + "' (expected a built-in lesson: " + oneOf(builtinLessonIds()) + ")");
}

std::string bookmarkName(const std::string &file, const toml::node &node)
{
    const std::string &name = stringAt(file, node, "name");
    if (name.size() > MaxBookmarkNameBytes)
        failAt(file, node.source(),
                "'name' must be at most " + std::to_string(MaxBookmarkNameBytes) + " bytes, not "
                        + std::to_string(name.size()));
    if (name.find_first_of("\n\r") != std::string::npos)
        failAt(file, node.source(), "'name' must be one line");
    return name;
}

struct BookmarkAt
{
    WorkspaceBookmark bookmark;
    const toml::node *step = nullptr;
};

std::vector<BookmarkAt> readBookmarks(const std::string &file, const toml::node &node)
{
    const toml::array *list = node.as_array();
    if (!list || !list->is_array_of_tables())
        failAt(file, node.source(), "'bookmark' must be tables: [[bookmark]] with step and name");
    std::vector<BookmarkAt> out;
    for (const toml::node &item : *list) {
        const toml::table &table = *item.as_table();
        BookmarkAt at;
        bool haveName = false;
        for (const auto &[key, value] : table) {
            if (key.str() == "step") {
                at.bookmark.step = integerAt(file, value, "step");
                at.step = &value;
            } else if (key.str() == "name") {
                at.bookmark.name = bookmarkName(file, value);
                haveName = true;
            } else {
                failAt(file, key.source(),
                        "unknown key '" + std::string(key.str())
                                + "' in [[bookmark]] (expected step or name)");
            }
        }
        if (!at.step)
            failAt(file, table.source(), "[[bookmark]] without 'step' (expected step = N)");
        if (!haveName)
            failAt(file, table.source(), "[[bookmark]] without 'name' (expected name = \"...\")");
        out.push_back(std::move(at));
    }
    return out;
}

} // namespace

WorkspaceFile parseWorkspace(
        std::string_view text, const std::string &sourceName, WorkspacePositions *positions)
{
    const toml::table root = parseTomlText(text, sourceName);

    WorkspaceFile w;
    const toml::node *stepAt = nullptr, *versionAt = nullptr, *runAt = nullptr;
    std::vector<BookmarkAt> bookmarks;
    for (const auto &[key, node] : root) {
        const std::string_view k = key.str();
        if (k == "version") {
            const std::int64_t v = integerAt(sourceName, node, k);
            if (v != WorkspaceFile::CurrentVersion)
                failAt(sourceName, node.source(),
                        "workspace format version " + std::to_string(v)
                                + " is not supported (expected "
                                + std::to_string(WorkspaceFile::CurrentVersion) + ")");
            versionAt = &node;
        } else if (k == "step") {
            w.step = integerAt(sourceName, node, k);
            stepAt = &node;
        } else if (k == "lesson") {
            w.lesson = stringAt(sourceName, node, k);
            checkLessonId(sourceName, node, w.lesson);
        } else if (k == "machine_tab") {
            w.machineTab = nameIn(sourceName, node, "machine_tab", WorkspaceMachineTabs);
        } else if (k == "side_tab") {
            w.sideTab = nameIn(sourceName, node, "side_tab", WorkspaceSideTabs);
        } else if (k == "bookmark") {
            bookmarks = readBookmarks(sourceName, node);
        } else if (k == "run") {
            const toml::table *run = node.as_table();
            if (!run)
                failAt(sourceName, node.source(),
                        "'run' must be a table: [run] with a replay file's keys");
            if (positions) {
                positions->runLine = static_cast<int>(node.source().begin.line);
                positions->runColumn = static_cast<int>(node.source().begin.column);
            }
            w.run = replayFromTable(*run, sourceName, positions ? &positions->run : nullptr);
            runAt = &node;
        } else if (k == "scenario" || k == "choices") {
            failAt(sourceName, key.source(),
                    "'" + std::string(k)
                            + "' at the top: this looks like a replay file, which File > Open "
                              "opens; a workspace keeps the schedule in its [run] table");
        } else {
            failAt(sourceName, key.source(),
                    "unknown key '" + std::string(k)
                            + "' (expected version, step, lesson, machine_tab, side_tab, "
                              "[[bookmark]] or [run])");
        }
    }
    const toml::source_region end = root.source();
    if (!versionAt)
        failAt(sourceName, end, "missing 'version' (expected version = 1)");
    if (!runAt)
        failAt(sourceName, end, "missing [run] (the scenario and the schedule, as in a replay file)");
    if (!stepAt)
        failAt(sourceName, end, "missing 'step' (the step the window shows, e.g. step = 0)");

    // Steps count from the window's first step: after the timed run an
    // untimed one may start at (untimed_from).
    const auto choices = static_cast<std::int64_t>(w.run.choices.size()) - w.run.untimedFrom;
    const std::string range = "between 0 and " + std::to_string(choices) + " (the run has "
            + std::to_string(choices) + " choices"
            + (w.run.untimedFrom > 0 ? " after untimed_from" : "") + ")";
    if (w.step < 0 || w.step > choices)
        failAt(sourceName, stepAt->source(),
                "'step' must be " + range + ", not " + std::to_string(w.step));
    if (w.run.scenario.starts_with(LessonPrefix))
        checkLessonId(sourceName, *runAt->as_table()->get("scenario"),
                w.run.scenario.substr(LessonPrefix.size()));

    std::stable_sort(
            bookmarks.begin(), bookmarks.end(), [](const BookmarkAt &a, const BookmarkAt &b) {
                return a.bookmark.step < b.bookmark.step;
            });
    for (std::size_t i = 0; i < bookmarks.size(); ++i) {
        const BookmarkAt &b = bookmarks[i];
        if (b.bookmark.step < 0 || b.bookmark.step > choices)
            failAt(sourceName, b.step->source(),
                    "a bookmark's 'step' must be " + range + ", not "
                            + std::to_string(b.bookmark.step));
        if (i > 0 && bookmarks[i - 1].bookmark.step == b.bookmark.step)
            failAt(sourceName, b.step->source(),
                    "a second bookmark at step " + std::to_string(b.bookmark.step)
                            + " (expected one bookmark per step; the first is at line "
                            + std::to_string(bookmarks[i - 1].step->source().begin.line) + ")");
        w.bookmarks.push_back(b.bookmark);
    }
    return w;
}

WorkspaceFile loadWorkspace(const std::string &path, WorkspacePositions *positions)
{
    WorkspacePositions here;
    WorkspaceFile w = parseWorkspace(readInputFile(path, {}, MaxReplayFileBytes), path, &here);
    std::string &scenario = w.run.scenario;
    if (!isBuiltinScenario(scenario) && !scenario.starts_with(LessonPrefix)) {
        // Relative to the workspace's folder, as in a replay file.
        std::filesystem::path file(scenario);
        if (file.is_relative())
            file = std::filesystem::absolute(std::filesystem::path(path).parent_path() / file)
                           .lexically_normal();
        std::error_code error;
        if (!std::filesystem::is_regular_file(file, error)) {
            std::vector<std::string> names;
            for (const BuiltinScenario &b : builtinScenarios())
                names.push_back(b.name);
            throw ScenarioError(path, here.run.scenarioLine, here.run.scenarioColumn,
                    "unknown scenario '" + scenario + "': not a built-in scenario (" + oneOf(names)
                            + ") and no file " + file.string());
        }
        scenario = file.string();
    }
    if (positions)
        *positions = std::move(here);
    return w;
}

std::string serialiseWorkspace(const WorkspaceFile &w)
{
    std::ostringstream out;
    out << "# FolioLab workspace: File > Open workspace puts the window back as it was.\n";
    out << "version = " << WorkspaceFile::CurrentVersion << '\n';
    out << "step = " << w.step << "  # the step the window shows\n";
    if (!w.lesson.empty())
        out << "lesson = " << tomlBasicString(w.lesson) << '\n';
    out << "machine_tab = " << tomlBasicString(w.machineTab) << "  # "
        << oneOf(WorkspaceMachineTabs) << '\n';
    out << "side_tab = " << tomlBasicString(w.sideTab) << "  # " << oneOf(WorkspaceSideTabs)
        << '\n';
    for (const WorkspaceBookmark &b : w.bookmarks)
        out << "\n[[bookmark]]\nstep = " << b.step << "\nname = " << tomlBasicString(b.name)
            << '\n';
    // The schedule in the replay format, written by the replay writer; its
    // own first line (how to run a replay file) does not apply here.
    std::string run = serialiseReplay(w.run);
    if (run.starts_with('#'))
        run.erase(0, run.find('\n') + 1);
    out << "\n# The scenario and the schedule: the keys of a replay file.\n[run]\n" << run;
    return out.str();
}

void saveWorkspace(const WorkspaceFile &workspace, const std::string &path)
{
    WorkspaceFile written = workspace;
    std::string &scenario = written.run.scenario;
    if (!isBuiltinScenario(scenario) && !scenario.starts_with(LessonPrefix)) {
        std::error_code error;
        const std::filesystem::path dir
                = std::filesystem::absolute(std::filesystem::path(path)).parent_path();
        const std::filesystem::path relative
                = std::filesystem::relative(std::filesystem::absolute(scenario, error), dir, error);
        if (!error && !relative.empty())
            scenario = relative.string();
    }
    const std::string text = serialiseWorkspace(written);
    if (text.size() > MaxReplayFileBytes)
        throw ScenarioError(path, 0, 0,
                "the schedule has " + std::to_string(workspace.run.choices.size())
                        + " choices, more than a workspace holds ("
                        + std::to_string(MaxReplayFileBytes >> 20)
                        + " MiB, about 900 000 choices); save at an earlier step");
    writeFileAtomically(path, text);
}

} // namespace fl
