// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QObject>
#include <QString>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;
#include "comparemodel.h"
#include "exploremodel.h"
#include "runmodel.h"

// The window's own things: which run it shows (run), the comparison of two
// runs (compare), and files: scenarios and replays to open, the schedule to
// save, the built-in scenarios. What a run does (stepping, fixes, verdict) is
// RunModel's; settings are AppSettings', lessons LessonPlayer's.
//
// A QML singleton shared with C++: QML gets the same object as instance()
// (see create()), so main() and the tests can drive what the window shows.
class SimController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    //! The run the main window shows.
    Q_PROPERTY(RunModel *run READ run CONSTANT)
    //! View ▸ Compare: two runs side by side (A and B).
    Q_PROPERTY(CompareModel *compare READ compare CONSTANT)
    //! Run ▸ Explore all schedules, on the window's run.
    Q_PROPERTY(ExploreModel *explorer READ explorer CONSTANT)
    //! The fix merged upstream, the one Ctrl+M switches: "wait-on-unlock".
    Q_PROPERTY(QString mergedFix READ mergedFix CONSTANT)
    //! The built-in scenarios: {name, description} maps.
    Q_PROPERTY(QVariantList builtinScenarios READ builtinScenarios CONSTANT)
    //! The tabs on screen, as a workspace keeps them: the machine's (0
    //! memory, 1 tasks, 2 time) and the side panel's (0 why, 1 fixes, 2
    //! choices, 3 plots, 4 lesson; core/workspace/workspace_file.h names
    //! them). The window writes them when a tab is picked and follows them
    //! when a workspace opens.
    Q_PROPERTY(int machineTab READ machineTab WRITE setMachineTab NOTIFY machineTabChanged)
    Q_PROPERTY(int sideTab READ sideTab WRITE setSideTab NOTIFY sideTabChanged)
    //! Where the workspace dialogs start: the user's documents folder.
    Q_PROPERTY(QUrl documentsFolder READ documentsFolder CONSTANT)

public:
    // No default argument on purpose: Qt 6.4's registration prefers a default
    // constructor over create() (qqmlprivate.h, constructionMode()), which
    // would give QML a second, private controller. Pass nullptr explicitly.
    explicit SimController(QObject *parent);
    ~SimController() override;

    static SimController &instance();
    // Called by the QML engine for the singleton: hand out instance() and keep
    // ownership in C++ so the engine never deletes it.
    static SimController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    [[nodiscard]] RunModel *run() const { return m_run; }
    [[nodiscard]] CompareModel *compare() const { return m_compare; }
    [[nodiscard]] ExploreModel *explorer() const { return m_explorer; }
    [[nodiscard]] static QVariantList builtinScenarios();
    [[nodiscard]] static QString mergedFix();
    [[nodiscard]] int machineTab() const { return m_machineTab; }
    void setMachineTab(int tab);
    [[nodiscard]] int sideTab() const { return m_sideTab; }
    void setSideTab(int tab);
    [[nodiscard]] static QUrl documentsFolder();

    //! A built-in name ("l1"), a path, or a file: URL, shown in run. On
    //! failure the current scenario stays and run's errorText says why.
    Q_INVOKABLE bool loadScenario(const QString &nameOrPath);
    //! Opens a scenario (.toml) or a replay file (.flab): path or file: URL.
    //! A replay loads its scenario with its fixes, preemption model and seed
    //! and steps through its choices. Adds the file to the recent files.
    Q_INVOKABLE bool openFile(const QString &pathOrUrl);
    //! Saves run's schedule up to the current step as a replay file, atomically.
    Q_INVOKABLE bool saveReplay(const QString &pathOrUrl);
    //! Saves the schedule so far in words (a .sched file that `foliolab
    //! check` verifies): the window's choices up to the current step, then
    //! the seed's timed chooser to the verdict, which the Result line names.
    Q_INVOKABLE bool saveSchedule(const QString &pathOrUrl);
    //! The report of `foliolab report` for the window's run (its choices,
    //! then the seed's chooser to the verdict), for a review mail: 72
    //! columns of plain text. Also put on the clipboard.
    Q_INVOKABLE QString copyReport();

    //! File ▸ Save workspace: the scenario, fixes, models, the recorded
    //! schedule, the current step, the named bookmarks, the open lesson and
    //! the tabs, written atomically (docs/file-formats.md). A path without a
    //! suffix gets ".flws".
    Q_INVOKABLE bool saveWorkspace(const QString &pathOrUrl);
    //! File ▸ Open workspace: puts all that back. A bad file changes
    //! nothing on screen; run's errorText says FILE:LINE:COL and why.
    Q_INVOKABLE bool openWorkspace(const QString &pathOrUrl);
    //! At start: opens AppSettings' last workspace if the user asked for it
    //! (a missing file is reported like any bad file). False when not asked.
    bool reopenLastWorkspace();

signals:
    void machineTabChanged();
    void sideTabChanged();

private:
    RunModel *m_run = nullptr;
    CompareModel *m_compare = nullptr;
    ExploreModel *m_explorer = nullptr;
    int m_machineTab = 0;
    int m_sideTab = 0;
};
