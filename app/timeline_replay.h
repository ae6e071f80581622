// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstddef>
#include <memory>

class Timeline;

namespace fl {
struct ReplayFile;
struct Setup;
} // namespace fl

// A window's run as the schedule of a replay or workspace file, and back.
// An untimed run that starts at a step of a timed run (a lasso the explorer
// found from there) is written after that run's timed choices
// (fl::ReplayFile::untimedFrom), so the file replays from the scenario's
// start as `foliolab run --replay` does.
namespace TimelineReplay {

// Fills out.choices, untimed, untimedFrom and cycleStart: the choices up to
// `end` (clamped to the recorded ones), or every recorded one for a lasso.
void write(const Timeline &timeline, std::size_t end, fl::ReplayFile &out);

// The file's schedule replayed under `setup`: the timed part in the timed
// model, then the untimed model from where it led (Engine::untimedFrom).
// Stops at the first choice that is not enabled and sets `failedAt` to its
// index in replay.choices (npos when every choice replayed); the timeline
// holds what replayed. The cycle is not marked: that is the caller's check.
std::unique_ptr<Timeline> read(std::shared_ptr<const fl::Setup> setup, const fl::ReplayFile &replay,
        std::size_t &failedAt);

constexpr std::size_t npos = static_cast<std::size_t>(-1);

} // namespace TimelineReplay
