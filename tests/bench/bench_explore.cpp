// SPDX-License-Identifier: GPL-2.0-only
// The explorer (issues 4 and 12): states per second and bytes per stored
// state on l1 with baseline (finds the livelock) and with wait-on-unlock
// (explores everything: OK), the time to l1's shortest livelock, the
// reductions against the unreduced search, and the agreement sweep over the
// l1 family. Registered into foliolab_bench.
#include "explore/explorer.h"
#include "kernel/fixes.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include "../core/small_storms.h"

#include <benchmark/benchmark.h>

namespace {

fl::Setup setupFor(const char *scenario, std::vector<std::string> fixes, const char *preempt = "")
{
    return fl::buildSetup(fl::loadScenario(scenario), fl::BuildOptions {std::move(fixes), preempt});
}

// The search itself: tests check invariants, so the benchmarks do not.
fl::ExploreOptions searchOnly()
{
    fl::ExploreOptions options;
    options.checkInvariants = false;
    return options;
}

void exploreOnce(benchmark::State &state, const fl::Setup &setup, fl::ExploreVerdict expected,
        const fl::ExploreOptions &options = searchOnly())
{
    std::uint64_t states = 0;
    double bytes = 0, stem = 0, cycle = 0;
    for (auto _ : state) {
        const fl::ExploreResult r = fl::explore(setup, options);
        if (r.verdict != expected)
            state.SkipWithError("unexpected verdict");
        states += r.states;
        bytes = r.bytesPerState;
        stem = static_cast<double>(r.stem.size());
        cycle = static_cast<double>(r.cycle.size());
    }
    state.counters["states"]
            = static_cast<double>(states) / static_cast<double>(state.iterations());
    state.counters["states_per_s"]
            = benchmark::Counter(static_cast<double>(states), benchmark::Counter::kIsRate);
    state.counters["bytes_per_state"] = bytes;
    state.counters["stem"] = stem;
    state.counters["cycle"] = cycle;
}

void BM_ExploreL1Baseline(benchmark::State &state)
{
    // Also the time to l1's shortest livelock: the search ends with it.
    exploreOnce(state, setupFor("l1", {"baseline"}), fl::ExploreVerdict::Livelock);
}

void BM_ExploreL1WaitOnUnlock(benchmark::State &state)
{
    exploreOnce(state, setupFor("l1", {"wait-on-unlock"}), fl::ExploreVerdict::Ok);
}

// Symmetry reduction (issue 12) against the full search, in one run: a
// storm of four faulters on four CPUs (S4, 24 renamings), OK both ways.
void BM_ExploreStorm4Symmetric(benchmark::State &state)
{
    const fl::Setup setup = fl::buildSetup(
            fl::parseScenario(fl::test::smallStorm(4), "storm4.toml"), fl::BuildOptions {});
    fl::ExploreOptions options = searchOnly();
    options.symmetry = state.range(0) != 0;
    exploreOnce(state, setup, fl::ExploreVerdict::Ok, options);
}

// Merging local steps (issue 12) against storing every state, in one run:
// l1 under FULL (OK, the whole space).
void BM_ExploreL1FullLocalSteps(benchmark::State &state)
{
    fl::ExploreOptions options = searchOnly();
    options.localSteps = state.range(0) != 0;
    exploreOnce(state, setupFor("l1", {"baseline"}, "full"), fl::ExploreVerdict::Ok, options);
}

// The thread's 8-CPU storm with a driver mutex under pre-trylock: the
// LIVELOCK found among the first 10 million states (about 2 minutes and
// 2 GB; run it alone: --benchmark_filter=S2StormMutex).
void BM_ExploreS2StormMutexPreTrylock(benchmark::State &state)
{
    fl::ExploreOptions options = searchOnly();
    options.maxStates = 10'000'000;
    exploreOnce(state, setupFor("s2-storm-mutex", {"pre-trylock"}), fl::ExploreVerdict::Livelock,
            options);
}

// First-bug mode (ExploreOptions::stopAtFirstBug): s2-mixed under
// sleeping-lock+wait-refcount deadlocks after 62 steps; the whole search
// meets that deadlock too but runs on to its 40 M-state bound (minutes and
// 3 GB), first-bug stops at it (about 1.7 M states).
void BM_ExploreS2MixedDeadlockFirstBug(benchmark::State &state)
{
    fl::ExploreOptions options = searchOnly();
    options.stopAtFirstBug = true;
    exploreOnce(state, setupFor("s2-mixed", {"sleeping-lock", "wait-refcount"}),
            fl::ExploreVerdict::Deadlock, options);
}

// The l1 family under VOLUNTARY, every fix alone (bounded at 2M states each).
void BM_ExploreL1FamilySweep(benchmark::State &state)
{
    std::uint64_t states = 0, runs = 0;
    for (auto _ : state) {
        for (const char *scenario : {"l1", "l1-rt", "l1-single", "l1-emptybatch"}) {
            std::vector<std::vector<std::string>> sets = {{"baseline"}};
            for (const fl::FixInfo &f : fl::fixCatalogue())
                sets.push_back({std::string(f.name)});
            for (const auto &fixes : sets) {
                fl::ExploreOptions options = searchOnly();
                options.maxStates = 2'000'000;
                states += fl::explore(setupFor(scenario, fixes), options).states;
                ++runs;
            }
        }
    }
    state.counters["explorations"]
            = static_cast<double>(runs) / static_cast<double>(state.iterations());
    state.counters["states_per_s"]
            = benchmark::Counter(static_cast<double>(states), benchmark::Counter::kIsRate);
}

} // namespace

BENCHMARK(BM_ExploreL1Baseline)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2);
BENCHMARK(BM_ExploreL1WaitOnUnlock)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2);
BENCHMARK(BM_ExploreStorm4Symmetric)
        ->Arg(1)
        ->Arg(0)
        ->ArgName("symmetry")
        ->Unit(benchmark::kSecond)
        ->UseRealTime()
        ->Iterations(1);
BENCHMARK(BM_ExploreL1FullLocalSteps)
        ->Arg(1)
        ->Arg(0)
        ->ArgName("local")
        ->Unit(benchmark::kSecond)
        ->UseRealTime()
        ->Iterations(1);
BENCHMARK(BM_ExploreS2StormMutexPreTrylock)
        ->Unit(benchmark::kSecond)
        ->UseRealTime()
        ->Iterations(1);
BENCHMARK(BM_ExploreS2MixedDeadlockFirstBug)
        ->Unit(benchmark::kSecond)
        ->UseRealTime()
        ->Iterations(1);
BENCHMARK(BM_ExploreL1FamilySweep)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);
