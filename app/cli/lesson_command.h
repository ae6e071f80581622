// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QStringList>

// `foliolab lesson list` prints the built-in course; `foliolab lesson verify
// LESSON...` plays each lesson's reference solution headless and checks every
// goal (CI runs it on the whole course).
namespace Cli {

// `args` is the whole command line (program name, "lesson", ...). Returns
// 0 when every lesson passes, 1 when a lesson's solution misses a goal or
// cannot be played, 2 for bad input (a malformed lesson, a bad command line).
int lessonCommand(const QStringList &args);

// The lines of `foliolab --help` about the lesson command.
QString lessonUsage();

} // namespace Cli
