// Scoring: the match weight of a pair is the prior weight plus the weight of each of its
// comparison levels, plus a term-frequency term where a comparison asks for one; the
// probability follows from the weight.
#ifndef SAMEAS_SCORE_SCORE_H_
#define SAMEAS_SCORE_SCORE_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "sameas/compare/compare.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/train/model.h"

namespace sameas {

struct ScoredPairs {
  /// log2 of the Bayes factor in favour of a match, prior included.
  std::vector<double> weight;
  /// 2^weight / (1 + 2^weight).
  std::vector<double> probability;
  /// Per comparison: the term-frequency term of each pair (included in `weight`), or empty
  /// for a comparison without term frequencies. Filled by Scorer::Score.
  std::vector<std::vector<double>> tf_adjustment;

  size_t size() const { return weight.size(); }
};

/// Probability of a match weight.
inline double WeightToProbability(double weight) { return 1.0 / (1.0 + std::exp2(-weight)); }

/// Scores every pair of `vectors` from their levels alone: no term-frequency terms (use a
/// Scorer for those). O(pairs x comparisons), one table lookup per level.
ScoredPairs Score(const Model& model, const ComparisonVectors& vectors);

/// A model resolved against prepared records: a weight table per comparison, and for a
/// comparison with term frequencies the log2 frequency of each of the column's dictionary
/// values, looked up once in the model's table (through the keyed hash when its keys are
/// hashed). Fellegi-Sunter with value-specific u (Winkler 1989, "Frequency-based matching in
/// Fellegi-Sunter model of record linkage"; Splink's term-frequency adjustments):
///
///   w(a, b) = log2(prior / (1 - prior))
///           + Σ_c [ log2(m_cl / u_cl) + f_cl · log2(u_cl / max(tf_min_u, tf(a), tf(b))) ]
///
/// where l is the pair's level, f_cl the level's share of the adjustment (1 for exact, 0 for
/// others unless set) and tf(v) the share of records holding value v. At an exact level the
/// adjusted weight is log2(m / tf(v)): a rare name counts more than a common one.
///
/// The Scorer keeps pointers to `model` and `prepared`, which must outlive it.
class Scorer {
 public:
  /// Errors when a comparison's column was not prepared, or when the model's keys are hashed
  /// and `model.settings.tf_hash_key` is missing or not the key they were hashed with.
  static absl::StatusOr<Scorer> Create(const Model& model, const PreparedTable& prepared);

  /// Scores the pairs (left[p], right[p]) whose levels are `vectors`. The weight of each pair
  /// adds its terms in the order Explain lists them, so the two agree to the last bit.
  ScoredPairs Score(const std::vector<uint32_t>& left, const std::vector<uint32_t>& right,
                    const ComparisonVectors& vectors) const;

  const Model& model() const { return *model_; }
  const PreparedTable& prepared() const { return *prepared_; }
  size_t num_comparisons() const { return weights_.size(); }
  /// The weight of `level` of comparison `c`; 0 for the null level.
  double LevelWeight(size_t c, uint8_t level) const { return weights_[c][level]; }
  /// Whether comparison `c` has term-frequency terms.
  bool HasTermFrequencies(size_t c) const { return !tf_[c].log2_u_value.empty(); }
  /// The term-frequency term of records (a, b) at `level` of comparison `c`; 0 when the
  /// comparison or the level has none.
  double TfTerm(size_t c, uint8_t level, uint32_t a, uint32_t b) const {
    const Tf& tf = tf_[c];
    if (tf.log2_u_value.empty() || tf.fraction[level] == 0) return 0;
    const uint32_t code_a = tf.codes[a], code_b = tf.codes[b];
    if (code_a == 0 || code_b == 0) return 0;
    const double log2_u = std::max(tf.log2_u_value[code_a], tf.log2_u_value[code_b]);
    return tf.fraction[level] * (tf.log2_u_level[level] - log2_u);
  }
  /// The frequency (share of records) the adjustment uses for the value of `record` in
  /// comparison `c`, before the floor; 0 when the comparison has no term frequencies.
  double ValueFrequency(size_t c, uint32_t record) const;

 private:
  struct Tf {
    const uint32_t* codes = nullptr;
    // Per dictionary code (0 unused): log2 max(tf_min_u, frequency).
    std::vector<double> log2_u_value;
    std::vector<double> frequency;
    // Per level: the share of the adjustment, and log2 u of the level.
    std::vector<double> fraction;
    std::vector<double> log2_u_level;
  };
  Scorer() = default;

  const Model* model_ = nullptr;
  const PreparedTable* prepared_ = nullptr;
  std::vector<std::vector<double>> weights_;
  std::vector<Tf> tf_;
};

}  // namespace sameas

#endif  // SAMEAS_SCORE_SCORE_H_
