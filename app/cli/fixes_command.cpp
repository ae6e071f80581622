// SPDX-License-Identifier: GPL-2.0-only
#include "cli/cli_common.h"
#include "cli/usage.h"

#include "kernel/fixes.h"
#include "kernel/listing_diff.h"
#include "kernel/steps.h"
#include "report/fix_sets.h"

#include <string_view>
#include <vector>

using namespace Qt::StringLiterals;

namespace Cli {

namespace {

// Wraps `text` at 76 columns, every line after the first indented.
QString wrapped(const QString &text, qsizetype indent)
{
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    QString out, line;
    for (const QString &word : words) {
        if (!line.isEmpty() && indent + line.size() + 1 + word.size() > 76) {
            out += line + u'\n' + QString(indent, u' ');
            line.clear();
        }
        line += (line.isEmpty() ? QString() : u" "_s) + word;
    }
    return out + line;
}

void printFix(const fl::FixInfo &f)
{
    QTextStream &o = out();
    o << fromView(f.name);
    if (!f.label.empty())
        o << " (" << fromView(f.label) << ')'; // the domain spec's name: F1, F4b, ...
    o << '\n';
    const qsizetype indent = 11;
    o << "  who:     " << wrapped(fromView(f.who), indent) << '\n';
    o << "  when:    " << wrapped(fromView(f.when), indent) << '\n';
    o << "  summary: " << wrapped(fromView(f.summary), indent) << '\n';
    o << "  risks:   " << wrapped(fromView(f.risks), indent) << '\n';
    if (!f.status.empty())
        o << "  status:  " << wrapped(fromView(f.status), indent) << '\n';
}

// The step's text, prefixed with its function when that is not the
// listing's own (a helper the listing calls).
QString stepLine(fl::StepId id, std::string_view listingFunction)
{
    const fl::StepInfo &info = fl::stepInfo(id);
    if (info.function == listingFunction)
        return fromView(info.text);
    return fromView(info.function) + u": "_s + fromView(info.text);
}

// Within each run of changed lines, removals first, as diff(1) prints them.
std::vector<fl::DiffLine> removalsFirst(const std::vector<fl::DiffLine> &lines)
{
    std::vector<fl::DiffLine> out;
    std::vector<fl::DiffLine> added;
    for (const fl::DiffLine &line : lines) {
        if (line.op == fl::DiffOp::Added) {
            added.push_back(line);
            continue;
        }
        if (line.op == fl::DiffOp::Same) {
            out.insert(out.end(), added.begin(), added.end());
            added.clear();
        }
        out.push_back(line);
    }
    out.insert(out.end(), added.begin(), added.end());
    return out;
}

// The listing diff as a unified diff: one file header per listing, a hunk
// header naming the function, then every step of the listing (the listings
// are short, so the whole listing is the context).
void printDiff(const fl::ParsedFixSet &set)
{
    QTextStream &o = out();
    const std::vector<fl::ListingDiff> diffs = fl::listingDiff(fl::FixSet {}, set.set);
    const QString label = QString::fromStdString(set.label);
    if (diffs.empty()) {
        o << "\nNo listing differs from baseline.\n";
        return;
    }
    for (const fl::ListingDiff &d : diffs) {
        const QString file = fromView(d.file);
        o << "\n--- baseline/" << file << '\n';
        o << "+++ " << label << '/' << file << '\n';
        int removed = 0, added = 0;
        for (const fl::DiffLine &line : d.lines) {
            removed += line.op != fl::DiffOp::Added;
            added += line.op != fl::DiffOp::Removed;
        }
        o << "@@ -1," << removed << " +1," << added << " @@ " << fromView(d.function) << "()\n";
        for (const fl::DiffLine &line : removalsFirst(d.lines)) {
            const char op = line.op == fl::DiffOp::Same ? ' '
                    : line.op == fl::DiffOp::Removed    ? '-'
                                                        : '+';
            o << op << stepLine(line.step, d.function) << '\n';
        }
    }
}

} // namespace

int fixesCommand(const QStringList &args)
{
    QCommandLineParser parser;
    if (auto status = parseCommandLine(parser, args, u"fixes"_s, usage()))
        return *status;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return badInput(u"fixes: expected at most one NAME, got: %1"_s.arg(positional.join(u' ')));

    return guarded(u"fixes"_s, [&] {
        if (positional.isEmpty()) {
            out() << "The fixes of the thread (foliolab fixes NAME shows one with its diff):\n\n";
            bool first = true;
            for (const fl::FixInfo &f : fl::fixCatalogue()) {
                if (!first)
                    out() << '\n';
                first = false;
                printFix(f);
            }
            out() << "\nCombinations discussed in the thread (foliolab run SCENARIO --fix SET):\n";
            for (std::string_view combination : fl::fixCombinations())
                out() << "  " << fromView(combination) << '\n';
            out() << "\nKernel releases (--kernel VERSION):\n";
            for (const fl::KernelPreset &preset : fl::kernelPresets())
                out() << "  " << fromView(preset.version).leftJustified(5) << ' '
                      << fromView(preset.fixes) << ": " << fromView(preset.what) << '\n';
            out().flush();
            return int(ExitOk);
        }
        const fl::ParsedFixSet set = fl::parseFixSetNames(positional.front().toStdString());
        if (!set.error.empty())
            return badInput(u"fixes: "_s + QString::fromStdString(set.error));
        if (set.set.isBaseline()) {
            out() << "baseline\n  the kernel as it is (v6.15 and later before the fix): the "
                     "folio trylock in do_swap_page, and a spin when it fails\n";
            out().flush();
            return int(ExitOk);
        }
        bool first = true;
        for (const fl::FixInfo &f : fl::fixCatalogue())
            if (set.set.has(f.fix)) {
                if (!first)
                    out() << '\n';
                first = false;
                printFix(f);
            }
        printDiff(set);
        out().flush();
        return int(ExitOk);
    });
}

} // namespace Cli
