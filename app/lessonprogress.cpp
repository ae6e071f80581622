// SPDX-License-Identifier: GPL-2.0-only
#include "lessonprogress.h"

#include <QSettings>

using namespace Qt::StringLiterals;

static QString metKey(const QString &lessonId)
{
    return u"lessons/%1/met"_s.arg(lessonId);
}

QStringList LessonProgress::metGoals(const QString &lessonId)
{
    return QSettings().value(metKey(lessonId)).toStringList();
}

bool LessonProgress::addMetGoals(const QString &lessonId, const QStringList &goalIds)
{
    QStringList met = metGoals(lessonId);
    bool added = false;
    for (const QString &id : goalIds) {
        if (!met.contains(id)) {
            met << id;
            added = true;
        }
    }
    if (added) {
        QSettings settings;
        settings.setValue(metKey(lessonId), met);
        settings.sync(); // a class may close the laptop at any moment
    }
    return added;
}

bool LessonProgress::isWatched(const QString &lessonId)
{
    return QSettings().value(u"lessons/%1/watched"_s.arg(lessonId)).toBool();
}

void LessonProgress::setWatched(const QString &lessonId)
{
    QSettings settings;
    settings.setValue(u"lessons/%1/watched"_s.arg(lessonId), true);
    settings.sync();
}

QString LessonProgress::lastLesson()
{
    return QSettings().value(u"lessons/last"_s).toString();
}

void LessonProgress::setLastLesson(const QString &lessonId)
{
    QSettings settings;
    settings.setValue(u"lessons/last"_s, lessonId);
}

void LessonProgress::clearAll()
{
    QSettings settings;
    settings.remove(u"lessons"_s);
    settings.sync();
}
