// The whole pipeline over in-memory tables: prepare once, then block, compare, train, score
// and cluster. This is what the command line, the Python package and a C++ program call.
//
//   auto linker = sameas::Linker::Create({crm, social}, settings);
//   auto model = linker->Train();
//   auto predictions = linker->Predict();
//   sameas::Clusters clusters = linker->Cluster(*predictions);
#ifndef SAMEAS_PIPELINE_LINKER_H_
#define SAMEAS_PIPELINE_LINKER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sameas/block/blocking.h"
#include "sameas/cluster/connected_components.h"
#include "sameas/compare/compare.h"
#include "sameas/io/table.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/score/explain.h"
#include "sameas/score/score.h"
#include "sameas/settings/auto_settings.h"
#include "sameas/settings/settings.h"
#include "sameas/train/labels.h"
#include "sameas/train/model.h"

namespace sameas {

/// Candidate pairs with their comparison vectors and scores, index-aligned: the pairs whose
/// probability reached PredictOptions::floor, in candidate order.
struct Predictions {
  CandidatePairs pairs;
  ComparisonVectors vectors;
  ScoredPairs scores;
  /// Every candidate pair blocking generated, kept or not.
  uint64_t candidate_pairs = 0;
  /// Wall-clock seconds of blocking, and of comparing and scoring.
  double block_seconds = 0;
  double score_seconds = 0;
};

struct PredictOptions {
  /// Keep only the pairs whose match probability is at least this; 0 keeps every pair.
  /// Clustering at threshold t needs the pairs at or above t, so a floor up to t loses no link.
  double floor = 0;
};

class Linker {
 public:
  /// Validates the settings against the tables and prepares them. The tables are kept.
  /// `origin` (a settings file name) is named in errors about the settings.
  static absl::StatusOr<Linker> Create(std::vector<Table> tables, Settings settings,
                                       std::string_view origin = "settings");
  /// Settings chosen from the data (InferSettings), and the tables prepared once: the table
  /// prepared to count the candidate rules' pairs is the one the Linker keeps.
  static absl::StatusOr<Linker> CreateFromData(std::vector<Table> tables,
                                               const AutoSettingsOptions& options = {});

  const Settings& settings() const { return settings_; }
  const PreparedTable& prepared() const { return *prepared_; }
  const std::vector<Table>& tables() const { return tables_; }

  /// Trains a model on the prepared records and keeps it for Predict.
  absl::StatusOr<Model> Train();
  /// Trains from labels (m counted among labelled matches; TrainFromLabels) and keeps it.
  absl::StatusOr<Model> TrainFromLabels(const Labels& labels,
                                        const LabelTrainingOptions& options = {});
  /// Trains a logistic regression on labels (TrainLogisticRegression) and keeps it.
  absl::StatusOr<Model> TrainLogisticRegression(const Labels& labels,
                                                const LogisticOptions& options = {});
  /// Cluster labels from input column `column` of every table: records with equal values
  /// (within and across tables) are one entity; an empty value is unknown.
  absl::StatusOr<Labels> ClusterLabels(std::string_view column) const;
  /// The record index of `id` in `source` (which may be empty when there is one table).
  absl::StatusOr<uint32_t> FindRecord(std::string_view id, std::string_view source = "") const;

  /// Uses a saved model; errors when its comparisons differ from the settings', or when its
  /// term-frequency values are hashed and the settings lack the key ("hash_tf_keys").
  absl::Status SetModel(Model model);
  const Model& model() const { return model_; }
  bool has_model() const { return has_model_; }

  /// The pairs each blocking rule will generate, before generating them.
  std::vector<RuleCount> CountPairs() const;
  /// Blocks, compares and scores every candidate pair with the model. Pairs are compared and
  /// scored in chunks on Threads() threads and only those at or above `options.floor` are
  /// kept, so memory holds the candidate pairs (9 bytes each) and the kept pairs' vectors and
  /// scores, never every pair's. The result does not depend on the thread count.
  absl::StatusOr<Predictions> Predict(const PredictOptions& options = {}) const;
  /// Connected components of the links at `threshold` (the settings' threshold when < 0).
  Clusters Cluster(const Predictions& predictions, double threshold = -1) const;

  /// Why the pair (a, b) scores what it does: each term of its match weight.
  absl::StatusOr<Explanation> Explain(uint32_t a, uint32_t b) const;
  /// The best `top` candidates of `record` under the blocking rules, each explained.
  absl::StatusOr<RecordExplanation> ExplainRecord(uint32_t record, size_t top = 5) const;

 private:
  Linker(std::vector<Table> tables, Settings settings, PreparedTable prepared);

  std::vector<Table> tables_;
  Settings settings_;
  // Behind a pointer so that the Comparer's pointers into it survive moves of the Linker.
  std::unique_ptr<PreparedTable> prepared_;
  Model model_;
  bool has_model_ = false;
};

}  // namespace sameas

#endif  // SAMEAS_PIPELINE_LINKER_H_
