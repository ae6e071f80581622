// SPDX-License-Identifier: GPL-2.0-only
#include "cli/lesson_command.h"

#include "cli/cli.h"

#include "lesson/lesson_toml.h"
#include "lesson/lesson_verify.h"
#include "scenario/scenario_error.h"

#include <QFileInfo>
#include <QTextStream>

#include <exception>

using namespace Qt::StringLiterals;

namespace Cli {

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int badInput(const QString &message)
{
    err() << "foliolab: " << message << '\n' << "Try 'foliolab --help'.\n";
    err().flush();
    return ExitBadInput;
}

// One lesson: parse, play, report. Returns its exit status.
int verifyOne(const QString &path, qsizetype nameWidth)
{
    fl::Lesson lesson;
    try {
        lesson = fl::loadLesson(path.toStdString());
    } catch (const fl::ScenarioError &error) {
        out() << u"BAD   "_s << path.leftJustified(nameWidth) << "  (cannot be read, see below)\n";
        out().flush();
        err() << QString::fromStdString(error.what()) << '\n';
        err().flush();
        return ExitBadInput;
    }

    fl::LessonVerification v;
    try {
        v = fl::verifyLesson(lesson);
    } catch (const std::exception &error) {
        // A scenario that cannot be built with a fix the lesson toggles, or a
        // fault of the core: the lesson cannot be verified.
        out() << u"FAIL  "_s << path.leftJustified(nameWidth) << "  " << QString::fromStdString(lesson.title)
              << '\n';
        out().flush();
        err() << path << ": error: lesson '" << QString::fromStdString(lesson.title)
              << "': " << QString::fromStdString(error.what()) << '\n';
        err().flush();
        return ExitInternal;
    }

    out() << (v.ok() ? u"PASS  "_s : u"FAIL  "_s) << path.leftJustified(nameWidth) << "  "
          << QString::fromStdString(v.title) << "  goals " << v.goalsMet << '/' << v.goalsTotal
          << "  steps " << v.steps << "  " << QString::number(v.wallMs, 'f', 1) << " ms\n";
    out().flush();
    for (const std::string &failure : v.failures)
        err() << QString::fromStdString(failure) << '\n';
    err().flush();
    return v.ok() ? ExitOk : ExitInternal;
}

} // namespace

QString lessonUsage()
{
    return uR"(  lesson verify FILE...   play each lesson's reference solution headless and
                          check every goal; one line per lesson (title, goals
                          met, steps, wall time). Exit 0 when all pass, 1 when
                          a goal is not met, 2 for a malformed lesson
)"_s;
}

int lessonCommand(const QStringList &args)
{
    const QString sub = args.value(2);
    if (sub == u"--help" || sub == u"-h" || sub == u"help") {
        out() << "Usage: foliolab lesson verify FILE...\n\n" << lessonUsage();
        out().flush();
        return ExitOk;
    }
    if (sub != u"verify")
        return badInput(sub.isEmpty()
                        ? u"lesson: missing subcommand; expected 'verify FILE...'"_s
                        : u"lesson: unknown subcommand '%1'; expected 'verify FILE...'"_s.arg(sub));
    const QStringList files = args.mid(3);
    if (files.isEmpty())
        return badInput(u"lesson verify: expected one or more lesson files (.toml)"_s);
    for (const QString &file : files)
        if (file.startsWith(u'-'))
            return badInput(u"lesson verify: unknown option '%1'; expected lesson files"_s.arg(file));

    qsizetype width = 0;
    for (const QString &file : files)
        width = std::max(width, file.size());
    bool bad = false;
    bool failed = false;
    for (const QString &file : files) {
        const int status = verifyOne(file, width);
        bad = bad || status == ExitBadInput;
        failed = failed || status == ExitInternal;
    }
    // A lesson that cannot be read is the stronger complaint.
    if (bad)
        return ExitBadInput;
    return failed ? ExitInternal : ExitOk;
}

} // namespace Cli
