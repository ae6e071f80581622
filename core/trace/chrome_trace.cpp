// SPDX-License-Identifier: GPL-2.0-only
#include "trace/chrome_trace.h"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <vector>

namespace fl {

namespace {

constexpr int CpuPid = 1;
constexpr int TaskPid = 2;
constexpr int CounterPid = 3;

std::string escaped(const std::string &s)
{
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
            continue;
        }
        out += c;
    }
    return out;
}

std::string micros(Nanos ns)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%llu.%03llu", static_cast<unsigned long long>(ns / 1000),
                  static_cast<unsigned long long>(ns % 1000));
    return buf;
}

// One trace event, kept with its time so the file comes out sorted.
struct Line {
    Nanos ts;
    int order; // metadata first, then slices before instants at one time
    std::string json;
};

std::string taskName(const Setup &setup, TaskId t)
{
    return t == NoTask ? std::string("-") : setup.taskNames[t];
}

std::string markName(const Setup &setup, const Event &e)
{
    const std::string who = e.task == NoTask ? "" : " (" + taskName(setup, e.task) + ")";
    switch (e.kind) {
    case EventKind::WorkQueued: return "drain work queued on CPU" + std::to_string(e.cpu);
    case EventKind::WorkDone: return "drain work done on CPU" + std::to_string(e.cpu);
    case EventKind::DrainBegin: return "lru_add_drain_all() begins" + who;
    case EventKind::DrainEnd: return "lru_add_drain_all() returns" + who;
    case EventKind::MigrationBegin: return "migration begins" + who;
    case EventKind::MigrationDone: return "migration done" + who;
    case EventKind::MigrationFailed:
        return std::string("migration failed: ")
               + failReasonName(static_cast<MigrateFailReason>(e.arg)) + who;
    case EventKind::RcuExpGpBegin: return "expedited grace period begins" + who;
    case EventKind::RcuExpGpEnd: return "expedited grace period ends" + who;
    case EventKind::BackoffRestart: return "drain-backoff restart" + who;
    case EventKind::UseAfterFree: return "HAZARD: use after free" + who;
    case EventKind::SoftLockup: return "soft lockup on CPU" + std::to_string(e.cpu);
    case EventKind::HungTask: return "hung task" + who;
    case EventKind::RtThrottled: return "RT throttled on CPU" + std::to_string(e.cpu);
    case EventKind::RtUnthrottled: return "RT unthrottled on CPU" + std::to_string(e.cpu);
    case EventKind::FaultDone: return "fault done" + who;
    case EventKind::TaskDone: return "task done" + who;
    case EventKind::Preempted: return "preempted" + who;
    case EventKind::CondReschedYield: return "cond_resched yield" + who;
    case EventKind::ContextSwitch: return "switch to " + taskName(setup, e.task);
    case EventKind::Tick: return "tick";
    case EventKind::NeedResched: return "need_resched set";
    default: return eventKindName(e.kind);
    }
}

} // namespace

std::string chromeTraceJson(const RunTrace &trace, const TraceMetadata &meta)
{
    const Setup &setup = trace.setup();
    std::vector<Line> lines;
    auto metaName = [&](int pid, int tid, const std::string &kind, const std::string &name) {
        lines.push_back({0, 0,
                         "{\"name\":\"" + kind + "\",\"ph\":\"M\",\"pid\":" + std::to_string(pid)
                             + (tid >= 0 ? ",\"tid\":" + std::to_string(tid) : "")
                             + ",\"args\":{\"name\":\"" + escaped(name) + "\"}}"});
    };
    metaName(CpuPid, -1, "process_name", "CPUs");
    metaName(TaskPid, -1, "process_name", "Tasks");
    metaName(CounterPid, -1, "process_name", "Counters");
    for (int c = 0; c < setup.initial.cpuCount; ++c)
        metaName(CpuPid, c, "thread_name", "CPU" + std::to_string(c));
    for (int t = 0; t < setup.initial.taskCount; ++t)
        metaName(TaskPid, t, "thread_name",
                 setup.taskNames[t] + " (" + roleName(setup.initial.tasks[t].role) + ")");

    auto slice = [&](int pid, int tid, Nanos start, Nanos end, const std::string &name,
                     const std::string &cat, const std::string &args) {
        lines.push_back({start, 1,
                         "{\"name\":\"" + escaped(name) + "\",\"cat\":\"" + cat
                             + "\",\"ph\":\"X\",\"ts\":" + micros(start)
                             + ",\"dur\":" + micros(end - start) + ",\"pid\":" + std::to_string(pid)
                             + ",\"tid\":" + std::to_string(tid) + ",\"args\":{" + args + "}}"});
    };
    for (int c = 0; c < setup.initial.cpuCount; ++c)
        for (const CpuSlice &s : trace.cpu(static_cast<CpuId>(c)))
            slice(CpuPid, c, s.start, s.end, taskName(setup, s.task), cpuActivityName(s.what),
                  "\"activity\":\"" + std::string(cpuActivityName(s.what))
                      + "\",\"first_step\":" + std::to_string(s.step + 1));
    for (int t = 0; t < setup.initial.taskCount; ++t)
        for (const TaskSlice &s : trace.task(static_cast<TaskId>(t)))
            if (s.end > s.start)
                slice(TaskPid, t, s.start, s.end, taskSliceText(setup, s),
                      taskActivityName(s.what),
                      "\"state\":\"" + std::string(taskActivityName(s.what))
                          + "\",\"first_step\":" + std::to_string(s.step + 1));

    for (const TraceMark &m : trace.marks()) {
        const Event &e = m.event;
        if (e.kind == EventKind::Tick || e.kind == EventKind::NeedResched)
            continue; // the CPU tracks show their effect; thousands of ticks only clutter
        const bool onTask = e.task != NoTask && e.kind != EventKind::WorkQueued
                            && e.kind != EventKind::WorkDone;
        lines.push_back({e.time, 2,
                         "{\"name\":\"" + escaped(markName(setup, e))
                             + "\",\"cat\":\"event\",\"ph\":\"i\",\"s\":\"t\",\"ts\":"
                             + micros(e.time) + ",\"pid\":"
                             + std::to_string(onTask ? TaskPid : CpuPid)
                             + ",\"tid\":" + std::to_string(onTask ? e.task : e.cpu)
                             + ",\"args\":{\"step\":" + std::to_string(m.step) + "}}"});
    }

    // Counters: failed trylocks (sampled every 10 us of virtual time, so a
    // spin of 66 000 failures stays a curve), faults and migrations done.
    auto counter = [&](Nanos ts, const std::string &name, std::uint64_t value) {
        lines.push_back({ts, 3,
                         "{\"name\":\"" + name + "\",\"ph\":\"C\",\"ts\":" + micros(ts)
                             + ",\"pid\":" + std::to_string(CounterPid) + ",\"args\":{\"count\":"
                             + std::to_string(value) + "}}"});
    };
    constexpr Nanos Sample = 10'000;
    counter(0, "failed trylocks", 0);
    std::uint64_t failures = 0;
    Nanos lastSample = 0;
    for (Nanos t : trace.trylockFailures()) {
        ++failures;
        if (t >= lastSample + Sample) {
            counter(t, "failed trylocks", failures);
            lastSample = t;
        }
    }
    counter(trace.end(), "failed trylocks", failures);
    std::uint64_t faults = 0, migrations = 0, work = 0;
    counter(0, "faults done", 0);
    counter(0, "migrations done", 0);
    counter(0, "drain work done", 0);
    for (const TraceMark &m : trace.marks()) {
        if (m.event.kind == EventKind::FaultDone)
            counter(m.event.time, "faults done", ++faults);
        else if (m.event.kind == EventKind::MigrationDone)
            counter(m.event.time, "migrations done", ++migrations);
        else if (m.event.kind == EventKind::WorkDone)
            counter(m.event.time, "drain work done", ++work);
    }
    lines.push_back({trace.end(), 2,
                     "{\"name\":\"verdict: " + escaped(meta.verdict)
                         + "\",\"cat\":\"verdict\",\"ph\":\"i\",\"s\":\"g\",\"ts\":"
                         + micros(trace.end()) + ",\"pid\":" + std::to_string(CpuPid)
                         + ",\"tid\":0}"});

    std::stable_sort(lines.begin(), lines.end(), [](const Line &a, const Line &b) {
        return a.order == 0 || b.order == 0 ? a.order < b.order : a.ts < b.ts;
    });
    std::ostringstream out;
    out << "{\"displayTimeUnit\":\"ns\",\n\"metadata\":{\"tool\":\"FolioLab\",\"scenario\":\""
        << escaped(meta.scenario) << "\",\"fixes\":\"" << escaped(meta.fixes)
        << "\",\"preempt\":\"" << escaped(meta.preempt) << "\",\"rcu\":\"" << escaped(meta.rcu)
        << "\",\"verdict\":\"" << escaped(meta.verdict) << "\",\"seed\":" << meta.seed
        << ",\"steps\":" << trace.steps() << ",\"virtual_ns\":" << trace.end()
        << "},\n\"traceEvents\":[\n";
    for (std::size_t i = 0; i < lines.size(); ++i)
        out << lines[i].json << (i + 1 < lines.size() ? ",\n" : "\n");
    out << "]}\n";
    return out.str();
}

} // namespace fl
