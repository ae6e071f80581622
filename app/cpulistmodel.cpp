// SPDX-License-Identifier: GPL-2.0-only
#include "cpulistmodel.h"

#include "simnames.h"

#include "replacerows.h"

#include "engine/engine.h"
#include "engine/setup.h"
#include "kernel/program.h"
#include "kernel/steps.h"
#include "model/machine.h"

#include <QStringList>

using namespace Qt::StringLiterals;

static QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

static QString taskName(const fl::Setup &setup, fl::TaskId id)
{
    if (id < setup.taskNames.size() && !setup.taskNames[id].empty())
        return QString::fromStdString(setup.taskNames[id]);
    return u"task%1"_s.arg(id);
}

// "T: do_swap_page — folio_trylock fails": the running task's current step,
// worded by the step table so the lane and the listing say the same thing.
static QString describeActivity(const fl::Setup &setup, const fl::Machine &machine, fl::TaskId id)
{
    const fl::Task &task = machine.task(id);
    const QString name = taskName(setup, id);
    if (task.depth == 0)
        return u"%1: %2"_s.arg(
                name, task.state == fl::TaskState::Done ? u"done"_s : u"not started"_s);

    const auto step = setup.program.currentStep(task);
    if (!step)
        return u"%1: (no current step)"_s.arg(name);
    const fl::StepInfo &info = fl::stepInfo(*step);
    return u"%1: %2 — %3"_s.arg(name, fromView(info.function), fromView(info.text));
}

// A reallocated slot's page by its fresh name (fl::folioName).
static QString folioName(const fl::Setup &setup, const fl::FolioLives &lives, fl::FolioId id)
{
    return SimNames::folio(setup, &lives, id);
}

// "M (flush_work for CPU1)": what a sleeping task waits for, with its object.
static QString describeSleeper(
        const fl::Setup &setup, const fl::FolioLives &lives, const fl::Task &task, fl::TaskId id)
{
    const QString what = QString::fromLatin1(fl::waitKindName(task.wait));
    switch (task.wait) {
    case fl::WaitKind::FolioUnlock:
    case fl::WaitKind::FolioLock:
        return u"%1 (%2 of %3)"_s.arg(taskName(setup, id), what, folioName(setup, lives, task.waitArg));
    case fl::WaitKind::FlushWork:
        return u"%1 (%2 for CPU%3)"_s.arg(taskName(setup, id), what).arg(task.waitArg);
    default:
        return u"%1 (%2)"_s.arg(taskName(setup, id), what);
    }
}

CpuListModel::CpuListModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int CpuListModel::rowCount(const QModelIndex &parent) const
{
    // A list: only the invisible root has children.
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant CpuListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case CpuNameRole:
        return r.cpuName;
    case RunningTaskRole:
        return r.runningTask;
    case RunqueueRole:
        return r.runqueue;
    case NeedReschedRole:
        return r.needResched;
    case BatchCountRole:
        return r.batchCount;
    case WorkPendingRole:
        return r.workPending;
    case ActivityRole:
        return r.activity;
    case SpinningRole:
        return r.spinning;
    case SleepingRole:
        return r.sleeping;
    case BatchFoliosRole:
        return r.batchFolios;
    case WorkRunningRole:
        return r.workRunning;
    default:
        return {};
    }
}

QHash<int, QByteArray> CpuListModel::roleNames() const
{
    return {
            {CpuNameRole, "cpuName"},
            {RunningTaskRole, "runningTask"},
            {RunqueueRole, "runqueue"},
            {NeedReschedRole, "needResched"},
            {BatchCountRole, "batchCount"},
            {WorkPendingRole, "workPending"},
            {ActivityRole, "activity"},
            {SpinningRole, "spinning"},
            {SleepingRole, "sleeping"},
            {BatchFoliosRole, "batchFolios"},
            {WorkRunningRole, "workRunning"},
    };
}

CpuListModel::Row CpuListModel::describeCpu(
        const fl::Setup &setup, const fl::SimState &state, int cpu)
{
    const fl::Machine &machine = state.machine;
    const fl::Cpu &c = machine.cpus[static_cast<std::size_t>(cpu)];

    Row r;
    r.cpuName = u"CPU%1"_s.arg(cpu);
    if (c.current != fl::NoTask) {
        const fl::Task &task = machine.task(c.current);
        // The role in words: "T (hmm-faulter)" tells a class more than "T [T]".
        r.runningTask = u"%1 (%2)"_s.arg(
                taskName(setup, c.current), QString::fromLatin1(fl::roleName(task.role)));
        r.activity = describeActivity(setup, machine, c.current);
        r.spinning = SimNames::spinning(setup, task);
    } else {
        // "idle" already shows as the running task; an empty activity lets
        // the lane drop a line that would only repeat it.
        r.runningTask = u"idle"_s;
    }

    QStringList queued;
    for (int i = 0; i < c.runqueue.count; ++i)
        queued << taskName(setup, c.runqueue.at(i));
    r.runqueue = queued.join(u", ");

    // Sleepers pinned here, except kworkers with nothing to do: they are on
    // every CPU and would drown the interesting ones.
    QStringList sleepers;
    for (int t = 0; t < machine.taskCount; ++t) {
        const fl::Task &task = machine.tasks[static_cast<std::size_t>(t)];
        if (task.used && task.cpu == cpu && task.state == fl::TaskState::Sleeping
                && task.wait != fl::WaitKind::WorkerIdle)
            sleepers << describeSleeper(setup, state.lives, task, static_cast<fl::TaskId>(t));
    }
    r.sleeping = sleepers.join(u", ");

    r.needResched = c.needResched;
    r.batchCount = c.batchCount;
    r.workPending = c.workPending;
    r.workRunning = c.workRunning;
    QStringList batch;
    for (int i = 0; i < c.batchCount; ++i)
        batch << folioName(setup, state.lives, c.batch[static_cast<std::size_t>(i)]);
    r.batchFolios = batch.join(u", ");
    return r;
}

void CpuListModel::update(const fl::Setup &setup, const fl::SimState &state)
{
    const int count = state.machine.cpuCount;
    std::vector<Row> rows;
    rows.reserve(static_cast<std::size_t>(count));
    for (int cpu = 0; cpu < count; ++cpu)
        rows.push_back(describeCpu(setup, state, cpu));

    replaceRows(
            m_rows, std::move(rows),
            [this](auto assign) {
                beginResetModel();
                assign();
                endResetModel();
            },
            [this](std::size_t i, const Row &was, const Row &now) {
                // Name the roles that changed so a lane repaints only those labels.
                QList<int> roles;
                if (now.cpuName != was.cpuName)
                    roles << CpuNameRole << Qt::DisplayRole;
                if (now.runningTask != was.runningTask)
                    roles << RunningTaskRole;
                if (now.runqueue != was.runqueue)
                    roles << RunqueueRole;
                if (now.needResched != was.needResched)
                    roles << NeedReschedRole;
                if (now.batchCount != was.batchCount)
                    roles << BatchCountRole;
                if (now.workPending != was.workPending)
                    roles << WorkPendingRole;
                if (now.activity != was.activity)
                    roles << ActivityRole;
                if (now.spinning != was.spinning)
                    roles << SpinningRole;
                if (now.sleeping != was.sleeping)
                    roles << SleepingRole;
                if (now.batchFolios != was.batchFolios)
                    roles << BatchFoliosRole;
                if (now.workRunning != was.workRunning)
                    roles << WorkRunningRole;
                const QModelIndex idx = index(static_cast<int>(i));
                emit dataChanged(idx, idx, roles);
            });
}

void CpuListModel::clear()
{
    if (m_rows.empty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}
