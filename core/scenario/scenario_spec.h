// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

// A scenario as written by a person: names instead of ids, every field
// already validated for type and range by the parser (scenario_toml.h). The
// builder (scenario_build.h) turns it into the initial Machine.
namespace fl {

struct GpuSpec {
    std::string name;
    std::string owner;            // pgmap owner cookie; GPUs with one owner may migrate between them
    std::string driver = "xe";    // "xe" (no driver mutex) or "mutex" (Nouveau/amdkfd-like)
};

struct MmSpec {
    std::string name;
    std::string mirrorOwner; // owner cookie of the interval notifier's driver ("" = none)
    // The mirror skips MMU_NOTIFY_MIGRATE invalidations whose owner is its
    // own (test_hmm, nouveau); drm_gpusvm's notifier does not (the default).
    bool mirrorSkipsOwnMigrations = false;
};

struct FolioSpec {
    std::string name;
    std::string kind = "system";  // "system" | "device-private"
    std::string gpu;              // device-private: the GPU whose VRAM holds it
    std::string location = "lru"; // system: "lru" | "batch" | "none"
    int batchCpu = -1;            // location == "batch"
    bool free = false;            // a free page in the pool (RAM or the GPU's VRAM)
    int line = 0, column = 0; // where the file names it, for the builder's messages
};

struct MappingSpec {
    std::string mm;
    int va = 0;
    std::string folio; // present for system folios, device-private entry otherwise
};

struct TaskSpec {
    std::string name;
    std::string role;              // "hmm-faulter" | "cpu-faulter" | "migrator" | "drainer"
    int cpu = 0;
    std::string schedClass = "fair"; // "fair" | "fifo" | "rr"
    int priority = 0;              // 1..99 for fifo / rr
    std::string mm;                // faulters and migrators
    int rangeStart = 0;            // first page of the range
    int rangeEnd = 1;              // one past the last page
    std::string owner;             // hmm-faulter: dev_private_owner cookie ("" = NULL owner)
    std::string targetGpu;         // migrator: the GPU to migrate into
    std::int64_t startNs = 0;
    int repeat = 0;                // workload: run the job this many more times
    std::int64_t periodNs = 0;     // workload: think time before each repetition
};

struct DetectorSpec {
    double noProgressMs = 50.0;    // LIVELOCK: no progress event for this long while a CPU is busy
    double noCompletionMs = 500.0; // LIVELOCK: no fault or migration completes for this long
};

struct ScenarioSpec {
    std::string name;
    std::string title;
    std::string description;
    std::string sourcePath; // file it came from, or "builtin:NAME"

    int cpus = 4;
    std::string preempt = "voluntary"; // none | voluntary | full | rt
    // preemptible | non-preemptible; "" = the preemption model's default
    // (defaultRcu(): non-preemptible for none and voluntary).
    std::string rcu;
    int hz = 250;
    int pagevecSize = 31;
    bool wakeupPreemption = false; // a fair wake-up preempts a fair task at once, not at the tick
    bool rtThrottling = false;     // sched_rt_runtime_us = 950 ms of every 1 s period

    std::vector<GpuSpec> gpus;
    std::vector<MmSpec> mms;
    std::vector<FolioSpec> folios;
    std::vector<MappingSpec> mappings;
    std::vector<TaskSpec> tasks;

    std::vector<std::string> fixes;          // fix names; empty = baseline
    std::map<std::string, std::int64_t> costs; // cost overrides in virtual ns
    DetectorSpec detector;
};

} // namespace fl
