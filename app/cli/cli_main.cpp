// SPDX-License-Identifier: GPL-2.0-only
// main() of the command-line-only build (app/cli/CMakeLists.txt): what
// would open the window says what to do instead, as main.cpp does without
// a display.
#include "cli/cli.h"
#include "displaycheck.h"

#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    if (Cli::isCliInvocation(argc, argv))
        return Cli::main(argc, argv);
    QString message = DisplayCheck::missingDisplayMessage(argc, argv);
    if (message.isEmpty())
        message = u"foliolab: this build has no window (FOLIOLAB_CLI_ONLY); use the command "
                  "line: foliolab run l1 (foliolab --help lists the commands).\n"_s;
    QTextStream(stderr) << message;
    return Cli::ExitBadInput;
}
