// SPDX-License-Identifier: GPL-2.0-only
#include "simcontroller.h"

#include "appsettings.h"
#include "comparemodel.h"
#include "lessonplayer.h"
#include "runmodel.h"
#include "timeline.h"
#include "timeline_replay.h"
#include "workspace.h"

#include "engine/setup.h"
#include "explore/lasso.h"
#include "kernel/fixes.h"
#include "cli/cli_common.h"
#include "mailreport.h"
#include "replay/replay_file.h"
#include "schedule/schedule_run.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_error.h"
#include "scenario/scenario_toml.h"
#include "workspace/workspace_file.h"

#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJSEngine>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>
#include <QVariantMap>

#include <algorithm>
#include <exception>
#include <type_traits>

using namespace Qt::StringLiterals;

// See the constructor comment in the header: keeps QML on instance().
static_assert(!std::is_default_constructible_v<SimController>);

SimController::SimController(QObject *parent)
    : QObject(parent)
    , m_run(new RunModel(this))
    , m_compare(new CompareModel(m_run, this))
    , m_explorer(new ExploreModel(m_run, this))
{ }

SimController::~SimController() = default;

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

QVariantList SimController::builtinScenarios()
{
    QVariantList list;
    for (const fl::BuiltinScenario &b : fl::builtinScenarios())
        list << QVariantMap {{u"name"_s, QString::fromStdString(b.name)},
                {u"description"_s, QString::fromStdString(b.description)}};
    return list;
}

QString SimController::mergedFix()
{
    // The one fix named in the app: the default the lessons and the
    // newcomer's path revolve around. Every other fix comes from the catalogue.
    return u"wait-on-unlock"_s;
}

static QString localPath(const QString &pathOrUrl)
{
    const QString trimmed = pathOrUrl.trimmed();
    return trimmed.startsWith(u"file:") ? QUrl(trimmed).toLocalFile() : trimmed;
}

bool SimController::loadScenario(const QString &nameOrPath)
{
    if (m_run->isBusy())
        return false;
    // File dialogs and drops hand over URLs.
    const QString source = localPath(nameOrPath);

    std::shared_ptr<const fl::Setup> setup;
    try {
        const fl::ScenarioSpec spec = fl::loadScenario(source.toStdString());
        setup = std::make_shared<const fl::Setup>(fl::buildSetup(spec));
    } catch (const fl::ScenarioError &error) {
        m_run->setErrorText(QString::fromStdString(error.what()));
        return false;
    } catch (const std::exception &error) {
        // Not a user mistake, but still no reason to take the window down.
        m_run->setErrorText(
                u"%1: internal error: %2"_s.arg(source, QString::fromStdString(error.what())));
        return false;
    }
    // Only now drop the old scenario, so a failure above leaves it untouched.
    return m_run->load(std::move(setup), source);
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

// An explorer's lasso (`foliolab explore --out`): checked the way `foliolab
// run --replay` checks it, then marked so the window loops its cycle. Returns
// why it is not a lasso, or "".
static QString markLasso(Timeline &timeline, std::int64_t cycleStart, const QString &path)
{
    // Checked from the scenario's start, through the timed run it may begin at.
    std::vector<fl::Choice> all = timeline.timedPrefix();
    all.insert(all.end(), timeline.choices().begin(), timeline.choices().end());
    const auto prefix = static_cast<std::int64_t>(timeline.timedPrefix().size());
    const fl::LassoResult check
            = fl::replayUntimed(timeline.setup(), all, prefix + cycleStart, prefix);
    if (check.outcome != fl::LassoOutcome::Livelock)
        return u"%1: the cycle from choice %2 does not close into a livelock (%3): %4"_s.arg(path)
                .arg(prefix + cycleStart + 1)
                .arg(QString::fromLatin1(fl::lassoOutcomeName(check.outcome)),
                        QString::fromStdString(check.summary));
    timeline.setLasso(
            static_cast<std::size_t>(cycleStart), {fl::Verdict::Livelock, 0, check.explanation});
    return {};
}

bool SimController::openFile(const QString &pathOrUrl)
{
    if (m_run->isBusy())
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
        // A scenario path in a replay is relative to the replay file.
        source = QString::fromStdString(replay.scenario);
        if (!fl::isBuiltinScenario(replay.scenario) && QFileInfo(source).isRelative())
            source = QFileInfo(path).dir().filePath(source);
        const fl::ScenarioSpec spec = fl::loadScenario(source.toStdString());
        fl::BuildOptions options;
        options.fixes = replay.fixes.empty() ? std::vector<std::string> {"baseline"} : replay.fixes;
        options.preempt = replay.preempt;
        options.rcu = replay.rcu;
        setup = std::make_shared<const fl::Setup>(fl::buildSetup(spec, options));
    } catch (const fl::ScenarioError &error) {
        m_run->setErrorText(QString::fromStdString(error.what()));
        return false;
    } catch (const std::exception &error) {
        m_run->setErrorText(
                u"%1: internal error: %2"_s.arg(path, QString::fromStdString(error.what())));
        return false;
    }

    std::size_t failedAt = TimelineReplay::npos;
    auto timeline = TimelineReplay::read(setup, replay, failedAt);
    QString problem;
    if (failedAt != TimelineReplay::npos) {
        // The file is valid TOML but its schedule does not fit this
        // scenario: keep what replayed and say where it stopped.
        const fl::Choice c = replay.choices[failedAt];
        problem = u"%1: choice %2 ([%3, %4]) is not enabled at that step; the replay stops "
                  "there"_s.arg(path)
                          .arg(failedAt + 1)
                          .arg(c.cpu)
                          .arg(c.task == fl::NoTask                  ? -1
                                          : c.task == fl::TickChoice ? -2
                                                                     : int(c.task));
    }
    if (problem.isEmpty() && replay.untimed && replay.cycleStart >= 0)
        problem = markLasso(*timeline, replay.cycleStart - replay.untimedFrom, path);
    m_run->adopt(std::move(timeline), source, replay.seed);
    if (!problem.isEmpty())
        m_run->setErrorText(problem);
    AppSettings::instance().addRecentFile(path);
    return true;
}

bool SimController::saveReplay(const QString &pathOrUrl)
{
    const Timeline *timeline = m_run->timeline();
    if (!timeline)
        return false;
    QString path = localPath(pathOrUrl);
    if (QFileInfo(path).suffix().isEmpty())
        path += u".flab"_s;
    const fl::Setup &setup = timeline->setup();
    fl::ReplayFile replay;
    replay.scenario = m_run->scenarioSource().toStdString();
    for (const fl::FixInfo &info : fl::fixCatalogue())
        if (setup.fixes.has(info.fix))
            replay.fixes.emplace_back(info.name);
    replay.preempt = fl::preemptName(setup.initial.preempt);
    replay.rcu = fl::rcuName(setup.initial.rcu);
    replay.seed = timeline->seed();
    TimelineReplay::write(*timeline, timeline->position(), replay);
    try {
        fl::saveReplay(replay, path.toStdString());
    } catch (const fl::ScenarioError &error) {
        m_run->setErrorText(QString::fromStdString(error.what()));
        return false;
    }
    AppSettings::instance().addRecentFile(path);
    return true;
}

namespace {

// The window's choices up to the current step, continued by the seed's
// timed chooser to the verdict: what the schedule file and the report say.
fl::RunResult runFromHere(const Timeline &timeline)
{
    fl::RunOptions options;
    options.seed = timeline.seed();
    options.replay.assign(timeline.choices().begin(),
            timeline.choices().begin() + static_cast<std::ptrdiff_t>(timeline.position()));
    return fl::runToVerdict(timeline.setup(), options);
}

} // namespace

bool SimController::saveSchedule(const QString &pathOrUrl)
{
    const Timeline *timeline = m_run->timeline();
    if (!timeline)
        return false;
    QString path = localPath(pathOrUrl);
    if (QFileInfo(path).suffix().isEmpty())
        path += u".sched"_s;
    try {
        const fl::RunResult result = runFromHere(*timeline);
        const Cli::ScheduleScenario where = Cli::scheduleScenario(m_run->scenarioSource());
        std::vector<fl::Choice> choices(timeline->choices().begin(),
                timeline->choices().begin() + static_cast<std::ptrdiff_t>(timeline->position()));
        const bool whole = choices.size() >= result.choices.size();
        if (whole)
            choices = result.choices;
        fl::ScheduleFile file = fl::scheduleOfRun(timeline->setup(), where.ref, where.inlineText,
                choices, false, -1, timeline->seed(), fl::verdictName(result.verdict), -1);
        file.chooserTail = file.chooserTail || !whole;
        fl::saveSchedule(file, path.toStdString());
    } catch (const fl::ScenarioError &error) {
        m_run->setErrorText(QString::fromStdString(error.what()));
        return false;
    }
    AppSettings::instance().addRecentFile(path);
    return true;
}

QString SimController::copyReport()
{
    const Timeline *timeline = m_run->timeline();
    if (!timeline)
        return {};
    const fl::RunResult result = runFromHere(*timeline);
    QString text = MailReport::runReport(
            {m_run->scenarioSource(), &timeline->setup(), &result, timeline->seed()}, false);
    // Steps chosen by hand make a run the command cannot reproduce.
    fl::RunOptions plain;
    plain.seed = timeline->seed();
    if (fl::runToVerdict(timeline->setup(), plain).traceHash != result.traceHash)
        text += MailReport::wrapped(u"(Steps in this run were chosen by hand: the command "
                                    "above gives the seed's own run. File > Save schedule in "
                                    "words writes this one, for `foliolab check`.)"_s,
                        72, 0, 0)
                + u'\n';
    if (QClipboard *clipboard = QGuiApplication::clipboard())
        clipboard->setText(text);
    return text;
}

void SimController::setMachineTab(int tab)
{
    tab = std::clamp(tab, 0, int(fl::WorkspaceMachineTabs.size()) - 1);
    if (tab == m_machineTab)
        return;
    m_machineTab = tab;
    emit machineTabChanged();
}

void SimController::setSideTab(int tab)
{
    tab = std::clamp(tab, 0, int(fl::WorkspaceSideTabs.size()) - 1);
    if (tab == m_sideTab)
        return;
    m_sideTab = tab;
    emit sideTabChanged();
}

QUrl SimController::documentsFolder()
{
    return QUrl::fromLocalFile(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
}

bool SimController::saveWorkspace(const QString &pathOrUrl)
{
    const Timeline *timeline = m_run->timeline();
    if (!timeline || m_run->isBusy())
        return false;
    QString path = localPath(pathOrUrl);
    if (QFileInfo(path).suffix().isEmpty())
        path += u".flws"_s;
    const LessonPlayer &lessons = LessonPlayer::instance();
    Workspace::WindowState window;
    window.timeline = timeline;
    window.scenarioSource = m_run->scenarioSource();
    window.lessonId = lessons.isActive() ? lessons.lessonId() : QString();
    window.machineTab = m_machineTab;
    window.sideTab = m_sideTab;
    window.bookmarks = m_run->bookmarkList()->bookmarks();
    try {
        fl::saveWorkspace(Workspace::capture(window), path.toStdString());
    } catch (const fl::ScenarioError &error) {
        m_run->setErrorText(QString::fromStdString(error.what()));
        return false;
    }
    AppSettings::instance().setLastWorkspace(path);
    return true;
}

bool SimController::openWorkspace(const QString &pathOrUrl)
{
    LessonPlayer &lessons = LessonPlayer::instance();
    if (m_run->isBusy() || lessons.isBusy())
        return false;
    const QString path = localPath(pathOrUrl);
    // Everything is read, built and replayed first: a bad file leaves the
    // window as it was.
    Workspace::Prepared prepared;
    try {
        prepared = Workspace::prepare(path);
    } catch (const fl::ScenarioError &error) {
        m_run->setErrorText(QString::fromStdString(error.what()));
        return false;
    } catch (const std::exception &error) {
        m_run->setErrorText(
                u"%1: internal error: %2"_s.arg(path, QString::fromStdString(error.what())));
        return false;
    }
    if (prepared.cycleStart >= 0) {
        const QString problem = markLasso(*prepared.timeline, prepared.cycleStart, path);
        if (!problem.isEmpty()) {
            m_run->setErrorText(problem);
            return false;
        }
    }
    // The lesson first (it shows its own start), then the workspace's run
    // over it, which the lesson's goals then follow.
    if (!prepared.lessonId.isEmpty() && !lessons.openLesson(prepared.lessonId)) {
        m_run->setErrorText(u"%1: the lesson '%2' cannot be opened: %3"_s.arg(
                path, prepared.lessonId, lessons.statusText()));
        return false;
    }
    m_run->adopt(std::move(prepared.timeline), prepared.source, prepared.seed);
    m_run->seek(m_run->steps()); // says what the last step did, as a jump does
    m_run->bookmarkList()->setBookmarks(std::move(prepared.bookmarks));
    setMachineTab(prepared.machineTab);
    setSideTab(prepared.sideTab);
    AppSettings::instance().setLastWorkspace(path);
    return true;
}

bool SimController::reopenLastWorkspace()
{
    const AppSettings &settings = AppSettings::instance();
    if (!settings.reopenLastWorkspace() || settings.lastWorkspace().isEmpty())
        return false;
    return openWorkspace(settings.lastWorkspace());
}
