// SPDX-License-Identifier: GPL-2.0-only
#include "replay/replay_file.h"
#include "scenario/scenario_error.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace fl;

namespace {

ReplayFile sample()
{
    ReplayFile r;
    r.scenario = "l1";
    r.fixes = {"wait-on-unlock"};
    r.preempt = "full";
    r.seed = 42;
    for (int i = 0; i < 23; ++i)
        r.choices.push_back(Choice{static_cast<CpuId>(i % 4), i % 5 == 0 ? TaskId(3) : NoTask});
    return r;
}

const std::string kGood = "version = 1\nscenario = \"l1\"\nchoices = [[0, -1]]\n";

} // namespace

TEST(ReplayFile, RoundTripKeepsEveryField)
{
    const ReplayFile r = sample();
    EXPECT_EQ(parseReplay(serialiseReplay(r), "mem"), r);
}

// A lasso found from a step of a timed run: its timed choices first.
TEST(ReplayFile, RoundTripKeepsTheTimedPartOfAnUntimedRun)
{
    ReplayFile r = sample();
    r.untimed = true;
    r.untimedFrom = 7;
    r.cycleStart = 12;
    r.choices.push_back(Choice {1, TickChoice});
    const std::string text = serialiseReplay(r);
    EXPECT_NE(text.find("untimed_from = 7\n"), std::string::npos) << text;
    EXPECT_EQ(parseReplay(text, "mem"), r);
    r.untimedFrom = 0; // the default is not written
    EXPECT_EQ(serialiseReplay(r).find("untimed_from"), std::string::npos);
}

TEST(ReplayFile, RoundTripOfEmptyScheduleAndNoFixes)
{
    ReplayFile r;
    r.scenario = "lessons/my scenario \"x\".toml";
    EXPECT_EQ(parseReplay(serialiseReplay(r), "mem"), r);
}

TEST(ReplayFile, MinimalFileHasDefaults)
{
    const ReplayFile r = parseReplay(kGood, "ok.flab");
    EXPECT_EQ(r.scenario, "l1");
    EXPECT_TRUE(r.fixes.empty());
    EXPECT_EQ(r.preempt, "");
    EXPECT_EQ(r.seed, 1u);
    ASSERT_EQ(r.choices.size(), 1u);
    EXPECT_EQ(r.choices[0], (Choice{0, NoTask}));
}

TEST(ReplayFile, SaveIsAtomicAndLoads)
{
    const auto dir = std::filesystem::temp_directory_path() / "foliolab-replay-test";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "r.flab").string();
    saveReplay(sample(), path);
    EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
    EXPECT_EQ(loadReplay(path), sample());
    std::filesystem::remove_all(dir);
}

TEST(ReplayFile, SaveIntoMissingDirectoryFailsAndNamesTheFile)
{
    const std::string path = "/nonexistent-dir-foliolab/r.flab";
    try {
        saveReplay(sample(), path);
        FAIL() << "expected an error";
    } catch (const ScenarioError &e) {
        EXPECT_EQ(e.file(), path);
    }
}

TEST(ReplayFile, MissingFileIsAnError)
{
    EXPECT_THROW(loadReplay("/nonexistent-foliolab.flab"), ScenarioError);
}

struct BadCase {
    const char *name;
    std::string text;
    int line;
    int column;
    const char *mentions;
};

class ReplayFileBad : public ::testing::TestWithParam<BadCase> {};

TEST_P(ReplayFileBad, IsRefusedWithPositionAndReason)
{
    const BadCase &c = GetParam();
    try {
        parseReplay(c.text, "bad.flab");
        FAIL() << "parsed: " << c.text;
    } catch (const ScenarioError &e) {
        EXPECT_EQ(e.file(), "bad.flab");
        EXPECT_EQ(e.line(), c.line) << e.what();
        if (c.column > 0) {
            EXPECT_EQ(e.column(), c.column) << e.what();
        }
        EXPECT_NE(std::string(e.what()).find(c.mentions), std::string::npos) << e.what();
        EXPECT_EQ(std::string(e.what()).rfind("bad.flab:", 0), 0u) << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, ReplayFileBad,
        ::testing::Values(BadCase {"syntax", "version = 1\nscenario = = \"l1\"\n", 2, 0, "error"},
                BadCase {"missingVersion", "scenario = \"l1\"\nchoices = []\n", 1, 0, "version"},
                BadCase {"wrongVersion", "version = 2\nscenario = \"l1\"\nchoices = []\n", 1, 11,
                        "version 2"},
                BadCase {"missingScenario", "version = 1\nchoices = []\n", 1, 0, "scenario"},
                BadCase {"emptyScenario", "version = 1\nscenario = \"\"\nchoices = []\n", 2, 12,
                        "scenario"},
                BadCase {"scenarioNotString", "version = 1\nscenario = 3\nchoices = []\n", 2, 12,
                        "string"},
                BadCase {"missingChoices", "version = 1\nscenario = \"l1\"\n", 1, 0, "choices"},
                BadCase {"unknownKey", kGood + "speed = 3\n", 4, 1, "unknown key 'speed'"},
                BadCase {"unknownFix", kGood + "fixes = [\"no-such-fix\"]\n", 4, 10, "no-such-fix"},
                BadCase {"fixNotString", kGood + "fixes = [1]\n", 4, 10, "fix names"},
                BadCase {"fixesNotArray", kGood + "fixes = \"wait-on-unlock\"\n", 4, 9, "array"},
                BadCase {"badPreempt", kGood + "preempt = \"lazy\"\n", 4, 11, "lazy"},
                BadCase {"negativeSeed", kGood + "seed = -1\n", 4, 8, "seed"},
                BadCase {"seedNotInteger", kGood + "seed = \"x\"\n", 4, 8, "integer"},
                BadCase {"choiceNotPair", "version = 1\nscenario = \"l1\"\nchoices = [[0]]\n", 3,
                        12, "[cpu, task]"},
                BadCase {"choiceNotArray", "version = 1\nscenario = \"l1\"\nchoices = [3]\n", 3, 12,
                        "[cpu, task]"},
                BadCase {"cpuOutOfRange", "version = 1\nscenario = \"l1\"\nchoices = [[99, -1]]\n",
                        3, 13, "cpu"},
                BadCase {"taskOutOfRange", "version = 1\nscenario = \"l1\"\nchoices = [[0, 200]]\n",
                        3, 16, "task"},
                BadCase {"taskNotInteger",
                        "version = 1\nscenario = \"l1\"\nchoices = [[0, \"T\"]]\n", 3, 16,
                        "integer"},
                BadCase {"untimedFromWhenTimed", kGood + "untimed_from = 1\n", 4, 16,
                        "needs time = \"untimed\""},
                BadCase {"untimedFromPastTheEnd", kGood + "time = \"untimed\"\nuntimed_from = 2\n",
                        5, 16, "past the last choice (expected 0..1)"},
                BadCase {"untimedFromNegative", kGood + "time = \"untimed\"\nuntimed_from = -1\n",
                        5, 16, "untimed_from"},
                BadCase {"cycleInTheTimedPart",
                        "version = 1\nscenario = \"l1\"\ntime = \"untimed\"\nchoices = [[0, -1], "
                        "[1, -1], [0, -2]]\nuntimed_from = 2\ncycle_start = 1\n",
                        6, 15, "in the timed part"},
                BadCase {"tickInTheTimedPart",
                        "version = 1\nscenario = \"l1\"\ntime = \"untimed\"\nchoices = [[0, -1], "
                        "[1, -2], [0, -2]]\nuntimed_from = 2\n",
                        4, 25, "task -2 (a tick) is choice 1, in the timed part"}),
        [](const ::testing::TestParamInfo<BadCase> &info) { return std::string(info.param.name); });
