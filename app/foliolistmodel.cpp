// SPDX-License-Identifier: GPL-2.0-only
#include "foliolistmodel.h"

#include "replacerows.h"

#include "simnames.h"

#include "engine/engine.h"
#include "engine/setup.h"
#include "model/machine.h"

#include <QStringList>

using namespace Qt::StringLiterals;

FolioListModel::FolioListModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int FolioListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant FolioListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r.name;
    case KindRole:
        return r.kind;
    case DevicePrivateRole:
        return r.devicePrivate;
    case RefcountRole:
        return r.refcount;
    case RefSourcesRole:
        return r.refSources;
    case MapcountRole:
        return r.mapcount;
    case LockedRole:
        return r.locked;
    case LockOwnerRole:
        return r.lockOwner;
    case WaitersRole:
        return r.waiters;
    case LruRole:
        return r.lru;
    case PlaceRole:
        return r.place;
    default:
        return {};
    }
}

QHash<int, QByteArray> FolioListModel::roleNames() const
{
    return {{NameRole, "name"}, {KindRole, "kind"}, {DevicePrivateRole, "devicePrivate"},
            {RefcountRole, "refcount"}, {RefSourcesRole, "refSources"}, {MapcountRole, "mapcount"},
            {LockedRole, "locked"}, {LockOwnerRole, "lockOwner"}, {WaitersRole, "waiters"},
            {LruRole, "lru"}, {PlaceRole, "place"}};
}

// Where the references of folio `f` come from, as far as the state says: the
// mappings, a per-CPU batch, get_page() by a task, a migration holding one.
// Whatever is left is the allocation's own reference (or one we do not name).
static QString refSources(const fl::Setup &setup, const fl::Machine &m, fl::FolioId f)
{
    const fl::Folio &folio = m.folio(f);
    QStringList parts;
    int named = 0;
    if (folio.mapcount > 0) {
        parts << u"mapped ×%1"_s.arg(folio.mapcount);
        named += folio.mapcount;
    }
    if (folio.place == fl::FolioPlace::Batch) {
        parts << u"CPU%1's lru_add batch"_s.arg(folio.batchCpu);
        ++named;
    }
    for (int t = 0; t < m.taskCount; ++t) {
        const fl::Task &task = m.tasks[static_cast<std::size_t>(t)];
        if (task.pageRef == f) {
            parts << u"get_page by %1"_s.arg(SimNames::task(setup, static_cast<fl::TaskId>(t)));
            ++named;
        }
        for (const fl::MigrateEntry &e : task.mig.e)
            if (e.src == f && (e.flags & fl::MigrateHoldsRef) && !(e.flags & fl::MigrateDone)) {
                parts << u"migration by %1"_s.arg(
                        SimNames::task(setup, static_cast<fl::TaskId>(t)));
                ++named;
            }
    }
    if (folio.refcount > named)
        parts << u"other ×%1"_s.arg(folio.refcount - named);
    return parts.isEmpty() ? u"none"_s : parts.join(u", ");
}

void FolioListModel::update(const fl::Setup &setup, const fl::SimState &state)
{
    const fl::Machine &m = state.machine;
    std::vector<Row> rows;
    for (int i = 0; i < m.folioCount; ++i) {
        const fl::Folio &f = m.folios[static_cast<std::size_t>(i)];
        if (!f.allocated)
            continue;
        const auto id = static_cast<fl::FolioId>(i);
        Row r;
        r.name = SimNames::folio(setup, &state.lives, id);
        r.devicePrivate = f.kind == fl::FolioKind::DevicePrivate;
        r.kind = r.devicePrivate ? u"device-private · %1"_s.arg(SimNames::gpu(setup, f.gpu))
                                 : u"system RAM"_s;
        r.refcount = f.refcount;
        r.refSources = refSources(setup, m, id);
        r.mapcount = f.mapcount;
        r.locked = f.locked();
        r.lockOwner = r.locked ? SimNames::task(setup, f.lockOwner) : QString();
        r.waiters = f.waiters;
        r.lru = f.lru;
        switch (f.place) {
        case fl::FolioPlace::Lru:
            r.place = u"on the LRU"_s;
            break;
        case fl::FolioPlace::Batch:
            r.place = u"in CPU%1's batch"_s.arg(f.batchCpu);
            break;
        case fl::FolioPlace::Isolated:
            r.place = u"isolated"_s;
            break;
        case fl::FolioPlace::None:
            r.place = u"off the LRU"_s;
            break;
        }
        rows.push_back(std::move(r));
    }

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
