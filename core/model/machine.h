// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "model/ids.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

// The simulated machine as one plain value (spec §1). It holds only logical
// state: no clocks and no counters, so that a spin loop returns to an equal
// value and the explorer sees the cycle. Time lives in Clocks (model/clocks.h),
// counters in Metrics (engine/metrics.h).
namespace fl {

enum class Preempt : std::uint8_t { None, Voluntary, Full, Rt };
// The RCU build (spec §1.15): a separate knob from the preemption model.
// PREEMPT_RCU is what every PREEMPT_DYNAMIC kernel has (the usual
// distribution build, even booted preempt=voluntary or none) and what FULL
// and RT force; static NONE/VOLUNTARY builds have non-preemptible RCU.
enum class RcuFlavour : std::uint8_t { NonPreemptible, Preemptible };
enum class SchedClass : std::uint8_t { Fair, Fifo, Rr };

// Roles of spec §1.2. R (the fault-side migrator) is not a role of its own: it
// is whichever faulter wins the trylock and runs migrate_to_ram.
enum class Role : std::uint8_t {
    HmmFaulter, // T: a driver calling hmm_range_fault() in a retry loop
    CpuFaulter, // F: a user thread touching a device-private address
    Migrator,   // M: a driver migrating a range to its device memory
    Kworker,    // K_c: the per-CPU worker that runs lru_add_drain_per_cpu
    Drainer,    // X: any other caller of lru_add_drain_all()
};

enum class TaskState : std::uint8_t { Runnable, Running, Sleeping, Done };

// What a sleeping task waits for; waitArg names the object (folio, cpu, gpu).
enum class WaitKind : std::uint8_t {
    None,
    Start,       // not yet started: a timer releases it at its start time
    Timer,       // msleep() and friends
    FolioUnlock, // non-exclusive wait for PG_locked to clear (waitArg = folio)
    FolioLock,   // exclusive lock_page() waiter (waitArg = folio)
    FlushWork,   // flush_work() on the drain item of CPU waitArg
    DrainMutex,  // the global mutex of __lru_add_drain_all()
    DriverMutex, // a driver mutex inside migrate_to_ram (waitArg = gpu)
    WorkerIdle,  // a kworker with nothing queued
    Ptl,         // PREEMPT_RT only: the PTL is a sleeping lock (waitArg = mm)
    RcuExpGp,    // synchronize_rcu_expedited(): every CPU must report a quiescent state
    Refcount,    // wait_var_event on a folio's refcount (waitArg = folio)
};

enum class FolioKind : std::uint8_t { System, DevicePrivate };

// Where a folio is for LRU purposes: at most one of these at a time.
enum class FolioPlace : std::uint8_t { None, Lru, Batch, Isolated };

// Every struct of the machine is free of padding, and unused tails (a
// batch, a queue or a stack beyond its count) are cleared, so that equal
// machines are equal bytes: the explorer's codes compare bytes
// (explore/state_codec.h checks this at compile time).
struct Folio {
    std::uint16_t refcount = 0;
    std::uint16_t mapcount = 0; // 16 bits, like refcount: keeps Folio free of padding
    bool allocated = false;
    FolioKind kind = FolioKind::System;
    GpuId gpu = NoGpu; // owner of a device-private folio
    TaskId lockOwner = NoTask; // PG_locked and who holds it
    bool waiters = false;      // PG_waiters
    bool lru = false;          // PG_lru
    FolioPlace place = FolioPlace::None;
    CpuId batchCpu = NoCpu; // valid when place == Batch

    bool locked() const { return lockOwner != NoTask; }
    bool operator==(const Folio &) const = default;
};

enum class PteKind : std::uint8_t { None, Present, DevicePrivate, Migration };

struct Pte {
    PteKind kind = PteKind::None;
    FolioId folio = NoFolio;
    bool operator==(const Pte &) const = default;
};

// A FIFO of task ids with a fixed capacity (runqueues, mutex waiters).
struct TaskQueue {
    std::array<TaskId, MaxWaiters> ids{};
    std::uint8_t count = 0;

    bool empty() const { return count == 0; }
    bool contains(TaskId id) const;
    void push(TaskId id);
    TaskId popFront();
    bool remove(TaskId id);
    TaskId at(int i) const { return ids[static_cast<std::size_t>(i)]; }
    bool operator==(const TaskQueue &other) const;
};

// One mm with a single page-table page (so one PTL) and one interval notifier,
// registered by the GPU that mirrors this mm (spec §1.11).
struct Mm {
    bool used = false;
    std::array<Pte, MaxVas> pte{};
    TaskId ptlOwner = NoTask;
    // Spinners queued on the PTL (a queued spinlock: the unlocker hands the
    // lock to the first of them, so a spinner cannot be overtaken forever).
    TaskQueue ptlQueue;
    OwnerId mirrorOwner = NoOwner;   // owner cookie of the driver whose notifier this is
    // The mirror ignores MMU_NOTIFY_MIGRATE invalidations carrying its own
    // owner (test_hmm, nouveau); drm_gpusvm bumps the sequence for all.
    bool mirrorSkipsOwnMigrations = false;
    std::uint8_t notifierSeq = 0;    // compared for equality only; wraps
    bool operator==(const Mm &) const = default;
};

enum class DriverFlavour : std::uint8_t {
    XeLike,    // migrate_to_ram without a driver mutex (drm_pagemap)
    MutexLike, // Nouveau / amdkfd: a driver mutex around the migration
};

struct Gpu {
    bool used = false;
    DriverFlavour flavour = DriverFlavour::XeLike;
    OwnerId owner = NoOwner;    // pgmap->owner of its device-private pages
    TaskId mutexOwner = NoTask; // the driver mutex of MutexLike drivers
    TaskQueue mutexWaiters;
    bool operator==(const Gpu &) const = default;
};

struct Cpu {
    TaskId current = NoTask;
    TaskQueue runqueue; // RT and fair tasks; the pick honours class and priority
    bool needResched = false;
    // The lru_add folio_batch of this CPU (spec §1.3).
    std::array<FolioId, MaxBatch> batch{};
    std::uint8_t batchCount = 0;
    // The lru_add_drain_work item of this CPU on mm_percpu_wq (spec §1.4).
    bool workPending = false;
    bool workRunning = false;
    TaskId kworker = NoTask;
    // RT throttling (sched_rt_runtime_us): RT tasks used up this period's
    // budget and may not run until the period ends.
    bool rtThrottled = false;
    // The current task has run a step since it was switched in. A fresh task
    // has a whole slice: the tick ends it for another fair task only after it
    // ran (without this, the untimed model could tick every task off its CPU
    // before it does anything).
    bool sliceUsed = false;
    bool operator==(const Cpu &other) const;
};

struct Frame {
    std::uint8_t listing = 0; // ListingId
    std::uint8_t pc = 0;      // index into the listing of the current fix set
    bool operator==(const Frame &) const = default;
};

// Per-entry flags of a migrate_vma src[] slot (spec §1.12).
enum MigrateFlag : std::uint8_t {
    MigrateMigrate = 1 << 0, // MIGRATE_PFN_MIGRATE
    MigrateHoldsRef = 1 << 1, // holds one reference: collect's, or the isolation's that replaced it
    MigrateLocked = 1 << 2,  // this migration took the src folio's lock
    MigrateDone = 1 << 3,    // finalize migrated this entry; src and dst are released
};

struct MigrateEntry {
    FolioId src = NoFolio;
    FolioId dst = NoFolio;
    std::uint8_t flags = 0;
    Va va = 0;
    bool operator==(const MigrateEntry &) const = default;
};

// struct migrate_vma of the one migration a task can have in flight.
struct MigrateCtx {
    MmId mm = NoMm;
    Va start = 0;
    Va end = 0;
    std::uint8_t npages = 0;
    std::uint8_t cpages = 0;
    FolioId faultFolio = NoFolio;
    bool selectSystem = false;
    bool selectDevicePrivate = false;
    OwnerId owner = NoOwner; // pgmap_owner: device folios of this owner are selected
    GpuId targetGpu = NoGpu; // where destination pages come from (NoGpu = RAM)
    std::uint8_t i = 0;      // loop cursor of the current per-entry listing
    bool allowDrain = true;
    std::uint8_t restore = 0;
    std::uint8_t backoffs = 0; // drain-backoff: restarts of the collection so far
    bool aborted = false; // the driver gave up after setup (Xe: not all pages collected)
    std::array<MigrateEntry, MaxMigratePages> e{};
    bool operator==(const MigrateCtx &) const = default;
};

struct Task {
    bool used = false;
    Role role = Role::Kworker;
    SchedClass cls = SchedClass::Fair;
    std::uint8_t prio = 0; // RT priority (higher runs first); unused for fair
    CpuId cpu = 0;         // tasks are pinned to one CPU
    TaskState state = TaskState::Sleeping;
    WaitKind wait = WaitKind::Start;
    std::uint8_t waitArg = 0;
    bool woken = false; // a wake-up arrived before the task went to sleep
    // The untimed model (engine.h) times a Start/Timer sleeper in ticks of its
    // CPU: timerTicks jiffy boundaries must pass first; a jiffy timer
    // (msleep, schedule_timeout) then fires in that tick, another timer (a
    // start or a think time, not aligned to jiffies) at any moment after it.
    std::uint8_t timerTicks = 0;
    bool jiffyTimer = false;
    // Asleep until a timer wakes it: its start time, or a sleep of its job.
    bool sleepsOnTimer() const
    {
        return state == TaskState::Sleeping && (wait == WaitKind::Start || wait == WaitKind::Timer);
    }

    std::uint8_t depth = 0;
    std::array<Frame, MaxStack> stack{};

    // Configuration of the task's job.
    MmId mm = NoMm;
    Va rangeStart = 0;
    Va rangeEnd = 0;
    GpuId gpu = NoGpu;       // M: the GPU to migrate into
    OwnerId owner = NoOwner; // T: dev_private_owner (NoOwner = NULL owner)

    // Locals of the kernel paths, kept small on purpose.
    Va walkVa = 0;              // hmm_range_fault's cursor
    Va faultVa = 0;             // the address do_swap_page handles
    FolioId page = NoFolio;     // vmf->page
    FolioId pageRef = NoFolio;  // folio on which this task holds a get_page ref
    FolioId spinOn = NoFolio;   // folio whose trylock failed last (spinning)
    std::uint8_t seq = 0;       // saved mmu_interval_read_begin() sequence
    std::int8_t ret = 0;        // return value of the last call
    std::uint8_t loopCpu = 0;   // per-CPU loop cursor in lru_add_drain_all
    std::uint8_t thisGen = 0;   // lru_drain_gen seen at entry
    std::uint16_t hasWork = 0;  // lru_add_drain_all's has_work cpumask
    bool forceDrain = false;    // __lru_add_drain_all(force_all_cpus)
    FolioId unrefPage = NoFolio; // sleeping-lock-late-ref: touched with no reference held
    std::uint8_t repeatsLeft = 0; // workload tasks: iterations still to run
    MigrateCtx mig;

    bool operator==(const Task &) const = default;
};

struct Machine {
    std::uint8_t cpuCount = 0;
    std::uint8_t taskCount = 0;
    std::uint8_t folioCount = 0; // folio slots in use, allocated or free
    Preempt preempt = Preempt::Voluntary;
    RcuFlavour rcu = RcuFlavour::NonPreemptible;
    std::uint8_t pagevecSize = MaxBatch;

    std::array<Cpu, MaxCpus> cpus{};
    std::array<Task, MaxTasks> tasks{};
    std::array<Folio, MaxFolios> folios{};
    std::array<Mm, MaxMms> mms{};
    std::array<Gpu, MaxGpus> gpus{};

    // Global state of __lru_add_drain_all() (spec §1.5).
    TaskId drainMutexOwner = NoTask;
    TaskQueue drainMutexWaiters;
    std::uint8_t lruDrainGen = 0; // compared for equality only; wraps
    // lru_cache_disable() (spec §1.15): while the count is non-zero every
    // folio_add_lru() goes straight to the LRU.
    std::uint8_t lruDisableCount = 0;
    // CPUs that still owe the expedited RCU grace period a quiescent state.
    std::uint8_t rcuExpPending = 0;
    bool rtThrottling = false; // the option: sched_rt_runtime_us < period
    // The folio wait table (folio_waitqueue(), mm/filemap.c) as one FIFO:
    // every task queued on a folio (wait FolioLock or FolioUnlock), exclusive
    // or not, in arrival order. The kernel hashes folios to 256 queues; one
    // queue gives each folio the same order, as a wake-up skips the entries
    // of other folios.
    TaskQueue folioWaitQueue;

    bool operator==(const Machine &other) const;
    // Copies `src` into this machine, skipping the CPU, task and folio slots
    // beyond the counts. Only for two machines of one scenario, whose unused
    // slots are equal: the explorer copies a state per transition, and most
    // slots are unused. Lists the same fields as operator==.
    void assignUsed(const Machine &src);

    Task &task(TaskId id) { return tasks[id]; }
    const Task &task(TaskId id) const { return tasks[id]; }
    Folio &folio(FolioId id) { return folios[id]; }
    const Folio &folio(FolioId id) const { return folios[id]; }
};

std::size_t hashMachine(const Machine &m);
// The mm whose PTL task `t` holds, or NoMm.
MmId ptlHeldBy(const Machine &m, TaskId t);
// Does `t` hold or spin on a PTL? Preemption is off either way (not on
// PREEMPT_RT, where the PTL is a sleeping lock).
bool inPtlSection(const Machine &m, TaskId t);

const char *preemptName(Preempt p);
const char *rcuName(RcuFlavour r);
// The RCU flavour a kernel of preemption model `p` has unless told otherwise.
RcuFlavour defaultRcu(Preempt p);
const char *roleName(Role r);
const char *roleLetter(Role r);
const char *waitKindName(WaitKind w);
const char *pteKindName(PteKind k);

} // namespace fl

template <> struct std::hash<fl::Machine> {
    std::size_t operator()(const fl::Machine &m) const noexcept { return fl::hashMachine(m); }
};
