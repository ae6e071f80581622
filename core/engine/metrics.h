// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "engine/events.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace fl {

// The metrics of spec §5.1, recorded from the events beside the state and
// never part of it. summary() gives them by name (the names are the
// command line's and the JSON's).
class Metrics final : public EventSink {
public:
    void onEvent(const Event &e) override;
    void onStep(CpuId cpu, TaskId task, std::uint16_t step, Nanos cost, Nanos start) override;

    std::map<std::string, double> summary() const;

    std::uint64_t steps() const { return m_steps; }
    std::uint64_t trylockFailures() const { return m_trylockFailures; }
    std::uint64_t trylockFailuresOf(TaskId t) const { return m_perTask[t].trylockFailures; }
    std::uint64_t faultsCompleted() const { return m_faultsCompleted; }
    std::uint64_t failedMigrations() const { return m_failedMigrations; }
    std::uint64_t migrationsCompleted() const { return m_migrationsCompleted; }
    std::uint64_t drainWorkDone() const { return m_workDone; }
    const std::vector<Nanos> &faultLatencies() const { return m_faultLatency; }
    const std::vector<std::uint64_t> &spinsPerFault() const { return m_spinsPerFault; }

private:
    struct PerTask {
        std::uint64_t trylockFailures = 0;
        std::uint64_t episodeSpins = 0;
        Nanos faultStart = 0;
        bool inFault = false;
        bool spinning = false;
        Nanos sleepStart = 0;
        bool sleeping = false;
        Nanos drainStart = 0;
        Nanos rcuStart = 0;
    };
    std::array<PerTask, MaxTasks> m_perTask{};
    std::array<Nanos, MaxCpus> m_workQueuedAt{};
    std::uint64_t m_steps = 0;
    std::uint64_t m_trylockFailures = 0;
    std::uint64_t m_hmmRetries = 0;
    std::uint64_t m_faultsCompleted = 0;
    std::uint64_t m_migrationsStarted = 0;
    std::uint64_t m_migrationsCompleted = 0;
    std::uint64_t m_migratedPages = 0;
    std::uint64_t m_failedMigrations = 0;
    std::array<std::uint64_t, 6> m_failReasons {};
    std::uint64_t m_contextSwitches = 0;
    std::uint64_t m_preemptions = 0;
    std::uint64_t m_condReschedYields = 0;
    std::uint64_t m_workQueued = 0;
    std::uint64_t m_workDone = 0;
    std::uint64_t m_softLockups = 0;
    std::uint64_t m_hungTasks = 0;
    std::uint64_t m_folioFrees = 0;
    std::uint64_t m_rcuExpGps = 0;
    std::uint64_t m_ipis = 0;
    std::uint64_t m_lcdDrainedCpus = 0; // drain work queued by lru_cache_disable()
    std::uint64_t m_backoffRestarts = 0;
    std::uint64_t m_useAfterFree = 0;
    std::uint64_t m_rtThrottles = 0;
    std::uint64_t m_refcountWaits = 0;
    Nanos m_end = 0; // virtual time of the last step's end
    std::vector<Nanos> m_rcuExpLatency;
    Nanos m_spinCpuTime = 0;
    Nanos m_sleepTime = 0;
    Nanos m_maxWorkAge = 0;
    std::vector<Nanos> m_faultLatency;
    std::vector<Nanos> m_drainLatency;
    std::vector<std::uint64_t> m_spinsPerFault;
};

// The p-th percentile (0..100) of `values`, nearest-rank; 0 when empty.
double percentile(std::vector<Nanos> values, double p);

} // namespace fl
