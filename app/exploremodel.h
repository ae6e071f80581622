// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <memory>
#include <mutex>

#include "runmodel.h"

struct LassoLead;

class QThread;

namespace fl {
struct ExploreResult;
struct Setup;
struct SimState;
} // namespace fl

// Run ▸ Explore all schedules: the core's explorer (fl::explore) on a worker
// thread, from the scenario's start or from the window's current state, with
// its progress sampled a few times a second (states, depth, rate, the
// process's memory), Cancel, and the result in words. A LIVELOCK or DEADLOCK
// it finds can be put on the window's run as an untimed replay whose cycle
// loops (showCounterexample).
class ExploreModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SimController.explorer is the one explorer")

    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    //! "412 000 states · depth 120 · 310 000 states/s · 96 MiB", while running.
    Q_PROPERTY(QString progressText READ progressText NOTIFY progressChanged)
    Q_PROPERTY(double states READ states NOTIFY progressChanged)
    //! "LIVELOCK", "DEADLOCK", "SAFETY", "OK", "PARTIAL", "REFUSED", or "" before a result.
    Q_PROPERTY(QString verdict READ verdict NOTIFY resultChanged)
    //! The result in words with its statistics.
    Q_PROPERTY(QString resultText READ resultText NOTIFY resultChanged)
    //! The result has a schedule to play (LIVELOCK, DEADLOCK, SAFETY).
    Q_PROPERTY(bool hasCounterexample READ hasCounterexample NOTIFY resultChanged)
    //! The next search stops at the first bug it meets (fl::ExploreOptions::
    //! stopAtFirstBug); the window binds it to AppSettings.
    Q_PROPERTY(bool stopAtFirstBug READ stopAtFirstBug WRITE setStopAtFirstBug NOTIFY
                    stopAtFirstBugChanged)

public:
    ExploreModel(RunModel *run, QObject *parent);
    ~ExploreModel() override;

    [[nodiscard]] bool isRunning() const { return m_worker != nullptr; }
    [[nodiscard]] QString progressText() const { return m_progressText; }
    [[nodiscard]] double states() const { return m_states; }
    [[nodiscard]] QString verdict() const { return m_verdict; }
    [[nodiscard]] QString resultText() const { return m_resultText; }
    [[nodiscard]] bool hasCounterexample() const;
    [[nodiscard]] bool stopAtFirstBug() const { return m_stopAtFirstBug; }
    void setStopAtFirstBug(bool stop);

    //! Explores every schedule from the scenario's initial state, or from the
    //! window's current state. `threads` 0: all cores but one (the GUI's).
    Q_INVOKABLE bool start(bool fromCurrentStep);
    //! Stops the search; the result then says PARTIAL.
    Q_INVOKABLE void cancel();
    //! Puts the counterexample on the window's run: an untimed replay from
    //! where the search started, its cycle marked and looping. The result's
    //! banner goes (the run's verdict banner and lasso line take over).
    Q_INVOKABLE bool showCounterexample();
    //! Forgets the result (the banner goes).
    Q_INVOKABLE void dismiss();
    //! Blocks until the search has finished (tests, quitting).
    void waitForIdle();
    //! Worker threads for the next search (tests use 1); 0 = default.
    void setThreads(unsigned threads) { m_threads = threads; }

signals:
    void runningChanged();
    void progressChanged();
    void resultChanged();
    void stopAtFirstBugChanged();

private:
    void sample();
    void finish();

    RunModel *m_run = nullptr;
    QThread *m_worker = nullptr;
    QTimer m_poll;
    unsigned m_threads = 0;
    bool m_stopAtFirstBug = true;
    std::atomic<bool> m_cancel {false};
    // Written by the explorer's threads, read by the poll timer.
    std::mutex m_progressMutex;
    std::uint64_t m_progressStates = 0;
    std::uint32_t m_progressDepth = 0;
    double m_progressSeconds = 0;

    // The search's input and output, kept to play the counterexample.
    std::shared_ptr<const fl::Setup> m_setup;
    std::shared_ptr<const fl::SimState> m_start; // untimed (Engine::untimedFrom)
    std::shared_ptr<const LassoLead> m_lead; // how the window's run led to m_start
    bool m_foundOnTheRun = false; // the result is the window's run's own cycle
    QString m_source;
    std::uint64_t m_seed = 1;
    int m_startStep = 0;
    std::shared_ptr<fl::ExploreResult> m_result;

    QString m_progressText;
    double m_states = 0;
    QString m_verdict;
    QString m_resultText;
};
