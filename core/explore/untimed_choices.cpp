// SPDX-License-Identifier: GPL-2.0-only
#include "explore/untimed_choices.h"

#include "explore/edge_sink.h"
#include "kernel/steps.h"
#include "model/machine.h"

namespace fl {

std::vector<TimedStep> timedStepsOf(const Setup &setup, const std::vector<Choice> &choices)
{
    const Engine timed(setup, TimeModel::Timed);
    SimState s = timed.initialState();
    EdgeSink ignored;
    std::vector<TimedStep> steps;
    steps.reserve(choices.size());
    for (Choice c : choices) {
        const StepReport report = timed.apply(s, c, ignored);
        steps.push_back({report.step, report.task});
    }
    return steps;
}

std::vector<Choice> untimedChoicesOf(const Engine &untimed, SimState s,
        const std::vector<Choice> &choices, const std::vector<TimedStep> &steps, std::size_t from,
        std::size_t to)
{
    std::vector<Choice> out;
    ChoiceList enabled;
    EdgeSink ignored;
    auto take = [&](Choice c) {
        untimed.enabledChoices(s, enabled);
        if (!enabled.contains(c))
            return false;
        out.push_back(c);
        untimed.apply(s, c, ignored);
        return true;
    };
    for (std::size_t i = from; i < to; ++i) {
        const CpuId cpu = choices[i].cpu;
        if (steps[i].step == static_cast<std::uint16_t>(SchedStep::Tick)) {
            take(Choice {cpu, TickChoice}); // none where it would change nothing
            continue;
        }
        if (steps[i].step == static_cast<std::uint16_t>(SchedStep::TimerWake)) {
            const Task &sleeper = s.machine.tasks[steps[i].task];
            while (sleeper.sleepsOnTimer() && sleeper.timerTicks > 0)
                if (!take(Choice {cpu, TickChoice}))
                    return {};
            if (sleeper.sleepsOnTimer() && !take(Choice {cpu, steps[i].task}))
                return {};
            continue;
        }
        if (!take(choices[i]))
            return {};
    }
    return out;
}

} // namespace fl
