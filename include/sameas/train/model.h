// The Fellegi-Sunter model: the prior probability that two records match, and for each
// comparison level m = P(level | match) and u = P(level | non-match). Saved as versioned JSON
// (docs/model_format.md) with the settings it was trained for.
#ifndef SAMEAS_TRAIN_MODEL_H_
#define SAMEAS_TRAIN_MODEL_H_

#include <cmath>
#include <cstdint>
#include <map>
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
  /// Whether the user fixed m or u (settings: a level's "m"/"u", a comparison's
  /// "fixed_m"/"fixed_u"): training keeps them.
  bool m_fixed = false;
  bool u_fixed = false;
  /// A weight set directly, in bits, by a supervised model (logistic regression: the level's
  /// coefficient / ln 2); when absent the weight is log2(m / u).
  bool has_weight = false;
  double weight = 0;

  /// log2(m / u), or the weight set directly; the null level's is never used (Model::Weight).
  double Weight() const { return has_weight ? weight : std::log2(m / u); }
};

/// How often each value of a comparison's column occurs among the training records, for the
/// term-frequency adjustment: a value's frequency is counts[value] / total. A value missing
/// from the table counts as seen once.
struct TermFrequencyTable {
  /// Non-null records counted.
  uint64_t total = 0;
  /// Per value (the folded value; its keyed hash in a model read with hashed keys), the
  /// number of records holding it.
  std::map<std::string, uint64_t> counts;

  bool empty() const { return total == 0; }
};

struct ComparisonParameters {
  std::string name;
  std::vector<LevelParameters> levels;
  /// Empty unless the comparison has "term_frequency": true.
  TermFrequencyTable term_frequencies;
};

/// How the keys of the term-frequency tables are written.
enum class TfKeys {
  kRaw,        // the folded values themselves
  kSipHash24,  // SipHash-2-4 of the folded value, as 16 hex digits, under a secret key
};

struct Model {
  /// 2 added term-frequency tables, fixed parameters, direct weights and the training
  /// method; version 1 files are still read.
  static constexpr int kFormatVersion = 2;

  Settings settings;
  /// Probability that two records drawn at random describe the same person.
  double prior = 1e-4;
  std::vector<ComparisonParameters> comparisons;
  /// What training did, in sentences: sample sizes, EM iterations, convergence, warnings.
  std::vector<std::string> training_log;
  /// "em" (unsupervised), "labels" (m counted among labelled matches) or
  /// "logistic_regression" (weights are coefficients).
  std::string training_method = "em";
  /// How the keys of `term_frequencies` are held. With kSipHash24 they are hashes under
  /// `settings.tf_hash_key`, which must be set again (it is never saved) before scoring;
  /// `tf_key_check` (SipHash of a fixed text under the key) tells a wrong key from the right one.
  TfKeys tf_keys = TfKeys::kRaw;
  std::string tf_key_check;

  /// log2(prior / (1 - prior)), the match weight of a pair before any comparison.
  double PriorWeight() const { return std::log2(prior / (1 - prior)); }
  /// The weight of level `level` of comparison `c`; 0 for the null level.
  double Weight(size_t c, uint8_t level) const {
    return level == 0 ? 0.0 : comparisons[c].levels[level].Weight();
  }
};

/// Starting parameters for `settings`: m falling and u rising with each looser level.
Model InitialModel(const Settings& settings);

/// The model as JSON text (settings included). With `settings.tf_hash_key` set, the
/// term-frequency keys are written as keyed hashes and the key itself is left out.
std::string ModelToJson(const Model& model);

/// The keyed hash of a term-frequency key under `secret` (16 hex digits): how a value is
/// looked up in a model with hashed keys.
std::string HashTfKey(std::string_view secret, std::string_view value);
/// The check value of `secret` stored in a model with hashed keys.
std::string TfKeyCheck(std::string_view secret);
/// Reads a model; errors name `origin` and the JSON path, and refuse a newer format version.
absl::StatusOr<Model> ModelFromJson(std::string_view json, std::string_view origin);

}  // namespace sameas

#endif  // SAMEAS_TRAIN_MODEL_H_
