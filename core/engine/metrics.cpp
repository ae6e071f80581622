// SPDX-License-Identifier: GPL-2.0-only
#include "engine/metrics.h"

#include "model/machine.h"

#include <algorithm>
#include <cmath>

namespace fl {

double percentile(std::vector<Nanos> values, double p)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const double rank = std::ceil(p / 100.0 * static_cast<double>(values.size()));
    const std::size_t index = rank < 1.0 ? 0 : static_cast<std::size_t>(rank) - 1;
    return static_cast<double>(values[std::min(index, values.size() - 1)]);
}

void Metrics::onStep(CpuId, TaskId task, std::uint16_t, Nanos cost, Nanos start)
{
    ++m_steps;
    m_end = std::max(m_end, start + cost);
    if (task != NoTask && m_perTask[task].spinning)
        m_spinCpuTime += cost;
}

void Metrics::onEvent(const Event &e)
{
    PerTask *t = e.task != NoTask ? &m_perTask[e.task] : nullptr;
    switch (e.kind) {
    case EventKind::TrylockFailed:
        ++m_trylockFailures;
        if (t) {
            ++t->trylockFailures;
            ++t->episodeSpins;
            t->spinning = true;
        }
        break;
    case EventKind::FolioLocked:
        if (t)
            t->spinning = false;
        break;
    case EventKind::HmmRetry:
        ++m_hmmRetries;
        break;
    case EventKind::FaultBegin:
        if (t) {
            t->faultStart = e.time;
            t->inFault = true;
            t->episodeSpins = 0;
        }
        break;
    case EventKind::FaultDone:
        ++m_faultsCompleted;
        if (t && t->inFault) {
            m_faultLatency.push_back(e.time - t->faultStart);
            m_spinsPerFault.push_back(t->episodeSpins);
            t->inFault = false;
            t->spinning = false;
        }
        break;
    case EventKind::Sleep:
        if (t) {
            t->spinning = false;
            const auto w = static_cast<WaitKind>(e.arg);
            t->sleeping = w != WaitKind::Start && w != WaitKind::WorkerIdle;
            t->sleepStart = e.time;
        }
        break;
    case EventKind::Wake:
        if (t && t->sleeping) {
            m_sleepTime += e.time - t->sleepStart;
            t->sleeping = false;
        }
        break;
    case EventKind::ContextSwitch:
        ++m_contextSwitches;
        break;
    case EventKind::Preempted:
        ++m_preemptions;
        break;
    case EventKind::CondReschedYield:
        ++m_condReschedYields;
        break;
    case EventKind::WorkQueued:
        ++m_workQueued;
        if (e.arg == 1)
            ++m_lcdDrainedCpus;
        m_workQueuedAt[e.cpu] = e.time;
        break;
    case EventKind::WorkDone:
        ++m_workDone;
        m_maxWorkAge = std::max(m_maxWorkAge, e.time - m_workQueuedAt[e.cpu]);
        break;
    case EventKind::DrainBegin:
        if (t)
            t->drainStart = e.time;
        break;
    case EventKind::DrainEnd:
        if (t)
            m_drainLatency.push_back(e.time - t->drainStart);
        break;
    case EventKind::MigrationBegin:
        ++m_migrationsStarted;
        break;
    case EventKind::MigrationDone:
        ++m_migrationsCompleted;
        m_migratedPages += static_cast<std::uint64_t>(e.arg);
        break;
    case EventKind::MigrationFailed:
        ++m_failedMigrations;
        if (e.arg >= 0 && e.arg < static_cast<int>(m_failReasons.size()))
            ++m_failReasons[static_cast<std::size_t>(e.arg)];
        break;
    case EventKind::SoftLockup:
        ++m_softLockups;
        break;
    case EventKind::HungTask:
        ++m_hungTasks;
        break;
    case EventKind::FolioFreed:
        ++m_folioFrees;
        break;
    case EventKind::RcuExpGpBegin:
        ++m_rcuExpGps;
        m_ipis += static_cast<std::uint64_t>(e.arg);
        if (t)
            t->rcuStart = e.time;
        break;
    case EventKind::RcuExpGpEnd:
        if (t)
            m_rcuExpLatency.push_back(e.time - t->rcuStart);
        break;
    case EventKind::BackoffRestart:
        ++m_backoffRestarts;
        break;
    case EventKind::UseAfterFree:
        ++m_useAfterFree;
        break;
    case EventKind::RtThrottled:
        ++m_rtThrottles;
        break;
    case EventKind::RefcountWait:
        ++m_refcountWaits;
        break;
    default:
        break;
    }
}

std::map<std::string, double> Metrics::summary() const
{
    auto us = [](double ns) { return ns / 1000.0; };
    std::map<std::string, double> out;
    out["steps"] = static_cast<double>(m_steps);
    out["trylock_failures"] = static_cast<double>(m_trylockFailures);
    out["hmm_retries"] = static_cast<double>(m_hmmRetries);
    out["faults_completed"] = static_cast<double>(m_faultsCompleted);
    double spins = 0;
    for (std::uint64_t s : m_spinsPerFault)
        spins += static_cast<double>(s);
    out["spins_per_fault"] = m_spinsPerFault.empty()
                                 ? static_cast<double>(m_trylockFailures)
                                 : spins / static_cast<double>(m_spinsPerFault.size());
    out["fault_latency_p50_us"] = us(percentile(m_faultLatency, 50));
    out["fault_latency_p99_us"] = us(percentile(m_faultLatency, 99));
    out["spin_cpu_time_us"] = us(static_cast<double>(m_spinCpuTime));
    out["sleep_time_us"] = us(static_cast<double>(m_sleepTime));
    out["drain_calls_completed"] = static_cast<double>(m_drainLatency.size());
    out["drain_latency_p50_us"] = us(percentile(m_drainLatency, 50));
    out["drain_latency_p99_us"] = us(percentile(m_drainLatency, 99));
    out["drain_work_queued"] = static_cast<double>(m_workQueued);
    out["drain_work_done"] = static_cast<double>(m_workDone);
    out["max_pending_work_age_us"] = us(static_cast<double>(m_maxWorkAge));
    out["migrations_started"] = static_cast<double>(m_migrationsStarted);
    out["migrations_completed"] = static_cast<double>(m_migrationsCompleted);
    out["migrated_pages"] = static_cast<double>(m_migratedPages);
    out["failed_migrations"] = static_cast<double>(m_failedMigrations);
    out["fail_nothing_collected"] = static_cast<double>(m_failReasons[0]);
    out["fail_trylock_in_collect"] = static_cast<double>(m_failReasons[1]);
    out["fail_isolate"] = static_cast<double>(m_failReasons[2]);
    out["fail_refcount_check"] = static_cast<double>(m_failReasons[3]);
    out["fail_migrate_mapping"] = static_cast<double>(m_failReasons[4]);
    out["fail_partial_collect"] = static_cast<double>(m_failReasons[5]);
    out["context_switches"] = static_cast<double>(m_contextSwitches);
    out["preemptions"] = static_cast<double>(m_preemptions);
    out["cond_resched_yields"] = static_cast<double>(m_condReschedYields);
    out["soft_lockups"] = static_cast<double>(m_softLockups);
    out["hung_tasks"] = static_cast<double>(m_hungTasks);
    out["rcu_exp_gp_count"] = static_cast<double>(m_rcuExpGps);
    out["rcu_exp_gp_latency_p50_us"] = us(percentile(m_rcuExpLatency, 50));
    out["rcu_exp_gp_latency_p99_us"] = us(percentile(m_rcuExpLatency, 99));
    out["ipis_sent"] = static_cast<double>(m_ipis);
    // lru_cache_disable()'s forced drains: the CPUs that had something to
    // drain, in all and per call (one expedited grace period per call).
    out["lcd_drained_cpus"] = static_cast<double>(m_lcdDrainedCpus);
    out["lcd_drained_cpus_per_call"] = m_rcuExpGps == 0
            ? 0.0
            : static_cast<double>(m_lcdDrainedCpus) / static_cast<double>(m_rcuExpGps);
    out["backoff_restarts"] = static_cast<double>(m_backoffRestarts);
    out["hazard_use_after_free"] = static_cast<double>(m_useAfterFree);
    out["rt_throttle_events"] = static_cast<double>(m_rtThrottles);
    out["refcount_waits"] = static_cast<double>(m_refcountWaits);
    // The W workload's figure of merit (spec §5.1): GPU and CPU faults served
    // plus migrations completed, per virtual second.
    out["throughput_per_s"] = m_end == 0 ? 0.0
                                         : static_cast<double>(m_faultsCompleted
                                                               + m_migrationsCompleted)
                                               / (static_cast<double>(m_end) / 1e9);
    return out;
}

} // namespace fl
