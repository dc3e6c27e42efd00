// Training from labels: counting levels among labelled pairs, and logistic regression by
// Newton's method over the counts of distinct labelled comparison vectors.
#include "sameas/train/labels.h"

#include <algorithm>
#include <tuple>
#include <cmath>
#include <numeric>

#include "Eigen/Dense"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "fmt/format.h"
#include "sameas/block/blocking.h"
#include "sameas/compare/compare.h"
#include "sameas/internal/status_macros.h"
#include "sameas/train/train.h"
#include "train/train_internal.h"

namespace sameas {
namespace {

constexpr double kMinProbability = 1e-6;

// 1 / (1 + 2^-bits): the probability of a match weight in bits.
inline double Sigmoid2(double bits) { return 1.0 / (1.0 + std::exp2(-bits)); }

// Labelled pairs with a match flag each.
struct LabelledPairs {
  std::vector<uint32_t> left, right;
  std::vector<uint8_t> match;
  size_t matches = 0;

  size_t size() const { return left.size(); }
  void Add(uint32_t a, uint32_t b, bool is_match) {
    left.push_back(a);
    right.push_back(b);
    match.push_back(is_match ? 1 : 0);
    matches += is_match;
  }
};

absl::Status CheckLabels(const PreparedTable& prepared, const Labels& labels) {
  const size_t n = prepared.num_records();
  if (labels.has_clusters()) {
    if (labels.cluster.size() != n) {
      return absl::InvalidArgumentError(fmt::format(
          "labels: {} cluster ids for {} records; give one per record", labels.cluster.size(), n));
    }
    return absl::OkStatus();
  }
  if (labels.left.size() != labels.right.size() || labels.left.size() != labels.match.size()) {
    return absl::InvalidArgumentError(
        fmt::format("labels: {} left, {} right and {} match flags; they are index-aligned",
                    labels.left.size(), labels.right.size(), labels.match.size()));
  }
  for (size_t i = 0; i < labels.left.size(); ++i) {
    if (labels.left[i] >= n || labels.right[i] >= n) {
      return absl::InvalidArgumentError(
          fmt::format("labels: pair {} ({}, {}) names a record beyond the {} prepared records", i,
                      labels.left[i], labels.right[i], n));
    }
    if (labels.left[i] == labels.right[i]) {
      return absl::InvalidArgumentError(
          fmt::format("labels: pair {} pairs record {} with itself", i, labels.left[i]));
    }
  }
  if (labels.left.empty()) return absl::InvalidArgumentError("labels: no labelled pair");
  return absl::OkStatus();
}

// The pairs within each entity that the link type allows, in order of entity and record.
absl::StatusOr<LabelledPairs> PairsWithinClusters(const PreparedTable& prepared,
                                                  const Settings& settings,
                                                  const std::vector<int64_t>& cluster) {
  std::vector<uint32_t> order;
  for (uint32_t r = 0; r < cluster.size(); ++r) {
    if (cluster[r] != Labels::kUnknown) order.push_back(r);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return cluster[a] < cluster[b]; });
  LabelledPairs pairs;
  for (size_t start = 0; start < order.size();) {
    size_t end = start;
    while (end < order.size() && cluster[order[end]] == cluster[order[start]]) ++end;
    for (size_t i = start; i < end; ++i) {
      for (size_t j = i + 1; j < end; ++j) {
        if (!PairAllowed(prepared, settings.link_type, order[i], order[j])) continue;
        pairs.Add(order[i], order[j], true);
      }
    }
    if (pairs.size() > settings.max_pairs_per_rule) {
      return absl::InvalidArgumentError(fmt::format(
          "labels: the clusters make more than {} matching pairs (max_pairs_per_rule); the "
          "largest so far has {} records",
          settings.max_pairs_per_rule, end - start));
    }
    start = end;
  }
  return pairs;
}

// Comparable pairs among the records with a known cluster.
double LabelledComparablePairs(const PreparedTable& prepared, LinkType link_type,
                               const std::vector<int64_t>& cluster) {
  std::vector<double> per_source(prepared.sources.size(), 0);
  double n = 0;
  for (size_t r = 0; r < cluster.size(); ++r) {
    if (cluster[r] == Labels::kUnknown) continue;
    per_source[prepared.source[r]] += 1;
    n += 1;
  }
  double pairs = n * (n - 1) / 2;
  if (link_type == LinkType::kLinkOnly) {
    for (double c : per_source) pairs -= c * (c - 1) / 2;
  }
  return pairs;
}

// counts[c][level] over the pairs whose match flag is `which`.
std::vector<std::vector<double>> CountLevels(const Model& model, const ComparisonVectors& vectors,
                                             const std::vector<uint8_t>& match, uint8_t which) {
  std::vector<std::vector<double>> counts(vectors.num_comparisons());
  for (size_t c = 0; c < counts.size(); ++c) {
    counts[c].assign(model.comparisons[c].levels.size(), 0.0);
    for (size_t p = 0; p < vectors.num_pairs(); ++p) {
      if (match[p] == which) counts[c][vectors.levels[c][p]] += 1;
    }
  }
  return counts;
}

// Sets m (is_m) or u of every level not fixed by the user to its smoothed share of `counts`,
// leaving the fixed levels' mass to them. Returns the comparisons with no non-null count.
std::vector<std::string> SetFromCounts(const std::vector<std::vector<double>>& counts, bool is_m,
                                       double smoothing, Model* model) {
  std::vector<std::string> empty;
  for (size_t c = 0; c < counts.size(); ++c) {
    auto& levels = model->comparisons[c].levels;
    double total = 0, free_levels = 0, fixed_mass = 0;
    for (size_t l = 1; l < levels.size(); ++l) {
      const bool fixed = is_m ? levels[l].m_fixed : levels[l].u_fixed;
      if (fixed) {
        fixed_mass += is_m ? levels[l].m : levels[l].u;
      } else {
        total += counts[c][l];
        free_levels += 1;
      }
    }
    if (free_levels == 0) continue;
    if (total == 0) empty.push_back(model->comparisons[c].name);
    const double free_mass = std::max(1.0 - fixed_mass, kMinProbability);
    for (size_t l = 1; l < levels.size(); ++l) {
      LevelParameters& level = levels[l];
      if (is_m ? level.m_fixed : level.u_fixed) continue;
      // Without any count (and no smoothing) every free level gets an equal share.
      const double denominator = total + smoothing * free_levels;
      double p = denominator > 0 ? free_mass * (counts[c][l] + smoothing) / denominator
                                 : free_mass / free_levels;
      p = std::max(p, kMinProbability);
      if (is_m) {
        level.m = p;
        level.m_estimated = total > 0;
      } else {
        level.u = p;
        level.u_estimated = total > 0;
      }
    }
  }
  return empty;
}

// The match share among the patterns `counts` that EM finds when each pattern's evidence is
// fixed at weight[k] bits: P(match | k) = 1 / (1 + 2^-(offset + logit2(share) + weight[k])).
// EM for the mixing weight alone, which increases the likelihood at every step.
struct ShareResult {
  double share = 0;
  int iterations = 0;
  bool converged = false;
};
ShareResult EstimateMatchShare(const PatternCounts& counts, const std::vector<double>& weight,
                               double offset, double start, int max_iterations) {
  ShareResult result;
  double share = std::clamp(start, 1e-9, 1 - 1e-9);
  double total = 0;
  for (double c : counts.counts) total += c;
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    const double base = offset + std::log2(share / (1 - share));
    double matches = 0;
    for (size_t k = 0; k < counts.size(); ++k) {
      matches += counts.counts[k] * Sigmoid2(base + weight[k]);
    }
    const double next = std::clamp(matches / total, 1e-12, 1 - 1e-12);
    const double change = std::abs(next - share);
    share = next;
    result.iterations = iteration;
    if (change <= 1e-9 * std::max(share, 1e-6)) {
      result.converged = true;
      break;
    }
  }
  result.share = share;
  return result;
}

// The blocked candidate pairs' comparison vectors, counted by pattern.
absl::StatusOr<PatternCounts> BlockedPatterns(const PreparedTable& prepared,
                                              const Settings& settings, const Comparer& comparer,
                                              size_t* num_pairs) {
  const BlockingOptions blocking = BlockingOptionsFor(settings);
  SAMEAS_ASSIGN_OR_RETURN(CandidatePairs pairs,
                          GenerateCandidates(prepared, settings.blocking_rules, blocking));
  *num_pairs = pairs.size();
  return internal::CountPatterns(comparer, pairs.left, pairs.right);
}

// Distinct comparison vectors with their numbers of matches and non-matches, in order of
// first appearance.
class LabelledPatterns {
 public:
  explicit LabelledPatterns(size_t num_comparisons) : num_comparisons_(num_comparisons) {}

  /// Adds the pairs of `vectors`: pair p is a match when `match[p]`, or, without `match`,
  /// when `all_match`.
  void Add(const ComparisonVectors& vectors, const std::vector<uint8_t>* match, bool all_match) {
    std::string key(num_comparisons_, '\0');
    for (size_t p = 0; p < vectors.num_pairs(); ++p) {
      for (size_t c = 0; c < num_comparisons_; ++c)
        key[c] = static_cast<char>(vectors.levels[c][p]);
      auto [it, inserted] = index_.try_emplace(key, size());
      if (inserted) {
        matches.push_back(0);
        non_matches.push_back(0);
        for (size_t c = 0; c < num_comparisons_; ++c)
          patterns.push_back(static_cast<uint8_t>(key[c]));
      }
      const bool is_match = match != nullptr ? (*match)[p] != 0 : all_match;
      (is_match ? matches : non_matches)[it->second] += 1;
    }
  }

  size_t size() const { return matches.size(); }
  size_t num_comparisons() const { return num_comparisons_; }

  std::vector<uint8_t> patterns;
  std::vector<double> matches, non_matches;

 private:
  size_t num_comparisons_;
  absl::flat_hash_map<std::string, size_t> index_;
};

// log(1 + e^x) without overflow.
inline double Softplus(double x) {
  return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

struct NewtonResult {
  Eigen::VectorXd beta;
  int iterations = 0;
  bool converged = false;
};

// Maximises sum_k [y_k log p_k + n_k log(1 - p_k)] - l2/2 |beta without intercept|^2 with
// p_k = sigmoid(x_k . beta), x_k the intercept and one one-hot per non-null level. Newton
// steps solve (X' W X + l2 I') d = gradient by LDLT, halved while the objective falls.
NewtonResult FitLogistic(const LabelledPatterns& data, const std::vector<size_t>& offset,
                         size_t dimension, const LogisticOptions& options) {
  const size_t nc = data.num_comparisons();
  const size_t k = data.size();
  // The active features of each pattern: the intercept and one per non-null level.
  std::vector<std::vector<size_t>> active(k);
  for (size_t p = 0; p < k; ++p) {
    active[p].push_back(0);
    for (size_t c = 0; c < nc; ++c) {
      const uint8_t level = data.patterns[p * nc + c];
      if (level > 0) active[p].push_back(offset[c] + level - 1);
    }
  }
  auto objective = [&](const Eigen::VectorXd& beta) {
    double value = 0;
    for (size_t p = 0; p < k; ++p) {
      double eta = 0;
      for (size_t i : active[p]) eta += beta[i];
      value -= data.matches[p] * Softplus(-eta) + data.non_matches[p] * Softplus(eta);
    }
    return value - 0.5 * options.l2 * beta.tail(dimension - 1).squaredNorm();
  };
  NewtonResult result;
  result.beta = Eigen::VectorXd::Zero(dimension);
  double current = objective(result.beta);
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    Eigen::VectorXd gradient = Eigen::VectorXd::Zero(dimension);
    Eigen::MatrixXd hessian = Eigen::MatrixXd::Zero(dimension, dimension);
    for (size_t p = 0; p < k; ++p) {
      double eta = 0;
      for (size_t i : active[p]) eta += result.beta[i];
      const double prob = 1.0 / (1.0 + std::exp(-eta));
      const double n = data.matches[p] + data.non_matches[p];
      const double residual = data.matches[p] - n * prob;
      const double w = n * prob * (1 - prob);
      for (size_t i : active[p]) {
        gradient[i] += residual;
        for (size_t j : active[p]) hessian(i, j) += w;
      }
    }
    for (size_t i = 1; i < dimension; ++i) {
      gradient[i] -= options.l2 * result.beta[i];
      hessian(i, i) += options.l2;
    }
    // A tiny ridge on the intercept too keeps the solve defined when every pattern is
    // saturated; it does not move the optimum noticeably.
    hessian(0, 0) += 1e-12;
    Eigen::VectorXd step = hessian.ldlt().solve(gradient);
    double scale = 1;
    Eigen::VectorXd next = result.beta + step;
    double value = objective(next);
    for (int halving = 0; halving < 30 && value < current; ++halving) {
      scale /= 2;
      next = result.beta + scale * step;
      value = objective(next);
    }
    const double moved = (scale * step).cwiseAbs().maxCoeff();
    result.beta = next;
    current = value;
    result.iterations = iteration;
    if (moved < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  return result;
}

}  // namespace

absl::StatusOr<Model> TrainFromLabels(const PreparedTable& prepared, const Settings& settings,
                                      const Labels& labels, const LabelTrainingOptions& options) {
  SAMEAS_RETURN_IF_ERROR(CheckLabels(prepared, labels));
  SAMEAS_ASSIGN_OR_RETURN(Comparer comparer, Comparer::Create(prepared, settings.comparisons));
  Model model = InitialModel(settings);
  model.training_method = "labels";
  const double possible = ComparablePairs(prepared, settings.link_type);
  if (possible < 1) {
    return absl::InvalidArgumentError(
        fmt::format("{} records make no pair to train on", prepared.num_records()));
  }
  LabelledPairs pairs;
  if (labels.has_clusters()) {
    SAMEAS_ASSIGN_OR_RETURN(pairs, PairsWithinClusters(prepared, settings, labels.cluster));
  } else {
    for (size_t i = 0; i < labels.left.size(); ++i) {
      pairs.Add(labels.left[i], labels.right[i], labels.match[i] != 0);
    }
  }
  if (pairs.matches == 0) {
    return absl::InvalidArgumentError(
        labels.has_clusters() ? "labels: no two records share a cluster, so no pair is a match"
                              : "labels: no pair is labelled a match");
  }
  const ComparisonVectors vectors = comparer.Compare(pairs.left, pairs.right);
  const std::vector<std::string> no_m =
      SetFromCounts(CountLevels(model, vectors, pairs.match, 1), true, options.smoothing, &model);
  model.training_log.push_back(
      fmt::format("m counted among {} labelled matching pairs{}", pairs.matches,
                  labels.has_clusters() ? " (every pair within a cluster)" : ""));
  for (const auto& name : no_m) {
    model.training_log.push_back(fmt::format(
        "warning: no labelled match has a value in both records for '{}': its m is uniform", name));
  }
  const size_t non_matches = pairs.size() - pairs.matches;
  PatternCounts sampled;
  uint64_t sampled_pairs = 0;
  if (options.u_from_labels && !labels.has_clusters()) {
    if (non_matches == 0) {
      return absl::InvalidArgumentError(
          "labels: u_from_labels needs pairs labelled as non-matches, and there are none");
    }
    SetFromCounts(CountLevels(model, vectors, pairs.match, 0), false, options.smoothing, &model);
    model.training_log.push_back(
        fmt::format("u counted among {} labelled non-matching pairs", non_matches));
  } else {
    sampled = internal::SamplePatterns(prepared, comparer, settings, &sampled_pairs);
    SetUFromPatterns(sampled, std::vector<double>(sampled.size(), 1.0), &model);
    model.training_log.push_back(fmt::format("u estimated from {} {} pairs (seed {})",
                                             sampled_pairs,
                                             sampled_pairs >= possible ? "(all)" : "random",
                                             settings.seed));
  }
  internal::LogFixedU(settings, &model);

  PatternCounts blocked_counts;
  size_t blocked = 0;
  if (!labels.has_clusters()) {
    SAMEAS_ASSIGN_OR_RETURN(blocked_counts,
                            BlockedPatterns(prepared, settings, comparer, &blocked));
  }
  // The prior, with the log line that says where it came from.
  auto estimate_prior = [&]() -> std::pair<double, std::string> {
    if (labels.has_clusters()) {
      const double labelled = LabelledComparablePairs(prepared, settings.link_type, labels.cluster);
      const double prior = static_cast<double>(pairs.matches) / std::max(labelled, 1.0);
      return {prior, fmt::format("prior {:.3g}: {} matching pairs among {:.0f} pairs of labelled "
                                 "records", prior, pairs.matches, labelled)};
    }
    if (blocked == 0) {
      const double prior = static_cast<double>(pairs.matches) / possible;
      return {prior, fmt::format("prior {:.3g}: the blocking rules give no pair; the labelled "
                                 "matches over all pairs", prior)};
    }
    const ShareResult share = EstimateMatchShare(
        blocked_counts, internal::PatternWeights(blocked_counts, model), 0, 0.1, 1000);
    const double prior = share.share * static_cast<double>(blocked) / possible;
    return {prior, fmt::format("prior {:.3g}: match share {:.4f} among {} blocked pairs by EM "
                               "with m and u held fixed ({} after {} iterations)",
                               prior, share.share, blocked,
                               share.converged ? "converged" : "stopped at the iteration limit",
                               share.iterations)};
  };
  auto [prior, prior_log] = estimate_prior();
  // Random pairs hold matches too: u again without the likely ones (as in Train), twice.
  for (int round = 0; round < 2 && sampled.size() > 0; ++round) {
    model.prior = std::clamp(prior, 1e-12, 0.5);
    const std::vector<double> p = MatchProbabilities(sampled, model);
    std::vector<double> non_match(p.size());
    for (size_t k = 0; k < p.size(); ++k) non_match[k] = 1 - p[k];
    SetUFromPatterns(sampled, non_match, &model);
    std::tie(prior, prior_log) = estimate_prior();
  }
  if (sampled.size() > 0) {
    model.training_log.push_back("u re-estimated from the random pairs without their likely matches");
  }
  model.training_log.push_back(prior_log);
  model.prior = std::clamp(prior, 1e-12, 0.5);
  BuildTermFrequencies(prepared, &model);
  return model;
}

absl::StatusOr<Model> TrainLogisticRegression(const PreparedTable& prepared,
                                              const Settings& settings, const Labels& labels,
                                              const LogisticOptions& options) {
  if (!(options.l2 >= 0) || options.max_iterations < 1) {
    return absl::InvalidArgumentError("logistic regression: l2 >= 0 and max_iterations >= 1");
  }
  // m counted, u sampled and the prior estimated as without regression: m and u are shown in
  // charts and used by term frequencies; the prior is the match share of all pairs.
  SAMEAS_ASSIGN_OR_RETURN(Model model, TrainFromLabels(prepared, settings, labels));
  model.training_method = "logistic_regression";
  SAMEAS_ASSIGN_OR_RETURN(Comparer comparer, Comparer::Create(prepared, settings.comparisons));
  const size_t nc = settings.comparisons.size();

  // Cases: the labelled matches (every pair within a cluster). Controls: the labelled
  // non-matches and the random pairs u is sampled from, less the labelled pairs (and, with
  // clusters, less the pairs within a cluster): almost all non-matches, so the slopes are
  // log-likelihood ratios over all pairs, as Fellegi-Sunter weights are.
  LabelledPairs pairs;
  if (labels.has_clusters()) {
    SAMEAS_ASSIGN_OR_RETURN(pairs, PairsWithinClusters(prepared, settings, labels.cluster));
  } else {
    for (size_t i = 0; i < labels.left.size(); ++i) {
      pairs.Add(labels.left[i], labels.right[i], labels.match[i] != 0);
    }
  }
  absl::flat_hash_set<uint64_t> labelled;
  auto key = [](uint32_t a, uint32_t b) {
    return (static_cast<uint64_t>(std::min(a, b)) << 32) | std::max(a, b);
  };
  for (size_t i = 0; i < pairs.size(); ++i) labelled.insert(key(pairs.left[i], pairs.right[i]));
  LabelledPatterns data(nc);
  data.Add(comparer.Compare(pairs.left, pairs.right), &pairs.match, false);
  double controls = static_cast<double>(pairs.size() - pairs.matches);
  std::vector<uint32_t> left, right;
  internal::ForEachSampledPairChunk(
      prepared, settings, [&](const std::vector<uint32_t>& l, const std::vector<uint32_t>& r) {
        left.clear();
        right.clear();
        for (size_t i = 0; i < l.size(); ++i) {
          if (labelled.contains(key(l[i], r[i]))) continue;
          if (labels.has_clusters() && labels.cluster[l[i]] != Labels::kUnknown &&
              labels.cluster[l[i]] == labels.cluster[r[i]]) {
            continue;
          }
          left.push_back(l[i]);
          right.push_back(r[i]);
        }
        controls += static_cast<double>(left.size());
        data.Add(comparer.Compare(left, right), nullptr, false);
      });
  if (pairs.matches == 0 || controls == 0) {
    return absl::InvalidArgumentError(
        fmt::format("logistic regression needs matches and non-matches; there are {} and {}",
                    pairs.matches, controls));
  }
  std::vector<size_t> offset(nc);
  size_t dimension = 1;
  for (size_t c = 0; c < nc; ++c) {
    offset[c] = dimension;
    dimension += settings.comparisons[c].levels.size() - 1;
  }
  const NewtonResult fit = FitLogistic(data, offset, dimension, options);
  model.training_log.push_back(fmt::format(
      "logistic regression on {} labelled matching pairs against {:.0f} non-matching pairs "
      "(labelled and random; {} distinct vectors), L2 {}: Newton {} after {} iterations",
      pairs.matches, controls, data.size(), options.l2,
      fit.converged ? "converged" : "stopped at the iteration limit", fit.iterations));
  for (size_t c = 0; c < nc; ++c) {
    auto& levels = model.comparisons[c].levels;
    for (size_t l = 1; l < levels.size(); ++l) {
      levels[l].has_weight = true;
      levels[l].weight = fit.beta[offset[c] + l - 1] / std::log(2.0);
    }
  }
  // The intercept holds the cases' share of the training pairs; replacing that share by the
  // prior (King and Zeng 2001) leaves the log-likelihood ratio of the all-null vector, which
  // the prior weight carries along with the prior.
  const double cases = static_cast<double>(pairs.matches);
  const double case_share = cases / (cases + controls);
  const double null_bits = fit.beta[0] / std::log(2.0) - std::log2(case_share / (1 - case_share));
  const double prior_bits =
      std::clamp(std::log2(model.prior / (1 - model.prior)) + null_bits, -60.0, 60.0);
  model.training_log.push_back(fmt::format(
      "prior weight {:.2f} bits: the prior {:.3g} and the all-null vector's weight {:.2f}",
      prior_bits, model.prior, null_bits));
  model.prior = Sigmoid2(prior_bits);
  return model;
}

}  // namespace sameas
