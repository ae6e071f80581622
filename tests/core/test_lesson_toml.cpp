// SPDX-License-Identifier: GPL-2.0-only
// The lesson parser: a valid lesson, and every error path with its position.
#include "lesson/lesson_toml.h"
#include "scenario/scenario_error.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace fl;

namespace {

// The head of a lesson: 10 lines, with a solution but no goal yet.
const std::string kHead = "title = \"t\"\n" // 1
                          "level = 2\n" // 2
                          "minutes = 5\n" // 3
                          "scenario = \"l1\"\n" // 4
                          "fixes = [\"wait-on-unlock\"]\n" // 5
                          "hints = [\"look\"]\n" // 6
                          "[[section]]\n" // 7
                          "text = \"story\"\n" // 8
                          "[[solution]]\n" // 9
                          "run = \"verdict\"\n"; // 10

const std::string kGoal = "[[goal]]\n" // 11
                          "id = \"g\"\n" // 12
                          "text = \"reach it\"\n"; // 13

// A lesson with one goal whose predicate lines start at line 14.
std::string withPredicate(const std::string &predicate)
{
    return kHead + kGoal + predicate;
}

ScenarioError parseError(const std::string &text)
{
    try {
        parseLesson(text, "t.toml");
    } catch (const ScenarioError &error) {
        return error;
    }
    ADD_FAILURE() << "no ScenarioError for:\n" << text;
    return ScenarioError("t.toml", -1, -1, "(not thrown)");
}

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

void expectErrorAt(const std::string &text, int line, int column, const std::string &needle)
{
    const ScenarioError e = parseError(text);
    EXPECT_EQ(e.file(), "t.toml");
    EXPECT_EQ(e.line(), line) << e.what();
    EXPECT_EQ(e.column(), column) << e.what();
    EXPECT_TRUE(contains(e.message(), needle)) << e.what() << "\n  does not say: " << needle;
}

// The trace names the test's own line when a check fails.
#define EXPECT_ERROR_AT(...)                                                                       \
    do {                                                                                           \
        SCOPED_TRACE("here");                                                                      \
        expectErrorAt(__VA_ARGS__);                                                                \
    } while (0)

} // namespace

TEST(LessonToml, ParsesAValidLesson)
{
    const Lesson l = parseLesson(withPredicate("event = \"trylock-failed\"\n"
                                               "task = \"T\"\n"
                                               "folio = \"D\"\n"
                                               "at_least = 3\n"
                                               "while = { task = \"M\", wait = \"flush_work\" }\n"),
            "t.toml");
    EXPECT_EQ(l.title, "t");
    EXPECT_EQ(l.level, 2);
    EXPECT_EQ(l.minutes, 5);
    EXPECT_EQ(l.scenario.name, "l1");
    EXPECT_EQ(l.toggles, std::vector<std::string> {"wait-on-unlock"});
    EXPECT_TRUE(l.startFixes.empty()); // l1's own list is ["baseline"]
    EXPECT_EQ(l.startPreempt, "voluntary");
    EXPECT_EQ(l.hints, std::vector<std::string> {"look"});
    ASSERT_EQ(l.sections.size(), 1u);
    EXPECT_EQ(l.sections[0].text, "story");
    ASSERT_EQ(l.goals.size(), 1u);
    EXPECT_EQ(l.goals[0].pos.line, 11);
    // `while` wraps the goal's predicate and the condition in an "all".
    const Predicate &p = l.goals[0].predicate;
    ASSERT_EQ(p.kind, Predicate::Kind::All);
    ASSERT_EQ(p.children.size(), 2u);
    EXPECT_EQ(p.children[0].kind, Predicate::Kind::Event);
    EXPECT_EQ(p.children[0].atLeast, 3u);
    EXPECT_EQ(p.children[1].kind, Predicate::Kind::TaskState);
    ASSERT_EQ(l.eventFilters.size(), 1u);
    EXPECT_EQ(l.eventFilters[0].kind, EventKind::TrylockFailed);
    EXPECT_EQ(l.taskNames[l.eventFilters[0].task], "T");
    EXPECT_EQ(l.folioNames[l.eventFilters[0].folio], "D");
    ASSERT_EQ(l.solution.size(), 1u);
    EXPECT_EQ(l.solution[0].kind, Action::Kind::RunVerdict);
    EXPECT_EQ(l.solution[0].pos.line, 9);
}

TEST(LessonToml, InlineScenarioAndEveryActionKind)
{
    const std::string text = "title = \"t\"\nlevel = 1\nminutes = 1\n"
                             "fixes = [\"wait-on-unlock\"]\n"
                             "start_fixes = [\"wait-on-unlock\"]\n"
                             "preempt = \"none\"\n"
                             "preempt_models = [\"full\"]\n"
                             "seed = 7\n"
                             "[scenario]\nname = \"inl\"\n"
                             "[[scenario.mm]]\nname = \"A\"\n"
                             "[[scenario.folio]]\nname = \"S\"\n"
                             "[[scenario.mapping]]\nmm = \"A\"\nva = 0\nfolio = \"S\"\n"
                             "[[scenario.task]]\nname = \"X\"\nrole = \"drainer\"\ncpu = 1\n"
                             "[[section]]\ntext = \"s\"\n"
                             "[[goal]]\nid = \"g\"\ntext = \"t\"\nfolio = \"S\"\nlru = true\n"
                             "[[solution]]\nstep = \"X\"\ntimes = 2\n"
                             "[[solution]]\nstep_cpu = 1\n"
                             "[[solution]]\nrun = \"steps\"\nsteps = 4\n"
                             "[[solution]]\nrun = \"goal\"\ngoal = \"g\"\nmax_steps = 10\n"
                             "[[solution]]\ntoggle = \"wait-on-unlock\"\n"
                             "[[solution]]\npreempt = \"full\"\n"
                             "[[solution]]\nreset = true\n"
                             "[[solution]]\nrun = \"verdict\"\n";
    const Lesson l = parseLesson(text, "t.toml");
    EXPECT_EQ(l.scenario.name, "inl");
    EXPECT_EQ(l.scenario.sourcePath, "t.toml");
    EXPECT_EQ(l.startFixes, std::vector<std::string> {"wait-on-unlock"});
    EXPECT_EQ(l.startPreempt, "none");
    EXPECT_EQ(l.preemptModels, (std::vector<std::string> {"none", "full"}));
    EXPECT_EQ(l.seed, 7u);
    // Four CPUs by default: kworkers K0..K3 follow the scenario's tasks.
    EXPECT_EQ(l.taskNames.size(), 5u);
    ASSERT_EQ(l.solution.size(), 8u);
    EXPECT_EQ(l.solution[0].kind, Action::Kind::StepTask);
    EXPECT_EQ(l.solution[0].times, 2u);
    EXPECT_EQ(l.solution[1].kind, Action::Kind::StepCpu);
    EXPECT_EQ(l.solution[1].cpu, 1);
    EXPECT_EQ(l.solution[2].kind, Action::Kind::RunSteps);
    EXPECT_EQ(l.solution[2].times, 4u);
    EXPECT_EQ(l.solution[3].kind, Action::Kind::RunGoal);
    EXPECT_EQ(l.solution[3].maxSteps, 10u);
    EXPECT_EQ(l.solution[4].kind, Action::Kind::ToggleFix);
    EXPECT_EQ(l.solution[5].kind, Action::Kind::SetPreempt);
    EXPECT_EQ(l.solution[6].kind, Action::Kind::Reset);
    EXPECT_EQ(l.solution[7].kind, Action::Kind::RunVerdict);
}

TEST(LessonToml, ScenarioFileBesideTheLesson)
{
    const auto dir = std::filesystem::temp_directory_path()
            / ("foliolab-lesson-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
        std::ofstream(dir / "mine.toml") << "name = \"mine\"\n[[mm]]\nname = \"A\"\n"
                                            "[[task]]\nname = \"X\"\nrole = \"drainer\"\n";
        std::ofstream(dir / "lesson.toml")
                << "title = \"t\"\nlevel = 1\nminutes = 1\nscenario = \"mine.toml\"\n"
                   "[[section]]\ntext = \"s\"\n"
                   "[[goal]]\nid = \"g\"\ntext = \"t\"\ntask = \"X\"\nstate = \"done\"\n"
                   "[[solution]]\nrun = \"verdict\"\n";
    }
    const Lesson l = loadLesson((dir / "lesson.toml").string());
    EXPECT_EQ(l.scenario.name, "mine");
    EXPECT_EQ(l.file, (dir / "lesson.toml").string());
    std::filesystem::remove_all(dir);
}

TEST(LessonToml, MissingFileHasNoPosition)
{
    try {
        loadLesson("/nonexistent/lesson.toml");
        FAIL() << "no error";
    } catch (const ScenarioError &e) {
        EXPECT_EQ(e.line(), 0);
        EXPECT_TRUE(contains(
                e.what(), "/nonexistent/lesson.toml: error: cannot open file: No such file"));
    }
}

TEST(LessonTomlErrors, TopLevel)
{
    EXPECT_ERROR_AT("level = 1\nlevel = 2\n", 2, 9, "cannot redefine existing integer 'level'");
    EXPECT_ERROR_AT(kHead + kGoal + "verdict = \"LIVELOCK\"\ncolour = 3\n", 15, 1,
            "unknown key 'colour' in [[goal]] 'g'");
    EXPECT_ERROR_AT("level = 1\nminutes = 1\nscenario = \"l1\"\nsize = 2\n", 4, 1,
            "unknown key 'size' at the top level; expected one of: title");
    EXPECT_ERROR_AT("level = 1\n", 1, 1, "the lesson is missing the required key 'title'");
    EXPECT_ERROR_AT("title = \"t\"\nlevel = 9\n", 2, 9,
            "'level' = 9 is out of range; expected an integer 1..5");
    EXPECT_ERROR_AT("title = \"t\"\nlevel = \"easy\"\n", 2, 9,
            "'level' is a string; expected an integer 1..5");
    EXPECT_ERROR_AT(
            "title = \"t\"\nlevel = 1\nminutes = 0\n", 3, 11, "'minutes' = 0 is out of range");
    EXPECT_ERROR_AT(
            "title = \"t\"\nlevel = 1\nminutes = 1\n", 1, 1, "missing the required key 'scenario'");
    EXPECT_ERROR_AT("title = \"t\"\nlevel = 1\nminutes = 1\nscenario = \"nope\"\n", 4, 12,
            "'scenario' = \"nope\" is neither a built-in scenario nor a file");
    EXPECT_ERROR_AT("title = \"t\"\nlevel = 1\nminutes = 1\nscenario = 3\n", 4, 12,
            "'scenario' is an integer; expected a built-in scenario name");
}

TEST(LessonTomlErrors, InlineScenarioKeepsTheLessonsPositions)
{
    EXPECT_ERROR_AT("title = \"t\"\nlevel = 1\nminutes = 1\n[scenario]\nname = \"x\"\n"
                    "[[scenario.mm]]\nname = \"A\"\n[[scenario.task]]\nname = \"X\"\n"
                    "role = \"drainer\"\ncpu = 9\n",
            11, 7, "out of range");
}

TEST(LessonTomlErrors, Fixes)
{
    const std::string head = "title = \"t\"\nlevel = 1\nminutes = 1\nscenario = \"l1\"\n";
    EXPECT_ERROR_AT(head + "fixes = [\"nope\"]\n", 5, 10, "names the unknown fix \"nope\"");
    EXPECT_ERROR_AT(head + "fixes = [\"baseline\"]\n", 5, 10, "which is no fix");
    EXPECT_ERROR_AT(head + "fixes = [\"wait-on-unlock\", \"wait-on-unlock\"]\n", 5, 28, "twice");
    EXPECT_ERROR_AT(head + "fixes = \"wait-on-unlock\"\n", 5, 9, "expected an array of fix names");
    EXPECT_ERROR_AT(head + "start_fixes = [\"pre-trylock\", \"wait-on-unlock\"]\n", 5, 31,
            "cannot be combined");
    EXPECT_ERROR_AT(head + "start_fixes = [\"pre-trylock\", \"pre-trylock\"]\n", 5, 31, "twice");
    EXPECT_ERROR_AT(head + "preempt = \"lazy\"\n", 5, 11, "not a preemption model");
    EXPECT_ERROR_AT(head + "preempt_models = [\"full\", 2]\n", 5, 27, "holds an integer");
}

TEST(LessonTomlErrors, SectionsGoalsAndSolutionPresence)
{
    const std::string head = "title = \"t\"\nlevel = 1\nminutes = 1\nscenario = \"l1\"\n";
    EXPECT_ERROR_AT(head, 1, 1, "missing the required key 'section'");
    EXPECT_ERROR_AT(head + "[[section]]\ntitle = \"x\"\n", 5, 1,
            "[[section]] is missing the required key 'text'");
    EXPECT_ERROR_AT(
            head + "section = 3\n", 5, 11, "'section' is an integer; expected [[section]] tables");
    EXPECT_ERROR_AT(head + "[[section]]\ntext = \"s\"\n", 1, 1, "missing the required key 'goal'");
    EXPECT_ERROR_AT(head
                    + "[[section]]\ntext = \"s\"\n[[goal]]\nid = \"g\"\ntext = \"t\"\n"
                      "verdict = \"LIVELOCK\"\n",
            1, 1, "missing the required key 'solution'");
}

TEST(LessonTomlErrors, Goals)
{
    EXPECT_ERROR_AT(
            kHead + "[[goal]]\ntext = \"t\"\n", 11, 1, "[[goal]] is missing the required key 'id'");
    EXPECT_ERROR_AT(kHead + "[[goal]]\nid = \"g\"\nverdict = \"LIVELOCK\"\n", 11, 1,
            "[[goal]] 'g' is missing the required key 'text'");
    EXPECT_ERROR_AT(
            withPredicate("verdict = \"LIVELOCK\"\n") + kGoal, 16, 6, "\"g\" is used twice");
    EXPECT_ERROR_AT(withPredicate(""), 11, 1, "says nothing to check; expected one of the keys");
    EXPECT_ERROR_AT(withPredicate("while = 3\nverdict = \"LIVELOCK\"\n"), 14, 9,
            "'while' is an integer; expected a predicate table");
}

TEST(LessonTomlErrors, PredicateNamesAndValues)
{
    EXPECT_ERROR_AT(withPredicate("task = \"Q\"\nstate = \"done\"\n"), 14, 8,
            "'task' = \"Q\" names no task of the scenario; expected one of: M, T, X, K0");
    EXPECT_ERROR_AT(withPredicate("folio = \"Z\"\nlocked = true\n"), 14, 9,
            "names no folio of the scenario; expected one of: S, D");
    EXPECT_ERROR_AT(withPredicate("event = \"explosion\"\n"), 14, 9,
            "'event' = \"explosion\" is unknown; expected one of: task-started");
    EXPECT_ERROR_AT(withPredicate("event = \"trylock-failed\"\nat_least = \"3\"\n"), 15, 12,
            "'at_least' is a string; expected an integer");
    EXPECT_ERROR_AT(
            withPredicate("event = \"trylock-failed\"\nat_least = 0\n"), 15, 12, "out of range");
    EXPECT_ERROR_AT(withPredicate("event = \"trylock-failed\"\ncpu = 4\n"), 15, 7,
            "'cpu' = 4 is out of range; expected an integer 0..3");
    EXPECT_ERROR_AT(withPredicate("event = \"trylock-failed\"\nwait = \"flush_work\"\n"), 15, 8,
            "only applies to event = \"sleep\"");
    EXPECT_ERROR_AT(withPredicate("event = \"sleep\"\nwait = \"forever\"\n"), 15, 8,
            "'wait' = \"forever\" is unknown; expected one of: not_started");
    EXPECT_ERROR_AT(withPredicate("event = \"sleep\"\nreason = \"refcount_check\"\n"), 15, 10,
            "only applies to event = \"migration-failed\"");
    EXPECT_ERROR_AT(withPredicate("event = \"migration-failed\"\nreason = \"bad luck\"\n"), 15, 10,
            "'reason' = \"bad luck\" is unknown");
    EXPECT_ERROR_AT(
            withPredicate("event = \"sleep\"\nstate = \"done\"\n"), 15, 1, "unknown key 'state'");
    EXPECT_ERROR_AT(withPredicate("metric = \"happiness\"\nat_least = 1\n"), 14, 10,
            "'metric' = \"happiness\" is unknown; expected one of:");
    EXPECT_ERROR_AT(withPredicate("metric = \"steps\"\n"), 14, 10, "needs 'at_least' or 'at_most'");
    EXPECT_ERROR_AT(withPredicate("metric = \"steps\"\nat_most = \"x\"\n"), 15, 11,
            "'at_most' is a string; expected a number");
    EXPECT_ERROR_AT(withPredicate("verdict = \"STUCK\"\n"), 14, 11,
            "'verdict' = \"STUCK\" is unknown; expected one of: LIVELOCK");
    EXPECT_ERROR_AT(withPredicate("fix = \"magic\"\n"), 14, 7, "is not a fix of the catalogue");
    EXPECT_ERROR_AT(withPredicate("explorer = \"FINE\"\n"), 14, 12,
            "'explorer' = \"FINE\" is unknown; expected one of: OK, LIVELOCK");
    EXPECT_ERROR_AT(
            withPredicate("preempt = \"lazy\"\n"), 14, 11, "is unknown; expected one of: none");
    EXPECT_ERROR_AT(withPredicate("migrated = \"Q\"\n"), 14, 12, "names no folio");
    EXPECT_ERROR_AT(withPredicate("task = \"T\"\n"), 14, 8, "a task predicate needs");
    EXPECT_ERROR_AT(withPredicate("task = \"T\"\nstate = \"asleep\"\n"), 15, 9,
            "'state' = \"asleep\" is unknown; expected one of: runnable");
    EXPECT_ERROR_AT(withPredicate("task = \"T\"\nin_function = \"schedule\"\n"), 15, 15,
            "is not a function of the model; expected one of:");
    EXPECT_ERROR_AT(withPredicate("folio = \"D\"\n"), 14, 9, "a folio predicate needs a condition");
    EXPECT_ERROR_AT(withPredicate("folio = \"D\"\nlocked = 1\n"), 15, 10,
            "'locked' is an integer; expected a boolean");
    EXPECT_ERROR_AT(withPredicate("folio = \"D\"\nplace = \"attic\"\n"), 15, 9,
            "is unknown; expected one of: lru");
    EXPECT_ERROR_AT(withPredicate("cpu = 1\n"), 14, 7, "a cpu predicate needs a condition");
    EXPECT_ERROR_AT(withPredicate("cpu = 1\nrunning = \"Q\"\n"), 15, 11, "names no task");
}

TEST(LessonTomlErrors, Combinators)
{
    EXPECT_ERROR_AT(
            withPredicate("all = []\n"), 14, 7, "that is empty; expected a non-empty array");
    EXPECT_ERROR_AT(
            withPredicate("any = 3\n"), 14, 7, "expected a non-empty array of predicate tables");
    EXPECT_ERROR_AT(
            withPredicate("all = [3]\n"), 14, 8, "holds an integer; expected a predicate table");
    EXPECT_ERROR_AT(withPredicate("all = [{ task = \"T\", mood = \"sad\" }]\n"), 14, 22,
            "unknown key 'mood' in a predicate of 'all'");
    EXPECT_ERROR_AT(withPredicate("not = \"LIVELOCK\"\n"), 14, 7,
            "'not' is a string; expected a predicate table");
    EXPECT_ERROR_AT(withPredicate("not = { verdict = \"NO\" }\n"), 14, 19, "is unknown");
    EXPECT_ERROR_AT(withPredicate("verdict = \"LIVELOCK\"\nfix = \"baseline\"\n"), 15, 1,
            "unknown key 'fix' in [[goal]] 'g'");
}

TEST(LessonTomlErrors, Solution)
{
    const std::string head = kHead.substr(0, kHead.find("[[solution]]")) + kGoal
            + "verdict = \"LIVELOCK\"\n"; // 12 lines: [[solution]] is line 13
    EXPECT_ERROR_AT(head + "[[solution]]\nwait = 3\n", 13, 1,
            "[[solution]] has no action; expected one of the keys: step");
    EXPECT_ERROR_AT(head + "[[solution]]\nstep = \"Q\"\n", 14, 8, "'step' = \"Q\" names no task");
    EXPECT_ERROR_AT(head + "[[solution]]\nstep = \"T\"\ntimes = 0\n", 15, 9, "out of range");
    EXPECT_ERROR_AT(head + "[[solution]]\nstep = \"T\"\nrun = \"verdict\"\n", 15, 1,
            "unknown key 'run' in [[solution]]");
    EXPECT_ERROR_AT(head + "[[solution]]\nstep_cpu = 5\n", 14, 12,
            "out of range; expected an integer 0..3");
    EXPECT_ERROR_AT(head + "[[solution]]\ntoggle = \"pre-trylock\"\n", 14, 10,
            "is not a fix the lesson offers; expected one of its 'fixes': wait-on-unlock");
    EXPECT_ERROR_AT(head + "[[solution]]\npreempt = \"full\"\n", 14, 11,
            "is not a model the lesson offers");
    EXPECT_ERROR_AT(head + "[[solution]]\nreset = false\n", 14, 9, "does nothing; expected true");
    EXPECT_ERROR_AT(
            head + "[[solution]]\nexplore = false\n", 14, 11, "does nothing; expected true");
    EXPECT_ERROR_AT(
            head + "[[solution]]\nexplore = true\nmax_states = 0\n", 15, 14, "out of range");
    EXPECT_ERROR_AT(head + "[[solution]]\nrun = \"forever\"\n", 14, 7,
            "'run' = \"forever\" is unknown; expected one of: verdict, goal, steps");
    EXPECT_ERROR_AT(head + "[[solution]]\nrun = \"goal\"\ngoal = \"h\"\n", 15, 8,
            "'goal' = \"h\" names no goal; expected one of: g");
    EXPECT_ERROR_AT(
            head + "[[solution]]\nrun = \"steps\"\n", 13, 1, "missing the required key 'steps'");
    EXPECT_ERROR_AT(
            head + "[[solution]]\nrun = \"verdict\"\nsteps = 3\n", 15, 1, "unknown key 'steps'");
    EXPECT_ERROR_AT(
            "solution = [3]\n" + head, 1, 13, "'solution' holds an integer; expected a table");
}
