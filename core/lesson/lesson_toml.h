// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "lesson/lesson.h"

#include <string>
#include <string_view>

namespace fl {

// Parses a lesson file (format: lessons/README.md, "Lesson format"). Throws
// ScenarioError naming `sourceName`, the line and column, and what was
// expected: a TOML syntax error, an unknown key, a wrong type or value, a
// name that refers to nothing in the scenario, an unknown fix, event or
// metric. A scenario given by path is looked up beside the lesson
// (`baseDir`) unless it is a built-in name.
Lesson parseLesson(
        std::string_view text, const std::string &sourceName, const std::string &baseDir = ".");

// Reads and parses the lesson file at `path`. Throws ScenarioError.
Lesson loadLesson(const std::string &path);

} // namespace fl
