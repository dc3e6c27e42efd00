// Reading a CSV text: the parallel chunks (internal::ParseCsvChunked with ParseCsv's 8 MiB
// chunks) on 1 and 2 threads beside the one pass (internal::ParseCsvSerial, what ParseCsv
// does on one thread), in seconds per
// parse of a text already in memory. The file is SAMEAS_BENCH_CSV, by default the 1 million
// customers of benchmarks/generate_customers.py (benchmarks/README.md):
//
//   python3 benchmarks/generate_customers.py --rows 1000000 --out
//   build/bench-data/customers_1m.csv
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "io/csv_internal.h"
#include "sameas/io/csv.h"
#include "sameas/pipeline/threads.h"

namespace sameas::bench {
namespace {

const std::string& Text() {
  static const std::string* text = [] {
    const char* path = std::getenv("SAMEAS_BENCH_CSV");
    std::ifstream in(path != nullptr ? path : "build/bench-data/customers_1m.csv",
                     std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return new std::string(out.str());
  }();
  return *text;
}

void Report(benchmark::State& state, size_t rows) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Text().size()));
  state.counters["rows"] = static_cast<double>(rows);
}

void BM_ParseCsvSerial(benchmark::State& state) {
  if (Text().empty()) return state.SkipWithError("no CSV: set SAMEAS_BENCH_CSV");
  size_t rows = 0;
  for (auto _ : state) {
    const absl::StatusOr<Table> table = internal::ParseCsvSerial(Text(), "customers.csv", {});
    if (!table.ok()) return state.SkipWithError(std::string(table.status().message()).c_str());
    rows = table->num_rows();
  }
  Report(state, rows);
}

void BM_ParseCsvChunked(benchmark::State& state) {
  if (Text().empty()) return state.SkipWithError("no CSV: set SAMEAS_BENCH_CSV");
  ScopedThreads threads(static_cast<int>(state.range(0)));
  size_t rows = 0;
  for (auto _ : state) {
    const absl::StatusOr<Table> table =
        internal::ParseCsvChunked(Text(), "customers.csv", {}, internal::kCsvChunkBytes);
    if (!table.ok()) return state.SkipWithError(std::string(table.status().message()).c_str());
    rows = table->num_rows();
  }
  Report(state, rows);
}

BENCHMARK(BM_ParseCsvSerial)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ParseCsvChunked)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace sameas::bench

BENCHMARK_MAIN();
