// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QAbstractListModel>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <vector>

// The named bookmarks of a run, ascending by step, one per step. A new
// bookmark is called "Step N"; a name can be changed (an empty one goes back
// to "Step N") and a bookmark deleted. Owned by RunModel, which drops the
// bookmarks past a new branch's end. Workspaces save and restore them.
class BookmarkListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by RunModel")

    Q_PROPERTY(int count READ rowCount NOTIFY bookmarksChanged)

public:
    enum Role {
        StepRole = Qt::UserRole + 1,
        NameRole,
        //! "Step 542 — T meets D", or "Step 542" for an unnamed one.
        LabelRole,
    };
    Q_ENUM(Role)

    struct Bookmark
    {
        int step = 0;
        QString name;
        bool operator==(const Bookmark &) const = default;
    };

    //! The longest name kept (as in a workspace file: 200 bytes of UTF-8).
    static constexpr int MaxNameBytes = 200;

    explicit BookmarkListModel(QObject *parent = nullptr);

    [[nodiscard]] static QString defaultName(int step);
    //! One line, trimmed, at most MaxNameBytes of UTF-8; "" gives defaultName(step).
    [[nodiscard]] static QString cleanName(const QString &name, int step);

    [[nodiscard]] const std::vector<Bookmark> &bookmarks() const { return m_rows; }
    //! Row of the bookmark at `step`, or -1.
    Q_INVOKABLE int indexOfStep(int step) const;
    Q_INVOKABLE int stepAt(int row) const;
    //! Adds a bookmark at `step` ("" names it "Step N"); returns its row. A
    //! bookmark already there keeps its name.
    int add(int step, const QString &name = {});
    //! Adds one at `step`, or removes the one there.
    void toggle(int step);
    bool rename(int row, const QString &name);
    bool remove(int row);
    //! Replaces every bookmark (a workspace): sorted, one per step.
    void setBookmarks(std::vector<Bookmark> bookmarks);
    //! Drops the bookmarks after step `last`.
    void dropAfter(int last);
    void clear() { setBookmarks({}); }

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

signals:
    //! Any change: a row added, renamed or removed, or all replaced.
    void bookmarksChanged();

private:
    std::vector<Bookmark> m_rows;
};
