// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "goallistmodel.h"
#include "lessonlistmodel.h"

#include "engine/choice.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

class QQmlEngine;
class QJSEngine;
class QThread;
class RunModel;

namespace fl {
struct Lesson;
struct Setup;
class LessonSession;
} // namespace fl

// The lesson player: the open lesson (its story, goals, hints) and the
// learner's progress through the course.
//
// One source of truth. What the window shows is SimController's run (a RunModel): its
// setup (the lesson's scenario under the fixes and preemption model chosen)
// and the choices up to its current step. The player owns a LessonSession
// that *follows* that run: after every change of the window (F5, F6, F8, a
// click on a CPU, task or choice, a fix toggled, a step back, a jump, F3) it
// brings the session to the same setup and the same choices, then reads the
// goals from it. The session's state is then the window's state (a test
// checks that they are equal), so what the learner sees is what the goals
// see. The only things the player does to the session first are the lesson's
// own actions (open, restart, "show me", a preemption model, the explorer);
// it then puts the session's run on the window with RunModel::showRun.
//
// Anything that may take long (show me, the explorer, catching up after a
// long background run) runs on a worker thread; the views only read copies
// (the goal model, properties), never the session.
//
// "Show me" is a guided tour for a class, not the learner's own work: the
// worker plays the reference solution and records every run it made and the
// step at which each goal was met; the player then walks the window through
// those runs one beat at a time (a QTimer, every tourIntervalMs; tests call
// advanceTour() instead of waiting), a few single steps first and longer
// jumps later, and stops at each goal's step with the goal's text until
// continueTour() (Space). It never saves a goal as met: the lesson is marked
// "watched" at the end, and the goals wait until Restart.
class LessonPlayer : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(bool active READ isActive NOTIFY lessonChanged)
    Q_PROPERTY(QString lessonId READ lessonId NOTIFY lessonChanged)
    Q_PROPERTY(QString title READ title NOTIFY lessonChanged)
    Q_PROPERTY(int level READ level NOTIFY lessonChanged)
    Q_PROPERTY(int minutes READ minutes NOTIFY lessonChanged)
    //! The narrative: {title, text} maps, in order.
    Q_PROPERTY(QVariantList sections READ sections NOTIFY lessonChanged)
    //! Row of the open lesson in `lessons`, or -1.
    Q_PROPERTY(int lessonIndex READ lessonIndex NOTIFY lessonChanged)
    //! Lessons in the course.
    Q_PROPERTY(int lessonCount READ lessonCount CONSTANT)
    Q_PROPERTY(bool hasPrevious READ hasPrevious NOTIFY lessonChanged)
    Q_PROPERTY(bool hasNext READ hasNext NOTIFY lessonChanged)
    //! Fixes the lesson lets the learner switch (the Fixes tab does it).
    Q_PROPERTY(QStringList toggles READ toggles NOTIFY lessonChanged)
    //! Preemption models the learner may choose; fewer than two: no choice.
    Q_PROPERTY(QStringList preemptModels READ preemptModels NOTIFY lessonChanged)
    Q_PROPERTY(QString preempt READ preempt NOTIFY goalsChanged)
    //! Does a goal ask for the explorer's verdict (then "Search" is offered)?
    Q_PROPERTY(bool usesExplorer READ usesExplorer NOTIFY lessonChanged)
    //! The last search found a schedule to play (LIVELOCK, DEADLOCK, SAFETY).
    Q_PROPERTY(bool hasCounterexample READ hasCounterexample NOTIFY exploredChanged)
    //! Hints revealed so far, one more per showHint().
    Q_PROPERTY(QStringList hints READ hints NOTIFY hintsChanged)
    Q_PROPERTY(int hintsLeft READ hintsLeft NOTIFY hintsChanged)
    Q_PROPERTY(int goalsMet READ goalsMet NOTIFY goalsChanged)
    Q_PROPERTY(int goalsTotal READ goalsTotal NOTIFY lessonChanged)
    Q_PROPERTY(bool complete READ isComplete NOTIFY goalsChanged)
    //! The window shows this lesson's run, so the goals are being checked.
    Q_PROPERTY(bool following READ isFollowing NOTIFY followingChanged)
    //! Show me, the explorer or a long catch-up is under way.
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    //! "Show me" walks the window through the reference solution.
    Q_PROPERTY(bool touring READ isTouring NOTIFY tourChanged)
    //! The tour stopped at a goal it reached; Space (continueTour) goes on.
    Q_PROPERTY(bool tourPaused READ isTourPaused NOTIFY tourChanged)
    //! The goal the tour stopped at: its text, and its number (1-based).
    Q_PROPERTY(QString tourGoalText READ tourGoalText NOTIFY tourChanged)
    Q_PROPERTY(int tourGoalNumber READ tourGoalNumber NOTIFY tourChanged)
    //! What the solution does now, in words ("2 of 3: run to the verdict").
    Q_PROPERTY(QString tourCaption READ tourCaption NOTIFY tourChanged)
    //! Time between two beats of the tour, 250..3000 ms.
    Q_PROPERTY(int tourIntervalMs READ tourIntervalMs WRITE setTourIntervalMs NOTIFY
                    tourIntervalChanged)
    //! "Show me" ran in this sitting: the goals wait until Restart.
    Q_PROPERTY(bool watching READ isWatching NOTIFY tourChanged)
    //! The saved progress says the solution was watched to its end.
    Q_PROPERTY(bool watched READ isWatched NOTIFY tourChanged)
    //! What the player is doing or why the goals are not checked, in words.
    Q_PROPERTY(QString statusText READ statusText NOTIFY statusTextChanged)
    Q_PROPERTY(GoalListModel *goals READ goals CONSTANT)
    Q_PROPERTY(LessonListModel *lessons READ lessons CONSTANT)

public:
    // No default argument: see SimController (Qt 6.4 would make a second one).
    LessonPlayer(RunModel &sim, QObject *parent);
    ~LessonPlayer() override;

    static LessonPlayer &instance();
    static LessonPlayer *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    [[nodiscard]] bool isActive() const { return m_session != nullptr; }
    [[nodiscard]] QString lessonId() const { return m_lessonId; }
    [[nodiscard]] QString title() const;
    [[nodiscard]] int level() const;
    [[nodiscard]] int minutes() const;
    [[nodiscard]] QVariantList sections() const;
    [[nodiscard]] int lessonIndex() const { return m_lessons->indexOf(m_lessonId); }
    [[nodiscard]] int lessonCount() const { return m_lessons->rowCount(); }
    [[nodiscard]] bool hasPrevious() const { return lessonIndex() > 0; }
    [[nodiscard]] bool hasNext() const
    {
        return lessonIndex() >= 0 && lessonIndex() + 1 < m_lessons->rowCount();
    }
    [[nodiscard]] QStringList toggles() const;
    [[nodiscard]] QStringList preemptModels() const;
    [[nodiscard]] QString preempt() const { return m_preempt; }
    [[nodiscard]] bool usesExplorer() const;
    [[nodiscard]] bool hasCounterexample() const;
    [[nodiscard]] QStringList hints() const { return m_allHints.mid(0, m_hintsShown); }
    [[nodiscard]] int hintsLeft() const { return int(m_allHints.size()) - m_hintsShown; }
    [[nodiscard]] int goalsMet() const { return m_goalsMet; }
    [[nodiscard]] int goalsTotal() const { return m_goals->rowCount(); }
    [[nodiscard]] bool isComplete() const { return goalsTotal() > 0 && m_goalsMet == goalsTotal(); }
    [[nodiscard]] bool isFollowing() const { return m_following; }
    [[nodiscard]] bool isBusy() const { return m_worker != nullptr; }
    [[nodiscard]] QString statusText() const { return m_statusText; }
    [[nodiscard]] bool isTouring() const { return m_tourActive; }
    [[nodiscard]] bool isTourPaused() const { return m_tourActive && m_tourPausedGoal >= 0; }
    [[nodiscard]] QString tourGoalText() const;
    [[nodiscard]] int tourGoalNumber() const { return isTourPaused() ? m_tourPausedGoal + 1 : 0; }
    [[nodiscard]] QString tourCaption() const { return m_tourActive ? m_tourCaption : QString(); }
    [[nodiscard]] int tourIntervalMs() const { return m_tourTimer.interval(); }
    void setTourIntervalMs(int ms);
    [[nodiscard]] bool isWatching() const { return m_watching; }
    [[nodiscard]] bool isWatched() const;
    [[nodiscard]] GoalListModel *goals() const { return m_goals; }
    [[nodiscard]] LessonListModel *lessons() const { return m_lessons; }

    //! Opens built-in lesson `lessonId` ("01-device-private-fault") and shows
    //! its scenario at its start. On failure statusText says why.
    Q_INVOKABLE bool openLesson(const QString &lessonId);
    Q_INVOKABLE bool openLessonAt(int row);
    Q_INVOKABLE bool openNext();
    Q_INVOKABLE bool openPrevious();
    //! The lesson's start again: its fixes and model, no goal met this
    //! sitting (the saved progress stays), hints hidden.
    Q_INVOKABLE void restart();
    //! Reveals the next hint.
    Q_INVOKABLE void showHint();
    //! Plays the reference solution from the lesson's start (off the GUI
    //! thread), then walks the window through it at the tour's pace,
    //! stopping at each goal it meets.
    Q_INVOKABLE void showMe();
    //! One beat of the tour: the next step or jump of the window, or a stop
    //! at a goal. False when there is nothing to do (paused, over, busy).
    Q_INVOKABLE bool advanceTour();
    //! Goes on from a goal the tour stopped at (Space).
    Q_INVOKABLE void continueTour();
    //! Ends the tour where it is (Esc); the goals wait until Restart.
    Q_INVOKABLE void stopTour();
    //! Forgets every lesson's saved progress and restarts the open lesson
    //! (so what this sitting met is not written back at once).
    Q_INVOKABLE void resetProgress();
    //! The explorer searches every schedule of the current setup.
    Q_INVOKABLE void explore();
    //! Plays the search's counterexample in the window as Run ▸ Explore does
    //! (untimed, the cycle looping); the goals wait until Restart.
    Q_INVOKABLE bool showCounterexample();
    //! Switches to preemption model `model` and re-runs the window's choices.
    Q_INVOKABLE bool setPreempt(const QString &model);

    //! Blocks until the worker has finished and its result is adopted
    //! (tests, quitting).
    void waitForIdle();
    //! The session (tests): read it only while !isBusy().
    [[nodiscard]] const fl::LessonSession *session() const { return m_session.get(); }
    //! The tour's clock (tests check it runs; they call advanceTour()).
    [[nodiscard]] const QTimer &tourTimer() const { return m_tourTimer; }

signals:
    void lessonChanged();
    void hintsChanged();
    void goalsChanged();
    void followingChanged();
    void busyChanged();
    void statusTextChanged();
    void exploredChanged();
    void tourChanged();
    void tourIntervalChanged();

public:
    struct WindowRun; // public for the follower, a free function in the .cpp
    // The tour's plan, made by the worker (public for a free function there).
    struct TourRun
    {
        std::shared_ptr<const fl::Setup> setup;
        std::vector<fl::Choice> choices;
    };
    struct TourSegment // what one action of the solution did
    {
        std::size_t run = 0;
        std::size_t from = 0, to = 0; // positions in that run
        bool newRun = false; // a toggle, a model or a reset: shown from step 0
        QString caption;
        std::vector<std::pair<std::size_t, int>> goals; // (step, goal) met
    };
    struct TourStop
    {
        std::size_t run = 0;
        std::size_t position = 0;
        int goal = -1; // >= 0: stop here with this goal's text
        QString caption;
    };

private:
    void follow();
    [[nodiscard]] bool windowShowsLesson() const;
    [[nodiscard]] WindowRun windowRun() const;
    void showSessionInWindow(std::size_t position, bool run);
    void startWork(std::function<QString(fl::LessonSession &)> work,
            std::function<void(const QString &error)> done);
    void publishGoals();
    void setFollowing(bool following);
    void setStatusText(const QString &text);
    void startTour(const std::vector<TourRun> &runs, const std::vector<TourSegment> &segments);
    void finishTour();
    void clearTour();

    RunModel &m_sim;
    GoalListModel *m_goals;
    LessonListModel *m_lessons;
    std::unique_ptr<fl::Lesson> m_lesson;
    // Refers to *m_lesson: reset before it.
    std::unique_ptr<fl::LessonSession> m_session;
    QString m_lessonId;
    QString m_source; // how the window names the lesson's scenario
    QStringList m_allHints;
    int m_hintsShown = 0;
    int m_goalsMet = 0;
    QString m_preempt;
    bool m_following = false;
    bool m_followPending = false; // the window changed while the worker ran
    bool m_verdictAsked = false; // asked the runner for the verdict the window shows
    QThread *m_worker = nullptr;
    QString m_statusText;

    // Show me.
    QTimer m_tourTimer;
    std::vector<TourRun> m_tourRuns;
    std::vector<TourStop> m_tourStops;
    std::size_t m_tourNext = 0; // next stop
    std::size_t m_tourShownRun = SIZE_MAX; // the run the window shows
    bool m_tourActive = false;
    bool m_tourMoving = false; // the window changes because of the tour
    int m_tourPausedGoal = -1;
    QString m_tourCaption;
    bool m_watching = false;
    std::vector<bool> m_shownGoals;
};
