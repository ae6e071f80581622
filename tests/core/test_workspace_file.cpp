// SPDX-License-Identifier: GPL-2.0-only
// Workspace files (issue 14, item 6): the round trip, every error at its
// FILE:LINE:COL with what was expected, and an atomic save.
#include "scenario/scenario_error.h"
#include "workspace/workspace_file.h"

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace fl;

namespace {

WorkspaceFile sample()
{
    WorkspaceFile w;
    w.run.scenario = "l1";
    w.run.fixes = {"wait-on-unlock"};
    w.run.preempt = "full";
    w.run.rcu = "preemptible";
    w.run.seed = 7;
    for (int i = 0; i < 30; ++i)
        w.run.choices.push_back(
                Choice {static_cast<CpuId>(i % 3), i % 7 == 0 ? TaskId(2) : NoTask});
    w.step = 21;
    w.lesson = "01-device-private-fault";
    w.machineTab = "tasks";
    w.sideTab = "lesson";
    w.bookmarks = {{0, "Start"}, {12, "T meets \"D\" \\ here"}, {30, "Step 30"}};
    return w;
}

// A small valid file; each error test breaks one thing in it.
const std::string kGood = "version = 1\n" // line 1
                          "step = 2\n" // line 2
                          "machine_tab = \"tasks\"\n" // line 3
                          "side_tab = \"why\"\n" // line 4
                          "\n" // line 5
                          "[[bookmark]]\n" // line 6
                          "step = 1\n" // line 7
                          "name = \"first\"\n" // line 8
                          "\n" // line 9
                          "[run]\n" // line 10
                          "version = 1\n" // line 11
                          "scenario = \"l1\"\n" // line 12
                          "choices = [[0, -1], [1, -1]]\n"; // line 13

std::string replaced(std::string text, const std::string &from, const std::string &to)
{
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
}

// The error parseWorkspace gives for `text`, as "LINE:COL: MESSAGE".
std::string errorOf(const std::string &text)
{
    try {
        parseWorkspace(text, "w.flws");
    } catch (const ScenarioError &error) {
        EXPECT_EQ(error.file(), "w.flws");
        return std::to_string(error.line()) + ":" + std::to_string(error.column()) + ": "
                + error.message();
    }
    return "no error";
}

class TempDir
{
public:
    TempDir()
    {
        std::string pattern
                = (std::filesystem::temp_directory_path() / "foliolab-ws-XXXXXX").string();
        m_path = ::mkdtemp(pattern.data());
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    std::string file(const std::string &name) const { return m_path + "/" + name; }
    const std::string &path() const { return m_path; }

private:
    std::string m_path;
};

void write(const std::string &path, const std::string &text)
{
    std::ofstream(path, std::ios::binary) << text;
}

} // namespace

TEST(WorkspaceFile, RoundTripKeepsEveryField)
{
    const WorkspaceFile w = sample();
    EXPECT_EQ(parseWorkspace(serialiseWorkspace(w), "mem"), w);
}

TEST(WorkspaceFile, RoundTripOfAnEmptyRunWithNoLessonOrBookmarks)
{
    WorkspaceFile w;
    w.run.scenario = "l1-single";
    EXPECT_EQ(parseWorkspace(serialiseWorkspace(w), "mem"), w);
}

TEST(WorkspaceFile, TheRunTableIsAReplayFile)
{
    const std::string text = serialiseWorkspace(sample());
    const std::string run = text.substr(text.find("[run]\n") + 6);
    EXPECT_EQ(parseReplay(run, "run.flab"), sample().run);
}

TEST(WorkspaceFile, MinimalFileHasDefaults)
{
    const WorkspaceFile w = parseWorkspace(
            "version = 1\nstep = 0\n[run]\nversion = 1\nscenario = \"l1\"\nchoices = []\n", "m");
    EXPECT_EQ(w.machineTab, "memory");
    EXPECT_EQ(w.sideTab, "why");
    EXPECT_EQ(w.lesson, "");
    EXPECT_TRUE(w.bookmarks.empty());
    EXPECT_EQ(w.run.scenario, "l1");
}

TEST(WorkspaceFile, BookmarksComeBackInStepOrder)
{
    const WorkspaceFile w = parseWorkspace(
            replaced(kGood, "[run]", "[[bookmark]]\nstep = 0\nname = \"zero\"\n[run]"), "m");
    ASSERT_EQ(w.bookmarks.size(), 2u);
    EXPECT_EQ(w.bookmarks[0], (WorkspaceBookmark {0, "zero"}));
    EXPECT_EQ(w.bookmarks[1], (WorkspaceBookmark {1, "first"}));
}

TEST(WorkspaceFile, EveryErrorNamesItsPlaceAndWhatWasExpected)
{
    ASSERT_EQ(errorOf(kGood), "no error");
    struct Case
    {
        std::string from, to, expected;
    };
    const Case cases[] = {
            {"step = 2\n", "step = 2 2\n", "2:10: Error while parsing key-value pair"},
            {"step = 2\n", "step = 3\n",
                    "2:8: 'step' must be between 0 and 2 (the run has 2 choices), not 3"},
            {"step = 2\n", "step = -1\n", "2:8: 'step' must be between 0 and 2"},
            {"step = 2\n", "step = \"two\"\n", "2:8: 'step' must be an integer"},
            {"step = 2\n", "", "1:1: missing 'step'"},
            {"version = 1\n", "version = 2\n",
                    "1:11: workspace format version 2 is not supported (expected 1)"},
            {"version = 1\nstep", "step", "1:1: missing 'version' (expected version = 1)"},
            {"\"tasks\"", "\"graph\"",
                    "3:15: unknown machine_tab 'graph' (expected memory, tasks or time)"},
            {"\"why\"", "\"notes\"",
                    "4:12: unknown side_tab 'notes' (expected why, fixes, choices, plots, lesson "
                    "or log)"},
            {"side_tab = \"why\"\n", "side_tab = \"why\"\nlesson = \"99-nope\"\n",
                    "5:10: unknown lesson '99-nope' (expected a built-in lesson: 01-"},
            {"side_tab = \"why\"\n", "side_tab = \"why\"\ncolour = 1\n",
                    "5:1: unknown key 'colour' (expected version, step, lesson, machine_tab, "
                    "side_tab, [[bookmark]] or [run])"},
            {"step = 1\nname", "step = 9\nname",
                    "7:8: a bookmark's 'step' must be between 0 and 2 (the run has 2 choices), "
                    "not 9"},
            {"name = \"first\"\n", "",
                    "6:1: [[bookmark]] without 'name' (expected name = \"...\")"},
            {"step = 1\nname", "name", "6:1: [[bookmark]] without 'step'"},
            {"name = \"first\"\n", "name = \"first\"\nwhen = 3\n",
                    "9:1: unknown key 'when' in [[bookmark]] (expected step or name)"},
            {"name = \"first\"", "name = 5", "8:8: 'name' must be a string"},
            {"name = \"first\"", "name = \"a\\nb\"", "8:8: 'name' must be one line"},
            {"name = \"first\"", "name = \"" + std::string(201, 'x') + "\"",
                    "8:8: 'name' must be at most 200 bytes, not 201"},
            {"[run]", "[[bookmark]]\nstep = 1\nname = \"again\"\n[run]",
                    "11:8: a second bookmark at step 1 (expected one bookmark per step; the first "
                    "is at line 7)"},
            {"[run]\nversion = 1\nscenario = \"l1\"\nchoices = [[0, -1], [1, -1]]\n", "",
                    "1:1: missing [run]"},
            {"[run]", "[runs]", "10:2: unknown key 'runs'"},
            {"scenario = \"l1\"\n", "",
                    "missing 'scenario' (a built-in name such as \"l1\", or a path)"},
            {"[[0, -1], [1, -1]]", "[[0, -1], [9, -1]]",
                    "13:22: 'cpu' must be between 0 and 7, not 9"},
            {"scenario = \"l1\"\n", "scenario = \"l1\"\nfixes = [\"no-such-fix\"]\n",
                    "13:10: unknown fix 'no-such-fix'"},
            {"scenario = \"l1\"\n", "scenario = \"l1\"\npreempt = \"lazy\"\n",
                    "13:11: unknown preemption model 'lazy' (expected none, voluntary, full or "
                    "rt)"},
            {"scenario = \"l1\"\n", "scenario = \"lesson:99-nope\"\n",
                    "12:12: unknown lesson '99-nope' (expected a built-in lesson: 01-"},
    };
    for (const Case &c : cases) {
        const std::string error = errorOf(replaced(kGood, c.from, c.to));
        EXPECT_NE(error.find(c.expected), std::string::npos)
                << "replacing " << c.from << "\n got: " << error << "\n want: " << c.expected;
    }
}

TEST(WorkspaceFile, AReplayFileIsRecognisedAndRefused)
{
    const std::string error = errorOf("version = 1\nscenario = \"l1\"\nchoices = [[0, -1]]\n");
    // toml++ walks keys in name order: 'choices' (line 3) comes first.
    EXPECT_NE(error.find("3:1: 'choices' at the top: this looks like a replay file"),
            std::string::npos)
            << error;
}

TEST(WorkspaceFile, AMissingFileIsReportedWithItsPath)
{
    try {
        loadWorkspace("/nonexistent/dir/lecture.flws");
        FAIL() << "no error";
    } catch (const ScenarioError &error) {
        EXPECT_EQ(error.file(), "/nonexistent/dir/lecture.flws");
        EXPECT_EQ(error.line(), 0);
        EXPECT_NE(std::string(error.what()).find("lecture.flws"), std::string::npos);
    }
}

TEST(WorkspaceFile, AnUnknownScenarioIsReportedAtItsPlace)
{
    TempDir dir;
    const std::string path = dir.file("w.flws");
    write(path, replaced(kGood, "\"l1\"", "\"no-such.toml\""));
    try {
        loadWorkspace(path);
        FAIL() << "no error";
    } catch (const ScenarioError &error) {
        EXPECT_EQ(error.file(), path);
        EXPECT_EQ(error.line(), 12);
        EXPECT_EQ(error.column(), 12);
        EXPECT_NE(error.message().find("unknown scenario 'no-such.toml': not a built-in scenario "
                                       "(l1, "),
                std::string::npos)
                << error.message();
        EXPECT_NE(error.message().find(dir.file("no-such.toml")), std::string::npos);
    }
}

TEST(WorkspaceFile, AScenarioPathIsRelativeToTheWorkspace)
{
    TempDir dir;
    std::filesystem::create_directory(dir.file("lecture"));
    write(dir.file("my.toml"), "# a scenario\n");
    WorkspaceFile w = sample();
    w.run.scenario = dir.file("my.toml");
    const std::string path = dir.file("lecture/w.flws");
    saveWorkspace(w, path);
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("scenario = \"../my.toml\""), std::string::npos) << text.str();
    EXPECT_EQ(loadWorkspace(path), w); // comes back absolute
}

TEST(WorkspaceFile, SaveIsAtomic)
{
    // A file size limit makes the second write fail part-way (EFBIG): the
    // first file stays whole and no temporary file is left.
    TempDir dir;
    const std::string path = dir.file("w.flws");
    const WorkspaceFile first = sample();
    saveWorkspace(first, path);
    WorkspaceFile big = sample();
    big.run.choices.assign(20'000, Choice {1, NoTask});
    big.step = 0;
    rlimit old {};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old;
    small.rlim_cur = 4096;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    EXPECT_THROW(saveWorkspace(big, path), ScenarioError);
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);
    EXPECT_EQ(loadWorkspace(path), first);
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator {}),
            1);
}

TEST(WorkspaceFile, ADirectoryInTheWayIsRefused)
{
    TempDir dir;
    std::filesystem::create_directory(dir.file("w.flws"));
    EXPECT_THROW(saveWorkspace(sample(), dir.file("w.flws")), ScenarioError);
    EXPECT_TRUE(std::filesystem::is_directory(dir.file("w.flws")));
}

TEST(WorkspaceFile, TheDocumentedExampleParses)
{
    // docs/file-formats.md shows a whole workspace; it must stay a valid one.
    std::ifstream in(std::string(FOLIOLAB_SOURCE_DIR) + "/docs/file-formats.md");
    std::stringstream doc;
    doc << in.rdbuf();
    const std::string text = doc.str();
    const std::size_t begin = text.find("```toml\n# FolioLab workspace");
    ASSERT_NE(begin, std::string::npos);
    const std::size_t start = text.find('\n', begin) + 1;
    const std::string example = text.substr(start, text.find("```", start) - start);
    const WorkspaceFile w = parseWorkspace(example, "docs/file-formats.md");
    EXPECT_EQ(w.lesson, "01-device-private-fault");
    EXPECT_EQ(w.sideTab, "plots");
    EXPECT_EQ(w.bookmarks.size(), 2u);
    EXPECT_EQ(w.step, 2);
}
