// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QObject>
#include <QQuickItem>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

// File ▸ Export for the pictures of the window that are not swimlanes: the
// wait-for graph and the plots, as PNG or PDF, drawn again (not grabbed from
// the screen) at `scale` times their size on screen, for slides and reviews.
// Written atomically; every call returns "" or why it failed.
class PictureExporter : public QObject
{
    Q_OBJECT
    QML_ELEMENT

public:
    using QObject::QObject;

    //! A painted item (the wait-for graph) into `file` (.pdf, else PNG).
    Q_INVOKABLE QString saveItem(QQuickItem *item, const QUrl &file, double scale = 2) const;
    //! The plots one above the other into `file` (.pdf, else PNG).
    Q_INVOKABLE QString savePlots(
            const QList<QQuickItem *> &plots, const QUrl &file, double scale = 2) const;
};
