// SPDX-License-Identifier: GPL-2.0-only
#include "io/atomic_write.h"

#include "scenario/scenario_error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace fl {

void writeFileAtomically(const std::string &path, std::string_view text)
{
    const std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            throw ScenarioError(path, 0, 0,
                                std::string("cannot write the file: ") + std::strerror(errno));
        out << text;
        out.flush();
        if (!out) {
            std::remove(temporary.c_str());
            throw ScenarioError(path, 0, 0, "cannot write the file (disk full?)");
        }
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        std::remove(temporary.c_str());
        throw ScenarioError(path, 0, 0, "cannot replace the file: " + reason);
    }
}

} // namespace fl
