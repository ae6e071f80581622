// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "trace/run_trace.h"

#include <map>
#include <string>

// A recorded run in the Chrome Trace Event format (JSON object form), which
// Perfetto's UI and chrome://tracing open: one track per CPU (process
// "CPUs") and per task (process "Tasks") with complete ("X") slices,
// instant events for the marks, counter tracks for failed trylocks and the
// progress counters, and the run's scenario, fixes, models and verdict as
// metadata. Timestamps are microseconds with nanosecond decimals.
namespace fl {

struct TraceMetadata {
    std::string scenario;
    std::string fixes;
    std::string preempt;
    std::string rcu;
    std::string verdict;
    std::uint64_t seed = 1;
};

std::string chromeTraceJson(const RunTrace &trace, const TraceMetadata &meta);

} // namespace fl
