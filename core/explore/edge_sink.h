// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/events.h"
#include "explore/state_graph.h"

#include <cstdint>

namespace fl {

// What a step shows the explorer's verdicts: whether it completed a fault or
// migration and whether it fired a hazard (the edge flags of state_graph.h).
class EdgeSink final : public EventSink
{
public:
    void onEvent(const Event &e) override
    {
        if (isCompletion(e))
            flags |= EdgeCompletes;
        if (isHazard(e)) {
            flags |= EdgeHazard;
            hazard = e;
        }
    }
    void onStep(CpuId, TaskId, std::uint16_t, Nanos, Nanos) override { }
    std::uint16_t flags = 0;
    Event hazard;
};

} // namespace fl
