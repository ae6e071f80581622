// SPDX-License-Identifier: GPL-2.0-only
#pragma once

// The command-line front end: `foliolab run ...`, `foliolab list`. It runs
// before any GUI object exists, so it works without a display (CI, ssh, a
// reviewer re-checking a result).
namespace Cli {

enum ExitCode : int {
    ExitOk = 0, // a verdict was reached, whichever it is
    ExitInternal = 1, // the core broke one of its own invariants
    ExitBadInput = 2, // the scenario, a command or an option value is wrong
};

// Does this command line ask for the CLI rather than the window? True for a
// command word (run, list, help, or an unknown word, which the CLI then
// refuses), -h/--help and --version; false without arguments, for options
// meant for Qt (-platform ...), and for a single scenario file to open.
bool isCliInvocation(int argc, char **argv);

// Runs the command line and returns the process exit status. Creates only a
// QCoreApplication.
int main(int argc, char **argv);

} // namespace Cli
