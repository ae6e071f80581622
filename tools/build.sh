#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Configures (once) and builds FolioLab into build/ with Ninja. Shared by
# run-app.sh and run-tests.sh; BUILD_DIR and BUILD_TYPE override the defaults.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}
build_type=${BUILD_TYPE:-Release}

if [[ ! -f $build_dir/build.ninja ]]; then
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type"
fi
cmake --build "$build_dir" --parallel "$(nproc)"
