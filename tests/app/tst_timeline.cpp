// SPDX-License-Identifier: GPL-2.0-only
#include "timeline.h"

#include "engine/runner.h"
#include "engine/setup.h"
#include "model/machine.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include <QTest>

#include <map>
#include <memory>
#include <random>

// The timeline the window walks: stepping back and forward, jumps across
// checkpoints, new branches, agreement with the core's runner, and re-runs of
// one schedule under another fix set.
class TestTimeline : public QObject
{
    Q_OBJECT

private slots:
    void stepBackAndForwardReturnsToIdenticalStates();
    void jumpsAcrossCheckpointsMatchSteppedStates();
    void verdictAgreesWithTheRunner();
    void anotherChoiceStartsANewBranch();
    void replayUnderTheSameFixesDoesNotDiverge();
    void replayUnderWaitOnUnlockDivergesAndCompletes();
};

static std::shared_ptr<const fl::Setup> setupOf(
        const std::string &scenario, std::vector<std::string> fixes = {})
{
    fl::BuildOptions options;
    options.fixes = std::move(fixes);
    return std::make_shared<const fl::Setup>(fl::buildSetup(fl::loadScenario(scenario), options));
}

void TestTimeline::stepBackAndForwardReturnsToIdenticalStates()
{
    Timeline t(setupOf("l1"), 1);
    std::vector<fl::Machine> seen {t.state().machine};
    for (int i = 0; i < 700; ++i) {
        QVERIFY(t.step());
        seen.push_back(t.state().machine);
    }
    // Back one step at a time, then forward again: every state is the one
    // that was there, by value and by hash.
    for (std::size_t n = 700; n-- > 0;) {
        t.seek(n);
        QCOMPARE(t.position(), n);
        QVERIFY2(t.state().machine == seen[n], qPrintable(QString::number(n)));
        QCOMPARE(fl::hashMachine(t.state().machine), fl::hashMachine(seen[n]));
    }
    QCOMPARE(t.length(), std::size_t(700)); // going back keeps the future
    for (std::size_t n = 1; n <= 700; ++n) {
        QVERIFY(t.step()); // replays the recorded choice
        QVERIFY(t.state().machine == seen[n]);
    }
    QCOMPARE(t.length(), std::size_t(700));
}

void TestTimeline::jumpsAcrossCheckpointsMatchSteppedStates()
{
    Timeline t(setupOf("l1"), 1);
    std::map<std::size_t, std::size_t> hashes {{0, fl::hashMachine(t.state().machine)}};
    const std::size_t total = 5 * Timeline::CheckpointInterval + 17;
    for (std::size_t i = 1; i <= total; ++i) {
        QVERIFY(t.step());
        hashes[i] = fl::hashMachine(t.state().machine);
    }
    std::mt19937 random(7);
    std::uniform_int_distribution<std::size_t> pick(0, total);
    for (int k = 0; k < 60; ++k) {
        const std::size_t n = pick(random);
        t.seek(n);
        QCOMPARE(t.position(), n);
        QCOMPARE(fl::hashMachine(t.state().machine), hashes[n]);
    }
    t.seek(total + 1000); // clamped to the recorded run
    QCOMPARE(t.position(), total);
}

void TestTimeline::verdictAgreesWithTheRunner()
{
    for (const char *scenario : {"l1", "l1-single", "s2-storm"}) {
        const auto setup = setupOf(scenario);
        fl::RunOptions options;
        options.seed = 1;
        const fl::RunResult expected = fl::runToVerdict(*setup, options);

        Timeline t(setup, 1);
        t.runToVerdict(expected.steps + 10);
        QVERIFY2(t.verdict().has_value(), scenario);
        QCOMPARE(t.verdict()->verdict, expected.verdict);
        QCOMPARE(t.verdict()->step, expected.steps);
        QCOMPARE(t.position(), expected.steps);
        QVERIFY(t.state().machine == expected.finalState.machine);
        QCOMPARE(t.verdict()->explanation.summary, expected.explanation.summary);
        QCOMPARE(t.verdict()->explanation.cycle.size(), expected.explanation.cycle.size());
        QVERIFY(t.choices() == expected.choices);
        // Before the verdict's step the window shows no verdict.
        t.seek(expected.steps - 1);
        QVERIFY(t.verdictHere() == nullptr);
        t.seek(expected.steps);
        QVERIFY(t.verdictHere() != nullptr);
    }
}

void TestTimeline::anotherChoiceStartsANewBranch()
{
    Timeline t(setupOf("l1"), 1);
    for (int i = 0; i < 300; ++i)
        QVERIFY(t.step());
    // Find a step with two enabled choices and take the one not recorded.
    for (std::size_t n = 1; n < 300; ++n) {
        t.seek(n);
        const fl::ChoiceList enabled = t.enabled();
        if (enabled.count < 2)
            continue;
        const fl::Choice recorded = t.choices()[n];
        fl::Choice other = recorded;
        for (const fl::Choice &c : enabled)
            if (c != recorded)
                other = c;
        QVERIFY(t.apply(other));
        QCOMPARE(t.length(), n + 1);
        QCOMPARE(t.choices().back(), other);
        QVERIFY(!t.verdict().has_value());
        // The new branch walks back and forth like any other.
        const std::size_t hash = fl::hashMachine(t.state().machine);
        t.seek(0);
        t.seek(n + 1);
        QCOMPARE(fl::hashMachine(t.state().machine), hash);
        return;
    }
    QFAIL("no step with two enabled choices in the first 300 steps of l1");
}

void TestTimeline::replayUnderTheSameFixesDoesNotDiverge()
{
    const auto setup = setupOf("l1");
    Timeline first(setup, 1);
    for (int i = 0; i < 400; ++i)
        QVERIFY(first.step());
    Timeline again(setup, 1);
    const auto divergence = again.replay(first.choices(), first.samples(), 2'000'000);
    QVERIFY(!divergence.has_value());
    QVERIFY(again.verdict().has_value());
    QCOMPARE(again.verdict()->verdict, fl::Verdict::Livelock);
}

void TestTimeline::replayUnderWaitOnUnlockDivergesAndCompletes()
{
    Timeline baseline(setupOf("l1"), 1);
    baseline.runToVerdict(2'000'000);
    QVERIFY(baseline.verdict().has_value());
    QCOMPARE(baseline.verdict()->verdict, fl::Verdict::Livelock);

    Timeline fixed(setupOf("l1", {"wait-on-unlock"}), 1);
    const auto divergence = fixed.replay(baseline.choices(), baseline.samples(), 2'000'000);
    QVERIFY(divergence.has_value());
    QVERIFY(*divergence < baseline.length());
    QVERIFY(fixed.verdict().has_value());
    QCOMPARE(fixed.verdict()->verdict, fl::Verdict::Completed);
    // Up to the divergence both runs executed the same steps.
    for (std::size_t i = 0; i < *divergence; ++i)
        QCOMPARE(fixed.samples()[i].step, baseline.samples()[i].step);
}

QTEST_GUILESS_MAIN(TestTimeline)
#include "tst_timeline.moc"
