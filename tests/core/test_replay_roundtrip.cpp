// SPDX-License-Identifier: GPL-2.0-only
// Issue 16, fix 5: everything FolioLab writes, it reads back; a replay's
// scenario path is relative to the replay file; a timed replay whose choice
// is not possible stops with that choice's index; "A+A" is refused.
#include "engine/runner.h"
#include "kernel/fixes.h"
#include "replay/replay_file.h"
#include "report/fix_sets.h"
#include "run_support.h"
#include "scenario/scenario_error.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <random>

using namespace fl;

namespace {

class TempDir
{
public:
    TempDir()
    {
        std::string pattern
                = (std::filesystem::temp_directory_path() / "foliolab-rt-XXXXXX").string();
        m_path = ::mkdtemp(pattern.data());
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    std::string file(const std::string &name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

} // namespace

TEST(ReplayRoundTrip, EverySeedFixAndModelReadsBack)
{
    std::vector<std::uint64_t> seeds
            = {0, 1, 42, static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()),
                    static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1,
                    std::numeric_limits<std::uint64_t>::max()};
    std::mt19937_64 random(16);
    for (int i = 0; i < 50; ++i)
        seeds.push_back(random());
    std::vector<std::vector<std::string>> fixSets = {{}, {"baseline"}};
    for (const std::string &set : defaultFixSets())
        if (set != "baseline")
            fixSets.push_back(parseFixSetNames(set).names);
    TempDir dir;
    const std::string path = dir.file("r.flab");
    std::size_t n = 0;
    for (const std::uint64_t seed : seeds)
        for (const auto &fixes : fixSets)
            for (const std::string preempt : {"", "none", "voluntary", "full", "rt"}) {
                ReplayFile r;
                r.scenario = "l1";
                r.seed = seed;
                r.fixes = fixes;
                r.preempt = preempt;
                r.choices = {Choice {0, NoTask}, Choice {1, 3}};
                ASSERT_EQ(parseReplay(serialiseReplay(r), "mem"), r) << seed;
                if (++n % 37 == 0) { // through the file as well, on a sample
                    saveReplay(r, path);
                    ASSERT_EQ(loadReplay(path), r) << seed;
                }
            }
}

TEST(ReplayRoundTrip, SeedBeyondSignedRangeIsAStringAndBadOnesAreRefused)
{
    const std::string head = "version = 1\nscenario = \"l1\"\nchoices = []\n";
    EXPECT_EQ(parseReplay(head + "seed = \"18446744073709551615\"\n", "r").seed,
            std::numeric_limits<std::uint64_t>::max());
    for (const std::string bad : {"\"18446744073709551616\"", "\"-1\"", "\"\"", "\"1x\""}) {
        try {
            parseReplay(head + "seed = " + bad + "\n", "r");
            ADD_FAILURE() << bad;
        } catch (const ScenarioError &e) {
            EXPECT_EQ(e.line(), 4);
            EXPECT_EQ(e.column(), 8);
        }
    }
}

TEST(ReplayRoundTrip, RelativeScenarioPathIsRelativeToTheReplayFile)
{
    TempDir dir;
    std::filesystem::create_directories(dir.file("scenarios"));
    std::filesystem::create_directories(dir.file("replays"));
    const std::string scenario = dir.file("scenarios/mine.toml");
    std::ofstream(scenario) << builtinScenarioText("l1");
    // Written by hand, as the README describes it.
    std::ofstream(dir.file("replays/r.flab"))
            << "version = 1\nscenario = \"../scenarios/mine.toml\"\nchoices = []\n";
    // The current directory is not the replay's folder.
    const ReplayFile loaded = loadReplay(dir.file("replays/r.flab"));
    EXPECT_TRUE(std::filesystem::path(loaded.scenario).is_absolute());
    EXPECT_TRUE(std::filesystem::equivalent(loaded.scenario, scenario));
    EXPECT_NO_THROW(loadScenario(loaded.scenario));

    // Saved from here with a scenario path relative to here: read back from
    // its own folder.
    const auto cwd = std::filesystem::current_path();
    std::filesystem::current_path(dir.file("scenarios"));
    ReplayFile r;
    r.scenario = "mine.toml";
    saveReplay(r, "../replays/saved.flab");
    std::filesystem::current_path(cwd);
    const ReplayFile back = loadReplay(dir.file("replays/saved.flab"));
    EXPECT_TRUE(std::filesystem::equivalent(back.scenario, scenario));
}

TEST(ReplayRoundTrip, StrictReplayStopsAtTheFirstImpossibleChoice)
{
    const fl::Setup setup = test::setupOf(loadScenario("l1"), "baseline");
    RunOptions options;
    options.maxSteps = 50;
    const RunResult first = runToVerdict(setup, options);
    ASSERT_GE(first.choices.size(), 10u);
    options.replay.assign(first.choices.begin(), first.choices.begin() + 10);
    options.replay[6] = Choice {static_cast<CpuId>(MaxCpus - 1), NoTask}; // no such CPU in l1
    options.strictReplay = true;
    const RunResult r = runToVerdict(setup, options);
    EXPECT_EQ(r.replayMismatchAt, 6);
    EXPECT_EQ(r.steps, 6u);
    options.strictReplay = false; // the lesson player and compare follow while possible
    EXPECT_EQ(runToVerdict(setup, options).replayMismatchAt, -1);
}

TEST(ReplayRoundTrip, FixGivenTwiceIsRefused)
{
    const ParsedFixSet parsed = parseFixSetNames("wait-on-unlock+wait-on-unlock");
    EXPECT_NE(parsed.error.find("given twice"), std::string::npos) << parsed.error;
    EXPECT_TRUE(parseFixSetNames("wait-on-unlock").error.empty());
}

// Found by the fuzzer in CI: a scenario string with a control character
// (written \f in the file) was written back raw, which TOML refuses. Every
// string the reader accepts must be written in a form it reads again.
TEST(ReplayRoundTrip, ControlCharactersInStringsAreWrittenEscaped)
{
    const std::string text = "version = 1\nscenario = \"a\\fb\\u0001c\\\\d\\\"e\"\nchoices = []\n";
    const fl::ReplayFile replay = fl::parseReplay(text, "ctl.flab");
    EXPECT_EQ(replay.scenario, std::string("a\fb\x01" "c\\d\"e"));
    const std::string written = fl::serialiseReplay(replay);
    EXPECT_EQ(written.find('\f'), std::string::npos);
    EXPECT_EQ(fl::parseReplay(written, "again.flab"), replay);
}
