// SPDX-License-Identifier: GPL-2.0-only
#include "cli/lesson_command.h"

#include "cli/cli_common.h"

#include "lesson/lesson_catalogue.h"
#include "lesson/lesson_toml.h"
#include "lesson/lesson_verify.h"
#include "scenario/scenario_error.h"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <vector>

using namespace Qt::StringLiterals;

namespace Cli {

namespace {

// One lesson: parse, play, report. Returns its exit status.
int verifyOne(const QString &path, qsizetype nameWidth)
{
    fl::Lesson lesson;
    try {
        // A built-in id ("01-device-private-fault") unless a file has that name.
        const std::string arg = nativePath(path);
        std::error_code missing;
        if (std::filesystem::exists(arg, missing))
            lesson = fl::loadLesson(arg);
        else if (!fl::builtinLessonText(arg).empty())
            lesson = fl::loadBuiltinLesson(arg);
        else
            throw fl::ScenarioError(arg, 0, 0,
                    "no such lesson file, and no built-in lesson of that name; expected a "
                    ".toml file or an id listed by 'foliolab lesson list'");
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
        out() << u"FAIL  "_s << path.leftJustified(nameWidth) << "  "
              << QString::fromStdString(lesson.title) << '\n';
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

int listCommand()
{
    const std::vector<fl::BuiltinLesson> lessons = fl::builtinLessons();
    qsizetype width = 0;
    for (const fl::BuiltinLesson &l : lessons)
        width = std::max(width, static_cast<qsizetype>(l.id.size()));
    out() << "The course, built in (foliolab lesson verify ID plays one):\n";
    for (const fl::BuiltinLesson &l : lessons)
        out() << "  " << QString::fromStdString(l.id).leftJustified(width) << "  level " << l.level
              << "  " << QString::number(l.minutes).rightJustified(3) << " min  "
              << QString::fromStdString(l.title) << '\n';
    out().flush();
    return ExitOk;
}

} // namespace

QString lessonUsage()
{
    return uR"(  lesson list             list the built-in lessons (the course)
  lesson verify LESSON... play each lesson (a .toml file or a built-in id)
                          headless with its reference solution and check every
                          goal; one line per lesson (title, goals met, steps,
                          wall time). Exit 0 when all pass, 1 when a goal is
                          not met, 2 for a malformed lesson
)"_s;
}

int lessonCommand(const QStringList &args)
{
    const QString sub = args.value(2);
    if (sub == u"--help" || sub == u"-h" || sub == u"help") {
        out() << "Usage: foliolab lesson list | verify LESSON...\n\n" << lessonUsage();
        out().flush();
        return ExitOk;
    }
    if (sub == u"list") {
        if (args.size() > 3)
            return badInput(
                    u"lesson list: takes no arguments, got: %1"_s.arg(args.mid(3).join(u' ')));
        return listCommand();
    }
    if (sub != u"verify")
        return badInput(sub.isEmpty()
                        ? u"lesson: missing subcommand; expected 'list' or 'verify LESSON...'"_s
                        : u"lesson: unknown subcommand '%1'; expected 'list' or 'verify "
                          "LESSON...'"_s.arg(sub));
    const QStringList files = args.mid(3);
    if (files.isEmpty())
        return badInput(u"lesson verify: expected one or more lessons (.toml files or built-in "
                        "ids, see 'foliolab lesson list')"_s);
    for (const QString &file : files)
        if (file.startsWith(u'-'))
            return badInput(
                    u"lesson verify: unknown option '%1'; expected lesson files"_s.arg(file));

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
