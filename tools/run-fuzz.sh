#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tools/run-fuzz.sh [SECONDS]   (default 60 per target)
#
# Builds the libFuzzer targets of tests/fuzz with Debian's clang into
# build-fuzz/ (or FUZZ_BUILD_DIR), replays every file of
# tests/fuzz/regressions/TARGET/ (inputs that once crashed: keep them
# there), then fuzzes each target for SECONDS from the seed corpus
# tests/fuzz/corpus/TARGET/ with the format's dictionary. New inputs go to
# build-fuzz/corpus/, a crash to build-fuzz/crashes/ and fails the script:
# copy it into tests/fuzz/regressions/TARGET/ with the fix.
#
# FUZZ_SEED=N and FUZZ_RUNS=N make a run reproducible: libFuzzer's random
# seed and a number of inputs per target (stopping at SECONDS if that comes
# first). CI uses both, so a green CI here is a green CI there.
set -euo pipefail

seconds=${1:-60}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${FUZZ_BUILD_DIR:-$root/build-fuzz}
"$root/tools/install-deps.sh"

flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
if [[ ! -f $build_dir/build.ninja ]]; then
    cmake -S "$root" -B "$build_dir" -G Ninja \
        -DCMAKE_CXX_COMPILER=clang++ \
        -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
        -DFOLIOLAB_CLI_ONLY=ON -DFOLIOLAB_FUZZ=ON \
        -DCMAKE_CXX_FLAGS="$flags" \
        -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
fi
targets=(scenario lesson replay workspace)
cmake --build "$build_dir" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$build_dir/crashes"
status=0
for target in "${targets[@]}"; do
    fuzzer=$build_dir/tests/fuzz/fuzz_$target
    regressions=("$root/tests/fuzz/regressions/$target"/*)
    if [[ -e ${regressions[0]} ]]; then
        echo "run-fuzz: $target: replaying ${#regressions[@]} regression inputs"
        "$fuzzer" -rss_limit_mb=2048 "${regressions[@]}" || status=1
    fi
    corpus=$build_dir/corpus/$target
    mkdir -p "$corpus"
    echo "run-fuzz: $target: fuzzing for $seconds s"
    extra=()
    [[ -n ${FUZZ_SEED:-} ]] && extra+=(-seed="$FUZZ_SEED")
    [[ -n ${FUZZ_RUNS:-} ]] && extra+=(-runs="$FUZZ_RUNS")
    "$fuzzer" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
        "${extra[@]}" \
        -dict="$root/tests/fuzz/foliolab.dict" \
        -artifact_prefix="$build_dir/crashes/$target-" \
        -print_final_stats=1 \
        "$corpus" "$root/tests/fuzz/corpus/$target" || status=1
done
exit $status
