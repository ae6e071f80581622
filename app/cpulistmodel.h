// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QAbstractListModel>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace fl {
struct Setup;
struct SimState;
} // namespace fl

// One row per simulated CPU: who runs, who waits, and what the CPU is doing
// right now, already worded for the screen so the QML lanes only bind.
class CpuListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CpuListModel is owned by a RunModel; use SimController.run.cpus")

public:
    enum Roles {
        CpuNameRole = Qt::UserRole + 1,
        RunningTaskRole,
        RunqueueRole,
        NeedReschedRole,
        BatchCountRole,
        WorkPendingRole,
        ActivityRole,
        SpinningRole,
        SleepingRole,
        BatchFoliosRole,
        WorkRunningRole,
    };
    Q_ENUM(Roles)

    struct Row
    {
        QString cpuName;
        QString runningTask; // "T [T]", or "idle"
        QString runqueue; // "K1, X" or ""
        bool needResched = false;
        int batchCount = 0;
        bool workPending = false;
        QString activity; // "T: do_swap_page — folio_trylock fails", "" when idle
        bool spinning = false;
        QString sleeping; // "M (flush_work for CPU1)": tasks of this CPU that sleep
        QString batchFolios; // "S, D": the folios in this CPU's lru_add batch
        bool workRunning = false;
        bool operator==(const Row &) const = default;
    };

    explicit CpuListModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    // Shows `state`. Rows whose content is unchanged emit nothing; a change in
    // the number of CPUs (another scenario) resets the model.
    void update(const fl::Setup &setup, const fl::SimState &state);
    void clear();

    [[nodiscard]] const Row &row(int i) const { return m_rows.at(static_cast<std::size_t>(i)); }

    // The words for one CPU; public so that tests and other views share them.
    [[nodiscard]] static Row describeCpu(
            const fl::Setup &setup, const fl::SimState &state, int cpu);

private:
    std::vector<Row> m_rows;
};
