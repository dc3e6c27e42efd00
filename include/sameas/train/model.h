// The Fellegi-Sunter model: the prior probability that two records match, and for each
// comparison level m = P(level | match) and u = P(level | non-match). Saved as versioned JSON
// (docs/model_format.md) with the settings it was trained for.
#ifndef SAMEAS_TRAIN_MODEL_H_
#define SAMEAS_TRAIN_MODEL_H_

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sameas/settings/settings.h"

namespace sameas {

struct LevelParameters {
  std::string label;
  double m = 0.5;
  double u = 0.5;
  /// Whether m and u came from the data (false: the starting value was kept).
  bool m_estimated = false;
  bool u_estimated = false;

  /// log2(m / u); 0 for the null level, which carries no evidence.
  double Weight() const { return std::log2(m / u); }
};

struct ComparisonParameters {
  std::string name;
  std::vector<LevelParameters> levels;
};

struct Model {
  static constexpr int kFormatVersion = 1;

  Settings settings;
  /// Probability that two records drawn at random describe the same person.
  double prior = 1e-4;
  std::vector<ComparisonParameters> comparisons;
  /// What training did, in sentences: sample sizes, EM iterations, convergence, warnings.
  std::vector<std::string> training_log;

  /// log2(prior / (1 - prior)), the match weight of a pair before any comparison.
  double PriorWeight() const { return std::log2(prior / (1 - prior)); }
  /// The weight of level `level` of comparison `c`; 0 for the null level.
  double Weight(size_t c, uint8_t level) const {
    return level == 0 ? 0.0 : comparisons[c].levels[level].Weight();
  }
};

/// Starting parameters for `settings`: m falling and u rising with each looser level.
Model InitialModel(const Settings& settings);

/// The model as JSON text (settings included).
std::string ModelToJson(const Model& model);
/// Reads a model; errors name `origin` and the JSON path, and refuse a newer format version.
absl::StatusOr<Model> ModelFromJson(std::string_view json, std::string_view origin);

}  // namespace sameas

#endif  // SAMEAS_TRAIN_MODEL_H_
