// SPDX-License-Identifier: GPL-2.0-only
#include "lassotimeline.h"

#include "timeline.h"

#include "explore/explorer.h"

std::unique_ptr<Timeline> lassoTimeline(std::shared_ptr<const fl::Setup> setup, std::uint64_t seed,
        const LassoLead &lead, const fl::ExploreResult &result)
{
    if (result.stem.empty() && result.cycle.empty())
        return nullptr;
    auto timeline = std::make_unique<Timeline>(
            std::move(setup), seed, fl::TimeModel::Untimed, lead.start);
    timeline->setTimedPrefix(lead.timedPrefix);
    for (const std::vector<fl::Choice> *part : {&lead.leadIn, &result.stem, &result.cycle})
        for (const fl::Choice &c : *part)
            if (!timeline->apply(c))
                return nullptr;
    if (result.verdict == fl::ExploreVerdict::Livelock && !result.cycle.empty()) {
        Timeline::VerdictInfo verdict;
        verdict.verdict = fl::Verdict::Livelock;
        verdict.explanation = result.explanation;
        timeline->setLasso(lead.leadIn.size() + result.stem.size(), verdict);
    }
    timeline->seek(0);
    return timeline;
}
