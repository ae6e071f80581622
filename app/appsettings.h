// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

// The user's preferences, persisted with QSettings (Qt 6.4 has no QML
// Settings in QtCore): theme, font scale, running speed, recent files.
// Every setter writes through at once, so nothing is lost on a crash.
class AppSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(bool darkTheme READ isDarkTheme WRITE setDarkTheme NOTIFY darkThemeChanged)
    //! Multiplies every font size: 1.0 for a desk, 1.5 for the back of a classroom.
    Q_PROPERTY(double fontScale READ fontScale WRITE setFontScale NOTIFY fontScaleChanged)
    //! Steps per second while running (F6).
    Q_PROPERTY(int speed READ speed WRITE setSpeed NOTIFY speedChanged)
    //! Most recent first, at most MaxRecentFiles, only files that still exist.
    Q_PROPERTY(QStringList recentFiles READ recentFiles NOTIFY recentFilesChanged)
    //! Open the last saved or opened workspace when the window starts (off
    //! by default).
    Q_PROPERTY(bool reopenLastWorkspace READ reopenLastWorkspace WRITE setReopenLastWorkspace
                    NOTIFY reopenLastWorkspaceChanged)
    //! Run ▸ Explore stops at the first bug it meets (on by default: a
    //! class gets a counterexample in seconds where the whole space of a
    //! big scenario takes minutes); off searches on for the most severe kind.
    Q_PROPERTY(bool exploreStopsAtFirstBug READ exploreStopsAtFirstBug
                    WRITE setExploreStopsAtFirstBug NOTIFY exploreStopsAtFirstBugChanged)
    //! The workspace file last saved or opened, or "".
    Q_PROPERTY(QString lastWorkspace READ lastWorkspace WRITE setLastWorkspace
                    NOTIFY lastWorkspaceChanged)

public:
    static constexpr int MaxRecentFiles = 8;

    // No default argument: see SimController (Qt 6.4 would make a second one).
    explicit AppSettings(QObject *parent);

    static AppSettings &instance();
    static AppSettings *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    [[nodiscard]] bool isDarkTheme() const { return m_darkTheme; }
    void setDarkTheme(bool dark);
    [[nodiscard]] double fontScale() const { return m_fontScale; }
    void setFontScale(double scale);
    [[nodiscard]] int speed() const { return m_speed; }
    void setSpeed(int speed);
    [[nodiscard]] QStringList recentFiles() const { return m_recentFiles; }
    [[nodiscard]] bool reopenLastWorkspace() const { return m_reopenLastWorkspace; }
    void setReopenLastWorkspace(bool reopen);
    [[nodiscard]] bool exploreStopsAtFirstBug() const { return m_exploreStopsAtFirstBug; }
    void setExploreStopsAtFirstBug(bool stop);
    [[nodiscard]] QString lastWorkspace() const { return m_lastWorkspace; }
    //! Kept as an absolute path (a file: URL is accepted).
    void setLastWorkspace(const QString &path);

    //! Puts `path` first in the recent files (a file: URL is accepted).
    Q_INVOKABLE void addRecentFile(const QString &path);
    Q_INVOKABLE void clearRecentFiles();
    //! Re-reads everything from QSettings (tests; another instance wrote).
    void reload();

signals:
    void darkThemeChanged();
    void fontScaleChanged();
    void speedChanged();
    void recentFilesChanged();
    void reopenLastWorkspaceChanged();
    void exploreStopsAtFirstBugChanged();
    void lastWorkspaceChanged();

private:
    bool m_darkTheme = false;
    double m_fontScale = 1.0;
    int m_speed = 20000;
    QStringList m_recentFiles;
    bool m_reopenLastWorkspace = false;
    bool m_exploreStopsAtFirstBug = true;
    QString m_lastWorkspace;
};
