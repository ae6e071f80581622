// SPDX-License-Identifier: GPL-2.0-only
#include "lessonlistmodel.h"

#include "lessonprogress.h"

#include "lesson/lesson_catalogue.h"
#include "scenario/scenario_error.h"

using namespace Qt::StringLiterals;

LessonListModel::LessonListModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

void LessonListModel::loadBuiltin()
{
    std::vector<Entry> entries;
    for (const fl::BuiltinLesson &b : fl::builtinLessons()) {
        Entry e;
        e.id = QString::fromStdString(b.id);
        e.title = QString::fromStdString(b.title);
        e.level = b.level;
        e.minutes = b.minutes;
        try {
            for (const fl::Goal &g : fl::loadBuiltinLesson(b.id).goals)
                e.goalIds << QString::fromStdString(g.id);
        } catch (const fl::ScenarioError &) {
            // A lesson that does not parse stays listed; opening it shows the
            // error (and `foliolab lesson verify` fails in CI).
        }
        entries.push_back(std::move(e));
    }
    setEntries(std::move(entries));
}

void LessonListModel::setEntries(std::vector<Entry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    m_met.assign(m_entries.size(), 0);
    m_watched.assign(m_entries.size(), false);
    endResetModel();
    refreshProgress();
}

void LessonListModel::refreshProgress()
{
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const QStringList saved = LessonProgress::metGoals(m_entries[i].id);
        int met = 0;
        for (const QString &id : m_entries[i].goalIds)
            met += saved.contains(id) ? 1 : 0;
        const bool watched = LessonProgress::isWatched(m_entries[i].id);
        if (met != m_met[i] || watched != m_watched[i]) {
            m_met[i] = met;
            m_watched[i] = watched;
            const QModelIndex at = index(static_cast<int>(i));
            emit dataChanged(at, at, {GoalsMetRole, CompleteRole, WatchedRole, ProgressTextRole});
        }
    }
}

void LessonListModel::setCurrent(const QString &lessonId)
{
    if (lessonId == m_current)
        return;
    const int before = indexOf(m_current);
    m_current = lessonId;
    for (int row : {before, indexOf(lessonId)})
        if (row >= 0)
            emit dataChanged(index(row), index(row), {CurrentRole});
}

int LessonListModel::indexOf(const QString &lessonId) const
{
    for (std::size_t i = 0; i < m_entries.size(); ++i)
        if (m_entries[i].id == lessonId)
            return static_cast<int>(i);
    return -1;
}

int LessonListModel::goalsMet(int row) const
{
    return m_met.at(static_cast<std::size_t>(row));
}

int LessonListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

QVariant LessonListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    const Entry &e = m_entries[row];
    const int met = m_met[row];
    const int total = static_cast<int>(e.goalIds.size());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return e.title;
    case LessonIdRole:
        return e.id;
    case LevelRole:
        return e.level;
    case MinutesRole:
        return e.minutes;
    case GoalsMetRole:
        return met;
    case GoalsTotalRole:
        return total;
    case CompleteRole:
        return total > 0 && met == total;
    case WatchedRole:
        return bool(m_watched[row]);
    case ProgressTextRole:
        if (total > 0 && met == total)
            return tr("complete");
        if (met > 0 && m_watched[row])
            return tr("%1 of %2 goals · watched").arg(met).arg(total);
        if (met > 0)
            return tr("%1 of %2 goals").arg(met).arg(total);
        return m_watched[row] ? tr("watched") : tr("not started");
    case CurrentRole:
        return e.id == m_current;
    default:
        return {};
    }
}

QHash<int, QByteArray> LessonListModel::roleNames() const
{
    return {
            {LessonIdRole, "lessonId"},
            {TitleRole, "title"},
            {LevelRole, "level"},
            {MinutesRole, "minutes"},
            {GoalsMetRole, "goalsMet"},
            {GoalsTotalRole, "goalsTotal"},
            {CompleteRole, "complete"},
            {WatchedRole, "watched"},
            {ProgressTextRole, "progressText"},
            {CurrentRole, "current"},
    };
}
