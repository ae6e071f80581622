// SPDX-License-Identifier: GPL-2.0-only
#include "simcontroller.h"

#include "appsettings.h"
#include "simnames.h"
#include "timeline.h"
#include "units.h"

#include "engine/engine.h"
#include "engine/setup.h"
#include "engine/waitfor.h"
#include "kernel/fixes.h"
#include "model/machine.h"
#include "replay/replay_file.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_error.h"
#include "scenario/scenario_toml.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJSEngine>
#include <QRegularExpression>
#include <QThread>
#include <QUrl>
#include <QVariantMap>

#include <algorithm>
#include <exception>
#include <limits>
#include <type_traits>

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
struct SimController::JobResult
{
    std::unique_ptr<Timeline> timeline;
    std::optional<std::size_t> divergence;
    bool isRerun = false;
    QString error;
};

// See the constructor comment in the header: keeps QML on instance().
static_assert(!std::is_default_constructible_v<SimController>);

SimController::SimController(QObject *parent)
    : QObject(parent)
    , m_cpus(new CpuListModel(this))
    , m_choices(new ChoiceListModel(this))
    , m_fixList(new FixListModel(this))
    , m_tasks(new TaskListModel(this))
    , m_folios(new FolioListModel(this))
{
    // One tick per frame: the views sample the state at frame rate however
    // fast the simulation runs.
    m_runTimer.setInterval(16);
    m_runTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_runTimer, &QTimer::timeout, this, &SimController::runTick);
}

SimController::~SimController()
{
    waitForIdle();
}

SimController &SimController::instance()
{
    static SimController controller(nullptr);
    return controller;
}

SimController *SimController::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_UNUSED(jsEngine)
    SimController *controller = &instance();
    QJSEngine::setObjectOwnership(controller, QJSEngine::CppOwnership);
    return controller;
}

int SimController::verdictStep() const
{
    if (!m_timeline || !m_timeline->verdict())
        return -1;
    return clampToInt(m_timeline->verdict()->step);
}

QVariantList SimController::bookmarks() const
{
    QVariantList list;
    for (int b : m_bookmarks)
        list << b;
    return list;
}

QVariantList SimController::builtinScenarios()
{
    QVariantList list;
    for (const fl::BuiltinScenario &b : fl::builtinScenarios())
        list << QVariantMap {{u"name"_s, QString::fromStdString(b.name)},
                {u"description"_s, QString::fromStdString(b.description)}};
    return list;
}

bool SimController::loadScenario(const QString &nameOrPath)
{
    if (isBusy())
        return false;
    // File dialogs and drops hand over URLs.
    QString source = nameOrPath.trimmed();
    if (source.startsWith(u"file:"))
        source = QUrl(source).toLocalFile();

    std::shared_ptr<const fl::Setup> setup;
    try {
        const fl::ScenarioSpec spec = fl::loadScenario(source.toStdString());
        setup = std::make_shared<const fl::Setup>(fl::buildSetup(spec));
    } catch (const fl::ScenarioError &error) {
        setErrorText(QString::fromStdString(error.what()));
        return false;
    } catch (const std::exception &error) {
        // Not a user mistake, but still no reason to take the window down.
        setErrorText(u"%1: internal error: %2"_s.arg(source, QString::fromStdString(error.what())));
        return false;
    }

    // Only now drop the old scenario, so a failure above leaves it untouched.
    setRunning(false);
    adoptSetup(std::move(setup), source);
    return true;
}

static QString localPath(const QString &pathOrUrl)
{
    const QString trimmed = pathOrUrl.trimmed();
    return trimmed.startsWith(u"file:") ? QUrl(trimmed).toLocalFile() : trimmed;
}

// Replay files are .flab from the window, but the explorer and `run
// --save-replay` may write .toml: a file with a top-level `choices` key is a
// replay whatever its name (scenario files have no such key).
static bool isReplayFile(const QString &path)
{
    if (path.endsWith(u".flab", Qt::CaseInsensitive))
        return true;
    // Only a regular file is peeked at: opening a FIFO would wait for a
    // writer and /dev/zero never ends. The loader refuses anything else.
    if (!QFileInfo(path).isFile())
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return false; // the scenario loader reports the missing file
    static const QRegularExpression choices(
            u"^\\s*choices\\s*="_s, QRegularExpression::MultilineOption);
    return choices.match(QString::fromUtf8(file.read(1 << 20))).hasMatch();
}

bool SimController::openFile(const QString &pathOrUrl)
{
    if (isBusy())
        return false;
    const QString path = localPath(pathOrUrl);
    if (!isReplayFile(path)) {
        if (!loadScenario(path))
            return false;
        AppSettings::instance().addRecentFile(path);
        return true;
    }

    std::shared_ptr<const fl::Setup> setup;
    fl::ReplayFile replay;
    QString source;
    try {
        replay = fl::loadReplay(path.toStdString());
        if (replay.untimed)
            throw fl::ScenarioError(path.toStdString(), 0, 0,
                    "this replay uses the explorer's untimed model (time = \"untimed\"); the "
                    "window "
                    "plays timed replays only: check it with `foliolab run --replay`");
        // A scenario path in a replay is relative to the replay file.
        source = QString::fromStdString(replay.scenario);
        if (fl::builtinScenarioText(replay.scenario).empty() && QFileInfo(source).isRelative())
            source = QFileInfo(path).dir().filePath(source);
        const fl::ScenarioSpec spec = fl::loadScenario(source.toStdString());
        fl::BuildOptions options;
        options.fixes = replay.fixes.empty() ? std::vector<std::string> {"baseline"} : replay.fixes;
        options.preempt = replay.preempt;
        setup = std::make_shared<const fl::Setup>(fl::buildSetup(spec, options));
    } catch (const fl::ScenarioError &error) {
        setErrorText(QString::fromStdString(error.what()));
        return false;
    } catch (const std::exception &error) {
        setErrorText(u"%1: internal error: %2"_s.arg(path, QString::fromStdString(error.what())));
        return false;
    }

    setRunning(false);
    m_seed = replay.seed;
    adoptSetup(std::move(setup), source);
    for (std::size_t i = 0; i < replay.choices.size(); ++i) {
        if (!m_timeline->apply(replay.choices[i])) {
            // The file is valid TOML but its schedule does not fit this
            // scenario: keep what replayed and say where it stopped.
            setErrorText(
                    u"%1: choice %2 ([%3, %4]) is not enabled at that step; the replay stops there"_s
                            .arg(path)
                            .arg(i + 1)
                            .arg(replay.choices[i].cpu)
                            .arg(replay.choices[i].task == fl::NoTask
                                            ? -1
                                            : int(replay.choices[i].task)));
            break;
        }
    }
    publishState();
    AppSettings::instance().addRecentFile(path);
    return true;
}

bool SimController::saveReplay(const QString &pathOrUrl)
{
    if (!m_timeline)
        return false;
    QString path = localPath(pathOrUrl);
    if (QFileInfo(path).suffix().isEmpty())
        path += u".flab"_s;
    const fl::Setup &setup = m_timeline->setup();
    fl::ReplayFile replay;
    replay.scenario = m_scenarioSource.toStdString();
    for (const fl::FixInfo &info : fl::fixCatalogue())
        if (setup.fixes.has(info.fix))
            replay.fixes.emplace_back(info.name);
    replay.preempt = fl::preemptName(setup.initial.preempt);
    replay.seed = m_timeline->seed();
    replay.choices.assign(m_timeline->choices().begin(),
            m_timeline->choices().begin() + static_cast<std::ptrdiff_t>(m_timeline->position()));
    try {
        fl::saveReplay(replay, path.toStdString());
    } catch (const fl::ScenarioError &error) {
        setErrorText(QString::fromStdString(error.what()));
        return false;
    }
    AppSettings::instance().addRecentFile(path);
    return true;
}

void SimController::adoptSetup(std::shared_ptr<const fl::Setup> setup, const QString &source,
        std::unique_ptr<Timeline> timeline)
{
    const bool wasLoaded = isLoaded();
    m_timeline = timeline ? std::move(timeline)
                          : std::make_unique<Timeline>(std::move(setup), m_seed);
    const fl::Setup &s = m_timeline->setup();
    m_scenarioSource = source;
    setString(m_scenarioName, s.spec.name.empty() ? source : QString::fromStdString(s.spec.name),
            &SimController::scenarioNameChanged);
    setString(m_scenarioTitle, QString::fromStdString(s.spec.title),
            &SimController::scenarioTitleChanged);
    setString(m_fixes, QString::fromStdString(s.fixes.describe()), &SimController::fixesChanged);
    setString(m_preempt, QString::fromLatin1(fl::preemptName(s.initial.preempt)),
            &SimController::preemptChanged);
    m_fixList->setActive(s.fixes);
    setErrorText({});
    setDivergence({}, -1);
    m_bookmarks.clear();
    emit bookmarksChanged();
    if (!wasLoaded)
        emit loadedChanged();
    setString(m_lastStep, {}, &SimController::lastStepChanged);
    publishState();
}

bool SimController::showRun(std::shared_ptr<const fl::Setup> setup, const QString &source,
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

void SimController::reset()
{
    if (!m_timeline || isBusy())
        return;
    setRunning(false);
    m_timeline->clear();
    setString(m_lastStep, {}, &SimController::lastStepChanged);
    m_bookmarks.clear();
    emit bookmarksChanged();
    publishState();
}

bool SimController::applyChoice(fl::Choice choice)
{
    if (!m_timeline || isBusy())
        return false;
    const QString description = QString::fromStdString(
            m_timeline->engine().describeChoice(m_timeline->state(), choice));
    if (!m_timeline->apply(choice))
        return false;
    setString(m_lastStep, description, &SimController::lastStepChanged);
    // A new branch drops bookmarks that pointed into the old future.
    const int total = clampToInt(m_timeline->length());
    const auto stale = std::remove_if(
            m_bookmarks.begin(), m_bookmarks.end(), [total](int b) { return b > total; });
    if (stale != m_bookmarks.end()) {
        m_bookmarks.erase(stale, m_bookmarks.end());
        emit bookmarksChanged();
    }
    publishState();
    return true;
}

void SimController::step()
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

bool SimController::stepChoice(int index)
{
    if (!m_timeline || index < 0 || index >= m_choices->rowCount())
        return false;
    return applyChoice(m_choices->choiceAt(index));
}

bool SimController::stepCpu(int cpu)
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

bool SimController::stepTask(int task)
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

void SimController::stepBack()
{
    if (!m_timeline || isBusy() || m_timeline->position() == 0)
        return;
    setRunning(false);
    seek(clampToInt(m_timeline->position()) - 1);
}

void SimController::seek(int n)
{
    if (!m_timeline || isBusy())
        return;
    m_timeline->seek(static_cast<std::size_t>(std::max(0, n)));
    // The last step in words, as it was when it was taken.
    QString last;
    const std::size_t pos = m_timeline->position();
    if (pos > 0) {
        const fl::Choice c = m_timeline->choices()[pos - 1];
        last = u"CPU%1 (step %2)"_s.arg(c.cpu).arg(pos);
    }
    setString(m_lastStep, last, &SimController::lastStepChanged);
    publishState();
}

void SimController::toggleBookmark()
{
    if (!m_timeline)
        return;
    const int here = m_steps;
    const auto it = std::lower_bound(m_bookmarks.begin(), m_bookmarks.end(), here);
    if (it != m_bookmarks.end() && *it == here)
        m_bookmarks.erase(it);
    else
        m_bookmarks.insert(it, here);
    emit bookmarksChanged();
}

void SimController::setRunning(bool running)
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

void SimController::setSpeed(int speed)
{
    speed = std::clamp(speed, 1, 1'000'000);
    if (speed == m_speed)
        return;
    m_speed = speed;
    emit speedChanged();
}

void SimController::runTick()
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
                &SimController::lastStepChanged);
        publishState();
    }
    if (stop)
        setRunning(false);
}

void SimController::runToVerdict()
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

bool SimController::setFixEnabled(const QString &name, bool enabled)
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
    std::shared_ptr<const fl::Setup> setup;
    try {
        setup = std::make_shared<const fl::Setup>(fl::buildSetup(old.spec, options));
    } catch (const std::exception &error) {
        setErrorText(QString::fromStdString(error.what()));
        m_fixList->setActive(old.fixes);
        return false;
    }

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
    return true;
}

QString SimController::mergedFix()
{
    // The one fix named in the app: the default the lessons and the
    // newcomer's path revolve around. Every other fix comes from the catalogue.
    return u"wait-on-unlock"_s;
}

bool SimController::toggleFixNamed(const QString &name)
{
    const std::optional<fl::Fix> fix = fl::fixByName(name.toStdString());
    if (!m_timeline || !fix) {
        setErrorText(u"unknown fix '%1'"_s.arg(name));
        return false;
    }
    return setFixEnabled(name, !m_timeline->setup().fixes.has(*fix));
}

bool SimController::toggleFix(int index)
{
    const auto &catalogue = fl::fixCatalogue();
    if (!m_timeline || index < 0 || static_cast<std::size_t>(index) >= catalogue.size())
        return false;
    const fl::FixInfo &info = catalogue[static_cast<std::size_t>(index)];
    return setFixEnabled(SimNames::fromView(info.name), !m_timeline->setup().fixes.has(info.fix));
}

void SimController::startJob(std::function<JobResult()> job)
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
            // Adopted whole, so the one stateChanged already shows the re-run
            // (the lesson player follows every stateChanged).
            auto timeline = std::move(result->timeline);
            auto setup = timeline->sharedSetup();
            adoptSetup(std::move(setup), source, std::move(timeline));
            if (divergence)
                setDivergence(u"The runs diverge at step %1."_s.arg(*divergence + 1),
                        clampToInt(*divergence));
            else
                setDivergence(u"The same schedule runs unchanged under %1."_s.arg(m_fixes), -1);
        } else {
            m_timeline = std::move(result->timeline);
        }
        setString(m_lastStep, {}, &SimController::lastStepChanged);
        publishState();
        if (!m_timeline->verdictHere() && m_timeline->nextChoice())
            setErrorText(u"No verdict after %1 steps: the window records at most %2 steps of a "
                         "run; `foliolab run` goes further."_s.arg(m_timeline->position())
                                 .arg(BackgroundStepLimit));
    });
    m_worker->start();
    emit busyChanged();
}

void SimController::waitForIdle()
{
    if (!m_worker)
        return;
    m_worker->wait();
    // Deliver the queued finished() now, so the result is adopted.
    QCoreApplication::sendPostedEvents(this);
    QCoreApplication::processEvents();
}

void SimController::publishState()
{
    if (!m_timeline)
        return;
    const fl::Setup &setup = m_timeline->setup();
    const fl::SimState &state = m_timeline->state();
    const fl::Machine &m = state.machine;

    setInt(m_steps, clampToInt(m_timeline->position()), &SimController::stepsChanged);
    setInt(m_totalSteps, clampToInt(m_timeline->length()), &SimController::totalStepsChanged);
    setString(m_virtualTime, Units::formatDuration(state.clocks.maxNow(m.cpuCount)),
            &SimController::virtualTimeChanged);
    m_cpus->update(setup, state);
    const std::optional<fl::Choice> next = m_timeline->nextChoice();
    m_choices->update(m_timeline->engine(), state, m_timeline->enabled(), next);
    m_tasks->update(setup, state);
    m_folios->update(setup, state);
    m_nextStep = next ? QString::fromStdString(m_timeline->engine().describeChoice(state, *next))
                      : QString();

    // The wait-for graph as it is now, with the cycle marked.
    const std::vector<fl::WaitEdge> graph = fl::buildWaitForGraph(setup, m);
    const std::vector<fl::WaitEdge> cycle = fl::findCycle(graph);
    m_waitGraph.clear();
    for (const fl::WaitEdge &e : graph) {
        QVariantMap edge;
        edge[u"from"_s] = QString::fromStdString(fl::nodeName(setup, e.from));
        edge[u"to"_s] = QString::fromStdString(fl::nodeName(setup, e.to));
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
                    pte.folio == fl::NoFolio ? QString() : SimNames::folio(setup, pte.folio));
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

void SimController::publishVerdict()
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
    setString(m_verdictExplanation, explanation, &SimController::verdictExplanationChanged);
    if (m_waitCycle != cycle) {
        m_waitCycle = cycle;
        emit waitCycleChanged();
    }
}

void SimController::setErrorText(const QString &text)
{
    setString(m_errorText, text, &SimController::errorTextChanged);
    if (!text.isEmpty())
        emit errorOccurred(text);
}

void SimController::setDivergence(const QString &text, int step)
{
    if (m_divergence == text && m_divergenceStep == step)
        return;
    m_divergence = text;
    m_divergenceStep = step;
    emit divergenceChanged();
}

void SimController::setInt(int &field, int value, void (SimController::*changed)())
{
    if (field == value)
        return;
    field = value;
    emit(this->*changed)();
}

void SimController::setString(
        QString &field, const QString &value, void (SimController::*changed)())
{
    if (field == value)
        return;
    field = value;
    emit(this->*changed)();
}
