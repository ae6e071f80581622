// SPDX-License-Identifier: GPL-2.0-only
#include "choicelistmodel.h"

#include "replacerows.h"

#include "engine/engine.h"

ChoiceListModel::ChoiceListModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int ChoiceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ChoiceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case CpuRole:
        return int(r.choice.cpu);
    case TaskRole:
        return r.choice.task == fl::NoTask ? -1 : int(r.choice.task);
    case Qt::DisplayRole:
    case LabelRole:
        return r.label;
    case IsNextRole:
        return r.isNext;
    default:
        return {};
    }
}

QHash<int, QByteArray> ChoiceListModel::roleNames() const
{
    return {{CpuRole, "cpu"}, {TaskRole, "task"}, {LabelRole, "label"}, {IsNextRole, "isNext"}};
}

void ChoiceListModel::update(const fl::Engine &engine, const fl::SimState &state,
        const fl::ChoiceList &enabled, std::optional<fl::Choice> next)
{
    std::vector<Row> rows;
    for (const fl::Choice &c : enabled)
        rows.push_back(
                {c, QString::fromStdString(engine.describeChoice(state, c)), next && *next == c});

    replaceRows(
            m_rows, std::move(rows),
            [this](auto assign) {
                beginResetModel();
                assign();
                endResetModel();
            },
            [this](std::size_t i, const Row &, const Row &) {
                const QModelIndex at = index(static_cast<int>(i));
                emit dataChanged(at, at);
            });
}
