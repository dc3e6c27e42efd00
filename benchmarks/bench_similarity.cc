// The similarity kernels on realistic names: each scalar kernel per pair, the cached scorers
// and the SIMD batch functions per candidate of a block, the pairwise functions per pair, and
// the phonetic encoders per name. Inputs are folded to lower-case ASCII, as prepare leaves
// them. benchmarks/README.md gives the command and the figures.
#include <benchmark/benchmark.h>

#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bench_names.h"
#include "sameas/phonetic/cologne.h"
#include "sameas/phonetic/daitch_mokotoff.h"
#include "sameas/phonetic/double_metaphone.h"
#include "sameas/phonetic/metaphone.h"
#include "sameas/phonetic/nysiis.h"
#include "sameas/phonetic/soundex.h"
#include "sameas/similarity/batch.h"
#include "sameas/similarity/damerau_levenshtein.h"
#include "sameas/similarity/hamming.h"
#include "sameas/similarity/indel.h"
#include "sameas/similarity/jaro_winkler.h"
#include "sameas/similarity/levenshtein.h"
#include "sameas/similarity/monge_elkan.h"
#include "sameas/similarity/qgram.h"
#include "sameas/similarity/token_ratio.h"

namespace sameas::bench {
namespace {

constexpr size_t kPairs = size_t{1} << 14;  // a power of two, cycled through

const NamePairs& Pairs(PairKind kind) {
  static const NamePairs pairs[] = {
      MakePairs(PairKind::kGiven, kPairs, 1), MakePairs(PairKind::kFamily, kPairs, 2),
      MakePairs(PairKind::kFull, kPairs, 3), MakePairs(PairKind::kHandle, kPairs, 4),
      MakePairs(PairKind::kMixed, kPairs, 5)};
  return pairs[static_cast<int>(kind)];
}

// Times `fn(a, b)` per pair, one pair per iteration.
template <typename Fn>
void TimePairs(benchmark::State& state, PairKind kind, Fn fn) {
  const NamePairs& pairs = Pairs(kind);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(fn(std::string_view(pairs.a[i]), std::string_view(pairs.b[i])));
    i = (i + 1) & (kPairs - 1);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// ---- scalar kernels, per pair ----------------------------------------------------------

void BM_Levenshtein(benchmark::State& state, PairKind kind) {
  TimePairs(state, kind, [](auto a, auto b) { return Levenshtein(a, b); });
}
void BM_LevenshteinCutoff2(benchmark::State& state, PairKind kind) {
  TimePairs(state, kind, [](auto a, auto b) { return Levenshtein(a, b, 2); });
}
void BM_Osa(benchmark::State& state, PairKind kind) {
  TimePairs(state, kind, [](auto a, auto b) { return OsaDistance(a, b); });
}
void BM_DamerauLevenshtein(benchmark::State& state, PairKind kind) {
  TimePairs(state, kind, [](auto a, auto b) { return DamerauLevenshtein(a, b); });
}
void BM_Indel(benchmark::State& state, PairKind kind) {
  TimePairs(state, kind, [](auto a, auto b) { return Indel(a, b); });
}
void BM_Hamming(benchmark::State& state, PairKind kind) {
  TimePairs(state, kind, [](auto a, auto b) { return Hamming(a, b); });
}
void BM_Jaro(benchmark::State& state, PairKind kind) {
  TimePairs(state, kind, [](auto a, auto b) { return Jaro(a, b); });
}
void BM_JaroWinkler(benchmark::State& state, PairKind kind) {
  TimePairs(state, kind, [](auto a, auto b) { return JaroWinkler(a, b); });
}
void BM_QGramJaccard(benchmark::State& state, PairKind kind) {
  TimePairs(state, kind, [](auto a, auto b) { return QGramJaccard(a, b); });
}
void BM_QGramDice(benchmark::State& state, PairKind kind) {
  TimePairs(state, kind, [](auto a, auto b) { return QGramDice(a, b); });
}
void BM_QGramCosine(benchmark::State& state, PairKind kind) {
  TimePairs(state, kind, [](auto a, auto b) { return QGramCosine(a, b); });
}
void BM_TokenSortRatio(benchmark::State& state, PairKind kind) {
  TimePairs(state, kind, [](auto a, auto b) { return TokenSortRatio(a, b); });
}
void BM_TokenSetRatio(benchmark::State& state, PairKind kind) {
  TimePairs(state, kind, [](auto a, auto b) { return TokenSetRatio(a, b); });
}
void BM_MongeElkan(benchmark::State& state, PairKind kind) {
  TimePairs(state, kind, [](auto a, auto b) { return MongeElkan(a, b); });
}

#define SAMEAS_BENCHMARK_KINDS(fn)                   \
  BENCHMARK_CAPTURE(fn, given, PairKind::kGiven);    \
  BENCHMARK_CAPTURE(fn, family, PairKind::kFamily);  \
  BENCHMARK_CAPTURE(fn, full_name, PairKind::kFull); \
  BENCHMARK_CAPTURE(fn, handle, PairKind::kHandle)

SAMEAS_BENCHMARK_KINDS(BM_Levenshtein);
SAMEAS_BENCHMARK_KINDS(BM_JaroWinkler);
BENCHMARK_CAPTURE(BM_LevenshteinCutoff2, mixed, PairKind::kMixed);
BENCHMARK_CAPTURE(BM_Osa, mixed, PairKind::kMixed);
BENCHMARK_CAPTURE(BM_DamerauLevenshtein, mixed, PairKind::kMixed);
BENCHMARK_CAPTURE(BM_Indel, mixed, PairKind::kMixed);
BENCHMARK_CAPTURE(BM_Hamming, mixed, PairKind::kMixed);
BENCHMARK_CAPTURE(BM_Jaro, mixed, PairKind::kMixed);
BENCHMARK_CAPTURE(BM_QGramJaccard, mixed, PairKind::kMixed);
BENCHMARK_CAPTURE(BM_QGramDice, mixed, PairKind::kMixed);
BENCHMARK_CAPTURE(BM_QGramCosine, mixed, PairKind::kMixed);
BENCHMARK_CAPTURE(BM_TokenSortRatio, full_name, PairKind::kFull);
BENCHMARK_CAPTURE(BM_TokenSetRatio, full_name, PairKind::kFull);
BENCHMARK_CAPTURE(BM_MongeElkan, full_name, PairKind::kFull);

// ---- one query against a block: cached scalar scorers and SIMD batch ----------------------

// Blocks of candidates as blocking leaves them: names of one kind, one in ten a typo of the
// query. Queries cycle through kQueries names; each has its own block.
constexpr size_t kQueries = 16;  // 16 blocks of up to 1024 names stay in L2
constexpr size_t kLargestBlock = 4096;

struct Blocks {
  std::vector<std::string> queries;
  std::vector<StringArray> blocks;            // one per query, kLargestBlock names
  std::vector<std::vector<std::string>> raw;  // the same, as strings
};

Blocks MakeBlocks(PairKind kind) {
  Blocks b;
  const NamePairs pairs = MakePairs(kind, kQueries * (kLargestBlock + 1), 7);
  for (size_t q = 0; q < kQueries; ++q) {
    const size_t base = q * (kLargestBlock + 1);
    b.queries.push_back(pairs.a[base]);
    std::vector<std::string> names;
    for (size_t i = 1; i <= kLargestBlock; ++i) {
      // pairs.b is a typo of pairs.a half the time: take it one time in ten.
      names.push_back(i % 10 == 0 ? pairs.b[base + i] : pairs.a[base + i]);
    }
    b.blocks.emplace_back(names);
    b.raw.push_back(std::move(names));
  }
  return b;
}

const Blocks& BlocksOf(PairKind kind) {
  static Blocks blocks[4];
  static std::once_flag made[4];
  const int k = static_cast<int>(kind);
  std::call_once(made[k], [&] { blocks[k] = MakeBlocks(kind); });
  return blocks[k];
}

// Times `score_block(query, block, n)` per candidate, state.range(0) candidates per block.
template <typename Fn>
void TimeBlocks(benchmark::State& state, PairKind kind, Fn score_block) {
  const Blocks& blocks = BlocksOf(kind);
  const size_t n = static_cast<size_t>(state.range(0));
  size_t q = 0;
  for (auto _ : state) {
    score_block(std::string_view(blocks.queries[q]), blocks, q, n);
    q = (q + 1) % kQueries;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
  state.counters["per_pair"] =
      benchmark::Counter(static_cast<double>(state.iterations() * n),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

StringsView Prefix(const StringsView& view, size_t n) { return {view.offsets, view.data, n}; }

void BM_CachedLevenshtein(benchmark::State& state, PairKind kind) {
  TimeBlocks(state, kind, [](std::string_view query, const Blocks& b, size_t q, size_t n) {
    const CachedLevenshtein scorer(query);
    for (size_t i = 0; i < n; ++i) benchmark::DoNotOptimize(scorer.Distance(b.raw[q][i]));
  });
}
void BM_CachedOsa(benchmark::State& state, PairKind kind) {
  TimeBlocks(state, kind, [](std::string_view query, const Blocks& b, size_t q, size_t n) {
    const CachedOsa scorer(query);
    for (size_t i = 0; i < n; ++i) benchmark::DoNotOptimize(scorer.Distance(b.raw[q][i]));
  });
}
void BM_CachedIndel(benchmark::State& state, PairKind kind) {
  TimeBlocks(state, kind, [](std::string_view query, const Blocks& b, size_t q, size_t n) {
    const CachedIndel scorer(query);
    for (size_t i = 0; i < n; ++i) benchmark::DoNotOptimize(scorer.Distance(b.raw[q][i]));
  });
}
void BM_CachedJaroWinkler(benchmark::State& state, PairKind kind) {
  TimeBlocks(state, kind, [](std::string_view query, const Blocks& b, size_t q, size_t n) {
    const CachedJaroWinkler scorer(query);
    for (size_t i = 0; i < n; ++i) benchmark::DoNotOptimize(scorer.Similarity(b.raw[q][i]));
  });
}
void BM_BatchLevenshtein(benchmark::State& state, PairKind kind) {
  std::vector<size_t> out(kLargestBlock);
  TimeBlocks(state, kind, [&](std::string_view query, const Blocks& b, size_t q, size_t n) {
    BatchLevenshtein(query, Prefix(b.blocks[q].view(), n), static_cast<size_t>(-1),
                     std::span(out.data(), n));
    benchmark::DoNotOptimize(out.data());
  });
}
void BM_BatchLevenshteinCutoff2(benchmark::State& state, PairKind kind) {
  std::vector<size_t> out(kLargestBlock);
  TimeBlocks(state, kind, [&](std::string_view query, const Blocks& b, size_t q, size_t n) {
    BatchLevenshtein(query, Prefix(b.blocks[q].view(), n), 2, std::span(out.data(), n));
    benchmark::DoNotOptimize(out.data());
  });
}
void BM_CachedLevenshteinCutoff2(benchmark::State& state, PairKind kind) {
  TimeBlocks(state, kind, [](std::string_view query, const Blocks& b, size_t q, size_t n) {
    const CachedLevenshtein scorer(query);
    for (size_t i = 0; i < n; ++i) benchmark::DoNotOptimize(scorer.Distance(b.raw[q][i], 2));
  });
}
void BM_BatchJaroWinkler(benchmark::State& state, PairKind kind) {
  std::vector<double> out(kLargestBlock);
  TimeBlocks(state, kind, [&](std::string_view query, const Blocks& b, size_t q, size_t n) {
    BatchJaroWinkler(query, Prefix(b.blocks[q].view(), n), std::span(out.data(), n));
    benchmark::DoNotOptimize(out.data());
  });
}
void BM_BatchJaroWinklerCutoff(benchmark::State& state, PairKind kind) {
  std::vector<double> out(kLargestBlock);
  TimeBlocks(state, kind, [&](std::string_view query, const Blocks& b, size_t q, size_t n) {
    BatchJaroWinkler(query, Prefix(b.blocks[q].view(), n), std::span(out.data(), n), 0.85);
    benchmark::DoNotOptimize(out.data());
  });
}
void BM_CachedJaroWinklerCutoff(benchmark::State& state, PairKind kind) {
  TimeBlocks(state, kind, [](std::string_view query, const Blocks& b, size_t q, size_t n) {
    const CachedJaroWinkler scorer(query);
    for (size_t i = 0; i < n; ++i) {
      benchmark::DoNotOptimize(scorer.Similarity(b.raw[q][i], 0.85));
    }
  });
}

#define SAMEAS_BENCHMARK_BLOCKS(fn)                                              \
  BENCHMARK_CAPTURE(fn, given, PairKind::kGiven)->Arg(16)->Arg(64)->Arg(1024);   \
  BENCHMARK_CAPTURE(fn, family, PairKind::kFamily)->Arg(16)->Arg(64)->Arg(1024); \
  BENCHMARK_CAPTURE(fn, full_name, PairKind::kFull)->Arg(16)->Arg(64)->Arg(1024)

SAMEAS_BENCHMARK_BLOCKS(BM_CachedLevenshtein);
SAMEAS_BENCHMARK_BLOCKS(BM_BatchLevenshtein);
SAMEAS_BENCHMARK_BLOCKS(BM_CachedLevenshteinCutoff2);
SAMEAS_BENCHMARK_BLOCKS(BM_BatchLevenshteinCutoff2);
SAMEAS_BENCHMARK_BLOCKS(BM_CachedJaroWinkler);
SAMEAS_BENCHMARK_BLOCKS(BM_BatchJaroWinkler);
SAMEAS_BENCHMARK_BLOCKS(BM_CachedJaroWinklerCutoff);
SAMEAS_BENCHMARK_BLOCKS(BM_BatchJaroWinklerCutoff);
BENCHMARK_CAPTURE(BM_CachedOsa, family, PairKind::kFamily)->Arg(1024);
BENCHMARK_CAPTURE(BM_CachedIndel, family, PairKind::kFamily)->Arg(1024);

// ---- many independent pairs over threads -------------------------------------------------

void BM_PairwiseLevenshtein(benchmark::State& state) {
  const NamePairs& pairs = Pairs(PairKind::kMixed);
  const StringArray a(pairs.a), b(pairs.b);
  std::vector<size_t> out(kPairs);
  for (auto _ : state) {
    PairwiseLevenshtein(a.view(), b.view(), out, static_cast<size_t>(-1),
                        {.threads = static_cast<int>(state.range(0))});
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kPairs));
  state.counters["per_pair"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kPairs),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
void BM_PairwiseJaroWinkler(benchmark::State& state) {
  const NamePairs& pairs = Pairs(PairKind::kMixed);
  const StringArray a(pairs.a), b(pairs.b);
  std::vector<double> out(kPairs);
  for (auto _ : state) {
    PairwiseJaroWinkler(a.view(), b.view(), out, 0, 0.1, 0.7,
                        {.threads = static_cast<int>(state.range(0))});
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kPairs));
  state.counters["per_pair"] =
      benchmark::Counter(static_cast<double>(state.iterations() * kPairs),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
// Wall time: the threads' work is what counts.
BENCHMARK(BM_PairwiseLevenshtein)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime();
BENCHMARK(BM_PairwiseJaroWinkler)->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime();

// ---- phonetic encoders, per name -----------------------------------------------------------

template <typename Fn>
void TimeNames(benchmark::State& state, Fn fn) {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all = GivenNames();
    all.insert(all.end(), FamilyNames().begin(), FamilyNames().end());
    return all;
  }();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(fn(std::string_view(names[i])));
    if (++i == names.size()) i = 0;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void BM_Soundex(benchmark::State& state) {
  TimeNames(state, [](auto s) { return Soundex(s); });
}
void BM_Nysiis(benchmark::State& state) {
  TimeNames(state, [](auto s) { return Nysiis(s); });
}
void BM_Metaphone(benchmark::State& state) {
  TimeNames(state, [](auto s) { return Metaphone(s); });
}
void BM_DoubleMetaphone(benchmark::State& state) {
  TimeNames(state, [](auto s) { return DoubleMetaphone(s); });
}
void BM_ColognePhonetic(benchmark::State& state) {
  TimeNames(state, [](auto s) { return ColognePhonetic(s); });
}
void BM_DaitchMokotoff(benchmark::State& state) {
  TimeNames(state, [](auto s) { return DaitchMokotoff(s); });
}
BENCHMARK(BM_Soundex);
BENCHMARK(BM_Nysiis);
BENCHMARK(BM_Metaphone);
BENCHMARK(BM_DoubleMetaphone);
BENCHMARK(BM_ColognePhonetic);
BENCHMARK(BM_DaitchMokotoff);

}  // namespace
}  // namespace sameas::bench

BENCHMARK_MAIN();
