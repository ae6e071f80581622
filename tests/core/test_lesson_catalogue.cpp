// SPDX-License-Identifier: GPL-2.0-only
// The built-in course: what is embedded is the lessons/ directory, and each
// lesson parses. (Playing each one is the ctest lessons_verify.)
#include "lesson/lesson_catalogue.h"
#include "scenario/scenario_error.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace fl;

TEST(LessonCatalogue, EmbedsEveryLessonFileInCourseOrder)
{
    std::set<std::string> files;
    for (const auto &entry :
            std::filesystem::directory_iterator(std::string(FOLIOLAB_SOURCE_DIR) + "/lessons"))
        if (entry.path().extension() == ".toml")
            files.insert(entry.path().stem().string());

    const std::vector<BuiltinLesson> lessons = builtinLessons();
    ASSERT_EQ(lessons.size(), files.size());
    ASSERT_GE(lessons.size(), 11u);
    std::string previous;
    for (const BuiltinLesson &b : lessons) {
        EXPECT_TRUE(files.count(b.id)) << b.id;
        EXPECT_LT(previous, b.id);
        previous = b.id;
        EXPECT_FALSE(b.title.empty()) << b.id << " does not parse";
        EXPECT_GE(b.level, 1);
        EXPECT_GE(b.minutes, 1);

        std::ifstream in(std::string(FOLIOLAB_SOURCE_DIR) + "/lessons/" + b.id + ".toml");
        std::ostringstream text;
        text << in.rdbuf();
        EXPECT_EQ(builtinLessonText(b.id), text.str()) << b.id;

        const Lesson l = loadBuiltinLesson(b.id);
        EXPECT_EQ(l.title, b.title);
        EXPECT_EQ(l.file, "builtin:lessons/" + b.id);
        EXPECT_FALSE(l.goals.empty());
        EXPECT_FALSE(l.solution.empty());
    }
    // Levels never go down along the course: it builds from first principles.
    for (std::size_t i = 1; i < lessons.size(); ++i)
        EXPECT_LE(lessons[i - 1].level, lessons[i].level) << lessons[i].id;
}

TEST(LessonCatalogue, UnknownIdListsTheCourse)
{
    EXPECT_TRUE(builtinLessonText("nope").empty());
    try {
        loadBuiltinLesson("nope");
        FAIL() << "no error";
    } catch (const ScenarioError &e) {
        EXPECT_EQ(e.file(), "builtin:lessons/nope");
        EXPECT_NE(e.message().find("expected one of: 01-device-private-fault"), std::string::npos)
                << e.what();
    }
}

// The documented example is a real lesson: the ctest lessons_verify plays
// tests/lessons/readme-example.toml, and here the README must show it whole.
TEST(LessonCatalogue, ReadmeExampleIsTheVerifiedFixture)
{
    const auto read = [](const std::string &path) {
        std::ifstream in(std::string(FOLIOLAB_SOURCE_DIR) + "/" + path);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    };
    const std::string example = read("tests/lessons/readme-example.toml");
    ASSERT_FALSE(example.empty());
    EXPECT_NE(read("lessons/README.md").find("```toml\n" + example + "```"), std::string::npos)
            << "lessons/README.md no longer shows tests/lessons/readme-example.toml";
}
