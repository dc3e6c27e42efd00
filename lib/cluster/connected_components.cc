#include "sameas/cluster/connected_components.h"

#include <limits>
#include <numeric>
#include <utility>

namespace sameas {

UnionFind::UnionFind(size_t n) : parent_(n), size_(n, 1) {
  std::iota(parent_.begin(), parent_.end(), 0u);
}

uint32_t UnionFind::Find(uint32_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];
    x = parent_[x];
  }
  return x;
}

bool UnionFind::Union(uint32_t a, uint32_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return false;
  if (size_[a] < size_[b]) std::swap(a, b);
  parent_[b] = a;
  size_[a] += size_[b];
  return true;
}

Clusters ConnectedComponents(size_t num_records, const std::vector<uint32_t>& left,
                             const std::vector<uint32_t>& right,
                             const std::vector<double>& probability, double threshold) {
  UnionFind sets(num_records);
  for (size_t p = 0; p < left.size(); ++p) {
    if (probability[p] >= threshold) sets.Union(left[p], right[p]);
  }
  Clusters clusters;
  clusters.cluster_of.resize(num_records);
  constexpr uint32_t kUnset = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> id_of_root(num_records, kUnset);
  for (uint32_t r = 0; r < num_records; ++r) {
    uint32_t root = sets.Find(r);
    if (id_of_root[root] == kUnset) id_of_root[root] = clusters.num_clusters++;
    clusters.cluster_of[r] = id_of_root[root];
  }
  return clusters;
}

}  // namespace sameas
