// SPDX-License-Identifier: GPL-2.0-only
// libFuzzer target: the lesson reader (goals, predicates, actions and an
// inline or named scenario). Only a ScenarioError may come out.
#include "lesson/lesson_toml.h"
#include "scenario/scenario_error.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    try {
        // A scenario named by path resolves against an empty folder.
        fl::parseLesson(text, "fuzz.toml", "/nonexistent-foliolab-fuzz");
    } catch (const fl::ScenarioError &) {
    }
    return 0;
}
