#include "sameas/cluster/constrained_clustering.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "fmt/format.h"
#include "sameas/prepare/text.h"

namespace sameas {
namespace {

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ", ";
    out += "'" + name + "'";
  }
  return out;
}

// Dense ids of folded values, first seen first.
class ValueIds {
 public:
  // 0 for a value that is empty after folding.
  uint32_t Id(std::string_view raw, std::vector<std::string>& texts) {
    auto cached = by_raw_.find(raw);
    if (cached != by_raw_.end()) return cached->second;
    std::string folded = IsValidUtf8(raw) ? FoldText(raw) : std::string(raw);
    uint32_t id = 0;
    if (!folded.empty()) {
      auto [it, inserted] = by_folded_.try_emplace(folded, texts.size() + 1);
      if (inserted) texts.push_back(folded);
      id = it->second;
    }
    by_raw_.emplace(raw, id);
    return id;
  }

 private:
  // Keys point into the tables' arenas, which outlive this.
  absl::flat_hash_map<std::string_view, uint32_t> by_raw_;
  absl::flat_hash_map<std::string, uint32_t> by_folded_;
};

}  // namespace

Links LinksAtThreshold(const CandidatePairs& pairs, const ScoredPairs& scores, double threshold) {
  Links links;
  for (size_t p = 0; p < pairs.size(); ++p) {
    if (scores.probability[p] >= threshold) {
      links.Add(pairs.left[p], pairs.right[p], scores.weight[p], scores.probability[p]);
    }
  }
  return links;
}

std::string ExclusiveKeys::Describe(uint64_t key) const {
  const uint32_t c = ConstraintOf(key), v = ValueOf(key);
  if (c >= names.size() || v == 0 || v > values[c].size()) return fmt::format("key {}", key);
  if (names[c] == "duplicate-free source")
    return fmt::format("{} '{}'", names[c], values[c][v - 1]);
  return fmt::format("{} = '{}'", names[c], values[c][v - 1]);
}

ExclusiveKeys NoExclusiveKeys(size_t num_records) {
  ExclusiveKeys keys;
  keys.offsets.assign(num_records + 1, 0);
  return keys;
}

absl::StatusOr<ExclusiveKeys> MakeExclusiveKeys(const std::vector<Table>& tables,
                                                const PreparedTable& prepared,
                                                const ConstraintOptions& options) {
  if (tables.size() != prepared.sources.size()) {
    return absl::InvalidArgumentError(
        fmt::format("{} tables but {} prepared sources", tables.size(), prepared.sources.size()));
  }
  const size_t n = prepared.num_records();
  std::vector<std::vector<uint64_t>> per_record(n);
  ExclusiveKeys keys;

  for (const std::string& column : options.unique_per) {
    std::vector<int> index(tables.size());
    bool found = false;
    for (size_t t = 0; t < tables.size(); ++t) {
      index[t] = tables[t].ColumnIndex(column);
      found = found || index[t] >= 0;
    }
    if (!found) {
      std::string known;
      for (const Table& table : tables) {
        known += fmt::format("; {}: {}", table.source, JoinNames(table.ColumnNames()));
      }
      return absl::InvalidArgumentError(
          fmt::format("unique-per column '{}' is in no input table (columns{})", column, known));
    }
    const uint32_t c = static_cast<uint32_t>(keys.names.size());
    keys.names.push_back(column);
    keys.values.emplace_back();
    ValueIds ids;
    for (size_t r = 0; r < n; ++r) {
      const int col = index[prepared.source[r]];
      if (col < 0) continue;
      const StringColumn& values = tables[prepared.source[r]].columns[col];
      const uint32_t row = prepared.row[r];
      if (values.is_null(row)) continue;
      const uint32_t v = ids.Id(values.value(row), keys.values[c]);
      if (v != 0) per_record[r].push_back(ExclusiveKeys::Key(c, v));
    }
  }

  if (!options.duplicate_free.empty()) {
    const uint32_t c = static_cast<uint32_t>(keys.names.size());
    keys.names.push_back("duplicate-free source");
    keys.values.emplace_back();
    std::vector<uint32_t> value_of_source(prepared.sources.size(), 0);
    for (const std::string& source : options.duplicate_free) {
      auto it = std::find(prepared.sources.begin(), prepared.sources.end(), source);
      if (it == prepared.sources.end()) {
        return absl::InvalidArgumentError(
            fmt::format("duplicate-free source '{}' is not an input source (sources: {})", source,
                        JoinNames(prepared.sources)));
      }
      uint32_t& v = value_of_source[it - prepared.sources.begin()];
      if (v == 0) {
        keys.values[c].push_back(source);
        v = static_cast<uint32_t>(keys.values[c].size());
      }
    }
    for (size_t r = 0; r < n; ++r) {
      const uint32_t v = value_of_source[prepared.source[r]];
      if (v != 0) per_record[r].push_back(ExclusiveKeys::Key(c, v));
    }
  }

  keys.offsets.assign(n + 1, 0);
  for (size_t r = 0; r < n; ++r) {
    std::sort(per_record[r].begin(), per_record[r].end());
    keys.keys.insert(keys.keys.end(), per_record[r].begin(), per_record[r].end());
    keys.offsets[r + 1] = keys.keys.size();
  }
  return keys;
}

ConstrainedClusters ConstrainedClustering(const Links& links, const ExclusiveKeys& keys) {
  const size_t n = keys.num_records();
  ConstrainedClusters result;

  // Strongest first; equal weights in order of the record pair, so that the result depends
  // on the links only, never on their order.
  std::vector<uint32_t> order(links.size());
  std::iota(order.begin(), order.end(), 0u);
  auto pair_of = [&](uint32_t l) { return std::minmax(links.left[l], links.right[l]); };
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (links.weight[a] != links.weight[b]) return links.weight[a] > links.weight[b];
    auto pa = pair_of(a), pb = pair_of(b);
    if (pa != pb) return pa < pb;
    return a < b;
  });

  std::vector<uint32_t> parent(n), size(n, 1);
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](uint32_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  // Key sets live only for roots that hold keys: set_of[root] indexes `sets`, -1 for none.
  constexpr int32_t kNoSet = -1;
  std::vector<int32_t> set_of(n, kNoSet);
  std::vector<absl::flat_hash_set<uint64_t>> sets;
  for (size_t r = 0; r < n; ++r) {
    if (keys.offsets[r] == keys.offsets[r + 1]) continue;
    set_of[r] = static_cast<int32_t>(sets.size());
    sets.emplace_back(keys.keys.begin() + keys.offsets[r], keys.keys.begin() + keys.offsets[r + 1]);
  }

  for (uint32_t l : order) {
    uint32_t a = find(links.left[l]), b = find(links.right[l]);
    if (a == b) continue;
    int32_t sa = set_of[a], sb = set_of[b];
    if (sa != kNoSet && sb != kNoSet) {
      if (sets[sa].size() > sets[sb].size()) std::swap(sa, sb);
      uint64_t shared = std::numeric_limits<uint64_t>::max();
      for (uint64_t key : sets[sa]) {
        if (key < shared && sets[sb].contains(key)) shared = key;
      }
      if (shared != std::numeric_limits<uint64_t>::max()) {
        result.refused.push_back({l, shared});
        continue;
      }
      // Small into large: a key moves O(log K) times in all.
      sets[sb].insert(sets[sa].begin(), sets[sa].end());
      absl::flat_hash_set<uint64_t>().swap(sets[sa]);
    } else if (sa != kNoSet) {
      sb = sa;
    }
    if (size[a] < size[b]) std::swap(a, b);
    parent[b] = a;
    size[a] += size[b];
    set_of[a] = sb;
    set_of[b] = kNoSet;
  }

  Clusters& clusters = result.clusters;
  clusters.cluster_of.resize(n);
  constexpr uint32_t kUnset = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> id_of_root(n, kUnset);
  for (uint32_t r = 0; r < n; ++r) {
    const uint32_t root = find(r);
    if (id_of_root[root] == kUnset) id_of_root[root] = clusters.num_clusters++;
    clusters.cluster_of[r] = id_of_root[root];
  }
  return result;
}

}  // namespace sameas
