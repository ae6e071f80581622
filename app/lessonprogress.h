// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QString>
#include <QStringList>

// Which goals of which lesson a learner has met, kept between runs with
// QSettings ("lessons/<id>/met"). Met goals are only ever added: the course
// remembers what a learner achieved even after a restart of the lesson.
// Goals are stored by their id, so re-ordering a lesson keeps the progress.
// A lesson whose solution was shown ("lessons/<id>/watched") is kept apart:
// watching never counts as meeting a goal.
class LessonProgress
{
public:
    [[nodiscard]] static QStringList metGoals(const QString &lessonId);
    //! Adds `goalIds` to what is stored for `lessonId`; returns whether
    //! anything new was written.
    static bool addMetGoals(const QString &lessonId, const QStringList &goalIds);
    //! "Show me" played the lesson's reference solution to its end: the
    //! learner watched it, which is not the same as meeting its goals.
    [[nodiscard]] static bool isWatched(const QString &lessonId);
    static void setWatched(const QString &lessonId);
    //! The lesson opened last, to offer it again ("" when none).
    [[nodiscard]] static QString lastLesson();
    static void setLastLesson(const QString &lessonId);
    //! Forgets every lesson's progress (met goals, watched, the last lesson).
    static void clearAll();
};
