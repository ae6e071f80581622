// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/engine.h"

#include <random>

// Random walks in the untimed model (the explorer's), for the property tests
// of the explorer's reductions: `check(state, rng)` sees every state reached.
namespace fl::test {

class NullSink final : public EventSink
{
public:
    void onEvent(const Event &) override { }
    void onStep(CpuId, TaskId, std::uint16_t, Nanos, Nanos) override { }
};

// `steps` uniformly random choices from the setup's initial state, starting
// over where nothing is enabled.
template<typename Check>
void walkUntimed(const Setup &setup, int steps, unsigned seed, Check check)
{
    const Engine engine(setup, TimeModel::Untimed);
    std::mt19937 rng(seed);
    SimState s = engine.initialState();
    engine.countTimersInTicks(s);
    const SimState start = s;
    NullSink sink;
    for (int i = 0; i < steps; ++i) {
        check(s, rng);
        ChoiceList enabled;
        engine.enabledChoices(s, enabled);
        if (enabled.count == 0) {
            s = start;
            continue;
        }
        const int k = std::uniform_int_distribution<int>(0, enabled.count - 1)(rng);
        engine.apply(s, enabled.items[static_cast<std::size_t>(k)], sink);
    }
}

} // namespace fl::test
