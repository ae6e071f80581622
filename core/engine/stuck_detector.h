// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/events.h"
#include "engine/explain.h"
#include "engine/folio_names.h"
#include "engine/setup.h"
#include "engine/verdict.h"
#include "model/machine.h"

#include <optional>
#include <string>

// The verdict rules of a timed run, applied step by step. runToVerdict, the
// window's timeline and the lesson player all use this one class, so they
// agree on the verdict and on the step it comes at.
namespace fl {

// Every task but the kworkers has finished.
bool allWorkDone(const Machine &m);
// The wait-for graph of `m`, its cycle, and a summary: `lead` then the
// cycle's edges (or every edge when there is no cycle) in words.
// `lives` (the run's, when known) names reallocated folio slots afresh.
Explanation explainState(const Setup &setup, const Machine &m, const std::string &lead,
                         const FolioLives *lives = nullptr);

struct VerdictReached {
    Verdict verdict = Verdict::Limit;
    Explanation explanation;
};

class StuckDetector {
public:
    // Once stuck, how many more steps to look for a state that shows the
    // cycle (a storm's participants are not all waiting at every instant).
    static constexpr std::uint64_t HuntLimit = 20000;
    // Steps in a row that end at the same virtual time before the run stops
    // with LIMIT: with costs of 0 ns time stands still, and the time-based
    // rules below would never decide (a 200 M-step spin). Real costs move a
    // stepping CPU's clock on every step.
    static constexpr std::uint64_t StillLimit = 1'000'000;

    // Progress and completion times, from every event of the run.
    void onEvent(const Event &e)
    {
        if (isProgress(e) && e.time > m_lastProgress)
            m_lastProgress = e.time;
        if (isCompletion(e) && e.time > m_lastCompletion)
            m_lastCompletion = e.time;
    }
    // After a step that ended at virtual time `now`: COMPLETED when all work
    // is done, LIVELOCK when no progress (or no completion) came for the
    // setup's thresholds and a state showing why was found, LIMIT past
    // `maxTime` or after StillLimit steps at one instant; nothing yet
    // otherwise.
    std::optional<VerdictReached> afterStep(const Setup &setup, const Machine &m, Nanos now,
                                            Nanos maxTime, const FolioLives *lives = nullptr);
    // When no choice is enabled: COMPLETED or DEADLOCK.
    static VerdictReached noChoice(const Setup &setup, const Machine &m,
                                   const FolioLives *lives = nullptr);

    Nanos lastProgress() const { return m_lastProgress; }
    Nanos lastCompletion() const { return m_lastCompletion; }

private:
    Nanos m_lastProgress = 0;
    Nanos m_lastCompletion = 0;
    std::uint64_t m_hunting = 0;
    Nanos m_lastNow = 0;
    std::uint64_t m_stillSteps = 0;
    std::string m_stuckLead;
};

} // namespace fl
