// Training a Fellegi-Sunter model without labels: u from random pairs, the prior from
// deterministic rules, m by expectation-maximisation over the counts of distinct comparison
// vectors of each training rule's pairs (Fellegi and Sunter 1969; Winkler 1988, "Using the EM
// algorithm for weight computation in the Fellegi-Sunter model of record linkage").
#ifndef SAMEAS_TRAIN_TRAIN_H_
#define SAMEAS_TRAIN_TRAIN_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "sameas/compare/compare.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/settings/settings.h"
#include "sameas/train/model.h"

namespace sameas {

/// Distinct comparison vectors and how many pairs have each: EM's whole input.
struct PatternCounts {
  /// patterns[k * num_comparisons + c] is the level of comparison c in pattern k.
  std::vector<uint8_t> patterns;
  std::vector<double> counts;
  size_t num_comparisons = 0;

  size_t size() const { return counts.size(); }
  static PatternCounts FromVectors(const ComparisonVectors& vectors);
};

struct EmOptions {
  /// Stop when no m and not the match share move by more than this.
  double tolerance = 1e-5;
  /// Give up after this many iterations, and say so.
  int max_iterations = 100;
};

struct EmResult {
  /// The share of pairs that match, among the pairs trained on.
  double lambda = 0;
  int iterations = 0;
  bool converged = false;
  /// P(match | pattern) of each pattern at the last E-step.
  std::vector<double> match_probability;
};

/// Runs EM on `counts`, updating m (and lambda) of `model` in place; u stays fixed, and so
/// do the comparisons with `fixed[c]` true, which are left out of the likelihood.
EmResult RunEm(const PatternCounts& counts, const std::vector<bool>& fixed, double lambda,
               const EmOptions& options, Model* model);

/// u of every level from random pairs (every pair when there are no more than
/// `settings.u_sample_pairs`), drawn with `settings.seed`. Returns the number of pairs used.
uint64_t EstimateU(const PreparedTable& prepared, const Comparer& comparer,
                   const Settings& settings, Model* model);

/// P(match | pattern) of each pattern under `model`: its prior and level weights.
std::vector<double> MatchProbabilities(const PatternCounts& counts, const Model& model);

/// u of every level from counted random pairs, the pairs of pattern k weighing
/// `non_match[k]`: 1 counts every pair, 1 - P(match | k) takes the likely matches out, which
/// matters on rare levels (two random records share an exact name far less often than two
/// records of one person do). Add-half smoothing; levels the user fixed keep their u.
void SetUFromPatterns(const PatternCounts& sample, const std::vector<double>& non_match,
                      Model* model);

/// The number of pairs the link type allows among the prepared records.
double ComparablePairs(const PreparedTable& prepared, LinkType link_type);

/// Trains every parameter; the log of the returned model says what was done.
///
/// u comes from random pairs, m from EM per training rule, the prior from the pairs the
/// deterministic rules find divided by their recall. Then, for a few rounds: u again from the
/// random pairs, each weighted by its probability of being a non-match under the model so
/// far; the recall as the share of the matches EM finds in the sessions whose rule reads no
/// column of the deterministic rules that those rules find too (unless the settings give
/// `deterministic_recall`); m by EM again.
absl::StatusOr<Model> Train(const PreparedTable& prepared, const Settings& settings);

/// Fills the term-frequency table of each comparison with "term_frequency": true from the
/// value counts that prepare made (PreparedColumn::counts), and clears the others. O(values).
void BuildTermFrequencies(const PreparedTable& prepared, Model* model);

}  // namespace sameas

#endif  // SAMEAS_TRAIN_TRAIN_H_
