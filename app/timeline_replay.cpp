// SPDX-License-Identifier: GPL-2.0-only
#include "timeline_replay.h"

#include "timeline.h"

#include "replay/replay_file.h"

#include <algorithm>

namespace TimelineReplay {

void write(const Timeline &timeline, std::size_t end, fl::ReplayFile &out)
{
    const std::vector<fl::Choice> &prefix = timeline.timedPrefix();
    const std::vector<fl::Choice> &choices = timeline.choices();
    // A lasso is kept whole: cut at the current step it would no longer be one.
    const std::size_t count
            = timeline.cycleStart() ? choices.size() : std::min(end, choices.size());
    out.untimed = timeline.timeModel() == fl::TimeModel::Untimed;
    out.untimedFrom = out.untimed ? static_cast<std::int64_t>(prefix.size()) : 0;
    out.choices = out.untimed ? prefix : std::vector<fl::Choice> {};
    out.choices.insert(out.choices.end(), choices.begin(),
            choices.begin() + static_cast<std::ptrdiff_t>(count));
    out.cycleStart = out.untimed && timeline.cycleStart()
            ? out.untimedFrom + static_cast<std::int64_t>(*timeline.cycleStart())
            : -1;
}

std::unique_ptr<Timeline> read(
        std::shared_ptr<const fl::Setup> setup, const fl::ReplayFile &replay, std::size_t &failedAt)
{
    failedAt = npos;
    const std::size_t prefix = replay.untimed
            ? std::min(static_cast<std::size_t>(std::max<std::int64_t>(replay.untimedFrom, 0)),
                    replay.choices.size())
            : 0;
    std::unique_ptr<Timeline> timeline;
    if (prefix == 0) {
        timeline = std::make_unique<Timeline>(
                setup, replay.seed, replay.untimed ? fl::TimeModel::Untimed : fl::TimeModel::Timed);
    } else {
        // The timed run's part, in its own model; on a mismatch the window
        // shows that timed run up to where it stopped.
        auto timed = std::make_unique<Timeline>(setup, replay.seed, fl::TimeModel::Timed);
        for (std::size_t i = 0; i < prefix; ++i)
            if (!timed->apply(replay.choices[i])) {
                failedAt = i;
                return timed;
            }
        timeline = std::make_unique<Timeline>(setup, replay.seed, fl::TimeModel::Untimed,
                fl::Engine(*setup, fl::TimeModel::Untimed).untimedFrom(timed->state()));
        timeline->setTimedPrefix({replay.choices.begin(),
                replay.choices.begin() + static_cast<std::ptrdiff_t>(prefix)});
    }
    for (std::size_t i = prefix; i < replay.choices.size(); ++i)
        if (!timeline->apply(replay.choices[i])) {
            failedAt = i;
            break;
        }
    return timeline;
}

} // namespace TimelineReplay
