// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QObject>
#include <QString>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

// What a menu item shows: Qt 6.4's MenuItem neither shows its Action's
// shortcut nor strips a mnemonic's '&' when it draws its own text, so the
// window's ShortcutMenuItem asks here. Stateless.
class MenuText : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit MenuText(QObject *parent = nullptr)
        : QObject(parent)
    { }

    //! An Action's shortcut (a string such as "Ctrl+B", or a
    //! QKeySequence::StandardKey) as the platform writes it ("Ctrl+B",
    //! "Ctrl++"); "" for none.
    Q_INVOKABLE static QString shortcut(const QVariant &shortcut);
    //! "&Open…" -> "Open…", "Save && quit" -> "Save & quit".
    Q_INVOKABLE static QString withoutMnemonic(const QString &text);
};
