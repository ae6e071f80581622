// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/chooser.h"
#include "engine/engine.h"
#include "engine/explain.h"
#include "engine/runner.h"
#include "engine/setup.h"
#include "engine/stuck_detector.h"
#include "trace/run_trace.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

// One recorded run that can be walked in both directions: the choices taken
// from the initial state, what each step did (for plots and for comparing two
// runs), checkpoints of the whole state every CheckpointInterval steps, and the
// verdict once the detectors gave one. No Qt: a plain value, so a worker thread
// can extend a copy and hand it back.
//
// Jumping to step n restores the nearest checkpoint at or before n and
// re-applies at most CheckpointInterval - 1 recorded choices.
class Timeline
{
public:
    static constexpr std::size_t CheckpointInterval = 256;

    // What the plots and the divergence check need of one applied step.
    // Counters are cumulative since the initial state.
    struct Sample
    {
        fl::Nanos time = 0; // the acting CPU's clock after the step
        std::uint16_t step = 0; // StepReport::step
        fl::CpuId cpu = fl::NoCpu;
        fl::TaskId task = fl::NoTask;
        std::uint32_t faulterTrylockFailures = 0; // of the hmm_range_fault callers (T)
        std::uint32_t faultsDone = 0;
        std::uint32_t migrationsDone = 0;
        std::uint32_t drainWorkDone = 0;
        fl::Nanos drainAge = 0; // age of the oldest lru_add_drain_all() in flight
    };

    struct VerdictInfo
    {
        fl::Verdict verdict = fl::Verdict::Limit;
        std::size_t step = 0; // position at which the detectors decided
        fl::Explanation explanation;
    };

    // Untimed (the explorer's model, engine.h): ticks and timers are choices
    // and clocks decide nothing, so the time-based stuck detector stays off;
    // a lasso (setLasso) gives the verdict instead.
    Timeline(std::shared_ptr<const fl::Setup> setup, std::uint64_t seed,
            fl::TimeModel time = fl::TimeModel::Timed);
    //! Starting from `start` (a state reached by stepping) instead of the
    //! scenario's initial state: for a lasso the explorer found from there.
    Timeline(std::shared_ptr<const fl::Setup> setup, std::uint64_t seed, fl::TimeModel time,
            const fl::SimState &start);

    [[nodiscard]] const fl::Setup &setup() const { return *m_setup; }
    [[nodiscard]] std::shared_ptr<const fl::Setup> sharedSetup() const { return m_setup; }
    [[nodiscard]] fl::Engine engine() const { return fl::Engine(*m_setup, m_time); }
    [[nodiscard]] fl::TimeModel timeModel() const { return m_time; }
    [[nodiscard]] std::uint64_t seed() const { return m_seed; }

    [[nodiscard]] std::size_t position() const { return m_position; }
    //! Steps recorded; position() <= length(). Beyond position is the "future"
    //! that stepping forward (or a jump) replays.
    [[nodiscard]] std::size_t length() const { return m_choices.size(); }
    [[nodiscard]] const fl::SimState &state() const { return m_now.state; }
    [[nodiscard]] const std::vector<fl::Choice> &choices() const { return m_choices; }
    [[nodiscard]] const std::vector<Sample> &samples() const { return m_samples; }
    //! The recorded run over time (slices per CPU and per task, marks), fed
    //! as steps are recorded, so a view draws it without re-walking steps.
    //! Covers choices()[0, trace().steps()); always the whole recorded run.
    [[nodiscard]] const fl::RunTrace &trace() const { return *m_trace.trace; }
    //! The verdict of the recorded run, whether or not position() reached it.
    [[nodiscard]] const std::optional<VerdictInfo> &verdict() const { return m_verdict; }
    //! The verdict if position() is at or past the step where it was given.
    [[nodiscard]] const VerdictInfo *verdictHere() const;

    [[nodiscard]] fl::ChoiceList enabled() const;
    //! What step() would apply now: the recorded choice if there is a future
    //! and it is enabled, else the timed chooser's pick.
    [[nodiscard]] std::optional<fl::Choice> nextChoice() const;

    //! Applies nextChoice(); false when nothing is enabled.
    bool step(fl::StepReport *report = nullptr);
    //! Applies `choice` (must be enabled). Taking a choice other than the
    //! recorded one drops the recorded future and any verdict it held.
    bool apply(fl::Choice choice, fl::StepReport *report = nullptr);
    //! Moves to step `n` (clamped to length()), keeping the recorded run.
    void seek(std::size_t n);
    //! The state at step `n` (clamped to length()) without moving: from the
    //! nearest checkpoint, for views that describe recorded steps (the step log).
    [[nodiscard]] fl::SimState stateAt(std::size_t n) const;
    //! Back to the initial state with nothing recorded.
    void clear();
    //! Steps until a verdict or `maxSteps` more steps; returns steps taken.
    std::size_t runToVerdict(std::size_t maxSteps);

    //! Marks the recorded run as a lasso: the choices from `cycleStart` to the
    //! end lead back to the state at `cycleStart` (the explorer's livelock,
    //! checked by fl::replayUntimed). Stepping at the end then goes round the
    //! cycle again instead of recording more, and `verdict` holds from
    //! `cycleStart` on. A new choice that leaves the lasso drops it.
    void setLasso(std::size_t cycleStart, VerdictInfo verdict);
    //! Where the cycle starts (an index into choices()), if this is a lasso.
    [[nodiscard]] std::optional<std::size_t> cycleStart() const { return m_cycleStart; }
    //! The timed run's choices from the scenario's initial state to this
    //! timeline's start, for an untimed timeline that starts at a step of a
    //! timed run (a lasso the explorer found from there); empty when it
    //! starts at the initial state. A replay or workspace file writes them
    //! first (fl::ReplayFile::untimedFrom), so it replays from the start.
    [[nodiscard]] const std::vector<fl::Choice> &timedPrefix() const { return m_timedPrefix; }
    void setTimedPrefix(std::vector<fl::Choice> choices) { m_timedPrefix = std::move(choices); }
    //! Times the cycle was gone round again since the lasso was set.
    [[nodiscard]] std::size_t laps() const { return m_laps; }

    //! Re-runs `choices` under this timeline's setup from the initial state:
    //! each recorded choice while it is enabled and executes the same step as
    //! `samples` says, then the timed chooser until a verdict or `maxSteps`.
    //! Returns the first index where the runs diverge, or nullopt when the
    //! whole recorded list replayed the same way.
    std::optional<std::size_t> replay(const std::vector<fl::Choice> &choices,
            const std::vector<Sample> &samples, std::size_t maxSteps);

private:
    // Stuck detection (the core's, shared with foliolab run), kept beside the
    // state so checkpoints restore it too.
    struct Tracker
    {
        fl::StuckDetector detector;
        Sample counters; // cumulative counters of the last step
        std::array<fl::Nanos, fl::MaxTasks> drainStart {}; // 0: not draining
    };
    struct Point
    {
        fl::SimState state;
        fl::TimedChooser chooser;
        Tracker tracker;
    };

    // The trace is a value of the timeline (a worker extends a copy), but
    // RunTrace refers to the setup and cannot be assigned: held by pointer,
    // copied deeply.
    struct TraceHolder
    {
        explicit TraceHolder(const fl::Setup &setup)
            : trace(std::make_unique<fl::RunTrace>(setup))
        { }
        TraceHolder(const TraceHolder &o)
            : trace(std::make_unique<fl::RunTrace>(*o.trace))
        { }
        TraceHolder &operator=(const TraceHolder &o)
        {
            trace = std::make_unique<fl::RunTrace>(*o.trace);
            return *this;
        }
        std::unique_ptr<fl::RunTrace> trace;
    };

    void applyHere(fl::Choice choice, fl::StepReport *report);
    // Records the trace again from the initial state up to m_choices.size()
    // (after the recorded future was cut): once per cut, not per paint.
    void rebuildTrace();
    void truncateFuture();
    void detect(const fl::Engine &engine, fl::Choice choice);

    std::shared_ptr<const fl::Setup> m_setup;
    std::uint64_t m_seed;
    fl::TimeModel m_time = fl::TimeModel::Timed;
    std::optional<std::size_t> m_cycleStart;
    std::size_t m_laps = 0;
    std::vector<fl::Choice> m_choices;
    std::vector<fl::Choice> m_timedPrefix;
    std::vector<Sample> m_samples;
    std::vector<Point> m_checkpoints; // m_checkpoints[i] is the point at i * interval
    Point m_now;
    std::size_t m_position = 0;
    std::optional<VerdictInfo> m_verdict;
    TraceHolder m_trace;
};
