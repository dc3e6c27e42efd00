// Training from labels: m is the share of each level among labelled matches (hand-computed
// here), the prior from cluster labels is the share of matching pairs, logistic regression
// recovers the log-odds of a saturated model, and on FEBRL3 and fake_1000 the supervised
// models link at least as well as the unsupervised one.
#include "sameas/train/labels.h"

#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sameas/io/csv.h"
#include "sameas/pipeline/linker.h"
#include "sameas/settings/auto_settings.h"
#include "sameas/train/train.h"
#include "train/model_fixtures.h"

namespace sameas {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using testing_model::MakePeople;
using testing_model::PeopleSettings;

double Logit(double p) { return std::log(p / (1 - p)); }

// A: Anna Nowak, B: Anna Nowak, C: Annah Nowak, D: Jan Kos, E: (no first name) Nowak.
class SmallLabels : public ::testing::Test {
 protected:
  void SetUp() override {
    table_ = MakePeople("t", {{"A", "Anna", "Nowak"},
                              {"B", "Anna", "Nowak"},
                              {"C", "Annah", "Nowak"},
                              {"D", "Jan", "Kos"},
                              {"E", std::nullopt, "Nowak"}});
    settings_ = PeopleSettings(false);
    auto prepared = Prepare({&table_}, settings_);
    ASSERT_TRUE(prepared.ok()) << prepared.status();
    prepared_ = *std::move(prepared);
  }
  Table table_;
  Settings settings_;
  PreparedTable prepared_;
};

TEST_F(SmallLabels, MIsTheShareOfEachLevelAmongLabelledMatches) {
  // Matches: A-B (first name exact), A-C (Jaro-Winkler), B-C (Jaro-Winkler), A-E (first name
  // null). Non-matches: A-D, C-D.
  Labels labels;
  labels.left = {0, 0, 1, 0, 0, 2};
  labels.right = {1, 2, 2, 4, 3, 3};
  labels.match = {1, 1, 1, 1, 0, 0};
  LabelTrainingOptions options;
  options.smoothing = 0;
  options.u_from_labels = true;
  auto model = TrainFromLabels(prepared_, settings_, labels, options);
  ASSERT_TRUE(model.ok()) << model.status();
  const auto& first = model->comparisons[0].levels;
  // Of the 3 non-null first-name comparisons among matches: 1 exact, 2 similar, 0 else.
  EXPECT_DOUBLE_EQ(first[1].m, 1.0 / 3);
  EXPECT_DOUBLE_EQ(first[2].m, 2.0 / 3);
  EXPECT_DOUBLE_EQ(first[3].m, 1e-6) << "an unseen level keeps the smallest probability";
  const auto& surname = model->comparisons[1].levels;
  EXPECT_DOUBLE_EQ(surname[1].m, 1.0);
  // u from the two labelled non-matches: first names differ in both, surnames too.
  EXPECT_DOUBLE_EQ(first[3].u, 1.0);
  EXPECT_DOUBLE_EQ(surname[2].u, 1.0);
  EXPECT_EQ(model->training_method, "labels");
  EXPECT_THAT(model->training_log, Contains(HasSubstr("4 labelled matching pairs")));
}

TEST_F(SmallLabels, SmoothingKeepsUnseenLevelsAboveZero) {
  Labels labels;
  labels.left = {0};
  labels.right = {1};
  labels.match = {1};
  auto model = TrainFromLabels(prepared_, settings_, labels);
  ASSERT_TRUE(model.ok()) << model.status();
  const auto& first = model->comparisons[0].levels;
  // One exact match, add-half smoothing over three levels: (1 + 0.5) / (1 + 1.5).
  EXPECT_DOUBLE_EQ(first[1].m, 1.5 / 2.5);
  EXPECT_DOUBLE_EQ(first[3].m, 0.5 / 2.5);
}

TEST_F(SmallLabels, ClusterLabelsGiveThePriorAsTheShareOfMatchingPairs) {
  Labels labels;
  labels.cluster = {7, 7, 7, 8, Labels::kUnknown};
  auto model = TrainFromLabels(prepared_, settings_, labels);
  ASSERT_TRUE(model.ok()) << model.status();
  // Three pairs within cluster 7 among the 6 pairs of the 4 labelled records.
  EXPECT_DOUBLE_EQ(model->prior, 0.5) << "clamped to at most 0.5";
  labels.cluster = {7, 7, 8, 9, 10};
  model = TrainFromLabels(prepared_, settings_, labels);
  ASSERT_TRUE(model.ok());
  EXPECT_DOUBLE_EQ(model->prior, 1.0 / 10);
}

TEST_F(SmallLabels, BadLabelsAreErrorsThatSayWhy) {
  Labels labels;
  labels.left = {0};
  labels.right = {9};
  labels.match = {1};
  auto model = TrainFromLabels(prepared_, settings_, labels);
  ASSERT_FALSE(model.ok());
  EXPECT_THAT(std::string(model.status().message()), HasSubstr("beyond the 5 prepared records"));
  labels.right = {1};
  labels.match = {0};
  model = TrainFromLabels(prepared_, settings_, labels);
  ASSERT_FALSE(model.ok());
  EXPECT_THAT(std::string(model.status().message()), HasSubstr("no pair is labelled a match"));
  Labels clusters;
  clusters.cluster = {1, 2};
  model = TrainFromLabels(prepared_, settings_, clusters);
  ASSERT_FALSE(model.ok());
  EXPECT_THAT(std::string(model.status().message()), HasSubstr("2 cluster ids for 5 records"));
  Settings no_random = settings_;
  no_random.u_sample_pairs = 0;
  labels.match = {1};
  auto logistic = TrainLogisticRegression(prepared_, no_random, labels);
  ASSERT_FALSE(logistic.ok());
  EXPECT_THAT(std::string(logistic.status().message()), HasSubstr("matches and non-matches"));
}

TEST_F(SmallLabels, LogisticRegressionRecoversTheLogOddsOfASaturatedModel) {
  // E has no first name, so only the surname levels vary: E-B agrees on it (80 of 100
  // labelled matches), E-D does not (5 of 100). logit p = b0 + b_level.
  Labels labels;
  auto add = [&](uint32_t a, uint32_t b, int matches, int non_matches) {
    for (int i = 0; i < matches + non_matches; ++i) {
      labels.left.push_back(a);
      labels.right.push_back(b);
      labels.match.push_back(i < matches ? 1 : 0);
    }
  };
  add(4, 1, 80, 20);  // E-B: first name null, surname exact
  add(4, 3, 5, 95);   // E-D: first name null, surname else
  // No random pairs as further non-matches: the labelled pairs alone.
  Settings settings = settings_;
  settings.u_sample_pairs = 0;
  LogisticOptions options;
  options.l2 = 1e-6;  // the intercept and the levels are collinear without nulls: a touch of L2
  auto model = TrainLogisticRegression(prepared_, settings, labels, options);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->training_method, "logistic_regression");
  // Two patterns, three free parameters in surname (intercept, exact, else): the fit is
  // exact, and what is identified is the difference of the two levels' log-odds.
  const double exact = model->Weight(1, 1), other = model->Weight(1, 2);
  EXPECT_NEAR((exact - other) * std::log(2.0), Logit(0.8) - Logit(0.05), 1e-6);
  EXPECT_THAT(model->training_log, Contains(HasSubstr("Newton converged")));
}

// --- On public data with ground truth ----------------------------------------------------

struct Outcome {
  double f1 = 0, precision = 0, recall = 0;
};

// Predicts with the linker's model and scores the connected components at `threshold` (the
// settings' when < 0) against `truth`.
template <typename T>
Outcome Evaluate(const Linker& linker, const std::vector<T>& truth, double threshold = -1) {
  auto predictions = linker.Predict();
  EXPECT_TRUE(predictions.ok()) << predictions.status();
  const Clusters clusters = linker.Cluster(*predictions, threshold);
  const auto s = testing_model::Pairwise(clusters.cluster_of, truth);
  return {s.f1, s.precision, s.recall};
}

Settings AutoSettings(const Table& table, const std::string& id) {
  AutoSettingsOptions options;
  options.id_column = id;
  auto settings = InferSettings({&table}, options);
  EXPECT_TRUE(settings.ok()) << settings.status();
  return *settings;
}

void Report(const std::string& what, const Outcome& o) {
  std::cout << "[ figures  ] " << what << ": F1 " << o.f1 << " (precision " << o.precision
            << ", recall " << o.recall << ")\n";
}

TEST(LabelsFebrl3, SupervisedTrainingLinksAtLeastAsWellAsUnsupervised) {
  auto table = ReadCsv(testing_model::SharedData("febrl/dataset3.csv"));
  ASSERT_TRUE(table.ok()) << table.status();
  const Settings settings = AutoSettings(*table, "rec_id");
  auto linker = Linker::Create({*table}, settings);
  ASSERT_TRUE(linker.ok()) << linker.status();
  std::vector<int64_t> truth;
  for (uint32_t r = 0; r < linker->prepared().num_records(); ++r) {
    truth.push_back(testing_model::FebrlEntity(linker->prepared().ids.value(r)));
  }
  Labels labels;
  labels.cluster = truth;

  // At the settings' threshold (0.9) and at even odds (0.5): the supervised models'
  // probabilities are calibrated, the unsupervised one's far more confident, so a threshold
  // of 0.9 asks more of the former.
  ASSERT_TRUE(linker->Train().ok());
  const Outcome unsupervised = Evaluate(*linker, truth);
  const Outcome unsupervised_half = Evaluate(*linker, truth, 0.5);
  ASSERT_TRUE(linker->TrainFromLabels(labels).ok());
  const Outcome counted = Evaluate(*linker, truth);
  const Outcome counted_half = Evaluate(*linker, truth, 0.5);
  auto logistic = linker->TrainLogisticRegression(labels);
  ASSERT_TRUE(logistic.ok()) << logistic.status();
  const Outcome regression = Evaluate(*linker, truth);
  const Outcome regression_half = Evaluate(*linker, truth, 0.5);
  Report("FEBRL3 unsupervised (EM), p >= 0.9", unsupervised);
  Report("FEBRL3 unsupervised (EM), p >= 0.5", unsupervised_half);
  Report("FEBRL3 m from cluster labels, p >= 0.9", counted);
  Report("FEBRL3 m from cluster labels, p >= 0.5", counted_half);
  Report("FEBRL3 logistic regression on cluster labels, p >= 0.9", regression);
  Report("FEBRL3 logistic regression on cluster labels, p >= 0.5", regression_half);
  EXPECT_GE(counted.f1, unsupervised.f1);
  EXPECT_GE(regression_half.f1, unsupervised.f1);
  EXPECT_GE(regression_half.f1, unsupervised_half.f1);
  EXPECT_GT(regression.f1, 0.998);
  EXPECT_THAT(logistic->training_log, Contains(HasSubstr("Newton converged")));

  // Deterministic: the same labels give the same model.
  auto again = linker->TrainLogisticRegression(labels);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(ModelToJson(*again), ModelToJson(*logistic));
}

TEST(LabelsFake1000, ClericalPairLabelsTrainAModel) {
  auto table = ReadCsv(testing_model::SharedData("splink/fake_1000.csv"));
  ASSERT_TRUE(table.ok()) << table.status();
  auto label_table = ReadCsv(testing_model::SharedData("splink/fake_1000_labels.csv"));
  ASSERT_TRUE(label_table.ok()) << label_table.status();
  const Settings settings = AutoSettings(*table, "unique_id");
  auto linker = Linker::Create({*table}, settings);
  ASSERT_TRUE(linker.ok()) << linker.status();
  const PreparedTable& prepared = linker->prepared();
  absl::flat_hash_map<std::string, uint32_t> index;
  for (uint32_t r = 0; r < prepared.num_records(); ++r) {
    index[std::string(prepared.ids.value(r))] = r;
  }
  const StringColumn* l = label_table->Find("unique_id_l");
  const StringColumn* r = label_table->Find("unique_id_r");
  const StringColumn* score = label_table->Find("clerical_match_score");
  ASSERT_TRUE(l && r && score);
  Labels labels;
  for (size_t row = 0; row < label_table->num_rows(); ++row) {
    labels.left.push_back(index.at(std::string(l->value(row))));
    labels.right.push_back(index.at(std::string(r->value(row))));
    labels.match.push_back(std::stod(std::string(score->value(row))) >= 0.5);
  }
  ASSERT_EQ(labels.left.size(), 3176u);
  std::vector<std::string> truth;
  const StringColumn* cluster = table->Find("cluster");
  for (uint32_t i = 0; i < prepared.num_records(); ++i) truth.emplace_back(cluster->value(i));

  ASSERT_TRUE(linker->Train().ok());
  const Outcome unsupervised = Evaluate(*linker, truth);
  auto counted_model = linker->TrainFromLabels(labels);
  ASSERT_TRUE(counted_model.ok()) << counted_model.status();
  const Outcome counted = Evaluate(*linker, truth);
  auto logistic = linker->TrainLogisticRegression(labels);
  ASSERT_TRUE(logistic.ok()) << logistic.status();
  const Outcome regression = Evaluate(*linker, truth);
  Report("fake_1000 unsupervised (EM)", unsupervised);
  Report("fake_1000 m from clerical labels", counted);
  Report("fake_1000 logistic regression on clerical labels", regression);

  // The labels are the clerical pairs of Splink's demo, 2031 matches and 1145 non-matches.
  EXPECT_THAT(counted_model->training_log, Contains(HasSubstr("2031 labelled matching pairs")));
  // With u taken without the matches (docs/model.md, "Rounds") EM is close to the counted
  // labels (0.937 against 0.926 on 2026-11-22): counting m from 2,031 clerical pairs is no
  // longer ahead of it, but stays within 0.02. The regression, which weighs correlated
  // comparisons jointly, is level with EM since the email levels learned to tell digits apart
  // (0.9368 against 0.9372): within 0.01.
  EXPECT_GE(counted.f1, unsupervised.f1 - 0.02);
  EXPECT_GE(regression.f1, unsupervised.f1 - 0.01);
  // Agreeing is evidence for a match under both.
  for (const Model* model : {&*counted_model, &*logistic}) {
    for (size_t c = 0; c < model->comparisons.size(); ++c) {
      EXPECT_GT(model->Weight(c, 1), 0)
          << model->training_method << " " << model->comparisons[c].name;
    }
  }
}

}  // namespace
}  // namespace sameas
