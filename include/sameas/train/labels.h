// Training from labels: m counted among labelled matches (and optionally u among labelled
// non-matches), or a supervised logistic regression on the one-hot comparison levels whose
// coefficients become the level weights. Labels are pairs of records with a match flag, or
// the entity of each record (a cluster-id column).
#ifndef SAMEAS_TRAIN_LABELS_H_
#define SAMEAS_TRAIN_LABELS_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/settings/settings.h"
#include "sameas/train/model.h"

namespace sameas {

/// Labels: either pairwise (`left`, `right`, `match`, index-aligned record indices into the
/// PreparedTable) or per record (`cluster`: the entity of each record, kUnknown where not
/// labelled; two records match exactly when they share an entity).
struct Labels {
  static constexpr int64_t kUnknown = -1;

  std::vector<uint32_t> left;
  std::vector<uint32_t> right;
  std::vector<uint8_t> match;
  std::vector<int64_t> cluster;

  bool has_clusters() const { return !cluster.empty(); }
};

struct LabelTrainingOptions {
  /// u from the labelled non-matches instead of random pairs (pairwise labels only). Clerical
  /// non-matches are mostly near misses, so random pairs estimate u better unless the
  /// non-matches are a random sample of non-matching pairs.
  bool u_from_labels = false;
  /// Added to the count of every non-null level, so that a level no labelled pair falls in
  /// keeps a small probability instead of zero.
  double smoothing = 0.5;
};

/// Fellegi-Sunter with m from labels: m of each level is its share among the labelled
/// matching pairs (every pair within an entity for cluster labels); u by random sampling as
/// in Train (or from labelled non-matches); m and u fixed in the settings are kept. The prior
/// is the share of matching pairs among the labelled records (cluster labels), else the match
/// share that EM with m and u held fixed finds among the blocked pairs, scaled to all pairs.
/// Errors name what is wrong with the labels (an index out of range, no match labelled).
absl::StatusOr<Model> TrainFromLabels(const PreparedTable& prepared, const Settings& settings,
                                      const Labels& labels,
                                      const LabelTrainingOptions& options = {});

struct LogisticOptions {
  /// L2 penalty on the level coefficients (not on the intercept): keeps them finite when a
  /// level separates matches perfectly, and identifiable when no pair is null.
  double l2 = 1.0;
  /// Newton iterations at most; stops when no coefficient moves by more than `tolerance`.
  int max_iterations = 100;
  double tolerance = 1e-10;
};

/// Supervised alternative: logistic regression of match on the one-hot non-null levels of
/// every comparison (null is the reference), fitted by Newton's method (IRLS) with L2
/// regularisation over the counts of distinct comparison vectors, so the result does not
/// depend on the order of the pairs or on threads. A case-control design: the cases are the
/// labelled matches (every pair within a cluster), the controls the labelled non-matches and
/// the random pairs u is sampled from (less the labelled pairs and the pairs within a
/// cluster), which are nearly all non-matches. Unlike Fellegi-Sunter's product of per-
/// comparison ratios, the fit accounts for comparisons that agree together (a shared address
/// and postcode are not two independent pieces of evidence).
///
/// The coefficients give the weights in the same Score path: level l of comparison c weighs
/// beta_cl / ln 2 bits (LevelParameters::weight), so explanations and term-frequency terms
/// work unchanged. The intercept holds the cases' share of the training pairs; it is replaced
/// by the prior of TrainFromLabels (King and Zeng 2001, "Logistic regression in rare events
/// data"), and what is left (the weight of the all-null vector) is added to the prior weight.
/// m is still counted and u sampled, for display and for term-frequency terms.
absl::StatusOr<Model> TrainLogisticRegression(const PreparedTable& prepared,
                                              const Settings& settings, const Labels& labels,
                                              const LogisticOptions& options = {});

}  // namespace sameas

#endif  // SAMEAS_TRAIN_LABELS_H_
