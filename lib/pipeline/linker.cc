#include "sameas/pipeline/linker.h"

#include <chrono>

#include "absl/container/flat_hash_map.h"
#include "fmt/format.h"
#include "internal/parallel.h"
#include "internal/strings.h"
#include "sameas/internal/status_macros.h"
#include "sameas/train/train.h"

namespace sameas {

Linker::Linker(std::vector<Table> tables, Settings settings, PreparedTable prepared)
    : tables_(std::move(tables)),
      settings_(std::move(settings)),
      prepared_(std::make_unique<PreparedTable>(std::move(prepared))) {}

absl::StatusOr<Linker> Linker::Create(std::vector<Table> tables, Settings settings,
                                      std::string_view origin) {
  std::vector<const Table*> views;
  for (const Table& table : tables) views.push_back(&table);
  SAMEAS_RETURN_IF_ERROR(ValidateSettings(settings, views, origin));
  SAMEAS_ASSIGN_OR_RETURN(PreparedTable prepared, Prepare(views, settings));
  return Linker(std::move(tables), std::move(settings), std::move(prepared));
}

absl::StatusOr<Linker> Linker::CreateFromData(std::vector<Table> tables,
                                              const AutoSettingsOptions& options) {
  std::vector<const Table*> views;
  for (const Table& table : tables) views.push_back(&table);
  PreparedTable prepared;
  SAMEAS_ASSIGN_OR_RETURN(Settings settings, InferSettings(views, options, &prepared));
  SAMEAS_RETURN_IF_ERROR(ValidateSettings(settings, views, "automatic settings"));
  return Linker(std::move(tables), std::move(settings), std::move(prepared));
}

absl::StatusOr<Model> Linker::Train() {
  SAMEAS_ASSIGN_OR_RETURN(Model model, sameas::Train(*prepared_, settings_));
  model_ = model;
  has_model_ = true;
  return model;
}

absl::Status Linker::SetModel(Model model) {
  if (model.comparisons.size() != settings_.comparisons.size()) {
    return absl::InvalidArgumentError(fmt::format(
        "the model has {} comparisons and the settings {}", model.comparisons.size(),
        settings_.comparisons.size()));
  }
  for (size_t c = 0; c < model.comparisons.size(); ++c) {
    if (model.comparisons[c].name != settings_.comparisons[c].name ||
        model.comparisons[c].levels.size() != settings_.comparisons[c].levels.size()) {
      return absl::InvalidArgumentError(fmt::format(
          "the model's comparison {} ('{}') does not match the settings' ('{}')", c,
          model.comparisons[c].name, settings_.comparisons[c].name));
    }
  }
  // A model read from a file never holds its term-frequency key; the settings may.
  if (model.settings.tf_hash_key.empty()) model.settings.tf_hash_key = settings_.tf_hash_key;
  SAMEAS_RETURN_IF_ERROR(Scorer::Create(model, *prepared_).status());
  model_ = std::move(model);
  has_model_ = true;
  return absl::OkStatus();
}

absl::StatusOr<Model> Linker::TrainFromLabels(const Labels& labels,
                                              const LabelTrainingOptions& options) {
  SAMEAS_ASSIGN_OR_RETURN(Model model,
                          sameas::TrainFromLabels(*prepared_, settings_, labels, options));
  model_ = model;
  has_model_ = true;
  return model;
}

absl::StatusOr<Model> Linker::TrainLogisticRegression(const Labels& labels,
                                                      const LogisticOptions& options) {
  SAMEAS_ASSIGN_OR_RETURN(Model model,
                          sameas::TrainLogisticRegression(*prepared_, settings_, labels, options));
  model_ = model;
  has_model_ = true;
  return model;
}

absl::StatusOr<Labels> Linker::ClusterLabels(std::string_view column) const {
  Labels labels;
  labels.cluster.reserve(prepared_->num_records());
  absl::flat_hash_map<std::string, int64_t> ids;
  for (const Table& table : tables_) {
    const int index = table.ColumnIndex(column);
    if (index < 0) {
      return absl::InvalidArgumentError(fmt::format(
          "cluster column '{}' is not in table '{}' ({}), whose columns are: {}", column,
          table.source, table.origin, internal::Join(table.ColumnNames(), ", ")));
    }
    const StringColumn& values = table.columns[index];
    for (size_t row = 0; row < table.num_rows(); ++row) {
      std::string_view value = values.is_null(row) ? std::string_view() : values.value(row);
      if (value.empty()) {
        labels.cluster.push_back(Labels::kUnknown);
        continue;
      }
      auto [it, inserted] = ids.try_emplace(std::string(value), static_cast<int64_t>(ids.size()));
      labels.cluster.push_back(it->second);
    }
  }
  return labels;
}

absl::StatusOr<uint32_t> Linker::FindRecord(std::string_view id, std::string_view source) const {
  int wanted = -1;
  if (!source.empty()) {
    for (size_t s = 0; s < prepared_->sources.size(); ++s) {
      if (prepared_->sources[s] == source) wanted = static_cast<int>(s);
    }
    if (wanted < 0) {
      return absl::NotFoundError(fmt::format("no table is called '{}' (the tables are: {})",
                                             source, internal::Join(prepared_->sources, ", ")));
    }
  } else if (prepared_->sources.size() > 1) {
    return absl::InvalidArgumentError(fmt::format(
        "record '{}': name its source, one of {}", id, internal::Join(prepared_->sources, ", ")));
  }
  for (uint32_t r = 0; r < prepared_->num_records(); ++r) {
    if ((wanted < 0 || prepared_->source[r] == wanted) && prepared_->ids.value(r) == id) return r;
  }
  return absl::NotFoundError(fmt::format("no record has id '{}'{}", id,
                                         source.empty() ? "" : fmt::format(" in '{}'", source)));
}

absl::StatusOr<Explanation> Linker::Explain(uint32_t a, uint32_t b) const {
  if (!has_model_) {
    return absl::FailedPreconditionError("no model: train one or load one before explaining");
  }
  const uint32_t n = static_cast<uint32_t>(prepared_->num_records());
  if (a >= n || b >= n) {
    return absl::OutOfRangeError(fmt::format("records ({}, {}) of {}", a, b, n));
  }
  SAMEAS_ASSIGN_OR_RETURN(Scorer scorer, Scorer::Create(model_, *prepared_));
  SAMEAS_ASSIGN_OR_RETURN(Comparer comparer, Comparer::Create(*prepared_, settings_.comparisons));
  return sameas::Explain(scorer, comparer, a, b);
}

absl::StatusOr<RecordExplanation> Linker::ExplainRecord(uint32_t record, size_t top) const {
  if (!has_model_) {
    return absl::FailedPreconditionError("no model: train one or load one before explaining");
  }
  SAMEAS_ASSIGN_OR_RETURN(Scorer scorer, Scorer::Create(model_, *prepared_));
  SAMEAS_ASSIGN_OR_RETURN(Comparer comparer, Comparer::Create(*prepared_, settings_.comparisons));
  return sameas::ExplainRecord(scorer, comparer, record, top);
}

std::vector<RuleCount> Linker::CountPairs() const {
  return sameas::CountPairs(*prepared_, settings_.blocking_rules, BlockingOptionsFor(settings_));
}

namespace {

// Pairs per chunk of Predict: each chunk's vectors and scores live only until its kept pairs
// are copied out.
constexpr size_t kPredictChunk = 1 << 16;
// Chunks per wave: a wave's chunks run in parallel, then their kept pairs are appended in
// chunk order and the chunks freed.
constexpr size_t kChunksPerWave = 32;

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Appends the pairs `keep` of `from` (pairs, vectors, scores) to `to`.
void AppendKept(const Predictions& from, const std::vector<uint32_t>& keep, Predictions* to) {
  for (uint32_t p : keep) {
    to->pairs.Append(from.pairs.left[p], from.pairs.right[p], from.pairs.rule[p]);
    to->scores.weight.push_back(from.scores.weight[p]);
    to->scores.probability.push_back(from.scores.probability[p]);
  }
  for (size_t c = 0; c < from.vectors.num_comparisons(); ++c) {
    auto& out = to->vectors.levels[c];
    for (uint32_t p : keep) out.push_back(from.vectors.levels[c][p]);
  }
  for (size_t c = 0; c < from.scores.tf_adjustment.size(); ++c) {
    const auto& terms = from.scores.tf_adjustment[c];
    if (terms.empty()) continue;
    auto& out = to->scores.tf_adjustment[c];
    for (uint32_t p : keep) out.push_back(terms[p]);
  }
}

}  // namespace

absl::StatusOr<Predictions> Linker::Predict(const PredictOptions& options) const {
  if (!has_model_) {
    return absl::FailedPreconditionError("no model: train one or load one before predicting");
  }
  SAMEAS_ASSIGN_OR_RETURN(Comparer comparer, Comparer::Create(*prepared_, settings_.comparisons));
  SAMEAS_ASSIGN_OR_RETURN(Scorer scorer, Scorer::Create(model_, *prepared_));
  const auto start = std::chrono::steady_clock::now();
  Predictions predictions;
  const size_t nc = comparer.num_comparisons();
  predictions.vectors.levels.resize(nc);
  predictions.scores.tf_adjustment.resize(nc);
  // The candidates are never held whole: each chunk blocking hands over is compared and
  // scored, and only its pairs at or above the floor are kept.
  double score_seconds = 0;
  auto score = [&](CandidatePairs&& candidates) {
    const auto chunk_start = std::chrono::steady_clock::now();
    predictions.candidate_pairs += candidates.size();
    const size_t n = candidates.size();
    const size_t chunks = internal::NumChunks(n, kPredictChunk);
    for (size_t wave = 0; wave < chunks; wave += kChunksPerWave) {
      const size_t wave_chunks = std::min(kChunksPerWave, chunks - wave);
      std::vector<Predictions> parts(wave_chunks);
      std::vector<std::vector<uint32_t>> keep(wave_chunks);
      // One chunk per task; inside a task, Compare and Score run on the task's thread.
      internal::ParallelFor(wave_chunks, [&](size_t w) {
        const size_t begin = (wave + w) * kPredictChunk, end = std::min(n, begin + kPredictChunk);
        Predictions& part = parts[w];
        part.pairs.left.assign(candidates.left.begin() + begin, candidates.left.begin() + end);
        part.pairs.right.assign(candidates.right.begin() + begin, candidates.right.begin() + end);
        part.pairs.rule.assign(candidates.rule.begin() + begin, candidates.rule.begin() + end);
        part.vectors = comparer.Compare(part.pairs.left, part.pairs.right);
        part.scores = scorer.Score(part.pairs.left, part.pairs.right, part.vectors);
        for (uint32_t p = 0; p < part.pairs.size(); ++p) {
          if (part.scores.probability[p] >= options.floor) keep[w].push_back(p);
        }
      });
      for (size_t w = 0; w < wave_chunks; ++w) AppendKept(parts[w], keep[w], &predictions);
    }
    score_seconds += SecondsSince(chunk_start);
    return absl::OkStatus();
  };
  SAMEAS_RETURN_IF_ERROR(GenerateCandidatesInChunks(*prepared_, settings_.blocking_rules,
                                                    BlockingOptionsFor(settings_), score));
  predictions.score_seconds = score_seconds;
  predictions.block_seconds = std::max(0.0, SecondsSince(start) - score_seconds);
  return predictions;
}

Clusters Linker::Cluster(const Predictions& predictions, double threshold) const {
  if (threshold < 0) threshold = settings_.threshold;
  return ConnectedComponents(prepared_->num_records(), predictions.pairs.left,
                             predictions.pairs.right, predictions.scores.probability, threshold);
}

}  // namespace sameas
