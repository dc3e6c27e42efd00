#include "sameas/pipeline/linker.h"

#include "fmt/format.h"
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
  model_ = std::move(model);
  has_model_ = true;
  return absl::OkStatus();
}

std::vector<RuleCount> Linker::CountPairs() const {
  return sameas::CountPairs(*prepared_, settings_.blocking_rules, settings_.link_type);
}

absl::StatusOr<Predictions> Linker::Predict() const {
  if (!has_model_) {
    return absl::FailedPreconditionError("no model: train one or load one before predicting");
  }
  BlockingOptions options;
  options.link_type = settings_.link_type;
  options.max_pairs_per_rule = settings_.max_pairs_per_rule;
  Predictions predictions;
  SAMEAS_ASSIGN_OR_RETURN(predictions.pairs,
                          GenerateCandidates(*prepared_, settings_.blocking_rules, options));
  SAMEAS_ASSIGN_OR_RETURN(Comparer comparer, Comparer::Create(*prepared_, settings_.comparisons));
  predictions.vectors = comparer.Compare(predictions.pairs.left, predictions.pairs.right);
  predictions.scores = Score(model_, predictions.vectors);
  return predictions;
}

Clusters Linker::Cluster(const Predictions& predictions, double threshold) const {
  if (threshold < 0) threshold = settings_.threshold;
  return ConnectedComponents(prepared_->num_records(), predictions.pairs.left,
                             predictions.pairs.right, predictions.scores.probability, threshold);
}

}  // namespace sameas
