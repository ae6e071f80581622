// SPDX-License-Identifier: GPL-2.0-only
#include "goallistmodel.h"

GoalListModel::GoalListModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

void GoalListModel::setRows(std::vector<Row> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void GoalListModel::updateRows(const std::vector<Row> &rows)
{
    if (rows.size() != m_rows.size()) {
        setRows(rows);
        return;
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        Row &mine = m_rows[i];
        if (mine.met == rows[i].met && mine.shown == rows[i].shown && mine.detail == rows[i].detail
                && mine.text == rows[i].text)
            continue;
        mine = rows[i];
        const QModelIndex at = index(static_cast<int>(i));
        emit dataChanged(at, at, {TextRole, MetRole, ShownRole, StatusTextRole, DetailRole});
    }
}

int GoalListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant GoalListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return r.text;
    case GoalIdRole:
        return r.id;
    case MetRole:
        return r.met;
    case ShownRole:
        return r.shown;
    case StatusTextRole:
        return r.met ? tr("met") : r.shown ? tr("shown") : tr("to do");
    case DetailRole:
        return r.detail;
    default:
        return {};
    }
}

QHash<int, QByteArray> GoalListModel::roleNames() const
{
    return {
            {GoalIdRole, "goalId"},
            {TextRole, "text"},
            {MetRole, "met"},
            {ShownRole, "shown"},
            {StatusTextRole, "statusText"},
            {DetailRole, "detail"},
    };
}
