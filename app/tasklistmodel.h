// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QAbstractListModel>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace fl {
struct Setup;
struct SimState;
} // namespace fl

// One row per task: its state in words, its kernel call stack, and the
// listing of the function it is in with the current step marked, naming the
// kernel function and file.
class TaskListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("TaskListModel is owned by a RunModel; use SimController.run.tasks")

public:
    enum Roles {
        TaskIdRole = Qt::UserRole + 1,
        NameRole,
        RoleRole,
        CpuRole,
        StateRole, // "running", "spinning on D's lock", "sleeping: flush_work for CPU1"
        SpinningRole,
        SleepingRole,
        RunningRole,
        StackRole, // outermost first: "drm_gpusvm_range_get_pages  (drivers/…)"
        FunctionRole,
        FileRole,
        ListingRole, // list of step texts of the current function
        CurrentLineRole, // index into ListingRole, -1 when none
    };
    Q_ENUM(Roles)

    struct Row
    {
        int id = 0;
        QString name;
        QString role;
        int cpu = 0;
        QString state;
        bool spinning = false;
        bool sleeping = false;
        bool running = false;
        QStringList stack;
        QString function;
        QString file;
        QStringList listing;
        int currentLine = -1;
        bool operator==(const Row &) const = default;
    };

    explicit TaskListModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    void update(const fl::Setup &setup, const fl::SimState &state);
    [[nodiscard]] const Row &row(int i) const { return m_rows.at(static_cast<std::size_t>(i)); }
    [[nodiscard]] static Row describeTask(
            const fl::Setup &setup, const fl::SimState &state, int task);

private:
    std::vector<Row> m_rows;
};
