// SPDX-License-Identifier: GPL-2.0-only
// Schedule files (issue 15): a run in words, folded, read back, checked.
#include "run_support.h"

#include "explore/explorer.h"
#include "explore/from_run.h"
#include "scenario/scenario_error.h"
#include "schedule/schedule_file.h"
#include "schedule/schedule_run.h"

#include <gtest/gtest.h>

#include <string>

namespace fl::test {
namespace {

ScheduleFile scheduleOf(const std::string &scenario, const std::string &fixes,
                        RunResult *out = nullptr, std::size_t maxLines = 1500)
{
    const fl::Setup setup = setupOf(loadScenario(scenario), fixes);
    const RunResult r = runToVerdict(setup, RunOptions{});
    if (out)
        *out = r;
    return scheduleOfRun(setup, scenario, {}, r.choices, false, -1, 1, verdictName(r.verdict), -1,
                         maxLines);
}

ScheduleFile roundTrip(const ScheduleFile &file)
{
    return parseSchedule(serialiseSchedule(file), "round-trip.sched");
}

std::string errorOf(const std::string &text)
{
    try {
        parseSchedule(text, "bad.sched");
    } catch (const ScenarioError &e) {
        return e.what();
    }
    return "";
}

const std::string kHeader = "scenario: l1\nfixes: baseline\nResult: LIVELOCK\n";
const std::string kUntimed = "scenario: l1\ntime: untimed\nResult: LIVELOCK\n";

TEST(ScheduleFile, FoldsRepeatedRunsAndUnfoldsThemExactly)
{
    auto line = [](int cpu, const char *task, const char *step) {
        return ScheduleLine{static_cast<CpuId>(cpu), LineKind::Step, task, step};
    };
    std::vector<ScheduleLine> lines = {line(0, "M", "mig.begin")};
    for (int i = 0; i < 1000; ++i) {
        lines.push_back(line(1, "T", "swap.trylock"));
        lines.push_back(line(1, "T", "swap.unlock_return"));
        lines.push_back(line(1, "T", "hmm.loop_head"));
    }
    lines.push_back(ScheduleLine{1, LineKind::Tick, "", ""});
    const std::vector<ScheduleBlock> blocks = foldLines(lines);
    ASSERT_EQ(blocks.size(), 3u);
    EXPECT_EQ(blocks[1].repeat, 1000u);
    EXPECT_EQ(blocks[1].lines.size(), 3u);
    ScheduleFile f;
    f.scenario = "l1";
    f.result = "LIVELOCK";
    f.blocks = blocks;
    EXPECT_EQ(roundTrip(f).expanded(), lines);
    // Two repeats of one line save nothing: no block.
    const std::vector<ScheduleLine> two = {lines[1], lines[1]};
    EXPECT_EQ(foldLines(two).size(), 2u);
}

TEST(ScheduleFile, RunRoundTripChecksAndKeepsTheMailShort)
{
    RunResult run;
    const ScheduleFile file = scheduleOf("l1", "baseline", &run);
    ASSERT_EQ(run.verdict, Verdict::Livelock);
    const std::string text = serialiseSchedule(file);
    // 533 000 steps in a few hundred lines: the spin folds.
    EXPECT_LT(std::count(text.begin(), text.end(), '\n'), 500);
    const ScheduleFile back = parseSchedule(text, "l1.sched");
    EXPECT_EQ(back.expanded().size(), run.choices.size());
    const ScheduleCheck check = checkSchedule(back, "l1.sched");
    EXPECT_TRUE(check.pass) << check.message;
    EXPECT_EQ(check.outcome, "LIVELOCK");
    EXPECT_EQ(check.steps, run.choices.size());
}

TEST(ScheduleFile, AnEditedStepFailsNamingTheStepAndLine)
{
    const ScheduleFile file = scheduleOf("l1", "baseline");
    std::string text = serialiseSchedule(file);
    const std::size_t at = text.find("CPU1 T swap.trylock");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, std::string("CPU1 T swap.trylock").size(), "CPU1 T swap.get_page");
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
    const ScheduleCheck check = checkSchedule(parseSchedule(text, "e.sched"), "e.sched");
    EXPECT_FALSE(check.pass);
    EXPECT_EQ(check.line, line);
    EXPECT_NE(check.message.find("swap.get_page"), std::string::npos) << check.message;
    EXPECT_NE(check.message.find("swap.trylock"), std::string::npos) << check.message;
    EXPECT_NE(check.message.find("line " + std::to_string(line)), std::string::npos);
}

TEST(ScheduleFile, AWrongResultFailsAtTheResultLine)
{
    ScheduleFile file = scheduleOf("l1", "wait-on-unlock");
    file.result = "LIVELOCK";
    const ScheduleFile back = roundTrip(file);
    const ScheduleCheck check = checkSchedule(back, "r.sched");
    EXPECT_FALSE(check.pass);
    EXPECT_EQ(check.outcome, "COMPLETED");
    EXPECT_EQ(check.line, back.resultLine);
}

TEST(ScheduleFile, ALongInterleavedRunEndsWithTheChooser)
{
    RunResult run;
    const ScheduleFile file = scheduleOf("s2-storm", "sleeping-lock", &run, 200);
    ASSERT_EQ(run.verdict, Verdict::Livelock);
    EXPECT_TRUE(file.chooserTail);
    const ScheduleFile back = roundTrip(file);
    EXPECT_TRUE(back.chooserTail);
    EXPECT_LT(back.expanded().size(), run.choices.size());
    const ScheduleCheck check = checkSchedule(back, "storm.sched");
    EXPECT_TRUE(check.pass) << check.message;
    EXPECT_EQ(check.steps, run.steps);
}

TEST(ScheduleFile, AnExplorerLassoReplaysWithItsCycle)
{
    const fl::Setup setup = setupOf(loadScenario("l1"), "baseline");
    ExploreOptions options;
    const ExploreResult r = explore(setup, options);
    ASSERT_EQ(r.verdict, ExploreVerdict::Livelock);
    std::vector<Choice> choices = r.stem;
    choices.insert(choices.end(), r.cycle.begin(), r.cycle.end());
    const ScheduleFile file = scheduleOfRun(setup, "l1", {}, choices, true,
                                            static_cast<std::int64_t>(r.stem.size()), 1,
                                            "LIVELOCK", static_cast<std::int64_t>(r.cycle.size()));
    const ScheduleFile back = roundTrip(file);
    std::int64_t cycleStart = -1;
    back.expanded(nullptr, &cycleStart);
    EXPECT_EQ(cycleStart, static_cast<std::int64_t>(r.stem.size()));
    const ScheduleCheck check = checkSchedule(back, "lasso.sched");
    EXPECT_TRUE(check.pass) << check.message;
    // The same cycle, claimed one step longer, is wrong.
    ScheduleFile wrong = back;
    wrong.cycle += 1;
    EXPECT_FALSE(checkSchedule(wrong, "lasso.sched").pass);
}

TEST(ScheduleFile, TheRunnersCycleKeepsItsTimedPrefixAndChecks)
{
    // explore --from-run: the runner's own cycle of the 8-CPU storm, behind
    // the run's timed steps. The file marks where the untimed model begins.
    const fl::Setup setup = setupOf(loadScenario("s2-storm"), "sleeping-lock");
    ExploreOptions options;
    options.maxStates = 1000;
    const FromRunResult found = exploreFromRun(setup, 1, options);
    ASSERT_TRUE(found.runCycle);
    std::vector<Choice> choices(found.run.choices.begin(),
            found.run.choices.begin() + static_cast<std::ptrdiff_t>(found.timedSteps));
    const ExploreResult &r = found.explored;
    choices.insert(choices.end(), r.cycle.begin(), r.cycle.end());
    const auto timed = static_cast<std::int64_t>(found.timedSteps);
    const ScheduleFile file = scheduleOfRun(setup, "s2-storm", {}, choices, true, timed, 1,
            "LIVELOCK", static_cast<std::int64_t>(r.cycle.size()), 1500, found.timedSteps);
    const std::string text = serialiseSchedule(file);
    EXPECT_LT(text.find("\nuntimed:"), text.find("\ncycle:")) << text;
    const ScheduleFile back = roundTrip(file);
    std::int64_t cycleStart = -1, untimedFrom = -1;
    EXPECT_EQ(back.expanded(nullptr, &cycleStart, &untimedFrom).size(), choices.size());
    EXPECT_EQ(untimedFrom, timed);
    EXPECT_EQ(cycleStart, timed);
    EXPECT_EQ(choicesOfSchedule(back, setup), choices);
    const ScheduleCheck check = checkSchedule(back, "storm.sched");
    EXPECT_TRUE(check.pass) << check.message;
    EXPECT_EQ(check.outcome, "LIVELOCK");
}

TEST(ScheduleFile, ATimedPrefixReadsItsTicksAsTheRunsSteps)
{
    // l1 under full preemption ticks early in its run. Before 'untimed:' a
    // tick line is the timed run's step of that CPU (its clock chose the
    // tick); in the untimed model it would be a choice of its own.
    const fl::Setup setup = setupOf(loadScenario("l1"), "baseline", "full");
    const RunResult run = runToVerdict(setup, RunOptions {});
    const ScheduleFile whole = scheduleOfRun(
            setup, "l1", {}, run.choices, false, -1, 1, verdictName(run.verdict), -1, 1u << 20);
    std::size_t tick = 0;
    for (const ScheduleLine &line : whole.expanded()) {
        if (line.kind == LineKind::Tick)
            break;
        ++tick;
    }
    ASSERT_LT(tick, run.choices.size());
    const std::vector<Choice> prefix(
            run.choices.begin(), run.choices.begin() + static_cast<std::ptrdiff_t>(tick + 10));
    const ScheduleFile file = roundTrip(scheduleOfRun(
            setup, "l1", {}, prefix, true, -1, 1, "LIVELOCK", -1, 1500, prefix.size()));
    ScheduleCheck fit;
    EXPECT_EQ(choicesOfSchedule(file, setup, &fit), prefix) << fit.message;
    EXPECT_EQ(prefix[tick].task, NoTask); // "step CPU n", not TickChoice

    ScheduleFile unmarked = file;
    unmarked.untimedBlock = -1;
    EXPECT_NE(choicesOfSchedule(unmarked, setup), prefix);
}

TEST(ScheduleFile, AnInlineScenarioStandsAloneAndKeepsItsPositions)
{
    const std::string scenarioText = builtinScenarioText("l1-single");
    const fl::Setup setup = setupOf(parseScenario(scenarioText, "mine.toml"), "baseline");
    const RunResult r = runToVerdict(setup, RunOptions{});
    const ScheduleFile file = scheduleOfRun(setup, "inline", scenarioText, r.choices, false, -1, 1,
                                            verdictName(r.verdict), -1);
    const std::string text = serialiseSchedule(file);
    EXPECT_NE(text.find("| name = \"l1-single\""), std::string::npos);
    EXPECT_TRUE(checkSchedule(parseSchedule(text, "s.sched"), "s.sched").pass);

    // An error inside the inline scenario is reported at its line of the file.
    std::string broken = text;
    const std::size_t cpus = broken.find("| cpus = 4");
    ASSERT_NE(cpus, std::string::npos);
    broken.replace(cpus, 10, "| cpus = 99");
    const int line = 1 + static_cast<int>(std::count(broken.begin(), broken.begin() + cpus, '\n'));
    try {
        checkSchedule(parseSchedule(broken, "s.sched"), "s.sched");
        FAIL() << "accepted 99 CPUs";
    } catch (const ScenarioError &e) {
        EXPECT_EQ(e.line(), line) << e.what();
    }
}

TEST(ScheduleFile, MalformedFilesNameTheirPosition)
{
    struct Bad {
        std::string text;
        std::string where;
        std::string says;
    };
    const Bad cases[] = {
            {"fixes: baseline\nResult: LIVELOCK\n", "bad.sched:1:1:", "scenario:"},
            {"scenario: l1\n", "bad.sched:1:1:", "Result:"},
            {"scenario: l1\nResult: STUCK\n", "bad.sched:2:9:", "LIVELOCK"},
            {"scenario: l1\npreempt: lazy\nResult: LIVELOCK\n", "bad.sched:2:10:", "voluntary"},
            {kHeader + "CPU9 T swap.trylock\n", "bad.sched:4:1:", "CPUn"},
            {kHeader + "CPU1 T swap.trylok\n", "bad.sched:4:8:", "unknown step"},
            {kHeader + "CPU1 dance\n", "bad.sched:4:6:", "tick"},
            {kHeader + "×3 {\nCPU1 tick\n", "bad.sched:4:1:", "never closed"},
            {kHeader + "×0 {\nCPU1 tick\n}\n", "bad.sched:4:1:", "at least 1"},
            {kHeader + "}\n", "bad.sched:4:1:", "without"},
            {kHeader + "cycle:\nCPU1 tick\n", "bad.sched:3:1:", "untimed"},
            {kHeader + "CPU1 tick\nseed: 3\n", "bad.sched:5:1:", "after the steps"},
            {kHeader + "then: chooser\nCPU1 tick\n", "bad.sched:5:1:", "nothing may follow"},
            {kHeader + "CPU1 tick\nuntimed:\n", "bad.sched:5:1:", "time: untimed"},
            {kUntimed + "untimed:\nCPU1 tick\n", "bad.sched:4:1:", "before any step"},
            {kUntimed + "CPU1 tick\nuntimed:\nCPU1 tick\nuntimed:\n", "bad.sched:7:1:", "a second"},
            {kUntimed + "CPU1 tick\ncycle:\nCPU1 tick\nuntimed:\n",
                    "bad.sched:7:1:", "after 'cycle:'"},
            {kUntimed + "×2 {\nCPU1 tick\nuntimed:\n}\n", "bad.sched:6:1:", "repeated block"},
            {"scenario: l1\nseed: 123456789012345678901234\nResult: LIVELOCK\n",
                    "bad.sched:2:7:", "2^64"},
    };
    for (const Bad &b : cases) {
        const std::string e = errorOf(b.text);
        EXPECT_EQ(e.rfind(b.where, 0), 0u) << b.text << "\n-> " << e;
        EXPECT_NE(e.find(b.says), std::string::npos) << b.text << "\n-> " << e;
    }
}

TEST(ScheduleFile, ALineThatCannotHappenSaysWhatTheCpuCouldDo)
{
    // M's CPU starts idle until M's start timer fires: it cannot run a step.
    const std::string text = kHeader + "CPU0 M mig.begin\n";
    const ScheduleCheck check = checkSchedule(parseSchedule(text, "c.sched"), "c.sched");
    EXPECT_FALSE(check.pass);
    EXPECT_EQ(check.line, 4);
    EXPECT_NE(check.message.find("CPU0 M mig.begin"), std::string::npos) << check.message;
}

TEST(ScheduleFile, IsToldApartFromATomlReplayFile)
{
    EXPECT_TRUE(looksLikeSchedule("# comment\n\nscenario: l1\n"));
    EXPECT_FALSE(looksLikeSchedule("version = 1\nscenario = \"l1\"\n"));
    EXPECT_FALSE(looksLikeSchedule(""));
}

} // namespace
} // namespace fl::test
