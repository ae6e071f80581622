// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "bookmarklistmodel.h"
#include "choicelistmodel.h"
#include "cpulistmodel.h"
#include "fixlistmodel.h"
#include "foliolistmodel.h"
#include "tasklistmodel.h"

class QQmlEngine;
class QJSEngine;
class QThread;
class Timeline;

namespace fl {
struct BuildOptions;
struct ScenarioSpec;
struct Setup;
} // namespace fl

// One run as the window shows it: it owns a Timeline (the recorded run with
// checkpoints), applies choices on request, walks the timeline in both
// directions, re-runs the schedule under another fix set, and republishes the
// state as properties and models. QML binds to these and calls the
// invokables, nothing more.
//
// The window holds one (SimController.run) and the compare view two more
// (CompareModel.a and .b); views take the run they show as a property, so a
// lane, a panel or a timeline can draw any of them. Files, settings and the
// lesson player are the window's, not a run's (SimController, AppSettings,
// LessonPlayer).
class RunModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("A run belongs to SimController or CompareModel")

    Q_PROPERTY(bool loaded READ isLoaded NOTIFY loadedChanged)
    Q_PROPERTY(QString scenarioName READ scenarioName NOTIFY scenarioNameChanged)
    Q_PROPERTY(QString scenarioTitle READ scenarioTitle NOTIFY scenarioTitleChanged)
    //! Where the scenario came from: a built-in name or a path.
    Q_PROPERTY(QString scenarioSource READ scenarioSource NOTIFY scenarioNameChanged)
    Q_PROPERTY(QString fixes READ fixes NOTIFY fixesChanged)
    Q_PROPERTY(QString preempt READ preempt NOTIFY preemptChanged)
    //! The RCU build, "preemptible" or "non-preemptible" (domain spec §1.15).
    Q_PROPERTY(QString rcu READ rcu NOTIFY rcuChanged)
    //! "LIVELOCK", "DEADLOCK", "COMPLETED", "LIMIT", or "" while no verdict is
    //! known at the current step.
    Q_PROPERTY(QString verdict READ verdict NOTIFY verdictChanged)
    //! The explanation's summary, in words.
    Q_PROPERTY(QString verdictExplanation READ verdictExplanation NOTIFY verdictExplanationChanged)
    //! The wait-for cycle at the verdict, one edge per entry (empty when none).
    Q_PROPERTY(QStringList waitCycle READ waitCycle NOTIFY waitCycleChanged)
    //! The step at which the recorded run gets its verdict, or -1.
    Q_PROPERTY(int verdictStep READ verdictStep NOTIFY verdictChanged)
    //! The wait-for graph of the current state: a list of {from, to, label,
    //! kind, inCycle} maps (the cycle is the verdict's when at the verdict).
    Q_PROPERTY(QVariantList waitGraph READ waitGraph NOTIFY stateChanged)
    //! Latest virtual time over all CPUs, formatted ("12.5 ms").
    Q_PROPERTY(QString virtualTime READ virtualTime NOTIFY virtualTimeChanged)
    //! The current position in the recorded run.
    Q_PROPERTY(int steps READ steps NOTIFY stepsChanged)
    //! Steps recorded (the timeline's length); steps <= totalSteps.
    Q_PROPERTY(int totalSteps READ totalSteps NOTIFY totalStepsChanged)
    //! What the last applied choice did ("CPU1: T do_swap_page: ..."), or "".
    Q_PROPERTY(QString lastStep READ lastStep NOTIFY lastStepChanged)
    //! The run follows the explorer's untimed model (ticks are choices).
    Q_PROPERTY(bool untimed READ isUntimed NOTIFY stateChanged)
    //! A lasso (an explorer's livelock): the position where its cycle
    //! starts, or -1; cycleRanges marks the cycle's steps on the timeline
    //! ({from, to} step numbers); laps counts rounds since it was loaded.
    Q_PROPERTY(int cycleStart READ cycleStart NOTIFY stateChanged)
    Q_PROPERTY(QVariantList cycleRanges READ cycleRanges NOTIFY stateChanged)
    Q_PROPERTY(int laps READ laps NOTIFY stateChanged)
    //! The lasso in words ("" when the run is not one).
    Q_PROPERTY(QString lassoText READ lassoText NOTIFY stateChanged)
    //! The CPU the last applied step ran on, or -1 at the initial state.
    Q_PROPERTY(int lastCpu READ lastCpu NOTIFY stateChanged)
    //! What F5 would do next, in words, or "" when nothing can run.
    Q_PROPERTY(QString nextStep READ nextStep NOTIFY stateChanged)
    //! Why the last load, save or run failed, or "".
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    //! F6: stepping continuously at `speed` steps per second.
    Q_PROPERTY(bool running READ isRunning WRITE setRunning NOTIFY runningChanged)
    Q_PROPERTY(int speed READ speed WRITE setSpeed NOTIFY speedChanged)
    //! A long run or a re-run under new fixes is under way off the GUI thread.
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    //! Where the last re-run under another fix set left the old schedule, in words.
    Q_PROPERTY(QString divergence READ divergence NOTIFY divergenceChanged)
    //! Step of the first divergence, or -1.
    Q_PROPERTY(int divergenceStep READ divergenceStep NOTIFY divergenceChanged)
    //! Bookmarked steps, ascending (names and edits: bookmarkList).
    Q_PROPERTY(QVariantList bookmarks READ bookmarks NOTIFY bookmarksChanged)
    //! The named bookmarks, one row each: jump, rename, delete.
    Q_PROPERTY(BookmarkListModel *bookmarkList READ bookmarkList CONSTANT)
    //! The lru_add_drain_all mutex in words: owner and waiters.
    Q_PROPERTY(QString drainMutex READ drainMutex NOTIFY stateChanged)
    //! Each mm's page table in words, one entry per mm.
    Q_PROPERTY(QStringList pageTables READ pageTables NOTIFY stateChanged)
    Q_PROPERTY(CpuListModel *cpus READ cpus CONSTANT)
    Q_PROPERTY(ChoiceListModel *choices READ choices CONSTANT)
    Q_PROPERTY(FixListModel *fixList READ fixList CONSTANT)
    Q_PROPERTY(TaskListModel *tasks READ tasks CONSTANT)
    Q_PROPERTY(FolioListModel *folios READ folios CONSTANT)

public:
    explicit RunModel(QObject *parent = nullptr);
    ~RunModel() override;

    [[nodiscard]] bool isLoaded() const { return m_timeline != nullptr; }
    [[nodiscard]] QString scenarioName() const { return m_scenarioName; }
    [[nodiscard]] QString scenarioTitle() const { return m_scenarioTitle; }
    [[nodiscard]] QString scenarioSource() const { return m_scenarioSource; }
    [[nodiscard]] QString fixes() const { return m_fixes; }
    [[nodiscard]] QString preempt() const { return m_preempt; }
    [[nodiscard]] QString rcu() const { return m_rcu; }
    [[nodiscard]] QString verdict() const { return m_verdict; }
    [[nodiscard]] QString verdictExplanation() const { return m_verdictExplanation; }
    [[nodiscard]] QStringList waitCycle() const { return m_waitCycle; }
    [[nodiscard]] int verdictStep() const;
    [[nodiscard]] QVariantList waitGraph() const { return m_waitGraph; }
    [[nodiscard]] QString virtualTime() const { return m_virtualTime; }
    [[nodiscard]] int steps() const { return m_steps; }
    [[nodiscard]] int totalSteps() const { return m_totalSteps; }
    [[nodiscard]] QString lastStep() const { return m_lastStep; }
    [[nodiscard]] QString nextStep() const { return m_nextStep; }
    [[nodiscard]] int lastCpu() const { return m_lastCpu; }
    [[nodiscard]] bool isUntimed() const;
    [[nodiscard]] int cycleStart() const;
    [[nodiscard]] QVariantList cycleRanges() const;
    [[nodiscard]] int laps() const;
    [[nodiscard]] QString lassoText() const;
    [[nodiscard]] QString errorText() const { return m_errorText; }
    [[nodiscard]] bool isRunning() const { return m_runTimer.isActive(); }
    [[nodiscard]] int speed() const { return m_speed; }
    [[nodiscard]] bool isBusy() const { return m_worker != nullptr; }
    [[nodiscard]] QString divergence() const { return m_divergence; }
    [[nodiscard]] int divergenceStep() const { return m_divergenceStep; }
    [[nodiscard]] QVariantList bookmarks() const;
    [[nodiscard]] BookmarkListModel *bookmarkList() const { return m_bookmarkList; }
    [[nodiscard]] QString drainMutex() const { return m_drainMutex; }
    [[nodiscard]] QStringList pageTables() const { return m_pageTables; }
    [[nodiscard]] CpuListModel *cpus() const { return m_cpus; }
    [[nodiscard]] ChoiceListModel *choices() const { return m_choices; }
    [[nodiscard]] FixListModel *fixList() const { return m_fixList; }
    [[nodiscard]] TaskListModel *tasks() const { return m_tasks; }
    [[nodiscard]] FolioListModel *folios() const { return m_folios; }

    //! The recorded run (plots read its samples); nullptr before a load.
    [[nodiscard]] const Timeline *timeline() const { return m_timeline.get(); }

    //! Shows `setup` from its initial state with nothing recorded; `source` is
    //! where its scenario came from (a built-in name or a path). False while a
    //! background run is under way.
    bool load(std::shared_ptr<const fl::Setup> setup, const QString &source);
    //! Shows `timeline` as it is (position and recorded future kept).
    bool adopt(std::unique_ptr<Timeline> timeline, const QString &source, std::uint64_t seed);
    //! Applies what nextStep says: the recorded choice when stepping through a
    //! recorded future, else the core's timed chooser (seed 1), so stepping
    //! from reset() takes the same schedule as `foliolab run`.
    Q_INVOKABLE void step();
    //! Applies enabled choice `index` of the choices model.
    Q_INVOKABLE bool stepChoice(int index);
    //! Steps exactly CPU `cpu` (at a pick: the task F5 would pick, else the first).
    Q_INVOKABLE bool stepCpu(int cpu);
    //! Steps exactly task `task`: the CPU it runs on, or picks it at a pick.
    Q_INVOKABLE bool stepTask(int task);
    //! One step back (the recorded future is kept; F5 replays it).
    Q_INVOKABLE void stepBack();
    //! Jumps to step `n` of the recorded run.
    Q_INVOKABLE void seek(int n);
    //! Runs from the current state until the detectors give a verdict, off the
    //! GUI thread; the window shows the state at the verdict when done.
    Q_INVOKABLE void runToVerdict();
    //! Back to the scenario's initial state with nothing recorded.
    Q_INVOKABLE void reset();
    Q_INVOKABLE void toggleRunning() { setRunning(!isRunning()); }
    //! Adds or removes a bookmark at the current step.
    Q_INVOKABLE void toggleBookmark();
    //! Bookmarks the current step (named "Step N") unless it is already;
    //! returns its row in bookmarkList, or -1 before a load.
    Q_INVOKABLE int addBookmark();
    //! Renames bookmark `row`; an empty name gives "Step N" back.
    Q_INVOKABLE bool renameBookmark(int row, const QString &name);
    Q_INVOKABLE bool removeBookmark(int row);
    //! Switches fix `name` on or off: rebuilds the setup with the new fix set
    //! and re-runs the current choice list under it (off the GUI thread).
    //! A conflicting combination is refused with errorText saying why.
    Q_INVOKABLE bool setFixEnabled(const QString &name, bool enabled);
    //! Re-runs the current choice list under another preemption model and/or
    //! RCU flavour ("" keeps the current one), as a fix toggle does. PREEMPT_RT
    //! with non-preemptible RCU is refused with errorText saying why.
    Q_INVOKABLE bool setModels(const QString &preempt, const QString &rcu);
    //! Switches fix number `index` of the catalogue (0-based); false if none.
    Q_INVOKABLE bool toggleFix(int index);
    //! Switches the fix called `name`.
    Q_INVOKABLE bool toggleFixNamed(const QString &name);
    //! Blocks until a background run has finished (tests, quitting).
    void waitForIdle();
    //! Shows `setup` (labelled `source`) with `choices` recorded under the
    //! timed chooser's `seed`, positioned at step `position`; the recorded
    //! rest is the future F5/F6 replay. For the lesson player, which puts a
    //! lesson's scenario and its session's run on screen (C++ only). Returns
    //! false while a background run is under way.
    bool showRun(std::shared_ptr<const fl::Setup> setup, const QString &source, std::uint64_t seed,
            const std::vector<fl::Choice> &choices, std::size_t position);

    void setRunning(bool running);
    void setSpeed(int speed);
    //! Shown in the banner and the error dialog; "" clears it.
    void setErrorText(const QString &text);
    //! What the compare view says about this run's divergence from the other.
    void setDivergence(const QString &text, int step);

signals:
    void loadedChanged();
    void scenarioNameChanged();
    void scenarioTitleChanged();
    void fixesChanged();
    void preemptChanged();
    void rcuChanged();
    void verdictChanged();
    void verdictExplanationChanged();
    void waitCycleChanged();
    void virtualTimeChanged();
    void stepsChanged();
    void totalStepsChanged();
    void lastStepChanged();
    void errorTextChanged();
    void runningChanged();
    void speedChanged();
    void busyChanged();
    void divergenceChanged();
    void bookmarksChanged();
    //! The shown state changed (any step, jump, load or re-run).
    void stateChanged();
    //! Also emitted for an error, for views that show a transient message.
    void errorOccurred(const QString &message);

private:
    // The setup, or null after saying why in errorText.
    std::shared_ptr<const fl::Setup> buildOrSay(
            const fl::ScenarioSpec &spec, const fl::BuildOptions &options);
    // Re-runs the current choice list under `setup` on the worker.
    void rerunUnder(std::shared_ptr<const fl::Setup> setup);
    struct JobResult;
    // `timeline`, when given, is already a run of `setup` and is shown as is.
    void adoptSetup(std::shared_ptr<const fl::Setup> setup, const QString &source,
            std::unique_ptr<Timeline> timeline = nullptr);
    void publishState();
    void publishVerdict();
    void runTick();
    bool applyChoice(fl::Choice choice);
    void startJob(std::function<JobResult()> job);
    void setInt(int &field, int value, void (RunModel::*changed)());
    void setString(QString &field, const QString &value, void (RunModel::*changed)());

    std::unique_ptr<Timeline> m_timeline;
    std::uint64_t m_seed = 1;
    QThread *m_worker = nullptr;
    QTimer m_runTimer;
    QElapsedTimer m_runClock;
    double m_runCredit = 0; // steps owed to the running clock

    CpuListModel *m_cpus = nullptr;
    ChoiceListModel *m_choices = nullptr;
    FixListModel *m_fixList = nullptr;
    TaskListModel *m_tasks = nullptr;
    FolioListModel *m_folios = nullptr;
    BookmarkListModel *m_bookmarkList = nullptr;
    QString m_scenarioName;
    QString m_scenarioTitle;
    QString m_scenarioSource;
    QString m_fixes;
    QString m_preempt;
    QString m_rcu;
    QString m_verdict;
    QString m_verdictExplanation;
    QStringList m_waitCycle;
    QVariantList m_waitGraph;
    QString m_virtualTime;
    int m_steps = 0;
    int m_totalSteps = 0;
    int m_speed = 200;
    QString m_lastStep;
    QString m_nextStep;
    int m_lastCpu = -1;
    QString m_errorText;
    QString m_divergence;
    int m_divergenceStep = -1;
    int m_shownVerdictStep = -1;
    QString m_drainMutex;
    QStringList m_pageTables;
};
