#include "sameas/cluster/stable_ids.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "fmt/format.h"

namespace sameas {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view StripZeros(std::string_view s) {
  while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
  return s;
}

// Integers numerically (of any length), before other ids, which order as strings.
bool IdLess(std::string_view a, std::string_view b) {
  const bool na = AllDigits(a), nb = AllDigits(b);
  if (na != nb) return na;
  if (na) {
    std::string_view sa = StripZeros(a), sb = StripZeros(b);
    if (sa.size() != sb.size()) return sa.size() < sb.size();
    if (sa != sb) return sa < sb;
  }
  return a < b;
}

// The number of "<N>" or "e<N>" when it fits comfortably in 64 bits.
std::optional<uint64_t> Counter(std::string_view id) {
  if (!id.empty() && id.front() == 'e') id.remove_prefix(1);
  if (!AllDigits(id) || StripZeros(id).size() > 18) return std::nullopt;
  uint64_t value = 0;
  for (char c : id) value = value * 10 + static_cast<uint64_t>(c - '0');
  return value;
}

}  // namespace

std::string_view ToString(EntityChange::Kind kind) {
  switch (kind) {
    case EntityChange::Kind::kMerged:
      return "merged";
    case EntityChange::Kind::kSplit:
      return "split";
    case EntityChange::Kind::kRetired:
      return "retired";
  }
  return "unknown";
}

absl::StatusOr<PreviousClusters> MatchPreviousClusters(
    const PreparedTable& prepared, const std::vector<std::string>& sources,
    const std::vector<std::string>& record_ids, const std::vector<std::string>& cluster_ids) {
  if (sources.size() != record_ids.size() || sources.size() != cluster_ids.size()) {
    return absl::InvalidArgumentError(fmt::format(
        "previous clusters: {} sources, {} record ids and {} cluster ids differ in length",
        sources.size(), record_ids.size(), cluster_ids.size()));
  }
  std::vector<absl::flat_hash_map<std::string_view, uint32_t>> record_of(prepared.sources.size());
  for (uint32_t r = 0; r < prepared.num_records(); ++r) {
    record_of[prepared.source[r]].emplace(prepared.ids.value(r), r);
  }
  absl::flat_hash_map<std::string_view, uint16_t> source_index;
  for (size_t s = 0; s < prepared.sources.size(); ++s) source_index.emplace(prepared.sources[s], s);

  PreviousClusters previous;
  previous.id_of_record.assign(prepared.num_records(), -1);
  absl::flat_hash_map<std::string_view, int32_t> id_index;
  absl::flat_hash_map<std::pair<std::string_view, std::string_view>, size_t> seen;
  for (size_t i = 0; i < sources.size(); ++i) {
    auto [first, inserted] = seen.try_emplace(
        std::pair<std::string_view, std::string_view>(sources[i], record_ids[i]), i);
    if (!inserted) {
      return absl::InvalidArgumentError(
          fmt::format("previous clusters row {}: source '{}' record '{}' is already in row {}",
                      i + 1, sources[i], record_ids[i], first->second + 1));
    }
    auto [it, added] =
        id_index.try_emplace(cluster_ids[i], static_cast<int32_t>(previous.ids.size()));
    if (added) previous.ids.push_back(cluster_ids[i]);
    auto source = source_index.find(sources[i]);
    if (source == source_index.end()) {
      ++previous.records_removed;
      continue;
    }
    auto record = record_of[source->second].find(record_ids[i]);
    if (record == record_of[source->second].end()) {
      ++previous.records_removed;
      continue;
    }
    previous.id_of_record[record->second] = it->second;
  }
  return previous;
}

StableIds AssignStableIds(const Clusters& clusters, const PreviousClusters& previous) {
  const uint32_t k = clusters.num_clusters;
  StableIds result;
  result.id_of_cluster.assign(k, "");
  const size_t num_previous = previous.ids.size();

  // Overlap of every (cluster, previous id) pair that shares a record.
  absl::flat_hash_map<uint64_t, uint32_t> overlap;
  for (size_t r = 0; r < previous.id_of_record.size() && r < clusters.cluster_of.size(); ++r) {
    const int32_t p = previous.id_of_record[r];
    if (p < 0) continue;
    ++overlap[(uint64_t{clusters.cluster_of[r]} << 32) | static_cast<uint32_t>(p)];
  }
  struct Overlap {
    uint32_t count, cluster, previous;
  };
  std::vector<Overlap> overlaps;
  overlaps.reserve(overlap.size());
  for (const auto& [key, count] : overlap) {
    overlaps.push_back({count, static_cast<uint32_t>(key >> 32), static_cast<uint32_t>(key)});
  }
  std::sort(overlaps.begin(), overlaps.end(), [&](const Overlap& a, const Overlap& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.previous != b.previous) return IdLess(previous.ids[a.previous], previous.ids[b.previous]);
    return a.cluster < b.cluster;
  });

  std::vector<uint8_t> used(num_previous, 0), named(k, 0);
  for (const Overlap& o : overlaps) {
    if (used[o.previous] || named[o.cluster]) continue;
    used[o.previous] = named[o.cluster] = 1;
    result.id_of_cluster[o.cluster] = previous.ids[o.previous];
    ++result.kept;
  }

  // Fresh ids never reuse a previous one, kept or retired.
  bool numeric = true;
  uint64_t next = 0;
  bool any_counter = false;
  for (const std::string& id : previous.ids) {
    numeric = numeric && AllDigits(id) && StripZeros(id).size() <= 18;
    if (std::optional<uint64_t> n = Counter(id)) {
      next = std::max(next, *n + 1);
      any_counter = true;
    }
  }
  if (!any_counter) next = 0;
  for (uint32_t c = 0; c < k; ++c) {
    if (named[c]) continue;
    result.id_of_cluster[c] = numeric ? fmt::format("{}", next++) : fmt::format("e{}", next++);
    ++result.fresh;
  }

  // Merged: a new entity with records of several previous ones; split: the reverse.
  std::vector<std::vector<uint32_t>> previous_in(k), clusters_of(num_previous);
  for (const auto& [key, count] : overlap) {
    previous_in[key >> 32].push_back(static_cast<uint32_t>(key));
    clusters_of[static_cast<uint32_t>(key)].push_back(static_cast<uint32_t>(key >> 32));
  }
  auto by_id = [](std::vector<std::string>& ids) {
    std::sort(ids.begin(), ids.end(),
              [](const std::string& a, const std::string& b) { return IdLess(a, b); });
  };
  std::vector<EntityChange> merged, split, retired;
  for (uint32_t c = 0; c < k; ++c) {
    if (previous_in[c].size() < 2) continue;
    EntityChange change{EntityChange::Kind::kMerged, {result.id_of_cluster[c]}, {}};
    for (uint32_t p : previous_in[c]) change.previous_ids.push_back(previous.ids[p]);
    by_id(change.previous_ids);
    merged.push_back(std::move(change));
  }
  for (uint32_t p = 0; p < num_previous; ++p) {
    if (clusters_of[p].empty()) {
      retired.push_back({EntityChange::Kind::kRetired, {}, {previous.ids[p]}});
    } else if (clusters_of[p].size() > 1) {
      EntityChange change{EntityChange::Kind::kSplit, {}, {previous.ids[p]}};
      for (uint32_t c : clusters_of[p]) change.ids.push_back(result.id_of_cluster[c]);
      by_id(change.ids);
      split.push_back(std::move(change));
    }
  }
  auto sort_by = [](std::vector<EntityChange>& changes, bool by_new) {
    std::sort(changes.begin(), changes.end(),
              [by_new](const EntityChange& a, const EntityChange& b) {
                const std::string& x = by_new ? a.ids.front() : a.previous_ids.front();
                const std::string& y = by_new ? b.ids.front() : b.previous_ids.front();
                return IdLess(x, y);
              });
  };
  sort_by(merged, true);
  sort_by(split, false);
  sort_by(retired, false);
  for (auto* group : {&merged, &split, &retired}) {
    for (EntityChange& change : *group) result.changes.push_back(std::move(change));
  }
  return result;
}

}  // namespace sameas
