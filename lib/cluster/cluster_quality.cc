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

struct Part {
  std::vector<uint32_t> records;
  std::vector<uint32_t> links;
};

// The parts of `part` by component `label`, each with the links of `part` inside it.
void PushComponents(const Part& part, const LocalGraph& graph, const std::vector<uint32_t>& label,
                    uint32_t count, std::vector<Part>& work) {
  std::vector<Part> parts(count);
  for (uint32_t i = 0; i < part.records.size(); ++i)
    parts[label[i]].records.push_back(part.records[i]);
  for (size_t e = 0; e < part.links.size(); ++e) {
    if (label[graph.u(e)] == label[graph.v(e)])
      parts[label[graph.u(e)]].links.push_back(part.links[e]);
  }
  for (Part& p : parts) work.push_back(std::move(p));
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
  if (options.split_bridges_below <= 0 && options.min_average_link <= 0) return clusters;
  const size_t n = clusters.cluster_of.size();
  const Grouped g = GroupByCluster(clusters, links);

  std::vector<uint32_t> part_of(n, kUnset);
  uint32_t num_parts = 0;
  std::vector<uint32_t> local(n, kUnset), label;
  std::vector<Part> work;
  for (uint32_t c = clusters.num_clusters; c-- > 0;) {
    Part part;
    part.records.assign(g.records.begin() + g.record_offsets[c],
                        g.records.begin() + g.record_offsets[c + 1]);
    part.links.assign(g.links.begin() + g.link_offsets[c], g.links.begin() + g.link_offsets[c + 1]);
    work.push_back(std::move(part));
  }
  while (!work.empty()) {
    Part part = std::move(work.back());
    work.pop_back();
    auto emit = [&] {
      for (uint32_t r : part.records) part_of[r] = num_parts;
      ++num_parts;
    };
    if (part.records.size() < 2) {
      emit();
      continue;
    }
    LocalGraph graph(part.records, part.links, links, local);
    uint32_t count = graph.Components([](size_t) { return true; }, label);
    if (count > 1) {  // not held together by its own links: its components are the clusters
      PushComponents(part, graph, label, count, work);
      continue;
    }
    if (options.split_bridges_below > 0) {
      std::vector<uint8_t> bridge = graph.Bridges();
      uint64_t weak = 0;
      for (size_t e = 0; e < part.links.size(); ++e) {
        bridge[e] = bridge[e] && links.probability[part.links[e]] < options.split_bridges_below;
        weak += bridge[e];
      }
      if (weak > 0) {
        rep.bridges_removed += weak;
        count = graph.Components([&](size_t e) { return !bridge[e]; }, label);
        PushComponents(part, graph, label, count, work);
        continue;
      }
    }
    if (options.min_average_link > 0) {
      double sum = 0;
      for (uint32_t l : part.links) sum += links.probability[l];
      if (sum / part.links.size() < options.min_average_link) {
        // The fewest weakest links whose removal disconnects the part, by binary search:
        // disconnection only grows as more links go.
        std::vector<uint32_t> order(part.links.size());
        std::iota(order.begin(), order.end(), 0u);
        std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
          const uint32_t la = part.links[a], lb = part.links[b];
          if (links.probability[la] != links.probability[lb]) {
            return links.probability[la] < links.probability[lb];
          }
          if (links.weight[la] != links.weight[lb]) return links.weight[la] < links.weight[lb];
          auto pa = std::minmax(links.left[la], links.right[la]);
          auto pb = std::minmax(links.left[lb], links.right[lb]);
          if (pa != pb) return pa < pb;
          return la < lb;
        });
        std::vector<uint32_t> rank(order.size());
        for (uint32_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
        size_t lo = 1, hi = order.size();  // removing all links always disconnects
        while (lo < hi) {
          const size_t mid = lo + (hi - lo) / 2;
          if (graph.Components([&](size_t e) { return rank[e] >= mid; }, label) > 1) {
            hi = mid;
          } else {
            lo = mid + 1;
          }
        }
        count = graph.Components([&](size_t e) { return rank[e] >= lo; }, label);
        ++rep.low_average_splits;
        PushComponents(part, graph, label, count, work);
        continue;
      }
    }
    emit();
  }

  // Number the clusters in order of their first record.
  Clusters out;
  out.cluster_of.resize(n);
  std::vector<uint32_t> id_of_part(num_parts, kUnset);
  for (uint32_t r = 0; r < n; ++r) {
    uint32_t& id = id_of_part[part_of[r]];
    if (id == kUnset) id = out.num_clusters++;
    out.cluster_of[r] = id;
  }
  rep.clusters_after = out.num_clusters;
  return out;
}

}  // namespace sameas
