// SPDX-License-Identifier: GPL-2.0-only
#include "cli/cli_common.h"

#include "kernel/fixes.h"
#include "scenario/scenario_toml.h"

#include <algorithm>
#include <cstring>
#include <vector>

using namespace Qt::StringLiterals;

namespace Cli {

int listCommand(const QStringList &args)
{
    if (args.size() > 2)
        return badInput(u"list: takes no arguments, got: %1"_s.arg(args.mid(2).join(u' ')));
    return guarded(u"list"_s, [] {
        const std::vector<fl::BuiltinScenario> scenarios = fl::builtinScenarios();
        const std::vector<fl::FixInfo> &fixes = fl::fixCatalogue();

        qsizetype width = static_cast<qsizetype>(std::strlen("baseline"));
        for (const fl::BuiltinScenario &s : scenarios)
            width = std::max(width, static_cast<qsizetype>(s.name.size()));
        for (const fl::FixInfo &f : fixes)
            width = std::max(width, static_cast<qsizetype>(f.name.size()));

        QTextStream &o = out();
        o << "Built-in scenarios (foliolab run NAME):\n";
        for (const fl::BuiltinScenario &s : scenarios)
            o << "  " << QString::fromStdString(s.name).leftJustified(width) << "  "
              << QString::fromStdString(s.description) << '\n';
        o << "\nFixes (foliolab run SCENARIO --fix NAME; details: foliolab fixes NAME):\n";
        o << "  " << u"baseline"_s.leftJustified(width) << "  "
          << "the kernel as it is: no fix switched on\n";
        for (const fl::FixInfo &f : fixes)
            o << "  " << fromView(f.name).leftJustified(width) << "  " << fromView(f.summary)
              << '\n';
        o.flush();
        return int(ExitOk);
    });
}

} // namespace Cli
