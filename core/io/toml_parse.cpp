// SPDX-License-Identifier: GPL-2.0-only
#include "io/toml_parse.h"

#include "io/toml_prescan.h"
#include "scenario/scenario_error.h"

namespace fl {

toml::table parseTomlText(std::string_view text, const std::string &sourceName)
{
    checkTomlShape(text, sourceName);
    try {
        return toml::parse(text, sourceName);
    } catch (const toml::parse_error &error) {
        failAt(sourceName, error.source(), std::string(error.description()));
    }
}

void failAt(const std::string &file, const toml::source_region &where, const std::string &message)
{
    throw ScenarioError(file, static_cast<int>(where.begin.line),
            static_cast<int>(where.begin.column), message);
}

} // namespace fl
