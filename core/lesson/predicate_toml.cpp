// SPDX-License-Identifier: GPL-2.0-only
#include "lesson/predicate_toml.h"

#include "engine/metrics.h"

#include <algorithm>

namespace fl::lessontoml {

namespace {

// Keys that decide what a predicate is, in the order they are tried. An
// `event` predicate may also carry task, cpu and folio as filters, so those
// three come last.
constexpr std::string_view kKindKeys[] = {"all", "any", "not", "event", "metric", "verdict",
        "explorer", "migrated", "fix", "preempt", "task", "folio", "cpu"};

std::vector<std::string_view> with(
        std::vector<std::string_view> keys, const std::vector<std::string_view> &extra)
{
    keys.insert(keys.end(), extra.begin(), extra.end());
    return keys;
}

template<typename T>
T oneOf(const TableReader &t, std::string_view key, std::optional<T> (*byName)(std::string_view),
        const std::vector<std::string> &names)
{
    const std::string expected = "one of: " + joined(names);
    const std::string value = t.requiredString(key, expected);
    const std::optional<T> found = byName(value);
    if (!found)
        t.fail(t.pos(key), t.label(key) + " = \"" + value + "\" is unknown; expected " + expected);
    return *found;
}

CpuId resolveCpu(const TableReader &t, std::string_view key, const NameScope &scope)
{
    return static_cast<CpuId>(*t.integer(key, 0, scope.cpus - 1));
}

int addFilter(NameScope &scope, const EventFilter &f)
{
    scope.filters->push_back(f);
    return static_cast<int>(scope.filters->size() - 1);
}

std::vector<Predicate> children(const TableReader &t, std::string_view key, NameScope &scope)
{
    const toml::node *node = t.find(key);
    const toml::array *array = node->as_array();
    if (!array || array->empty())
        t.fail(t.pos(key),
                t.label(key) + " is " + typeName(*node) + (array ? " that is empty" : "")
                        + "; expected a non-empty array of predicate tables");
    std::vector<Predicate> out;
    for (const toml::node &item : *array) {
        if (!item.is_table())
            t.fail(posOf(item),
                    t.label(key) + " holds " + typeName(item)
                            + "; expected a predicate table such as { task = \"T\", state = "
                              "\"sleeping\" }");
        const TableReader child(
                t.file(), *item.as_table(), "a predicate of '" + std::string(key) + "'");
        out.push_back(parsePredicate(child, {}, scope));
    }
    return out;
}

Predicate parseEvent(
        const TableReader &t, const std::vector<std::string_view> &extra, NameScope &scope)
{
    t.allowOnly(with({"event", "task", "cpu", "folio", "wait", "reason", "at_least"}, extra));
    Predicate p;
    p.kind = Predicate::Kind::Event;
    EventFilter f;
    f.kind = oneOf<EventKind>(t, "event", &eventKindByName, eventKindNames());
    if (t.has("task"))
        f.task = resolveTask(t, "task", scope);
    if (t.has("cpu"))
        f.cpu = resolveCpu(t, "cpu", scope);
    if (t.has("folio"))
        f.folio = resolveFolio(t, "folio", scope);
    if (t.has("wait")) {
        if (f.kind != EventKind::Sleep)
            t.fail(t.pos("wait"), t.label("wait") + " only applies to event = \"sleep\"");
        f.arg = static_cast<std::int32_t>(
                oneOf<WaitKind>(t, "wait", &waitKindByToken, waitKindTokens()));
    }
    if (t.has("reason")) {
        if (f.kind != EventKind::MigrationFailed)
            t.fail(t.pos("reason"),
                    t.label("reason") + " only applies to event = \"migration-failed\"");
        f.arg = static_cast<std::int32_t>(
                oneOf<MigrateFailReason>(t, "reason", &failReasonByToken, failReasonTokens()));
    }
    p.atLeast = static_cast<std::uint64_t>(t.integer("at_least", 1, 1'000'000'000).value_or(1));
    p.counter = addFilter(scope, f);
    return p;
}

Predicate parseMetric(const TableReader &t, const std::vector<std::string_view> &extra)
{
    t.allowOnly(with({"metric", "at_least", "at_most"}, extra));
    std::vector<std::string> names;
    for (const auto &entry : Metrics().summary())
        names.push_back(entry.first);
    Predicate p;
    p.kind = Predicate::Kind::Metric;
    p.metric = t.requiredString("metric", "a metric name");
    if (std::find(names.begin(), names.end(), p.metric) == names.end())
        t.fail(t.pos("metric"),
                t.label("metric") + " = \"" + p.metric
                        + "\" is unknown; expected one of: " + joined(names));
    p.fastMetric = fastMetricByName(p.metric);
    p.atLeastValue = t.number("at_least");
    p.atMostValue = t.number("at_most");
    if (!p.atLeastValue && !p.atMostValue)
        t.fail(t.pos("metric"),
                "a metric predicate needs 'at_least' or 'at_most' (or both); expected e.g. "
                "{ metric = \""
                        + p.metric + "\", at_least = 1 }");
    return p;
}

Predicate parseTask(
        const TableReader &t, const std::vector<std::string_view> &extra, NameScope &scope)
{
    t.allowOnly(with({"task", "state", "wait", "in_function"}, extra));
    Predicate p;
    p.kind = Predicate::Kind::TaskState;
    p.task = resolveTask(t, "task", scope);
    if (t.has("state"))
        p.state = oneOf<TaskState>(
                t, "state", &taskStateByName, {"runnable", "running", "sleeping", "done"});
    if (t.has("wait"))
        p.wait = oneOf<WaitKind>(t, "wait", &waitKindByToken, waitKindTokens());
    if (t.has("in_function")) {
        const std::vector<std::string> functions = listingFunctionNames();
        p.inFunction = t.requiredString("in_function", "a kernel function name");
        if (std::find(functions.begin(), functions.end(), p.inFunction) == functions.end())
            t.fail(t.pos("in_function"),
                    t.label("in_function") + " = \"" + p.inFunction
                            + "\" is not a function of the model; expected one of: "
                            + joined(functions));
    }
    if (!p.state && !p.wait && p.inFunction.empty())
        t.fail(t.pos("task"),
                "a task predicate needs 'state', 'wait' or 'in_function'; "
                "expected e.g. { task = \"M\", state = \"sleeping\", wait = "
                "\"flush_work\" }");
    return p;
}

Predicate parseFolio(
        const TableReader &t, const std::vector<std::string_view> &extra, NameScope &scope)
{
    t.allowOnly(with({"folio", "locked", "locked_by", "lru", "place", "batch_cpu", "refcount",
                             "refcount_at_least", "mapcount", "free"},
            extra));
    Predicate p;
    p.kind = Predicate::Kind::FolioState;
    p.folio = resolveFolio(t, "folio", scope);
    p.locked = t.boolean("locked");
    if (t.has("locked_by"))
        p.lockedBy = resolveTask(t, "locked_by", scope);
    p.lru = t.boolean("lru");
    if (t.has("place"))
        p.place = oneOf<FolioPlace>(
                t, "place", &folioPlaceByName, {"lru", "batch", "isolated", "none"});
    if (auto cpu = t.integer("batch_cpu", 0, scope.cpus - 1))
        p.batchCpu = static_cast<int>(*cpu);
    if (auto n = t.integer("refcount", 0, 65535))
        p.refcount = static_cast<int>(*n);
    if (auto n = t.integer("refcount_at_least", 0, 65535))
        p.refcountAtLeast = static_cast<int>(*n);
    if (auto n = t.integer("mapcount", 0, 255))
        p.mapcount = static_cast<int>(*n);
    p.isFree = t.boolean("free");
    if (!p.locked && !p.lockedBy && !p.lru && !p.place && !p.batchCpu && !p.refcount
            && !p.refcountAtLeast && !p.mapcount && !p.isFree)
        t.fail(t.pos("folio"),
                "a folio predicate needs a condition (locked, locked_by, lru, "
                "place, batch_cpu, refcount, refcount_at_least, mapcount or "
                "free); expected e.g. { folio = \"S\", lru = false }");
    return p;
}

Predicate parseCpu(
        const TableReader &t, const std::vector<std::string_view> &extra, NameScope &scope)
{
    t.allowOnly(with(
            {"cpu", "running", "batch_count", "batch_at_least", "work_pending", "need_resched"},
            extra));
    Predicate p;
    p.kind = Predicate::Kind::CpuState;
    p.cpu = resolveCpu(t, "cpu", scope);
    if (t.has("running")) {
        const std::optional<std::string> name = t.string("running", "a task name or \"idle\"");
        p.running = *name == "idle" ? NoTask : resolveTask(t, "running", scope);
    }
    if (auto n = t.integer("batch_count", 0, MaxBatch))
        p.batchCount = static_cast<int>(*n);
    if (auto n = t.integer("batch_at_least", 0, MaxBatch))
        p.batchAtLeast = static_cast<int>(*n);
    p.workPending = t.boolean("work_pending");
    p.needResched = t.boolean("need_resched");
    if (!p.running && !p.batchCount && !p.batchAtLeast && !p.workPending && !p.needResched)
        t.fail(t.pos("cpu"),
                "a cpu predicate needs a condition (running, batch_count, "
                "batch_at_least, work_pending or need_resched); expected e.g. "
                "{ cpu = 1, work_pending = true }");
    return p;
}

} // namespace

TaskId resolveTask(const TableReader &t, std::string_view key, const NameScope &scope)
{
    const std::string name = t.requiredString(key, "a task name");
    const auto it = std::find(scope.tasks.begin(), scope.tasks.end(), name);
    if (it == scope.tasks.end())
        t.fail(t.pos(key),
                t.label(key) + " = \"" + name
                        + "\" names no task of the scenario; expected one of: "
                        + joined(scope.tasks));
    return static_cast<TaskId>(it - scope.tasks.begin());
}

FolioId resolveFolio(const TableReader &t, std::string_view key, const NameScope &scope)
{
    const std::string name = t.requiredString(key, "a folio name");
    const auto it = std::find(scope.folios.begin(), scope.folios.end(), name);
    if (it == scope.folios.end())
        t.fail(t.pos(key),
                t.label(key) + " = \"" + name
                        + "\" names no folio of the scenario; expected one of: "
                        + joined(scope.folios));
    return static_cast<FolioId>(it - scope.folios.begin());
}

Predicate parsePredicate(
        const TableReader &t, const std::vector<std::string_view> &extraKeys, NameScope &scope)
{
    std::string_view kind;
    for (std::string_view key : kKindKeys)
        if (t.has(key)) {
            kind = key;
            break;
        }
    if (kind.empty()) {
        std::vector<std::string> keys(std::begin(kKindKeys), std::end(kKindKeys));
        t.fail(t.pos(),
                (t.context().empty() ? std::string("a predicate") : t.context())
                        + " says nothing to check; expected one of the keys: " + joined(keys));
    }

    if (kind == "event")
        return parseEvent(t, extraKeys, scope);
    if (kind == "metric")
        return parseMetric(t, extraKeys);
    if (kind == "task")
        return parseTask(t, extraKeys, scope);
    if (kind == "folio")
        return parseFolio(t, extraKeys, scope);
    if (kind == "cpu")
        return parseCpu(t, extraKeys, scope);

    Predicate p;
    t.allowOnly(with({kind}, extraKeys));
    if (kind == "all" || kind == "any") {
        p.kind = kind == "all" ? Predicate::Kind::All : Predicate::Kind::Any;
        p.children = children(t, kind, scope);
    } else if (kind == "not") {
        p.kind = Predicate::Kind::Not;
        const toml::table *inner = t.subtable("not", "a predicate table");
        p.children.push_back(
                parsePredicate(TableReader(t.file(), *inner, "a predicate of 'not'"), {}, scope));
    } else if (kind == "verdict") {
        p.kind = Predicate::Kind::Verdict;
        p.verdict = oneOf<fl::Verdict>(
                t, "verdict", &verdictByName, {"LIVELOCK", "DEADLOCK", "COMPLETED", "LIMIT"});
    } else if (kind == "explorer") {
        p.kind = Predicate::Kind::Explorer;
        p.explorerVerdict = oneOf<ExploreVerdict>(t, "explorer", &exploreVerdictByName,
                {"OK", "LIVELOCK", "DEADLOCK", "SAFETY", "PARTIAL", "REFUSED"});
    } else if (kind == "migrated") {
        p.kind = Predicate::Kind::Migrated;
        EventFilter f;
        f.kind = EventKind::FolioFreed;
        f.folio = resolveFolio(t, "migrated", scope);
        p.counter = addFilter(scope, f);
    } else if (kind == "fix") {
        p.kind = Predicate::Kind::Fix;
        const std::string name = t.requiredString("fix", "a fix name");
        if (!isFixName(name)) {
            std::vector<std::string> names {"baseline"};
            for (const FixInfo &info : fixCatalogue())
                names.emplace_back(info.name);
            t.fail(t.pos("fix"),
                    t.label("fix") + " = \"" + name
                            + "\" is not a fix of the catalogue; expected one of: "
                            + joined(names));
        }
        p.fix = fixByName(name);
    } else if (kind == "preempt") {
        p.kind = Predicate::Kind::Preempt;
        p.preempt = oneOf<fl::Preempt>(
                t, "preempt", &preemptByName, {"none", "voluntary", "full", "rt"});
    }
    return p;
}

} // namespace fl::lessontoml
