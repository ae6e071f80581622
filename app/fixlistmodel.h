// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "kernel/fixes.h"

#include <QAbstractListModel>
#include <QString>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <vector>

// Every fix of the core's catalogue (kernel/fixes.h), in catalogue order, with
// who proposed it, when, what it does and risks, whether the current setup
// has it on, and its listing diff against the baseline: one entry per changed
// line, grouped under the kernel function it belongs to.
class FixListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("FixListModel is owned by a RunModel; use SimController.run.fixList")

public:
    enum Roles {
        NameRole = Qt::UserRole + 1,
        WhoRole,
        WhenRole,
        SummaryRole,
        RisksRole,
        ActiveRole,
        //! A list of {op, text} maps: op is " " (context), "-", "+" or "@"
        //! (a heading naming the function and file).
        DiffRole,
    };
    Q_ENUM(Roles)

    explicit FixListModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    //! Marks the fixes of `set` as on, the others off.
    void setActive(const fl::FixSet &set);
    //! The diff of `fix` alone against the baseline, as DiffRole gives it.
    [[nodiscard]] static QVariantList diffAgainstBaseline(fl::Fix fix);

signals:
    //! Fix `row` changed state with a new fix set (the first switched on,
    //! else the first switched off), however it was switched.
    void fixToggled(int row);

private:
    struct Row
    {
        fl::FixInfo info;
        bool active = false;
        QVariantList diff;
    };
    std::vector<Row> m_rows;
};
