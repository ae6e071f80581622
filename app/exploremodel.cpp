// SPDX-License-Identifier: GPL-2.0-only
#include "exploremodel.h"

#include "lassotimeline.h"
#include "timeline.h"

#include "engine/setup.h"
#include "explore/explorer.h"
#include "explore/run_cycle.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QThread>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

// The process's resident memory in MiB, or -1: what the explorer costs the
// machine, frontier and all (/proc, Linux only).
double residentMiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').front().toDouble() / 1024;
    return -1;
}

QString count(double n)
{
    return QLocale(QLocale::English).toString(n, 'f', 0);
}

} // namespace

ExploreModel::ExploreModel(RunModel *run, QObject *parent)
    : QObject(parent)
    , m_run(run)
{
    // A few samples a second: the numbers move, the GUI thread stays free.
    m_poll.setInterval(200);
    connect(&m_poll, &QTimer::timeout, this, &ExploreModel::sample);
}

ExploreModel::~ExploreModel()
{
    cancel();
    waitForIdle();
}

bool ExploreModel::hasCounterexample() const
{
    return m_result
            && (m_result->verdict == fl::ExploreVerdict::Livelock
                    || m_result->verdict == fl::ExploreVerdict::Deadlock
                    || m_result->verdict == fl::ExploreVerdict::Safety);
}

bool ExploreModel::start(bool fromCurrentStep)
{
    const Timeline *timeline = m_run ? m_run->timeline() : nullptr;
    if (!timeline || isRunning() || m_run->isBusy())
        return false;
    m_run->setRunning(false);
    m_setup = timeline->sharedSetup();
    m_seed = timeline->seed();
    m_source = m_run->scenarioSource();
    m_startStep = fromCurrentStep ? int(timeline->position()) : 0;
    // The search runs in the untimed model: a step of a timed run is
    // converted (its timers counted in ticks), and remembered with the run
    // that led there, so the counterexample plays and saves from the start.
    const fl::Engine untimed(*m_setup, fl::TimeModel::Untimed);
    auto lead = std::make_shared<LassoLead>();
    const std::vector<fl::Choice> &recorded = timeline->choices();
    const auto here = recorded.begin() + static_cast<std::ptrdiff_t>(timeline->position());
    if (!fromCurrentStep) {
        lead->start = untimed.initialState();
        m_start = std::make_shared<const fl::SimState>(lead->start);
    } else if (timeline->timeModel() == fl::TimeModel::Timed) {
        lead->start = untimed.untimedFrom(timeline->state());
        lead->timedPrefix.assign(recorded.begin(), here);
        m_start = std::make_shared<const fl::SimState>(lead->start);
    } else {
        lead->start = timeline->stateAt(0);
        lead->timedPrefix = timeline->timedPrefix();
        lead->leadIn.assign(recorded.begin(), here);
        m_start = std::make_shared<const fl::SimState>(timeline->state());
    }
    m_lead = std::move(lead);
    m_result.reset();
    m_verdict.clear();
    m_resultText.clear();
    emit resultChanged();
    {
        const std::lock_guard lock(m_progressMutex);
        m_progressStates = 0;
        m_progressDepth = 0;
        m_progressSeconds = 0;
    }
    m_cancel = false;

    fl::ExploreOptions options;
    options.threads
            = m_threads > 0 ? m_threads : unsigned(std::max(1, QThread::idealThreadCount() - 1));
    options.cancel = &m_cancel;
    options.stopAtFirstBug = m_stopAtFirstBug;
    options.progress = [this](const fl::ExploreProgress &p) {
        const std::lock_guard lock(m_progressMutex);
        m_progressStates = p.states;
        m_progressDepth = p.depth;
        m_progressSeconds = p.seconds;
    };
    // From a step of a timed run, the run itself may already go round a
    // fair cycle (explore/run_cycle.h): that is then the lasso, found in a
    // replay instead of a search, and it leads from the cycle's first step.
    std::vector<fl::Choice> runSoFar;
    if (fromCurrentStep && timeline->timeModel() == fl::TimeModel::Timed)
        runSoFar.assign(recorded.begin(), here);
    auto result = std::make_shared<fl::ExploreResult>();
    auto cycleLead = std::make_shared<std::optional<LassoLead>>();
    m_worker = QThread::create([setup = m_setup, start = m_start, options, result,
                                       runSoFar = std::move(runSoFar), cycleLead]() {
        fl::RunCycleOptions look;
        look.cancel = options.cancel;
        if (!runSoFar.empty())
            if (auto found = fl::livelockOfRun(*setup, runSoFar, look)) {
                *result = std::move(found->result);
                const auto entry
                        = runSoFar.begin() + static_cast<std::ptrdiff_t>(found->cycle.start);
                // The replay ends where the cycle began (the same machine).
                *cycleLead
                        = LassoLead {found->cycle.replay.finalState, {runSoFar.begin(), entry}, {}};
                return;
            }
        *result = fl::explore(*setup, *start, options);
    });
    connect(m_worker, &QThread::finished, this, [this, result, cycleLead]() {
        m_worker->deleteLater();
        m_worker = nullptr;
        m_poll.stop();
        m_foundOnTheRun = cycleLead->has_value();
        if (m_foundOnTheRun)
            m_lead = std::make_shared<const LassoLead>(std::move(**cycleLead));
        m_result = result;
        finish();
        emit runningChanged();
    });
    m_worker->start();
    m_poll.start();
    sample();
    emit runningChanged();
    return true;
}

void ExploreModel::setStopAtFirstBug(bool stop)
{
    if (stop == m_stopAtFirstBug)
        return;
    m_stopAtFirstBug = stop;
    emit stopAtFirstBugChanged();
}

void ExploreModel::cancel()
{
    m_cancel = true;
}

void ExploreModel::sample()
{
    std::uint64_t states;
    std::uint32_t depth;
    double seconds;
    {
        const std::lock_guard lock(m_progressMutex);
        states = m_progressStates;
        depth = m_progressDepth;
        seconds = m_progressSeconds;
    }
    m_states = double(states);
    const double rate = seconds > 0 ? double(states) / seconds : 0;
    m_progressText = u"Exploring every schedule from %1: %2 states · depth %3 · %4 states/s · "
                     "%5 MiB in use"_s
                             .arg(m_startStep == 0 ? u"the start"_s : u"step %1"_s.arg(m_startStep),
                                     count(double(states)))
                             .arg(depth)
                             .arg(count(rate))
                             .arg(residentMiB(), 0, 'f', 0);
    emit progressChanged();
}

void ExploreModel::finish()
{
    const fl::ExploreResult &r = *m_result;
    m_verdict = QString::fromLatin1(fl::exploreVerdictName(r.verdict));
    QString stats = u"%1 states, %2 transitions, depth %3, %4 s"_s
                            .arg(count(double(r.states)), count(double(r.transitions)))
                            .arg(r.depth)
                            .arg(r.seconds, 0, 'f', 2);
    // A search the window's own memory outweighs has no per-state figure.
    if (r.bytesPerStateMeaningful())
        stats += u", %1 bytes per state"_s.arg(r.bytesPerState, 0, 'f', 1);
    QString head;
    QString reduction;
    if (r.symmetry != "none")
        reduction = u" One state is stored per orbit of %1 renamings of interchangeable CPUs "
                    "(symmetry %2); the counterexample is concrete."_s.arg(
                            count(double(r.symmetryOrder)), QString::fromStdString(r.symmetry));
    else if (!r.symmetryNote.empty())
        reduction = u" "_s + QString::fromStdString(r.symmetryNote);
    switch (r.verdict) {
    case fl::ExploreVerdict::Livelock:
    case fl::ExploreVerdict::Deadlock:
    case fl::ExploreVerdict::Safety:
        head = u"%1 — %2"_s.arg(m_verdict, QString::fromStdString(r.summary));
        break;
    case fl::ExploreVerdict::Ok:
        head = u"OK — no schedule livelocks, deadlocks or breaks an invariant%1. %2"_s.arg(
                r.complete ? u" (every schedule explored)"_s : u" within the bounds"_s,
                QString::fromStdString(r.summary));
        break;
    case fl::ExploreVerdict::Partial:
        head = m_cancel ? u"PARTIAL — cancelled before the search was complete; nothing found "
                          "so far."_s
                        : u"PARTIAL — %1"_s.arg(QString::fromStdString(r.summary));
        break;
    case fl::ExploreVerdict::Refused:
        // Nothing was searched: statistics of no search would only mislead.
        m_resultText = u"REFUSED — %1"_s.arg(QString::fromStdString(r.summary));
        emit resultChanged();
        return;
    }
    // Found on the run itself: there are no search statistics to give.
    m_resultText = m_foundOnTheRun ? u"%1 (%2 s)"_s.arg(head).arg(r.seconds, 0, 'f', 2)
                                   : u"%1 (%2)%3"_s.arg(head, stats, reduction);
    emit resultChanged();
}

bool ExploreModel::showCounterexample()
{
    if (!hasCounterexample() || !m_run || m_run->isBusy())
        return false;
    auto timeline = lassoTimeline(m_setup, m_seed, *m_lead, *m_result);
    if (!timeline) {
        m_run->setErrorText(u"The explorer's schedule does not replay: a choice is not "
                            "enabled (a bug: please report it)."_s);
        return false;
    }
    if (!m_run->adopt(std::move(timeline), m_source, m_seed))
        return false;
    // The run's own banner and lasso line say it now: one banner, not two.
    dismiss();
    return true;
}

void ExploreModel::dismiss()
{
    if (isRunning())
        return;
    m_result.reset();
    m_verdict.clear();
    m_resultText.clear();
    emit resultChanged();
}

void ExploreModel::waitForIdle()
{
    if (!m_worker)
        return;
    m_worker->wait();
    QCoreApplication::sendPostedEvents(this);
    QCoreApplication::processEvents();
}
