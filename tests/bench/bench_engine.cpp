// SPDX-License-Identifier: GPL-2.0-only
// Headless simulation speed: steps per second on one core (target >= 10 M/s).
#include "engine/chooser.h"
#include "engine/engine.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include <benchmark/benchmark.h>

namespace {

// Counts steps only: the cheapest sink, so the figure is the engine's own.
class NullSink final : public fl::EventSink {
public:
    void onEvent(const fl::Event &) override {}
    void onStep(fl::CpuId, fl::TaskId, std::uint16_t, fl::Nanos, fl::Nanos) override {}
};

void runSteps(benchmark::State &state, const char *scenario, const char *fix)
{
    const fl::Setup setup = fl::buildSetup(fl::loadScenario(scenario), {{fix}, ""});
    const fl::Engine engine(setup);
    NullSink sink;
    fl::ChoiceList enabled;
    fl::SimState s = engine.initialState();
    fl::TimedChooser chooser(1);
    std::int64_t steps = 0;
    for (auto _ : state) {
        engine.enabledChoices(s, enabled);
        if (enabled.count == 0) {
            s = engine.initialState(); // a finished run starts over
            continue;
        }
        engine.apply(s, chooser.choose(engine, s, enabled), sink);
        ++steps;
    }
    state.SetItemsProcessed(steps);
    state.counters["steps_per_s"] =
        benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
}

void BM_L1Baseline(benchmark::State &state) { runSteps(state, "l1", "baseline"); }
void BM_L1WaitOnUnlock(benchmark::State &state) { runSteps(state, "l1", "wait-on-unlock"); }
void BM_S2Storm(benchmark::State &state) { runSteps(state, "s2-storm", "pre-trylock"); }
void BM_S2StormMutex(benchmark::State &state) { runSteps(state, "s2-storm-mutex", "pre-trylock"); }

} // namespace

BENCHMARK(BM_L1Baseline);
BENCHMARK(BM_L1WaitOnUnlock);
BENCHMARK(BM_S2Storm);
BENCHMARK(BM_S2StormMutex);
BENCHMARK_MAIN();
