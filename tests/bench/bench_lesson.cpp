// SPDX-License-Identifier: GPL-2.0-only
// What a lesson player costs: a session's run to the verdict of l1 (the
// runner's run plus the step-by-step replay that checks the goals), and a
// fix toggle that replays a 10 000-step schedule (GUI target <= 100 ms,
// product.md). Run by hand: build/tests/foliolab_lesson_bench
#include "lesson/lesson_catalogue.h"
#include "lesson/lesson_session.h"

#include <benchmark/benchmark.h>

#include <algorithm>

namespace {

void sessionRunToVerdict(benchmark::State &state)
{
    const fl::Lesson lesson = fl::loadBuiltinLesson("05-livelock");
    std::int64_t steps = 0;
    for (auto _ : state) {
        fl::LessonSession session(lesson);
        steps += static_cast<std::int64_t>(session.runToVerdict().steps);
    }
    state.counters["session_steps_per_s"]
            = benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
}
BENCHMARK(sessionRunToVerdict)->Unit(benchmark::kMillisecond);

void toggleReplay10k(benchmark::State &state)
{
    // A 10 000-step schedule of l1, replayed under full preemption and back
    // (l1 runs 42 000 steps under full, so neither replay ends early).
    const fl::Lesson lesson = fl::loadBuiltinLesson("06-preemption-model");
    fl::LessonSession session(lesson);
    session.runSteps(10'000);
    std::int64_t steps = 0;
    for (auto _ : state) {
        steps += static_cast<std::int64_t>(session.setPreempt("full").steps);
        steps += static_cast<std::int64_t>(session.setPreempt("voluntary").steps);
    }
    state.counters["replays_per_s"] = benchmark::Counter(
            static_cast<double>(state.iterations() * 2), benchmark::Counter::kIsRate);
    state.counters["steps_per_replay"] = static_cast<double>(steps)
            / static_cast<double>(std::max<std::int64_t>(1, state.iterations() * 2));
}
BENCHMARK(toggleReplay10k)->Unit(benchmark::kMillisecond);

void verifyCourseLesson(benchmark::State &state)
{
    const fl::Lesson lesson = fl::loadBuiltinLesson("11-merged-fix");
    for (auto _ : state) {
        fl::LessonSession session(lesson);
        for (const fl::Action &a : lesson.solution)
            benchmark::DoNotOptimize(session.apply(a).steps);
    }
}
BENCHMARK(verifyCourseLesson)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
