#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tools/soak.sh [MINUTES] [ROUNDS]   (defaults 10 and 30)
#
# A measurement, not a test (issue 16): the window running l1 at full speed
# for MINUTES offscreen, then the explorer on a bounded search ROUNDS times,
# each printing its resident memory every sample, and each process's peak
# resident memory from /usr/bin/time. Not part of CI.
set -euo pipefail

minutes=${1:-10}
rounds=${2:-30}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
"$root/tools/install-deps.sh"
cmake --build "$build_dir" --target soak_gui
echo "soak: load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
export QT_QPA_PLATFORM=offscreen
/usr/bin/time -f 'soak: window: peak rss %M KiB, %e s, %P cpu' \
    "$build_dir/tests/app/soak_gui" window "$minutes"
/usr/bin/time -f 'soak: explorer: peak rss %M KiB, %e s, %P cpu' \
    "$build_dir/tests/app/soak_gui" explore "$rounds"
echo "soak: load after: $(cut -d' ' -f1-3 /proc/loadavg)"
