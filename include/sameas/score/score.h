// Scoring: the match weight of a pair is the prior weight plus the weight of each of its
// comparison levels; the probability follows from the weight.
#ifndef SAMEAS_SCORE_SCORE_H_
#define SAMEAS_SCORE_SCORE_H_

#include <cmath>
#include <vector>

#include "sameas/compare/compare.h"
#include "sameas/train/model.h"

namespace sameas {

struct ScoredPairs {
  /// log2 of the Bayes factor in favour of a match, prior included.
  std::vector<double> weight;
  /// 2^weight / (1 + 2^weight).
  std::vector<double> probability;

  size_t size() const { return weight.size(); }
};

/// Probability of a match weight.
inline double WeightToProbability(double weight) { return 1.0 / (1.0 + std::exp2(-weight)); }

/// Scores every pair of `vectors`. O(pairs x comparisons), one table lookup per level.
ScoredPairs Score(const Model& model, const ComparisonVectors& vectors);

}  // namespace sameas

#endif  // SAMEAS_SCORE_SCORE_H_
