// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"

#include <QAbstractListModel>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

namespace fl {
class Engine;
struct SimState;
} // namespace fl

// The enabled choices at the current state, each worded by the engine
// ("CPU1: T do_swap_page: folio_trylock(D)"), with the one F5 would take
// marked. Clicking one steps exactly that CPU or task.
class ChoiceListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ChoiceListModel is owned by a RunModel; use SimController.run.choices")

public:
    enum Roles {
        CpuRole = Qt::UserRole + 1,
        TaskRole,
        LabelRole,
        IsNextRole,
    };
    Q_ENUM(Roles)

    struct Row
    {
        fl::Choice choice;
        QString label;
        bool isNext = false;
        bool operator==(const Row &) const = default;
    };

    explicit ChoiceListModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    void update(const fl::Engine &engine, const fl::SimState &state, const fl::ChoiceList &enabled,
            std::optional<fl::Choice> next);
    [[nodiscard]] fl::Choice choiceAt(int row) const
    {
        return m_rows.at(static_cast<std::size_t>(row)).choice;
    }

private:
    std::vector<Row> m_rows;
};
