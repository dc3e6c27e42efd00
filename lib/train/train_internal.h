// Steps shared by the unsupervised and the supervised trainers (train.cc, labels.cc).
#ifndef SAMEAS_LIB_TRAIN_TRAIN_INTERNAL_H_
#define SAMEAS_LIB_TRAIN_TRAIN_INTERNAL_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "sameas/compare/compare.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/settings/settings.h"
#include "sameas/train/model.h"
#include "sameas/train/train.h"

namespace sameas::internal {

/// Adds a log line for each comparison whose u the user fixed, with a warning when it was
/// fixed without any value given.
void LogFixedU(const Settings& settings, Model* model);

/// The pairs u is estimated from, in chunks: every comparable pair when there are no more
/// than `settings.u_sample_pairs`, else that many pairs drawn with `settings.seed`. Returns
/// the number of pairs.
uint64_t ForEachSampledPairChunk(
    const PreparedTable& prepared, const Settings& settings,
    const std::function<void(const std::vector<uint32_t>&, const std::vector<uint32_t>&)>& chunk);

/// The random pairs of u (ForEachSampledPairChunk), counted by pattern; `used` is set to their
/// number.
PatternCounts SamplePatterns(const PreparedTable& prepared, const Comparer& comparer,
                             const Settings& settings, uint64_t* used);

/// Counts comparison vectors by distinct pattern, chunk after chunk: the input of EM and of
/// u, whatever the number of pairs.
class PatternCounter {
 public:
  explicit PatternCounter(size_t num_comparisons);
  /// Counts the pairs of `vectors`; returns the pattern index of each pair.
  std::vector<uint32_t> Add(const ComparisonVectors& vectors);
  PatternCounts Take() { return std::move(counts_); }

 private:
  PatternCounts counts_;
  absl::flat_hash_map<std::string, size_t> index_;
  std::string key_;
};

/// The distinct comparison vectors of the pairs (left[i], right[i]) and their counts, in order
/// of first appearance: compared and counted in chunks in parallel, never holding every
/// pair's vector at once. PatternCounts::FromVectors of Compare(left, right), in less memory.
PatternCounts CountPatterns(const Comparer& comparer, const std::vector<uint32_t>& left,
                            const std::vector<uint32_t>& right);

/// Per pattern: the sum of its levels' weights under `model`, in bits (no prior).
std::vector<double> PatternWeights(const PatternCounts& counts, const Model& model);

/// The share of matches the deterministic rules find under the model: a rule of exact parts
/// finds a match when each of its columns is present on both sides (`present[c]`, the share of
/// matches with comparison c not null) and equal (the m of c's exact levels); the rules are
/// taken as independent: 1 - prod over rules (1 - prod over parts present * m_exact). 0 when a
/// part is not exact or reads a column no comparison reads.
double DeterministicRecall(const Settings& settings, const Model& model,
                           const std::vector<double>& present);

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_TRAIN_TRAIN_INTERNAL_H_
