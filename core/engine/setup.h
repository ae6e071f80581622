// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "kernel/costs.h"
#include "kernel/fixes.h"
#include "kernel/program.h"
#include "model/clocks.h"
#include "model/machine.h"
#include "scenario/scenario_spec.h"

#include <array>
#include <string>

namespace fl {

// Everything fixed for one run: the scenario, the fix set and the program it
// selects, costs, time parameters, display names and the initial state.
struct Setup {
    ScenarioSpec spec;
    FixSet fixes;
    Program program;
    CostTable costs;
    Nanos tickNs = 4'000'000;
    bool wakeupPreemption = false;
    Nanos noProgressNs = 50'000'000;
    Nanos noCompletionNs = 500'000'000;
    Nanos softLockupNs = 20'000'000'000ull;  // 2 x watchdog_thresh [I]
    Nanos hungTaskNs = 120'000'000'000ull;   // hung_task_timeout_secs [I]
    Nanos rtRuntimeNs = 950'000'000;         // sched_rt_runtime_us [I] (spec §1.1)
    Nanos rtPeriodNs = 1'000'000'000;        // sched_rt_period_us [I]
    // Workload tasks: the think time between two iterations of each task.
    std::array<Nanos, MaxTasks> taskPeriodNs{};

    std::array<std::string, MaxTasks> taskNames;
    std::array<std::string, MaxFolios> folioNames;
    std::array<std::string, MaxMms> mmNames;
    std::array<std::string, MaxGpus> gpuNames;

    Machine initial;
    Clocks initialClocks;
};

// Options that override the scenario file.
struct BuildOptions {
    std::vector<std::string> fixes; // replaces the scenario's fix list when not empty
    std::string preempt;            // "" keeps the scenario's model
    bool rtThrottling = false;      // true: switch RT throttling on whatever the scenario says
    std::string rcu = {}; // "" keeps the scenario's RCU flavour (or the model's default)
};

} // namespace fl
