// Constrained clustering: no cluster ever holds one exclusive key twice, links are taken
// strongest first and refused links are reported, the result does not depend on the order of
// the links; checked against a brute-force replay on random graphs with random platforms.
#include "sameas/cluster/constrained_clustering.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <set>
#include <vector>

#include "gtest/gtest.h"

namespace sameas {
namespace {

// Keys from per-record lists.
ExclusiveKeys KeysOf(const std::vector<std::vector<uint64_t>>& per_record) {
  ExclusiveKeys keys;
  keys.names = {"platform", "duplicate-free source"};
  keys.values = {{"instagram", "x", "tiktok", "facebook", "linkedin"}, {"crm", "social"}};
  for (auto record : per_record) {
    std::sort(record.begin(), record.end());
    keys.keys.insert(keys.keys.end(), record.begin(), record.end());
    keys.offsets.push_back(keys.keys.size());
  }
  return keys;
}

uint64_t Platform(uint32_t v) { return ExclusiveKeys::Key(0, v); }
uint64_t Source(uint32_t v) { return ExclusiveKeys::Key(1, v); }

// Reference: the same greedy rule with clusters as plain sets and every pair of records of
// the two sides checked for a shared key.
ConstrainedClusters BruteForce(const Links& links, const ExclusiveKeys& keys) {
  const size_t n = keys.num_records();
  std::vector<uint32_t> order(links.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (links.weight[a] != links.weight[b]) return links.weight[a] > links.weight[b];
    return std::minmax(links.left[a], links.right[a]) < std::minmax(links.left[b], links.right[b]);
  });
  std::vector<uint32_t> label(n);
  std::iota(label.begin(), label.end(), 0u);
  ConstrainedClusters result;
  for (uint32_t l : order) {
    const uint32_t a = label[links.left[l]], b = label[links.right[l]];
    if (a == b) continue;
    std::set<uint64_t> shared;
    for (uint32_t x = 0; x < n; ++x) {
      if (label[x] != a) continue;
      for (uint32_t y = 0; y < n; ++y) {
        if (label[y] != b) continue;
        for (uint64_t i = keys.offsets[x]; i < keys.offsets[x + 1]; ++i) {
          for (uint64_t j = keys.offsets[y]; j < keys.offsets[y + 1]; ++j) {
            if (keys.keys[i] == keys.keys[j]) shared.insert(keys.keys[i]);
          }
        }
      }
    }
    if (!shared.empty()) {
      result.refused.push_back({l, *shared.begin()});
      continue;
    }
    for (uint32_t& x : label) {
      if (x == b) x = a;
    }
  }
  std::vector<uint32_t> id(n, UINT32_MAX);
  result.clusters.cluster_of.resize(n);
  for (uint32_t r = 0; r < n; ++r) {
    if (id[label[r]] == UINT32_MAX) id[label[r]] = result.clusters.num_clusters++;
    result.clusters.cluster_of[r] = id[label[r]];
  }
  return result;
}

TEST(ConstrainedClustering, RefusesALinkThatPutsTwoAccountsOfOnePlatformTogether) {
  // 0 = CRM customer, 1 and 2 = two Instagram accounts; 1 is the stronger match.
  ExclusiveKeys keys = KeysOf({{}, {Platform(1)}, {Platform(1)}});
  Links links;
  links.Add(0, 1, 12.0, 0.9998);
  links.Add(0, 2, 8.0, 0.996);
  ConstrainedClusters result = ConstrainedClustering(links, keys);
  EXPECT_EQ(result.clusters.num_clusters, 2u);
  EXPECT_EQ(result.clusters.cluster_of[0], result.clusters.cluster_of[1]);
  EXPECT_NE(result.clusters.cluster_of[0], result.clusters.cluster_of[2]);
  ASSERT_EQ(result.refused.size(), 1u);
  EXPECT_EQ(result.refused[0].link, 1u);
  EXPECT_EQ(keys.Describe(result.refused[0].key), "platform = 'instagram'");
}

TEST(ConstrainedClustering, StrongestLinkWinsWhateverTheOrderGiven) {
  ExclusiveKeys keys = KeysOf({{}, {Platform(1)}, {Platform(1)}});
  Links links;
  links.Add(0, 2, 8.0, 0.996);  // weaker first in the input
  links.Add(1, 0, 12.0, 0.9998);
  ConstrainedClusters result = ConstrainedClustering(links, keys);
  EXPECT_EQ(result.clusters.cluster_of[0], result.clusters.cluster_of[1]);
  ASSERT_EQ(result.refused.size(), 1u);
  EXPECT_EQ(result.refused[0].link, 0u);
}

TEST(ConstrainedClustering, DuplicateFreeSourceNeverHoldsTwoRecordsInOneCluster) {
  // 0 and 1 from a duplicate-free CRM, 2 a social account linked to both.
  ExclusiveKeys keys = KeysOf({{Source(1)}, {Source(1)}, {}});
  Links links;
  links.Add(0, 2, 10.0, 0.999);
  links.Add(1, 2, 9.0, 0.998);
  ConstrainedClusters result = ConstrainedClustering(links, keys);
  EXPECT_NE(result.clusters.cluster_of[0], result.clusters.cluster_of[1]);
  EXPECT_EQ(result.clusters.cluster_of[0], result.clusters.cluster_of[2]);
  ASSERT_EQ(result.refused.size(), 1u);
  EXPECT_EQ(keys.Describe(result.refused[0].key), "duplicate-free source 'crm'");
}

TEST(ConstrainedClustering, ChainThroughAnUnconstrainedRecordIsStillRefused) {
  // x(0) - crm(1) - crm(2) - x(3): the last link would bring two x accounts together via a
  // chain of records that hold no key themselves.
  ExclusiveKeys keys = KeysOf({{Platform(2)}, {}, {}, {Platform(2)}});
  Links links;
  links.Add(0, 1, 10, 0.999);
  links.Add(2, 3, 9, 0.998);
  links.Add(1, 2, 5, 0.97);
  ConstrainedClusters result = ConstrainedClustering(links, keys);
  EXPECT_EQ(result.clusters.num_clusters, 2u);
  ASSERT_EQ(result.refused.size(), 1u);
  EXPECT_EQ(result.refused[0].link, 2u);
}

TEST(ConstrainedClustering, WithoutKeysEqualsConnectedComponents) {
  std::mt19937 rng(7);
  const uint32_t n = 60;
  Links links;
  for (int i = 0; i < 80; ++i) {
    links.Add(rng() % n, rng() % n, std::uniform_real_distribution<double>(-5, 20)(rng), 0.95);
  }
  ConstrainedClusters constrained = ConstrainedClustering(links, NoExclusiveKeys(n));
  Clusters components = ConnectedComponents(n, links.left, links.right, links.probability, 0.9);
  EXPECT_EQ(constrained.clusters.cluster_of, components.cluster_of);
  EXPECT_TRUE(constrained.refused.empty());
}

TEST(ConstrainedClustering, AgreesWithBruteForceAndNeverBreaksAConstraintOnRandomGraphs) {
  std::mt19937 rng(2024);
  size_t total_refused = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const uint32_t n = 2 + rng() % 40;
    std::vector<std::vector<uint64_t>> per_record(n);
    for (auto& record : per_record) {
      if (rng() % 3 != 0) record.push_back(Platform(1 + rng() % 5));
      if (rng() % 4 == 0) record.push_back(Source(1 + rng() % 2));
    }
    ExclusiveKeys keys = KeysOf(per_record);
    Links links;
    const int m = rng() % (3 * n);
    for (int i = 0; i < m; ++i) {
      // Few distinct weights, so that ties must be broken by the record pair.
      links.Add(rng() % n, rng() % n, static_cast<double>(rng() % 6), 0.9);
    }
    ConstrainedClusters fast = ConstrainedClustering(links, keys);
    ConstrainedClusters slow = BruteForce(links, keys);
    total_refused += fast.refused.size();
    ASSERT_EQ(fast.clusters.cluster_of, slow.clusters.cluster_of) << "trial " << trial;
    ASSERT_EQ(fast.refused.size(), slow.refused.size()) << "trial " << trial;
    for (size_t i = 0; i < fast.refused.size(); ++i) {
      const auto& a = fast.refused[i];
      const auto& b = slow.refused[i];
      // Identical pairs may be listed twice with equal weight; compare what was refused.
      EXPECT_EQ(std::minmax(links.left[a.link], links.right[a.link]),
                std::minmax(links.left[b.link], links.right[b.link]));
      EXPECT_EQ(a.key, b.key);
    }
    // No cluster holds a key twice.
    std::set<std::pair<uint32_t, uint64_t>> held;
    for (uint32_t r = 0; r < n; ++r) {
      for (uint64_t k : per_record[r]) {
        EXPECT_TRUE(held.insert({fast.clusters.cluster_of[r], k}).second) << "trial " << trial;
      }
    }
    // Every refused link joins two clusters that both hold its key; every other link is inside
    // a cluster.
    std::vector<uint8_t> refused(links.size(), 0);
    for (const RefusedLink& r : fast.refused) {
      refused[r.link] = 1;
      const uint32_t a = fast.clusters.cluster_of[links.left[r.link]];
      const uint32_t b = fast.clusters.cluster_of[links.right[r.link]];
      EXPECT_NE(a, b);
      EXPECT_TRUE(held.count({a, r.key}) && held.count({b, r.key}));
    }
    for (size_t l = 0; l < links.size(); ++l) {
      if (!refused[l]) {
        EXPECT_EQ(fast.clusters.cluster_of[links.left[l]],
                  fast.clusters.cluster_of[links.right[l]]);
      }
    }
  }
  EXPECT_GT(total_refused, 300u);  // the graphs are dense enough to test refusals
}

TEST(ConstrainedClustering, ResultDoesNotDependOnTheOrderOrDirectionOfLinks) {
  std::mt19937 rng(99);
  for (int trial = 0; trial < 100; ++trial) {
    const uint32_t n = 30;
    std::vector<std::vector<uint64_t>> per_record(n);
    for (auto& record : per_record) {
      if (rng() % 2) record.push_back(Platform(1 + rng() % 3));
    }
    ExclusiveKeys keys = KeysOf(per_record);
    Links links;
    for (int i = 0; i < 60; ++i) {
      uint32_t a = rng() % n, b = rng() % n;
      if (a != b) links.Add(a, b, static_cast<double>(rng() % 4), 0.9);
    }
    ConstrainedClusters first = ConstrainedClustering(links, keys);
    std::vector<uint32_t> perm(links.size());
    std::iota(perm.begin(), perm.end(), 0u);
    std::shuffle(perm.begin(), perm.end(), rng);
    Links shuffled;
    for (uint32_t p : perm) {
      if (rng() % 2) {
        shuffled.Add(links.right[p], links.left[p], links.weight[p], links.probability[p]);
      } else {
        shuffled.Add(links.left[p], links.right[p], links.weight[p], links.probability[p]);
      }
    }
    ConstrainedClusters second = ConstrainedClustering(shuffled, keys);
    ASSERT_EQ(first.clusters.cluster_of, second.clusters.cluster_of);
    ASSERT_EQ(first.refused.size(), second.refused.size());
    for (size_t i = 0; i < first.refused.size(); ++i) {
      EXPECT_EQ(std::minmax(links.left[first.refused[i].link], links.right[first.refused[i].link]),
                std::minmax(shuffled.left[second.refused[i].link],
                            shuffled.right[second.refused[i].link]));
    }
  }
}

// Two tables stacked as Prepare does: crm rows 0-1, social rows 0-3.
struct Fixture {
  std::vector<Table> tables;
  PreparedTable prepared;

  Fixture() {
    Table crm;
    crm.source = "crm";
    crm.columns.emplace_back("customer_id");
    for (auto id : {"C1", "C2"}) crm.columns[0].Append(id);
    Table social;
    social.source = "social";
    social.columns.emplace_back("account_id");
    social.columns.emplace_back("platform");
    for (auto id : {"S1", "S2", "S3", "S4"}) social.columns[0].Append(id);
    social.columns[1].Append("Instagram");
    social.columns[1].Append("instagram ");
    social.columns[1].AppendNull();
    social.columns[1].Append("X");
    tables = {crm, social};
    prepared.sources = {"crm", "social"};
    prepared.source = {0, 0, 1, 1, 1, 1};
    prepared.row = {0, 1, 0, 1, 2, 3};
    for (auto id : {"C1", "C2", "S1", "S2", "S3", "S4"}) prepared.ids.Append(id);
  }
};

TEST(MakeExclusiveKeys, ReadsRawColumnsFoldedAndSkipsSourcesWithoutThem) {
  Fixture f;
  ConstraintOptions options;
  options.unique_per = {"platform"};
  absl::StatusOr<ExclusiveKeys> keys = MakeExclusiveKeys(f.tables, f.prepared, options);
  ASSERT_TRUE(keys.ok()) << keys.status();
  EXPECT_EQ(keys->offsets, (std::vector<uint64_t>{0, 0, 0, 1, 2, 2, 3}));
  // "Instagram" and "instagram " are one platform.
  EXPECT_EQ(keys->keys[0], keys->keys[1]);
  EXPECT_NE(keys->keys[0], keys->keys[2]);
  EXPECT_EQ(keys->Describe(keys->keys[2]), "platform = 'x'");
}

TEST(MakeExclusiveKeys, DuplicateFreeSourceGivesEachOfItsRecordsTheSameKey) {
  Fixture f;
  ConstraintOptions options;
  options.duplicate_free = {"crm"};
  absl::StatusOr<ExclusiveKeys> keys = MakeExclusiveKeys(f.tables, f.prepared, options);
  ASSERT_TRUE(keys.ok()) << keys.status();
  EXPECT_EQ(keys->offsets, (std::vector<uint64_t>{0, 1, 2, 2, 2, 2, 2}));
  EXPECT_EQ(keys->keys[0], keys->keys[1]);
}

TEST(MakeExclusiveKeys, UnknownColumnOrSourceIsAnErrorThatNamesIt) {
  Fixture f;
  ConstraintOptions options;
  options.unique_per = {"platfrom"};
  absl::Status status = MakeExclusiveKeys(f.tables, f.prepared, options).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("'platfrom'"), std::string::npos);
  EXPECT_NE(std::string(status.message()).find("'platform'"), std::string::npos);
  options.unique_per.clear();
  options.duplicate_free = {"erp"};
  status = MakeExclusiveKeys(f.tables, f.prepared, options).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("'erp'"), std::string::npos);
}

TEST(LinksAtThreshold, KeepsPairsAtOrAboveTheThreshold) {
  CandidatePairs pairs;
  pairs.Append(0, 1, 0);
  pairs.Append(1, 2, 0);
  pairs.Append(2, 3, 0);
  ScoredPairs scores;
  scores.weight = {5, 1, 3};
  scores.probability = {0.97, 0.67, 0.9};
  Links links = LinksAtThreshold(pairs, scores, 0.9);
  EXPECT_EQ(links.left, (std::vector<uint32_t>{0, 2}));
  EXPECT_EQ(links.weight, (std::vector<double>{5, 3}));
}

}  // namespace
}  // namespace sameas
