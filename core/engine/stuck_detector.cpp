// SPDX-License-Identifier: GPL-2.0-only
#include "engine/stuck_detector.h"

#include "engine/waitfor.h"

#include <cstdio>

namespace fl {

const char *verdictName(Verdict v)
{
    switch (v) {
    case Verdict::Livelock: return "LIVELOCK";
    case Verdict::Deadlock: return "DEADLOCK";
    case Verdict::Completed: return "COMPLETED";
    case Verdict::Limit: return "LIMIT";
    }
    return "?";
}

bool allWorkDone(const Machine &m)
{
    for (int i = 0; i < m.taskCount; ++i)
        if (m.tasks[i].role != Role::Kworker && m.tasks[i].state != TaskState::Done)
            return false;
    return true;
}

static std::string formatMs(Nanos ns)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f ms", static_cast<double>(ns) / 1e6);
    return buf;
}

Explanation explainState(const Setup &setup, const Machine &m, const std::string &lead,
                         const FolioLives *lives)
{
    Explanation x;
    x.graph = buildWaitForGraph(setup, m, lives);
    x.cycle = findCycle(x.graph);
    x.summary = lead;
    const auto &edges = x.cycle.empty() ? x.graph : x.cycle;
    for (std::size_t i = 0; i < edges.size(); ++i)
        x.summary += (i == 0 ? " " : "; ") + edges[i].label;
    if (!edges.empty())
        x.summary += '.';
    return x;
}

std::optional<VerdictReached> StuckDetector::afterStep(const Setup &setup, const Machine &m,
                                                       Nanos now, Nanos maxTime,
                                                       const FolioLives *lives)
{
    if (allWorkDone(m))
        return VerdictReached{Verdict::Completed, {"Every fault and migration completed.", {}, {}}};
    if (now != m_lastNow || m_stillSteps == 0) {
        m_lastNow = now;
        m_stillSteps = 1;
    } else if (++m_stillSteps >= StillLimit) {
        return VerdictReached {Verdict::Limit,
                {"Virtual time stood still for " + std::to_string(StillLimit) + " steps at "
                                + formatMs(now)
                                + ": the steps being taken cost 0 ns (the scenario's [costs]), so "
                                  "no time-based verdict can come. Give them at least 1 ns.",
                        {}, {}}};
    }
    if (m_hunting == 0) {
        if (now > m_lastProgress + setup.noProgressNs)
            m_stuckLead = "No progress for " + formatMs(now - m_lastProgress) + ":";
        else if (now > m_lastCompletion + setup.noCompletionNs)
            m_stuckLead = "No fault or migration completed in "
                          + formatMs(now - m_lastCompletion)
                          + ", though folios keep being locked and unlocked:";
        if (!m_stuckLead.empty())
            m_hunting = 1;
    }
    if (m_hunting > 0) {
        Explanation x = explainState(setup, m, m_stuckLead, lives);
        if (!x.cycle.empty() || m_hunting++ > HuntLimit)
            return VerdictReached{Verdict::Livelock, std::move(x)};
    }
    if (now > maxTime)
        return VerdictReached{
            Verdict::Limit, {"The virtual time limit was reached before a verdict.", {}, {}}};
    return std::nullopt;
}

VerdictReached StuckDetector::noChoice(const Setup &setup, const Machine &m,
                                       const FolioLives *lives)
{
    if (allWorkDone(m))
        return {Verdict::Completed, {"Every fault and migration completed.", {}, {}}};
    return {Verdict::Deadlock,
            explainState(setup, m, "Nothing can run, yet tasks are still waiting:", lives)};
}

} // namespace fl
