# SPDX-License-Identifier: GPL-2.0-only
# Runs COMMAND (a ;-list) and checks its exit status against EXPECT_EXIT and
# its stderr against the regular expression EXPECT_STDERR (when given).
# ctest alone can only tell zero from non-zero; the lesson command's 1 and 2
# mean different things.
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE status
    OUTPUT_VARIABLE out ERROR_VARIABLE err)
if (NOT status STREQUAL EXPECT_EXIT)
    message(FATAL_ERROR "exit status ${status}, expected ${EXPECT_EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if (DEFINED EXPECT_STDERR AND NOT err MATCHES "${EXPECT_STDERR}")
    message(FATAL_ERROR "stderr does not match '${EXPECT_STDERR}':\n${err}")
endif()
if (DEFINED EXPECT_STDOUT AND NOT out MATCHES "${EXPECT_STDOUT}")
    message(FATAL_ERROR "stdout does not match '${EXPECT_STDOUT}':\n${out}")
endif()
