// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

// Presenting to a lecture hall: which panel is enlarged to the whole window
// (none, or one of panelKeys), and whether the presenter layout (the CPU
// lanes plus one chosen panel in large type) is up. The window's views only
// bind to this; the enlarged panel is a second view of the same run, so the
// run, its step and the lesson are the same in both, and the panel in the
// side bar is left exactly as it was.
class Presentation : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    //! The panel shown over the whole window, "" when none.
    Q_PROPERTY(QString enlarged READ enlarged NOTIFY enlargedChanged)
    //! The presenter layout is up.
    Q_PROPERTY(bool presenter READ isPresenter WRITE setPresenter NOTIFY presenterChanged)
    //! The panel beside the lanes in the presenter layout.
    Q_PROPERTY(QString presenterPanel READ presenterPanel WRITE setPresenterPanel NOTIFY
                    presenterPanelChanged)
    //! Every panel that can be enlarged or presented: {key, title} maps.
    Q_PROPERTY(QVariantList panels READ panels CONSTANT)

public:
    // No default argument: see SimController (Qt 6.4 would make a second one).
    explicit Presentation(QObject *parent);

    static Presentation &instance();
    static Presentation *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    [[nodiscard]] QString enlarged() const { return m_enlarged; }
    [[nodiscard]] bool isPresenter() const { return m_presenter; }
    void setPresenter(bool on);
    [[nodiscard]] QString presenterPanel() const { return m_presenterPanel; }
    void setPresenterPanel(const QString &key);
    [[nodiscard]] static QVariantList panels();
    [[nodiscard]] static QStringList panelKeys();

    //! The panel's title in words ("Wait-for graph"), "" for an unknown key.
    Q_INVOKABLE static QString title(const QString &key);
    //! Enlarges `key`; the same key again returns (the button toggles).
    Q_INVOKABLE void enlarge(const QString &key);
    //! Esc: undoes the last of enlarge / presenter; false when nothing was up.
    Q_INVOKABLE bool back();
    //! Everything back to the normal window (a new test, a new window).
    Q_INVOKABLE void reset();

signals:
    void enlargedChanged();
    void presenterChanged();
    void presenterPanelChanged();

private:
    QString m_enlarged;
    bool m_presenter = false;
    QString m_presenterPanel = QStringLiteral("waitGraph");
};
