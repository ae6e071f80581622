// SPDX-License-Identifier: GPL-2.0-only
#include "scenario/scenario_build.h"

#include "scenario/scenario_error.h"

#include <algorithm>
#include <limits>
#include <map>

namespace fl {

namespace {

[[noreturn]] void fail(const ScenarioSpec &spec, const std::string &message)
{
    throw ScenarioError(spec.sourcePath.empty() ? spec.name : spec.sourcePath, 0, 0, message);
}

Preempt parsePreempt(const ScenarioSpec &spec, const std::string &name)
{
    if (name == "none")
        return Preempt::None;
    if (name == "voluntary")
        return Preempt::Voluntary;
    if (name == "full" || name == "lazy")
        return Preempt::Full;
    if (name == "rt")
        return Preempt::Rt;
    fail(spec, "unknown preemption model '" + name + "'; expected none, voluntary, full or rt");
}

// The scenario's flavour, an override, or the model's default; a
// PREEMPT_RT kernel with non-preemptible RCU does not exist.
RcuFlavour parseRcu(const ScenarioSpec &spec, const BuildOptions &options, Preempt preempt)
{
    std::string name = options.rcu.empty() ? spec.rcu : options.rcu;
    // --preempt rt over a scenario written for a non-preemptible-RCU build:
    // PREEMPT_RT selects PREEMPT_RCU, so the kernel asked for has it.
    if (options.rcu.empty() && !options.preempt.empty() && preempt == Preempt::Rt)
        name.clear();
    RcuFlavour rcu = defaultRcu(preempt);
    if (name == "preemptible")
        rcu = RcuFlavour::Preemptible;
    else if (name == "non-preemptible")
        rcu = RcuFlavour::NonPreemptible;
    else if (!name.empty())
        fail(spec, "unknown RCU flavour '" + name + "'; expected preemptible or non-preemptible");
    if (preempt == Preempt::Rt && rcu == RcuFlavour::NonPreemptible)
        fail(spec,
                "preempt=rt cannot go with non-preemptible RCU: PREEMPT_RT always has "
                "preemptible RCU");
    return rcu;
}

ListingId topLevel(Role r)
{
    switch (r) {
    case Role::HmmFaulter: return ListingId::HmmCaller;
    case Role::CpuFaulter: return ListingId::UserFault;
    case Role::Migrator: return ListingId::MigratorMain;
    case Role::Drainer: return ListingId::DrainerMain;
    case Role::Kworker: return ListingId::KworkerMain;
    }
    return ListingId::KworkerMain;
}

Role parseRole(const ScenarioSpec &spec, const std::string &name)
{
    if (name == "hmm-faulter")
        return Role::HmmFaulter;
    if (name == "cpu-faulter")
        return Role::CpuFaulter;
    if (name == "migrator")
        return Role::Migrator;
    if (name == "drainer")
        return Role::Drainer;
    fail(spec, "unknown task role '" + name + "'");
}

} // namespace

Setup buildSetup(const ScenarioSpec &spec, const BuildOptions &options)
{
    Setup s;
    s.spec = spec;
    const std::vector<std::string> &fixNames = options.fixes.empty() ? spec.fixes : options.fixes;
    for (const std::string &name : fixNames)
        if (std::string err = addFixByName(s.fixes, name); !err.empty())
            fail(spec, err);
    s.program = Program(s.fixes);
    for (const auto &[name, ns] : spec.costs) {
        const auto key = costKeyByName(name);
        if (!key)
            fail(spec, "unknown cost '" + name + "'");
        s.costs.set(*key, static_cast<Nanos>(ns));
    }
    s.tickNs = 1'000'000'000ull / static_cast<Nanos>(std::max(spec.hz, 1));
    s.wakeupPreemption = spec.wakeupPreemption;
    s.noProgressNs = static_cast<Nanos>(spec.detector.noProgressMs * 1e6);
    s.noCompletionNs = static_cast<Nanos>(spec.detector.noCompletionMs * 1e6);
    const bool rtThrottling = spec.rtThrottling || options.rtThrottling;
    if (rtThrottling) {
        // A throttled RT spinner stalls a whole period before the fair tasks
        // get their share: the detectors must outwait one period.
        s.noProgressNs = std::max(s.noProgressNs, s.rtPeriodNs + s.rtPeriodNs / 5);
        s.noCompletionNs = std::max(s.noCompletionNs, s.rtPeriodNs + s.rtPeriodNs / 2);
    }

    if (spec.cpus < 1 || spec.cpus > MaxCpus)
        fail(spec, "cpus must be 1.." + std::to_string(MaxCpus));
    if (spec.tasks.size() + static_cast<std::size_t>(spec.cpus) > MaxTasks)
        fail(spec, "too many tasks: at most " + std::to_string(MaxTasks - spec.cpus)
                       + " besides the kworkers");
    if (spec.folios.size() > MaxFolios || spec.mms.size() > MaxMms || spec.gpus.size() > MaxGpus)
        fail(spec, "too many folios, mms or GPUs for the simulator's capacity");

    Machine &m = s.initial;
    m.cpuCount = static_cast<std::uint8_t>(spec.cpus);
    m.preempt = parsePreempt(spec, options.preempt.empty() ? spec.preempt : options.preempt);
    m.rcu = parseRcu(spec, options, m.preempt);
    m.pagevecSize = static_cast<std::uint8_t>(std::clamp(spec.pagevecSize, 1, MaxBatch));
    m.rtThrottling = rtThrottling;

    // Owner cookies become small numbers; equal strings, equal owners.
    std::map<std::string, OwnerId> owners;
    auto ownerId = [&](const std::string &cookie) -> OwnerId {
        if (cookie.empty())
            return NoOwner;
        auto [it, inserted] = owners.emplace(cookie, static_cast<OwnerId>(owners.size()));
        return it->second;
    };
    std::map<std::string, GpuId> gpuIds;
    for (std::size_t i = 0; i < spec.gpus.size(); ++i) {
        const GpuSpec &g = spec.gpus[i];
        Gpu &gpu = m.gpus[i];
        gpu.used = true;
        gpu.owner = ownerId(g.owner.empty() ? g.name : g.owner);
        gpu.flavour = g.driver == "mutex" ? DriverFlavour::MutexLike : DriverFlavour::XeLike;
        gpuIds[g.name] = static_cast<GpuId>(i);
        s.gpuNames[i] = g.name;
    }
    std::map<std::string, MmId> mmIds;
    for (std::size_t i = 0; i < spec.mms.size(); ++i) {
        m.mms[i].used = true;
        m.mms[i].mirrorOwner = ownerId(spec.mms[i].mirrorOwner);
        m.mms[i].mirrorSkipsOwnMigrations = spec.mms[i].mirrorSkipsOwnMigrations;
        mmIds[spec.mms[i].name] = static_cast<MmId>(i);
        s.mmNames[i] = spec.mms[i].name;
    }
    std::map<std::string, FolioId> folioIds;
    m.folioCount = static_cast<std::uint8_t>(spec.folios.size());
    for (std::size_t i = 0; i < spec.folios.size(); ++i) {
        const FolioSpec &f = spec.folios[i];
        Folio &folio = m.folios[i];
        folio.kind = f.kind == "device-private" ? FolioKind::DevicePrivate : FolioKind::System;
        folio.gpu = folio.kind == FolioKind::DevicePrivate ? gpuIds.at(f.gpu) : NoGpu;
        folio.allocated = !f.free;
        folioIds[f.name] = static_cast<FolioId>(i);
        s.folioNames[i] = f.name;
        if (f.free || folio.kind == FolioKind::DevicePrivate)
            continue;
        if (f.location == "lru") {
            folio.lru = true;
            folio.place = FolioPlace::Lru;
        } else if (f.location == "batch") {
            Cpu &cpu = m.cpus[f.batchCpu];
            if (cpu.batchCount >= m.pagevecSize)
                fail(spec, "CPU" + std::to_string(f.batchCpu) + "'s batch is over pagevec_size");
            cpu.batch[cpu.batchCount++] = static_cast<FolioId>(i);
            folio.place = FolioPlace::Batch;
            folio.batchCpu = static_cast<CpuId>(f.batchCpu);
            folio.refcount = 1; // the batch's reference
        }
    }
    for (const MappingSpec &map : spec.mappings) {
        const FolioId f = folioIds.at(map.folio);
        Folio &folio = m.folios[f];
        const PteKind kind =
            folio.kind == FolioKind::System ? PteKind::Present : PteKind::DevicePrivate;
        m.mms[mmIds.at(map.mm)].pte[static_cast<std::size_t>(map.va)] = Pte{kind, f};
        ++folio.mapcount;
        ++folio.refcount;
    }
    for (int i = 0; i < m.folioCount; ++i)
        if (m.folios[i].allocated && m.folios[i].refcount == 0) {
            // At the folio's name in the file: every exit-2 message names a
            // position where one exists.
            const FolioSpec &f = spec.folios[static_cast<std::size_t>(i)];
            throw ScenarioError(spec.sourcePath.empty() ? spec.name : spec.sourcePath, f.line,
                    f.column,
                    "folio " + s.folioNames[i]
                            + " is neither mapped, batched nor free: nothing holds it");
        }

    Clocks &clk = s.initialClocks;
    int id = 0;
    for (const TaskSpec &ts : spec.tasks) {
        Task &t = m.tasks[id];
        t.used = true;
        t.role = parseRole(spec, ts.role);
        t.cls = ts.schedClass == "fifo" ? SchedClass::Fifo
                : ts.schedClass == "rr" ? SchedClass::Rr
                                        : SchedClass::Fair;
        t.prio = static_cast<std::uint8_t>(t.cls == SchedClass::Fair ? 0 : ts.priority);
        t.cpu = static_cast<CpuId>(ts.cpu);
        t.state = TaskState::Sleeping;
        t.wait = WaitKind::Start;
        t.depth = 1;
        t.stack[0] = Frame{static_cast<std::uint8_t>(topLevel(t.role)), 0};
        t.mm = ts.mm.empty() ? NoMm : mmIds.at(ts.mm);
        t.rangeStart = static_cast<Va>(ts.rangeStart);
        t.rangeEnd = static_cast<Va>(ts.rangeEnd);
        t.owner = ownerId(ts.owner);
        t.gpu = ts.targetGpu.empty() ? NoGpu : gpuIds.at(ts.targetGpu);
        clk.timerAt[id] = static_cast<Nanos>(ts.startNs);
        t.repeatsLeft = static_cast<std::uint8_t>(ts.repeat);
        s.taskPeriodNs[id] = static_cast<Nanos>(ts.periodNs);
        s.taskNames[id] = ts.name;
        ++id;
    }
    for (int c = 0; c < m.cpuCount; ++c) {
        Task &k = m.tasks[id];
        k.used = true;
        k.role = Role::Kworker;
        k.cpu = static_cast<CpuId>(c);
        k.state = TaskState::Sleeping;
        k.wait = WaitKind::WorkerIdle;
        k.waitArg = static_cast<std::uint8_t>(c);
        k.depth = 1;
        k.stack[0] = Frame{static_cast<std::uint8_t>(ListingId::KworkerMain), 0};
        m.cpus[c].kworker = static_cast<TaskId>(id);
        s.taskNames[id] = "K" + std::to_string(c);
        ++id;
    }
    m.taskCount = static_cast<std::uint8_t>(id);
    clk.nextTimer.fill(std::numeric_limits<Nanos>::max());
    for (int i = 0; i < m.taskCount; ++i)
        if (m.tasks[i].wait == WaitKind::Start)
            clk.nextTimer[m.tasks[i].cpu] = std::min(clk.nextTimer[m.tasks[i].cpu], clk.timerAt[i]);
    for (int c = 0; c < m.cpuCount; ++c)
        clk.nextTick[c] = s.tickNs;
    return s;
}

} // namespace fl
