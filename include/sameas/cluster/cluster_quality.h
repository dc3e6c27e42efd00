// How well each cluster holds together, and protection against chaining: a cluster held
// together by one weak bridge (a link whose removal disconnects it), or whose links are weak
// on average, is split so that analysts can choose precision over recall.
#ifndef SAMEAS_CLUSTER_CLUSTER_QUALITY_H_
#define SAMEAS_CLUSTER_CLUSTER_QUALITY_H_

#include <cstdint>
#include <vector>

#include "sameas/cluster/connected_components.h"
#include "sameas/cluster/constrained_clustering.h"

namespace sameas {

/// Figures of one cluster over the links between its records (match probabilities).
struct ClusterQuality {
  uint32_t size = 0;
  /// Links with both records in the cluster.
  uint32_t edges = 0;
  /// edges / (size (size - 1) / 2); 1 for a singleton.
  double density = 1;
  /// The lowest and the mean link probability; NaN for a cluster without links.
  double weakest_link = 0;
  double average_link = 0;
  /// Links whose removal would disconnect the cluster.
  uint32_t bridges = 0;
};

/// Quality of every cluster, indexed by cluster id. O(records + links): bridges by one
/// depth-first search per cluster (Tarjan 1974, "A note on finding the bridges of a graph").
std::vector<ClusterQuality> MeasureClusters(const Clusters& clusters, const Links& links);

struct ChainingOptions {
  /// Remove every bridge whose probability is below this, and split the cluster where it
  /// falls apart (0: keep all bridges).
  double split_bridges_below = 0;
  /// A cluster whose links average below this loses its weakest links until it falls
  /// apart; each part is judged again over all of its own links (0: no minimum).
  double min_average_link = 0;
};

/// What SplitWeakClusters did.
struct SplitReport {
  /// Bridges removed for being weaker than `split_bridges_below`.
  uint64_t bridges_removed = 0;
  /// Clusters split because their average link was too low.
  uint64_t low_average_splits = 0;
  /// Clusters before and after.
  uint32_t clusters_before = 0;
  uint32_t clusters_after = 0;
};

/// Splits the clusters of `clusters` until none has a bridge below `split_bridges_below` and
/// every cluster with links averages at least `min_average_link` over the links between its
/// records. Splitting only ever separates records, so constraints that held still hold; a
/// cluster that its own links do not connect is split into its components. Weak bridges go
/// in one pass (Tarjan's bridges per cluster); low averages in one pass over the
/// single-linkage dendrogram of the links, O(L log L + n). With both settings, the two passes
/// repeat until neither changes anything. Clusters are numbered again in order of their
/// first record.
Clusters SplitWeakClusters(const Clusters& clusters, const Links& links,
                           const ChainingOptions& options, SplitReport* report = nullptr);

}  // namespace sameas

#endif  // SAMEAS_CLUSTER_CLUSTER_QUALITY_H_
