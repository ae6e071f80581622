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
    // One candidate per CPU (the first listed is the scheduler's preference).
    std::array<Choice, MaxCpus> perCpu{};
    std::array<Nanos, MaxCpus> when{};
    int cpus = 0;
    Nanos earliest = std::numeric_limits<Nanos>::max();
    CpuId last = NoCpu;
    for (const Choice &c : enabled) {
        if (c.cpu == last)
            continue;
        last = c.cpu;
        perCpu[static_cast<std::size_t>(cpus)] = c;
        when[static_cast<std::size_t>(cpus)] = engine.nextEventTime(s, c.cpu);
        earliest = std::min(earliest, when[static_cast<std::size_t>(cpus)]);
        ++cpus;
    }
    std::array<Choice, MaxCpus> near{};
    int count = 0;
    for (int i = 0; i < cpus; ++i)
        if (when[static_cast<std::size_t>(i)] <= earliest + m_window)
            near[static_cast<std::size_t>(count++)] = perCpu[static_cast<std::size_t>(i)];
    if (count <= 1)
        return near[0];
    return near[static_cast<std::size_t>(next() % static_cast<std::uint64_t>(count))];
}

} // namespace fl
