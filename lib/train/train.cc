// Unsupervised training: u by random sampling, m by EM per training rule, the prior from
// deterministic rules.
#include "sameas/train/train.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "absl/container/flat_hash_map.h"
#include "fmt/format.h"
#include "sameas/block/blocking.h"
#include "sameas/internal/status_macros.h"
#include "train/train_internal.h"

namespace sameas {
namespace {

constexpr double kMinProbability = 1e-6;
constexpr size_t kChunk = 1 << 20;

// Adds the level counts of the pairs (left[i], right[i]) to `counts[c][level]`.
void CountLevels(const Comparer& comparer, const std::vector<uint32_t>& left,
                 const std::vector<uint32_t>& right, std::vector<std::vector<double>>* counts) {
  ComparisonVectors vectors = comparer.Compare(left, right);
  for (size_t c = 0; c < vectors.num_comparisons(); ++c) {
    for (uint8_t level : vectors.levels[c]) (*counts)[c][level] += 1;
  }
}

}  // namespace

namespace internal {

void LogFixedU(const Settings& settings, Model* model) {
  for (size_t c = 0; c < model->comparisons.size(); ++c) {
    const auto& levels = model->comparisons[c].levels;
    const ComparisonSpec& spec = settings.comparisons[c];
    size_t fixed = 0, given = 0;
    for (size_t l = 1; l < levels.size(); ++l) {
      fixed += levels[l].u_fixed;
      given += spec.levels[l].u.has_value();
    }
    if (fixed == 0) continue;
    if (fixed > given && given == 0) {
      model->training_log.push_back(fmt::format(
          "warning: u of '{}' is fixed but no level gives u: its starting values were kept",
          spec.name));
    } else {
      model->training_log.push_back(
          fmt::format("u of {} level(s) of '{}' fixed by the settings", fixed, spec.name));
    }
  }
}

uint64_t ForEachSampledPairChunk(
    const PreparedTable& prepared, const Settings& settings,
    const std::function<void(const std::vector<uint32_t>&, const std::vector<uint32_t>&)>& chunk) {
  const uint32_t n = static_cast<uint32_t>(prepared.num_records());
  const double possible = ComparablePairs(prepared, settings.link_type);
  std::vector<uint32_t> left, right;
  left.reserve(kChunk);
  right.reserve(kChunk);
  uint64_t used = 0;
  auto flush = [&] {
    chunk(left, right);
    used += left.size();
    left.clear();
    right.clear();
  };
  if (possible <= static_cast<double>(settings.u_sample_pairs)) {
    for (uint32_t a = 0; a < n; ++a) {
      for (uint32_t b = a + 1; b < n; ++b) {
        if (!PairAllowed(prepared, settings.link_type, a, b)) continue;
        left.push_back(a);
        right.push_back(b);
        if (left.size() == kChunk) flush();
      }
    }
  } else {
    std::mt19937_64 random(settings.seed);
    std::uniform_int_distribution<uint32_t> pick(0, n - 1);
    for (uint64_t drawn = 0; drawn < settings.u_sample_pairs;) {
      uint32_t a = pick(random), b = pick(random);
      if (a == b || !PairAllowed(prepared, settings.link_type, a, b)) continue;
      left.push_back(std::min(a, b));
      right.push_back(std::max(a, b));
      ++drawn;
      if (left.size() == kChunk) flush();
    }
  }
  if (!left.empty()) flush();
  return used;
}

}  // namespace internal

void BuildTermFrequencies(const PreparedTable& prepared, Model* model) {
  const Settings& settings = model->settings;
  for (size_t c = 0; c < settings.comparisons.size(); ++c) {
    TermFrequencyTable& table = model->comparisons[c].term_frequencies;
    table = TermFrequencyTable{};
    if (!settings.comparisons[c].term_frequency) continue;
    const int index = prepared.ColumnIndex(settings.comparisons[c].column);
    if (index < 0) continue;
    const PreparedColumn& column = prepared.columns[index];
    for (size_t code = 0; code < column.counts.size(); ++code) {
      if (column.counts[code] == 0) continue;
      table.counts.emplace(std::string(column.dictionary.value(code)), column.counts[code]);
      table.total += column.counts[code];
    }
  }
}

PatternCounts PatternCounts::FromVectors(const ComparisonVectors& vectors) {
  PatternCounts result;
  const size_t nc = vectors.num_comparisons();
  result.num_comparisons = nc;
  absl::flat_hash_map<std::string, size_t> index;
  std::string key(nc, '\0');
  for (size_t p = 0; p < vectors.num_pairs(); ++p) {
    for (size_t c = 0; c < nc; ++c) key[c] = static_cast<char>(vectors.levels[c][p]);
    auto [it, inserted] = index.try_emplace(key, result.counts.size());
    if (inserted) {
      result.counts.push_back(0);
      for (size_t c = 0; c < nc; ++c) result.patterns.push_back(static_cast<uint8_t>(key[c]));
    }
    result.counts[it->second] += 1;
  }
  return result;
}

EmResult RunEm(const PatternCounts& counts, const std::vector<bool>& fixed, double lambda,
               const EmOptions& options, Model* model) {
  EmResult result;
  const size_t nc = counts.num_comparisons;
  const size_t k = counts.size();
  std::vector<double> p_match(k);
  std::vector<std::vector<double>> m_sum(nc);
  for (size_t c = 0; c < nc; ++c) m_sum[c].resize(model->comparisons[c].levels.size());
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    // E-step: the probability that each pattern is a match.
    const double log_prior = std::log(lambda / (1 - lambda));
    double total = 0, matches = 0;
    for (size_t p = 0; p < k; ++p) {
      double log_ratio = log_prior;
      for (size_t c = 0; c < nc; ++c) {
        if (fixed[c]) continue;
        const uint8_t level = counts.patterns[p * nc + c];
        if (level == 0) continue;
        const LevelParameters& lp = model->comparisons[c].levels[level];
        log_ratio += std::log(lp.m / lp.u);
      }
      p_match[p] = 1.0 / (1.0 + std::exp(-log_ratio));
      total += counts.counts[p];
      matches += counts.counts[p] * p_match[p];
    }
    // M-step: m from the expected level counts among matches.
    double change = 0;
    for (size_t c = 0; c < nc; ++c) {
      if (fixed[c]) continue;
      std::fill(m_sum[c].begin(), m_sum[c].end(), 0.0);
      for (size_t p = 0; p < k; ++p) {
        m_sum[c][counts.patterns[p * nc + c]] += counts.counts[p] * p_match[p];
      }
      // Levels whose m the user fixed keep it; the others share what is left in proportion
      // to their expected counts.
      double free_sum = 0, fixed_mass = 0;
      for (size_t l = 1; l < m_sum[c].size(); ++l) {
        const LevelParameters& lp = model->comparisons[c].levels[l];
        if (lp.m_fixed) {
          fixed_mass += lp.m;
        } else {
          free_sum += m_sum[c][l];
        }
      }
      if (free_sum <= 0) continue;
      const double free_mass = std::max(1.0 - fixed_mass, kMinProbability);
      for (size_t l = 1; l < m_sum[c].size(); ++l) {
        LevelParameters& lp = model->comparisons[c].levels[l];
        if (lp.m_fixed) continue;
        double m = std::max(free_mass * m_sum[c][l] / free_sum, kMinProbability);
        change = std::max(change, std::abs(m - lp.m));
        lp.m = m;
      }
    }
    double new_lambda = std::clamp(matches / total, kMinProbability, 1 - kMinProbability);
    change = std::max(change, std::abs(new_lambda - lambda));
    lambda = new_lambda;
    result.iterations = iteration;
    if (change < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  result.lambda = lambda;
  return result;
}

double ComparablePairs(const PreparedTable& prepared, LinkType link_type) {
  const double n = static_cast<double>(prepared.num_records());
  double pairs = n * (n - 1) / 2;
  if (link_type == LinkType::kLinkOnly) {
    std::vector<double> per_source(prepared.sources.size(), 0);
    for (uint16_t s : prepared.source) per_source[s] += 1;
    for (double c : per_source) pairs -= c * (c - 1) / 2;
  }
  return pairs;
}

uint64_t EstimateU(const PreparedTable& prepared, const Comparer& comparer,
                   const Settings& settings, Model* model) {
  const size_t nc = comparer.num_comparisons();
  std::vector<std::vector<double>> counts(nc);
  for (size_t c = 0; c < nc; ++c) counts[c].assign(model->comparisons[c].levels.size(), 0.0);
  const uint64_t used = internal::ForEachSampledPairChunk(
      prepared, settings,
      [&](const std::vector<uint32_t>& left, const std::vector<uint32_t>& right) {
        CountLevels(comparer, left, right, &counts);
      });
  for (size_t c = 0; c < nc; ++c) {
    // Levels whose u the user fixed keep it; the others share what is left.
    double non_null = 0, free_levels = 0, fixed_mass = 0;
    for (size_t l = 1; l < counts[c].size(); ++l) {
      const LevelParameters& lp = model->comparisons[c].levels[l];
      if (lp.u_fixed) {
        fixed_mass += lp.u;
      } else {
        non_null += counts[c][l];
        free_levels += 1;
      }
    }
    const double free_mass = std::max(1.0 - fixed_mass, kMinProbability);
    for (size_t l = 1; l < counts[c].size(); ++l) {
      // Add-half smoothing keeps a level never seen among random pairs finite.
      LevelParameters& lp = model->comparisons[c].levels[l];
      if (lp.u_fixed) continue;
      lp.u = free_mass * (counts[c][l] + 0.5) / (non_null + 0.5 * free_levels);
      lp.u_estimated = true;
    }
  }
  return used;
}

absl::StatusOr<Model> Train(const PreparedTable& prepared, const Settings& settings) {
  SAMEAS_ASSIGN_OR_RETURN(Comparer comparer, Comparer::Create(prepared, settings.comparisons));
  Model model = InitialModel(settings);
  const double possible = ComparablePairs(prepared, settings.link_type);
  if (possible < 1) {
    return absl::InvalidArgumentError(
        fmt::format("{} records make no pair to train on", prepared.num_records()));
  }
  uint64_t sampled = EstimateU(prepared, comparer, settings, &model);
  model.training_log.push_back(fmt::format(
      "u estimated from {} {} pairs (seed {})", sampled,
      sampled >= possible ? "(all)" : "random", settings.seed));

  BlockingOptions blocking;
  blocking.link_type = settings.link_type;
  blocking.max_pairs_per_rule = settings.max_pairs_per_rule;

  // The prior: pairs the deterministic rules find, scaled up by their assumed recall.
  double prior = 0;
  if (!settings.deterministic_rules.empty()) {
    SAMEAS_ASSIGN_OR_RETURN(CandidatePairs deterministic,
                            GenerateCandidates(prepared, settings.deterministic_rules, blocking));
    double matches = static_cast<double>(deterministic.size()) / settings.deterministic_recall;
    prior = matches / possible;
    model.training_log.push_back(fmt::format(
        "prior {:.3g}: {} pairs meet the deterministic rules, assumed recall {}, of {:.0f} "
        "possible pairs",
        prior, deterministic.size(), settings.deterministic_recall, possible));
  }

  // m: one EM session per training rule, each leaving out the comparisons its rule blocks
  // on; m is the average over the sessions that estimated it.
  const std::vector<BlockingRule>& rules =
      settings.training_rules.empty() ? settings.blocking_rules : settings.training_rules;
  const Model start = model;
  const size_t nc = settings.comparisons.size();
  std::vector<std::vector<double>> m_total(nc);
  std::vector<int> sessions(nc, 0);
  for (size_t c = 0; c < nc; ++c) m_total[c].assign(model.comparisons[c].levels.size(), 0.0);
  EmOptions em;
  em.tolerance = settings.em_tolerance;
  em.max_iterations = settings.em_max_iterations;
  double lambda_for_prior = 0;
  uint64_t pairs_for_prior = 0;
  for (const BlockingRule& rule : rules) {
    SAMEAS_ASSIGN_OR_RETURN(CandidatePairs pairs, GenerateCandidates(prepared, {rule}, blocking));
    if (pairs.size() == 0) {
      model.training_log.push_back(fmt::format("training rule '{}': no pairs, skipped", rule.ToString()));
      continue;
    }
    std::vector<bool> fixed(nc, false);
    size_t free = 0;
    for (size_t c = 0; c < nc; ++c) {
      for (const auto& part : rule.parts) {
        if (part.column == settings.comparisons[c].column) fixed[c] = true;
      }
      if (!fixed[c]) ++free;
    }
    if (free == 0) {
      model.training_log.push_back(fmt::format(
          "training rule '{}': blocks on every comparison, skipped", rule.ToString()));
      continue;
    }
    PatternCounts counts = PatternCounts::FromVectors(comparer.Compare(pairs.left, pairs.right));
    Model session = start;
    double lambda = prior > 0 ? std::clamp(prior * possible / pairs.size(), 0.01, 0.5) : 0.1;
    EmResult result = RunEm(counts, fixed, lambda, em, &session);
    model.training_log.push_back(fmt::format(
        "training rule '{}': EM on {} pairs ({} distinct vectors) {} after {} iterations; "
        "match share {:.4f}",
        rule.ToString(), pairs.size(), counts.size(),
        result.converged ? "converged" : "stopped at the iteration limit", result.iterations,
        result.lambda));
    for (size_t c = 0; c < nc; ++c) {
      if (fixed[c]) continue;
      ++sessions[c];
      for (size_t l = 1; l < m_total[c].size(); ++l) {
        m_total[c][l] += session.comparisons[c].levels[l].m;
      }
    }
    if (pairs.size() > pairs_for_prior) {
      pairs_for_prior = pairs.size();
      lambda_for_prior = result.lambda;
    }
  }
  for (size_t c = 0; c < nc; ++c) {
    auto& levels = model.comparisons[c].levels;
    const bool all_fixed =
        std::all_of(levels.begin() + 1, levels.end(), [](const auto& l) { return l.m_fixed; });
    if (all_fixed) {
      model.training_log.push_back(
          fmt::format("m of '{}' fixed by the settings", settings.comparisons[c].name));
      continue;
    }
    if (sessions[c] == 0) {
      model.training_log.push_back(fmt::format(
          "warning: m of '{}' kept its starting values: every training rule blocks on its "
          "column; add a training rule that does not",
          settings.comparisons[c].name));
      continue;
    }
    for (size_t l = 1; l < m_total[c].size(); ++l) {
      if (levels[l].m_fixed) continue;
      levels[l].m = m_total[c][l] / sessions[c];
      levels[l].m_estimated = true;
    }
  }
  internal::LogFixedU(settings, &model);
  BuildTermFrequencies(prepared, &model);
  if (prior <= 0) {
    // Without deterministic rules: the matches EM found under the largest training rule,
    // taken as all the matches there are.
    prior = lambda_for_prior * static_cast<double>(pairs_for_prior) / possible;
    model.training_log.push_back(fmt::format(
        "prior {:.3g} from the match share EM found under the largest training rule", prior));
  }
  model.prior = std::clamp(prior, 1e-12, 0.5);
  return model;
}

}  // namespace sameas
