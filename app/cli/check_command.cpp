// SPDX-License-Identifier: GPL-2.0-only
// foliolab check FILE...: replay each schedule file and compare the model's
// outcome with its Result line, like `lesson verify` does for lessons.
#include "cli/cli_common.h"

#include "schedule/schedule_file.h"
#include "schedule/schedule_run.h"
#include "scenario/scenario_error.h"

#include <QElapsedTimer>

#include <algorithm>
#include <exception>

using namespace Qt::StringLiterals;

namespace Cli {

namespace {

int checkOne(const QString &path, qsizetype width)
{
    QElapsedTimer clock;
    clock.start();
    fl::ScheduleCheck check;
    try {
        const fl::ScheduleFile file = fl::loadSchedule(nativePath(path));
        check = fl::checkSchedule(file, nativePath(path));
    } catch (const fl::ScenarioError &error) {
        out() << u"BAD   "_s << path.leftJustified(width) << "  (cannot be used, see below)\n";
        out().flush();
        err() << QString::fromStdString(error.what()) << '\n';
        err().flush();
        return ExitBadInput;
    } catch (const std::exception &error) {
        out() << u"BAD   "_s << path.leftJustified(width) << '\n';
        out().flush();
        err() << path << ": error: " << QString::fromStdString(error.what()) << '\n';
        err().flush();
        return ExitBadInput;
    }
    out() << (check.pass ? u"PASS  "_s : u"FAIL  "_s) << path.leftJustified(width) << "  "
          << QString::fromStdString(check.outcome.empty() ? "-" : check.outcome) << "  steps "
          << check.steps << "  " << QString::number(double(clock.nsecsElapsed()) / 1e6, 'f', 1)
          << " ms\n";
    out().flush();
    if (!check.pass) {
        err() << path << ':' << check.line << ":1: error: "
              << QString::fromStdString(check.message) << '\n';
        err().flush();
    }
    return check.pass ? ExitOk : ExitInternal;
}

} // namespace

int checkCommand(const QStringList &args)
{
    const QStringList files = args.mid(2);
    if (files.contains(u"--help"_s) || files.contains(u"-h"_s)) {
        out() << "Usage: foliolab check FILE...\n\n"
                 "Replays each schedule file (written by run --save-replay FILE.sched,\n"
                 "explore --out FILE.sched or the window) step by step and compares the\n"
                 "model's outcome with its Result line. One line per file: PASS, FAIL\n"
                 "(with the first step that no longer applies, on stderr) or BAD.\n"
                 "Exit 0 when all pass, 1 when one fails, 2 when one cannot be read.\n";
        out().flush();
        return ExitOk;
    }
    if (files.isEmpty())
        return badInput(u"check: expected one or more schedule files (.sched)"_s);
    qsizetype width = 0;
    for (const QString &f : files)
        width = std::max(width, f.size());
    int status = ExitOk;
    for (const QString &f : files) {
        const int s = checkOne(f, width);
        // A file that cannot be read outranks a failed check.
        if (s == ExitBadInput || status == ExitOk)
            status = std::max(status, s);
    }
    return status;
}

} // namespace Cli
