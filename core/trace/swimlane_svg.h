// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "trace/chrome_trace.h"
#include "trace/run_trace.h"

#include <string>

// The swimlanes of a recorded run as an SVG picture, drawn headless for a
// mail or a bug report: a lane per CPU (who ran, doing what), a lane per
// task (running, spinning, runnable, asleep and on what, in words), the
// marks, a density strip of failed trylocks, and a legend in words. Slices
// narrower than a pixel are merged per pixel column, so the picture stays
// small whatever the run's length.
namespace fl {

std::string swimlaneSvg(const RunTrace &trace, const TraceMetadata &meta, int width = 1600);

} // namespace fl
