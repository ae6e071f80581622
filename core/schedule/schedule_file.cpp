// SPDX-License-Identifier: GPL-2.0-only
#include "schedule/schedule_file.h"

#include "io/safe_file.h"
#include "kernel/steps.h"
#include "scenario/scenario_error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <sstream>

namespace fl {

namespace {

struct KindWord {
    LineKind kind;
    std::string_view word; // after the task name, or alone for tick and idle
};
constexpr KindWord kTaskWords[] = {
    {LineKind::Preempted, "preempted"},
    {LineKind::CondResched, "cond_resched"},
    {LineKind::Resched, "resched"},
    {LineKind::SpinOnPtl, "spins-on-ptl"},
};

const char *const kResults[] = {"LIVELOCK", "DEADLOCK", "COMPLETED", "LIMIT", "SAFETY"};

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> words(std::string_view s)
{
    std::vector<std::string_view> out;
    while (true) {
        s = trim(s);
        if (s.empty())
            return out;
        const std::size_t end = std::min(s.find_first_of(" \t"), s.size());
        out.push_back(s.substr(0, end));
        s.remove_prefix(end);
    }
}

// The kernel function of a step key, for the comment after a step line.
std::string_view functionOfKey(std::string_view key)
{
    const StepInfo *info = stepInfoOfKey(key);
    return info ? info->function : std::string_view{};
}

bool isStepKey(std::string_view key)
{
    return !functionOfKey(key).empty();
}

class Parser {
public:
    Parser(std::string_view text, const std::string &source) : m_text(text), m_source(source) {}

    ScheduleFile parse()
    {
        bool sawScenario = false;
        bool inSteps = false;
        ScheduleBlock *open = nullptr;
        int openAt = 0;
        int untimedAt = 0; // the line of 'untimed:'
        std::size_t pos = 0;
        int number = 0;
        while (pos <= m_text.size()) {
            const std::size_t nl = std::min(m_text.find('\n', pos), m_text.size());
            std::string_view raw = m_text.substr(pos, nl - pos);
            pos = nl + 1;
            ++number;
            if (raw.size() > 1 && raw[0] == '|' && (raw[1] == ' ' || raw[1] == '\r')) {
                if (inSteps || m_file.scenario != "inline")
                    fail(number, 1, "a '| ' line belongs to an inline scenario, right after "
                                    "'scenario: inline'");
                if (m_file.inlineLine == 0)
                    m_file.inlineLine = number;
                m_file.inlineScenario += std::string(trim(raw.substr(1)).empty() ? "" : raw.substr(2));
                m_file.inlineScenario += '\n';
                continue;
            }
            if (raw == "|" && m_file.scenario == "inline" && !inSteps) {
                if (m_file.inlineLine == 0)
                    m_file.inlineLine = number;
                m_file.inlineScenario += '\n';
                continue;
            }
            const std::string_view content = trim(raw.substr(0, raw.find('#')));
            if (content.empty())
                continue;
            const int column = static_cast<int>(raw.find(content.front())) + 1;
            const std::size_t colon = content.find(':');
            const bool header = colon != std::string_view::npos && !content.starts_with("CPU")
                    && content != "cycle:" && content != "untimed:" && content != "then: chooser"
                    && content.find(' ') > colon;
            if (header) {
                if (inSteps)
                    fail(number, column, "'" + std::string(content.substr(0, colon))
                                             + ":' comes after the steps; the header goes first");
                headerLine(content.substr(0, colon), trim(content.substr(colon + 1)), number,
                           column, sawScenario);
                continue;
            }
            inSteps = true;
            if (m_file.chooserTail)
                fail(number, column, "nothing may follow 'then: chooser'");
            if (content == "then: chooser") {
                if (open)
                    fail(number, column, "'then: chooser' inside a repeated block");
                m_file.chooserTail = true;
                continue;
            }
            if (content == "untimed:") {
                if (open)
                    fail(number, column,
                            "'untimed:' inside a repeated block; close it with '}' first");
                if (m_file.untimedBlock >= 0)
                    fail(number, column, "a second 'untimed:'; the timed prefix ends once");
                if (m_file.cycleBlock >= 0)
                    fail(number, column,
                            "'untimed:' after 'cycle:'; the timed prefix comes "
                            "before the cycle");
                if (m_file.blocks.empty())
                    fail(number, column,
                            "'untimed:' before any step; it ends a timed prefix "
                            "(leave it out when every step is untimed)");
                m_file.untimedBlock = static_cast<std::int64_t>(m_file.blocks.size());
                untimedAt = number;
                continue;
            }
            if (content == "cycle:") {
                if (open)
                    fail(number, column, "'cycle:' inside a repeated block; close it with '}' first");
                if (m_file.cycleBlock >= 0)
                    fail(number, column, "a second 'cycle:'; a lasso has one cycle");
                m_file.cycleBlock = static_cast<std::int64_t>(m_file.blocks.size());
                continue;
            }
            if (content == "}") {
                if (!open)
                    fail(number, column, "'}' without a repeated block to close");
                if (open->lines.empty())
                    fail(number, column, "an empty repeated block");
                open = nullptr;
                continue;
            }
            if (content.starts_with("×") || content.starts_with("x")) {
                if (open)
                    fail(number, column, "repeated blocks do not nest");
                const std::size_t skip = content.starts_with("×") ? std::strlen("×") : 1;
                const std::vector<std::string_view> w = words(content.substr(skip));
                std::uint64_t n = 0;
                if (w.size() != 2 || w[1] != "{" || !number64(w[0], n) || n < 1)
                    fail(number, column, "expected '×N {' (a count of at least 1, then '{')");
                m_file.blocks.push_back(ScheduleBlock{n, {}, {}});
                open = &m_file.blocks.back();
                openAt = number;
                continue;
            }
            const ScheduleLine line = stepLine(content, number, column);
            if (open) {
                open->lines.push_back(line);
                open->at.push_back(number);
            } else {
                m_file.blocks.push_back(ScheduleBlock{1, {line}, {number}});
            }
        }
        if (open)
            fail(openAt, 1, "this repeated block is never closed; expected '}'");
        if (!sawScenario)
            fail(1, 1, "missing 'scenario:' (a built-in name, a path, or inline)");
        if (m_file.result.empty())
            fail(1, 1, "missing 'Result:' (the expected outcome, e.g. 'Result: LIVELOCK')");
        if (m_file.cycle >= 0 && m_file.cycleBlock < 0)
            fail(m_file.resultLine, 1, "'Result: ... cycle=N' needs a 'cycle:' line before the cycle's steps");
        if (m_file.cycleBlock >= 0 && !m_file.untimed)
            fail(m_file.resultLine, 1, "a 'cycle:' is for untimed lassos; expected 'time: untimed'");
        if (m_file.untimedBlock >= 0 && !m_file.untimed)
            fail(untimedAt, 1,
                    "'untimed:' ends the timed prefix of an untimed schedule; "
                    "expected 'time: untimed' in the header");
        if (m_file.chooserTail && m_file.untimed)
            fail(m_file.resultLine, 1, "'then: chooser' is for timed runs; an untimed schedule "
                                       "lists every step");
        return m_file;
    }

private:
    [[noreturn]] void fail(int line, int column, const std::string &message) const
    {
        throw ScenarioError(m_source, line, column, message);
    }

    static bool number64(std::string_view s, std::uint64_t &out)
    {
        if (s.empty() || s.size() > 20)
            return false;
        out = 0;
        for (char c : s) {
            if (c < '0' || c > '9')
                return false;
            const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
            if (out > (UINT64_MAX - digit) / 10)
                return false;
            out = out * 10 + digit;
        }
        return true;
    }

    void headerLine(std::string_view key, std::string_view value, int line, int column,
                    bool &sawScenario)
    {
        const int valueColumn = column + static_cast<int>(key.size()) + 2;
        if (key == "scenario") {
            if (value.empty())
                fail(line, valueColumn, "'scenario:' is empty; expected a built-in name, a path or inline");
            m_file.scenario = std::string(value);
            sawScenario = true;
        } else if (key == "fixes") {
            m_file.fixes.clear();
            for (std::string_view w : words(value)) {
                std::string_view rest = w;
                while (!rest.empty()) {
                    const std::size_t sep = std::min(rest.find_first_of("+,"), rest.size());
                    if (sep > 0 && rest.substr(0, sep) != "baseline")
                        m_file.fixes.emplace_back(rest.substr(0, sep));
                    rest.remove_prefix(std::min(sep + 1, rest.size()));
                }
            }
        } else if (key == "preempt") {
            if (value != "none" && value != "voluntary" && value != "full" && value != "rt")
                fail(line, valueColumn, "unknown preemption model '" + std::string(value)
                                            + "'; expected none, voluntary, full or rt");
            m_file.preempt = std::string(value);
        } else if (key == "rcu") {
            if (value != "preemptible" && value != "non-preemptible")
                fail(line, valueColumn, "unknown RCU flavour '" + std::string(value)
                                            + "'; expected preemptible or non-preemptible");
            m_file.rcu = std::string(value);
        } else if (key == "seed") {
            if (!number64(value, m_file.seed))
                fail(line, valueColumn, "'seed:' must be a whole number from 0 to 2^64-1");
        } else if (key == "time") {
            if (value != "timed" && value != "untimed")
                fail(line, valueColumn, "'time:' must be timed or untimed");
            m_file.untimed = value == "untimed";
        } else if (key == "Result") {
            const std::vector<std::string_view> w = words(value);
            const bool known = !w.empty()
                               && std::find(std::begin(kResults), std::end(kResults), w[0])
                                      != std::end(kResults);
            if (!known || w.size() > 2)
                fail(line, valueColumn,
                     "expected 'Result: LIVELOCK', DEADLOCK, COMPLETED, LIMIT or SAFETY, "
                     "optionally followed by cycle=N");
            m_file.result = std::string(w[0]);
            m_file.resultLine = line;
            if (w.size() == 2) {
                std::uint64_t n = 0;
                if (!w[1].starts_with("cycle=") || !number64(w[1].substr(6), n) || n == 0)
                    fail(line, valueColumn + static_cast<int>(w[0].size()) + 1,
                         "expected cycle=N, the number of steps of the cycle");
                m_file.cycle = static_cast<std::int64_t>(n);
            }
        } else {
            fail(line, column, "unknown header '" + std::string(key)
                                   + ":'; expected scenario, fixes, preempt, rcu, seed, time or "
                                     "Result");
        }
    }

    ScheduleLine stepLine(std::string_view content, int line, int column) const
    {
        const std::vector<std::string_view> w = words(content);
        ScheduleLine out;
        const std::string_view cpu = w[0];
        std::uint64_t n = 0;
        if (!cpu.starts_with("CPU") || !number64(cpu.substr(3), n) || n >= MaxCpus)
            fail(line, column,
                    "expected a step line 'CPUn ...' (n from 0 to " + std::to_string(MaxCpus - 1)
                            + "), a header 'key: value', "
                              "'×N {', '}', 'untimed:' or 'cycle:'");
        out.cpu = static_cast<CpuId>(n);
        const std::string expected =
            "after '" + std::string(cpu)
            + "': tick, idle, timer TASK, switch TASK, or TASK followed by a step key (e.g. "
              "swap.trylock), preempted, cond_resched, resched or spins-on-ptl";
        const int at = column + static_cast<int>(cpu.size()) + 1;
        if (w.size() == 2 && (w[1] == "tick" || w[1] == "idle")) {
            out.kind = w[1] == "tick" ? LineKind::Tick : LineKind::Idle;
            return out;
        }
        if (w.size() != 3)
            fail(line, at, "expected " + expected);
        if (w[1] == "timer" || w[1] == "switch") {
            out.kind = w[1] == "timer" ? LineKind::Timer : LineKind::Switch;
            out.task = std::string(w[2]);
            return out;
        }
        out.task = std::string(w[1]);
        for (const KindWord &k : kTaskWords)
            if (w[2] == k.word) {
                out.kind = k.kind;
                return out;
            }
        if (!isStepKey(w[2]))
            fail(line, at + static_cast<int>(w[1].size()) + 1,
                 "unknown step '" + std::string(w[2]) + "'; expected " + expected
                     + " (`foliolab fixes NAME` lists the steps)");
        out.kind = LineKind::Step;
        out.step = std::string(w[2]);
        return out;
    }

    std::string_view m_text;
    const std::string &m_source;
    ScheduleFile m_file;
};


} // namespace

const StepInfo *stepInfoOfKey(std::string_view key)
{
    static const std::map<std::string_view, const StepInfo *> byKey = [] {
        std::map<std::string_view, const StepInfo *> m;
        for (int i = 0; i < static_cast<int>(StepId::Count); ++i) {
            const StepInfo &info = stepInfo(static_cast<StepId>(i));
            m.emplace(info.key, &info);
        }
        return m;
    }();
    const auto it = byKey.find(key);
    return it == byKey.end() ? nullptr : it->second;
}

std::string lineText(const ScheduleLine &line)
{
    std::string out = "CPU" + std::to_string(line.cpu) + ' ';
    switch (line.kind) {
    case LineKind::Step: return out + line.task + ' ' + line.step;
    case LineKind::Tick: return out + "tick";
    case LineKind::Idle: return out + "idle";
    case LineKind::Timer: return out + "timer " + line.task;
    case LineKind::Switch: return out + "switch " + line.task;
    case LineKind::Preempted:
    case LineKind::CondResched:
    case LineKind::Resched:
    case LineKind::SpinOnPtl:
        for (const KindWord &k : kTaskWords)
            if (k.kind == line.kind)
                return out + line.task + ' ' + std::string(k.word);
    }
    return out;
}

std::vector<ScheduleLine> ScheduleFile::expanded(
        std::vector<int> *at, std::int64_t *cycleStart, std::int64_t *untimedFrom) const
{
    std::vector<ScheduleLine> out;
    if (cycleStart)
        *cycleStart = -1;
    if (untimedFrom)
        *untimedFrom = 0;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
        if (cycleStart && static_cast<std::int64_t>(b) == cycleBlock)
            *cycleStart = static_cast<std::int64_t>(out.size());
        if (untimedFrom && static_cast<std::int64_t>(b) == untimedBlock)
            *untimedFrom = static_cast<std::int64_t>(out.size());
        const ScheduleBlock &block = blocks[b];
        for (std::uint64_t r = 0; r < block.repeat; ++r) {
            out.insert(out.end(), block.lines.begin(), block.lines.end());
            if (at)
                at->insert(at->end(), block.at.begin(), block.at.end());
        }
    }
    if (cycleStart && cycleBlock == static_cast<std::int64_t>(blocks.size()))
        *cycleStart = static_cast<std::int64_t>(out.size());
    if (untimedFrom && untimedBlock == static_cast<std::int64_t>(blocks.size()))
        *untimedFrom = static_cast<std::int64_t>(out.size());
    return out;
}

bool looksLikeSchedule(std::string_view text)
{
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t nl = std::min(text.find('\n', pos), text.size());
        const std::string_view line = trim(text.substr(pos, nl - pos));
        pos = nl + 1;
        if (line.empty() || line.front() == '#')
            continue;
        return line.starts_with("scenario:");
    }
    return false;
}

ScheduleFile parseSchedule(std::string_view text, const std::string &sourceName)
{
    return Parser(text, sourceName).parse();
}

ScheduleFile loadSchedule(const std::string &path)
{
    return parseSchedule(readInputFile(path), path);
}

std::vector<ScheduleBlock> foldLines(const std::vector<ScheduleLine> &lines)
{
    // Compare small numbers, not strings.
    std::map<std::string, int> ids;
    std::vector<int> id(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i)
        id[i] = ids.emplace(lineText(lines[i]), static_cast<int>(ids.size())).first->second;

    constexpr std::size_t kMaxPeriod = 64;
    std::vector<ScheduleBlock> out;
    std::size_t i = 0;
    const std::size_t n = lines.size();
    while (i < n) {
        std::size_t bestPeriod = 1, bestRepeat = 1;
        for (std::size_t p = 1; p <= kMaxPeriod && i + 2 * p <= n; ++p) {
            std::size_t r = 1;
            while (i + (r + 1) * p <= n
                   && std::equal(id.begin() + static_cast<std::ptrdiff_t>(i),
                                 id.begin() + static_cast<std::ptrdiff_t>(i + p),
                                 id.begin() + static_cast<std::ptrdiff_t>(i + r * p)))
                ++r;
            if (r >= 2 && r * p > bestRepeat * bestPeriod) {
                bestPeriod = p;
                bestRepeat = r;
            }
        }
        // Fold only where it saves at least three lines of text.
        if (bestRepeat >= 2 && (bestRepeat - 1) * bestPeriod >= 3 + 2) {
            ScheduleBlock b;
            b.repeat = bestRepeat;
            b.lines.assign(lines.begin() + static_cast<std::ptrdiff_t>(i),
                           lines.begin() + static_cast<std::ptrdiff_t>(i + bestPeriod));
            out.push_back(std::move(b));
            i += bestPeriod * bestRepeat;
        } else {
            out.push_back(ScheduleBlock{1, {lines[i]}, {}});
            ++i;
        }
    }
    return out;
}

std::string serialiseSchedule(const ScheduleFile &file)
{
    std::ostringstream out;
    out << "# FolioLab schedule: check it with `foliolab check FILE`, replay it with\n"
           "# `foliolab run --replay FILE`. One line per step: CPU, task, step.\n";
    out << "scenario: " << file.scenario << '\n';
    if (file.scenario == "inline") {
        std::istringstream in(file.inlineScenario);
        for (std::string l; std::getline(in, l);)
            out << (l.empty() ? "|" : "| " + l) << '\n';
    }
    out << "fixes: ";
    if (file.fixes.empty())
        out << "baseline";
    for (std::size_t i = 0; i < file.fixes.size(); ++i)
        out << (i ? "+" : "") << file.fixes[i];
    out << '\n';
    if (!file.preempt.empty())
        out << "preempt: " << file.preempt << '\n';
    if (!file.rcu.empty())
        out << "rcu: " << file.rcu << '\n';
    out << "seed: " << file.seed << '\n';
    out << "time: " << (file.untimed ? "untimed" : "timed") << '\n';
    out << "Result: " << file.result;
    if (file.cycle >= 0)
        out << " cycle=" << file.cycle;
    out << "\n\n";
    auto writeLine = [&](const ScheduleLine &line, const char *indent) {
        std::string text = indent + lineText(line);
        if (line.kind == LineKind::Step) {
            text.resize(std::max<std::size_t>(text.size() + 2, 34), ' ');
            text += "# " + std::string(functionOfKey(line.step));
        }
        out << text << '\n';
    };
    constexpr const char *untimedLine
            = "untimed:                          # above: the runner's timed run; below: the "
              "untimed model, ticks and timers are steps of their own\n";
    for (std::size_t b = 0; b < file.blocks.size(); ++b) {
        if (static_cast<std::int64_t>(b) == file.untimedBlock)
            out << untimedLine;
        if (static_cast<std::int64_t>(b) == file.cycleBlock)
            out << "cycle:\n";
        const ScheduleBlock &block = file.blocks[b];
        if (block.repeat == 1) {
            for (const ScheduleLine &line : block.lines)
                writeLine(line, "");
            continue;
        }
        out << "×" << block.repeat << " {\n";
        for (const ScheduleLine &line : block.lines)
            writeLine(line, "  ");
        out << "}\n";
    }
    if (file.untimedBlock == static_cast<std::int64_t>(file.blocks.size()))
        out << untimedLine;
    if (file.cycleBlock == static_cast<std::int64_t>(file.blocks.size()))
        out << "cycle:\n";
    if (file.chooserTail)
        out << "then: chooser                     # the seed's timed chooser, to the verdict\n";
    return out.str();
}

void saveSchedule(const ScheduleFile &file, const std::string &path)
{
    writeFileAtomically(path, serialiseSchedule(file));
}

} // namespace fl
