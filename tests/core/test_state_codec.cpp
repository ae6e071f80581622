// SPDX-License-Identifier: GPL-2.0-only
// The explorer's compact states (issue 12): a code decodes to the machine it
// was made of, equal machines give equal codes and different ones different
// codes, and codes are small.
#include "explore/state_codec.h"

#include "engine/engine.h"
#include "scenario/scenario_build.h"
#include "scenario/scenario_toml.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

namespace {

fl::Setup setupFor(const char *scenario, const char *fix)
{
    return fl::buildSetup(fl::loadScenario(scenario), fl::BuildOptions {{fix}, ""});
}

class IgnoreEvents final : public fl::EventSink {
public:
    void onEvent(const fl::Event &) override { }
    void onStep(fl::CpuId, fl::TaskId, std::uint16_t, fl::Nanos, fl::Nanos) override { }
};

// The machines of a random untimed walk from the scenario's start.
std::vector<fl::Machine> walk(const fl::Setup &setup, std::size_t steps, unsigned seed)
{
    const fl::Engine engine(setup, fl::TimeModel::Untimed);
    fl::SimState s = engine.initialState();
    std::vector<fl::Machine> out {s.machine};
    std::mt19937 random(seed);
    IgnoreEvents sink;
    for (std::size_t i = 0; i < steps; ++i) {
        const std::vector<fl::Choice> enabled = engine.enabledChoices(s);
        if (enabled.empty())
            break;
        engine.apply(s, enabled[random() % enabled.size()], sink);
        out.push_back(s.machine);
    }
    return out;
}

class StateCodecTest : public ::testing::TestWithParam<const char *> { };

} // namespace

TEST_P(StateCodecTest, DecodesToTheMachineItWasMadeOf)
{
    const fl::Setup setup = setupFor(GetParam(), "baseline");
    const std::vector<fl::Machine> machines = walk(setup, 3000, 7);
    ASSERT_GT(machines.size(), 100u);
    const fl::StateCodec codec(machines.front());
    fl::Machine decoded = machines.front();
    std::vector<std::uint8_t> code;
    for (const fl::Machine &m : machines) {
        code.clear();
        codec.encode(m, code);
        codec.decode(code.data(), code.size(), decoded);
        ASSERT_TRUE(decoded == m);
        EXPECT_EQ(fl::hashMachine(decoded), fl::hashMachine(m));
    }
}

TEST_P(StateCodecTest, EqualMachinesHaveEqualCodesAndDifferentOnesDifferentCodes)
{
    const fl::Setup setup = setupFor(GetParam(), "baseline");
    const std::vector<fl::Machine> machines = walk(setup, 2000, 11);
    const fl::StateCodec codec(machines.front());
    std::vector<std::vector<std::uint8_t>> codes;
    for (const fl::Machine &m : machines) {
        codes.emplace_back();
        codec.encode(m, codes.back());
    }
    for (std::size_t i = 0; i < machines.size(); i += 7)
        for (std::size_t j = i + 1; j < machines.size(); j += 13)
            EXPECT_EQ(machines[i] == machines[j], codes[i] == codes[j]) << i << " vs " << j;
}

TEST_P(StateCodecTest, CodesAreAFractionOfTheImage)
{
    const fl::Setup setup = setupFor(GetParam(), "baseline");
    const std::vector<fl::Machine> machines = walk(setup, 2000, 3);
    const fl::StateCodec codec(machines.front());
    std::vector<std::uint8_t> code;
    codec.encode(machines.front(), code);
    EXPECT_EQ(code.size(), codec.emptyCodeSize()) << "the start state is the base of every code";
    std::size_t total = 0;
    for (const fl::Machine &m : machines) {
        code.clear();
        total += codec.encode(m, code);
    }
    const double mean = static_cast<double>(total) / static_cast<double>(machines.size());
    EXPECT_LT(mean, static_cast<double>(codec.imageSize()) / 2) << "image " << codec.imageSize();
}

INSTANTIATE_TEST_SUITE_P(BuiltIns, StateCodecTest,
        ::testing::Values("l1", "l1-rt", "s2-storm", "s2-mixed", "w-alloc"));

TEST(StateCodec, FingerprintsDependOnEveryByteAndTheLength)
{
    // Two 32-byte chunks (the four lanes), a word and a tail of 5 bytes.
    std::vector<std::uint8_t> a(77);
    for (std::size_t i = 0; i < a.size(); ++i)
        a[i] = static_cast<std::uint8_t>(i + 1);
    std::set<std::uint64_t> seen {fl::StateCodec::fingerprint(a.data(), a.size())};
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::vector<std::uint8_t> b = a;
        b[i] ^= 0x40;
        seen.insert(fl::StateCodec::fingerprint(b.data(), b.size()));
    }
    seen.insert(fl::StateCodec::fingerprint(a.data(), a.size() - 1));
    std::vector<std::uint8_t> longer = a;
    longer.push_back(0);
    seen.insert(fl::StateCodec::fingerprint(longer.data(), longer.size()));
    EXPECT_EQ(seen.size(), a.size() + 3);
}

// Codes of neighbouring states differ in few bits. Hash compaction counts on
// a 2^-64 chance that two of them share a fingerprint; the multiply-and-shift
// mix used before gave 151 of these 295 297 codes a fingerprint of another.
TEST(StateCodec, EveryOneOrTwoBitChangeOfACodeHasItsOwnFingerprint)
{
    std::mt19937_64 random(12);
    std::vector<std::uint8_t> code(96); // three chunks of the four lanes
    for (std::uint8_t &byte : code)
        byte = static_cast<std::uint8_t>(random());
    const std::size_t bits = code.size() * 8;
    auto flip = [](std::vector<std::uint8_t> &c, std::size_t bit) {
        c[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    };
    std::unordered_set<std::uint64_t> seen {fl::StateCodec::fingerprint(code.data(), code.size())};
    std::size_t inputs = 1;
    for (std::size_t i = 0; i < bits; ++i) {
        flip(code, i);
        seen.insert(fl::StateCodec::fingerprint(code.data(), code.size()));
        ++inputs;
        for (std::size_t j = i + 1; j < bits; ++j) {
            flip(code, j);
            seen.insert(fl::StateCodec::fingerprint(code.data(), code.size()));
            ++inputs;
            flip(code, j);
        }
        flip(code, i);
    }
    EXPECT_EQ(inputs, 1 + bits + bits * (bits - 1) / 2);
    EXPECT_EQ(seen.size(), inputs);
}
