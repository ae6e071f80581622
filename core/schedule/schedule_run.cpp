// SPDX-License-Identifier: GPL-2.0-only
#include "schedule/schedule_run.h"

#include "engine/engine.h"
#include "engine/runner.h"
#include "explore/lasso.h"
#include "kernel/steps.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_error.h"
#include "scenario/scenario_toml.h"

#include <filesystem>

namespace fl {

namespace {

class NoSink final : public EventSink {
public:
    void onEvent(const Event &) override {}
    void onStep(CpuId, TaskId, std::uint16_t, Nanos, Nanos) override {}
};

std::string taskName(const Setup &setup, TaskId t)
{
    return t == NoTask ? std::string() : setup.taskNames[t];
}

// What a step did, from the engine's report of it.
ScheduleLine lineOf(const Setup &setup, const StepReport &r)
{
    ScheduleLine line;
    line.cpu = r.cpu;
    line.task = taskName(setup, r.task);
    if (r.step < static_cast<std::uint16_t>(StepId::Count)) {
        if (r.task == NoTask) {
            line.kind = LineKind::Idle;
            line.task.clear();
        } else {
            line.kind = LineKind::Step;
            line.step = std::string(stepInfo(static_cast<StepId>(r.step)).key);
        }
        return line;
    }
    switch (static_cast<SchedStep>(r.step)) {
    case SchedStep::Pick: line.kind = LineKind::Switch; break;
    case SchedStep::Preempt: line.kind = LineKind::Preempted; break;
    case SchedStep::CondResched: line.kind = LineKind::CondResched; break;
    case SchedStep::ReturnToUserResched: line.kind = LineKind::Resched; break;
    case SchedStep::SpinOnPtl: line.kind = LineKind::SpinOnPtl; break;
    case SchedStep::TimerWake: line.kind = LineKind::Timer; break;
    case SchedStep::Tick:
        line.kind = LineKind::Tick;
        line.task.clear();
        break;
    }
    return line;
}

TaskId taskByName(const Setup &setup, const std::string &name)
{
    for (int i = 0; i < setup.initial.taskCount; ++i)
        if (setup.taskNames[i] == name)
            return static_cast<TaskId>(i);
    return NoTask;
}

std::string withFunction(const ScheduleLine &line)
{
    std::string text = "`" + lineText(line) + "`";
    if (line.kind != LineKind::Step)
        return text;
    if (const StepInfo *info = stepInfoOfKey(line.step))
        return text + " (" + std::string(info->function) + ": " + std::string(info->text) + ")";
    return text;
}

std::string whereText(const ScheduleFile &file, std::size_t index, int line)
{
    // Which repetition of a folded block the step is, when it is in one.
    std::size_t first = 0;
    for (const ScheduleBlock &b : file.blocks) {
        const std::size_t size = b.lines.size() * b.repeat;
        if (index < first + size) {
            if (b.repeat == 1)
                return "line " + std::to_string(line);
            return "line " + std::to_string(line) + ", repetition "
                   + std::to_string((index - first) / b.lines.size() + 1) + " of "
                   + std::to_string(b.repeat);
        }
        first += size;
    }
    return "line " + std::to_string(line);
}

} // namespace

Setup setupOfSchedule(const ScheduleFile &file, const std::string &path)
{
    ScenarioSpec spec;
    if (file.scenario == "inline") {
        try {
            spec = parseScenario(file.inlineScenario, path);
        } catch (const ScenarioError &e) {
            // Positions in the inline text become positions in the file.
            const int line = e.line() > 0 ? e.line() + file.inlineLine - 1 : 0;
            throw ScenarioError(path, line, e.column() > 0 ? e.column() + 2 : 0, e.message());
        }
    } else {
        std::string ref = file.scenario;
        const std::filesystem::path relative(ref);
        if (ref.ends_with(".toml") && relative.is_relative())
            ref = (std::filesystem::path(path).parent_path() / relative).string();
        spec = loadScenario(ref);
    }
    BuildOptions build;
    build.fixes = file.fixes;
    if (build.fixes.empty())
        build.fixes.push_back("baseline");
    build.preempt = file.preempt;
    build.rcu = file.rcu;
    return buildSetup(spec, build);
}

ScheduleFile scheduleOfRun(const Setup &setup, const std::string &scenarioRef,
        const std::string &inlineText, const std::vector<Choice> &choices, bool untimed,
        std::int64_t cycleStart, std::uint64_t seed, const std::string &result, std::int64_t cycle,
        std::size_t maxLines, std::size_t untimedFrom)
{
    ScheduleFile file;
    file.scenario = scenarioRef;
    file.inlineScenario = inlineText;
    for (const FixInfo &info : fixCatalogue())
        if (setup.fixes.has(info.fix))
            file.fixes.emplace_back(info.name);
    file.preempt = preemptName(setup.initial.preempt);
    file.rcu = rcuName(setup.initial.rcu);
    file.seed = seed;
    file.untimed = untimed;
    file.result = result;
    file.cycle = cycle;

    const Engine timed(setup, TimeModel::Timed);
    const Engine engine(setup, untimed ? TimeModel::Untimed : TimeModel::Timed);
    if (!untimed)
        untimedFrom = 0;
    untimedFrom = std::min(untimedFrom, choices.size());
    SimState s = timed.initialState();
    NoSink sink;
    std::vector<ScheduleLine> lines;
    lines.reserve(choices.size());
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (untimed && i == untimedFrom)
            s = engine.untimedFrom(s); // as the explorer and replayUntimed
        const Engine &e = i < untimedFrom ? timed : engine;
        lines.push_back(lineOf(setup, e.apply(s, choices[i], sink)));
    }
    const std::size_t split = cycleStart >= 0 ? static_cast<std::size_t>(cycleStart) : lines.size();
    const auto at = [&lines](std::size_t i) {
        return lines.begin() + static_cast<std::ptrdiff_t>(i);
    };
    // A timed prefix folds on its own: a repeat never spans 'untimed:'.
    file.blocks = foldLines({at(0), at(untimedFrom > 0 ? std::min(untimedFrom, split) : split)});
    if (untimedFrom > 0) {
        file.untimedBlock = static_cast<std::int64_t>(file.blocks.size());
        if (untimedFrom < split) {
            const std::vector<ScheduleBlock> stem = foldLines({at(untimedFrom), at(split)});
            file.blocks.insert(file.blocks.end(), stem.begin(), stem.end());
        }
    }
    if (!untimed) {
        std::size_t text = 0, keep = 0;
        while (keep < file.blocks.size()) {
            const ScheduleBlock &b = file.blocks[keep];
            text += b.lines.size() + (b.repeat > 1 ? 2 : 0);
            if (text > maxLines)
                break;
            ++keep;
        }
        if (keep < file.blocks.size()) {
            file.blocks.resize(keep);
            file.chooserTail = true;
        }
    }
    if (cycleStart >= 0) {
        file.cycleBlock = static_cast<std::int64_t>(file.blocks.size());
        const std::vector<ScheduleBlock> loop
            = foldLines({lines.begin() + static_cast<std::ptrdiff_t>(split), lines.end()});
        file.blocks.insert(file.blocks.end(), loop.begin(), loop.end());
    }
    return file;
}

std::vector<Choice> choicesOfSchedule(const ScheduleFile &file, const Setup &setup,
                                      ScheduleCheck *failure)
{
    std::vector<int> at;
    std::int64_t untimedFrom = 0;
    const std::vector<ScheduleLine> lines = file.expanded(&at, nullptr, &untimedFrom);
    const Engine timed(setup, TimeModel::Timed);
    const Engine untimed(setup, TimeModel::Untimed);
    SimState s = timed.initialState();
    NoSink sink;
    ChoiceList enabled;
    std::vector<Choice> out;
    out.reserve(lines.size());
    auto stop = [&](std::size_t i, std::string why) {
        if (failure) {
            failure->pass = false;
            failure->steps = i;
            failure->line = at[i];
            failure->message = "step " + std::to_string(i + 1) + " (" + whereText(file, i, at[i])
                               + "): " + std::move(why);
        }
        return out;
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        // An untimed schedule after its timed prefix (if any): the untimed
        // model goes on from the state the prefix reached.
        const bool untimedHere = file.untimed && static_cast<std::int64_t>(i) >= untimedFrom;
        if (untimedHere && static_cast<std::int64_t>(i) == untimedFrom)
            s = untimed.untimedFrom(s);
        const Engine &engine = untimedHere ? untimed : timed;
        const ScheduleLine &line = lines[i];
        if (line.cpu >= setup.initial.cpuCount)
            return stop(i, "the scenario has no CPU" + std::to_string(line.cpu));
        Choice c{line.cpu, NoTask};
        if (line.kind == LineKind::Switch || (untimedHere && line.kind == LineKind::Timer)) {
            c.task = taskByName(setup, line.task);
            if (c.task == NoTask)
                return stop(i, "the scenario has no task '" + line.task + "'");
        } else if (untimedHere && line.kind == LineKind::Tick) {
            c.task = TickChoice;
        }
        engine.enabledChoices(s, enabled);
        // Timed: a CPU at a scheduling point is stepped through a pick; a
        // timer or tick that comes first is part of that step, so the
        // first candidate stands for it.
        if (!untimedHere && c.task == NoTask && !enabled.contains(c))
            for (int k = 0; k < enabled.count; ++k)
                if (enabled.items[k].cpu == c.cpu) {
                    c = enabled.items[k];
                    break;
                }
        if (!enabled.contains(c)) {
            std::string can;
            for (int k = 0; k < enabled.count; ++k)
                if (enabled.items[k].cpu == c.cpu && enabled.items[k].task != NoTask
                    && enabled.items[k].task != TickChoice)
                    can += (can.empty() ? "" : ", ") + setup.taskNames[enabled.items[k].task];
            return stop(i, "`" + lineText(line) + "` is not possible here: CPU"
                               + std::to_string(line.cpu)
                               + (can.empty() ? " has nothing it can do at this point"
                                              : " would switch in one of: " + can));
        }
        const ScheduleLine did = lineOf(setup, engine.apply(s, c, sink));
        if (!(did == line))
            return stop(i, "the file says " + withFunction(line) + ", but here the model does "
                               + withFunction(did));
        out.push_back(c);
    }
    if (failure) {
        failure->pass = true;
        failure->steps = out.size();
    }
    return out;
}

ScheduleCheck checkSchedule(const ScheduleFile &file, const std::string &path)
{
    const Setup setup = setupOfSchedule(file, path);
    ScheduleCheck check;
    std::int64_t cycleStart = -1;
    std::int64_t untimedFrom = 0;
    file.expanded(nullptr, &cycleStart, &untimedFrom);
    const std::vector<Choice> choices = choicesOfSchedule(file, setup, &check);
    if (!check.pass)
        return check;

    std::size_t cycleLength = 0;
    if (file.untimed) {
        const LassoResult r = replayUntimed(setup, choices, cycleStart, untimedFrom);
        check.outcome = r.outcome == LassoOutcome::Hazard ? "SAFETY" : lassoOutcomeName(r.outcome);
        if (cycleStart >= 0)
            cycleLength = choices.size() - static_cast<std::size_t>(cycleStart);
        if (r.outcome == LassoOutcome::Replayed)
            check.outcome = "no verdict (the schedule ends before one)";
        if (r.outcome == LassoOutcome::NotACycle || r.outcome == LassoOutcome::Unfair)
            check.outcome += ": " + r.summary;
    } else {
        RunOptions options;
        options.seed = file.seed;
        options.replay = choices;
        const RunResult r = runToVerdict(setup, options);
        check.outcome = verdictName(r.verdict);
        check.steps = r.steps;
        if (!file.chooserTail && r.steps != choices.size())
            check.outcome += " after " + std::to_string(r.steps) + " steps, not at the file's end ("
                             + std::to_string(choices.size()) + " steps)";
    }
    const bool cycleOk = file.cycle < 0 || static_cast<std::int64_t>(cycleLength) == file.cycle;
    check.pass = check.outcome == file.result && cycleOk;
    if (!check.pass) {
        check.line = file.resultLine;
        check.message = "expected Result: " + file.result
                        + (file.cycle >= 0 ? " cycle=" + std::to_string(file.cycle) : "")
                        + ", the model says " + check.outcome
                        + (cycleLength > 0 ? " cycle=" + std::to_string(cycleLength) : "");
    }
    return check;
}

} // namespace fl
