// Explanations: the terms of a pair's match weight (prior, each comparison's level weight,
// each term-frequency term) add up exactly to the weight Scorer::Score gives it; the text
// names every term; a record's candidates are ranked, and the losers say where they lost.
#include "sameas/score/explain.h"

#include <cmath>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sameas/io/csv.h"
#include "sameas/pipeline/linker.h"
#include "sameas/settings/auto_settings.h"
#include "sameas/train/train.h"
#include "train/model_fixtures.h"

namespace sameas {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using testing_model::MakePeople;
using testing_model::PeopleSettings;

class ExplainPeople : public ::testing::Test {
 protected:
  void SetUp() override {
    table_ = MakePeople("crm", {{"1", "Zbigniew", "Szűcs"},
                                {"2", "Zbigniew", "Szucs"},
                                {"3", "John", "Szucs"},
                                {"4", "John", "Smith"},
                                {"5", "John", "Smith"},
                                {"6", "Jon", "Smith"},
                                {"7", std::nullopt, "Smith"},
                                {"8", "John", "Nagy"},
                                {"9", "John", "Nagy"}});
    settings_ = PeopleSettings(/*tf=*/true);
    settings_.comparisons[0].levels[2].tf_fraction = 0.5;
    auto prepared = Prepare({&table_}, settings_);
    ASSERT_TRUE(prepared.ok()) << prepared.status();
    prepared_ = *std::move(prepared);
    model_ = InitialModel(settings_);
    model_.prior = 0.01;
    BuildTermFrequencies(prepared_, &model_);
    auto comparer = Comparer::Create(prepared_, settings_.comparisons);
    ASSERT_TRUE(comparer.ok());
    comparer_ = std::make_unique<Comparer>(*std::move(comparer));
    auto scorer = Scorer::Create(model_, prepared_);
    ASSERT_TRUE(scorer.ok()) << scorer.status();
    scorer_ = std::make_unique<Scorer>(*std::move(scorer));
  }

  Table table_;
  Settings settings_;
  PreparedTable prepared_;
  Model model_;
  std::unique_ptr<Comparer> comparer_;
  std::unique_ptr<Scorer> scorer_;
};

TEST_F(ExplainPeople, TermsSumExactlyToTheScoredWeightForEveryPair) {
  std::vector<uint32_t> left, right;
  const uint32_t n = static_cast<uint32_t>(prepared_.num_records());
  for (uint32_t a = 0; a < n; ++a) {
    for (uint32_t b = a + 1; b < n; ++b) {
      left.push_back(a);
      right.push_back(b);
    }
  }
  const ScoredPairs scored = scorer_->Score(left, right, comparer_->Compare(left, right));
  for (size_t p = 0; p < left.size(); ++p) {
    const Explanation e = Explain(*scorer_, *comparer_, left[p], right[p]);
    double sum = 0;
    for (const auto& term : e.terms) sum += term.weight;
    EXPECT_NEAR(sum, scored.weight[p], 1e-12) << e.ToText();
    EXPECT_EQ(e.match_weight, scored.weight[p]) << "bit for bit: " << e.ToText();
    EXPECT_EQ(e.probability, scored.probability[p]);
  }
}

TEST_F(ExplainPeople, TermsNameThePriorEachLevelAndEachTermFrequency) {
  const Explanation e = Explain(*scorer_, *comparer_, 0, 1);  // the two Zbigniews
  ASSERT_EQ(e.terms.size(), 4u);
  EXPECT_EQ(e.terms[0].kind, ExplanationTerm::Kind::kPrior);
  EXPECT_DOUBLE_EQ(e.terms[0].weight, model_.PriorWeight());
  EXPECT_EQ(e.terms[1].kind, ExplanationTerm::Kind::kLevel);
  EXPECT_EQ(e.terms[1].name, "first_name");
  EXPECT_EQ(e.terms[1].level, 1);
  EXPECT_EQ(e.terms[1].label, "exact");
  EXPECT_EQ(e.terms[2].kind, ExplanationTerm::Kind::kTermFrequency);
  EXPECT_EQ(e.terms[2].value, "zbigniew");
  EXPECT_DOUBLE_EQ(e.terms[2].frequency, 2.0 / 8);
  EXPECT_EQ(e.terms[3].name, "surname");
  EXPECT_EQ(e.terms[3].label, "exact") << "Szűcs folds to szucs";
  // "prior -6.6; first_name exact +1.3 (tf 'zbigniew' +2.0); surname exact +4.3 = 1.0 bits,
  // p=0.667"
  EXPECT_THAT(e.ToText(), MatchesRegex("prior -6\\.6; first_name exact \\+[0-9.]+ \\(tf 'zbigniew' "
                                       "[-+][0-9.]+\\); surname exact \\+[0-9.]+ = -?[0-9.]+ bits, "
                                       "p=[0-9.]+"));
}

TEST_F(ExplainPeople, RareNamesExplainAHigherWeightThanCommonOnes) {
  const Explanation zbigniew = Explain(*scorer_, *comparer_, 0, 1);
  const Explanation john = Explain(*scorer_, *comparer_, 3, 4);
  EXPECT_GT(zbigniew.terms[2].weight, john.terms[2].weight);
  EXPECT_EQ(john.terms[2].value, "john");
  EXPECT_GT(zbigniew.match_weight, john.match_weight);
}

TEST_F(ExplainPeople, NullLevelsHaveATermOfZeroAndNoTermFrequency) {
  const Explanation e = Explain(*scorer_, *comparer_, 3, 6);  // John Smith, (none) Smith
  ASSERT_EQ(e.terms.size(), 3u);
  EXPECT_EQ(e.terms[1].label, "null");
  EXPECT_EQ(e.terms[1].weight, 0.0);
}

TEST_F(ExplainPeople, FuzzyLevelsShowTheirFractionOfTheMoreCommonValue) {
  const Explanation e = Explain(*scorer_, *comparer_, 3, 5);  // John Smith, Jon Smith
  ASSERT_EQ(e.terms[1].level, 2);
  ASSERT_EQ(e.terms[2].kind, ExplanationTerm::Kind::kTermFrequency);
  EXPECT_EQ(e.terms[2].value, "john") << "John (5 of 8) is more frequent than Jon (1 of 8)";
  EXPECT_NEAR(e.terms[2].weight, 0.5 * std::log2(model_.comparisons[0].levels[2].u / (5.0 / 8)),
              1e-12);
}

TEST_F(ExplainPeople, RecordCandidatesAreRankedAndLosersSayWhereTheyLost) {
  // Record 3 (John Smith) meets the other Smiths: 4 (John Smith) best, then 5 (Jon), 6 (none).
  auto explained = ExplainRecord(*scorer_, *comparer_, 3, 5);
  ASSERT_TRUE(explained.ok()) << explained.status();
  EXPECT_EQ(explained->num_candidates, 3u);
  ASSERT_EQ(explained->candidates.size(), 3u);
  EXPECT_EQ(explained->candidates[0].record, 4u);
  EXPECT_EQ(explained->candidates[0].rank, 1);
  EXPECT_TRUE(explained->candidates[0].lost_by.empty());
  for (size_t i = 1; i < explained->candidates.size(); ++i) {
    const auto& c = explained->candidates[i];
    EXPECT_LE(c.explanation.match_weight, explained->candidates[i - 1].explanation.match_weight);
    ASSERT_FALSE(c.lost_by.empty());
    EXPECT_EQ(c.lost_by[0].first, "first_name") << "only the first name differs";
    EXPECT_LT(c.lost_by[0].second, 0);
  }
  const std::string text = explained->ToText(prepared_);
  EXPECT_THAT(text, HasSubstr("crm:4: 3 candidate(s)"));
  EXPECT_THAT(text, HasSubstr("1. crm:5"));
  EXPECT_THAT(text, HasSubstr("behind #1 on: first_name -"));
  // At most `top`, the best first.
  auto top1 = ExplainRecord(*scorer_, *comparer_, 3, 1);
  ASSERT_TRUE(top1.ok());
  EXPECT_EQ(top1->candidates.size(), 1u);
  EXPECT_EQ(top1->num_candidates, 3u);
  EXPECT_FALSE(ExplainRecord(*scorer_, *comparer_, 99, 5).ok());
}

// A trained model on real data: explanations agree with Predict for every candidate pair.
TEST(ExplainFake1000, EveryPredictedWeightIsTheSumOfItsExplanation) {
  auto table = ReadCsv(testing_model::SharedData("splink/fake_1000.csv"));
  ASSERT_TRUE(table.ok()) << table.status();
  AutoSettingsOptions options;
  options.id_column = "unique_id";
  auto settings = InferSettings({&*table}, options);
  ASSERT_TRUE(settings.ok());
  for (auto& comparison : settings->comparisons) {
    if (comparison.column == "first_name" || comparison.column == "surname" ||
        comparison.column == "city") {
      comparison.term_frequency = true;
    }
  }
  auto linker = Linker::Create({*table}, *settings);
  ASSERT_TRUE(linker.ok()) << linker.status();
  ASSERT_TRUE(linker->Train().ok());
  auto predictions = linker->Predict();
  ASSERT_TRUE(predictions.ok()) << predictions.status();
  ASSERT_GT(predictions->pairs.size(), 1000u);
  double worst = 0;
  for (size_t p = 0; p < predictions->pairs.size(); ++p) {
    auto e = linker->Explain(predictions->pairs.left[p], predictions->pairs.right[p]);
    ASSERT_TRUE(e.ok());
    double sum = 0;
    for (const auto& term : e->terms) sum += term.weight;
    worst = std::max(worst, std::abs(sum - predictions->scores.weight[p]));
    ASSERT_EQ(e->match_weight, predictions->scores.weight[p]) << e->ToText();
  }
  EXPECT_LT(worst, 1e-12);
  auto record = linker->FindRecord("0");
  ASSERT_TRUE(record.ok());
  auto explained = linker->ExplainRecord(*record, 3);
  ASSERT_TRUE(explained.ok()) << explained.status();
  EXPECT_FALSE(explained->candidates.empty());
  EXPECT_THAT(explained->ToText(linker->prepared()), HasSubstr("fake_1000:0"));
}

}  // namespace
}  // namespace sameas
