#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# One command from a fresh Debian 12 to the window: installs what is missing,
# builds, and opens FolioLab on scenario l1. Arguments are passed on, e.g.
#   tools/run-app.sh path/to/scenario.toml
#   tools/run-app.sh run l1 --fix wait-on-unlock      (the command line)
# Without a display, run it under xvfb-run -a (see README.md).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/tools/install-deps.sh"
"$root/tools/build.sh"
exec "${BUILD_DIR:-$root/build}/app/foliolab" "$@"
