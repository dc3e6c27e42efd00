// Scoring reads a per-level weight table built once from the model, and per-value
// term-frequency terms resolved once against the prepared dictionary.
#include "sameas/score/score.h"

#include "fmt/format.h"
#include "internal/parallel.h"

namespace sameas {
namespace {

// Pairs per chunk of Scorer::Score.
constexpr size_t kScoreChunk = 1 << 15;

}  // namespace

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

absl::StatusOr<Scorer> Scorer::Create(const Model& model, const PreparedTable& prepared) {
  Scorer scorer;
  scorer.model_ = &model;
  scorer.prepared_ = &prepared;
  const Settings& settings = model.settings;
  if (model.comparisons.size() != settings.comparisons.size()) {
    return absl::InvalidArgumentError(
        fmt::format("the model has {} comparisons and its settings {}", model.comparisons.size(),
                    settings.comparisons.size()));
  }
  const bool hashed = model.tf_keys == TfKeys::kSipHash24;
  bool any_tf = false;
  for (const auto& spec : settings.comparisons) any_tf = any_tf || spec.term_frequency;
  if (hashed && any_tf) {
    if (settings.tf_hash_key.empty()) {
      return absl::InvalidArgumentError(
          "the model's term-frequency values are hashed: give the key they were hashed with "
          "(settings \"hash_tf_keys\": {\"key\": ...}, or tf_key= in Python)");
    }
    if (TfKeyCheck(settings.tf_hash_key) != model.tf_key_check) {
      return absl::InvalidArgumentError(
          "the term-frequency key is not the one the model's values were hashed with");
    }
  }
  const size_t nc = model.comparisons.size();
  scorer.weights_.resize(nc);
  scorer.tf_.resize(nc);
  for (size_t c = 0; c < nc; ++c) {
    const ComparisonParameters& parameters = model.comparisons[c];
    std::vector<double>& table = scorer.weights_[c];
    table.resize(parameters.levels.size());
    for (size_t l = 0; l < table.size(); ++l) table[l] = model.Weight(c, static_cast<uint8_t>(l));

    const ComparisonSpec& spec = settings.comparisons[c];
    if (!spec.term_frequency || parameters.term_frequencies.empty()) continue;
    const int index = prepared.ColumnIndex(spec.column);
    if (index < 0) {
      return absl::InvalidArgumentError(fmt::format(
          "comparison '{}' names column '{}', which was not prepared", spec.name, spec.column));
    }
    const PreparedColumn& column = prepared.columns[index];
    const TermFrequencyTable& frequencies = parameters.term_frequencies;
    Tf& tf = scorer.tf_[c];
    tf.codes = column.codes.data();
    tf.fraction.resize(table.size());
    tf.log2_u_level.resize(table.size());
    for (size_t l = 0; l < table.size(); ++l) {
      tf.fraction[l] = spec.TfFraction(l);
      tf.log2_u_level[l] = std::log2(parameters.levels[l].u);
    }
    const double total = static_cast<double>(frequencies.total);
    const size_t values = column.dictionary.size();
    tf.frequency.assign(values + 1, 0.0);
    tf.log2_u_value.assign(values + 1, 0.0);
    std::string key;
    for (size_t code = 1; code <= values; ++code) {
      std::string_view value = column.dictionary.value(code - 1);
      if (hashed) {
        key = HashTfKey(settings.tf_hash_key, value);
      } else {
        key.assign(value);
      }
      auto it = frequencies.counts.find(key);
      // A value the model never saw counts as seen once.
      const double count = it == frequencies.counts.end() ? 1.0 : static_cast<double>(it->second);
      tf.frequency[code] = count / total;
      tf.log2_u_value[code] = std::log2(std::max(spec.tf_min_u, tf.frequency[code]));
    }
  }
  return scorer;
}

double Scorer::ValueFrequency(size_t c, uint32_t record) const {
  const Tf& tf = tf_[c];
  if (tf.log2_u_value.empty()) return 0;
  return tf.frequency[tf.codes[record]];
}

ScoredPairs Scorer::Score(const std::vector<uint32_t>& left, const std::vector<uint32_t>& right,
                          const ComparisonVectors& vectors) const {
  const size_t n = vectors.num_pairs();
  ScoredPairs scored;
  scored.weight.assign(n, model_->PriorWeight());
  scored.probability.resize(n);
  scored.tf_adjustment.resize(vectors.num_comparisons());
  for (size_t c = 0; c < vectors.num_comparisons(); ++c) {
    if (HasTermFrequencies(c)) scored.tf_adjustment[c].resize(n);
  }
  // Each pair's terms are added in one fixed order whatever the chunk: chunks write disjoint
  // ranges and the result does not depend on the thread count.
  internal::ParallelChunks(n, kScoreChunk, [&](size_t, size_t begin, size_t end) {
    for (size_t c = 0; c < vectors.num_comparisons(); ++c) {
      const std::vector<double>& table = weights_[c];
      const uint8_t* levels = vectors.levels[c].data();
      double* weight = scored.weight.data();
      if (!HasTermFrequencies(c)) {
        for (size_t p = begin; p < end; ++p) weight[p] += table[levels[p]];
        continue;
      }
      double* terms = scored.tf_adjustment[c].data();
      for (size_t p = begin; p < end; ++p) {
        // Level weight first, then its term-frequency term: the order Explain adds them in.
        terms[p] = TfTerm(c, levels[p], left[p], right[p]);
        weight[p] += table[levels[p]];
        weight[p] += terms[p];
      }
    }
    for (size_t p = begin; p < end; ++p) {
      scored.probability[p] = WeightToProbability(scored.weight[p]);
    }
  });
  return scored;
}

}  // namespace sameas
