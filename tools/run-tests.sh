#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# One command from a fresh Debian 12 to a tested build: installs what is
# missing, builds, and runs every test (GUI tests run offscreen; no display
# needed). Exits with ctest's status. Extra arguments go to ctest, e.g.
#   tools/run-tests.sh -L gui        (only the GUI tests)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/tools/install-deps.sh"
"$root/tools/build.sh"
ctest --test-dir "${BUILD_DIR:-$root/build}" --output-on-failure -j2 "$@"
