// Stable entity ids: entities that continue keep their id across runs that add and remove
// records, new entities get ids never used before, merges and splits are reported.
#include "sameas/cluster/stable_ids.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace sameas {
namespace {

PreparedTable Records(const std::vector<std::pair<std::string, std::string>>& records) {
  PreparedTable prepared;
  for (const auto& [source, id] : records) {
    auto it = std::find(prepared.sources.begin(), prepared.sources.end(), source);
    if (it == prepared.sources.end()) {
      prepared.sources.push_back(source);
      it = prepared.sources.end() - 1;
    }
    prepared.source.push_back(static_cast<uint16_t>(it - prepared.sources.begin()));
    prepared.row.push_back(static_cast<uint32_t>(prepared.row.size()));
    prepared.ids.Append(id);
  }
  return prepared;
}

Clusters Of(std::vector<uint32_t> cluster_of) {
  Clusters c;
  c.cluster_of = std::move(cluster_of);
  for (uint32_t x : c.cluster_of) c.num_clusters = std::max(c.num_clusters, x + 1);
  return c;
}

struct Previous {
  std::vector<std::string> sources, records, clusters;
  void Add(std::string s, std::string r, std::string c) {
    sources.push_back(std::move(s));
    records.push_back(std::move(r));
    clusters.push_back(std::move(c));
  }
};

TEST(StableIds, WithoutPreviousIdsClustersAreNumberedFromZero) {
  StableIds ids = AssignStableIds(Of({0, 1, 0, 2}), PreviousClusters{{}, {-1, -1, -1, -1}, 0});
  EXPECT_EQ(ids.id_of_cluster, (std::vector<std::string>{"0", "1", "2"}));
  EXPECT_EQ(ids.fresh, 3u);
  EXPECT_TRUE(ids.changes.empty());
}

TEST(StableIds, EntitiesKeepTheirIdsWhenRecordsAreAddedAndRemoved) {
  // Previous run: {c1, s1} = 7, {c2, s2} = 3, {c3} = 12.
  Previous before;
  before.Add("crm", "c1", "7");
  before.Add("social", "s1", "7");
  before.Add("crm", "c2", "3");
  before.Add("social", "s2", "3");
  before.Add("crm", "c3", "12");
  // This run: c3 is gone, s3 is new and joins c1's entity, c4 is new and alone; the records
  // come in another order.
  PreparedTable now = Records({{"crm", "c4"},
                               {"crm", "c2"},
                               {"crm", "c1"},
                               {"social", "s3"},
                               {"social", "s2"},
                               {"social", "s1"}});
  absl::StatusOr<PreviousClusters> previous =
      MatchPreviousClusters(now, before.sources, before.records, before.clusters);
  ASSERT_TRUE(previous.ok()) << previous.status();
  EXPECT_EQ(previous->records_removed, 1u);
  // Clusters: 0 = {c4}, 1 = {c2, s2}, 2 = {c1, s3, s1}.
  StableIds ids = AssignStableIds(Of({0, 1, 2, 2, 1, 2}), *previous);
  EXPECT_EQ(ids.id_of_cluster, (std::vector<std::string>{"13", "3", "7"}));
  EXPECT_EQ(ids.kept, 2u);
  EXPECT_EQ(ids.fresh, 1u);
  // 12 is retired and its number is not given out again.
  ASSERT_EQ(ids.changes.size(), 1u);
  EXPECT_EQ(ids.changes[0].kind, EntityChange::Kind::kRetired);
  EXPECT_EQ(ids.changes[0].previous_ids, (std::vector<std::string>{"12"}));
}

TEST(StableIds, MergeKeepsTheIdOfTheLargerPartAndReportsBoth) {
  PreviousClusters previous{{"5", "2"}, {0, 0, 1, -1}, 0};
  StableIds ids = AssignStableIds(Of({0, 0, 0, 0}), previous);
  EXPECT_EQ(ids.id_of_cluster, (std::vector<std::string>{"5"}));
  ASSERT_EQ(ids.changes.size(), 1u);
  EXPECT_EQ(ids.changes[0].kind, EntityChange::Kind::kMerged);
  EXPECT_EQ(ids.changes[0].ids, (std::vector<std::string>{"5"}));
  EXPECT_EQ(ids.changes[0].previous_ids, (std::vector<std::string>{"2", "5"}));
}

TEST(StableIds, TieGoesToTheSmallerPreviousIdNumerically) {
  // One record from 10 and one from 9: the tie goes to 9 (numerically smaller than 10).
  PreviousClusters previous{{"10", "9"}, {0, 1}, 0};
  StableIds ids = AssignStableIds(Of({0, 0}), previous);
  EXPECT_EQ(ids.id_of_cluster[0], "9");
}

TEST(StableIds, SplitGivesTheOldIdToTheLargerPartAndAFreshIdToTheRest) {
  // Previous entity 4 had records 0, 1, 2; now {0} and {1, 2}.
  PreviousClusters previous{{"4"}, {0, 0, 0}, 0};
  StableIds ids = AssignStableIds(Of({0, 1, 1}), previous);
  EXPECT_EQ(ids.id_of_cluster, (std::vector<std::string>{"5", "4"}));
  ASSERT_EQ(ids.changes.size(), 1u);
  EXPECT_EQ(ids.changes[0].kind, EntityChange::Kind::kSplit);
  EXPECT_EQ(ids.changes[0].previous_ids, (std::vector<std::string>{"4"}));
  EXPECT_EQ(ids.changes[0].ids, (std::vector<std::string>{"4", "5"}));
}

TEST(StableIds, EachPreviousIdIsUsedOnceWithTheLargestOverlapWinning) {
  // Previous 1 = records 0..4. Now cluster 0 = {0, 1} and cluster 1 = {2, 3, 4}: cluster 1
  // has the larger overlap and keeps 1; cluster 0 gets a fresh id.
  PreviousClusters previous{{"1"}, {0, 0, 0, 0, 0}, 0};
  StableIds ids = AssignStableIds(Of({0, 0, 1, 1, 1}), previous);
  EXPECT_EQ(ids.id_of_cluster, (std::vector<std::string>{"2", "1"}));
}

TEST(StableIds, NonNumericPreviousIdsGiveFreshIdsOfTheFormEN) {
  PreviousClusters previous{{"cust-a", "e41", "e7"}, {0, -1, 1, 2}, 0};
  StableIds ids = AssignStableIds(Of({0, 1, 2, 3}), previous);
  EXPECT_EQ(ids.id_of_cluster, (std::vector<std::string>{"cust-a", "e42", "e41", "e7"}));
}

TEST(StableIds, ResultDoesNotDependOnClusterNumbering) {
  // The same partition numbered two ways gives each record the same id.
  PreviousClusters previous{{"1", "2", "3"}, {0, 0, 1, 1, 2, -1}, 0};
  std::vector<uint32_t> a = {0, 0, 1, 1, 2, 3}, b = {3, 3, 2, 2, 1, 0};
  StableIds ia = AssignStableIds(Of(a), previous), ib = AssignStableIds(Of(b), previous);
  for (size_t r = 0; r < a.size(); ++r) {
    if (previous.id_of_record[r] >= 0) EXPECT_EQ(ia.id_of_cluster[a[r]], ib.id_of_cluster[b[r]]);
  }
}

TEST(MatchPreviousClusters, DuplicateRowIsAnErrorNamingIt) {
  Previous before;
  before.Add("crm", "c1", "1");
  before.Add("crm", "c1", "2");
  absl::Status status = MatchPreviousClusters(Records({{"crm", "c1"}}), before.sources,
                                              before.records, before.clusters)
                            .status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("'c1'"), std::string::npos);
}

TEST(StableIds, ThreeRunsKeepIdsOfContinuingEntities) {
  // Run 1: everything fresh.
  PreparedTable run1 = Records({{"crm", "a"}, {"crm", "b"}, {"crm", "c"}});
  StableIds ids1 = AssignStableIds(Of({0, 0, 1}), PreviousClusters{{}, {-1, -1, -1}, 0});
  Previous out1;
  std::vector<uint32_t> c1 = {0, 0, 1};
  for (uint32_t r = 0; r < 3; ++r)
    out1.Add("crm", std::string(run1.ids.value(r)), ids1.id_of_cluster[c1[r]]);
  // Run 2: b removed, d added to a's entity, e new.
  PreparedTable run2 = Records({{"crm", "a"}, {"crm", "c"}, {"crm", "d"}, {"crm", "e"}});
  auto prev2 = MatchPreviousClusters(run2, out1.sources, out1.records, out1.clusters);
  ASSERT_TRUE(prev2.ok());
  std::vector<uint32_t> c2 = {0, 1, 0, 2};
  StableIds ids2 = AssignStableIds(Of(c2), *prev2);
  EXPECT_EQ(ids2.id_of_cluster[0], ids1.id_of_cluster[0]);
  EXPECT_EQ(ids2.id_of_cluster[1], ids1.id_of_cluster[1]);
  EXPECT_EQ(ids2.id_of_cluster[2], "2");
  Previous out2;
  for (uint32_t r = 0; r < 4; ++r)
    out2.Add("crm", std::string(run2.ids.value(r)), ids2.id_of_cluster[c2[r]]);
  // Run 3: the same records again: nothing changes.
  auto prev3 = MatchPreviousClusters(run2, out2.sources, out2.records, out2.clusters);
  StableIds ids3 = AssignStableIds(Of(c2), *prev3);
  EXPECT_EQ(ids3.id_of_cluster, ids2.id_of_cluster);
  EXPECT_TRUE(ids3.changes.empty());
  EXPECT_EQ(ids3.fresh, 0u);
}

}  // namespace
}  // namespace sameas
