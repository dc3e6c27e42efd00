// Explanations: why a pair scored what it did, term by term (the prior, each comparison's
// level weight, each term-frequency term), adding up exactly to the match weight; and for a
// record, its best candidates and what the others lost on.
#ifndef SAMEAS_SCORE_EXPLAIN_H_
#define SAMEAS_SCORE_EXPLAIN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sameas/compare/compare.h"
#include "sameas/score/score.h"

namespace sameas {

/// One addend of a match weight.
struct ExplanationTerm {
  enum class Kind { kPrior, kLevel, kTermFrequency };
  Kind kind = Kind::kPrior;
  /// "prior", or the comparison's name.
  std::string name;
  /// The comparison's level (index and label); -1 and empty for the prior.
  int level = -1;
  std::string label;
  /// For a term-frequency term: the value (folded) whose frequency was used, and that
  /// frequency before the floor.
  std::string value;
  double frequency = 0;
  /// In bits (log2 of a Bayes factor).
  double weight = 0;
};

/// The terms of a pair's match weight, in the order they are added: the prior, then per
/// comparison its level weight and, with term frequencies, its term-frequency term.
/// `match_weight` is their sum, bit for bit the weight Scorer::Score gives the pair.
struct Explanation {
  uint32_t left = 0;
  uint32_t right = 0;
  std::vector<ExplanationTerm> terms;
  double match_weight = 0;
  double probability = 0;

  /// One line: "prior -13.2; first_name exact +8.1 (tf 'zbigniew' +2.3); ... = 4.7 bits,
  /// p=0.963".
  std::string ToText() const;
  /// The weight of comparison `name`, level and term-frequency terms together.
  double ComparisonWeight(std::string_view name) const;
};

/// Explains the pair (a, b): compares it and adds up its terms. O(comparisons).
Explanation Explain(const Scorer& scorer, const Comparer& comparer, uint32_t a, uint32_t b);

/// A candidate of a record, with its explanation; for a candidate ranked below the first,
/// the comparisons where it fell furthest behind the first (weight difference, in bits,
/// most negative first).
struct CandidateExplanation {
  uint32_t record = 0;
  int rank = 0;
  Explanation explanation;
  std::vector<std::pair<std::string, double>> lost_by;
};

struct RecordExplanation {
  uint32_t record = 0;
  /// How many candidates the blocking rules give the record (all of them were scored).
  size_t num_candidates = 0;
  /// The best `top`, by match weight (ties by record index).
  std::vector<CandidateExplanation> candidates;

  /// One line per candidate with its weight, probability and explanation.
  std::string ToText(const PreparedTable& prepared) const;
};

/// The candidates of `record` under the settings' blocking rules (records that share a key
/// with it and whose pair the link type allows), scored and ranked. O(records x rules) to
/// find them, as no index is kept.
absl::StatusOr<RecordExplanation> ExplainRecord(const Scorer& scorer, const Comparer& comparer,
                                                uint32_t record, size_t top);

/// "crm:C0042": the source and id of a prepared record.
std::string DescribeRecord(const PreparedTable& prepared, uint32_t record);

}  // namespace sameas

#endif  // SAMEAS_SCORE_EXPLAIN_H_
