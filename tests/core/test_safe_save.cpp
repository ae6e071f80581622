// SPDX-License-Identifier: GPL-2.0-only
// Issue 16, fix 4: a save never loses or corrupts a file. The temporary file
// is unique (it was always PATH.tmp), a symlink is written through, the mode
// is kept and anything but a regular file is refused.
#include "io/safe_file.h"
#include "replay/replay_file.h"
#include "scenario/scenario_error.h"

#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace fl;

namespace {

class TempDir
{
public:
    TempDir()
    {
        std::string pattern
                = (std::filesystem::temp_directory_path() / "foliolab-save-XXXXXX").string();
        m_path = ::mkdtemp(pattern.data());
    }
    ~TempDir() { std::filesystem::remove_all(m_path); }
    std::string file(const std::string &name) const { return m_path + "/" + name; }
    const std::string &path() const { return m_path; }

private:
    std::string m_path;
};

std::string read(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write(const std::string &path, const std::string &text)
{
    std::ofstream(path, std::ios::binary) << text;
}

ReplayFile replayOf(std::size_t choices, std::uint64_t seed)
{
    ReplayFile r;
    r.scenario = "l1";
    r.seed = seed;
    for (std::size_t i = 0; i < choices; ++i)
        r.choices.push_back(Choice {static_cast<CpuId>(i % 2), NoTask});
    return r;
}

} // namespace

TEST(SafeSave, ConcurrentSavesToOnePathLeaveOneWholeFile)
{
    // Two writers of different files: the result is always exactly one of
    // them (with one shared PATH.tmp it was corrupt in 3 of 10 rounds).
    TempDir dir;
    const std::string path = dir.file("r.flab");
    const ReplayFile a = replayOf(20'000, 1), b = replayOf(30'000, 2);
    for (int round = 0; round < 10; ++round) {
        std::thread first([&] { saveReplay(a, path); });
        std::thread second([&] { saveReplay(b, path); });
        first.join();
        second.join();
        const ReplayFile loaded = loadReplay(path);
        EXPECT_TRUE(loaded == a || loaded == b) << "round " << round;
    }
    // No temporary file is left behind.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator {}),
            1);
}

TEST(SafeSave, ReplayTooLargeToReadBackIsNotWritten)
{
    TempDir dir;
    const std::string path = dir.file("r.flab");
    try {
        saveReplay(replayOf(1'000'000, 1), path);
        FAIL() << "wrote a replay it cannot read";
    } catch (const ScenarioError &e) {
        EXPECT_NE(e.message().find("1000000 choices"), std::string::npos) << e.message();
    }
    EXPECT_FALSE(std::filesystem::exists(path));
    saveReplay(replayOf(500'000, 1), path); // l1-sized: written and read back
    EXPECT_EQ(loadReplay(path).choices.size(), 500'000u);
}

TEST(SafeSave, UsersOwnTmpFileIsLeftAlone)
{
    TempDir dir;
    const std::string path = dir.file("r.flab");
    write(path + ".tmp", "my notes\n");
    saveReplay(replayOf(3, 1), path);
    EXPECT_EQ(read(path + ".tmp"), "my notes\n");
    EXPECT_EQ(loadReplay(path), replayOf(3, 1));
}

TEST(SafeSave, SymlinkIsWrittenThroughAndKept)
{
    TempDir dir;
    const std::string target = dir.file("real.flab"), link = dir.file("link.flab");
    write(target, "old\n");
    std::filesystem::create_symlink("real.flab", link);
    saveReplay(replayOf(3, 7), link);
    EXPECT_TRUE(std::filesystem::is_symlink(link));
    EXPECT_EQ(loadReplay(target), replayOf(3, 7));
}

TEST(SafeSave, DanglingSymlinkCreatesItsTarget)
{
    TempDir dir;
    const std::string link = dir.file("link.flab");
    std::filesystem::create_symlink("new.flab", link);
    saveReplay(replayOf(2, 3), link);
    EXPECT_TRUE(std::filesystem::is_symlink(link));
    EXPECT_EQ(loadReplay(dir.file("new.flab")), replayOf(2, 3));
}

TEST(SafeSave, PermissionBitsAreKept)
{
    TempDir dir;
    const std::string path = dir.file("private.flab");
    write(path, "old\n");
    ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
    saveReplay(replayOf(2, 1), path);
    struct stat st
    { };
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0600u);
}

TEST(SafeSave, NonRegularTargetIsRefusedAndLeftInPlace)
{
    TempDir dir;
    const std::string fifo = dir.file("pipe.flab");
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    try {
        saveReplay(replayOf(2, 1), fifo);
        FAIL() << "saved over a FIFO";
    } catch (const ScenarioError &e) {
        EXPECT_EQ(e.file(), fifo);
        EXPECT_NE(e.message().find("not a regular file"), std::string::npos) << e.message();
    }
    EXPECT_TRUE(std::filesystem::is_fifo(fifo));

    const std::string sub = dir.file("sub.flab");
    std::filesystem::create_directory(sub);
    EXPECT_THROW(saveReplay(replayOf(2, 1), sub), ScenarioError);
    EXPECT_TRUE(std::filesystem::is_directory(sub));
}

TEST(SafeSave, FailedWriteLeavesTheOldFileAndNoTemporary)
{
    // A file size limit makes the write fail part-way (EFBIG), even for root.
    TempDir dir;
    const std::string path = dir.file("r.flab");
    saveReplay(replayOf(2, 1), path);
    rlimit old {};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old;
    small.rlim_cur = 4096;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    EXPECT_THROW(saveReplay(replayOf(20'000, 2), path), ScenarioError);
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);
    EXPECT_EQ(loadReplay(path), replayOf(2, 1));
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator {}),
            1);
}
