// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/choice.h"
#include "engine/engine.h"

#include <cstdint>

namespace fl {

// The default chooser of runs: the CPU whose clock is earliest acts next, as
// on real hardware; the seed picks among CPUs whose clocks lie within a small
// window of the earliest (the jitter of real step costs). At a pick, the
// scheduler's own order (runqueue FIFO) is kept.
class TimedChooser {
public:
    explicit TimedChooser(std::uint64_t seed, Nanos window = 300) : m_state(seed * 2 + 1), m_window(window) {}
    Choice choose(const Engine &engine, const SimState &s, const ChoiceList &enabled);

private:
    std::uint64_t next();
    std::uint64_t m_state;
    Nanos m_window;
};

} // namespace fl
