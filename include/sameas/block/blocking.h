// Blocking: turns rules into candidate pairs through an inverted index per rule (one pass per
// rule, records grouped by key), skipping pairs an earlier rule already found. Pair counts are
// computed from block sizes before any pair is generated, so a rule that would explode is an
// error, not an out-of-memory.
#ifndef SAMEAS_BLOCK_BLOCKING_H_
#define SAMEAS_BLOCK_BLOCKING_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/settings/settings.h"

namespace sameas {

/// Pairs of record indices into a PreparedTable, left < right, and the rule that found each.
struct CandidatePairs {
  std::vector<uint32_t> left;
  std::vector<uint32_t> right;
  std::vector<uint8_t> rule;

  size_t size() const { return left.size(); }
  void Append(uint32_t l, uint32_t r, uint8_t rule_index) {
    left.push_back(l);
    right.push_back(r);
    rule.push_back(rule_index);
  }
};

/// A block with more records than BlockingOptions::max_block_size: paired by a
/// sorted-neighbourhood window instead of all with all.
struct OversizedBlock {
  /// The block's key as text ("surname = 'nowak'").
  std::string key;
  uint64_t size = 0;
};

/// What a rule will generate, known before generating it.
struct RuleCount {
  std::string rule;
  /// Pairs whose keys agree, counted from block sizes (pairs also found by earlier rules
  /// included).
  uint64_t pairs = 0;
  /// Number of distinct keys held by two or more records.
  uint64_t blocks = 0;
  /// Records in the largest block, and that block's key as text.
  uint64_t largest_block = 0;
  std::string largest_key;
  /// At most the pairs the rule generates: `pairs` with every oversized block's all-pairs
  /// count replaced by its window's (pairs found by earlier rules included).
  uint64_t capped_pairs = 0;
  /// The blocks above the size cap, largest first (ties by key).
  std::vector<OversizedBlock> oversized;
};

/// The key of every record under a rule: 0 where any part is null, else a dense id (equal ids
/// exactly when all parts are equal); and the text of each id, for messages.
struct RuleKeys {
  std::vector<uint32_t> key;
  uint32_t num_keys = 0;
};
RuleKeys ComputeRuleKeys(const PreparedTable& prepared, const BlockingRule& rule);
/// "surname = 'nowak', year(dob) = '1984'": the key of `record` under `rule`, for messages.
std::string DescribeKey(const PreparedTable& prepared, const BlockingRule& rule, uint32_t record);

/// True when the pair (a, b) may be compared under `link_type`.
inline bool PairAllowed(const PreparedTable& prepared, LinkType link_type, uint32_t a, uint32_t b) {
  return link_type != LinkType::kLinkOnly || prepared.source[a] != prepared.source[b];
}

struct BlockingOptions {
  LinkType link_type = LinkType::kDedupe;
  /// A rule whose count (after windowing oversized blocks) exceeds this is an error naming the
  /// rule and its largest block.
  uint64_t max_pairs_per_rule = 200'000'000;
  /// A block of more records than this is oversized: its records are sorted by
  /// `window_sort_columns` and each is paired with the next `block_window` records (the
  /// sorted-neighbourhood method; Hernández and Stolfo 1995, "The merge/purge problem for
  /// large databases") instead of with every other record. 0: no cap.
  uint64_t max_block_size = 5000;
  /// Records after each record of an oversized block, in sorted order, that it is paired with.
  uint32_t block_window = 50;
  /// Prepared columns whose folded values, in this order, sort an oversized block (ties by
  /// record index); empty: every prepared column in order.
  std::vector<std::string> window_sort_columns;
};

/// The blocking options that `settings` asks for.
BlockingOptions BlockingOptionsFor(const Settings& settings);

/// Counts the pairs of each rule from its block sizes, generating none.
std::vector<RuleCount> CountPairs(const PreparedTable& prepared,
                                  const std::vector<BlockingRule>& rules,
                                  const BlockingOptions& options);
/// The same with the default options for `link_type`.
std::vector<RuleCount> CountPairs(const PreparedTable& prepared,
                                  const std::vector<BlockingRule>& rules, LinkType link_type);

/// One block of a rule: its records, the pairs it generates (link type applied) and its key.
struct BlockSize {
  uint64_t records = 0;
  uint64_t pairs = 0;
  /// "surname = 'nowak'", as DescribeKey gives it.
  std::string key;
};

/// A rule seen together with the rules before it, as generation sees it.
struct RuleAnalysis {
  /// The rule's own count (CountPairs).
  RuleCount count;
  /// Pairs this rule generates, earlier rules' pairs included: `count.pairs` with each
  /// oversized block's pairs replaced by its window's, the link type applied.
  uint64_t pairs = 0;
  /// Pairs of this rule that no earlier rule finds: the pairs generation credits to it.
  uint64_t new_pairs = 0;
  /// Pairs of this rule and every earlier one, each pair counted once.
  uint64_t cumulative_pairs = 0;
  /// The blocks that generate most pairs, most first (ties: more records, then first seen).
  std::vector<BlockSize> largest_blocks;
  /// With a truth: the true pairs this rule finds that no earlier rule does, and the true
  /// pairs of this rule and every earlier one.
  uint64_t new_true_pairs = 0;
  uint64_t cumulative_true_pairs = 0;
};

struct BlockingAnalysisOptions {
  LinkType link_type = LinkType::kDedupe;
  /// How many of each rule's largest blocks to list.
  size_t largest_blocks = 10;
  /// A rule with more earlier rules than this has its new pairs counted by listing its pairs
  /// against the earlier keys, O(pairs x rules), as generation does, instead of by
  /// inclusion-exclusion, whose worst case is O(records x 2^rules).
  size_t max_inclusion_exclusion_rules = 10;
  /// As BlockingOptions: blocks of more records are counted as generation pairs them, by a
  /// sorted-neighbourhood window of `block_window` records sorted by `window_sort_columns`.
  uint64_t max_block_size = 5000;
  uint32_t block_window = 50;
  std::vector<std::string> window_sort_columns;
  /// Optional: the entity of each record (Labels::kUnknown, -1, where not known). Two
  /// records sharing an entity are a true pair; the analysis then counts the true pairs the
  /// rules find, so blocking recall is known before any pair is generated.
  std::vector<int64_t> truth;
};

struct BlockingAnalysis {
  std::vector<RuleAnalysis> rules;
  /// With a truth: every true pair the link type allows (found by a rule or not).
  uint64_t true_pairs = 0;
};

/// Pairs per rule, pairs new to each rule and cumulative pairs, the largest blocks, and with
/// a truth the true pairs found, all without generating a pair. A pair found by several rules
/// is counted once, for the first, by inclusion-exclusion over the earlier rules: the pairs
/// rule i shares with rules before it are the sum over non-empty sets S of earlier rules of
/// (-1)^(|S|+1) times the pairs agreeing on rule i and every rule of S, each counted from
/// block sizes of the combined key. Sets whose combined blocks hold no pair are not extended,
/// and records in such blocks are dropped, so the cost stays near O(records x rules) on real
/// rules; past `max_inclusion_exclusion_rules` earlier rules, a rule's pairs are listed.
/// Oversized blocks count what their windows generate: their records leave the
/// inclusion-exclusion, and their windows' pairs (at most `block_window` per record) are
/// listed and looked up in the earlier rules, as generation does.
BlockingAnalysis AnalyseBlocking(const PreparedTable& prepared,
                                 const std::vector<BlockingRule>& rules,
                                 const BlockingAnalysisOptions& options);

/// The union of the pairs of `rules`, each pair once (found by the first rule that finds it),
/// in a deterministic order: by rule, by block, by record index (in an oversized block, by
/// sorted position). Blocks are generated in parallel over ranges of blocks of a fixed pair
/// budget, concatenated in block order: the result does not depend on the thread count.
absl::StatusOr<CandidatePairs> GenerateCandidates(const PreparedTable& prepared,
                                                  const std::vector<BlockingRule>& rules,
                                                  const BlockingOptions& options);

/// Receives the candidate pairs a wave at a time; an error stops generation and is returned.
using CandidateConsumer = std::function<absl::Status(CandidatePairs&& chunk)>;

/// GenerateCandidates without holding the pairs: the same pairs in the same order, handed to
/// `consume` in consecutive chunks of at most a few million pairs (a wave of generation
/// tasks; chunk bounds depend on the block sizes alone, never on the thread count), one call
/// at a time, so that comparing and scoring can follow generation with memory bounded by a
/// chunk. Errors as GenerateCandidates, before any chunk.
absl::Status GenerateCandidatesInChunks(const PreparedTable& prepared,
                                        const std::vector<BlockingRule>& rules,
                                        const BlockingOptions& options,
                                        const CandidateConsumer& consume);

}  // namespace sameas

#endif  // SAMEAS_BLOCK_BLOCKING_H_
