// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QString>

namespace Cli {

// The text of --help: every command and option, and the exit statuses.
QString usage();

} // namespace Cli
