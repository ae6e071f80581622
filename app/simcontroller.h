// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "cpulistmodel.h"

class QQmlEngine;
class QJSEngine;

namespace fl {
class Engine;
class TimedChooser;
struct Setup;
struct SimState;
} // namespace fl

// The one simulation the window shows. It owns the core objects, applies
// choices on request and republishes the state as properties and the CPU
// model; QML binds to these and calls the invokables, nothing more.
//
// A QML singleton shared with C++: QML gets the same object as instance()
// (see create()), so main() and the tests can drive what the window shows.
class SimController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(bool loaded READ isLoaded NOTIFY loadedChanged)
    Q_PROPERTY(QString scenarioName READ scenarioName NOTIFY scenarioNameChanged)
    Q_PROPERTY(QString scenarioTitle READ scenarioTitle NOTIFY scenarioTitleChanged)
    Q_PROPERTY(QString fixes READ fixes NOTIFY fixesChanged)
    Q_PROPERTY(QString preempt READ preempt NOTIFY preemptChanged)
    //! "LIVELOCK", "DEADLOCK", "COMPLETED", "LIMIT", or "" while no verdict is known.
    Q_PROPERTY(QString verdict READ verdict NOTIFY verdictChanged)
    //! The explanation's summary, in words.
    Q_PROPERTY(QString verdictExplanation READ verdictExplanation NOTIFY verdictExplanationChanged)
    //! The wait-for cycle at the verdict, one edge per entry (empty when none).
    Q_PROPERTY(QStringList waitCycle READ waitCycle NOTIFY waitCycleChanged)
    //! Latest virtual time over all CPUs, formatted ("12.5 ms").
    Q_PROPERTY(QString virtualTime READ virtualTime NOTIFY virtualTimeChanged)
    Q_PROPERTY(int steps READ steps NOTIFY stepsChanged)
    //! What the last applied choice did ("CPU1: T do_swap_page: ..."), or "".
    Q_PROPERTY(QString lastStep READ lastStep NOTIFY lastStepChanged)
    //! Why the last load or run failed, or "".
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    Q_PROPERTY(CpuListModel *cpus READ cpus CONSTANT)

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

    [[nodiscard]] bool isLoaded() const { return m_setup != nullptr; }
    [[nodiscard]] QString scenarioName() const { return m_scenarioName; }
    [[nodiscard]] QString scenarioTitle() const { return m_scenarioTitle; }
    [[nodiscard]] QString fixes() const { return m_fixes; }
    [[nodiscard]] QString preempt() const { return m_preempt; }
    [[nodiscard]] QString verdict() const { return m_verdict; }
    [[nodiscard]] QString verdictExplanation() const { return m_verdictExplanation; }
    [[nodiscard]] QStringList waitCycle() const { return m_waitCycle; }
    [[nodiscard]] QString virtualTime() const { return m_virtualTime; }
    [[nodiscard]] int steps() const { return m_steps; }
    [[nodiscard]] QString lastStep() const { return m_lastStep; }
    [[nodiscard]] QString errorText() const { return m_errorText; }
    [[nodiscard]] CpuListModel *cpus() const { return m_cpus; }

    //! A built-in name ("l1"), a path, or a file: URL. On failure the current
    //! scenario stays and errorText says why; returns whether it loaded.
    Q_INVOKABLE bool loadScenario(const QString &nameOrPath);
    //! Applies one choice of the core's timed chooser (seed 1): the CPU whose
    //! next event is earliest, and at a pick the scheduler's first candidate.
    //! Stepping from reset() takes the same schedule as `foliolab run`.
    Q_INVOKABLE void step();
    //! Runs from the current state until the detectors give a verdict.
    Q_INVOKABLE void runToVerdict();
    //! Back to the scenario's initial state.
    Q_INVOKABLE void reset();

signals:
    void loadedChanged();
    void scenarioNameChanged();
    void scenarioTitleChanged();
    void fixesChanged();
    void preemptChanged();
    void verdictChanged();
    void verdictExplanationChanged();
    void waitCycleChanged();
    void virtualTimeChanged();
    void stepsChanged();
    void lastStepChanged();
    void errorTextChanged();
    //! Also emitted for an error, for views that show a transient message.
    void errorOccurred(const QString &message);

private:
    void publishState();
    void setVerdict(const QString &verdict, const QString &explanation, const QStringList &cycle);
    void setErrorText(const QString &text);
    void setSteps(int steps);
    void setString(QString &field, const QString &value, void (SimController::*changed)());

    // Engine keeps a reference to the Setup: both live on the heap and are
    // replaced together, Setup first in, Engine first out.
    std::unique_ptr<fl::Setup> m_setup;
    std::unique_ptr<fl::Engine> m_engine;
    std::unique_ptr<fl::SimState> m_state;
    std::unique_ptr<fl::TimedChooser> m_chooser;
    std::vector<fl::Choice> m_choices; // taken since the initial state
    std::uint64_t m_seed = 1;

    CpuListModel *m_cpus = nullptr;
    QString m_scenarioName;
    QString m_scenarioTitle;
    QString m_fixes;
    QString m_preempt;
    QString m_verdict;
    QString m_verdictExplanation;
    QStringList m_waitCycle;
    QString m_virtualTime;
    int m_steps = 0;
    QString m_lastStep;
    QString m_errorText;
};
