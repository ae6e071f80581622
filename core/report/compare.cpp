// SPDX-License-Identifier: GPL-2.0-only
#include "report/compare.h"

#include "engine/engine.h"
#include "engine/waitfor.h"
#include "kernel/steps.h"
#include "report/fix_sets.h"
#include "scenario/scenario_build.h"

#include <array>
#include <stdexcept>

namespace fl {

namespace {

class NullSink final : public EventSink
{
public:
    void onEvent(const Event &) override { }
    void onStep(CpuId, TaskId, std::uint16_t, Nanos, Nanos) override { }
};

bool isKernelStep(std::uint16_t step)
{
    return step < static_cast<std::uint16_t>(StepId::Count);
}

std::string stepText(std::uint16_t step)
{
    if (!isKernelStep(step))
        return std::string(schedStepText(step));
    const StepInfo &info = stepInfo(static_cast<StepId>(step));
    return std::string(info.function) + " (" + std::string(info.file)
            + "): " + std::string(info.text);
}

// What a task is doing, when the wait-for graph has no edge from it.
std::string taskStateText(const Task &task)
{
    switch (task.state) {
    case TaskState::Running:
        return "is running";
    case TaskState::Runnable:
        return "is runnable";
    case TaskState::Done:
        return "is done";
    case TaskState::Sleeping:
        break;
    }
    return "waits (" + std::string(waitKindName(task.wait)) + ")";
}

ParsedFixSet parseOrThrow(const std::string &text)
{
    ParsedFixSet parsed = parseFixSetNames(text);
    if (!parsed.error.empty())
        throw std::invalid_argument(parsed.error);
    return parsed;
}

CompareSide sideOf(const std::string &fixSet, const RunResult &run)
{
    return {fixSet, run.verdict, run.steps, run.virtualNs, run.explanation.summary, run.metrics,
            run.invariantViolation};
}

// One run re-executed step by step from its recorded schedule; the engine is
// deterministic, so this is the run itself, with every state at hand.
struct Replayer
{
    explicit Replayer(const Setup &setup)
        : engine(setup)
        , state(engine.initialState())
    {
        lastKernelStep.fill(DivergedStep::NoPreviousStep);
    }

    StepReport step(Choice c)
    {
        const StepReport r = engine.apply(state, c, sink);
        if (r.task != NoTask && isKernelStep(r.step))
            lastKernelStep[r.task] = r.step;
        return r;
    }

    Engine engine;
    SimState state;
    NullSink sink;
    std::array<std::uint16_t, MaxTasks> lastKernelStep {};
};

// Describes the step at `index` of `choices` under `setup`, running the
// prefix again to get the state in front of it.
DivergedStep describeAt(const Setup &setup, const std::vector<Choice> &choices, std::uint64_t index,
        std::string *whyNotEnabled = nullptr, const Choice *foreign = nullptr)
{
    Replayer r(setup);
    for (std::uint64_t i = 0; i < index; ++i)
        r.step(choices[i]);
    if (whyNotEnabled && foreign) {
        // Why the other run's choice cannot be taken here: what the tasks of
        // that CPU are doing, in the wait-for graph's words.
        const Machine &m = r.state.machine;
        const std::vector<WaitEdge> graph = buildWaitForGraph(setup, m, &r.state.lives);
        std::string why;
        for (int t = 0; t < m.taskCount; ++t) {
            const Task &task = m.tasks[t];
            if (!task.used || task.cpu != foreign->cpu)
                continue;
            std::string line;
            for (const WaitEdge &e : graph)
                if (e.from.kind == NodeKind::Task && e.from.id == t) {
                    line = e.label;
                    break;
                }
            if (line.empty())
                line = setup.taskNames[t] + " " + taskStateText(task);
            why += (why.empty() ? "" : "; ") + line;
        }
        *whyNotEnabled = why;
    }
    DivergedStep d;
    if (index >= choices.size())
        return d;
    d.present = true;
    d.choice = choices[index];
    d.choiceText = r.engine.describeChoice(r.state, d.choice);
    const auto previous = r.lastKernelStep; // before this step updates it
    const StepReport report = r.step(d.choice);
    d.task = report.task;
    d.taskName = report.task != NoTask ? setup.taskNames[report.task] : std::string();
    d.step = report.step;
    d.time = report.start;
    d.stepText = stepText(report.step);
    if (report.task != NoTask)
        d.previousStep = previous[report.task];
    return d;
}

} // namespace

std::optional<Divergence> findDivergence(
        const Setup &setupA, const RunResult &runA, const Setup &setupB, const RunResult &runB)
{
    // Walk both schedules in lockstep until they part.
    const std::vector<Choice> &ca = runA.choices;
    const std::vector<Choice> &cb = runB.choices;
    Replayer ra(setupA), rb(setupB);
    ChoiceList enabled;
    const std::uint64_t common = std::min(ca.size(), cb.size());
    std::optional<std::uint64_t> at;
    DivergenceKind kind = DivergenceKind::RunEnded;
    for (std::uint64_t i = 0; i < common; ++i) {
        rb.engine.enabledChoices(rb.state, enabled);
        // B took A's choice whenever it could (runner.h), so a different
        // choice means A's was not enabled; both tests say the same.
        if (!enabled.contains(ca[i]) || ca[i] != cb[i]) {
            at = i;
            kind = DivergenceKind::ChoiceNotEnabled;
            break;
        }
        const StepReport sa = ra.step(ca[i]);
        const StepReport sb = rb.step(cb[i]);
        if (sa.step != sb.step || sa.task != sb.task) {
            at = i;
            kind = DivergenceKind::DifferentStep;
            break;
        }
    }
    if (!at && ca.size() != cb.size())
        at = common;
    if (!at)
        return std::nullopt;

    Divergence d;
    d.index = *at;
    d.kind = kind;
    std::string why;
    d.a = describeAt(setupA, ca, d.index);
    d.b = describeAt(setupB, cb, d.index, kind == DivergenceKind::ChoiceNotEnabled ? &why : nullptr,
            d.a.present ? &d.a.choice : nullptr);
    const std::string nameA = "A (" + setupA.fixes.describe() + ")";
    const std::string nameB = "B (" + setupB.fixes.describe() + ")";
    switch (kind) {
    case DivergenceKind::ChoiceNotEnabled:
        d.reason = nameA + " steps CPU" + std::to_string(d.a.choice.cpu)
                + (d.a.choice.task != NoTask ? " picking " + setupA.taskNames[d.a.choice.task]
                                             : std::string())
                + ", which " + nameB + " cannot do here"
                + (why.empty() ? std::string() : ": " + why) + ". Here " + nameB
                + "'s own chooser decides; later steps still follow A where they can.";
        break;
    case DivergenceKind::DifferentStep:
        d.reason = "Both runs step CPU" + std::to_string(d.a.choice.cpu) + " here, but "
                + (d.a.task != d.b.task ? "a different task runs under each fix set"
                                        : d.a.taskName
                                        + " runs a different kernel step under "
                                          "each fix set")
                + ".";
        break;
    case DivergenceKind::RunEnded: {
        const bool aEnded = ca.size() < cb.size();
        d.reason = (aEnded ? nameA : nameB) + " reached its verdict ("
                + verdictName(aEnded ? runA.verdict : runB.verdict) + ") after "
                + std::to_string(common) + " steps with the same steps as "
                + (aEnded ? nameB : nameA) + ", which goes on.";
        break;
    }
    }
    return d;
}

ComparedRuns compareSetups(const Setup &setupA, const std::string &labelA, const Setup &setupB,
        const std::string &labelB, const RunOptions &options)
{
    ComparedRuns runs;
    runs.runA = runToVerdict(setupA, options);
    RunOptions optionsB = options;
    optionsB.replay = runs.runA.choices; // followed while enabled (runner.h)
    runs.runB = runToVerdict(setupB, optionsB);

    CompareResult &result = runs.result;
    result.scenario = setupA.spec.name;
    result.preempt = preemptName(setupA.initial.preempt);
    result.rcu = rcuName(setupA.initial.rcu);
    result.seed = options.seed;
    result.a = sideOf(labelA, runs.runA);
    result.b = sideOf(labelB, runs.runB);
    result.divergence = findDivergence(setupA, runs.runA, setupB, runs.runB);
    return runs;
}

CompareResult compareFixSets(const ScenarioSpec &spec, const std::string &fixSetA,
        const std::string &fixSetB, const std::string &preempt, const RunOptions &options,
        const std::string &rcu)
{
    const ParsedFixSet a = parseOrThrow(fixSetA);
    const ParsedFixSet b = parseOrThrow(fixSetB);
    const Setup setupA = buildSetup(spec, {a.names, preempt, false, rcu});
    const Setup setupB = buildSetup(spec, {b.names, preempt, false, rcu});

    RunOptions optionsA = options;
    optionsA.replay.clear();
    CompareResult result = compareSetups(setupA, a.label, setupB, b.label, optionsA).result;
    result.scenario = spec.name;
    return result;
}

} // namespace fl
