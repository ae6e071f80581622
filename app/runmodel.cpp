// SPDX-License-Identifier: GPL-2.0-only
#include "runmodel.h"

#include "simnames.h"
#include "timeline.h"
#include "units.h"

#include "engine/engine.h"
#include "engine/setup.h"
#include "engine/waitfor.h"
#include "kernel/fixes.h"
#include "model/machine.h"
#include "report/compare.h"
#include "scenario/scenario_build.h"

#include <QCoreApplication>
#include <QThread>
#include <QVariantMap>

#include <algorithm>
#include <exception>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

// A run in the background never goes on for ever: the core's own limits stop
// it (virtual time), this bounds what the window records (about 55 bytes a
// step with checkpoints: some 170 MB at the limit). `foliolab run` records
// nothing and goes further.
constexpr std::size_t BackgroundStepLimit = 3'000'000;

int clampToInt(std::size_t n)
{
    return static_cast<int>(std::min<std::size_t>(n, std::numeric_limits<int>::max()));
}

bool sameEdge(const fl::WaitEdge &a, const fl::WaitEdge &b)
{
    return a.from == b.from && a.to == b.to && a.kind == b.kind;
}

} // namespace

// What a background job hands back to the GUI thread.
struct RunModel::JobResult
{
    std::unique_ptr<Timeline> timeline;
    std::optional<std::size_t> divergence;
    bool isRerun = false;
    QString error;
};

RunModel::RunModel(QObject *parent)
    : QObject(parent)
    , m_cpus(new CpuListModel(this))
    , m_choices(new ChoiceListModel(this))
    , m_fixList(new FixListModel(this))
    , m_tasks(new TaskListModel(this))
    , m_folios(new FolioListModel(this))
    , m_bookmarkList(new BookmarkListModel(this))
{
    connect(m_bookmarkList, &BookmarkListModel::bookmarksChanged, this,
            &RunModel::bookmarksChanged);
    // One tick per frame: the views sample the state at frame rate however
    // fast the simulation runs.
    m_runTimer.setInterval(16);
    m_runTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_runTimer, &QTimer::timeout, this, &RunModel::runTick);
}

RunModel::~RunModel()
{
    waitForIdle();
}

int RunModel::verdictStep() const
{
    if (!m_timeline || !m_timeline->verdict())
        return -1;
    return clampToInt(m_timeline->verdict()->step);
}

bool RunModel::isUntimed() const
{
    return m_timeline && m_timeline->timeModel() == fl::TimeModel::Untimed;
}

int RunModel::cycleStart() const
{
    return m_timeline && m_timeline->cycleStart() ? clampToInt(*m_timeline->cycleStart()) : -1;
}

QVariantList RunModel::cycleRanges() const
{
    const int start = cycleStart();
    if (start < 0)
        return {};
    return {QVariantMap {{u"from"_s, start + 1}, {u"to"_s, totalSteps()}}};
}

int RunModel::laps() const
{
    return m_timeline ? clampToInt(m_timeline->laps()) : 0;
}

QString RunModel::lassoText() const
{
    const int start = cycleStart();
    if (start < 0)
        return isUntimed() ? u"Untimed replay (the explorer's model: ticks and timers are "
                             "choices)."_s
                           : QString();
    const int length = totalSteps() - start;
    return u"Untimed lasso: %1 steps lead to a cycle of %2 steps (steps %3–%4, red on the "
           "timeline) that returns to the same state; F5 at its end goes round again, F6 loops "
           "it. Rounds so far: %5."_s.arg(start)
                   .arg(length)
                   .arg(start + 1)
                   .arg(totalSteps())
                   .arg(laps());
}

QVariantList RunModel::bookmarks() const
{
    QVariantList list;
    for (const BookmarkListModel::Bookmark &b : m_bookmarkList->bookmarks())
        list << b.step;
    return list;
}

void RunModel::adoptSetup(std::shared_ptr<const fl::Setup> setup, const QString &source,
        std::unique_ptr<Timeline> timeline)
{
    const bool wasLoaded = isLoaded();
    m_timeline
            = timeline ? std::move(timeline) : std::make_unique<Timeline>(std::move(setup), m_seed);
    const fl::Setup &s = m_timeline->setup();
    m_scenarioSource = source;
    setString(m_scenarioName, s.spec.name.empty() ? source : QString::fromStdString(s.spec.name),
            &RunModel::scenarioNameChanged);
    setString(
            m_scenarioTitle, QString::fromStdString(s.spec.title), &RunModel::scenarioTitleChanged);
    setString(m_fixes, QString::fromStdString(s.fixes.describe()), &RunModel::fixesChanged);
    setString(m_preempt, QString::fromLatin1(fl::preemptName(s.initial.preempt)),
            &RunModel::preemptChanged);
    setString(m_rcu, QString::fromLatin1(fl::rcuName(s.initial.rcu)), &RunModel::rcuChanged);
    m_fixList->setActive(s.fixes);
    setErrorText({});
    setDivergence({}, -1);
    m_bookmarkList->clear();
    if (!wasLoaded)
        emit loadedChanged();
    setString(m_lastStep, {}, &RunModel::lastStepChanged);
    publishState();
}

bool RunModel::load(std::shared_ptr<const fl::Setup> setup, const QString &source)
{
    if (isBusy() || !setup)
        return false;
    setRunning(false);
    adoptSetup(std::move(setup), source);
    return true;
}

bool RunModel::adopt(std::unique_ptr<Timeline> timeline, const QString &source, std::uint64_t seed)
{
    if (isBusy() || !timeline)
        return false;
    setRunning(false);
    m_seed = seed;
    auto setup = timeline->sharedSetup();
    adoptSetup(std::move(setup), source, std::move(timeline));
    return true;
}

bool RunModel::showRun(std::shared_ptr<const fl::Setup> setup, const QString &source,
        std::uint64_t seed, const std::vector<fl::Choice> &choices, std::size_t position)
{
    if (isBusy() || !setup)
        return false;
    setRunning(false);
    m_seed = seed;
    // Built before adoptSetup publishes, so its one stateChanged already
    // shows the recorded run.
    auto timeline = std::make_unique<Timeline>(setup, seed);
    for (const fl::Choice &c : choices)
        if (!timeline->apply(c))
            break; // the caller's choices came from the same setup: cannot happen
    timeline->seek(position);
    adoptSetup(std::move(setup), source, std::move(timeline));
    return true;
}

void RunModel::reset()
{
    if (!m_timeline || isBusy())
        return;
    setRunning(false);
    m_timeline->clear();
    setString(m_lastStep, {}, &RunModel::lastStepChanged);
    m_bookmarkList->clear();
    publishState();
}

bool RunModel::applyChoice(fl::Choice choice)
{
    if (!m_timeline || isBusy())
        return false;
    const QString description = QString::fromStdString(
            m_timeline->engine().describeChoice(m_timeline->state(), choice));
    if (!m_timeline->apply(choice))
        return false;
    setString(m_lastStep, description, &RunModel::lastStepChanged);
    // A new branch drops bookmarks that pointed into the old future.
    m_bookmarkList->dropAfter(clampToInt(m_timeline->length()));
    publishState();
    return true;
}

void RunModel::step()
{
    if (!m_timeline || isBusy())
        return;
    const std::optional<fl::Choice> next = m_timeline->nextChoice();
    if (!next) {
        setRunning(false);
        return;
    }
    applyChoice(*next);
}

bool RunModel::stepChoice(int index)
{
    if (!m_timeline || index < 0 || index >= m_choices->rowCount())
        return false;
    return applyChoice(m_choices->choiceAt(index));
}

bool RunModel::stepCpu(int cpu)
{
    if (!m_timeline)
        return false;
    const fl::ChoiceList enabled = m_timeline->enabled();
    const std::optional<fl::Choice> next = m_timeline->nextChoice();
    if (next && next->cpu == cpu)
        return applyChoice(*next);
    for (const fl::Choice &c : enabled)
        if (c.cpu == cpu)
            return applyChoice(c);
    return false;
}

bool RunModel::stepTask(int task)
{
    if (!m_timeline || task < 0 || task >= fl::MaxTasks)
        return false;
    const fl::Machine &m = m_timeline->state().machine;
    for (const fl::Choice &c : m_timeline->enabled()) {
        const bool picks = c.task == task;
        const bool runs = c.task == fl::NoTask && m.cpus[c.cpu].current == task;
        if (picks || runs)
            return applyChoice(c);
    }
    return false;
}

void RunModel::stepBack()
{
    if (!m_timeline || isBusy() || m_timeline->position() == 0)
        return;
    setRunning(false);
    seek(clampToInt(m_timeline->position()) - 1);
}

void RunModel::seek(int n)
{
    if (!m_timeline || isBusy())
        return;
    const std::size_t pos = std::min<std::size_t>(std::max(0, n), m_timeline->length());
    // The last step in words, as it was when it was taken: described from
    // the state in front of it (one step more to replay than the jump).
    QString last;
    if (pos > 0) {
        m_timeline->seek(pos - 1);
        const fl::Choice c = m_timeline->choices()[pos - 1];
        last = u"step %1: %2"_s.arg(pos).arg(QString::fromStdString(
                m_timeline->engine().describeChoice(m_timeline->state(), c)));
    }
    m_timeline->seek(pos);
    setString(m_lastStep, last, &RunModel::lastStepChanged);
    publishState();
}

void RunModel::toggleBookmark()
{
    if (!m_timeline)
        return;
    m_bookmarkList->toggle(m_steps);
}

int RunModel::addBookmark()
{
    return m_timeline ? m_bookmarkList->add(m_steps) : -1;
}

bool RunModel::renameBookmark(int row, const QString &name)
{
    return m_bookmarkList->rename(row, name);
}

bool RunModel::removeBookmark(int row)
{
    return m_bookmarkList->remove(row);
}

void RunModel::setRunning(bool running)
{
    if (running == isRunning())
        return;
    if (running && (!m_timeline || isBusy() || !m_timeline->nextChoice()))
        return;
    if (running) {
        m_runCredit = 0;
        m_runClock.start();
        m_runTimer.start();
    } else {
        m_runTimer.stop();
    }
    emit runningChanged();
}

void RunModel::setSpeed(int speed)
{
    speed = std::clamp(speed, 1, 1'000'000);
    if (speed == m_speed)
        return;
    m_speed = speed;
    emit speedChanged();
}

void RunModel::runTick()
{
    if (!m_timeline || isBusy()) {
        setRunning(false);
        return;
    }
    // Steps owed since the last tick at `speed` steps per second; a slow
    // frame is made up for, up to a frame's worth of work at most.
    m_runCredit += m_speed * (static_cast<double>(m_runClock.restart()) / 1000.0);
    const auto due = static_cast<std::size_t>(m_runCredit);
    if (due == 0)
        return;
    m_runCredit -= static_cast<double>(due);
    m_runCredit = std::min(m_runCredit, static_cast<double>(m_speed));

    const bool hadVerdict = m_timeline->verdictHere() != nullptr;
    QElapsedTimer budget;
    budget.start();
    std::size_t done = 0;
    fl::Choice last {};
    bool stop = false;
    while (done < due && budget.elapsed() < 6) {
        const std::optional<fl::Choice> next = m_timeline->nextChoice();
        if (!next) {
            stop = true;
            break;
        }
        // The recording limit holds for F6 as for F8: at full speed the
        // recording grew by some 40 MB a second, without end.
        if (m_timeline->position() >= BackgroundStepLimit
                && m_timeline->position() == m_timeline->length()) {
            stop = true;
            setErrorText(u"Paused at step %1: the window records at most %2 steps of a run; "
                         "`foliolab run` goes further."_s.arg(m_timeline->position())
                                 .arg(BackgroundStepLimit));
            break;
        }
        m_timeline->apply(*next);
        last = *next;
        ++done;
        // Pause where the detectors decide, so the class sees the moment.
        if (!hadVerdict && m_timeline->verdictHere()) {
            stop = true;
            break;
        }
    }
    if (done > 0) {
        setString(m_lastStep, u"CPU%1 (step %2)"_s.arg(last.cpu).arg(m_timeline->position()),
                &RunModel::lastStepChanged);
        publishState();
    }
    if (stop)
        setRunning(false);
}

void RunModel::runToVerdict()
{
    if (!m_timeline || isBusy())
        return;
    setRunning(false);
    auto copy = std::make_shared<Timeline>(*m_timeline);
    startJob([copy]() {
        JobResult r;
        r.timeline = std::make_unique<Timeline>(*copy);
        r.timeline->runToVerdict(BackgroundStepLimit);
        return r;
    });
}

bool RunModel::setFixEnabled(const QString &name, bool enabled)
{
    if (!m_timeline || isBusy())
        return false;
    const fl::Setup &old = m_timeline->setup();
    // The new list of names: the active ones, with `name` switched.
    std::vector<std::string> names;
    for (const fl::FixInfo &info : fl::fixCatalogue())
        if (old.fixes.has(info.fix) && SimNames::fromView(info.name) != name)
            names.emplace_back(info.name);
    if (enabled)
        names.push_back(name.toStdString());

    fl::FixSet check;
    for (const std::string &n : names) {
        const std::string problem = fl::addFixByName(check, n);
        if (!problem.empty()) {
            setErrorText(QString::fromStdString(problem));
            m_fixList->setActive(old.fixes); // the toggle springs back
            return false;
        }
    }

    fl::BuildOptions options;
    options.fixes = names.empty() ? std::vector<std::string> {"baseline"} : names;
    options.preempt = fl::preemptName(old.initial.preempt);
    options.rcu = fl::rcuName(old.initial.rcu);
    std::shared_ptr<const fl::Setup> setup = buildOrSay(old.spec, options);
    if (!setup) {
        m_fixList->setActive(old.fixes); // the toggle springs back
        return false;
    }
    rerunUnder(std::move(setup));
    return true;
}

std::shared_ptr<const fl::Setup> RunModel::buildOrSay(
        const fl::ScenarioSpec &spec, const fl::BuildOptions &options)
{
    try {
        return std::make_shared<const fl::Setup>(fl::buildSetup(spec, options));
    } catch (const std::exception &error) {
        setErrorText(QString::fromStdString(error.what()));
        return nullptr;
    }
}

bool RunModel::setModels(const QString &preempt, const QString &rcu)
{
    if (!m_timeline || isBusy())
        return false;
    const fl::Setup &old = m_timeline->setup();
    fl::BuildOptions options;
    for (const fl::FixInfo &info : fl::fixCatalogue())
        if (old.fixes.has(info.fix))
            options.fixes.emplace_back(info.name);
    if (options.fixes.empty())
        options.fixes.push_back("baseline");
    options.preempt = preempt.isEmpty() ? fl::preemptName(old.initial.preempt)
                                        : preempt.toStdString();
    // A new model without a flavour takes the scenario's, else the new
    // model's own default (RT always has preemptible RCU).
    if (!rcu.isEmpty())
        options.rcu = rcu.toStdString();
    else if (preempt.isEmpty())
        options.rcu = fl::rcuName(old.initial.rcu);
    std::shared_ptr<const fl::Setup> setup = buildOrSay(old.spec, options);
    if (!setup) {
        // The boxes show the run's models again.
        emit preemptChanged();
        emit rcuChanged();
        return false;
    }
    if (setup->initial.preempt == old.initial.preempt && setup->initial.rcu == old.initial.rcu)
        return true;
    rerunUnder(std::move(setup));
    return true;
}

void RunModel::rerunUnder(std::shared_ptr<const fl::Setup> setup)
{
    setRunning(false);
    setErrorText({});
    // The same schedule: every choice up to where the window is now.
    std::vector<fl::Choice> choices(m_timeline->choices().begin(),
            m_timeline->choices().begin() + static_cast<std::ptrdiff_t>(m_timeline->position()));
    std::vector<Timeline::Sample> samples(m_timeline->samples().begin(),
            m_timeline->samples().begin() + static_cast<std::ptrdiff_t>(m_timeline->position()));
    const std::uint64_t seed = m_seed;
    startJob([setup, choices = std::move(choices), samples = std::move(samples), seed]() {
        JobResult r;
        r.isRerun = true;
        r.timeline = std::make_unique<Timeline>(setup, seed);
        r.divergence = r.timeline->replay(choices, samples, BackgroundStepLimit);
        return r;
    });
}

bool RunModel::toggleFixNamed(const QString &name)
{
    const std::optional<fl::Fix> fix = fl::fixByName(name.toStdString());
    if (!m_timeline || !fix) {
        setErrorText(u"unknown fix '%1'"_s.arg(name));
        return false;
    }
    return setFixEnabled(name, !m_timeline->setup().fixes.has(*fix));
}

bool RunModel::toggleFix(int index)
{
    const auto &catalogue = fl::fixCatalogue();
    if (!m_timeline || index < 0 || static_cast<std::size_t>(index) >= catalogue.size())
        return false;
    const fl::FixInfo &info = catalogue[static_cast<std::size_t>(index)];
    return setFixEnabled(SimNames::fromView(info.name), !m_timeline->setup().fixes.has(info.fix));
}

void RunModel::startJob(std::function<JobResult()> job)
{
    auto result = std::make_shared<JobResult>();
    m_worker = QThread::create([job = std::move(job), result]() {
        try {
            *result = job();
        } catch (const std::exception &error) {
            result->error = QString::fromStdString(error.what());
        }
    });
    connect(m_worker, &QThread::finished, this, [this, result]() {
        m_worker->deleteLater();
        m_worker = nullptr;
        emit busyChanged();
        if (!result->error.isEmpty() || !result->timeline) {
            setErrorText(u"run failed: %1"_s.arg(result->error));
            return;
        }
        const bool rerun = result->isRerun;
        const auto divergence = result->divergence;
        if (rerun) {
            // Keep the scenario's identity; the setup is the new fix set's.
            const QString source = m_scenarioSource;
            const QString fixesBefore = m_fixes, preemptBefore = m_preempt, rcuBefore = m_rcu;
            // Adopted whole, so the one stateChanged already shows the re-run
            // (the lesson player follows every stateChanged).
            auto timeline = std::move(result->timeline);
            auto setup = timeline->sharedSetup();
            // The same schedule, so the bookmarks (a teacher's prepared
            // steps) stay, up to the new run's end.
            std::vector<BookmarkListModel::Bookmark> bookmarks = m_bookmarkList->bookmarks();
            adoptSetup(std::move(setup), source, std::move(timeline));
            m_bookmarkList->setBookmarks(std::move(bookmarks));
            m_bookmarkList->dropAfter(clampToInt(m_timeline->length()));
            // Name each run by what differs: the fixes, or the kernel's
            // preemption model or RCU flavour when the boxes changed those.
            auto label = [&](const QString &fixes, const QString &preempt, const QString &rcu) {
                QString text = fixes;
                if (preemptBefore != m_preempt)
                    text += u" (preempt=%1)"_s.arg(preempt);
                if (rcuBefore != m_rcu)
                    text += u" (%1 RCU)"_s.arg(rcu);
                return text;
            };
            const QString before = label(fixesBefore, preemptBefore, rcuBefore);
            const QString after = label(m_fixes, m_preempt, m_rcu);
            if (divergence)
                setDivergence(
                        u"The runs part at step %1: %2 vs %3 (the steps before are the same)."_s
                                .arg(fl::stepNumber(*divergence))
                                .arg(before, after),
                        clampToInt(fl::stepNumber(*divergence)));
            else
                setDivergence(u"The same schedule runs unchanged under %1."_s.arg(after), -1);
        } else {
            m_timeline = std::move(result->timeline);
        }
        setString(m_lastStep, {}, &RunModel::lastStepChanged);
        publishState();
        if (!m_timeline->verdictHere() && m_timeline->nextChoice())
            setErrorText(u"No verdict after %1 steps: the window records at most %2 steps of a "
                         "run; `foliolab run` goes further."_s.arg(m_timeline->position())
                                 .arg(BackgroundStepLimit));
    });
    m_worker->start();
    emit busyChanged();
}

void RunModel::waitForIdle()
{
    if (!m_worker)
        return;
    m_worker->wait();
    // Deliver the queued finished() now, so the result is adopted.
    QCoreApplication::sendPostedEvents(this);
    QCoreApplication::processEvents();
}

void RunModel::publishState()
{
    if (!m_timeline)
        return;
    const fl::Setup &setup = m_timeline->setup();
    const fl::SimState &state = m_timeline->state();
    const fl::Machine &m = state.machine;

    setInt(m_steps, clampToInt(m_timeline->position()), &RunModel::stepsChanged);
    setInt(m_totalSteps, clampToInt(m_timeline->length()), &RunModel::totalStepsChanged);
    setString(m_virtualTime, Units::formatDuration(state.clocks.maxNow(m.cpuCount)),
            &RunModel::virtualTimeChanged);
    m_cpus->update(setup, state);
    const std::optional<fl::Choice> next = m_timeline->nextChoice();
    m_choices->update(m_timeline->engine(), state, m_timeline->enabled(), next);
    m_tasks->update(setup, state);
    m_folios->update(setup, state);
    m_nextStep = next ? QString::fromStdString(m_timeline->engine().describeChoice(state, *next))
                      : QString();
    const std::size_t position = m_timeline->position();
    m_lastCpu = position > 0 ? int(m_timeline->choices()[position - 1].cpu) : -1;

    // The wait-for graph as it is now, with the cycle marked.
    const std::vector<fl::WaitEdge> graph = fl::buildWaitForGraph(setup, m, &state.lives);
    const std::vector<fl::WaitEdge> cycle = fl::findCycle(graph);
    m_waitGraph.clear();
    for (const fl::WaitEdge &e : graph) {
        QVariantMap edge;
        edge[u"from"_s] = QString::fromStdString(fl::nodeName(setup, e.from, &state.lives));
        edge[u"to"_s] = QString::fromStdString(fl::nodeName(setup, e.to, &state.lives));
        edge[u"label"_s] = QString::fromStdString(e.label);
        edge[u"kind"_s] = static_cast<int>(e.kind);
        edge[u"inCycle"_s] = std::any_of(
                cycle.begin(), cycle.end(), [&e](const fl::WaitEdge &c) { return sameEdge(c, e); });
        m_waitGraph << edge;
    }

    // The lru_add_drain_all() mutex and the page tables, in words.
    QStringList waiters;
    for (int i = 0; i < m.drainMutexWaiters.count; ++i)
        waiters << SimNames::task(setup, m.drainMutexWaiters.at(i));
    m_drainMutex
            = u"lru_add_drain_all mutex: %1 · waiters: %2"_s.arg(m.drainMutexOwner == fl::NoTask
                            ? u"free"_s
                            : u"held by "_s + SimNames::task(setup, m.drainMutexOwner),
                    waiters.isEmpty() ? u"none"_s : waiters.join(u", "));
    m_pageTables.clear();
    for (int mm = 0; mm < fl::MaxMms; ++mm) {
        const fl::Mm &table = m.mms[static_cast<std::size_t>(mm)];
        if (!table.used)
            continue;
        QStringList entries;
        for (std::size_t va = 0; va < table.pte.size(); ++va) {
            const fl::Pte &pte = table.pte[va];
            if (pte.kind == fl::PteKind::None)
                continue;
            entries << u"v%1 %2 %3"_s.arg(va).arg(QString::fromLatin1(fl::pteKindName(pte.kind)),
                    pte.folio == fl::NoFolio ? QString() : SimNames::folio(setup, &state.lives, pte.folio));
        }
        m_pageTables << u"%1: %2 · PTL %3"_s.arg(SimNames::mm(setup, static_cast<fl::MmId>(mm)),
                entries.isEmpty() ? u"empty"_s : entries.join(u" | "),
                table.ptlOwner == fl::NoTask
                        ? u"free"_s
                        : u"held by "_s + SimNames::task(setup, table.ptlOwner));
    }

    publishVerdict();
    emit stateChanged();
}

void RunModel::publishVerdict()
{
    const Timeline::VerdictInfo *v = m_timeline ? m_timeline->verdictHere() : nullptr;
    QString verdict, explanation;
    QStringList cycle;
    if (v) {
        verdict = QString::fromLatin1(fl::verdictName(v->verdict));
        explanation = QString::fromStdString(v->explanation.summary);
        for (const fl::WaitEdge &edge : v->explanation.cycle)
            cycle << QString::fromStdString(edge.label);
    }
    // verdictStep belongs to the recorded run and moves with a new one.
    const int recordedStep = verdictStep();
    if (verdict != m_verdict || recordedStep != m_shownVerdictStep) {
        m_verdict = verdict;
        m_shownVerdictStep = recordedStep;
        emit verdictChanged();
    }
    setString(m_verdictExplanation, explanation, &RunModel::verdictExplanationChanged);
    if (m_waitCycle != cycle) {
        m_waitCycle = cycle;
        emit waitCycleChanged();
    }
}

void RunModel::setErrorText(const QString &text)
{
    setString(m_errorText, text, &RunModel::errorTextChanged);
    if (!text.isEmpty())
        emit errorOccurred(text);
}

void RunModel::setDivergence(const QString &text, int step)
{
    if (m_divergence == text && m_divergenceStep == step)
        return;
    m_divergence = text;
    m_divergenceStep = step;
    emit divergenceChanged();
}

void RunModel::setInt(int &field, int value, void (RunModel::*changed)())
{
    if (field == value)
        return;
    field = value;
    emit(this->*changed)();
}

void RunModel::setString(QString &field, const QString &value, void (RunModel::*changed)())
{
    if (field == value)
        return;
    field = value;
    emit(this->*changed)();
}
