// SPDX-License-Identifier: GPL-2.0-only
#include "replay/replay_file.h"
#include "replay/replay_toml.h"

#include "io/safe_file.h"
#include "io/toml_parse.h"
#include "kernel/fixes.h"
#include "model/ids.h"
#include "scenario/scenario_error.h"
#include "scenario/scenario_toml.h"

#include <toml++/toml.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <sstream>

namespace fl {

namespace {

constexpr std::string_view kPreemptNames[] = {"none", "voluntary", "full", "rt"};

template <typename T>
const T &expect(const std::string &file, const toml::node &node, std::string_view key,
        std::string_view what)
{
    if (const T *value = node.as<T>())
        return *value;
    failAt(file, node.source(),
            "'" + std::string(key) + "' must be " + std::string(what));
}

std::int64_t integerIn(const std::string &file, const toml::node &node, std::string_view key,
        std::int64_t lo, std::int64_t hi)
{
    const std::int64_t v = expect<toml::value<std::int64_t>>(file, node, key, "an integer").get();
    if (v < lo || v > hi)
        failAt(file, node.source(),
                "'" + std::string(key) + "' must be between " + std::to_string(lo) + " and "
                        + std::to_string(hi) + ", not " + std::to_string(v));
    return v;
}

// TOML integers are signed 64-bit, seeds unsigned: seeds past 2^63 - 1 are
// written as a decimal string, and either form is read.
std::uint64_t seedOf(const std::string &file, const toml::node &node)
{
    if (!node.is_string())
        return static_cast<std::uint64_t>(
                integerIn(file, node, "seed", 0, std::numeric_limits<std::int64_t>::max()));
    const std::string &text = node.as_string()->get();
    std::uint64_t seed = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        failAt(file, node.source(),
                "'seed' must be an integer between 0 and 18446744073709551615, not \"" + text
                        + "\"");
    return seed;
}

} // namespace

ReplayFile parseReplay(
        std::string_view text, const std::string &sourceName, ReplayPositions *positions)
{
    const toml::table root = parseTomlText(text, sourceName);
    return replayFromTable(root, sourceName, positions);
}

ReplayFile replayFromTable(
        const toml::table &root, const std::string &sourceName, ReplayPositions *positions)
{
    ReplayFile r;
    bool haveVersion = false, haveScenario = false, haveChoices = false;
    const toml::node *tickAt = nullptr, *cycleAt = nullptr, *untimedFromAt = nullptr;
    std::int64_t firstTick = -1; // index of the first tick choice
    for (const auto &[key, node] : root) {
        const std::string_view k = key.str();
        if (k == "version") {
            const auto v = integerIn(sourceName, node, k, 1, 1'000'000);
            if (v != ReplayFile::CurrentVersion)
                failAt(sourceName, node.source(),
                        "replay format version " + std::to_string(v) + " is not supported (expected "
                                + std::to_string(ReplayFile::CurrentVersion) + ")");
            haveVersion = true;
        } else if (k == "scenario") {
            r.scenario = expect<toml::value<std::string>>(sourceName, node, k, "a string").get();
            if (positions) {
                positions->scenarioLine = static_cast<int>(node.source().begin.line);
                positions->scenarioColumn = static_cast<int>(node.source().begin.column);
            }
            if (r.scenario.empty())
                failAt(sourceName, node.source(), "'scenario' must name a built-in scenario or a file");
            haveScenario = true;
        } else if (k == "fixes") {
            const auto &list = expect<toml::array>(sourceName, node, k, "an array of fix names");
            FixSet set;
            for (const toml::node &item : list) {
                const std::string name
                        = expect<toml::value<std::string>>(sourceName, item, k, "an array of fix names")
                                  .get();
                if (name != "baseline") {
                    if (const std::string problem = addFixByName(set, name); !problem.empty())
                        failAt(sourceName, item.source(), problem);
                }
                r.fixes.push_back(name);
            }
        } else if (k == "preempt") {
            r.preempt = expect<toml::value<std::string>>(sourceName, node, k, "a string").get();
            bool known = false;
            for (std::string_view name : kPreemptNames)
                known = known || name == r.preempt;
            if (!known)
                failAt(sourceName, node.source(),
                        "unknown preemption model '" + r.preempt
                                + "' (expected none, voluntary, full or rt)");
        } else if (k == "rcu") {
            r.rcu = expect<toml::value<std::string>>(sourceName, node, k, "a string").get();
            if (r.rcu != "preemptible" && r.rcu != "non-preemptible")
                failAt(sourceName, node.source(),
                        "unknown RCU flavour '" + r.rcu
                                + "' (expected preemptible or non-preemptible)");
        } else if (k == "seed") {
            r.seed = seedOf(sourceName, node);
        } else if (k == "choices") {
            const auto &list = expect<toml::array>(sourceName, node, k, "an array of [cpu, task] pairs");
            r.choices.reserve(list.size());
            for (const toml::node &item : list) {
                const auto *pair = item.as_array();
                if (!pair || pair->size() != 2)
                    failAt(sourceName, item.source(),
                            "each choice must be a [cpu, task] pair (task -1 when the CPU picks no one)");
                Choice c;
                c.cpu = static_cast<CpuId>(integerIn(sourceName, (*pair)[0], "cpu", 0, MaxCpus - 1));
                const auto task = integerIn(sourceName, (*pair)[1], "task", -2, MaxTasks - 1);
                c.task = task == -2 ? TickChoice : task < 0 ? NoTask : static_cast<TaskId>(task);
                if (task == -2 && !tickAt) {
                    tickAt = &(*pair)[1];
                    firstTick = static_cast<std::int64_t>(r.choices.size());
                }
                r.choices.push_back(c);
                if (positions)
                    positions->choices.emplace_back(static_cast<int>(item.source().begin.line),
                            static_cast<int>(item.source().begin.column));
            }
            haveChoices = true;
        } else if (k == "time") {
            const std::string time = expect<toml::value<std::string>>(sourceName, node, k, "a string").get();
            if (time != "timed" && time != "untimed")
                failAt(sourceName, node.source(),
                        "unknown time model '" + time + "' (expected timed or untimed)");
            r.untimed = time == "untimed";
        } else if (k == "cycle_start") {
            r.cycleStart = integerIn(sourceName, node, k, 0, std::numeric_limits<std::int32_t>::max());
            cycleAt = &node;
        } else if (k == "untimed_from") {
            r.untimedFrom
                    = integerIn(sourceName, node, k, 0, std::numeric_limits<std::int32_t>::max());
            untimedFromAt = &node;
        } else {
            failAt(sourceName, key.source(),
                    "unknown key '" + std::string(k)
                            + "' (expected version, scenario, fixes, preempt, rcu, seed, choices, "
                              "time, "
                              "cycle_start or untimed_from)");
        }
    }
    if (tickAt && !r.untimed)
        failAt(sourceName, tickAt->source(),
                "task -2 (a tick) is a choice only in the untimed model; expected time = \"untimed\"");
    if (cycleAt && !r.untimed)
        failAt(sourceName, cycleAt->source(),
                "'cycle_start' needs time = \"untimed\" (a lasso from the explorer)");
    if (cycleAt && r.cycleStart >= static_cast<std::int64_t>(r.choices.size()))
        failAt(sourceName, cycleAt->source(),
                "'cycle_start' = " + std::to_string(r.cycleStart) + " is past the last choice (expected 0.."
                        + std::to_string(static_cast<std::int64_t>(r.choices.size()) - 1) + ")");
    if (untimedFromAt && !r.untimed)
        failAt(sourceName, untimedFromAt->source(),
                "'untimed_from' needs time = \"untimed\" (a search from a state of a timed run)");
    if (untimedFromAt && r.untimedFrom > static_cast<std::int64_t>(r.choices.size()))
        failAt(sourceName, untimedFromAt->source(),
                "'untimed_from' = " + std::to_string(r.untimedFrom)
                        + " is past the last choice (expected 0.."
                        + std::to_string(r.choices.size()) + ")");
    if (cycleAt && r.cycleStart < r.untimedFrom)
        failAt(sourceName, cycleAt->source(),
                "'cycle_start' = " + std::to_string(r.cycleStart)
                        + " is in the timed part (expected at least untimed_from = "
                        + std::to_string(r.untimedFrom) + ")");
    if (tickAt && firstTick < r.untimedFrom)
        failAt(sourceName, tickAt->source(),
                "task -2 (a tick) is choice " + std::to_string(firstTick)
                        + ", in the timed part (expected only from untimed_from = "
                        + std::to_string(r.untimedFrom) + ")");
    const toml::source_region end = root.source();
    if (!haveVersion)
        failAt(sourceName, end, "missing 'version' (expected version = 1)");
    if (!haveScenario)
        failAt(sourceName, end, "missing 'scenario' (a built-in name such as \"l1\", or a path)");
    if (!haveChoices)
        failAt(sourceName, end, "missing 'choices' (an array of [cpu, task] pairs)");
    return r;
}

ReplayFile loadReplay(const std::string &path, ReplayPositions *positions)
{
    ReplayFile replay = parseReplay(readInputFile(path, {}, MaxReplayFileBytes), path, positions);
    // The file names its scenario relative to its own folder (README,
    // "Replay files"); callers get a path that opens from anywhere.
    if (!isBuiltinScenario(replay.scenario) && std::filesystem::path(replay.scenario).is_relative()) {
        const std::filesystem::path dir = std::filesystem::path(path).parent_path();
        replay.scenario
                = std::filesystem::absolute(dir / replay.scenario).lexically_normal().string();
    }
    return replay;
}

// A TOML basic string: quotes and backslashes escaped, and control
// characters as \uXXXX (TOML refuses them raw), so that every string the
// reader accepted is written back in a form it accepts again.
std::string tomlBasicString(const std::string &s)
{
    std::string out = "\"";
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04X", u);
            out += buf;
        } else {
            out += c;
        }
    }
    return out + '"';
}

std::string serialiseReplay(const ReplayFile &replay)
{
    std::ostringstream out;
    out << "# FolioLab replay: run it again with `foliolab run --replay FILE`.\n";
    out << "version = " << ReplayFile::CurrentVersion << '\n';
    out << "scenario = " << tomlBasicString(replay.scenario) << '\n';
    out << "fixes = [";
    for (std::size_t i = 0; i < replay.fixes.size(); ++i)
        out << (i ? ", " : "") << tomlBasicString(replay.fixes[i]);
    out << "]\n";
    if (!replay.preempt.empty())
        out << "preempt = " << tomlBasicString(replay.preempt) << '\n';
    if (!replay.rcu.empty())
        out << "rcu = " << tomlBasicString(replay.rcu) << '\n';
    if (replay.seed > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        out << "seed = \"" << replay.seed << "\"\n";
    else
        out << "seed = " << replay.seed << '\n';
    if (replay.untimed)
        out << "time = \"untimed\"\n";
    if (replay.cycleStart >= 0)
        out << "cycle_start = " << replay.cycleStart << '\n';
    if (replay.untimedFrom > 0)
        out << "untimed_from = " << replay.untimedFrom << '\n';
    out << "# " << replay.choices.size() << " choices: [cpu, task], task -1 = no pick"
        << (replay.untimed ? ", -2 = tick" : "") << '\n';
    out << "choices = [";
    for (std::size_t i = 0; i < replay.choices.size(); ++i) {
        const Choice &c = replay.choices[i];
        if (i % 10 == 0)
            out << "\n  ";
        const int task = c.task == NoTask ? -1 : c.task == TickChoice ? -2 : int(c.task);
        out << '[' << int(c.cpu) << ", " << task << "],";
        if (i % 10 != 9 && i + 1 < replay.choices.size())
            out << ' ';
    }
    out << (replay.choices.empty() ? "]\n" : "\n]\n");
    return out.str();
}

void saveReplay(const ReplayFile &replay, const std::string &path)
{
    // A scenario path is written relative to the replay's folder, the way
    // loadReplay() reads it, so a saved replay opens from any directory.
    ReplayFile written = replay;
    if (!isBuiltinScenario(replay.scenario)) {
        std::error_code error;
        const std::filesystem::path dir
                = std::filesystem::absolute(std::filesystem::path(path)).parent_path();
        const std::filesystem::path relative = std::filesystem::relative(
                std::filesystem::absolute(replay.scenario, error), dir, error);
        if (!error && !relative.empty())
            written.scenario = relative.string();
    }
    const std::string text = serialiseReplay(written);
    if (text.size() > MaxReplayFileBytes)
        throw ScenarioError(path, 0, 0,
                "the schedule has " + std::to_string(replay.choices.size())
                        + " choices, more than a replay file holds ("
                        + std::to_string(MaxReplayFileBytes >> 20)
                        + " MiB, about 900 000 choices); save an earlier step or stop the run "
                          "sooner (--max-steps)");
    writeFileAtomically(path, text);
}

} // namespace fl
