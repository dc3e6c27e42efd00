// Connected components: links at or above the threshold join records, chains join end to
// end, every record is in one cluster, and the numbering does not depend on the order of the
// pairs; checked against breadth-first search on random graphs.
#include "sameas/cluster/connected_components.h"

#include <algorithm>
#include <queue>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace sameas {
namespace {

struct Links {
  std::vector<uint32_t> left, right;
  std::vector<double> probability;

  void Add(uint32_t a, uint32_t b, double p) {
    left.push_back(a);
    right.push_back(b);
    probability.push_back(p);
  }
};

Clusters Components(size_t n, const Links& links, double threshold) {
  return ConnectedComponents(n, links.left, links.right, links.probability, threshold);
}

// Reference: breadth-first search over the links at or above the threshold, clusters
// numbered in order of their smallest record.
Clusters ReferenceComponents(size_t n, const Links& links, double threshold) {
  std::vector<std::vector<uint32_t>> adjacent(n);
  for (size_t p = 0; p < links.left.size(); ++p) {
    if (links.probability[p] < threshold) continue;
    adjacent[links.left[p]].push_back(links.right[p]);
    adjacent[links.right[p]].push_back(links.left[p]);
  }
  Clusters clusters;
  clusters.cluster_of.assign(n, UINT32_MAX);
  for (uint32_t start = 0; start < n; ++start) {
    if (clusters.cluster_of[start] != UINT32_MAX) continue;
    const uint32_t id = clusters.num_clusters++;
    std::queue<uint32_t> queue;
    queue.push(start);
    clusters.cluster_of[start] = id;
    while (!queue.empty()) {
      const uint32_t r = queue.front();
      queue.pop();
      for (uint32_t next : adjacent[r]) {
        if (clusters.cluster_of[next] == UINT32_MAX) {
          clusters.cluster_of[next] = id;
          queue.push(next);
        }
      }
    }
  }
  return clusters;
}

TEST(ConnectedComponents, ChainsJoinEndToEnd) {
  // 0-1-2-3 is one person seen four times, linked only to neighbours; 4-5 another.
  Links links;
  links.Add(2, 3, 0.97);
  links.Add(0, 1, 0.99);
  links.Add(1, 2, 0.95);
  links.Add(4, 5, 0.999);
  const Clusters clusters = Components(7, links, 0.9);
  EXPECT_EQ(clusters.num_clusters, 3u);
  EXPECT_EQ(clusters.cluster_of, (std::vector<uint32_t>{0, 0, 0, 0, 1, 1, 2}));
}

TEST(ConnectedComponents, ThresholdExcludesWeakLinks) {
  Links links;
  links.Add(0, 1, 0.95);
  links.Add(1, 2, 0.89);  // below 0.9: does not join
  links.Add(2, 3, 0.9);   // exactly at the threshold: joins
  const Clusters clusters = Components(4, links, 0.9);
  EXPECT_EQ(clusters.num_clusters, 2u);
  EXPECT_EQ(clusters.cluster_of[0], clusters.cluster_of[1]);
  EXPECT_NE(clusters.cluster_of[1], clusters.cluster_of[2]);
  EXPECT_EQ(clusters.cluster_of[2], clusters.cluster_of[3]);
  // A lower threshold lets the weak link in.
  EXPECT_EQ(Components(4, links, 0.5).num_clusters, 1u);
}

TEST(ConnectedComponents, EveryRecordGetsAClusterAndSingletonsAreCounted) {
  Links links;
  links.Add(3, 8, 0.99);
  links.Add(8, 5, 0.99);
  const Clusters clusters = Components(10, links, 0.9);
  ASSERT_EQ(clusters.cluster_of.size(), 10u);
  std::vector<int> sizes(clusters.num_clusters, 0);
  for (uint32_t c : clusters.cluster_of) {
    ASSERT_LT(c, clusters.num_clusters);
    ++sizes[c];
  }
  EXPECT_EQ(std::count(sizes.begin(), sizes.end(), 1), 7);  // 10 records, one cluster of 3
  EXPECT_EQ(clusters.num_clusters, 8u);
}

TEST(ConnectedComponents, NoLinksMakeOneClusterPerRecord) {
  const Clusters clusters = Components(5, Links{}, 0.9);
  EXPECT_EQ(clusters.num_clusters, 5u);
  EXPECT_EQ(clusters.cluster_of, (std::vector<uint32_t>{0, 1, 2, 3, 4}));
  EXPECT_EQ(Components(0, Links{}, 0.9).num_clusters, 0u);
}

TEST(ConnectedComponents, ClustersNumberedInOrderOfTheirFirstRecord) {
  Links links;
  links.Add(4, 5, 0.99);
  links.Add(0, 2, 0.99);
  const Clusters clusters = Components(6, links, 0.9);
  EXPECT_EQ(clusters.cluster_of, (std::vector<uint32_t>{0, 1, 0, 2, 3, 3}));
}

// A random graph: `n` records in groups (people), links mostly within a group with high
// probability, some between groups with low probability, some duplicated or reversed.
Links RandomLinks(std::mt19937& random, uint32_t n) {
  std::uniform_int_distribution<uint32_t> record(0, n - 1);
  std::uniform_real_distribution<double> high(0.85, 1.0), low(0.0, 0.95);
  std::vector<uint32_t> group(n);
  for (uint32_t r = 0; r < n; ++r) group[r] = record(random) % (n / 3 + 1);
  Links links;
  const uint32_t num_links = std::uniform_int_distribution<uint32_t>(0, 2 * n)(random);
  for (uint32_t i = 0; i < num_links; ++i) {
    uint32_t a = record(random), b = record(random);
    if (a == b) continue;
    if (std::bernoulli_distribution(0.5)(random)) std::swap(a, b);
    links.Add(a, b, group[a] == group[b] ? high(random) : low(random));
  }
  return links;
}

TEST(ConnectedComponents, AgreesWithBreadthFirstSearchOnRandomGraphs) {
  std::mt19937 random(20240611);
  for (int trial = 0; trial < 200; ++trial) {
    const uint32_t n = std::uniform_int_distribution<uint32_t>(1, 300)(random);
    const Links links = RandomLinks(random, n);
    const double threshold = std::uniform_real_distribution<double>(0.5, 0.99)(random);
    const Clusters expected = ReferenceComponents(n, links, threshold);
    const Clusters actual = Components(n, links, threshold);
    ASSERT_EQ(actual.num_clusters, expected.num_clusters) << "trial " << trial;
    ASSERT_EQ(actual.cluster_of, expected.cluster_of) << "trial " << trial;
  }
}

TEST(ConnectedComponents, NumberingIndependentOfPairOrder) {
  std::mt19937 random(99);
  for (int trial = 0; trial < 50; ++trial) {
    const uint32_t n = std::uniform_int_distribution<uint32_t>(2, 300)(random);
    const Links links = RandomLinks(random, n);
    const Clusters original = Components(n, links, 0.9);
    std::vector<size_t> order(links.left.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (int shuffle = 0; shuffle < 3; ++shuffle) {
      std::shuffle(order.begin(), order.end(), random);
      Links shuffled;
      for (size_t i : order) {
        // Reversing a pair's ends changes nothing either.
        if (i % 2) {
          shuffled.Add(links.right[i], links.left[i], links.probability[i]);
        } else {
          shuffled.Add(links.left[i], links.right[i], links.probability[i]);
        }
      }
      const Clusters again = Components(n, shuffled, 0.9);
      EXPECT_EQ(again.num_clusters, original.num_clusters);
      EXPECT_EQ(again.cluster_of, original.cluster_of) << "trial " << trial;
    }
  }
}

TEST(UnionFind, UnionReportsWhetherSetsWereSeparate) {
  UnionFind sets(5);
  EXPECT_TRUE(sets.Union(0, 1));
  EXPECT_TRUE(sets.Union(3, 4));
  EXPECT_FALSE(sets.Union(1, 0));
  EXPECT_TRUE(sets.Union(1, 4));
  EXPECT_FALSE(sets.Union(0, 3));
  EXPECT_EQ(sets.Find(0), sets.Find(4));
  EXPECT_NE(sets.Find(0), sets.Find(2));
}

}  // namespace
}  // namespace sameas
