// Constrained clustering: links are taken strongest first, and a link that would put two
// records of one exclusive group in one entity (two accounts on one platform, two rows of a
// duplicate-free source) is refused and reported, so one wrong link cannot chain two people.
#ifndef SAMEAS_CLUSTER_CONSTRAINED_CLUSTERING_H_
#define SAMEAS_CLUSTER_CONSTRAINED_CLUSTERING_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sameas/block/blocking.h"
#include "sameas/cluster/connected_components.h"
#include "sameas/io/table.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/score/score.h"

namespace sameas {

/// The links to cluster: record pairs with their match weight (which orders them) and match
/// probability (which the chaining settings and quality figures read), index-aligned.
struct Links {
  std::vector<uint32_t> left;
  std::vector<uint32_t> right;
  std::vector<double> weight;
  std::vector<double> probability;

  size_t size() const { return left.size(); }
  void Add(uint32_t a, uint32_t b, double w, double p) {
    left.push_back(a);
    right.push_back(b);
    weight.push_back(w);
    probability.push_back(p);
  }
};

/// The scored pairs whose probability is at or above `threshold`, in pair order.
Links LinksAtThreshold(const CandidatePairs& pairs, const ScoredPairs& scores, double threshold);

/// What no entity may hold twice.
struct ConstraintOptions {
  /// Raw input columns of which no two records of one entity may share a non-empty value
  /// (compared after Unicode folding): "platform" for one account per platform. A source
  /// without the column is not constrained by it; a column no source has is an error.
  std::vector<std::string> unique_per;
  /// Sources that hold each person at most once: no two of their records in one entity.
  std::vector<std::string> duplicate_free;
};

/// The exclusive keys each record holds: two records that hold the same key may never be in
/// one cluster. A key is (constraint << 32 | value), value >= 1.
struct ExclusiveKeys {
  /// Keys of record r: `keys[offsets[r], offsets[r + 1])`, sorted.
  std::vector<uint64_t> offsets{0};
  std::vector<uint64_t> keys;
  /// Per constraint: a name for messages ("platform", "duplicate-free source").
  std::vector<std::string> names;
  /// Per constraint: the text of value v at `values[c][v - 1]` (the folded value, or the
  /// source name).
  std::vector<std::vector<std::string>> values;

  size_t num_records() const { return offsets.size() - 1; }
  static uint64_t Key(uint32_t constraint, uint32_t value) {
    return (uint64_t{constraint} << 32) | value;
  }
  static uint32_t ConstraintOf(uint64_t key) { return static_cast<uint32_t>(key >> 32); }
  static uint32_t ValueOf(uint64_t key) { return static_cast<uint32_t>(key); }
  /// "platform = 'instagram'" or "duplicate-free source 'crm'".
  std::string Describe(uint64_t key) const;
};

/// No constraint on any of `num_records` records: constrained clustering then equals
/// connected components.
ExclusiveKeys NoExclusiveKeys(size_t num_records);

/// The exclusive keys of every record of `prepared` (records numbered as in Prepare), read
/// from the raw columns of `tables`. Errors name the column or source that does not exist.
absl::StatusOr<ExclusiveKeys> MakeExclusiveKeys(const std::vector<Table>& tables,
                                                const PreparedTable& prepared,
                                                const ConstraintOptions& options);

/// A link that was not taken because the two clusters it joins both hold `key`.
struct RefusedLink {
  /// Index into the Links given to ConstrainedClustering.
  uint32_t link = 0;
  /// The smallest key held by both sides.
  uint64_t key = 0;
};

struct ConstrainedClusters {
  Clusters clusters;
  /// In the order the links were considered (strongest first).
  std::vector<RefusedLink> refused;
};

/// Greedy constrained clustering. Links are taken in order of decreasing weight (ties: the
/// smaller record pair first, so the result never depends on the order of `links`); a link
/// joins two clusters unless some key is held by records of both, in which case it is
/// refused. Every cluster therefore holds each key at most once. Per-cluster key sets are
/// hash sets merged small into large: O(L log L + K log K) for L links and K keys.
/// Clusters are numbered in order of their first record, as ConnectedComponents does.
ConstrainedClusters ConstrainedClustering(const Links& links, const ExclusiveKeys& keys);

}  // namespace sameas

#endif  // SAMEAS_CLUSTER_CONSTRAINED_CLUSTERING_H_
