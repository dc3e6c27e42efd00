// The thread count changes how fast a run is, never what it finds: one thread and every
// thread give the same candidate pairs, vectors, scores (to the bit), model and clusters.
// Also: keeping only the pairs above a floor as they are scored keeps exactly the pairs the
// unstreamed result holds above it.
#include <omp.h>

#include <cstring>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "pipeline/customers.h"
#include "sameas/pipeline/linker.h"
#include "sameas/pipeline/threads.h"

namespace sameas {
namespace {

struct PipelineRun {
  Model model;
  Predictions predictions;
  Clusters clusters;
};

PipelineRun RunWith(int threads, const Table& table, const std::string& settings_json) {
  ScopedThreads scope(threads);
  EXPECT_EQ(Threads(), threads > 0 ? threads : omp_get_num_procs());
  auto settings = SettingsFromJson(settings_json, "test settings");
  EXPECT_TRUE(settings.ok()) << settings.status();
  auto linker = Linker::Create({table}, *settings);
  EXPECT_TRUE(linker.ok()) << linker.status();
  PipelineRun run;
  auto model = linker->Train();
  EXPECT_TRUE(model.ok()) << model.status();
  run.model = *model;
  auto predictions = linker->Predict();
  EXPECT_TRUE(predictions.ok()) << predictions.status();
  run.predictions = *std::move(predictions);
  run.clusters = linker->Cluster(run.predictions);
  return run;
}

bool SameBits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

TEST(Threads, OneAndManyThreadsGiveIdenticalResults) {
  // 12000 customers; the surname blocks exceed the cap of 300 and are windowed.
  const Table table = testing::MakeCustomers(12000, 7);
  const std::string settings = testing::CustomerSettings(300);
  const PipelineRun one = RunWith(1, table, settings);
  for (int threads : {2, 3}) {
    SCOPED_TRACE(threads);
    const PipelineRun many = RunWith(threads, table, settings);
    ASSERT_GT(one.predictions.pairs.size(), 100000u);
    EXPECT_EQ(one.predictions.pairs.left, many.predictions.pairs.left);
    EXPECT_EQ(one.predictions.pairs.right, many.predictions.pairs.right);
    EXPECT_EQ(one.predictions.pairs.rule, many.predictions.pairs.rule);
    EXPECT_EQ(one.predictions.vectors.levels, many.predictions.vectors.levels);
    EXPECT_TRUE(SameBits(one.predictions.scores.weight, many.predictions.scores.weight));
    EXPECT_TRUE(SameBits(one.predictions.scores.probability, many.predictions.scores.probability));
    ASSERT_EQ(one.predictions.scores.tf_adjustment.size(),
              many.predictions.scores.tf_adjustment.size());
    for (size_t c = 0; c < one.predictions.scores.tf_adjustment.size(); ++c) {
      EXPECT_TRUE(SameBits(one.predictions.scores.tf_adjustment[c],
                           many.predictions.scores.tf_adjustment[c]));
    }
    // EM ran on a sample of a rule's pairs, and the sample is the same on any thread count.
    EXPECT_THAT(ModelToJson(one.model), ::testing::HasSubstr("EM on 40000 of its"));
    EXPECT_EQ(ModelToJson(one.model), ModelToJson(many.model));
    EXPECT_EQ(one.clusters.cluster_of, many.clusters.cluster_of);
  }
}

TEST(Threads, ScopedThreadsRestoresTheCount) {
  SetThreads(3);
  {
    ScopedThreads one(1);
    EXPECT_EQ(Threads(), 1);
  }
  EXPECT_EQ(Threads(), 3);
  SetThreads(0);
  EXPECT_EQ(Threads(), omp_get_num_procs());
}

TEST(Streaming, AFloorKeepsExactlyThePairsAboveIt) {
  const Table table = testing::MakeCustomers(8000, 11);
  auto settings = SettingsFromJson(testing::CustomerSettings(200), "test settings");
  ASSERT_TRUE(settings.ok()) << settings.status();
  auto linker = Linker::Create({table}, *settings);
  ASSERT_TRUE(linker.ok()) << linker.status();
  ASSERT_TRUE(linker->Train().ok());
  auto all = linker->Predict();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->candidate_pairs, all->pairs.size());
  // At floor 0 Predict is the unstreamed pipeline: block, compare, score every pair at once.
  auto candidates = GenerateCandidates(linker->prepared(), settings->blocking_rules,
                                       BlockingOptionsFor(*settings));
  ASSERT_TRUE(candidates.ok());
  auto comparer = Comparer::Create(linker->prepared(), settings->comparisons);
  auto scorer = Scorer::Create(linker->model(), linker->prepared());
  ASSERT_TRUE(comparer.ok() && scorer.ok());
  const ComparisonVectors vectors = comparer->Compare(candidates->left, candidates->right);
  const ScoredPairs scores = scorer->Score(candidates->left, candidates->right, vectors);
  EXPECT_EQ(all->pairs.left, candidates->left);
  EXPECT_EQ(all->pairs.right, candidates->right);
  EXPECT_EQ(all->vectors.levels, vectors.levels);
  EXPECT_TRUE(SameBits(all->scores.weight, scores.weight));

  for (double floor : {0.01, 0.5, 0.9}) {
    SCOPED_TRACE(floor);
    PredictOptions options;
    options.floor = floor;
    auto kept = linker->Predict(options);
    ASSERT_TRUE(kept.ok());
    EXPECT_EQ(kept->candidate_pairs, all->pairs.size());
    std::vector<uint32_t> left, right;
    std::vector<double> weight;
    std::vector<uint8_t> level0;
    for (size_t p = 0; p < all->pairs.size(); ++p) {
      if (all->scores.probability[p] < floor) continue;
      left.push_back(all->pairs.left[p]);
      right.push_back(all->pairs.right[p]);
      weight.push_back(all->scores.weight[p]);
      level0.push_back(all->vectors.levels[0][p]);
    }
    EXPECT_LT(left.size(), all->pairs.size());
    EXPECT_GT(left.size(), 0u);
    EXPECT_EQ(kept->pairs.left, left);
    EXPECT_EQ(kept->pairs.right, right);
    EXPECT_TRUE(SameBits(kept->scores.weight, weight));
    EXPECT_EQ(kept->vectors.levels[0], level0);
    // Clustering at the threshold needs only the pairs at or above it.
    if (floor <= settings->threshold) {
      EXPECT_EQ(linker->Cluster(*kept).cluster_of, linker->Cluster(*all).cluster_of);
    }
  }
}

}  // namespace
}  // namespace sameas
