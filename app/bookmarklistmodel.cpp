// SPDX-License-Identifier: GPL-2.0-only
#include "bookmarklistmodel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

BookmarkListModel::BookmarkListModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

QString BookmarkListModel::defaultName(int step)
{
    return tr("Step %1").arg(step);
}

QString BookmarkListModel::cleanName(const QString &name, int step)
{
    QString clean = name.simplified(); // one line: newlines and tabs become spaces
    // Cut at a character boundary so the UTF-8 stays whole.
    while (clean.toUtf8().size() > MaxNameBytes)
        clean.chop(clean.size() >= 2 && clean.at(clean.size() - 1).isLowSurrogate() ? 2 : 1);
    return clean.trimmed().isEmpty() ? defaultName(step) : clean.trimmed();
}

int BookmarkListModel::indexOfStep(int step) const
{
    const auto it = std::find_if(
            m_rows.begin(), m_rows.end(), [step](const Bookmark &b) { return b.step == step; });
    return it == m_rows.end() ? -1 : int(it - m_rows.begin());
}

int BookmarkListModel::stepAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[std::size_t(row)].step : -1;
}

int BookmarkListModel::add(int step, const QString &name)
{
    if (const int row = indexOfStep(step); row >= 0)
        return row;
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), step,
            [](const Bookmark &b, int s) { return b.step < s; });
    const int row = int(it - m_rows.begin());
    beginInsertRows({}, row, row);
    m_rows.insert(it, {step, cleanName(name, step)});
    endInsertRows();
    emit bookmarksChanged();
    return row;
}

void BookmarkListModel::toggle(int step)
{
    if (const int row = indexOfStep(step); row >= 0)
        remove(row);
    else
        add(step);
}

bool BookmarkListModel::rename(int row, const QString &name)
{
    if (row < 0 || row >= rowCount())
        return false;
    Bookmark &b = m_rows[std::size_t(row)];
    const QString clean = cleanName(name, b.step);
    if (clean == b.name)
        return true;
    b.name = clean;
    emit dataChanged(index(row), index(row), {NameRole, LabelRole});
    emit bookmarksChanged();
    return true;
}

bool BookmarkListModel::remove(int row)
{
    if (row < 0 || row >= rowCount())
        return false;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
    emit bookmarksChanged();
    return true;
}

void BookmarkListModel::setBookmarks(std::vector<Bookmark> bookmarks)
{
    std::stable_sort(bookmarks.begin(), bookmarks.end(),
            [](const Bookmark &a, const Bookmark &b) { return a.step < b.step; });
    bookmarks.erase(std::unique(bookmarks.begin(), bookmarks.end(),
                            [](const Bookmark &a, const Bookmark &b) { return a.step == b.step; }),
            bookmarks.end());
    for (Bookmark &b : bookmarks)
        b.name = cleanName(b.name, b.step);
    if (bookmarks == m_rows)
        return;
    beginResetModel();
    m_rows = std::move(bookmarks);
    endResetModel();
    emit bookmarksChanged();
}

void BookmarkListModel::dropAfter(int last)
{
    const auto it = std::find_if(
            m_rows.begin(), m_rows.end(), [last](const Bookmark &b) { return b.step > last; });
    if (it == m_rows.end())
        return;
    beginRemoveRows({}, int(it - m_rows.begin()), rowCount() - 1);
    m_rows.erase(it, m_rows.end());
    endRemoveRows();
    emit bookmarksChanged();
}

int BookmarkListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant BookmarkListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Bookmark &b = m_rows[std::size_t(index.row())];
    switch (role) {
    case StepRole:
        return b.step;
    case NameRole:
    case Qt::DisplayRole:
        return b.name;
    case LabelRole:
        return b.name == defaultName(b.step) ? b.name : tr("Step %1 — %2").arg(b.step).arg(b.name);
    default:
        return {};
    }
}

QHash<int, QByteArray> BookmarkListModel::roleNames() const
{
    return {{StepRole, "step"}, {NameRole, "name"}, {LabelRole, "label"}};
}
