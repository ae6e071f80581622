// SPDX-License-Identifier: GPL-2.0-only
// The verifier: a lesson passes only when its solution reaches every goal,
// and a failure names the lesson, the goal or action, and its position.
#include "lesson/lesson_toml.h"
#include "lesson/lesson_verify.h"

#include <gtest/gtest.h>

#include <string>

using namespace fl;

namespace {

std::string lessonWith(const std::string &goalsAndSolution)
{
    return "title = \"Checked\"\n" // 1
           "level = 1\n" // 2
           "minutes = 1\n" // 3
           "scenario = \"l1\"\n" // 4
           "fixes = [\"wait-on-unlock\"]\n" // 5
           "[[section]]\n" // 6
           "text = \"s\"\n" // 7
            + goalsAndSolution; // from line 8
}

bool contains(const std::string &haystack, const std::string &needle)
{
    return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST(LessonVerify, ASolutionThatReachesEveryGoalPasses)
{
    const Lesson l = parseLesson(lessonWith("[[goal]]\nid = \"live\"\ntext = \"t\"\n"
                                            "verdict = \"LIVELOCK\"\n"
                                            "[[goal]]\nid = \"fixed\"\ntext = \"t\"\n"
                                            "all = [{ verdict = \"COMPLETED\" }, "
                                            "{ fix = \"wait-on-unlock\" }]\n"
                                            "[[solution]]\nrun = \"verdict\"\n"
                                            "[[solution]]\ntoggle = \"wait-on-unlock\"\n"),
            "ok.toml");
    const LessonVerification v = verifyLesson(l);
    EXPECT_TRUE(v.ok());
    EXPECT_TRUE(v.failures.empty());
    EXPECT_EQ(v.title, "Checked");
    EXPECT_EQ(v.goalsMet, 2u);
    EXPECT_EQ(v.goalsTotal, 2u);
    EXPECT_GT(v.steps, 500'000u); // the livelock run, then its replay under the fix
    EXPECT_GE(v.wallMs, 0.0);
}

TEST(LessonVerify, AGoalTheSolutionMissesFailsNamingIt)
{
    const Lesson l = parseLesson(lessonWith("[[goal]]\nid = \"live\"\ntext = \"t\"\n" // 8-10
                                            "verdict = \"LIVELOCK\"\n" // 11
                                            "[[goal]]\nid = \"fixed\"\n" // 12-13
                                            "text = \"the run completes\"\n" // 14
                                            "verdict = \"COMPLETED\"\n" // 15
                                            "[[solution]]\nrun = \"verdict\"\n"),
            "miss.toml");
    const LessonVerification v = verifyLesson(l);
    EXPECT_FALSE(v.ok());
    EXPECT_EQ(v.goalsMet, 1u);
    ASSERT_EQ(v.failures.size(), 1u);
    EXPECT_EQ(v.failures[0],
            "miss.toml:12:1: error: lesson 'Checked': goal 'fixed' (the run completes) was not "
            "met by the reference solution");
}

TEST(LessonVerify, AnActionThatCannotBeDoneFailsNamingIt)
{
    const Lesson l = parseLesson(lessonWith("[[goal]]\nid = \"live\"\ntext = \"t\"\n" // 8-10
                                            "verdict = \"LIVELOCK\"\n" // 11
                                            "[[solution]]\nrun = \"steps\"\nsteps = 2\n" // 12-14
                                            "[[solution]]\nstep_cpu = 3\n"), // 15-16
            "act.toml");
    const LessonVerification v = verifyLesson(l);
    EXPECT_FALSE(v.ok());
    ASSERT_EQ(v.failures.size(), 2u);
    EXPECT_TRUE(contains(v.failures[0],
            "act.toml:15:1: error: lesson 'Checked': solution action 2 "
            "(step_cpu = 3, times = 1) failed: CPU3 has nothing to do"))
            << v.failures[0];
    // The goals are still checked, so the report says what was missed too.
    EXPECT_TRUE(contains(v.failures[1], "act.toml:8:1: error: lesson 'Checked': goal 'live'"))
            << v.failures[1];
}
