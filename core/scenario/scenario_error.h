// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <stdexcept>
#include <string>

namespace fl {

// A scenario, lesson or replay file that cannot be used. what() reads
// "FILE:LINE:COLUMN: error: MESSAGE" (line and column are 1-based; 0 when
// the problem is not at a position, e.g. a missing file).
class ScenarioError : public std::runtime_error {
public:
    ScenarioError(std::string file, int line, int column, std::string message);
    const std::string &file() const { return m_file; }
    int line() const { return m_line; }
    int column() const { return m_column; }
    const std::string &message() const { return m_message; }

private:
    std::string m_file;
    int m_line;
    int m_column;
    std::string m_message;
};

} // namespace fl
