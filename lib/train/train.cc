// Unsupervised training: u by random sampling, m by EM per training rule, the prior from
// deterministic rules; then, a few rounds, m from all training pairs at once under the whole
// model, u again from the random pairs with their likely matches taken out, and the recall of
// the deterministic rules measured in the training pairs.
#include "sameas/train/train.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "fmt/format.h"
#include "sameas/block/blocking.h"
#include "internal/parallel.h"
#include "sameas/internal/status_macros.h"
#include "train/train_internal.h"

namespace sameas {
namespace {

// Pairs per chunk of pattern counting.
constexpr size_t kPatternChunk = 1 << 16;

// The distinct vectors of pairs [begin, end) of `vectors`, in order of first appearance.
PatternCounts CountRange(const ComparisonVectors& vectors, size_t begin, size_t end) {
  PatternCounts result;
  const size_t nc = vectors.num_comparisons();
  result.num_comparisons = nc;
  absl::flat_hash_map<std::string, size_t> index;
  std::string key(nc, '\0');
  for (size_t p = begin; p < end; ++p) {
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

// Merges per-chunk counts in chunk order: patterns keep the order of their first appearance
// over all pairs, and counts are whole numbers, so the sum is exact in any order.
PatternCounts MergeInOrder(const std::vector<PatternCounts>& parts, size_t nc) {
  PatternCounts result;
  result.num_comparisons = nc;
  absl::flat_hash_map<std::string, size_t> index;
  for (const PatternCounts& part : parts) {
    for (size_t k = 0; k < part.size(); ++k) {
      std::string key(reinterpret_cast<const char*>(part.patterns.data()) + k * nc, nc);
      auto [it, inserted] = index.try_emplace(std::move(key), result.counts.size());
      if (inserted) {
        result.counts.push_back(0);
        result.patterns.insert(result.patterns.end(), part.patterns.begin() + k * nc,
                               part.patterns.begin() + (k + 1) * nc);
      }
      result.counts[it->second] += part.counts[k];
    }
  }
  return result;
}


constexpr double kMinProbability = 1e-6;
constexpr size_t kChunk = 1 << 20;

// The recall assumed for the deterministic rules when the settings give none and no EM
// session can measure it.
constexpr double kAssumedRecall = 0.7;

// Rounds of (m by EM, prior, u without the likely matches) end when the expected number of
// matches among the random pairs and the prior move by less than this share, or after
// kMaxRounds. Each round takes out more of the matches (on the bundled sample 555, 659,
// 697, 715 ... of 698 true ones), so u of an exact name falls to the namesakes' share.
constexpr double kRoundTolerance = 0.005;
constexpr int kMaxRounds = 20;

// m of the levels of `comparison` as their shares of `expected` (the expected count of matches
// per level; the null level's is not used); levels whose m the user fixed keep it and the others
// share what is left. Returns the largest change of an m; nothing changes when no match is
// expected at a free level.
double SetLevelShares(const std::vector<double>& expected, ComparisonParameters* comparison) {
  double free_sum = 0, fixed_mass = 0;
  for (size_t l = 1; l < expected.size(); ++l) {
    const LevelParameters& lp = comparison->levels[l];
    if (lp.m_fixed) {
      fixed_mass += lp.m;
    } else {
      free_sum += expected[l];
    }
  }
  if (free_sum <= 0) return 0;
  const double free_mass = std::max(1.0 - fixed_mass, kMinProbability);
  double change = 0;
  for (size_t l = 1; l < expected.size(); ++l) {
    LevelParameters& lp = comparison->levels[l];
    if (lp.m_fixed) continue;
    const double m = std::max(free_mass * expected[l] / free_sum, kMinProbability);
    change = std::max(change, std::abs(m - lp.m));
    lp.m = m;
  }
  return change;
}

uint64_t PairKey(uint32_t a, uint32_t b) {
  if (a > b) std::swap(a, b);
  return (static_cast<uint64_t>(a) << 32) | b;
}

// True when `rule` blocks on a column that one of `rules` reads.
bool SharesColumn(const BlockingRule& rule, const std::vector<BlockingRule>& rules) {
  for (const auto& other : rules) {
    for (const auto& part : rule.parts) {
      for (const auto& theirs : other.parts) {
        if (part.column == theirs.column) return true;
      }
    }
  }
  return false;
}

// Keeps `keep` of `pairs` (all when there are no more), chosen by selection sampling (Knuth,
// TAOCP vol. 2, Algorithm S): each pair in turn is taken with probability (still wanted) /
// (still left), so exactly `keep` are taken, in generation order. The choice depends on the
// seed and the pairs alone, never on the thread count.
CandidatePairs SamplePairs(CandidatePairs pairs, uint64_t keep, uint64_t seed) {
  const size_t n = pairs.size();
  if (keep == 0 || n <= keep) return pairs;
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  size_t taken = 0;
  for (size_t p = 0; p < n && taken < keep; ++p) {
    if (static_cast<double>(n - p) * uniform(random) < static_cast<double>(keep - taken)) {
      pairs.left[taken] = pairs.left[p];
      pairs.right[taken] = pairs.right[p];
      pairs.rule[taken] = pairs.rule[p];
      ++taken;
    }
  }
  pairs.left.resize(taken);
  pairs.right.resize(taken);
  pairs.rule.resize(taken);
  pairs.left.shrink_to_fit();
  pairs.right.shrink_to_fit();
  pairs.rule.shrink_to_fit();
  return pairs;
}

// One EM session: the pairs of a training rule, counted by pattern; or (RecallPairs) the
// pairs where the recall of the deterministic rules is measured.
struct Session {
  const BlockingRule* rule = nullptr;
  // The rule's pairs, and those of them EM ran on (a sample of em_sample_pairs when there
  // are more): the match share EM finds among the sample is the share among all the pairs.
  size_t pairs = 0;
  size_t sampled = 0;
  // pairs / sampled: how many of the rule's pairs each pair EM saw stands for, so that sums
  // over the sessions' pairs (m from all sessions at once, the measured recall) weigh a
  // sampled rule as much as all its pairs would.
  double weight = 1;
  PatternCounts counts;
  // Per pattern: how many of its pairs the deterministic rules find too (RecallPairs only).
  std::vector<double> deterministic;
  // The comparisons the rule blocks on: left out of its likelihood.
  std::vector<bool> fixed;
  // The pairs say how many matches the deterministic rules find: their rules read none of
  // the deterministic rules' columns.
  bool measures_recall = false;
  EmResult result;
};

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
  } else if (settings.link_type == LinkType::kLinkOnly) {
    // Across sources directly: a pair of sources drawn by n_i * n_j, then a record of each.
    // Drawing any two records and refusing pairs within a source would take n / n_small
    // draws per pair when one source is small.
    std::vector<std::vector<uint32_t>> members(prepared.sources.size());
    for (uint32_t r = 0; r < n; ++r) members[prepared.source[r]].push_back(r);
    std::vector<std::pair<size_t, size_t>> source_pairs;
    std::vector<double> weights;
    for (size_t i = 0; i < members.size(); ++i) {
      for (size_t j = i + 1; j < members.size(); ++j) {
        if (members[i].empty() || members[j].empty()) continue;
        source_pairs.emplace_back(i, j);
        weights.push_back(static_cast<double>(members[i].size()) * members[j].size());
      }
    }
    std::mt19937_64 random(settings.seed);
    std::discrete_distribution<size_t> pick_sources(weights.begin(), weights.end());
    for (uint64_t drawn = 0; drawn < settings.u_sample_pairs; ++drawn) {
      const auto [i, j] = source_pairs[pick_sources(random)];
      const uint32_t a = members[i][std::uniform_int_distribution<size_t>(0, members[i].size() - 1)(random)];
      const uint32_t b = members[j][std::uniform_int_distribution<size_t>(0, members[j].size() - 1)(random)];
      left.push_back(std::min(a, b));
      right.push_back(std::max(a, b));
      if (left.size() == kChunk) flush();
    }
  } else {
    std::mt19937_64 random(settings.seed);
    std::uniform_int_distribution<uint32_t> pick(0, n - 1);
    for (uint64_t drawn = 0; drawn < settings.u_sample_pairs;) {
      uint32_t a = pick(random), b = pick(random);
      if (a == b) continue;
      left.push_back(std::min(a, b));
      right.push_back(std::max(a, b));
      ++drawn;
      if (left.size() == kChunk) flush();
    }
  }
  if (!left.empty()) flush();
  return used;
}

PatternCounts CountPatterns(const Comparer& comparer, const std::vector<uint32_t>& left,
                            const std::vector<uint32_t>& right) {
  std::vector<PatternCounts> parts(NumChunks(left.size(), kPatternChunk));
  ParallelChunks(left.size(), kPatternChunk, [&](size_t chunk, size_t begin, size_t end) {
    const std::vector<uint32_t> l(left.begin() + begin, left.begin() + end);
    const std::vector<uint32_t> r(right.begin() + begin, right.begin() + end);
    const ComparisonVectors vectors = comparer.Compare(l, r);
    parts[chunk] = CountRange(vectors, 0, vectors.num_pairs());
  });
  return MergeInOrder(parts, comparer.num_comparisons());
}


PatternCounter::PatternCounter(size_t num_comparisons) : key_(num_comparisons, '\0') {
  counts_.num_comparisons = num_comparisons;
}

std::vector<uint32_t> PatternCounter::Add(const ComparisonVectors& vectors) {
  const size_t nc = counts_.num_comparisons;
  std::vector<uint32_t> pattern_of(vectors.num_pairs());
  for (size_t p = 0; p < vectors.num_pairs(); ++p) {
    for (size_t c = 0; c < nc; ++c) key_[c] = static_cast<char>(vectors.levels[c][p]);
    auto [it, inserted] = index_.try_emplace(key_, counts_.counts.size());
    if (inserted) {
      counts_.counts.push_back(0);
      for (size_t c = 0; c < nc; ++c) counts_.patterns.push_back(static_cast<uint8_t>(key_[c]));
    }
    counts_.counts[it->second] += 1;
    pattern_of[p] = static_cast<uint32_t>(it->second);
  }
  return pattern_of;
}

std::vector<double> PatternWeights(const PatternCounts& counts, const Model& model) {
  const size_t nc = counts.num_comparisons;
  std::vector<double> weight(counts.size(), 0.0);
  for (size_t k = 0; k < counts.size(); ++k) {
    for (size_t c = 0; c < nc; ++c) weight[k] += model.Weight(c, counts.patterns[k * nc + c]);
  }
  return weight;
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
  internal::PatternCounter counter(vectors.num_comparisons());
  counter.Add(vectors);
  return counter.Take();
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
      change = std::max(change, SetLevelShares(m_sum[c], &model->comparisons[c]));
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
  result.match_probability = std::move(p_match);
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

std::vector<double> MatchProbabilities(const PatternCounts& counts, const Model& model) {
  const std::vector<double> weight = internal::PatternWeights(counts, model);
  const double prior = model.PriorWeight();
  std::vector<double> p(counts.size());
  for (size_t k = 0; k < counts.size(); ++k) p[k] = 1.0 / (1.0 + std::exp2(-(prior + weight[k])));
  return p;
}

void SetUFromPatterns(const PatternCounts& sample, const std::vector<double>& non_match,
                      Model* model) {
  const size_t nc = sample.num_comparisons;
  for (size_t c = 0; c < nc; ++c) {
    auto& levels = model->comparisons[c].levels;
    std::vector<double> counts(levels.size(), 0.0);
    for (size_t k = 0; k < sample.size(); ++k) {
      counts[sample.patterns[k * nc + c]] += sample.counts[k] * non_match[k];
    }
    // Levels whose u the user fixed keep it; the others share what is left.
    double non_null = 0, free_levels = 0, fixed_mass = 0;
    for (size_t l = 1; l < levels.size(); ++l) {
      if (levels[l].u_fixed) {
        fixed_mass += levels[l].u;
      } else {
        non_null += counts[l];
        free_levels += 1;
      }
    }
    const double free_mass = std::max(1.0 - fixed_mass, kMinProbability);
    for (size_t l = 1; l < levels.size(); ++l) {
      // Add-half smoothing keeps a level never seen among random pairs finite.
      if (levels[l].u_fixed) continue;
      levels[l].u = free_mass * (counts[l] + 0.5) / (non_null + 0.5 * free_levels);
      levels[l].u_estimated = true;
    }
  }
}

namespace internal {

double DeterministicRecall(const Settings& settings, const Model& model,
                           const std::vector<double>& present) {
  const size_t nc = settings.comparisons.size();
  double missed = 1;
  for (const BlockingRule& rule : settings.deterministic_rules) {
    double found = 1;
    for (const auto& part : rule.parts) {
      if (part.transform != KeyTransform::kExact) return 0;
      size_t c = 0;
      while (c < nc && settings.comparisons[c].column != part.column) ++c;
      if (c == nc) return 0;
      double exact = 0;
      const auto& levels = settings.comparisons[c].levels;
      for (size_t l = 1; l < levels.size(); ++l) {
        if (levels[l].kind == LevelKind::kExact || levels[l].kind == LevelKind::kExactWithDiacritics) {
          exact += model.comparisons[c].levels[l].m;
        }
      }
      found *= present[c] * std::min(exact, 1.0);
    }
    missed *= 1 - found;
  }
  return 1 - missed;
}

PatternCounts SamplePatterns(const PreparedTable& prepared, const Comparer& comparer,
                             const Settings& settings, uint64_t* used) {
  internal::PatternCounter counter(comparer.num_comparisons());
  *used = internal::ForEachSampledPairChunk(
      prepared, settings,
      [&](const std::vector<uint32_t>& left, const std::vector<uint32_t>& right) {
        counter.Add(comparer.Compare(left, right));
      });
  return counter.Take();
}

}  // namespace internal

namespace {

// The pairs of each training rule, counted by pattern.
absl::StatusOr<std::vector<Session>> MakeSessions(const PreparedTable& prepared,
                                                  const Comparer& comparer,
                                                  const Settings& settings, Model* model) {
  const BlockingOptions blocking = BlockingOptionsFor(settings);
  const std::vector<BlockingRule>& rules =
      settings.training_rules.empty() ? settings.blocking_rules : settings.training_rules;
  const size_t nc = settings.comparisons.size();
  std::vector<Session> sessions;
  for (size_t r = 0; r < rules.size(); ++r) {
    const BlockingRule& rule = rules[r];
    SAMEAS_ASSIGN_OR_RETURN(CandidatePairs all, GenerateCandidates(prepared, {rule}, blocking));
    const size_t total = all.size();
    // Each rule its own stream of the seed, so that adding a rule leaves the others' samples.
    const uint64_t seed = settings.seed + 0x9E3779B97F4A7C15ULL * (r + 1);
    const CandidatePairs pairs = SamplePairs(std::move(all), settings.em_sample_pairs, seed);
    if (pairs.size() == 0) {
      model->training_log.push_back(
          fmt::format("training rule '{}': no pairs, skipped", rule.ToString()));
      continue;
    }
    Session session;
    session.rule = &rule;
    session.pairs = total;
    session.sampled = pairs.size();
    session.weight = static_cast<double>(total) / static_cast<double>(pairs.size());
    session.fixed.assign(nc, false);
    size_t free = 0;
    for (size_t c = 0; c < nc; ++c) {
      for (const auto& part : rule.parts) {
        if (part.column == settings.comparisons[c].column) session.fixed[c] = true;
      }
      if (!session.fixed[c]) ++free;
    }
    if (free == 0) {
      model->training_log.push_back(fmt::format(
          "training rule '{}': blocks on every comparison, skipped", rule.ToString()));
      continue;
    }
    internal::PatternCounter counter(nc);
    counter.Add(comparer.Compare(pairs.left, pairs.right));
    session.counts = counter.Take();
    sessions.push_back(std::move(session));
  }
  return sessions;
}

// The pairs of the training rules that read no column of the deterministic rules, each pair
// once, counted by pattern with the pairs the deterministic rules find marked: where the recall
// of those rules is measured. Summed over the sessions instead, a match with a name sharing
// four name rules counted four times, and a match the deterministic rules find by its email,
// with a name varied, once: on the bundled sample the recall came out 0.16 against a true 0.19.
// No pairs when no training rule can measure it.
absl::StatusOr<Session> RecallPairs(const PreparedTable& prepared, const Comparer& comparer,
                                    const Settings& settings,
                                    const absl::flat_hash_set<uint64_t>& deterministic) {
  Session recall;
  const std::vector<BlockingRule>& rules =
      settings.training_rules.empty() ? settings.blocking_rules : settings.training_rules;
  std::vector<BlockingRule> measuring;
  for (const BlockingRule& rule : rules) {
    if (!SharesColumn(rule, settings.deterministic_rules)) measuring.push_back(rule);
  }
  if (deterministic.empty() || measuring.empty()) return recall;
  SAMEAS_ASSIGN_OR_RETURN(CandidatePairs all,
                          GenerateCandidates(prepared, measuring, BlockingOptionsFor(settings)));
  // A sample as large as the rules' EM samples together: the recall is a share of them.
  const size_t total = all.size();
  const uint64_t keep = settings.em_sample_pairs * measuring.size();
  const CandidatePairs pairs = SamplePairs(std::move(all), keep, settings.seed);
  internal::PatternCounter counter(settings.comparisons.size());
  const std::vector<uint32_t> pattern_of = counter.Add(comparer.Compare(pairs.left, pairs.right));
  recall.pairs = total;
  recall.sampled = pairs.size();
  if (recall.sampled > 0) recall.weight = static_cast<double>(total) / recall.sampled;
  recall.counts = counter.Take();
  recall.deterministic.assign(recall.counts.size(), 0.0);
  for (size_t p = 0; p < pairs.size(); ++p) {
    if (deterministic.contains(PairKey(pairs.left[p], pairs.right[p]))) {
      recall.deterministic[pattern_of[p]] += 1;
    }
  }
  recall.measures_recall = recall.pairs > 0;
  return recall;
}

// m of every comparison as the mean over the sessions that estimate it, each session started
// from `model` with the match share the prior implies for its pairs.
void RunSessions(const Settings& settings, double prior, double possible,
                 std::vector<Session>* sessions, Model* model) {
  const size_t nc = settings.comparisons.size();
  EmOptions em;
  em.tolerance = settings.em_tolerance;
  em.max_iterations = settings.em_max_iterations;
  std::vector<std::vector<double>> m_total(nc);
  std::vector<int> estimated(nc, 0);
  for (size_t c = 0; c < nc; ++c) m_total[c].assign(model->comparisons[c].levels.size(), 0.0);
  for (Session& session : *sessions) {
    Model trained = *model;
    const double lambda =
        prior > 0 ? std::clamp(prior * possible / session.pairs, 0.01, 0.5) : 0.1;
    session.result = RunEm(session.counts, session.fixed, lambda, em, &trained);
    for (size_t c = 0; c < nc; ++c) {
      if (session.fixed[c]) continue;
      ++estimated[c];
      for (size_t l = 1; l < m_total[c].size(); ++l) {
        m_total[c][l] += trained.comparisons[c].levels[l].m;
      }
    }
  }
  for (size_t c = 0; c < nc; ++c) {
    if (estimated[c] == 0) continue;
    auto& levels = model->comparisons[c].levels;
    for (size_t l = 1; l < levels.size(); ++l) {
      if (levels[l].m_fixed) continue;
      levels[l].m = m_total[c][l] / estimated[c];
      levels[l].m_estimated = true;
    }
  }
}

// m of every comparison from the pairs of the sessions whose rule does not block on it, each
// pattern counted by its probability of a match under the whole model (every comparison, the
// prior), in EM iterations with u and the prior held: one M-step over all sessions at once.
// A session's own EM leaves out the comparisons its rule blocks on and finds its match share
// from what remains; within a block those are not what random pairs make them (people sharing
// a family name share a city more often than random people), and on the bundled sample every
// name session took all its pairs for matches — namesakes with other birth dates too, so m of
// differing birth dates came out 0.24 where the truth is near 0. With the name levels in the
// posterior and the prior the deterministic rules give, namesakes stay non-matches.
// Returns the iterations run.
int SetMFromSessions(const std::vector<Session>& sessions, const Settings& settings, double prior,
                     Model* model) {
  const size_t nc = settings.comparisons.size();
  std::vector<std::vector<double>> m_sum(nc);
  std::vector<bool> estimated(nc, false);
  for (const Session& session : sessions) {
    for (size_t c = 0; c < nc; ++c) estimated[c] = estimated[c] || !session.fixed[c];
  }
  int iteration = 1;
  for (; iteration <= settings.em_max_iterations; ++iteration) {
    Model current = *model;
    current.prior = prior;
    for (size_t c = 0; c < nc; ++c) m_sum[c].assign(model->comparisons[c].levels.size(), 0.0);
    for (const Session& session : sessions) {
      const std::vector<double> p = MatchProbabilities(session.counts, current);
      for (size_t k = 0; k < session.counts.size(); ++k) {
        const double matches = session.weight * session.counts.counts[k] * p[k];
        for (size_t c = 0; c < nc; ++c) {
          if (!session.fixed[c]) m_sum[c][session.counts.patterns[k * nc + c]] += matches;
        }
      }
    }
    double change = 0;
    for (size_t c = 0; c < nc; ++c) {
      if (estimated[c]) change = std::max(change, SetLevelShares(m_sum[c], &model->comparisons[c]));
    }
    if (change < settings.em_tolerance) break;
  }
  return std::min(iteration, settings.em_max_iterations);
}

// The share of the expected matches among `pairs` (RecallPairs) that the deterministic rules
// also find, each pair's probability of a match taken from the whole model (every comparison,
// the prior so far); 0 when there are none. A session's own EM would not do: it sees only the
// comparisons its rule leaves free, and where those are weak (a city, an email most accounts
// do not show) it takes many non-matches for matches.
double MeasuredRecall(const Session& pairs, const Model& model, double* matches_seen) {
  double found = 0, matches = 0;
  if (pairs.measures_recall) {
    const std::vector<double> p = MatchProbabilities(pairs.counts, model);
    for (size_t k = 0; k < pairs.counts.size(); ++k) {
      matches += pairs.weight * pairs.counts.counts[k] * p[k];
      found += pairs.weight * pairs.deterministic[k] * p[k];
    }
  }
  *matches_seen = matches;
  return matches > 0 ? found / matches : 0;
}

// The recall of the deterministic rules under the model (internal::DeterministicRecall), for
// when no training rule can measure it (every one reads a column of theirs), with the share
// of matches that have a value on both sides taken, per comparison, from the sessions' pairs
// not blocked on it, each weighted by its probability of a match.
double ModelRecall(const std::vector<Session>& sessions, const Settings& settings,
                   const Model& model) {
  const size_t nc = settings.comparisons.size();
  std::vector<double> null_matches(nc, 0.0), matches(nc, 0.0);
  for (const Session& session : sessions) {
    const std::vector<double> p = MatchProbabilities(session.counts, model);
    for (size_t k = 0; k < session.counts.size(); ++k) {
      const double expected = session.weight * session.counts.counts[k] * p[k];
      for (size_t c = 0; c < nc; ++c) {
        if (session.fixed[c]) continue;
        matches[c] += expected;
        if (session.counts.patterns[k * nc + c] == 0) null_matches[c] += expected;
      }
    }
  }
  std::vector<double> present(nc, 1.0);
  for (size_t c = 0; c < nc; ++c) {
    if (matches[c] > 0) present[c] = 1 - null_matches[c] / matches[c];
  }
  return internal::DeterministicRecall(settings, model, present);
}

}  // namespace

uint64_t EstimateU(const PreparedTable& prepared, const Comparer& comparer,
                   const Settings& settings, Model* model) {
  uint64_t used = 0;
  const PatternCounts sample = internal::SamplePatterns(prepared, comparer, settings, &used);
  SetUFromPatterns(sample, std::vector<double>(sample.size(), 1.0), model);
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
  const size_t nc = settings.comparisons.size();

  // u: the random pairs are counted once; u comes from them in every round.
  uint64_t sampled = 0;
  const PatternCounts sample = internal::SamplePatterns(prepared, comparer, settings, &sampled);
  SetUFromPatterns(sample, std::vector<double>(sample.size(), 1.0), &model);
  model.training_log.push_back(fmt::format(
      "u estimated from {} {} pairs (seed {})", sampled,
      sampled >= possible ? "(all)" : "random", settings.seed));

  // The pairs the deterministic rules find.
  absl::flat_hash_set<uint64_t> deterministic;
  if (!settings.deterministic_rules.empty()) {
    const BlockingOptions blocking = BlockingOptionsFor(settings);
    SAMEAS_ASSIGN_OR_RETURN(CandidatePairs pairs,
                            GenerateCandidates(prepared, settings.deterministic_rules, blocking));
    deterministic.reserve(pairs.size());
    for (size_t p = 0; p < pairs.size(); ++p) deterministic.insert(PairKey(pairs.left[p], pairs.right[p]));
  }
  const double found = static_cast<double>(deterministic.size());
  SAMEAS_ASSIGN_OR_RETURN(std::vector<Session> sessions,
                          MakeSessions(prepared, comparer, settings, &model));
  SAMEAS_ASSIGN_OR_RETURN(const Session recall_pairs,
                          RecallPairs(prepared, comparer, settings, deterministic));

  // Rounds: m by EM with the current u; the prior from the deterministic pairs and the recall
  // the sessions measure; u from the random pairs less their likely matches. Random pairs hold
  // the matches too (all of them when every pair is taken), and on a rare level such as an
  // exact name the matches can outnumber the non-matches several times over.
  double prior = found > 0 ? found / settings.deterministic_recall.value_or(kAssumedRecall) / possible : 0;
  double recall = settings.deterministic_recall.value_or(kAssumedRecall);
  std::string recall_source = settings.deterministic_recall ? "given by the settings" : "assumed";
  double expected = -1;
  int round = 1;
  int m_iterations = 0;
  for (;; ++round) {
    // Each session's own EM starts m (and, without deterministic rules, finds the prior);
    // with a prior from the deterministic rules, m comes from all sessions at once after that.
    if (round == 1 || found == 0) RunSessions(settings, prior, possible, &sessions, &model);
    const double previous_prior = prior;
    if (found > 0) {
      double matches_seen = 0;
      Model current = model;
      current.prior = prior;
      const double measured = MeasuredRecall(recall_pairs, current, &matches_seen);
      if (!settings.deterministic_recall && matches_seen >= 1 && measured > 0) {
        recall = std::clamp(measured, 0.01, 1.0);
        recall_source = fmt::format(
            "measured among {:.0f} expected matches in the pairs of the training rules",
            matches_seen);
      } else if (!settings.deterministic_recall && round > 1) {
        // m of the exact levels is known from the second round on: the sessions' own EM
        // (the first) is not what it will be.
        const double modelled = ModelRecall(sessions, settings, current);
        if (modelled > 0) {
          recall = std::clamp(modelled, 0.01, 1.0);
          recall_source =
              "from the model: every training rule reads a column of the deterministic rules, "
              "so the share of matches equal on their columns under m and the null shares";
        }
      }
      prior = found / recall / possible;
    } else {
      // Without deterministic rules: the matches EM found under the largest training rule,
      // taken as all the matches there are.
      const Session* largest = nullptr;
      for (const Session& session : sessions) {
        if (largest == nullptr || session.pairs > largest->pairs) largest = &session;
      }
      prior = largest ? largest->result.lambda * static_cast<double>(largest->pairs) / possible : 0;
    }
    prior = std::clamp(prior, 1e-12, 0.5);
    if (found > 0) m_iterations = SetMFromSessions(sessions, settings, prior, &model);
    if (round == kMaxRounds) break;
    Model current = model;
    current.prior = prior;
    const std::vector<double> p = MatchProbabilities(sample, current);
    std::vector<double> non_match(p.size());
    double matches = 0;
    for (size_t k = 0; k < p.size(); ++k) {
      non_match[k] = 1 - p[k];
      matches += sample.counts[k] * p[k];
    }
    const bool settled = std::abs(matches - expected) <= kRoundTolerance * std::max(matches, 1.0) &&
                         std::abs(prior - previous_prior) <= kRoundTolerance * prior;
    if (settled) break;
    expected = matches;
    SetUFromPatterns(sample, non_match, &model);
  }
  model.training_log.push_back(fmt::format(
      "u re-estimated from the random pairs without their {:.1f} expected matches; {} after {} "
      "round(s)",
      expected, round < kMaxRounds ? "settled" : "stopped at the round limit", round));

  if (m_iterations > 0) {
    model.training_log.push_back(fmt::format(
        "m re-estimated from the pairs of all training rules at once, each weighted by its "
        "probability of a match under the whole model ({} EM iteration(s) in the last round)",
        m_iterations));
  }
  for (const Session& session : sessions) {
    model.training_log.push_back(fmt::format(
        "training rule '{}': EM on {} pairs ({} distinct vectors) {} after {} iterations; "
        "match share {:.4f}",
        session.rule->ToString(),
        session.sampled < session.pairs
            ? fmt::format("{} of its {}", session.sampled, session.pairs)
            : fmt::format("{}", session.pairs),
        session.counts.size(),
        session.result.converged ? "converged" : "stopped at the iteration limit",
        session.result.iterations, session.result.lambda));
  }
  for (size_t c = 0; c < nc; ++c) {
    const auto& levels = model.comparisons[c].levels;
    const bool all_fixed =
        std::all_of(levels.begin() + 1, levels.end(), [](const auto& l) { return l.m_fixed; });
    const bool estimated = std::any_of(sessions.begin(), sessions.end(),
                                       [&](const Session& s) { return !s.fixed[c]; });
    if (all_fixed) {
      model.training_log.push_back(
          fmt::format("m of '{}' fixed by the settings", settings.comparisons[c].name));
    } else if (!estimated) {
      model.training_log.push_back(fmt::format(
          "warning: m of '{}' kept its starting values: every training rule blocks on its "
          "column; add a training rule that does not",
          settings.comparisons[c].name));
    }
  }
  internal::LogFixedU(settings, &model);
  BuildTermFrequencies(prepared, &model);
  if (found > 0) {
    model.training_log.push_back(fmt::format(
        "prior {:.3g}: {:.0f} pairs meet the deterministic rules, recall {:.3g} ({}), of {:.0f} "
        "possible pairs",
        prior, found, recall, recall_source, possible));
  } else {
    model.training_log.push_back(fmt::format(
        "prior {:.3g} from the match share EM found under the largest training rule", prior));
  }
  model.prior = prior;
  return model;
}

}  // namespace sameas
