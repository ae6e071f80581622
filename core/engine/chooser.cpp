// SPDX-License-Identifier: GPL-2.0-only
#include "engine/chooser.h"

#include <limits>

namespace fl {

std::uint64_t TimedChooser::next()
{
    // splitmix64: small, fast and the same on every platform.
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

Choice TimedChooser::choose(const Engine &engine, const SimState &s, const ChoiceList &enabled)
{
    Nanos earliest = std::numeric_limits<Nanos>::max();
    for (const Choice &c : enabled)
        earliest = std::min(earliest, engine.nextEventTime(s, c.cpu));
    // One candidate per CPU (the first listed is the scheduler's preference).
    std::array<Choice, MaxCpus> near{};
    int count = 0;
    CpuId last = NoCpu;
    for (const Choice &c : enabled) {
        if (c.cpu == last)
            continue;
        last = c.cpu;
        if (engine.nextEventTime(s, c.cpu) <= earliest + m_window)
            near[static_cast<std::size_t>(count++)] = c;
    }
    if (count <= 1)
        return near[0];
    return near[static_cast<std::size_t>(next() % static_cast<std::uint64_t>(count))];
}

} // namespace fl
