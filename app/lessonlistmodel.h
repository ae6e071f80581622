// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <vector>

// The course, one row per built-in lesson in course order, with the
// learner's saved progress (LessonProgress). Owned by LessonPlayer.
class LessonListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by LessonPlayer")

public:
    enum Role {
        LessonIdRole = Qt::UserRole + 1,
        TitleRole,
        LevelRole,
        MinutesRole,
        GoalsMetRole,
        GoalsTotalRole,
        CompleteRole,
        //! "Show me" played it to the end (not the learner's own work).
        WatchedRole,
        //! "2 of 4 goals", "complete", "watched", "not started": progress in words.
        ProgressTextRole,
        //! The lesson the player has open.
        CurrentRole,
    };
    Q_ENUM(Role)

    struct Entry
    {
        QString id;
        QString title;
        int level = 0;
        int minutes = 0;
        QStringList goalIds;
    };

    explicit LessonListModel(QObject *parent = nullptr);

    //! Reads the built-in course (parses each lesson once for its goals).
    void loadBuiltin();
    void setEntries(std::vector<Entry> entries);
    //! Re-reads the saved progress of every row.
    void refreshProgress();
    void setCurrent(const QString &lessonId);

    [[nodiscard]] int indexOf(const QString &lessonId) const;
    [[nodiscard]] const Entry &entry(int row) const
    {
        return m_entries.at(static_cast<std::size_t>(row));
    }
    [[nodiscard]] int goalsMet(int row) const;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

private:
    std::vector<Entry> m_entries;
    std::vector<int> m_met; // goals met per row, from the saved progress
    std::vector<bool> m_watched; // per row, from the saved progress
    QString m_current;
};
