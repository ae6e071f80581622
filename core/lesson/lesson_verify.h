// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "lesson/lesson.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fl {

struct LessonVerification
{
    std::string title;
    std::size_t goalsMet = 0;
    std::size_t goalsTotal = 0;
    std::uint64_t steps = 0; // steps applied while playing the solution, replays included
    double wallMs = 0;
    // One line each: "FILE:LINE:COL: error: lesson 'TITLE': ..." naming the
    // action that could not be done or the goal that was not met.
    std::vector<std::string> failures;
    bool ok() const { return failures.empty(); }
};

// Plays the lesson's reference solution headless in a LessonSession, from
// the lesson's start, and checks that every goal is met at the end. Stops at
// the first action that cannot be done.
LessonVerification verifyLesson(const Lesson &lesson);

} // namespace fl
