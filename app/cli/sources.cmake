# SPDX-License-Identifier: GPL-2.0-only
# The command line's sources, relative to app/: one list for the window's
# library (app/CMakeLists.txt) and the command-line-only build
# (app/cli/CMakeLists.txt), so a new command is added in one place.
set(FOLIOLAB_CLI_SOURCES
    units.h units.cpp
    displaycheck.h displaycheck.cpp
    mailreport.h mailreport.cpp
    cli/cli.h cli/cli.cpp
    cli/cli_common.h cli/cli_common.cpp
    cli/usage.h cli/usage.cpp
    cli/run_command.cpp
    cli/list_command.cpp
    cli/matrix_command.cpp
    cli/compare_command.cpp
    cli/fixes_command.cpp
    cli/explore_command.cpp
    cli/lesson_command.h cli/lesson_command.cpp
    cli/check_command.cpp
    cli/report_command.cpp
)
