// SPDX-License-Identifier: GPL-2.0-only
#include "scenario/scenario_error.h"

namespace fl {

static std::string formatError(const std::string &file, int line, int column,
                               const std::string &message)
{
    std::string out = file;
    if (line > 0) {
        out += ':' + std::to_string(line);
        if (column > 0)
            out += ':' + std::to_string(column);
    }
    return out + ": error: " + message;
}

ScenarioError::ScenarioError(std::string file, int line, int column, std::string message)
    : std::runtime_error(formatError(file, line, column, message)), m_file(std::move(file)),
      m_line(line), m_column(column), m_message(std::move(message))
{
}

} // namespace fl
