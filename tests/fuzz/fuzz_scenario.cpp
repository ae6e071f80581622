// SPDX-License-Identifier: GPL-2.0-only
// libFuzzer target: the scenario reader and the builder behind it. Bad input
// must end in a ScenarioError; anything else (a crash, a sanitizer report,
// another exception) is a finding. Run by tools/run-fuzz.sh.
#include "scenario/scenario_build.h"
#include "scenario/scenario_error.h"
#include "scenario/scenario_toml.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    try {
        const fl::ScenarioSpec spec = fl::parseScenario(text, "fuzz.toml");
        fl::buildSetup(spec);
    } catch (const fl::ScenarioError &) {
    }
    return 0;
}
