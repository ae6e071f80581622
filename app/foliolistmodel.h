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

// One card per allocated folio: refcount and where its references come from,
// mapcount, PG_locked and its owner, waiters, PG_lru and where it sits for
// LRU purposes, and whether it is system RAM or device-private on which GPU.
class FolioListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("FolioListModel is owned by a RunModel; use SimController.run.folios")

public:
    enum Roles {
        NameRole = Qt::UserRole + 1,
        KindRole, // "system RAM" or "device-private · GPU1"
        DevicePrivateRole,
        RefcountRole,
        RefSourcesRole, // "mapped ×1, CPU1's lru_add batch, get_page by T"
        MapcountRole,
        LockedRole,
        LockOwnerRole,
        WaitersRole,
        LruRole,
        PlaceRole, // "on the LRU", "in CPU1's batch", "isolated", "—"
    };
    Q_ENUM(Roles)

    struct Row
    {
        QString name;
        QString kind;
        bool devicePrivate = false;
        int refcount = 0;
        QString refSources;
        int mapcount = 0;
        bool locked = false;
        QString lockOwner;
        bool waiters = false;
        bool lru = false;
        QString place;
        bool operator==(const Row &) const = default;
    };

    explicit FolioListModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    void update(const fl::Setup &setup, const fl::SimState &state);
    [[nodiscard]] const Row &row(int i) const { return m_rows.at(static_cast<std::size_t>(i)); }

private:
    std::vector<Row> m_rows;
};
