// SPDX-License-Identifier: GPL-2.0-only
#include "simcontroller.h"

#include "units.h"

#include "engine/chooser.h"
#include "engine/engine.h"
#include "engine/events.h"
#include "engine/runner.h"
#include "engine/setup.h"
#include "model/machine.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_error.h"
#include "scenario/scenario_toml.h"

#include <QJSEngine>
#include <QUrl>

#include <algorithm>
#include <exception>
#include <limits>
#include <type_traits>

using namespace Qt::StringLiterals;

// The window does not record events yet; the engine still wants somewhere to
// put them.
class DiscardingSink final : public fl::EventSink
{
public:
    void onEvent(const fl::Event &) override { }
    void onStep(fl::CpuId, fl::TaskId, std::uint16_t, fl::Nanos, fl::Nanos) override { }
};

// See the constructor comment in the header: keeps QML on instance().
static_assert(!std::is_default_constructible_v<SimController>);

SimController::SimController(QObject *parent)
    : QObject(parent)
    , m_cpus(new CpuListModel(this))
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

bool SimController::loadScenario(const QString &nameOrPath)
{
    // File dialogs and drops hand over URLs.
    QString source = nameOrPath.trimmed();
    if (source.startsWith(u"file:"))
        source = QUrl(source).toLocalFile();

    std::unique_ptr<fl::Setup> setup;
    try {
        const fl::ScenarioSpec spec = fl::loadScenario(source.toStdString());
        setup = std::make_unique<fl::Setup>(fl::buildSetup(spec));
    } catch (const fl::ScenarioError &error) {
        setErrorText(QString::fromStdString(error.what()));
        return false;
    } catch (const std::exception &error) {
        // Not a user mistake, but still no reason to take the window down.
        setErrorText(u"%1: internal error: %2"_s.arg(source, QString::fromStdString(error.what())));
        return false;
    }

    // Only now drop the old scenario, so a failure above leaves it untouched.
    // The old Engine refers to the old Setup: it goes first.
    const bool wasLoaded = isLoaded();
    m_engine.reset();
    m_setup = std::move(setup);
    m_engine = std::make_unique<fl::Engine>(*m_setup);

    const fl::ScenarioSpec &spec = m_setup->spec;
    setString(m_scenarioName, spec.name.empty() ? source : QString::fromStdString(spec.name),
            &SimController::scenarioNameChanged);
    setString(m_scenarioTitle, QString::fromStdString(spec.title),
            &SimController::scenarioTitleChanged);
    setString(m_fixes, QString::fromStdString(m_setup->fixes.describe()),
            &SimController::fixesChanged);
    setString(m_preempt, QString::fromLatin1(fl::preemptName(m_setup->initial.preempt)),
            &SimController::preemptChanged);
    setErrorText({});
    if (!wasLoaded)
        emit loadedChanged();

    // The CPU model resets itself when the number of CPUs changes.
    reset();
    return true;
}

void SimController::reset()
{
    if (!m_engine)
        return;
    m_state = std::make_unique<fl::SimState>(m_engine->initialState());
    m_chooser = std::make_unique<fl::TimedChooser>(m_seed);
    m_choices.clear();
    setString(m_lastStep, {}, &SimController::lastStepChanged);
    setVerdict({}, {}, {});
    publishState();
}

void SimController::step()
{
    if (!m_engine || !m_state)
        return;

    fl::ChoiceList choices;
    m_engine->enabledChoices(*m_state, choices);
    if (choices.count == 0) {
        // Nothing can move: the runner knows whether that is the end of the
        // work or a deadlock, and stops at once.
        if (m_verdict.isEmpty())
            runToVerdict();
        return;
    }

    // The same chooser as the runner, so the stepper walks the schedule that
    // `foliolab run` reports on.
    const fl::Choice chosen = m_chooser->choose(*m_engine, *m_state, choices);

    const QString description = QString::fromStdString(m_engine->describeChoice(*m_state, chosen));
    DiscardingSink sink;
    m_engine->apply(*m_state, chosen, sink);
    m_choices.push_back(chosen);
    setString(m_lastStep, description, &SimController::lastStepChanged);
    publishState();
}

void SimController::runToVerdict()
{
    if (!m_engine || !m_state)
        return;

    fl::RunOptions options;
    options.seed = m_seed;
    // Continue from where the stepper is: the runner replays our choices first.
    options.replay = m_choices;

    fl::RunResult result;
    try {
        result = fl::runToVerdict(*m_setup, options);
    } catch (const std::exception &error) {
        setErrorText(u"run failed: %1"_s.arg(QString::fromStdString(error.what())));
        return;
    }

    // The lanes show the machine at the moment of the verdict.
    m_state = std::make_unique<fl::SimState>(std::move(result.finalState));
    m_choices = std::move(result.choices);

    QStringList cycle;
    for (const fl::WaitEdge &edge : result.explanation.cycle)
        cycle << QString::fromStdString(edge.label);
    setString(m_lastStep, {}, &SimController::lastStepChanged);
    setVerdict(QString::fromLatin1(fl::verdictName(result.verdict)),
            QString::fromStdString(result.explanation.summary), cycle);
    if (!result.invariantViolation.empty())
        setErrorText(u"internal invariant violated: %1"_s.arg(
                QString::fromStdString(result.invariantViolation)));
    publishState();
}

void SimController::publishState()
{
    if (!m_setup || !m_state)
        return;
    const auto steps = std::min<std::size_t>(m_choices.size(), std::numeric_limits<int>::max());
    setSteps(static_cast<int>(steps));
    setString(m_virtualTime,
            Units::formatDuration(m_state->clocks.maxNow(m_state->machine.cpuCount)),
            &SimController::virtualTimeChanged);
    m_cpus->update(*m_setup, *m_state);
}

void SimController::setVerdict(
        const QString &verdict, const QString &explanation, const QStringList &cycle)
{
    setString(m_verdict, verdict, &SimController::verdictChanged);
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

void SimController::setSteps(int steps)
{
    if (m_steps == steps)
        return;
    m_steps = steps;
    emit stepsChanged();
}

void SimController::setString(
        QString &field, const QString &value, void (SimController::*changed)())
{
    if (field == value)
        return;
    field = value;
    emit(this->*changed)();
}
