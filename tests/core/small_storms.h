// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <string>

// Storms small enough for the explorer to search completely: `faulters` CPU
// faulters, one per CPU, on one device page of mm A, with an Xe-like driver
// or one that takes a mutex in migrate_to_ram. The mechanisms are those of
// s2-storm and s2-storm-mutex, with two or three faulters instead of eight.
namespace fl::test {

inline std::string smallStorm(int faulters, bool driverMutex = false)
{
    std::string text = "name = \"s2-" + std::to_string(faulters) + "\"\n"
                       "title = \"small storm\"\n"
                       "description = \"CPU faulters on one device page\"\n"
                       "fixes = [\"baseline\"]\n"
                       "[machine]\n"
                       "cpus = " + std::to_string(faulters) + "\n"
                       "preempt = \"voluntary\"\n"
                       "[[gpu]]\n"
                       "name = \"GPU-1\"\n"
                       "owner = \"xe-pagemap\"\n"
                       "driver = \"" + std::string(driverMutex ? "mutex" : "xe") + "\"\n"
                       "[[mm]]\n"
                       "name = \"A\"\n"
                       "mirror_owner = \"\"\n"
                       "[[folio]]\n"
                       "name = \"D\"\n"
                       "kind = \"device-private\"\n"
                       "gpu = \"GPU-1\"\n"
                       "[[mapping]]\n"
                       "mm = \"A\"\n"
                       "va = 0\n"
                       "folio = \"D\"\n";
    for (int i = 0; i < faulters; ++i) {
        const std::string n = std::to_string(i);
        text += "[[folio]]\nname = \"R" + n + "\"\nfree = true\n";
        text += "[[task]]\nname = \"F" + n + "\"\nrole = \"cpu-faulter\"\ncpu = " + n
                + "\nmm = \"A\"\nrange = [0, 1]\n";
    }
    return text;
}

} // namespace fl::test
