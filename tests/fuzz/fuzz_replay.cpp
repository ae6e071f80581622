// SPDX-License-Identifier: GPL-2.0-only
// libFuzzer target: the replay reader, and its writer on what it read
// (everything FolioLab writes it must read back: a difference aborts).
#include "replay/replay_file.h"
#include "scenario/scenario_error.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    fl::ReplayFile replay;
    try {
        replay = fl::parseReplay(text, "fuzz.flab");
    } catch (const fl::ScenarioError &) {
        return 0;
    }
    if (!(fl::parseReplay(fl::serialiseReplay(replay), "again.flab") == replay))
        std::abort();
    return 0;
}
