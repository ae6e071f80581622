// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

// The goals of the open lesson, one row each, with whether the learner has
// met it. Owned by LessonPlayer, which copies the session's statuses in after
// every change (the views never read the session, which may be busy on a
// worker thread).
class GoalListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by LessonPlayer")

public:
    enum Role {
        GoalIdRole = Qt::UserRole + 1,
        TextRole,
        MetRole,
        //! "Show me" reached it (the learner did not): shown, not met.
        ShownRole,
        //! "met", "shown" or "to do": the state in a word, not only a colour.
        StatusTextRole,
        //! Where it was met ("at step 812, baseline") or "".
        DetailRole,
    };
    Q_ENUM(Role)

    struct Row
    {
        QString id;
        QString text;
        bool met = false;
        QString detail;
        bool shown = false;
    };

    explicit GoalListModel(QObject *parent = nullptr);

    //! A new lesson: replaces every row.
    void setRows(std::vector<Row> rows);
    //! The same lesson: updates what changed, row by row.
    void updateRows(const std::vector<Row> &rows);
    [[nodiscard]] bool isMet(int row) const { return m_rows.at(static_cast<std::size_t>(row)).met; }

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

private:
    std::vector<Row> m_rows;
};
