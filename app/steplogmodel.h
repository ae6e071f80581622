// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"
#include "engine/engine.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <vector>

class RunModel;
class Timeline;

// What just happened, in words: the last `limit` steps of a run, newest first
// ("CPU1 T — do_swap_page: folio_trylock(page) · folio_trylock(D) failed"),
// and the last one as a line for beside "Next (F5)". Rows come from
// the run's recorded timeline, each step re-executed once from the state in
// front of it, so it names what the step did (its events), not just what
// was due. Clicking a row jumps the run there; the rows stay put while the
// jump stays inside them (later rows then show as the recorded future).
class StepLogModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT

    //! The run whose steps are listed.
    Q_PROPERTY(RunModel *run READ run WRITE setRun NOTIFY runChanged)
    //! How many steps the log keeps (at least 50).
    Q_PROPERTY(int limit READ limit WRITE setLimit NOTIFY limitChanged)
    //! The step that took the run to where it is, in words (shortText); ""
    //! at the start.
    Q_PROPERTY(QString lastStep READ lastStep NOTIFY lastStepChanged)
    //! The row of the run's current step, or -1.
    Q_PROPERTY(int currentRow READ currentRow NOTIFY lastStepChanged)

public:
    static constexpr int MinimumLimit = 50;
    static constexpr int DefaultLimit = 100;

    enum Roles {
        StepRole = Qt::UserRole + 1, //!< step n takes the run from n - 1 to n
        CpuRole,
        TaskRole,
        ActionRole, //!< "do_swap_page: folio_trylock(page)"
        OutcomeRole, //!< "folio_trylock(D) failed", or ""
        TextRole, //!< the whole line, as lastStep says it
        CurrentRole, //!< the run is at this step now
        AheadRole, //!< recorded, but after the run's position (F5 replays it)
    };
    Q_ENUM(Roles)

    explicit StepLogModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] RunModel *run() const { return m_run; }
    void setRun(RunModel *run);
    [[nodiscard]] int limit() const { return m_limit; }
    void setLimit(int limit);
    [[nodiscard]] QString lastStep() const { return m_lastStep; }
    [[nodiscard]] int currentRow() const;

    //! Jumps the run to the step of row `row`; false for no such row.
    Q_INVOKABLE bool jumpTo(int row);
    //! The step number of row `row`, or -1.
    Q_INVOKABLE int stepAt(int row) const;

    struct Entry
    {
        int step = 0;
        fl::Choice choice;
        int cpu = -1;
        QString task;
        QString function; //!< the kernel function, "" for the scheduler's steps
        QString action;
        QString outcome;
        bool operator==(const Entry &) const = default;
    };
    //! What applying `choice` to `before` does, in words (the log's one row).
    [[nodiscard]] static Entry describe(
            const fl::Engine &engine, const fl::SimState &before, fl::Choice choice, int step);
    //! "CPU1 T — do_swap_page: folio_trylock(page) · folio_trylock(D) failed"
    [[nodiscard]] static QString text(const Entry &entry);
    //! The same, short enough for one line beside "Next (F5)": what the step
    //! did instead of the listing's line when it did something worth saying
    //! ("CPU1 T — do_swap_page: folio_trylock(D) failed").
    [[nodiscard]] static QString shortText(const Entry &entry);

signals:
    void runChanged();
    void limitChanged();
    void lastStepChanged();

private:
    void refresh();

    QPointer<RunModel> m_run;
    int m_limit = DefaultLimit;
    int m_position = 0;
    // Steps (m_end - rows, m_end], newest first, of timeline m_timeline.
    std::vector<Entry> m_rows;
    int m_end = 0;
    const void *m_timeline = nullptr;
    QString m_lastStep;
};
