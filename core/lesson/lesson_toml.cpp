// SPDX-License-Identifier: GPL-2.0-only
#include "lesson/lesson_toml.h"

#include "io/safe_file.h"
#include "io/toml_prescan.h"
#include "lesson/predicate_toml.h"
#include "lesson/toml_reader.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_error.h"
#include "scenario/scenario_toml.h"
#include "scenario/scenario_toml_table.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

namespace fl {

using namespace lessontoml;

namespace {

constexpr std::string_view kGoalKeys[] = {"id", "text", "hint", "while"};

std::vector<std::string> catalogueNames(bool withBaseline)
{
    std::vector<std::string> names;
    if (withBaseline)
        names.emplace_back("baseline");
    for (const FixInfo &info : fixCatalogue())
        names.emplace_back(info.name);
    return names;
}

class LessonParser
{
public:
    LessonParser(const toml::table &root, const std::string &file, std::string baseDir)
        : m_root(file, root, {})
        , m_baseDir(std::move(baseDir))
    { }

    Lesson parse()
    {
        m_root.allowOnly({"title", "level", "minutes", "scenario", "fixes", "start_fixes",
                "preempt", "preempt_models", "seed", "hints", "section", "goal", "solution"});
        m_lesson.file = m_root.file();
        m_lesson.title = m_root.requiredString("title", "a string: the lesson's title");
        m_lesson.level = static_cast<int>(requiredInteger("level", 1, 5));
        m_lesson.minutes = static_cast<int>(requiredInteger("minutes", 1, 120));
        m_lesson.seed = static_cast<std::uint64_t>(
                m_root.integer("seed", 0, std::numeric_limits<std::int64_t>::max()).value_or(1));
        readScenario();
        readFixes();
        readPreempt();
        buildNames();
        readSections();
        for (const auto &[hint, pos] : m_root.strings("hints", "strings (one hint each)")) {
            (void)pos;
            m_lesson.hints.push_back(hint);
        }
        readGoals();
        readSolution();
        return std::move(m_lesson);
    }

private:
    std::int64_t requiredInteger(std::string_view key, std::int64_t lo, std::int64_t hi)
    {
        const std::optional<std::int64_t> v = m_root.integer(key, lo, hi);
        if (!v)
            m_root.missing(key, "an integer " + std::to_string(lo) + ".." + std::to_string(hi));
        return *v;
    }

    // Arrays of tables ([[goal]]) and arrays of inline tables (goal = [...])
    // are the same thing in TOML; both are accepted.
    std::vector<const toml::table *> tables(std::string_view key, const std::string &what)
    {
        std::vector<const toml::table *> out;
        const toml::node *node = m_root.find(key);
        if (!node)
            return out;
        const toml::array *array = node->as_array();
        if (!array)
            m_root.fail(posOf(*node),
                    "'" + std::string(key) + "' is " + typeName(*node) + "; expected [["
                            + std::string(key) + "]] tables, " + what);
        for (const toml::node &item : *array) {
            if (!item.is_table())
                m_root.fail(posOf(item),
                        "'" + std::string(key) + "' holds " + typeName(item)
                                + "; expected a table, " + what);
            out.push_back(item.as_table());
        }
        return out;
    }

    void readScenario()
    {
        const toml::node *node = m_root.find("scenario");
        if (!node)
            m_root.missing("scenario",
                    "a built-in scenario name (see 'foliolab list'), the path of a scenario "
                    "file, or a [scenario] table");
        if (const toml::table *inline_ = node->as_table()) {
            m_lesson.scenario = parseScenarioTable(*inline_, m_root.file());
            m_lesson.scenario.sourcePath = m_root.file();
            return;
        }
        const std::string name = m_root.requiredString("scenario",
                "a built-in scenario name, the path of a scenario file, or a [scenario] table");
        if (isBuiltinScenario(name)) {
            m_lesson.scenario = loadScenario(name);
            return;
        }
        const std::filesystem::path path = std::filesystem::path(m_baseDir) / name;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) {
            std::vector<std::string> builtins;
            for (const BuiltinScenario &b : builtinScenarios())
                builtins.push_back(b.name);
            m_root.fail(m_root.pos("scenario"),
                    "'scenario' = \"" + name + "\" is neither a built-in scenario nor a file ("
                            + path.string() + " does not exist); expected one of: "
                            + joined(builtins) + ", or a path relative to the lesson");
        }
        m_lesson.scenario = loadScenario(path.string());
    }

    void readFixes()
    {
        const std::vector<std::string> all = catalogueNames(false);
        for (const auto &[name, pos] : m_root.strings("fixes", "fix names")) {
            if (name == "baseline")
                m_root.fail(pos,
                        "'fixes' lists \"baseline\", which is no fix; expected the "
                        "fixes the learner may switch on and off: "
                                + joined(all));
            if (!isFixName(name))
                m_root.fail(pos,
                        "'fixes' names the unknown fix \"" + name
                                + "\"; expected one of: " + joined(all));
            if (std::find(m_lesson.toggles.begin(), m_lesson.toggles.end(), name)
                    != m_lesson.toggles.end())
                m_root.fail(pos, "'fixes' lists \"" + name + "\" twice; expected each fix once");
            m_lesson.toggles.push_back(name);
        }

        if (!m_root.has("start_fixes")) {
            for (const std::string &name : m_lesson.scenario.fixes)
                if (name != "baseline")
                    m_lesson.startFixes.push_back(name);
            return;
        }
        FixSet set;
        for (const auto &[name, pos] : m_root.strings("start_fixes", "fix names")) {
            if (std::find(m_lesson.startFixes.begin(), m_lesson.startFixes.end(), name)
                    != m_lesson.startFixes.end())
                m_root.fail(
                        pos, "'start_fixes' lists \"" + name + "\" twice; expected each fix once");
            if (const std::string problem = addFixByName(set, name); !problem.empty())
                m_root.fail(pos, "'start_fixes': " + problem);
            if (name != "baseline")
                m_lesson.startFixes.push_back(name);
        }
    }

    void readPreempt()
    {
        const std::vector<std::string> models {"none", "voluntary", "full", "rt"};
        const auto check = [&](const std::string &name, SourcePos pos, std::string_view key) {
            if (!preemptByName(name))
                m_root.fail(pos,
                        "'" + std::string(key) + "' = \"" + name
                                + "\" is not a preemption model; expected one of: "
                                + joined(models));
        };
        m_lesson.startPreempt = m_lesson.scenario.preempt;
        if (const auto model = m_root.string("preempt", "one of: none, voluntary, full, rt")) {
            check(*model, m_root.pos("preempt"), "preempt");
            m_lesson.startPreempt = *model;
        }
        m_lesson.preemptModels.push_back(m_lesson.startPreempt);
        for (const auto &[name, pos] : m_root.strings("preempt_models", "preemption models")) {
            check(name, pos, "preempt_models");
            if (std::find(m_lesson.preemptModels.begin(), m_lesson.preemptModels.end(), name)
                    == m_lesson.preemptModels.end())
                m_lesson.preemptModels.push_back(name);
        }
    }

    // Builds the start setup once: it checks the scenario with the start
    // fixes and gives the ids the builder assigns to each name.
    void buildNames()
    {
        BuildOptions options;
        options.fixes = m_lesson.startFixes.empty() ? std::vector<std::string> {"baseline"}
                                                    : m_lesson.startFixes;
        options.preempt = m_lesson.startPreempt;
        const Setup setup = buildSetup(m_lesson.scenario, options);
        for (int i = 0; i < setup.initial.taskCount; ++i)
            m_scope.tasks.push_back(setup.taskNames[static_cast<std::size_t>(i)]);
        for (int i = 0; i < setup.initial.folioCount; ++i)
            m_scope.folios.push_back(setup.folioNames[static_cast<std::size_t>(i)]);
        m_scope.cpus = setup.initial.cpuCount;
        m_scope.filters = &m_lesson.eventFilters;
        m_lesson.taskNames = m_scope.tasks;
        m_lesson.folioNames = m_scope.folios;
    }

    void readSections()
    {
        for (const toml::table *table : tables("section", "each with a 'text'")) {
            const TableReader t(m_root.file(), *table, "[[section]]");
            t.allowOnly({"title", "text"});
            LessonSection s;
            s.title = t.string("title", "a string").value_or("");
            s.text = t.requiredString("text", "a string: a short part of the story");
            m_lesson.sections.push_back(std::move(s));
        }
        if (m_lesson.sections.empty())
            m_root.missing("section", "at least one [[section]] with the lesson's story");
    }

    void readGoals()
    {
        for (const toml::table *table : tables("goal", "each with an id, a text and a predicate")) {
            const TableReader head(m_root.file(), *table, "[[goal]]");
            Goal g;
            g.pos = head.pos();
            g.id = head.requiredString("id", "a string naming the goal");
            for (const Goal &other : m_lesson.goals)
                if (other.id == g.id)
                    head.fail(head.pos("id"),
                            "[[goal]] 'id' = \"" + g.id
                                    + "\" is used twice; expected a unique id per goal");
            const TableReader t(m_root.file(), *table, "[[goal]] '" + g.id + "'");
            g.text = t.requiredString("text", "a string saying what to reach");
            g.hint = t.string("hint", "a string").value_or("");
            const std::vector<std::string_view> extra(std::begin(kGoalKeys), std::end(kGoalKeys));
            Predicate p = parsePredicate(t, extra, m_scope);
            if (const toml::table *w = t.subtable("while", "a predicate table")) {
                // Both must hold in the same state.
                Predicate both;
                both.kind = Predicate::Kind::All;
                both.children.push_back(std::move(p));
                both.children.push_back(parsePredicate(
                        TableReader(m_root.file(), *w, "[[goal]] '" + g.id + "' 'while'"), {},
                        m_scope));
                p = std::move(both);
            }
            g.predicate = std::move(p);
            m_lesson.goals.push_back(std::move(g));
        }
        if (m_lesson.goals.empty())
            m_root.missing("goal", "at least one [[goal]] the learner must reach");
    }

    void readSolution()
    {
        for (const toml::table *table : tables("solution", "one action each")) {
            const TableReader t(m_root.file(), *table, "[[solution]]");
            m_lesson.solution.push_back(readAction(t));
        }
        if (m_lesson.solution.empty())
            m_root.missing(
                    "solution", "a reference solution: [[solution]] actions that reach every goal");
    }

    Action readAction(const TableReader &t)
    {
        Action a;
        a.pos = t.pos();
        const auto times = [&] {
            return static_cast<std::uint64_t>(t.integer("times", 1, 100'000'000).value_or(1));
        };
        if (t.has("step")) {
            t.allowOnly({"step", "times"});
            a.kind = Action::Kind::StepTask;
            a.task = resolveTask(t, "step", m_scope);
            a.times = times();
            a.text = "step = \"" + m_scope.tasks[a.task] + "\", times = " + std::to_string(a.times);
        } else if (t.has("step_cpu")) {
            t.allowOnly({"step_cpu", "times"});
            a.kind = Action::Kind::StepCpu;
            a.cpu = static_cast<CpuId>(*t.integer("step_cpu", 0, m_scope.cpus - 1));
            a.times = times();
            a.text = "step_cpu = " + std::to_string(a.cpu) + ", times = " + std::to_string(a.times);
        } else if (t.has("run")) {
            readRun(t, a);
        } else if (t.has("toggle")) {
            t.allowOnly({"toggle"});
            a.kind = Action::Kind::ToggleFix;
            a.name = t.requiredString("toggle", "a fix name");
            if (std::find(m_lesson.toggles.begin(), m_lesson.toggles.end(), a.name)
                    == m_lesson.toggles.end())
                t.fail(t.pos("toggle"),
                        "[[solution]] 'toggle' = \"" + a.name
                                + "\" is not a fix the lesson offers; expected one of its "
                                  "'fixes': "
                                + (m_lesson.toggles.empty() ? std::string("(none)")
                                                            : joined(m_lesson.toggles)));
            a.text = "toggle = \"" + a.name + "\"";
        } else if (t.has("preempt")) {
            t.allowOnly({"preempt"});
            a.kind = Action::Kind::SetPreempt;
            a.name = t.requiredString("preempt", "a preemption model");
            if (std::find(m_lesson.preemptModels.begin(), m_lesson.preemptModels.end(), a.name)
                    == m_lesson.preemptModels.end())
                t.fail(t.pos("preempt"),
                        "[[solution]] 'preempt' = \"" + a.name
                                + "\" is not a model the lesson offers; expected one of its "
                                  "'preempt_models': "
                                + joined(m_lesson.preemptModels));
            a.text = "preempt = \"" + a.name + "\"";
        } else if (t.has("explore")) {
            t.allowOnly({"explore", "max_states"});
            if (!*t.boolean("explore"))
                t.fail(t.pos("explore"),
                        "[[solution]] 'explore' = false does nothing; expected true");
            a.kind = Action::Kind::Explore;
            a.maxSteps = static_cast<std::uint64_t>(
                    t.integer("max_states", 1, 100'000'000).value_or(0));
            a.text = "explore = true";
        } else if (t.has("reset")) {
            t.allowOnly({"reset"});
            if (!*t.boolean("reset"))
                t.fail(t.pos("reset"), "[[solution]] 'reset' = false does nothing; expected true");
            a.kind = Action::Kind::Reset;
            a.text = "reset = true";
        } else {
            t.fail(t.pos(),
                    "[[solution]] has no action; expected one of the keys: step, "
                    "step_cpu, run, toggle, preempt, reset, explore");
        }
        return a;
    }

    void readRun(const TableReader &t, Action &a)
    {
        const std::string what = t.requiredString("run", "one of: verdict, goal, steps");
        const auto maxSteps = [&] {
            return static_cast<std::uint64_t>(t.integer("max_steps", 1, 1'000'000'000).value_or(0));
        };
        if (what == "verdict") {
            t.allowOnly({"run", "max_steps"});
            a.kind = Action::Kind::RunVerdict;
            a.maxSteps = maxSteps();
            a.text = "run = \"verdict\"";
        } else if (what == "goal") {
            t.allowOnly({"run", "goal", "max_steps"});
            a.kind = Action::Kind::RunGoal;
            const std::string id = t.requiredString("goal", "the id of a [[goal]]");
            const auto it = std::find_if(m_lesson.goals.begin(), m_lesson.goals.end(),
                    [&](const Goal &g) { return g.id == id; });
            if (it == m_lesson.goals.end()) {
                std::vector<std::string> ids;
                for (const Goal &g : m_lesson.goals)
                    ids.push_back(g.id);
                t.fail(t.pos("goal"),
                        "[[solution]] 'goal' = \"" + id
                                + "\" names no goal; expected one of: " + joined(ids));
            }
            a.goal = static_cast<std::size_t>(it - m_lesson.goals.begin());
            a.maxSteps = maxSteps();
            a.text = "run = \"goal\", goal = \"" + id + "\"";
        } else if (what == "steps") {
            t.allowOnly({"run", "steps"});
            a.kind = Action::Kind::RunSteps;
            const std::optional<std::int64_t> n = t.integer("steps", 1, 1'000'000'000);
            if (!n)
                t.missing("steps", "an integer 1..1000000000");
            a.times = static_cast<std::uint64_t>(*n);
            a.text = "run = \"steps\", steps = " + std::to_string(a.times);
        } else {
            t.fail(t.pos("run"),
                    "[[solution]] 'run' = \"" + what
                            + "\" is unknown; expected one of: verdict, goal, steps");
        }
    }

    TableReader m_root;
    std::string m_baseDir;
    Lesson m_lesson;
    NameScope m_scope;
};

} // namespace

Lesson parseLesson(std::string_view text, const std::string &sourceName, const std::string &baseDir)
{
    checkTomlShape(text, sourceName);
    toml::table root;
#if TOML_EXCEPTIONS
    try {
        root = toml::parse(text, std::string_view(sourceName));
    } catch (const toml::parse_error &error) {
        const auto &b = error.source().begin;
        throw ScenarioError(sourceName, static_cast<int>(b.line), static_cast<int>(b.column),
                std::string(error.description()));
    }
#else
    toml::parse_result result = toml::parse(text, std::string_view(sourceName));
    if (!result) {
        const auto &b = result.error().source().begin;
        throw ScenarioError(sourceName, static_cast<int>(b.line), static_cast<int>(b.column),
                std::string(result.error().description()));
    }
    root = std::move(result).table();
#endif
    return LessonParser(root, sourceName, baseDir).parse();
}

Lesson loadLesson(const std::string &path)
{
    const std::string text = readInputFile(path);
    const std::filesystem::path dir = std::filesystem::path(path).parent_path();
    return parseLesson(text, path, dir.empty() ? std::string(".") : dir.string());
}

} // namespace fl
