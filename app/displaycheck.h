// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QString>

// Qt aborts (SIGABRT) when the window is asked for and no display can be
// reached. Decided before QApplication exists, from the environment and the
// -platform option, so the user gets a sentence and exit status 2 instead.
namespace DisplayCheck {

// Empty when the window can open; else what to do instead.
QString missingDisplayMessage(int argc, char **argv);

} // namespace DisplayCheck
