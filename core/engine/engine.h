// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"
#include "engine/events.h"
#include "engine/folio_names.h"
#include "engine/setup.h"
#include "model/clocks.h"
#include "model/machine.h"

#include <cstdint>
#include <string>
#include <vector>

namespace fl {

// The whole simulated state: the hashable machine, its clocks, and how often
// each folio slot was allocated (for names only: decides nothing).
struct SimState {
    Machine machine;
    Clocks clocks;
    FolioLives lives{};
};

// What one applied choice did, for a person reading it.
struct StepReport {
    CpuId cpu = NoCpu;
    TaskId task = NoTask;     // the task that executed, or was switched in
    std::uint16_t step = 0;   // StepId, or a scheduler pseudo-step (kernel/steps.h)
    Nanos cost = 0;
    Nanos start = 0;
};

// How time decides what happens. Timed: each CPU's clock fires its ticks and
// timers when due, as in a real run. Untimed (the explorer's abstraction):
// clocks decide nothing; ticks and timers are choices of their own, so the
// reachable machines form a finite graph. They keep their order of
// magnitude (core/README.md, "The explorer"): a CPU's tick is a jiffy
// boundary, a timer fires only after the boundaries it spans (a jiffy timer
// in the tick of its last one), and a task switched in runs a step before
// its CPU's next tick or timer.
enum class TimeModel : std::uint8_t { Timed, Untimed };

// The engine: pure functions from a state and a choice to the next state.
// Every chooser (manual, random, replay, the explorer) goes through these.
class Engine {
public:
    explicit Engine(const Setup &setup, TimeModel time = TimeModel::Timed);
    TimeModel timeModel() const { return m_time; }

    const Setup &setup() const { return m_setup; }
    SimState initialState() const;

    void enabledChoices(const SimState &s, ChoiceList &out) const;
    std::vector<Choice> enabledChoices(const SimState &s) const;
    // Virtual time at which CPU `cpu` would next act; used by the timed chooser.
    Nanos nextEventTime(const SimState &s, CpuId cpu) const;

    // Applies an enabled choice in place, reporting events to `sink`.
    StepReport apply(SimState &s, Choice c, EventSink &sink) const;
    // The same, as a value: the next state and the events of the step.
    SimState applied(const SimState &s, Choice c, std::vector<Event> *events = nullptr) const;

    // A one-line description of what choosing `c` would do ("CPU1: T
    // do_swap_page: folio_trylock(D)").
    std::string describeChoice(const SimState &s, Choice c) const;
    // Why `c` is not enabled in `s`, naming the rule it breaks; empty when
    // it is enabled.
    std::string whyNotEnabled(const SimState &s, Choice c) const;
    // Untimed: sets each timer sleeper's Task::timerTicks from the clocks of
    // `s` (the boundaries between the latest clock and its expiry), so that
    // a search may start from any state of a timed run.
    void countTimersInTicks(SimState &s) const;
    // A state of a timed run as a start of the untimed model: the timers
    // counted in ticks, and RT throttling off (it needs the clocks). What a
    // search from a step of the runner starts from, and where a replay's
    // timed part hands over (ReplayFile::untimedFrom).
    SimState untimedFrom(const SimState &timed) const;

private:
    void untimedChoices(const SimState &s, ChoiceList &out) const;
    bool tickChangesState(const Machine &m, CpuId c) const;

    const Setup &m_setup;
    TimeModel m_time;
};

} // namespace fl
