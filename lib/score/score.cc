// Scoring reads a per-level weight table built once from the model.
#include "sameas/score/score.h"

namespace sameas {

ScoredPairs Score(const Model& model, const ComparisonVectors& vectors) {
  const size_t n = vectors.num_pairs();
  ScoredPairs scored;
  scored.weight.assign(n, model.PriorWeight());
  for (size_t c = 0; c < vectors.num_comparisons(); ++c) {
    std::vector<double> table(model.comparisons[c].levels.size());
    for (size_t l = 0; l < table.size(); ++l) table[l] = model.Weight(c, static_cast<uint8_t>(l));
    const std::vector<uint8_t>& levels = vectors.levels[c];
    for (size_t p = 0; p < n; ++p) scored.weight[p] += table[levels[p]];
  }
  scored.probability.resize(n);
  for (size_t p = 0; p < n; ++p) scored.probability[p] = WeightToProbability(scored.weight[p]);
  return scored;
}

}  // namespace sameas
