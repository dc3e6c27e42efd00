// The comparison vector of a six-comparison model, in pairs per second: given and family name
// (Jaro-Winkler levels), email (exact, one edit), phone (exact), date of birth (exact, within
// a year) and city (exact, Jaro-Winkler), with the pipeline's Comparer on a PreparedTable of
// generated customers. Two sets of pairs: the candidate pairs of realistic blocking rules, and
// uniformly random pairs. Make the table first (benchmarks/README.md):
//
//   python3 benchmarks/generate_customers.py --rows 100000 --out
//   build/bench-data/customers_100k.csv
//
// and point SAMEAS_BENCH_CUSTOMERS at it if it lives elsewhere.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "sameas/block/blocking.h"
#include "sameas/compare/compare.h"
#include "sameas/io/csv.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/settings/settings.h"

namespace sameas::bench {
namespace {

constexpr size_t kMaxPairs = 2'000'000;

LevelSpec Level(LevelKind kind, double threshold = 0) { return LevelSpec{kind, threshold, ""}; }

Settings SixComparisons() {
  Settings s;
  s.id_column = "id";
  s.columns = {{"first_name", ColumnRole::kGivenName, ColumnType::kText, {}},
               {"last_name", ColumnRole::kFamilyName, ColumnType::kText, {}},
               {"email", ColumnRole::kEmail, ColumnType::kText, {}},
               {"phone", ColumnRole::kPhone, ColumnType::kText, {}},
               {"date_of_birth", ColumnRole::kBirthDate, ColumnType::kDate, {}},
               {"city", ColumnRole::kCity, ColumnType::kText, {}}};
  const std::vector<LevelSpec> name = {
      Level(LevelKind::kNull), Level(LevelKind::kExact), Level(LevelKind::kJaroWinkler, 0.92),
      Level(LevelKind::kJaroWinkler, 0.8), Level(LevelKind::kElse)};
  s.comparisons = {
      {"first_name", "first_name", name},
      {"last_name", "last_name", name},
      {"email",
       "email",
       {Level(LevelKind::kNull), Level(LevelKind::kExact), Level(LevelKind::kDamerauLevenshtein, 1),
        Level(LevelKind::kElse)}},
      {"phone",
       "phone",
       {Level(LevelKind::kNull), Level(LevelKind::kExact), Level(LevelKind::kElse)}},
      {"date_of_birth",
       "date_of_birth",
       {Level(LevelKind::kNull), Level(LevelKind::kExact), Level(LevelKind::kDateWithinDays, 365),
        Level(LevelKind::kElse)}},
      {"city",
       "city",
       {Level(LevelKind::kNull), Level(LevelKind::kExact), Level(LevelKind::kJaroWinkler, 0.9),
        Level(LevelKind::kElse)}},
  };
  return s;
}

struct Fixture {
  Table table;
  PreparedTable prepared;
  std::optional<Comparer> comparer;
  std::vector<uint32_t> blocked_left, blocked_right;
  std::vector<uint32_t> random_left, random_right;
  std::string error;
};

const Fixture& Load() {
  static const Fixture fixture = [] {
    Fixture f;
    const char* env = std::getenv("SAMEAS_BENCH_CUSTOMERS");
    const std::string path =
        env ? env : std::string(SAMEAS_SOURCE_DIR) + "/build/bench-data/customers_100k.csv";
    auto table = ReadCsv(path);
    if (!table.ok()) {
      f.error = std::string(table.status().message()) +
                " (make it with benchmarks/generate_customers.py; see benchmarks/README.md)";
      return f;
    }
    f.table = *std::move(table);
    const Settings settings = SixComparisons();
    auto prepared = Prepare({&f.table}, settings);
    if (!prepared.ok()) {
      f.error = std::string(prepared.status().message());
      return f;
    }
    f.prepared = *std::move(prepared);
    auto comparer = Comparer::Create(f.prepared, settings.comparisons);
    if (!comparer.ok()) {
      f.error = std::string(comparer.status().message());
      return f;
    }
    f.comparer.emplace(*std::move(comparer));
    std::vector<BlockingRule> rules;
    for (const char* text : {"last_name & prefix(first_name, 1)", "date_of_birth", "email", "phone",
                             "first_name & city"}) {
      rules.push_back(*BlockingRule::Parse(text));
    }
    auto pairs = GenerateCandidates(f.prepared, rules, {});
    if (!pairs.ok()) {
      f.error = std::string(pairs.status().message());
      return f;
    }
    const size_t n = std::min(pairs->size(), kMaxPairs);
    f.blocked_left.assign(pairs->left.begin(), pairs->left.begin() + n);
    f.blocked_right.assign(pairs->right.begin(), pairs->right.begin() + n);
    std::mt19937_64 rng(42);
    const uint32_t records = static_cast<uint32_t>(f.prepared.num_records());
    for (size_t i = 0; i < kMaxPairs; ++i) {
      f.random_left.push_back(static_cast<uint32_t>(rng() % records));
      f.random_right.push_back(static_cast<uint32_t>(rng() % records));
    }
    std::fprintf(stderr, "%s: %zu records, %zu blocked pairs (of %zu), %zu random pairs\n",
                 path.c_str(), f.prepared.num_records(), n, pairs->size(), kMaxPairs);
    return f;
  }();
  return fixture;
}

void TimeCompare(benchmark::State& state, bool blocked) {
  const Fixture& f = Load();
  if (!f.comparer) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  const auto& left = blocked ? f.blocked_left : f.random_left;
  const auto& right = blocked ? f.blocked_right : f.random_right;
  for (auto _ : state) {
    ComparisonVectors vectors = f.comparer->Compare(left, right);
    benchmark::DoNotOptimize(vectors.levels.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * left.size()));
  state.counters["pairs"] = static_cast<double>(left.size());
}

void BM_SixComparisonVectorBlockedPairs(benchmark::State& state) { TimeCompare(state, true); }
void BM_SixComparisonVectorRandomPairs(benchmark::State& state) { TimeCompare(state, false); }
BENCHMARK(BM_SixComparisonVectorBlockedPairs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SixComparisonVectorRandomPairs)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sameas::bench

BENCHMARK_MAIN();
