// SPDX-License-Identifier: GPL-2.0-only
#include "lesson/lesson_verify.h"

#include "lesson/lesson_session.h"

#include <chrono>

namespace fl {

namespace {

std::string at(const Lesson &lesson, SourcePos pos)
{
    return lesson.file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column)
            + ": error: lesson '" + lesson.title + "': ";
}

} // namespace

LessonVerification verifyLesson(const Lesson &lesson)
{
    const auto start = std::chrono::steady_clock::now();
    LessonVerification v;
    v.title = lesson.title;
    v.goalsTotal = lesson.goals.size();

    LessonSession session(lesson);
    // A course that only passes because the model broke is no course.
    session.setCheckInvariants(true);
    for (std::size_t i = 0; i < lesson.solution.size(); ++i) {
        const Action &action = lesson.solution[i];
        const ActionResult result = session.apply(action);
        if (!session.invariantViolation().empty()) {
            v.failures.push_back(at(lesson, action.pos) + "solution action " + std::to_string(i + 1)
                    + " (" + action.text + "): internal error: the model broke an invariant "
                    + session.invariantViolation());
            break;
        }
        if (!result.ok) {
            v.failures.push_back(at(lesson, action.pos) + "solution action " + std::to_string(i + 1)
                    + " (" + action.text + ") failed: " + result.error);
            break;
        }
    }
    for (std::size_t i = 0; i < lesson.goals.size(); ++i) {
        const Goal &goal = lesson.goals[i];
        if (!session.goals()[i].met)
            v.failures.push_back(at(lesson, goal.pos) + "goal '" + goal.id + "' (" + goal.text
                    + ") was not met by the reference solution");
    }
    v.goalsMet = session.goalsMet();
    v.steps = session.stepsApplied();
    v.wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                       .count();
    return v;
}

} // namespace fl
