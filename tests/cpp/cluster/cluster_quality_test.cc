// Cluster quality figures and chaining protection: bridges found as a brute-force removal
// check finds them, weak bridges and weak averages split clusters, and the result holds the
// promised invariants on random graphs.
#include "sameas/cluster/cluster_quality.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace sameas {
namespace {

Clusters OneCluster(size_t n) {
  Clusters c;
  c.cluster_of.assign(n, 0);
  c.num_clusters = 1;
  return c;
}

// Two triangles {0,1,2} and {3,4,5} joined by the link 2-3.
Links Dumbbell(double bridge_probability) {
  Links links;
  for (auto [a, b] : {std::pair{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}}) {
    links.Add(a, b, 10, 0.999);
  }
  links.Add(2, 3, 2, bridge_probability);
  return links;
}

TEST(MeasureClusters, FiguresOfADumbbell) {
  Links links = Dumbbell(0.8);
  std::vector<ClusterQuality> q = MeasureClusters(OneCluster(6), links);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].size, 6u);
  EXPECT_EQ(q[0].edges, 7u);
  EXPECT_DOUBLE_EQ(q[0].density, 7.0 / 15.0);
  EXPECT_DOUBLE_EQ(q[0].weakest_link, 0.8);
  EXPECT_NEAR(q[0].average_link, (6 * 0.999 + 0.8) / 7, 1e-12);
  EXPECT_EQ(q[0].bridges, 1u);
}

TEST(MeasureClusters, SingletonHasNoLinksAndParallelLinksAreNoBridge) {
  Clusters clusters;
  clusters.cluster_of = {0, 0, 1};
  clusters.num_clusters = 2;
  Links links;
  links.Add(0, 1, 5, 0.97);
  links.Add(1, 0, 6, 0.98);  // the same pair found twice
  std::vector<ClusterQuality> q = MeasureClusters(clusters, links);
  EXPECT_EQ(q[0].bridges, 0u);
  EXPECT_EQ(q[1].size, 1u);
  EXPECT_EQ(q[1].edges, 0u);
  EXPECT_TRUE(std::isnan(q[1].weakest_link));
  EXPECT_DOUBLE_EQ(q[1].density, 1.0);
}

TEST(SplitWeakClusters, WeakBridgeSplitsAndStrongBridgeDoesNot) {
  ChainingOptions options;
  options.split_bridges_below = 0.9;
  SplitReport report;
  Clusters split = SplitWeakClusters(OneCluster(6), Dumbbell(0.8), options, &report);
  EXPECT_EQ(split.num_clusters, 2u);
  EXPECT_EQ(split.cluster_of, (std::vector<uint32_t>{0, 0, 0, 1, 1, 1}));
  EXPECT_EQ(report.bridges_removed, 1u);
  Clusters kept = SplitWeakClusters(OneCluster(6), Dumbbell(0.95), options);
  EXPECT_EQ(kept.num_clusters, 1u);
}

TEST(SplitWeakClusters, LowAverageRemovesWeakestLinksUntilTheClusterFallsApart) {
  // A 4-cycle of weak links 0-1-2-3-0 plus a strong link 0-2: the average is low.
  Links links;
  links.Add(0, 1, 1, 0.6);
  links.Add(1, 2, 1, 0.61);
  links.Add(2, 3, 1, 0.62);
  links.Add(3, 0, 1, 0.63);
  links.Add(0, 2, 9, 0.99);
  ChainingOptions options;
  options.min_average_link = 0.9;
  SplitReport report;
  Clusters split = SplitWeakClusters(OneCluster(4), links, options, &report);
  // 0-1 and 1-2 go first (1 falls off); {0, 2, 3} still averages 0.75, so 2-3 and 3-0 go
  // (3 falls off); {0, 2} averages 0.99.
  EXPECT_EQ(split.num_clusters, 3u);
  EXPECT_EQ(split.cluster_of[0], split.cluster_of[2]);
  EXPECT_NE(split.cluster_of[1], split.cluster_of[0]);
  EXPECT_NE(split.cluster_of[3], split.cluster_of[0]);
  EXPECT_EQ(report.low_average_splits, 2u);
}

TEST(SplitWeakClusters, NothingChangesWithoutSettings) {
  Clusters split = SplitWeakClusters(OneCluster(6), Dumbbell(0.1), ChainingOptions{});
  EXPECT_EQ(split.num_clusters, 1u);
}

// Bridges by brute force: a link is a bridge when removing it disconnects its endpoints.
bool Connected(uint32_t n, const Links& links, size_t skip, uint32_t a, uint32_t b,
               const std::vector<uint32_t>& cluster_of) {
  std::vector<uint32_t> label(n);
  for (uint32_t i = 0; i < n; ++i) label[i] = i;
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t l = 0; l < links.size(); ++l) {
      if (l == skip || cluster_of[links.left[l]] != cluster_of[links.right[l]]) continue;
      uint32_t& x = label[links.left[l]];
      uint32_t& y = label[links.right[l]];
      if (x != y) {
        x = y = std::min(x, y);
        changed = true;
      }
    }
  }
  return label[a] == label[b];
}

TEST(SplitWeakClusters, RandomGraphsEndWithNoWeakBridgeAndNoLowAverage) {
  std::mt19937 rng(5);
  for (int trial = 0; trial < 200; ++trial) {
    const uint32_t n = 2 + rng() % 25;
    Links links;
    const int m = rng() % (2 * n);
    for (int i = 0; i < m; ++i) {
      uint32_t a = rng() % n, b = rng() % n;
      if (a == b) continue;
      double p = 0.5 + 0.5 * std::uniform_real_distribution<double>(0, 1)(rng);
      links.Add(a, b, std::log2(p / (1 - p)), p);
    }
    Clusters components = ConnectedComponents(n, links.left, links.right, links.probability, 0);
    // Quality bridges agree with brute force.
    std::vector<ClusterQuality> q = MeasureClusters(components, links);
    std::vector<uint32_t> bridges(components.num_clusters, 0);
    for (size_t l = 0; l < links.size(); ++l) {
      if (!Connected(n, links, l, links.left[l], links.right[l], components.cluster_of)) {
        ++bridges[components.cluster_of[links.left[l]]];
      }
    }
    for (uint32_t c = 0; c < components.num_clusters; ++c) {
      ASSERT_EQ(q[c].bridges, bridges[c]) << "trial " << trial << " cluster " << c;
    }

    ChainingOptions options;
    options.split_bridges_below = 0.8;
    options.min_average_link = 0.85;
    Clusters split = SplitWeakClusters(components, links, options);
    std::vector<ClusterQuality> after = MeasureClusters(split, links);
    for (uint32_t c = 0; c < split.num_clusters; ++c) {
      if (after[c].edges > 0) EXPECT_GE(after[c].average_link, 0.85) << "trial " << trial;
    }
    for (size_t l = 0; l < links.size(); ++l) {
      const uint32_t a = links.left[l], b = links.right[l];
      if (split.cluster_of[a] != split.cluster_of[b]) continue;
      if (links.probability[l] < 0.8) {
        EXPECT_TRUE(Connected(n, links, l, a, b, split.cluster_of))
            << "weak bridge left, trial " << trial;
      }
    }
    // Splitting only separates: records apart before stay apart.
    for (uint32_t a = 0; a < n; ++a) {
      for (uint32_t b = 0; b < n; ++b) {
        if (split.cluster_of[a] == split.cluster_of[b]) {
          EXPECT_EQ(components.cluster_of[a], components.cluster_of[b]);
        }
      }
    }
  }
}

// Reference for the low-average rule: remove a part's links weakest first, one at a time,
// until it falls apart; judge each piece again over all of its own links.
std::vector<uint32_t> ReferenceLowAverage(uint32_t n, const Links& links, double min_average) {
  std::vector<uint32_t> label(n, 0);
  uint32_t next_label = 1;
  std::vector<std::vector<uint32_t>> work;
  {
    Clusters all = ConnectedComponents(n, links.left, links.right, links.probability, 0);
    std::vector<std::vector<uint32_t>> parts(all.num_clusters);
    for (uint32_t r = 0; r < n; ++r) parts[all.cluster_of[r]].push_back(r);
    work = parts;
  }
  while (!work.empty()) {
    std::vector<uint32_t> part = work.back();
    work.pop_back();
    std::vector<uint8_t> in(n, 0);
    for (uint32_t r : part) in[r] = 1;
    std::vector<size_t> own;
    double sum = 0;
    for (size_t l = 0; l < links.size(); ++l) {
      if (links.left[l] != links.right[l] && in[links.left[l]] && in[links.right[l]]) {
        own.push_back(l);
        sum += links.probability[l];
      }
    }
    if (own.empty() || sum / own.size() >= min_average) {
      for (uint32_t r : part) label[r] = next_label;
      ++next_label;
      continue;
    }
    std::sort(own.begin(), own.end(),
              [&](size_t a, size_t b) { return links.probability[a] < links.probability[b]; });
    for (size_t k = 1; k <= own.size(); ++k) {
      Links rest;
      for (size_t i = k; i < own.size(); ++i) {
        rest.Add(links.left[own[i]], links.right[own[i]], 0, links.probability[own[i]]);
      }
      Clusters c = ConnectedComponents(n, rest.left, rest.right, rest.probability, 0);
      std::vector<std::vector<uint32_t>> pieces(c.num_clusters);
      for (uint32_t r : part) pieces[c.cluster_of[r]].push_back(r);
      size_t non_empty = 0;
      for (const auto& piece : pieces) non_empty += !piece.empty();
      if (non_empty > 1) {
        for (auto& piece : pieces) {
          if (!piece.empty()) work.push_back(piece);
        }
        break;
      }
    }
  }
  return label;
}

TEST(SplitWeakClusters, LowAverageAgreesWithRemovingWeakestLinksOneByOne) {
  std::mt19937 rng(17);
  for (int trial = 0; trial < 200; ++trial) {
    const uint32_t n = 2 + rng() % 30;
    Links links;
    const int m = rng() % (3 * n);
    for (int i = 0; i < m; ++i) {
      const double p = std::uniform_real_distribution<double>(0.3, 1.0)(rng);
      links.Add(rng() % n, rng() % n, p * 10, p);
    }
    Clusters components = ConnectedComponents(n, links.left, links.right, links.probability, 0);
    ChainingOptions options;
    options.min_average_link = 0.8;
    Clusters split = SplitWeakClusters(components, links, options);
    std::vector<uint32_t> reference = ReferenceLowAverage(n, links, 0.8);
    for (uint32_t a = 0; a < n; ++a) {
      for (uint32_t b = 0; b < n; ++b) {
        ASSERT_EQ(split.cluster_of[a] == split.cluster_of[b], reference[a] == reference[b])
            << "trial " << trial << " records " << a << ", " << b;
      }
    }
  }
}

TEST(SplitWeakClusters, LongChainOfWeakeningLinksSplitsUntilEveryPartAveragesEnough) {
  // A path of 200,000 records whose links weaken towards one end: it falls apart piece by
  // piece, the case where splitting must not start again from the whole cluster each time.
  const uint32_t n = 200'000;
  Links links;
  for (uint32_t r = 0; r + 1 < n; ++r) {
    const double p = 0.5 + 0.5 * r / n;
    links.Add(r, r + 1, p * 10, p);
  }
  Clusters one = ConnectedComponents(n, links.left, links.right, links.probability, 0);
  ChainingOptions options;
  options.min_average_link = 0.9;
  SplitReport report;
  Clusters split = SplitWeakClusters(one, links, options, &report);
  EXPECT_GT(split.num_clusters, 1u);
  std::vector<ClusterQuality> q = MeasureClusters(split, links);
  for (const ClusterQuality& c : q) {
    if (c.edges > 0) EXPECT_GE(c.average_link, 0.9);
  }
}

}  // namespace
}  // namespace sameas
