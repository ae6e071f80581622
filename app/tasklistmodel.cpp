// SPDX-License-Identifier: GPL-2.0-only
#include "tasklistmodel.h"

#include "replacerows.h"

#include "simnames.h"

#include "engine/engine.h"
#include "engine/setup.h"
#include "kernel/program.h"
#include "kernel/steps.h"
#include "model/machine.h"

using namespace Qt::StringLiterals;

TaskListModel::TaskListModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int TaskListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant TaskListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case TaskIdRole:
        return r.id;
    case Qt::DisplayRole:
    case NameRole:
        return r.name;
    case RoleRole:
        return r.role;
    case CpuRole:
        return r.cpu;
    case StateRole:
        return r.state;
    case SpinningRole:
        return r.spinning;
    case SleepingRole:
        return r.sleeping;
    case RunningRole:
        return r.running;
    case StackRole:
        return r.stack;
    case FunctionRole:
        return r.function;
    case FileRole:
        return r.file;
    case ListingRole:
        return r.listing;
    case CurrentLineRole:
        return r.currentLine;
    default:
        return {};
    }
}

QHash<int, QByteArray> TaskListModel::roleNames() const
{
    return {{TaskIdRole, "taskId"}, {NameRole, "name"}, {RoleRole, "role"}, {CpuRole, "cpu"},
            {StateRole, "taskState"}, {SpinningRole, "spinning"}, {SleepingRole, "sleeping"},
            {RunningRole, "running"}, {StackRole, "stack"}, {FunctionRole, "functionName"},
            {FileRole, "file"}, {ListingRole, "listing"}, {CurrentLineRole, "currentLine"}};
}

TaskListModel::Row TaskListModel::describeTask(
        const fl::Setup &setup, const fl::SimState &state, int id)
{
    const fl::Machine &m = state.machine;
    const fl::Task &t = m.tasks[static_cast<std::size_t>(id)];
    Row r;
    r.id = id;
    r.name = SimNames::task(setup, static_cast<fl::TaskId>(id));
    r.role = QString::fromLatin1(fl::roleName(t.role));
    r.cpu = t.cpu;
    r.state = SimNames::taskState(setup, m, static_cast<fl::TaskId>(id), &state.lives);
    r.running = t.state == fl::TaskState::Running;
    r.spinning = r.running && SimNames::spinning(setup, t);
    r.sleeping = t.state == fl::TaskState::Sleeping;
    for (int d = 0; d < t.depth; ++d) {
        const fl::Listing &l = setup.program.listing(t.stack[static_cast<std::size_t>(d)].listing);
        r.stack << u"%1  (%2)"_s.arg(SimNames::fromView(l.function), SimNames::fromView(l.file));
    }
    if (t.depth > 0) {
        const fl::Frame &top = t.stack[static_cast<std::size_t>(t.depth - 1)];
        const fl::Listing &l = setup.program.listing(top.listing);
        r.function = SimNames::fromView(l.function);
        r.file = SimNames::fromView(l.file);
        for (fl::StepId s : l.steps)
            r.listing << SimNames::fromView(fl::stepInfo(s).text);
        r.currentLine = top.pc < l.steps.size() ? int(top.pc) : -1;
    }
    return r;
}

void TaskListModel::update(const fl::Setup &setup, const fl::SimState &state)
{
    std::vector<Row> rows;
    for (int t = 0; t < state.machine.taskCount; ++t)
        if (state.machine.tasks[static_cast<std::size_t>(t)].used)
            rows.push_back(describeTask(setup, state, t));

    replaceRows(
            m_rows, std::move(rows),
            [this](auto assign) {
                beginResetModel();
                assign();
                endResetModel();
            },
            [this](std::size_t i, const Row &was, const Row &now) {
                // Name the roles that changed: a new listing rebuilds its lines in
                // the view, a moved current line only re-highlights them.
                QList<int> roles;
                auto check = [&roles](bool changed, int role) {
                    if (changed)
                        roles << role;
                };
                check(now.name != was.name, NameRole);
                check(now.name != was.name, Qt::DisplayRole);
                check(now.role != was.role, RoleRole);
                check(now.cpu != was.cpu, CpuRole);
                check(now.state != was.state, StateRole);
                check(now.spinning != was.spinning, SpinningRole);
                check(now.sleeping != was.sleeping, SleepingRole);
                check(now.running != was.running, RunningRole);
                check(now.stack != was.stack, StackRole);
                check(now.function != was.function, FunctionRole);
                check(now.file != was.file, FileRole);
                check(now.listing != was.listing, ListingRole);
                check(now.currentLine != was.currentLine, CurrentLineRole);
                const QModelIndex at = index(static_cast<int>(i));
                emit dataChanged(at, at, roles);
            });
}
