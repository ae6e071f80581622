// SPDX-License-Identifier: GPL-2.0-only
// Issue 16, fixes 1 and 3: no input file crashes a reader or is read without
// end. Every reader (scenario, lesson, replay) goes through the same checks.
#include "io/safe_file.h"
#include "io/toml_prescan.h"
#include "lesson/lesson_toml.h"
#include "replay/replay_file.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_error.h"
#include "scenario/scenario_toml.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>

using namespace fl;

namespace {

class TempDir
{
public:
    TempDir()
    {
        std::string pattern
                = (std::filesystem::temp_directory_path() / "foliolab-input-XXXXXX").string();
        m_path = ::mkdtemp(pattern.data());
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    std::string file(const std::string &name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

void write(const std::string &path, const std::string &text)
{
    std::ofstream(path, std::ios::binary) << text;
}

// Each reader, by the path of a file.
const std::vector<std::pair<std::string, std::function<void(const std::string &)>>> kLoaders = {
        {"scenario",
                [](const std::string &p) {
                    loadScenario(p);
                }},
        {"lesson",
                [](const std::string &p) {
                    loadLesson(p);
                }},
        {"replay",
                [](const std::string &p) {
                    loadReplay(p);
                }},
};

ScenarioError errorOf(const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const ScenarioError &e) {
        return e;
    }
    ADD_FAILURE() << "no ScenarioError";
    return ScenarioError("", 0, 0, "");
}

std::string deepKey(int parts)
{
    std::string key = "a";
    for (int i = 1; i < parts; ++i)
        key += ".a";
    return key;
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

// --- fix 1: deep keys --------------------------------------------------------

TEST(TomlPrescan, DeepTableHeaderIsRefusedAtItsPositionByEveryReader)
{
    // 40 000 parts overflowed the stack inside toml++ (SIGSEGV).
    const std::string text = "# a comment\n[" + deepKey(40'000) + "]\n";
    TempDir dir;
    const std::string path = dir.file("deep.toml");
    write(path, text);
    for (const auto &[what, load] : kLoaders) {
        const ScenarioError e = errorOf([&] { load(path); });
        EXPECT_EQ(e.file(), path) << what;
        EXPECT_EQ(e.line(), 2) << what;
        EXPECT_GT(e.column(), 1) << what;
        EXPECT_TRUE(contains(e.message(), "dotted parts")) << what << ": " << e.message();
    }
}

TEST(TomlPrescan, DeepDottedKeyInALessonsInlineScenarioIsRefused)
{
    const std::string text = "title = \"x\"\n[scenario]\n" + deepKey(40'000) + " = 1\n";
    const ScenarioError e = errorOf([&] { parseLesson(text, "lesson.toml", "."); });
    EXPECT_EQ(e.line(), 3);
    EXPECT_TRUE(contains(e.message(), "dotted parts")) << e.message();
}

TEST(TomlPrescan, DeepNestingIsRefused)
{
    const std::string text = "x = " + std::string(100'000, '[') + "\n";
    const ScenarioError e = errorOf([&] { parseScenario(text, "nest.toml"); });
    EXPECT_EQ(e.line(), 1);
    EXPECT_EQ(e.column(), 5 + MaxTomlNesting);
    EXPECT_TRUE(contains(e.message(), "nested")) << e.message();
}

TEST(TomlPrescan, DotsInStringsCommentsAndNumbersAreNotKeyParts)
{
    std::string many(500, '.');
    const std::string text = "# " + many + "\ns = \"" + many + "\"\nt = '''\n" + many
            + "\n'''\nu = \"\\\"" + many + "\"\nf = [1.5, 2.5, 3.5, 4.5]\n[a.\"b.c\".d]\n";
    EXPECT_NO_THROW(checkTomlShape(text, "ok.toml"));
    EXPECT_NO_THROW(checkTomlShape(builtinScenarioText("l1"), "l1"));
}

// --- fix 3: endless and huge inputs ----------------------------------------

TEST(InputFiles, FifoIsRefusedWithoutWaitingForAWriter)
{
    TempDir dir;
    const std::string fifo = dir.file("pipe.toml");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    for (const auto &[what, load] : kLoaders) {
        const ScenarioError e = errorOf([&] { load(fifo); });
        EXPECT_TRUE(contains(e.message(), "a FIFO, not a regular file"))
                << what << ": " << e.message();
    }
}

TEST(InputFiles, DevicesAreRefused)
{
    for (const std::string device : {"/dev/zero", "/dev/null", "/dev/urandom"})
        for (const auto &[what, load] : kLoaders) {
            const ScenarioError e = errorOf([&] { load(device); });
            EXPECT_EQ(e.file(), device);
            EXPECT_TRUE(contains(e.message(), "a device, not a regular file"))
                    << what << ": " << e.message();
        }
}

TEST(InputFiles, ReplayNamingADeviceAsItsScenarioIsRefused)
{
    TempDir dir;
    const std::string path = dir.file("r.flab");
    write(path, "version = 1\nscenario = \"/dev/zero\"\nchoices = []\n");
    const ReplayFile replay = loadReplay(path);
    const ScenarioError e = errorOf([&] { loadScenario(replay.scenario); });
    EXPECT_TRUE(contains(e.message(), "not a regular file")) << e.message();
}

TEST(InputFiles, FileOverTheCapIsRefusedBeforeParsing)
{
    TempDir dir;
    const std::string path = dir.file("big.toml");
    // A valid file padded with a comment: without the cap it would load.
    write(path, builtinScenarioText("l1") + "# " + std::string(MaxInputFileBytes, 'x') + "\n");
    for (const auto &[what, load] : kLoaders) {
        if (what == "replay")
            continue;
        const ScenarioError e = errorOf([&] { load(path); });
        EXPECT_EQ(e.line(), 0) << what;
        EXPECT_TRUE(contains(e.message(), "larger than 4 MiB")) << what << ": " << e.message();
    }
    const std::string replay = dir.file("big.flab");
    write(replay,
            "version = 1\nscenario = \"l1\"\nchoices = []\n# "
                    + std::string(MaxReplayFileBytes, 'x') + "\n");
    const ScenarioError e = errorOf([&] { loadReplay(replay); });
    EXPECT_TRUE(contains(e.message(), "larger than 8 MiB")) << e.message();
}

TEST(InputFiles, DirectoryGetsTheSameMessageFromEveryReader)
{
    TempDir dir;
    const std::string path = dir.file("d.flab");
    std::filesystem::create_directory(path);
    for (const auto &[what, load] : kLoaders) {
        const ScenarioError e = errorOf([&] { load(path); });
        EXPECT_TRUE(e.message().starts_with("cannot open file: Is a directory"))
                << what << ": " << e.message();
    }
}

TEST(InputFiles, FileJustUnderTheCapIsRead)
{
    TempDir dir;
    const std::string path = dir.file("ok.toml");
    const std::string text = builtinScenarioText("l1");
    write(path, text);
    EXPECT_EQ(readInputFile(path), text);
}

// Fix 8: the builder's refusal of a folio nothing holds names the folio's
// position (it was the only exit-2 message without one among 384 fuzzed
// scenarios).
TEST(InputFiles, UnheldFolioIsRefusedAtItsName)
{
    std::string text = builtinScenarioText("l1-single");
    const std::string marker = "[[folio]]\n";
    const std::size_t at = text.find(marker);
    ASSERT_NE(at, std::string::npos);
    text.insert(at, "[[folio]]\nname = \"Lonely\"\nlocation = \"none\"\n\n");
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n')) + 1;
    ScenarioSpec spec = parseScenario(text, "lonely.toml");
    spec.sourcePath = "lonely.toml";
    const ScenarioError e = errorOf([&] { buildSetup(spec); });
    EXPECT_EQ(e.file(), "lonely.toml");
    EXPECT_EQ(e.line(), line);
    EXPECT_EQ(e.column(), 8);
    EXPECT_TRUE(contains(e.message(), "folio Lonely is neither mapped")) << e.message();
}
