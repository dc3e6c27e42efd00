// Term-frequency adjustments: agreeing on a rare value weighs more than agreeing on a common
// one, by log2(u_level / frequency); the tables are built from prepare's counts, saved with
// the model (raw or as keyed hashes) and give identical scores when read back.
#include <cmath>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "sameas/io/csv.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/score/score.h"
#include "sameas/settings/auto_settings.h"
#include "sameas/train/model.h"
#include "sameas/train/train.h"
#include "train/model_fixtures.h"

namespace sameas {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing_model::Level;
using testing_model::MakePeople;
using testing_model::PeopleSettings;
using testing_model::Person;

// 40 Johns, 2 Zbigniews, a Jon, and a few others; pairs of interest share a surname.
Table Crowd() {
  std::vector<Person> people;
  for (int i = 0; i < 40; ++i) {
    people.push_back(
        {"j" + std::to_string(i), "John", i < 2 ? "Smith" : "Surname" + std::to_string(i)});
  }
  people.push_back({"z0", "Zbigniew", "Szűcs"});
  people.push_back({"z1", "ZBIGNIEW", "Szucs"});
  people.push_back({"jon", "Jon", "Smith"});
  people.push_back({"n0", std::nullopt, "Smith"});
  for (int i = 0; i < 6; ++i)
    people.push_back({"o" + std::to_string(i), "Anna" + std::to_string(i), "Nagy"});
  return MakePeople("crowd", people);
}

uint32_t Index(const PreparedTable& prepared, std::string_view id) {
  for (uint32_t r = 0; r < prepared.num_records(); ++r) {
    if (prepared.ids.value(r) == id) return r;
  }
  ADD_FAILURE() << "no record " << id;
  return 0;
}

// A model with hand-set m and u, and term-frequency tables from `prepared`.
Model HandModel(const Settings& settings, const PreparedTable& prepared) {
  Model model = InitialModel(settings);
  model.prior = 0.001;
  auto& first = model.comparisons[0].levels;
  first[1].m = 0.85, first[1].u = 0.02;
  first[2].m = 0.10, first[2].u = 0.03;
  first[3].m = 0.05, first[3].u = 0.95;
  auto& surname = model.comparisons[1].levels;
  surname[1].m = 0.9, surname[1].u = 0.01;
  surname[2].m = 0.1, surname[2].u = 0.99;
  BuildTermFrequencies(prepared, &model);
  return model;
}

class TermFrequency : public ::testing::Test {
 protected:
  void SetUp() override {
    table_ = Crowd();
    settings_ = PeopleSettings(/*tf=*/true);
    auto prepared = Prepare({&table_}, settings_);
    ASSERT_TRUE(prepared.ok()) << prepared.status();
    prepared_ = *std::move(prepared);
    model_ = HandModel(settings_, prepared_);
  }

  ScoredPairs ScorePairs(const Model& model, const std::vector<uint32_t>& left,
                         const std::vector<uint32_t>& right) {
    auto comparer = Comparer::Create(prepared_, model.settings.comparisons);
    EXPECT_TRUE(comparer.ok());
    auto scorer = Scorer::Create(model, prepared_);
    EXPECT_TRUE(scorer.ok()) << scorer.status();
    if (!scorer.ok()) return {};
    return scorer->Score(left, right, comparer->Compare(left, right));
  }

  Table table_;
  Settings settings_;
  PreparedTable prepared_;
  Model model_;
};

TEST_F(TermFrequency, TablesCountEveryNonNullValueOnce) {
  const TermFrequencyTable& tf = model_.comparisons[0].term_frequencies;
  EXPECT_EQ(tf.total, 49u);  // 50 records, one without a first name
  EXPECT_EQ(tf.counts.at("john"), 40u);
  EXPECT_EQ(tf.counts.at("zbigniew"), 2u);  // folded: case does not split a value
  EXPECT_EQ(tf.counts.at("jon"), 1u);
  EXPECT_TRUE(model_.comparisons[1].term_frequencies.empty()) << "surname has no adjustment";
}

TEST_F(TermFrequency, RareExactMatchWeighsMoreThanACommonOne) {
  const uint32_t j0 = Index(prepared_, "j0"), j1 = Index(prepared_, "j1");
  const uint32_t z0 = Index(prepared_, "z0"), z1 = Index(prepared_, "z1");
  const ScoredPairs scored = ScorePairs(model_, {j0, z0}, {j1, z1});
  ASSERT_EQ(scored.size(), 2u);
  // Both pairs agree exactly on first name and surname; only the names' frequencies differ.
  EXPECT_GT(scored.weight[1], scored.weight[0] + 4);
  const double u_exact = 0.02;
  EXPECT_NEAR(scored.tf_adjustment[0][0], std::log2(u_exact / (40.0 / 49)), 1e-12);
  EXPECT_NEAR(scored.tf_adjustment[0][1], std::log2(u_exact / (2.0 / 49)), 1e-12);
  EXPECT_LT(scored.tf_adjustment[0][0], 0) << "a name 40 of 49 people share is weak evidence";
  // The adjusted exact weight is log2(m / frequency).
  const double base = model_.PriorWeight() + model_.Weight(1, 1);
  EXPECT_NEAR(scored.weight[0], base + std::log2(0.85 / (40.0 / 49)), 1e-12);
  EXPECT_NEAR(scored.weight[1], base + std::log2(0.85 / (2.0 / 49)), 1e-12);
  EXPECT_TRUE(scored.tf_adjustment[1].empty()) << "no terms for a comparison without tf";
}

TEST_F(TermFrequency, ElseAndNullLevelsHaveNoTerm) {
  const uint32_t j0 = Index(prepared_, "j0"), n0 = Index(prepared_, "n0");
  const uint32_t z0 = Index(prepared_, "z0");
  const ScoredPairs scored = ScorePairs(model_, {j0, j0}, {n0, z0});
  EXPECT_EQ(scored.tf_adjustment[0][0], 0.0);  // null
  EXPECT_EQ(scored.tf_adjustment[0][1], 0.0);  // else
}

TEST_F(TermFrequency, FloorLimitsTheWeightOfAValueSeenOnce) {
  Settings settings = settings_;
  settings.comparisons[0].tf_min_u = 0.1;
  model_.settings = settings;
  const uint32_t j0 = Index(prepared_, "j0"), j1 = Index(prepared_, "j1");
  const uint32_t z0 = Index(prepared_, "z0"), z1 = Index(prepared_, "z1");
  const ScoredPairs scored = ScorePairs(model_, {j0, z0}, {j1, z1});
  EXPECT_NEAR(scored.tf_adjustment[0][1], std::log2(0.02 / 0.1), 1e-12);
  EXPECT_NEAR(scored.tf_adjustment[0][0], std::log2(0.02 / (40.0 / 49)), 1e-12)
      << "values above the floor are not moved";
}

TEST_F(TermFrequency, FuzzyLevelTakesItsFractionOfTheMoreFrequentValue) {
  Settings settings = settings_;
  settings.comparisons[0].levels[2].tf_fraction = 0.5;
  model_.settings = settings;
  const uint32_t j0 = Index(prepared_, "j0"), jon = Index(prepared_, "jon");
  const ScoredPairs scored = ScorePairs(model_, {j0}, {jon});
  auto comparer = Comparer::Create(prepared_, settings.comparisons);
  ASSERT_EQ(comparer->Level(0, j0, jon), 2) << "John and Jon are Jaro-Winkler >= 0.9";
  // Jon is seen once, John 40 times: the adjustment uses John's frequency, the cautious one.
  EXPECT_NEAR(scored.tf_adjustment[0][0], 0.5 * std::log2(0.03 / (40.0 / 49)), 1e-12);
  // Without a fraction, fuzzy levels are not adjusted.
  model_.settings = settings_;
  EXPECT_EQ(ScorePairs(model_, {j0}, {jon}).tf_adjustment[0][0], 0.0);
}

TEST_F(TermFrequency, WithoutTermFrequenciesTheScorerEqualsScore) {
  Settings settings = PeopleSettings(false);
  Model model = HandModel(settings, prepared_);
  std::vector<uint32_t> left, right;
  for (uint32_t a = 0; a < prepared_.num_records(); ++a) {
    for (uint32_t b = a + 1; b < prepared_.num_records(); ++b) {
      left.push_back(a);
      right.push_back(b);
    }
  }
  auto comparer = Comparer::Create(prepared_, settings.comparisons);
  const ComparisonVectors vectors = comparer->Compare(left, right);
  auto scorer = Scorer::Create(model, prepared_);
  ASSERT_TRUE(scorer.ok());
  EXPECT_EQ(scorer->Score(left, right, vectors).weight, Score(model, vectors).weight);
}

TEST_F(TermFrequency, ModelRoundTripKeepsTablesAndScores) {
  const std::string json = ModelToJson(model_);
  EXPECT_THAT(json, HasSubstr("\"zbigniew\": 2"));
  auto read = ModelFromJson(json, "model.json");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(ModelToJson(*read), json);
  EXPECT_EQ(read->comparisons[0].term_frequencies.counts,
            model_.comparisons[0].term_frequencies.counts);
  std::vector<uint32_t> left, right;
  for (uint32_t a = 0; a + 1 < prepared_.num_records(); ++a) {
    left.push_back(a);
    right.push_back(a + 1);
  }
  const ScoredPairs before = ScorePairs(model_, left, right);
  const ScoredPairs after = ScorePairs(*read, left, right);
  EXPECT_EQ(before.weight, after.weight);
  EXPECT_EQ(before.tf_adjustment, after.tf_adjustment);
}

TEST_F(TermFrequency, HashedKeysGiveIdenticalScoresAndHoldNoNames) {
  const std::string secret = "a secret only the two banks know";
  Model hashed_source = model_;
  hashed_source.settings.tf_hash_key = secret;
  const std::string json = ModelToJson(hashed_source);
  // No value, and not the key, appears in the file.
  for (const char* raw : {"john", "zbigniew", "jon", "anna0", secret.c_str()}) {
    EXPECT_THAT(json, Not(HasSubstr(raw))) << raw;
  }
  EXPECT_THAT(json, HasSubstr("siphash-2-4"));
  EXPECT_THAT(json, HasSubstr(HashTfKey(secret, "john")));

  auto read = ModelFromJson(json, "shared_model.json");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->tf_keys, TfKeys::kSipHash24);
  EXPECT_TRUE(read->settings.tf_hash_key.empty());
  EXPECT_EQ(ModelToJson(*read), json) << "a hashed model is written back as read";

  // Without the key, or with another, there is no scoring.
  auto no_key = Scorer::Create(*read, prepared_);
  ASSERT_FALSE(no_key.ok());
  EXPECT_THAT(std::string(no_key.status().message()), HasSubstr("hash_tf_keys"));
  Model wrong = *read;
  wrong.settings.tf_hash_key = "another secret";
  auto wrong_key = Scorer::Create(wrong, prepared_);
  ASSERT_FALSE(wrong_key.ok());
  EXPECT_THAT(std::string(wrong_key.status().message()), HasSubstr("not the one"));

  Model keyed = *read;
  keyed.settings.tf_hash_key = secret;
  std::vector<uint32_t> left, right;
  for (uint32_t a = 0; a < prepared_.num_records(); ++a) {
    for (uint32_t b = a + 1; b < prepared_.num_records(); ++b) {
      left.push_back(a);
      right.push_back(b);
    }
  }
  const ScoredPairs before = ScorePairs(model_, left, right);
  const ScoredPairs after = ScorePairs(keyed, left, right);
  EXPECT_EQ(before.weight, after.weight);
  EXPECT_EQ(before.probability, after.probability);
}

TEST_F(TermFrequency, AValueTheModelNeverSawCountsAsSeenOnce) {
  // Score other records with the model of the crowd: "Zygmunt" is new.
  Table other = MakePeople("other", {{"a", "Zygmunt", "Kos"},
                                     {"b", "zygmunt", "Kos"},
                                     {"c", "John", "Kos"},
                                     {"d", "John", "Kos"}});
  auto prepared = Prepare({&other}, settings_);
  ASSERT_TRUE(prepared.ok());
  auto scorer = Scorer::Create(model_, *prepared);
  ASSERT_TRUE(scorer.ok());
  EXPECT_DOUBLE_EQ(scorer->ValueFrequency(0, 0), 1.0 / 49);
  EXPECT_DOUBLE_EQ(scorer->ValueFrequency(0, 2), 40.0 / 49) << "the model's table, not this data's";
  EXPECT_NEAR(scorer->TfTerm(0, 1, 0, 1), std::log2(0.02 * 49), 1e-12);
}

TEST_F(TermFrequency, VersionOneFilesAreStillRead) {
  Model model = model_;
  model.settings = PeopleSettings(false);
  BuildTermFrequencies(prepared_, &model);
  nlohmann::json root = nlohmann::json::parse(ModelToJson(model));
  root["version"] = 1;
  for (const char* key : {"training_method", "tf_keys"}) root.erase(key);
  auto read = ModelFromJson(root.dump(), "old_model.json");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->training_method, "em");
  EXPECT_EQ(read->tf_keys, TfKeys::kRaw);
  EXPECT_EQ(read->prior, model.prior);
}

TEST_F(TermFrequency, ModelWithTermFrequencyButNoTableIsRefused) {
  nlohmann::json root = nlohmann::json::parse(ModelToJson(model_));
  root["comparisons"][0].erase("term_frequencies");
  auto read = ModelFromJson(root.dump(), "model.json");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(std::string(read.status().message()),
              ::testing::AllOf(HasSubstr("comparisons[0]"), HasSubstr("term-frequency table")));
}

TEST(TermFrequencySettings, OptionsRoundTripAndAreAbsentWhenUnset) {
  Settings settings = PeopleSettings(true);
  settings.comparisons[0].tf_min_u = 0.001;
  settings.comparisons[0].levels[2].tf_fraction = 0.5;
  settings.comparisons[1].fixed_u = true;
  settings.comparisons[1].levels[1].m = 0.9;
  settings.tf_hash_key = "k";
  const std::string json = SettingsToJson(settings);
  auto read = SettingsFromJson(json, "settings.json");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(SettingsToJson(*read), json);
  EXPECT_TRUE(read->comparisons[0].term_frequency);
  EXPECT_EQ(read->comparisons[0].tf_min_u, 0.001);
  EXPECT_EQ(read->comparisons[0].levels[2].tf_fraction, 0.5);
  EXPECT_EQ(read->comparisons[0].TfFraction(1), 1.0) << "exact levels default to 1";
  EXPECT_EQ(read->comparisons[0].TfFraction(2), 0.5);
  EXPECT_EQ(read->comparisons[0].TfFraction(3), 0.0) << "else defaults to 0";
  EXPECT_EQ(read->comparisons[1].TfFraction(1), 0.0) << "no adjustment without term_frequency";
  EXPECT_TRUE(read->comparisons[1].fixed_u);
  EXPECT_EQ(read->comparisons[1].levels[1].m, 0.9);
  EXPECT_EQ(read->tf_hash_key, "k");

  const std::string plain = SettingsToJson(PeopleSettings(false));
  for (const char* key : {"term_frequency", "tf_min_u", "tf_fraction", "fixed_m", "fixed_u",
                          "hash_tf_keys", "\"m\"", "\"u\""}) {
    EXPECT_THAT(plain, Not(HasSubstr(key))) << key;
  }
}

TEST(TermFrequencySettings, BadValuesNameTheirPlace) {
  Table table = MakePeople("t", {{"1", "Anna", "Nowak"}});
  auto check = [&](const Settings& settings) {
    absl::Status status = ValidateSettings(settings, {&table}, "settings.json");
    EXPECT_FALSE(status.ok());
    return std::string(status.message());
  };
  Settings s = PeopleSettings(true);
  s.comparisons[0].levels[2].tf_fraction = 1.5;
  EXPECT_THAT(check(s),
              ::testing::AllOf(HasSubstr("comparisons[0].levels[2]"), HasSubstr("tf_fraction")));
  s = PeopleSettings(true);
  s.comparisons[0].tf_min_u = -1;
  EXPECT_THAT(check(s), HasSubstr("tf_min_u"));
  s = PeopleSettings(true);
  s.comparisons[1].levels[1].m = 0.7;
  s.comparisons[1].levels[2].m = 0.6;
  EXPECT_THAT(check(s), ::testing::AllOf(HasSubstr("'surname'"), HasSubstr("more than 1")));
  s = PeopleSettings(true);
  s.comparisons[1].levels[1].u = 0;
  EXPECT_THAT(check(s), HasSubstr("comparisons[1].levels[1]"));
  auto bad_key = SettingsFromJson(R"({"id_column": "id", "columns": [], "hash_tf_keys": "k"})",
                                  "settings.json");
  ASSERT_FALSE(bad_key.ok());
  EXPECT_THAT(std::string(bad_key.status().message()), HasSubstr("hash_tf_keys"));
}

// On real data: fake_1000 with term frequencies on first name and surname.
TEST(TermFrequencyFake1000, CommonNamesWeighLessThanRareOnes) {
  auto table = ReadCsv(testing_model::SharedData("splink/fake_1000.csv"));
  ASSERT_TRUE(table.ok()) << table.status();
  AutoSettingsOptions options;
  options.id_column = "unique_id";
  auto settings = InferSettings({&*table}, options);
  ASSERT_TRUE(settings.ok()) << settings.status();
  int first = -1;
  for (size_t c = 0; c < settings->comparisons.size(); ++c) {
    if (settings->comparisons[c].column == "first_name") first = static_cast<int>(c);
  }
  ASSERT_GE(first, 0) << SettingsToJson(*settings);
  settings->comparisons[first].term_frequency = true;
  auto prepared = Prepare({&*table}, *settings);
  ASSERT_TRUE(prepared.ok());
  auto model = Train(*prepared, *settings);
  ASSERT_TRUE(model.ok()) << model.status();
  auto scorer = Scorer::Create(*model, *prepared);
  ASSERT_TRUE(scorer.ok()) << scorer.status();
  // The exact first-name weight of two Olivers (28 of 1000) against two holders of a name
  // seen twice.
  const PreparedColumn& column = prepared->columns[prepared->ColumnIndex("first_name")];
  std::vector<uint32_t> olivers, rare;
  for (uint32_t r = 0; r < prepared->num_records(); ++r) {
    if (column.is_null(r)) continue;
    if (column.folded(r) == "oliver") olivers.push_back(r);
    if (column.counts[column.codes[r] - 1] == 2 && rare.empty()) {
      for (uint32_t s = r + 1; s < prepared->num_records(); ++s) {
        if (column.codes[s] == column.codes[r]) rare = {r, s};
      }
    }
  }
  ASSERT_GE(olivers.size(), 2u);
  ASSERT_EQ(rare.size(), 2u);
  const uint8_t exact = 1;
  const double common_term = scorer->TfTerm(first, exact, olivers[0], olivers[1]);
  const double rare_term = scorer->TfTerm(first, exact, rare[0], rare[1]);
  EXPECT_LT(common_term, 0);
  EXPECT_GT(rare_term, 0);
  EXPECT_NEAR(rare_term - common_term, std::log2(28.0 / 2.0), 1e-9);
}

}  // namespace
}  // namespace sameas
