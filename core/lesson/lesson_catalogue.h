// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "lesson/lesson.h"

#include <string>
#include <vector>

// The course: the lesson files of lessons/, compiled into the program (the
// window's lesson list, `foliolab lesson list`). A built-in lesson is named
// by its file stem ("01-device-private-fault"); the stems sort in course
// order.
namespace fl {

struct BuiltinLesson
{
    std::string id;
    std::string title; // "" when the embedded file does not parse (a test catches that)
    int level = 0;
    int minutes = 0;
};

// Every built-in lesson, in course order.
std::vector<BuiltinLesson> builtinLessons();
// The embedded TOML text of a built-in lesson, or empty when unknown.
std::string builtinLessonText(const std::string &id);
// Parses a built-in lesson, reported as "builtin:lessons/ID". Throws
// ScenarioError (also for an unknown id, listing the known ones).
Lesson loadBuiltinLesson(const std::string &id);

} // namespace fl
