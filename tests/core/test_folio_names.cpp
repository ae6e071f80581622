// SPDX-License-Identifier: GPL-2.0-only
// Issue 14: a folio slot freed and allocated again holds another page, and
// gets a fresh name wherever the run is described.
#include "engine/chooser.h"
#include "engine/engine.h"
#include "engine/folio_names.h"
#include "engine/waitfor.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>

using namespace fl;

namespace {

class NoSink final : public EventSink {
public:
    void onEvent(const Event &) override {}
    void onStep(CpuId, TaskId, std::uint16_t, Nanos, Nanos) override {}
};

} // namespace

TEST(FolioNames, FirstLifeKeepsTheScenarioNameLaterLivesGetFreshOnes)
{
    fl::Setup s = buildSetup(loadScenario("l1"), BuildOptions{{"baseline"}, ""});
    FolioLives lives;
    EXPECT_EQ(folioName(s, &lives, 0), "S");
    lives.count[0] = 1;
    EXPECT_EQ(folioName(s, &lives, 0), "S");
    lives.count[0] = 2;
    EXPECT_EQ(folioName(s, &lives, 0), "S2");
    lives.count[0] = 3;
    EXPECT_EQ(folioName(s, &lives, 0), "S3");
    EXPECT_EQ(folioName(s, nullptr, 0), "S");
    // R1 (slot 2) ends in a digit: R12 would read as a twelfth R.
    lives.count[2] = 2;
    EXPECT_EQ(folioName(s, &lives, 2), "R1-2");
    // Never another name of the setup.
    s.folioNames[3] = "S2";
    EXPECT_EQ(folioName(s, &lives, 0), "S3");
    lives.count[0] = 2;
    EXPECT_EQ(folioName(s, &lives, 0), "S-2");
}

TEST(FolioNames, EngineCountsAllocationsOfEachSlot)
{
    // Under wait-on-unlock, D is migrated to RAM: the page it lands in takes
    // a freed slot, S's once M has moved S to the GPU. Whichever slot, a
    // slot allocated after it was freed must not keep its old name.
    const fl::Setup s = buildSetup(loadScenario("l1"), BuildOptions{{"wait-on-unlock"}, ""});
    const Engine engine(s);
    SimState state = engine.initialState();
    for (int f = 0; f < state.machine.folioCount; ++f)
        EXPECT_EQ(state.lives.count[f], state.machine.folios[f].allocated ? 1 : 0);

    TimedChooser chooser(1);
    NoSink sink;
    std::set<std::string> reallocatedNames;
    bool reallocated = false;
    for (int i = 0; i < 200000; ++i) {
        ChoiceList enabled;
        engine.enabledChoices(state, enabled);
        if (enabled.count == 0)
            break;
        const std::array<bool, MaxFolios> wasAllocated = [&] {
            std::array<bool, MaxFolios> a{};
            for (int f = 0; f < state.machine.folioCount; ++f)
                a[f] = state.machine.folios[f].allocated;
            return a;
        }();
        const FolioLives before = state.lives;
        engine.apply(state, chooser.choose(engine, state, enabled), sink);
        for (int f = 0; f < state.machine.folioCount; ++f) {
            const bool allocatedNow = state.machine.folios[f].allocated;
            if (allocatedNow && !wasAllocated[f]) {
                EXPECT_EQ(state.lives.count[f], before.count[f] + 1);
                if (state.lives.count[f] > 1) {
                    reallocated = true;
                    const std::string name = folioName(s, &state.lives, static_cast<FolioId>(f));
                    EXPECT_NE(name, s.folioNames[f]);
                    // Unique among the live pages and the setup's names.
                    for (int g = 0; g < state.machine.folioCount; ++g) {
                        if (g != f) {
                            EXPECT_NE(name, folioName(s, &state.lives, static_cast<FolioId>(g)));
                        }
                    }
                    reallocatedNames.insert(name);
                }
            } else {
                EXPECT_EQ(state.lives.count[f], before.count[f]);
            }
        }
    }
    EXPECT_TRUE(reallocated) << "l1 under wait-on-unlock no longer reuses a freed slot";
    // The wait-for graph's words use the same names.
    const auto graph = buildWaitForGraph(s, state.machine, &state.lives);
    for (const WaitEdge &e : graph) {
        for (int f = 0; f < state.machine.folioCount; ++f) {
            if (state.lives.count[f] > 1) {
                EXPECT_EQ(e.label.find("folio " + s.folioNames[f] + " "), std::string::npos)
                        << e.label;
            }
        }
    }
}
