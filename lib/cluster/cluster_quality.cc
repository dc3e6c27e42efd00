#include "sameas/cluster/cluster_quality.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

namespace sameas {
namespace {

constexpr uint32_t kUnset = std::numeric_limits<uint32_t>::max();

// Records and internal links grouped by cluster, in CSR form.
struct Grouped {
  std::vector<uint32_t> record_offsets, records;
  std::vector<uint32_t> link_offsets, links;
};

Grouped GroupByCluster(const Clusters& clusters, const Links& links) {
  const uint32_t k = clusters.num_clusters;
  Grouped g;
  g.record_offsets.assign(k + 1, 0);
  g.link_offsets.assign(k + 1, 0);
  for (uint32_t c : clusters.cluster_of) ++g.record_offsets[c + 1];
  auto internal = [&](size_t l) {
    return links.left[l] != links.right[l] &&
           clusters.cluster_of[links.left[l]] == clusters.cluster_of[links.right[l]];
  };
  for (size_t l = 0; l < links.size(); ++l) {
    if (internal(l)) ++g.link_offsets[clusters.cluster_of[links.left[l]] + 1];
  }
  std::partial_sum(g.record_offsets.begin(), g.record_offsets.end(), g.record_offsets.begin());
  std::partial_sum(g.link_offsets.begin(), g.link_offsets.end(), g.link_offsets.begin());
  g.records.resize(clusters.cluster_of.size());
  g.links.resize(g.link_offsets[k]);
  std::vector<uint32_t> fill(g.record_offsets.begin(), g.record_offsets.end() - 1);
  for (uint32_t r = 0; r < clusters.cluster_of.size(); ++r) {
    g.records[fill[clusters.cluster_of[r]]++] = r;
  }
  fill.assign(g.link_offsets.begin(), g.link_offsets.end() - 1);
  for (size_t l = 0; l < links.size(); ++l) {
    if (internal(l)) g.links[fill[clusters.cluster_of[links.left[l]]]++] = static_cast<uint32_t>(l);
  }
  return g;
}

// A small graph over the records of one part, vertices numbered locally.
class LocalGraph {
 public:
  // `local` maps a record to its local index; it must be set for every record of `records`
  // and is left as it was found (kUnset) afterwards by Release.
  LocalGraph(const std::vector<uint32_t>& records, const std::vector<uint32_t>& link_ids,
             const Links& links, std::vector<uint32_t>& local)
      : n_(records.size()), local_(local), records_(records) {
    for (uint32_t i = 0; i < n_; ++i) local_[records[i]] = i;
    u_.reserve(link_ids.size());
    v_.reserve(link_ids.size());
    for (uint32_t l : link_ids) {
      u_.push_back(local_[links.left[l]]);
      v_.push_back(local_[links.right[l]]);
    }
  }
  ~LocalGraph() {
    for (uint32_t r : records_) local_[r] = kUnset;
  }

  uint32_t num_vertices() const { return n_; }
  uint32_t u(size_t e) const { return u_[e]; }
  uint32_t v(size_t e) const { return v_[e]; }

  // Component label per vertex over the edges where `keep(e)`; returns the count.
  template <typename Keep>
  uint32_t Components(Keep keep, std::vector<uint32_t>& label) const {
    std::vector<uint32_t> parent(n_);
    std::iota(parent.begin(), parent.end(), 0u);
    auto find = [&](uint32_t x) {
      while (parent[x] != x) x = parent[x] = parent[parent[x]];
      return x;
    };
    for (size_t e = 0; e < u_.size(); ++e) {
      if (keep(e)) parent[find(u_[e])] = find(v_[e]);
    }
    label.assign(n_, kUnset);
    uint32_t count = 0;
    for (uint32_t i = 0; i < n_; ++i) {
      uint32_t root = find(i);
      if (label[root] == kUnset) label[root] = count++;
      label[i] = label[root];
    }
    return count;
  }

  // Per edge: whether removing it disconnects its component. Parallel edges are never
  // bridges, because the search skips the edge it came in by, not the vertex.
  std::vector<uint8_t> Bridges() const {
    std::vector<uint32_t> offsets(n_ + 1, 0), adjacent(2 * u_.size()), edge_of(2 * u_.size());
    for (size_t e = 0; e < u_.size(); ++e) {
      ++offsets[u_[e] + 1];
      ++offsets[v_[e] + 1];
    }
    std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
    std::vector<uint32_t> fill(offsets.begin(), offsets.end() - 1);
    for (uint32_t e = 0; e < u_.size(); ++e) {
      adjacent[fill[u_[e]]] = v_[e];
      edge_of[fill[u_[e]]++] = e;
      adjacent[fill[v_[e]]] = u_[e];
      edge_of[fill[v_[e]]++] = e;
    }
    std::vector<uint8_t> bridge(u_.size(), 0);
    std::vector<uint32_t> disc(n_, kUnset), low(n_, 0), next(n_, 0);
    struct Frame {
      uint32_t vertex, via_edge;
    };
    std::vector<Frame> stack;
    uint32_t time = 0;
    for (uint32_t start = 0; start < n_; ++start) {
      if (disc[start] != kUnset) continue;
      disc[start] = low[start] = time++;
      next[start] = offsets[start];
      stack.push_back({start, kUnset});
      while (!stack.empty()) {
        const uint32_t x = stack.back().vertex;
        if (next[x] < offsets[x + 1]) {
          const uint32_t i = next[x]++;
          const uint32_t y = adjacent[i], e = edge_of[i];
          if (e == stack.back().via_edge) continue;
          if (disc[y] == kUnset) {
            disc[y] = low[y] = time++;
            next[y] = offsets[y];
            stack.push_back({y, e});
          } else {
            low[x] = std::min(low[x], disc[y]);
          }
        } else {
          const uint32_t via = stack.back().via_edge;
          stack.pop_back();
          if (stack.empty()) break;
          const uint32_t p = stack.back().vertex;
          low[p] = std::min(low[p], low[x]);
          if (low[x] > disc[p]) bridge[via] = 1;
        }
      }
    }
    return bridge;
  }

 private:
  uint32_t n_;
  std::vector<uint32_t>& local_;
  const std::vector<uint32_t>& records_;
  std::vector<uint32_t> u_, v_;
};

// Clusters from a label per record, numbered in order of their first record.
Clusters Renumber(const std::vector<uint32_t>& label, size_t num_labels) {
  Clusters out;
  out.cluster_of.resize(label.size());
  std::vector<uint32_t> id(num_labels, kUnset);
  for (size_t r = 0; r < label.size(); ++r) {
    uint32_t& c = id[label[r]];
    if (c == kUnset) c = out.num_clusters++;
    out.cluster_of[r] = c;
  }
  return out;
}

bool Internal(const Clusters& clusters, const Links& links, size_t l) {
  return links.left[l] != links.right[l] &&
         clusters.cluster_of[links.left[l]] == clusters.cluster_of[links.right[l]];
}

// Removes every bridge weaker than `below` from every cluster; the parts are the components
// of the links left inside each cluster. Removing a bridge never makes another link a bridge
// (a bridge lies on no cycle), so one pass leaves no weak bridge.
Clusters SplitAtWeakBridges(const Clusters& clusters, const Links& links, double below,
                            uint64_t* removed) {
  const size_t n = clusters.cluster_of.size();
  const Grouped g = GroupByCluster(clusters, links);
  std::vector<uint8_t> cut(links.size(), 0);
  std::vector<uint32_t> local(n, kUnset), records, link_ids;
  for (uint32_t c = 0; c < clusters.num_clusters; ++c) {
    if (g.link_offsets[c + 1] == g.link_offsets[c]) continue;
    records.assign(g.records.begin() + g.record_offsets[c],
                   g.records.begin() + g.record_offsets[c + 1]);
    link_ids.assign(g.links.begin() + g.link_offsets[c], g.links.begin() + g.link_offsets[c + 1]);
    LocalGraph graph(records, link_ids, links, local);
    std::vector<uint8_t> bridge = graph.Bridges();
    for (size_t e = 0; e < link_ids.size(); ++e) {
      if (bridge[e] && links.probability[link_ids[e]] < below) {
        cut[link_ids[e]] = 1;
        ++*removed;
      }
    }
  }
  UnionFind sets(n);
  for (size_t l = 0; l < links.size(); ++l) {
    if (!cut[l] && Internal(clusters, links, l)) sets.Union(links.left[l], links.right[l]);
  }
  std::vector<uint32_t> label(n);
  for (uint32_t r = 0; r < n; ++r) label[r] = sets.Find(r);
  return Renumber(label, n);
}

// Splits every cluster whose links average below `min_average` at its weakest links until
// each part averages at least `min_average` over all of its own links.
//
// Removing a cluster's links weakest first, the order in which it falls apart is the
// single-linkage dendrogram of its links (Kruskal's maximum spanning forest, read backwards),
// and a part, once cut off, falls apart further along its own subtree. So the dendrogram is
// built once, each link is counted at the node where its two records first meet (their
// lowest common ancestor, found offline: Tarjan 1979, "Applications of path compression on
// balanced trees"), and the tree is read from the top: a node whose links average enough is
// a cluster, any other node gives way to its two children. O(L log L + n).
Clusters SplitLowAverage(const Clusters& clusters, const Links& links, double min_average,
                         uint64_t* splits) {
  const uint32_t n = static_cast<uint32_t>(clusters.cluster_of.size());
  std::vector<uint32_t> order;
  for (uint32_t l = 0; l < links.size(); ++l) {
    if (Internal(clusters, links, l)) order.push_back(l);
  }
  // Strongest first; ties by weight, then the record pair, then the index.
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (links.probability[a] != links.probability[b])
      return links.probability[a] > links.probability[b];
    if (links.weight[a] != links.weight[b]) return links.weight[a] > links.weight[b];
    auto pa = std::minmax(links.left[a], links.right[a]);
    auto pb = std::minmax(links.left[b], links.right[b]);
    if (pa != pb) return pa < pb;
    return a < b;
  });

  // Dendrogram: nodes 0..n-1 are records; each union makes a node with two children.
  std::vector<uint32_t> parent(n, kUnset), child_a, child_b;
  std::vector<double> sum(n, 0);
  std::vector<uint32_t> count(n, 0);
  UnionFind sets(n);
  std::vector<uint32_t> node_of_root(n);
  std::iota(node_of_root.begin(), node_of_root.end(), 0u);
  std::vector<uint32_t> closing;  // links that close a cycle: counted at their ancestor
  for (uint32_t l : order) {
    const uint32_t ra = sets.Find(links.left[l]), rb = sets.Find(links.right[l]);
    if (ra == rb) {
      closing.push_back(l);
      continue;
    }
    const uint32_t node = static_cast<uint32_t>(parent.size());
    parent.push_back(kUnset);
    parent[node_of_root[ra]] = parent[node_of_root[rb]] = node;
    child_a.push_back(node_of_root[ra]);
    child_b.push_back(node_of_root[rb]);
    sum.push_back(links.probability[l]);
    count.push_back(1);
    sets.Union(ra, rb);
    node_of_root[sets.Find(ra)] = node;
  }
  const uint32_t num_nodes = static_cast<uint32_t>(parent.size());
  auto children = [&](uint32_t node) {
    return std::pair<uint32_t, uint32_t>(child_a[node - n], child_b[node - n]);
  };

  // Lowest common ancestors of the closing links, by one post-order walk per tree.
  if (!closing.empty()) {
    std::vector<uint32_t> query_offsets(n + 1, 0), queries(2 * closing.size());
    for (uint32_t l : closing) {
      ++query_offsets[links.left[l] + 1];
      ++query_offsets[links.right[l] + 1];
    }
    std::partial_sum(query_offsets.begin(), query_offsets.end(), query_offsets.begin());
    std::vector<uint32_t> fill(query_offsets.begin(), query_offsets.end() - 1);
    for (uint32_t l : closing) {
      queries[fill[links.left[l]]++] = l;
      queries[fill[links.right[l]]++] = l;
    }
    UnionFind walked(num_nodes);
    std::vector<uint32_t> ancestor(num_nodes);
    std::iota(ancestor.begin(), ancestor.end(), 0u);
    std::vector<uint8_t> done(num_nodes, 0), answered(links.size(), 0);
    std::vector<std::pair<uint32_t, bool>> stack;  // node, children pushed
    for (uint32_t root = 0; root < num_nodes; ++root) {
      if (parent[root] != kUnset) continue;
      stack.push_back({root, false});
      while (!stack.empty()) {
        auto [x, expanded] = stack.back();
        if (x >= n && !expanded) {
          stack.back().second = true;
          stack.push_back({children(x).first, false});
          stack.push_back({children(x).second, false});
          continue;
        }
        stack.pop_back();
        if (x < n) {
          for (uint32_t q = query_offsets[x]; q < query_offsets[x + 1]; ++q) {
            const uint32_t l = queries[q];
            const uint32_t other = links.left[l] == x ? links.right[l] : links.left[l];
            if (done[other] && !answered[l]) {
              const uint32_t lca = ancestor[walked.Find(other)];
              sum[lca] += links.probability[l];
              ++count[lca];
              answered[l] = 1;
            }
          }
        }
        done[x] = 1;
        // A finished subtree joins its parent's set at once, so that the set of any finished
        // record is named by its lowest ancestor still being walked.
        if (parent[x] != kUnset) {
          walked.Union(parent[x], x);
          ancestor[walked.Find(x)] = parent[x];
        }
      }
    }
  }
  // Children come before parents in node order: add each node's links to its parent's.
  for (uint32_t x = n; x < num_nodes; ++x) {
    auto [a, b] = children(x);
    sum[x] += sum[a] + sum[b];
    count[x] += count[a] + count[b];
  }

  // From the top: keep a node that averages enough, else split it into its children.
  std::vector<uint32_t> label(n), stack, leaves;
  uint32_t parts = 0;
  for (uint32_t root = 0; root < num_nodes; ++root) {
    if (parent[root] != kUnset) continue;
    stack.push_back(root);
    while (!stack.empty()) {
      const uint32_t x = stack.back();
      stack.pop_back();
      if (x >= n && sum[x] < min_average * count[x]) {
        ++*splits;
        stack.push_back(children(x).first);
        stack.push_back(children(x).second);
        continue;
      }
      leaves.push_back(x);
      while (!leaves.empty()) {
        const uint32_t y = leaves.back();
        leaves.pop_back();
        if (y < n) {
          label[y] = parts;
        } else {
          leaves.push_back(children(y).first);
          leaves.push_back(children(y).second);
        }
      }
      ++parts;
    }
  }
  return Renumber(label, parts);
}

}  // namespace

std::vector<ClusterQuality> MeasureClusters(const Clusters& clusters, const Links& links) {
  const Grouped g = GroupByCluster(clusters, links);
  std::vector<ClusterQuality> quality(clusters.num_clusters);
  std::vector<uint32_t> local(clusters.cluster_of.size(), kUnset);
  std::vector<uint32_t> records, link_ids;
  for (uint32_t c = 0; c < clusters.num_clusters; ++c) {
    ClusterQuality& q = quality[c];
    q.size = g.record_offsets[c + 1] - g.record_offsets[c];
    q.edges = g.link_offsets[c + 1] - g.link_offsets[c];
    if (q.size > 1) q.density = q.edges / (0.5 * q.size * (q.size - 1.0));
    if (q.edges == 0) {
      q.weakest_link = q.average_link = std::numeric_limits<double>::quiet_NaN();
      continue;
    }
    records.assign(g.records.begin() + g.record_offsets[c],
                   g.records.begin() + g.record_offsets[c + 1]);
    link_ids.assign(g.links.begin() + g.link_offsets[c], g.links.begin() + g.link_offsets[c + 1]);
    double sum = 0, weakest = std::numeric_limits<double>::infinity();
    for (uint32_t l : link_ids) {
      sum += links.probability[l];
      weakest = std::min(weakest, links.probability[l]);
    }
    q.weakest_link = weakest;
    q.average_link = sum / q.edges;
    LocalGraph graph(records, link_ids, links, local);
    for (uint8_t b : graph.Bridges()) q.bridges += b;
  }
  return quality;
}

Clusters SplitWeakClusters(const Clusters& clusters, const Links& links,
                           const ChainingOptions& options, SplitReport* report) {
  SplitReport local_report;
  SplitReport& rep = report ? *report : local_report;
  rep = SplitReport{};
  rep.clusters_before = rep.clusters_after = clusters.num_clusters;
  const bool bridges = options.split_bridges_below > 0, average = options.min_average_link > 0;
  if (!bridges && !average) return clusters;
  Clusters current = clusters;
  // Each rule alone is done in one pass. Together, a split for a low average can leave a weak
  // bridge in a part (its cycle went through the other part), so both run until neither
  // changes anything; every round that changes something adds clusters, so this ends.
  for (;;) {
    uint64_t removed = 0, splits = 0;
    if (bridges)
      current = SplitAtWeakBridges(current, links, options.split_bridges_below, &removed);
    if (average) current = SplitLowAverage(current, links, options.min_average_link, &splits);
    rep.bridges_removed += removed;
    rep.low_average_splits += splits;
    if (!(bridges && average) || (removed == 0 && splits == 0)) break;
  }
  rep.clusters_after = current.num_clusters;
  return current;
}

}  // namespace sameas
