// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Reading and writing the project's small text files (scenarios, lessons,
// replays) so that no input can hang or exhaust the process and no save can
// lose a file. Failures throw ScenarioError at position 0:0 of the file.
namespace fl {

// A scenario or lesson file is a few kilobytes; anything beyond this is a
// mistake (or /dev/zero behind a symlink), refused before it is read.
inline constexpr std::size_t MaxInputFileBytes = 4u << 20;
// A replay holds a run's every choice (about 9 bytes each: l1's 533 000-step
// run is 4.8 MB). toml++ takes about 270 bytes of memory per choice, so 8 MiB
// (some 900 000 choices) parses in about 250 MB; saveReplay() refuses to
// write more, so every replay FolioLab writes it can read.
inline constexpr std::size_t MaxReplayFileBytes = 8u << 20;

// The text of the regular file `path`, at most `maxBytes`. Devices, FIFOs,
// sockets and directories are refused without reading (a FIFO is opened
// non-blocking, so no writer is waited for). `missingHint` is appended to
// the message when the file does not exist.
std::string readInputFile(const std::string &path, const std::string &missingHint = {},
        std::size_t maxBytes = MaxInputFileBytes);

// Replaces `path` with `contents` atomically: a uniquely named temporary file
// in the target's directory, written, fsynced and renamed over the target,
// then the directory fsynced. A symlink is written through (its target is
// replaced, the link stays); an existing file keeps its permission bits; a
// target that exists and is not a regular file is refused.
void writeFileAtomically(const std::string &path, std::string_view contents);

} // namespace fl
