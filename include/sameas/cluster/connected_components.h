// Clustering by connected components: records joined by any link at or above the threshold
// are one entity. Union-find with path halving and union by size.
#ifndef SAMEAS_CLUSTER_CONNECTED_COMPONENTS_H_
#define SAMEAS_CLUSTER_CONNECTED_COMPONENTS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sameas {

struct Clusters {
  /// Per record: its cluster, numbered 0, 1, ... in order of each cluster's first record.
  std::vector<uint32_t> cluster_of;
  uint32_t num_clusters = 0;
};

/// Disjoint sets over record indices.
class UnionFind {
 public:
  explicit UnionFind(size_t n);
  uint32_t Find(uint32_t x);
  /// Joins the sets of a and b; false when they were already one.
  bool Union(uint32_t a, uint32_t b);

 private:
  std::vector<uint32_t> parent_;
  std::vector<uint32_t> size_;
};

/// The components of the graph whose edges are the pairs with probability >= threshold.
/// Every record is in exactly one cluster, singletons included. The numbering depends only
/// on the records and links, never on the order of the pairs.
Clusters ConnectedComponents(size_t num_records, const std::vector<uint32_t>& left,
                             const std::vector<uint32_t>& right,
                             const std::vector<double>& probability, double threshold);

}  // namespace sameas

#endif  // SAMEAS_CLUSTER_CONNECTED_COMPONENTS_H_
