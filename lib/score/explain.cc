// Explanations add the terms of a match weight in the order Scorer::Score adds them, so that
// the sum is the score itself, not an approximation of it.
#include "sameas/score/explain.h"

#include <algorithm>

#include "fmt/format.h"
#include "sameas/block/blocking.h"

namespace sameas {
namespace {

std::string Signed(double weight) { return fmt::format("{:+.1f}", weight); }

}  // namespace

std::string DescribeRecord(const PreparedTable& prepared, uint32_t record) {
  return fmt::format("{}:{}", prepared.sources[prepared.source[record]],
                     prepared.ids.value(record));
}

double Explanation::ComparisonWeight(std::string_view name) const {
  double total = 0;
  for (const auto& term : terms) {
    if (term.kind != ExplanationTerm::Kind::kPrior && term.name == name) total += term.weight;
  }
  return total;
}

std::string Explanation::ToText() const {
  std::string out;
  for (size_t i = 0; i < terms.size(); ++i) {
    const ExplanationTerm& term = terms[i];
    switch (term.kind) {
      case ExplanationTerm::Kind::kPrior:
        out += fmt::format("prior {:.1f}", term.weight);
        break;
      case ExplanationTerm::Kind::kLevel:
        out += fmt::format("; {} {} {}", term.name, term.label, Signed(term.weight));
        break;
      case ExplanationTerm::Kind::kTermFrequency:
        // Inside the parentheses of its comparison's level.
        out += fmt::format(" (tf '{}' {})", term.value, Signed(term.weight));
        break;
    }
  }
  out += fmt::format(" = {:.1f} bits, p={:.3f}", match_weight, probability);
  return out;
}

Explanation Explain(const Scorer& scorer, const Comparer& comparer, uint32_t a, uint32_t b) {
  const Model& model = scorer.model();
  Explanation explanation;
  explanation.left = a;
  explanation.right = b;
  ExplanationTerm prior;
  prior.name = "prior";
  prior.weight = model.PriorWeight();
  double weight = prior.weight;
  explanation.terms.push_back(std::move(prior));
  for (size_t c = 0; c < scorer.num_comparisons(); ++c) {
    const uint8_t level = comparer.Level(c, a, b);
    ExplanationTerm term;
    term.kind = ExplanationTerm::Kind::kLevel;
    term.name = model.comparisons[c].name;
    term.level = level;
    term.label = model.comparisons[c].levels[level].label;
    term.weight = scorer.LevelWeight(c, level);
    weight += term.weight;
    explanation.terms.push_back(term);
    if (!scorer.HasTermFrequencies(c)) continue;
    const double tf = scorer.TfTerm(c, level, a, b);
    weight += tf;
    if (model.settings.comparisons[c].TfFraction(level) == 0) continue;
    // The value whose frequency the term used: the more frequent of the two.
    const uint32_t record = scorer.ValueFrequency(c, a) >= scorer.ValueFrequency(c, b) ? a : b;
    const PreparedTable& prepared = scorer.prepared();
    const int column = prepared.ColumnIndex(model.settings.comparisons[c].column);
    term.kind = ExplanationTerm::Kind::kTermFrequency;
    term.value = prepared.columns[column].is_null(record)
                     ? std::string()
                     : std::string(prepared.columns[column].folded(record));
    term.frequency = scorer.ValueFrequency(c, record);
    term.weight = tf;
    explanation.terms.push_back(std::move(term));
  }
  explanation.match_weight = weight;
  explanation.probability = WeightToProbability(weight);
  return explanation;
}

absl::StatusOr<RecordExplanation> ExplainRecord(const Scorer& scorer, const Comparer& comparer,
                                                uint32_t record, size_t top) {
  const PreparedTable& prepared = scorer.prepared();
  const Settings& settings = scorer.model().settings;
  const uint32_t n = static_cast<uint32_t>(prepared.num_records());
  if (record >= n) {
    return absl::OutOfRangeError(fmt::format("record {} of {}", record, n));
  }
  // Records sharing a key with `record` under any blocking rule.
  std::vector<bool> seen(n, false);
  std::vector<uint32_t> others;
  for (const BlockingRule& rule : settings.blocking_rules) {
    RuleKeys keys = ComputeRuleKeys(prepared, rule);
    const uint32_t key = keys.key[record];
    if (key == 0) continue;
    for (uint32_t other = 0; other < n; ++other) {
      if (other == record || seen[other] || keys.key[other] != key) continue;
      if (!PairAllowed(prepared, settings.link_type, record, other)) continue;
      seen[other] = true;
      others.push_back(other);
    }
  }
  RecordExplanation out;
  out.record = record;
  out.num_candidates = others.size();
  std::vector<Explanation> explanations;
  explanations.reserve(others.size());
  for (uint32_t other : others) {
    // Pairs are scored with the smaller index on the left, as blocking generates them.
    explanations.push_back(
        Explain(scorer, comparer, std::min(record, other), std::max(record, other)));
  }
  std::vector<size_t> order(others.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) {
    if (explanations[x].match_weight != explanations[y].match_weight) {
      return explanations[x].match_weight > explanations[y].match_weight;
    }
    return others[x] < others[y];
  });
  order.resize(std::min(order.size(), top));
  for (size_t rank = 0; rank < order.size(); ++rank) {
    CandidateExplanation candidate;
    candidate.record = others[order[rank]];
    candidate.rank = static_cast<int>(rank) + 1;
    candidate.explanation = explanations[order[rank]];
    if (rank > 0) {
      const Explanation& best = explanations[order[0]];
      for (const auto& spec : settings.comparisons) {
        const double behind =
            candidate.explanation.ComparisonWeight(spec.name) - best.ComparisonWeight(spec.name);
        if (behind < 0) candidate.lost_by.emplace_back(spec.name, behind);
      }
      std::stable_sort(candidate.lost_by.begin(), candidate.lost_by.end(),
                       [](const auto& x, const auto& y) { return x.second < y.second; });
    }
    out.candidates.push_back(std::move(candidate));
  }
  return out;
}

std::string RecordExplanation::ToText(const PreparedTable& prepared) const {
  std::string out =
      fmt::format("{}: {} candidate(s)", DescribeRecord(prepared, record), num_candidates);
  for (const auto& candidate : candidates) {
    out +=
        fmt::format("\n{}. {} {:.1f} bits, p={:.3f}: {}", candidate.rank,
                    DescribeRecord(prepared, candidate.record), candidate.explanation.match_weight,
                    candidate.explanation.probability, candidate.explanation.ToText());
    if (!candidate.lost_by.empty()) {
      std::vector<std::string> parts;
      for (size_t i = 0; i < candidate.lost_by.size() && i < 3; ++i) {
        parts.push_back(
            fmt::format("{} {}", candidate.lost_by[i].first, Signed(candidate.lost_by[i].second)));
      }
      out += fmt::format("\n   behind #1 on: {}", fmt::join(parts, ", "));
    }
  }
  return out;
}

}  // namespace sameas
