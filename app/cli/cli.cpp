// SPDX-License-Identifier: GPL-2.0-only
#include "cli/cli.h"

#include "cli/cli_common.h"
#include "cli/lesson_command.h"
#include "cli/usage.h"

#include "scenario/scenario_toml.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <cstring>

using namespace Qt::StringLiterals;

namespace Cli {

namespace {

struct Command
{
    const char *name;
    int (*run)(const QStringList &args);
};

constexpr Command Commands[] = {
        {"run", runCommand},
        {"explore", exploreCommand},
        {"matrix", matrixCommand},
        {"compare", compareCommand},
        {"fixes", fixesCommand},
        {"list", listCommand},
        {"lesson", lessonCommand},
        {"check", checkCommand},
        {"report", reportCommand},
};

bool looksLikeScenarioFile(const char *arg)
{
    const QString path = QString::fromLocal8Bit(arg);
    return path.endsWith(u".toml") || path.contains(u'/') || QFileInfo(path).isFile();
}

} // namespace

bool isCliInvocation(int argc, char **argv)
{
    if (argc < 2)
        return false;
    const char *first = argv[1];
    for (const Command &c : Commands)
        if (std::strcmp(first, c.name) == 0)
            return true;
    if (std::strcmp(first, "help") == 0 || std::strcmp(first, "-h") == 0
            || std::strcmp(first, "--help") == 0 || std::strcmp(first, "--version") == 0)
        return true;
    // Anything else starting with '-' is for Qt's GUI (-platform, -style ...).
    if (first[0] == '-')
        return false;
    // A lone scenario file opens the window on it.
    if (argc == 2 && looksLikeScenarioFile(first))
        return false;
    // Any other word: the CLI explains that it is not a command.
    return true;
}

int main(int argc, char **argv)
{
    setRawArguments(argc, argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"foliolab"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FOLIOLAB_VERSION));

    const QStringList args = QCoreApplication::arguments();
    const QString command = args.value(1);

    if (command == u"--help" || command == u"-h" || command == u"help") {
        out() << usage();
        out().flush();
        return ExitOk;
    }
    if (command == u"--version") {
        out() << "foliolab " << QCoreApplication::applicationVersion() << '\n';
        out().flush();
        return ExitOk;
    }
    QStringList names;
    for (const Command &c : Commands) {
        if (command == QLatin1String(c.name))
            return c.run(args);
        names << QString::fromLatin1(c.name);
    }

    if (!fl::builtinScenarioText(command.toStdString()).empty())
        return badInput(
                u"'%1' is a scenario, not a command: 'foliolab run %1' runs it"_s.arg(command));
    return badInput(u"unknown command '%1'; expected one of: %2 (or a .toml file to open in the "
                    "window)"_s.arg(command, names.join(u", "_s)));
}

} // namespace Cli
