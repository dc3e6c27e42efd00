// The whole pipeline on FEBRL with automatic settings: infer, create, train, predict and
// cluster, then score the clusters against the truth the record ids carry (rec-N-org and
// rec-N-dup-k are the same person N). The F1 floors sit a little below the figures measured
// when these tests were written, so that a change that makes linking worse fails here.
#include "sameas/pipeline/linker.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sameas/io/csv.h"
#include "sameas/settings/auto_settings.h"

namespace sameas {
namespace {

using ::testing::HasSubstr;

Table ReadFebrl(const std::string& name) {
  auto table = ReadCsv(std::string(SAMEAS_SHARED_DATA_DIR) + "/febrl/" + name);
  EXPECT_TRUE(table.ok()) << table.status();
  return table.ok() ? *std::move(table) : Table{};
}

// The person of a FEBRL id: "rec-1496-org" and "rec-1496-dup-3" -> "1496".
std::string PersonOf(std::string_view id) {
  const size_t first = id.find('-');
  const size_t second = id.find('-', first + 1);
  return std::string(id.substr(first + 1, second - first - 1));
}

struct PairwiseScores {
  double precision = 0, recall = 0, f1 = 0;
  uint64_t predicted_pairs = 0, true_pairs = 0, correct_pairs = 0;
};

uint64_t PairsOf(uint64_t n) { return n * (n - 1) / 2; }

// Pairwise precision and recall of `clusters`: a predicted pair is two records in one
// cluster, a true pair two records of one person.
PairwiseScores Evaluate(const PreparedTable& prepared, const Clusters& clusters) {
  std::map<uint32_t, uint64_t> cluster_size;
  std::map<std::string, uint64_t> person_size;
  std::map<std::pair<uint32_t, std::string>, uint64_t> both_size;
  for (uint32_t r = 0; r < prepared.num_records(); ++r) {
    const std::string person = PersonOf(prepared.ids.value(r));
    ++cluster_size[clusters.cluster_of[r]];
    ++person_size[person];
    ++both_size[{clusters.cluster_of[r], person}];
  }
  PairwiseScores s;
  for (const auto& [cluster, n] : cluster_size) s.predicted_pairs += PairsOf(n);
  for (const auto& [person, n] : person_size) s.true_pairs += PairsOf(n);
  for (const auto& [key, n] : both_size) s.correct_pairs += PairsOf(n);
  s.precision = s.predicted_pairs ? double(s.correct_pairs) / s.predicted_pairs : 1.0;
  s.recall = s.true_pairs ? double(s.correct_pairs) / s.true_pairs : 1.0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

void ExpectEveryRecordInOneCluster(const PreparedTable& prepared, const Clusters& clusters) {
  ASSERT_EQ(clusters.cluster_of.size(), prepared.num_records());
  std::vector<uint64_t> members(clusters.num_clusters, 0);
  for (uint32_t c : clusters.cluster_of) {
    ASSERT_LT(c, clusters.num_clusters);
    ++members[c];
  }
  for (uint32_t c = 0; c < clusters.num_clusters; ++c) EXPECT_GT(members[c], 0u) << c;
}

// Infers settings for `tables`, then trains, predicts and clusters at `threshold`.
PairwiseScores RunPipeline(std::vector<Table> tables, LinkType link_type, double threshold) {
  std::vector<const Table*> views;
  for (const Table& table : tables) views.push_back(&table);
  AutoSettingsOptions options;
  options.link_type = link_type;
  options.id_column = "rec_id";
  auto settings = InferSettings(views, options);
  EXPECT_TRUE(settings.ok()) << settings.status();
  if (!settings.ok()) return {};
  auto linker = Linker::Create(std::move(tables), *settings);
  EXPECT_TRUE(linker.ok()) << linker.status();
  if (!linker.ok()) return {};
  auto model = linker->Train();
  EXPECT_TRUE(model.ok()) << model.status();
  if (!model.ok()) return {};
  EXPECT_TRUE(linker->has_model());
  auto predictions = linker->Predict();
  EXPECT_TRUE(predictions.ok()) << predictions.status();
  if (!predictions.ok()) return {};
  EXPECT_EQ(predictions->scores.size(), predictions->pairs.size());
  EXPECT_EQ(predictions->vectors.num_pairs(), predictions->pairs.size());
  if (link_type == LinkType::kLinkOnly) {
    for (size_t p = 0; p < predictions->pairs.size(); ++p) {
      const PreparedTable& prepared = linker->prepared();
      EXPECT_NE(prepared.source[predictions->pairs.left[p]],
                prepared.source[predictions->pairs.right[p]]);
    }
  }
  const Clusters clusters = linker->Cluster(*predictions, threshold);
  ExpectEveryRecordInOneCluster(linker->prepared(), clusters);
  const PairwiseScores scores = Evaluate(linker->prepared(), clusters);
  std::printf(
      "%zu records, %zu candidate pairs, %u clusters at %.2f: precision %.4f recall %.4f "
      "F1 %.4f (%llu of %llu predicted pairs correct, %llu true pairs)\n",
      linker->prepared().num_records(), predictions->pairs.size(), clusters.num_clusters, threshold,
      scores.precision, scores.recall, scores.f1,
      static_cast<unsigned long long>(scores.correct_pairs),
      static_cast<unsigned long long>(scores.predicted_pairs),
      static_cast<unsigned long long>(scores.true_pairs));
  return scores;
}

TEST(PersonOf, ReadsTheFebrlId) {
  EXPECT_EQ(PersonOf("rec-1496-org"), "1496");
  EXPECT_EQ(PersonOf("rec-552-dup-3"), "552");
}

TEST(Evaluate, PerfectAndMergedClusters) {
  PreparedTable prepared;
  for (const char* id : {"rec-1-org", "rec-1-dup-0", "rec-2-org", "rec-2-dup-0", "rec-3-org"}) {
    prepared.ids.Append(id);
    prepared.source.push_back(0);
  }
  Clusters perfect{{0, 0, 1, 1, 2}, 3};
  EXPECT_DOUBLE_EQ(Evaluate(prepared, perfect).f1, 1.0);
  Clusters merged{{0, 0, 0, 0, 1}, 2};  // 6 predicted pairs, 2 correct
  const PairwiseScores s = Evaluate(prepared, merged);
  EXPECT_DOUBLE_EQ(s.precision, 2.0 / 6);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
}

// FEBRL3: one file of 5000 records, originals and up to several duplicates each, so dedupe.
TEST(Linker, Febrl3DedupeAutomaticSettings) {
  std::vector<Table> tables;
  tables.push_back(ReadFebrl("dataset3.csv"));
  ASSERT_EQ(tables[0].num_rows(), 5000u);
  const PairwiseScores scores = RunPipeline(std::move(tables), LinkType::kDedupe, 0.9);
  // Measured when written: precision 1.0000, recall 0.9998 (6537 of 6538 true pairs),
  // F1 0.9999 at 0.9.
  EXPECT_GE(scores.precision, 0.99);
  EXPECT_GE(scores.recall, 0.99);
  EXPECT_GE(scores.f1, 0.995);
}

// FEBRL4: two files, 4a the originals and 4b one duplicate of each. Each file describes every
// person once, so a pair within one file can only be a false match: link_only, which also
// never spends comparisons on those pairs.
TEST(Linker, Febrl4LinkOnlyAutomaticSettings) {
  std::vector<Table> tables;
  tables.push_back(ReadFebrl("dataset4a.csv"));
  tables.push_back(ReadFebrl("dataset4b.csv"));
  ASSERT_EQ(tables[0].num_rows(), 5000u);
  ASSERT_EQ(tables[1].num_rows(), 5000u);
  const PairwiseScores scores = RunPipeline(std::move(tables), LinkType::kLinkOnly, 0.9);
  // Measured when written: all 5000 true pairs and no other, F1 1.0000 at 0.9.
  EXPECT_GE(scores.precision, 0.99);
  EXPECT_GE(scores.recall, 0.99);
  EXPECT_GE(scores.f1, 0.995);
}

// Settings chosen from the data, the tables prepared once: the same settings as InferSettings
// gives and the same prepared records as preparing for them again.
TEST(Linker, CreateFromDataPreparesOnceWhatCreateWouldPrepare) {
  const Table table = ReadFebrl("dataset3.csv");
  AutoSettingsOptions options;
  options.id_column = "rec_id";
  auto settings = InferSettings({&table}, options);
  ASSERT_TRUE(settings.ok()) << settings.status();
  auto from_data = Linker::CreateFromData({table}, options);
  ASSERT_TRUE(from_data.ok()) << from_data.status();
  auto created = Linker::Create({table}, *settings);
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(SettingsToJson(from_data->settings()), SettingsToJson(*settings));
  const PreparedTable& once = from_data->prepared();
  const PreparedTable& again = created->prepared();
  ASSERT_EQ(once.num_records(), again.num_records());
  ASSERT_EQ(once.columns.size(), again.columns.size());
  for (size_t c = 0; c < once.columns.size(); ++c) {
    SCOPED_TRACE(once.columns[c].name);
    EXPECT_EQ(once.columns[c].name, again.columns[c].name);
    EXPECT_EQ(once.columns[c].codes, again.columns[c].codes);
    EXPECT_EQ(once.columns[c].days, again.columns[c].days);
    for (uint32_t r = 0; r < once.num_records(); r += 97) {
      if (once.columns[c].codes[r] == 0) continue;
      EXPECT_EQ(once.columns[c].folded(r), again.columns[c].folded(r));
    }
  }
  auto a = from_data->Train();
  auto b = created->Train();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(ModelToJson(*a), ModelToJson(*b));
}

TEST(Linker, PredictWithoutModelIsFailedPrecondition) {
  std::vector<Table> tables;
  tables.push_back(ReadFebrl("dataset1.csv"));
  std::vector<const Table*> views = {&tables[0]};
  auto settings = InferSettings(views);
  ASSERT_TRUE(settings.ok()) << settings.status();
  auto linker = Linker::Create(std::move(tables), *settings);
  ASSERT_TRUE(linker.ok()) << linker.status();
  auto predictions = linker->Predict();
  ASSERT_FALSE(predictions.ok());
  EXPECT_EQ(predictions.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(Linker, CreateRejectsSettingsNamingAMissingColumn) {
  std::vector<Table> tables;
  tables.push_back(ReadFebrl("dataset1.csv"));
  std::vector<const Table*> views = {&tables[0]};
  auto settings = InferSettings(views);
  ASSERT_TRUE(settings.ok()) << settings.status();
  settings->columns.push_back({"email", ColumnRole::kEmail, ColumnType::kText, {}});
  auto linker = Linker::Create(std::move(tables), *settings);
  ASSERT_FALSE(linker.ok());
  EXPECT_THAT(std::string(linker.status().message()), HasSubstr("'email'"));
}

}  // namespace
}  // namespace sameas
