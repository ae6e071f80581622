// SPDX-License-Identifier: GPL-2.0-only
// libFuzzer target: the workspace reader (its [run] table goes through the
// replay reader), and its writer on what it read: everything FolioLab
// writes it must read back, so a difference aborts.
#include "scenario/scenario_error.h"
#include "workspace/workspace_file.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    fl::WorkspaceFile workspace;
    try {
        workspace = fl::parseWorkspace(text, "fuzz.flws");
    } catch (const fl::ScenarioError &) {
        return 0;
    }
    if (!(fl::parseWorkspace(fl::serialiseWorkspace(workspace), "again.flws") == workspace))
        std::abort();
    return 0;
}
