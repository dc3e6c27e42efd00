// Many comparisons in one call, in the two shapes the pipeline produces: one query against the
// candidates of its block (SIMD across candidates, Highway with run-time dispatch), and many
// independent pairs (split over threads). The results equal the scalar kernels' exactly.
#ifndef SAMEAS_SIMILARITY_BATCH_H_
#define SAMEAS_SIMILARITY_BATCH_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace sameas {

/// Strings stored one after another: string i is `data[offsets[i], offsets[i + 1])`, the
/// layout of an Arrow large_string array and of StringColumn. A view: nothing is owned.
///
///   StringsView names{column.offsets().data(), column.data().data(), column.size()};
struct StringsView {
  /// size + 1 byte offsets into `data`, non-decreasing.
  const uint64_t* offsets = nullptr;
  const char* data = nullptr;
  size_t size = 0;

  std::string_view operator[](size_t i) const noexcept {
    return std::string_view(data + offsets[i], static_cast<size_t>(offsets[i + 1] - offsets[i]));
  }
};

/// out[i] = Levenshtein distance from `query` to candidates[i], or `max_distance + 1` when it
/// exceeds `max_distance`. Strings are UTF-8 and counted in code points, as
/// WithCodePoints(query, candidate, ..., Levenshtein) counts them: the same value as
/// CachedLevenshtein(query).Distance(candidate, max_distance) on the decoded strings.
///
/// A query of 1..64 code points scores its candidates in SIMD lanes, one candidate per lane
/// (Myers 1999, Hyyrö 2003; lib/similarity/batch.cc describes the lanes); non-ASCII strings
/// are first recoded to one byte per code point. Longer queries and lists too short to fill
/// a vector go through the cached scalar scorer. `out.size()` must equal `candidates.size`.
/// O(n * ceil(n_candidates / lanes)) word operations for candidates of n characters.
void BatchLevenshtein(std::string_view query, const StringsView& candidates, size_t max_distance,
                      std::span<size_t> out);

/// out[i] = JaroWinkler(query, candidates[i], prefix_weight, boost_threshold), or 0 when
/// below `score_cutoff`: the same value as CachedJaroWinkler(query, prefix_weight,
/// boost_threshold).Similarity(candidate, score_cutoff) on code points. SIMD across
/// candidates as for BatchLevenshtein, with the bit-parallel Jaro of
/// sameas/internal/jaro_impl.h in each lane. `out.size()` must equal `candidates.size`.
void BatchJaroWinkler(std::string_view query, const StringsView& candidates, std::span<double> out,
                      double score_cutoff = 0, double prefix_weight = 0.1,
                      double boost_threshold = 0.7);

/// How the pairwise functions split their work.
struct PairwiseOptions {
  /// Threads to use; 0 for std::thread::hardware_concurrency(). The pairs are cut into
  /// chunks of a fixed size, so the result does not depend on the thread count.
  int threads = 1;
};

/// out[i] = Levenshtein distance between a[i] and b[i] in code points, `max_distance + 1`
/// when it exceeds `max_distance`. `a`, `b` and `out` have the same size.
void PairwiseLevenshtein(const StringsView& a, const StringsView& b, std::span<size_t> out,
                         size_t max_distance = static_cast<size_t>(-1),
                         const PairwiseOptions& options = {});

/// out[i] = JaroWinkler(a[i], b[i], prefix_weight, boost_threshold) on code points, or 0 when
/// below `score_cutoff`. `a`, `b` and `out` have the same size.
void PairwiseJaroWinkler(const StringsView& a, const StringsView& b, std::span<double> out,
                         double score_cutoff = 0, double prefix_weight = 0.1,
                         double boost_threshold = 0.7, const PairwiseOptions& options = {});

}  // namespace sameas

#endif  // SAMEAS_SIMILARITY_BATCH_H_
