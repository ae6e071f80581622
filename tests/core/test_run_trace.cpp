// SPDX-License-Identifier: GPL-2.0-only
// The run over time (issue 11): the slices a time view draws, recorded as
// the run goes, and the files they export to.
#include "run_support.h"

#include "trace/chrome_trace.h"
#include "trace/run_trace.h"
#include "trace/swimlane_svg.h"

#include <gtest/gtest.h>

namespace fl::test {
namespace {

struct Recorded {
    RunResult run;
    std::unique_ptr<RunTrace> trace;
};

Recorded record(const fl::Setup &setup)
{
    Recorded r;
    r.trace = std::make_unique<RunTrace>(setup);
    RunOptions options;
    options.observer = r.trace.get();
    r.run = runToVerdict(setup, options);
    r.trace->finish(r.run.virtualNs);
    return r;
}

TaskId taskNamed(const fl::Setup &setup, const std::string &name)
{
    for (int i = 0; i < setup.initial.taskCount; ++i)
        if (setup.taskNames[i] == name)
            return static_cast<TaskId>(i);
    ADD_FAILURE() << "no task " << name;
    return 0;
}

// The longest slice of `t` in state `what`.
Nanos longest(const RunTrace &trace, TaskId t, TaskActivity what, WaitKind wait = WaitKind::None)
{
    Nanos best = 0;
    for (const TaskSlice &s : trace.task(t))
        if (s.what == what && (wait == WaitKind::None || s.wait == wait))
            best = std::max(best, s.end - s.start);
    return best;
}

// The starvation, in data: T holds CPU1 spinning for the whole run while K1
// stays runnable and M sleeps in flush_work() for CPU1's drain.
TEST(RunTrace, ShowsTheStarvationOfL1)
{
    const fl::Setup setup = setupOf(loadScenario("l1"), "baseline");
    const Recorded r = record(setup);
    ASSERT_EQ(r.run.verdict, Verdict::Livelock);
    const Nanos run = r.run.virtualNs;
    const TaskId t = taskNamed(setup, "T"), k1 = taskNamed(setup, "K1"), m = taskNamed(setup, "M");
    EXPECT_GT(longest(*r.trace, t, TaskActivity::Spinning), run * 9 / 10);
    EXPECT_GT(longest(*r.trace, k1, TaskActivity::Runnable), run * 9 / 10);
    EXPECT_GT(longest(*r.trace, m, TaskActivity::Asleep, WaitKind::FlushWork), run * 9 / 10);
    for (const TaskSlice &s : r.trace->task(m)) {
        if (s.wait == WaitKind::FlushWork) {
            EXPECT_EQ(s.waitArg, 1) << "M waits for CPU1's drain work";
        }
    }
    // CPU1 is one long spinning slice of T: merged, not one per step.
    const std::vector<CpuSlice> &cpu1 = r.trace->cpu(1);
    ASSERT_FALSE(cpu1.empty());
    EXPECT_LT(cpu1.size(), 10u);
    EXPECT_EQ(cpu1.back().task, t);
    EXPECT_EQ(cpu1.back().what, CpuActivity::Spinning);
    EXPECT_GT(cpu1.back().end - cpu1.back().start, run * 9 / 10);
    EXPECT_EQ(r.trace->trylockFailures().size(), static_cast<std::size_t>(r.run.metrics.at("trylock_failures")));
    EXPECT_EQ(r.trace->steps(), r.run.steps);
}

TEST(RunTrace, UnderTheMergedFixTheSamePictureResolvesInMicroseconds)
{
    const fl::Setup setup = setupOf(loadScenario("l1"), "wait-on-unlock");
    const Recorded r = record(setup);
    ASSERT_EQ(r.run.verdict, Verdict::Completed);
    EXPECT_LT(r.run.virtualNs, 1'000'000u);
    const TaskId t = taskNamed(setup, "T");
    EXPECT_GT(longest(*r.trace, t, TaskActivity::Asleep, WaitKind::FolioUnlock), 0u);
    EXPECT_EQ(r.trace->task(t).back().what, TaskActivity::Done);
}

// Every slice of a track lies within the run, in order, without overlap.
TEST(RunTrace, SlicesAreOrderedAndDisjointPerTrack)
{
    for (const char *scenario : {"l1", "s2-storm", "w-alloc"}) {
        const fl::Setup setup = setupOf(loadScenario(scenario), "baseline");
        const Recorded r = record(setup);
        for (int c = 0; c < setup.initial.cpuCount; ++c) {
            Nanos last = 0;
            for (const CpuSlice &s : r.trace->cpu(static_cast<CpuId>(c))) {
                EXPECT_GE(s.start, last) << scenario << " CPU" << c;
                EXPECT_GE(s.end, s.start);
                last = s.end;
            }
        }
        for (int t = 0; t < setup.initial.taskCount; ++t) {
            Nanos last = 0;
            for (const TaskSlice &s : r.trace->task(static_cast<TaskId>(t))) {
                EXPECT_GE(s.start, last) << scenario << " " << setup.taskNames[t];
                EXPECT_GE(s.end, s.start);
                last = s.end;
            }
            EXPECT_EQ(last, r.trace->end()) << scenario << " " << setup.taskNames[t];
        }
    }
}

TEST(RunTrace, TheSvgSaysItInWords)
{
    const fl::Setup setup = setupOf(loadScenario("l1"), "baseline");
    const Recorded r = record(setup);
    const std::string svg = swimlaneSvg(
        *r.trace, {"l1", "baseline", "voluntary", "non-preemptible", "LIVELOCK", 1});
    EXPECT_EQ(svg.rfind("<svg", 0), 0u);
    EXPECT_NE(svg.find("asleep in flush_work() for CPU1's drain"), std::string::npos);
    EXPECT_NE(svg.find("T spinning"), std::string::npos);
    EXPECT_NE(svg.find("runnable, waiting for its CPU"), std::string::npos);
    EXPECT_NE(svg.find("spinning on a folio lock"), std::string::npos); // the legend
    // Per-pixel aggregation: the picture of 533 000 steps stays small.
    EXPECT_LT(svg.size(), 400'000u);
}

// Red means stuck: the verdict line of a completed run is green.
TEST(RunTrace, TheVerdictLineIsRedOnlyWhenStuck)
{
    const fl::Setup setup = setupOf(loadScenario("l1"), "wait-on-unlock");
    const Recorded r = record(setup);
    auto verdictLine = [&](const char *verdict) {
        const std::string svg = swimlaneSvg(
            *r.trace, {"l1", "wait-on-unlock", "voluntary", "non-preemptible", verdict, 1});
        const std::size_t line = svg.find("stroke-width=\"3\"");
        EXPECT_NE(line, std::string::npos);
        return svg.substr(svg.rfind("<line", line), line - svg.rfind("<line", line));
    };
    EXPECT_NE(verdictLine("COMPLETED").find("#2e7d32"), std::string::npos);
    EXPECT_EQ(verdictLine("COMPLETED").find("#c62828"), std::string::npos);
    EXPECT_NE(verdictLine("LIVELOCK").find("#c62828"), std::string::npos);
}

} // namespace
} // namespace fl::test
