// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "goallistmodel.h"
#include "lessonlistmodel.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

class QQmlEngine;
class QJSEngine;
class QThread;
class RunModel;

namespace fl {
struct Lesson;
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
    //! thread), then shows its final run in the window from its first step,
    //! running, so the class watches it.
    Q_INVOKABLE void showMe();
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

signals:
    void lessonChanged();
    void hintsChanged();
    void goalsChanged();
    void followingChanged();
    void busyChanged();
    void statusTextChanged();
    void exploredChanged();

public:
    struct WindowRun; // public for the follower, a free function in the .cpp

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
};
