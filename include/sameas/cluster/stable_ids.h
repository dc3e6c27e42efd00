// Stable entity ids across runs: each new cluster keeps the id its records had in the
// previous run, so that a CRM can keep pointing at the same customer when records are added
// and removed; merged and split entities are reported.
#ifndef SAMEAS_CLUSTER_STABLE_IDS_H_
#define SAMEAS_CLUSTER_STABLE_IDS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sameas/cluster/connected_components.h"
#include "sameas/prepare/prepared_table.h"

namespace sameas {

/// The clusters of a previous run, in the record space of this run.
struct PreviousClusters {
  /// The distinct previous entity ids.
  std::vector<std::string> ids;
  /// Per record of this run: index into `ids`, or -1 for a record the previous run lacked.
  std::vector<int32_t> id_of_record;
  /// Records of the previous run that this run no longer has.
  uint64_t records_removed = 0;
};

/// Matches the rows of a previous clusters.csv (`sources[i]`, `record_ids[i]`,
/// `cluster_ids[i]`) to the records of `prepared` by source and record id. A source or
/// record of the previous run that is gone counts as removed; an id that appears twice for
/// one source is an error naming it.
absl::StatusOr<PreviousClusters> MatchPreviousClusters(const PreparedTable& prepared,
                                                       const std::vector<std::string>& sources,
                                                       const std::vector<std::string>& record_ids,
                                                       const std::vector<std::string>& cluster_ids);

/// A change between the previous entities and the new ones.
struct EntityChange {
  enum class Kind {
    kMerged,   // one new entity holds records of several previous ones
    kSplit,    // the records of one previous entity are now in several new ones
    kRetired,  // no record of a previous entity is left (its id is never reused)
  };
  Kind kind = Kind::kMerged;
  /// The new entity ids involved (one for kMerged, several for kSplit, none for kRetired).
  std::vector<std::string> ids;
  /// The previous ids involved (several for kMerged, one for kSplit and kRetired).
  std::vector<std::string> previous_ids;
};

std::string_view ToString(EntityChange::Kind kind);

struct StableIds {
  /// Per cluster of this run: its entity id.
  std::vector<std::string> id_of_cluster;
  /// Clusters that kept a previous id, and clusters that got a new one.
  uint32_t kept = 0;
  uint32_t fresh = 0;
  /// Merged, then split, then retired; each sorted by id.
  std::vector<EntityChange> changes;
};

/// Gives every cluster an id. Each previous id goes to the new cluster holding most of its
/// records, largest overlaps first (ties: the smaller previous id, then the smaller cluster),
/// and is used at most once. Clusters left over get fresh ids: when every previous id is a
/// non-negative integer, the integers after the largest; otherwise "e<N>" with N after the
/// largest N of any previous id of the form "e<N>" or "<N>". Without previous ids, fresh ids
/// are 0, 1, 2, ... in cluster order. Integer ids order numerically, before other ids,
/// which order as strings.
StableIds AssignStableIds(const Clusters& clusters, const PreviousClusters& previous);

}  // namespace sameas

#endif  // SAMEAS_CLUSTER_STABLE_IDS_H_
