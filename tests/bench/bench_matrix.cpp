// SPDX-License-Identifier: GPL-2.0-only
// The matrix on all cores: wall time of the default matrix (every built-in x
// voluntary, full, rt x every default fix set; issue 3 asks for "within
// seconds") and of one scenario's rows. Registered into foliolab_bench.
#include "report/matrix.h"

#include <benchmark/benchmark.h>

namespace {

void runMatrix(benchmark::State &state, fl::MatrixRequest request)
{
    std::uint64_t runs = 0;
    for (auto _ : state)
        runs += fl::runMatrix(request).runs;
    state.counters["runs"] = static_cast<double>(runs) / static_cast<double>(state.iterations());
    state.counters["runs_per_s"] =
            benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsRate);
}

void BM_MatrixDefault(benchmark::State &state)
{
    runMatrix(state, {});
}

void BM_MatrixL1(benchmark::State &state)
{
    fl::MatrixRequest request;
    request.scenarios = {"l1"};
    runMatrix(state, request);
}

} // namespace

// Wall time, not CPU time of the calling thread: the work is on every core.
BENCHMARK(BM_MatrixDefault)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);
BENCHMARK(BM_MatrixL1)->Unit(benchmark::kMillisecond)->UseRealTime();
