// Training: EM recovers the m probabilities and match share of a known model from pattern
// counts drawn from it; the model file round-trips exactly; training on FEBRL is
// deterministic and learns that agreeing is evidence of a match.
#include "sameas/train/train.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "sameas/block/blocking.h"
#include "sameas/io/csv.h"
#include "sameas/score/score.h"
#include "sameas/settings/auto_settings.h"
#include "sameas/train/model.h"

namespace sameas {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

LevelSpec Level(LevelKind kind, double threshold = 0) { return LevelSpec{kind, threshold, ""}; }

// A person-matching model with three comparisons. m and u are over the non-null levels
// (index 1 onwards); the null level has no parameters of its own.
struct TrueModel {
  Settings settings;
  std::vector<std::vector<double>> m, u;  // [comparison][level], level 0 unused
  double lambda = 0.05;
  double null_share = 0.05;
};

TrueModel KnownModel() {
  TrueModel t;
  Settings& s = t.settings;
  s.id_column = "id";
  s.columns = {{"given_name", ColumnRole::kGivenName, ColumnType::kText, {}},
               {"surname", ColumnRole::kFamilyName, ColumnType::kText, {}},
               {"dob", ColumnRole::kBirthDate, ColumnType::kDate, {}}};
  s.blocking_rules = {*BlockingRule::Parse("surname")};
  s.comparisons = {
      {"given_name",
       "given_name",
       {Level(LevelKind::kNull), Level(LevelKind::kExact), Level(LevelKind::kJaroWinkler, 0.92),
        Level(LevelKind::kJaroWinkler, 0.8), Level(LevelKind::kElse)}},
      {"surname",
       "surname",
       {Level(LevelKind::kNull), Level(LevelKind::kExact), Level(LevelKind::kJaroWinkler, 0.92),
        Level(LevelKind::kElse)}},
      {"dob",
       "dob",
       {Level(LevelKind::kNull), Level(LevelKind::kExact), Level(LevelKind::kDamerauLevenshtein, 1),
        Level(LevelKind::kDateWithinDays, 365), Level(LevelKind::kElse)}},
  };
  t.m = {{0, 0.80, 0.10, 0.05, 0.05}, {0, 0.85, 0.10, 0.05}, {0, 0.75, 0.12, 0.08, 0.05}};
  t.u = {{0, 0.01, 0.02, 0.07, 0.90}, {0, 0.005, 0.015, 0.98}, {0, 0.001, 0.004, 0.05, 0.945}};
  return t;
}

// `num_pairs` comparison vectors drawn from the model with a fixed seed.
ComparisonVectors DrawVectors(const TrueModel& t, size_t num_pairs, uint32_t seed) {
  std::mt19937_64 random(seed);
  std::bernoulli_distribution is_match(t.lambda), is_null(t.null_share);
  const size_t nc = t.m.size();
  std::vector<std::discrete_distribution<int>> m_levels, u_levels;
  for (size_t c = 0; c < nc; ++c) {
    m_levels.emplace_back(t.m[c].begin(), t.m[c].end());
    u_levels.emplace_back(t.u[c].begin(), t.u[c].end());
  }
  ComparisonVectors vectors;
  vectors.levels.assign(nc, std::vector<uint8_t>(num_pairs));
  for (size_t p = 0; p < num_pairs; ++p) {
    const bool match = is_match(random);
    for (size_t c = 0; c < nc; ++c) {
      const int level = match ? m_levels[c](random) : u_levels[c](random);
      vectors.levels[c][p] = is_null(random) ? 0 : static_cast<uint8_t>(level);
    }
  }
  return vectors;
}

// The starting model with the true u (EM keeps u fixed).
Model StartingModel(const TrueModel& t) {
  Model model = InitialModel(t.settings);
  for (size_t c = 0; c < t.u.size(); ++c) {
    for (size_t l = 1; l < t.u[c].size(); ++l) model.comparisons[c].levels[l].u = t.u[c][l];
  }
  return model;
}

TEST(PatternCounts, CountsEachDistinctVectorOnce) {
  ComparisonVectors vectors;
  vectors.levels = {{1, 1, 2, 1, 0}, {3, 3, 1, 3, 1}};
  PatternCounts counts = PatternCounts::FromVectors(vectors);
  ASSERT_EQ(counts.num_comparisons, 2u);
  ASSERT_EQ(counts.size(), 3u);
  double total = 0;
  for (size_t k = 0; k < counts.size(); ++k) {
    total += counts.counts[k];
    if (counts.patterns[2 * k] == 1 && counts.patterns[2 * k + 1] == 3) {
      EXPECT_EQ(counts.counts[k], 3);
    } else {
      EXPECT_EQ(counts.counts[k], 1);
    }
  }
  EXPECT_EQ(total, 5);
}

TEST(RunEm, RecoversKnownMAndLambda) {
  const TrueModel truth = KnownModel();
  const PatternCounts counts = PatternCounts::FromVectors(DrawVectors(truth, 200'000, 2024));
  Model model = StartingModel(truth);
  EmOptions options;
  options.max_iterations = 500;
  const EmResult result = RunEm(counts, {false, false, false}, 0.2, options, &model);
  EXPECT_TRUE(result.converged);
  EXPECT_LT(result.iterations, options.max_iterations);
  EXPECT_NEAR(result.lambda, truth.lambda, 0.005);
  for (size_t c = 0; c < truth.m.size(); ++c) {
    double sum = 0;
    for (size_t l = 1; l < truth.m[c].size(); ++l) {
      EXPECT_NEAR(model.comparisons[c].levels[l].m, truth.m[c][l], 0.02)
          << "comparison " << c << " level " << l;
      EXPECT_EQ(model.comparisons[c].levels[l].u, truth.u[c][l]) << "u must stay fixed";
      sum += model.comparisons[c].levels[l].m;
    }
    EXPECT_NEAR(sum, 1.0, 1e-9);
  }
}

TEST(RunEm, DefaultOptionsConverge) {
  const TrueModel truth = KnownModel();
  const PatternCounts counts = PatternCounts::FromVectors(DrawVectors(truth, 200'000, 7));
  Model model = StartingModel(truth);
  const EmResult result = RunEm(counts, {false, false, false}, 0.1, EmOptions{}, &model);
  EXPECT_TRUE(result.converged) << result.iterations << " iterations";
  EXPECT_NEAR(result.lambda, truth.lambda, 0.005);
}

TEST(RunEm, NotConvergedWhenStoppedAfterOneIteration) {
  const TrueModel truth = KnownModel();
  const PatternCounts counts = PatternCounts::FromVectors(DrawVectors(truth, 200'000, 2024));
  Model model = StartingModel(truth);
  EmOptions options;
  options.max_iterations = 1;
  const EmResult result = RunEm(counts, {false, false, false}, 0.2, options, &model);
  EXPECT_FALSE(result.converged);
  EXPECT_EQ(result.iterations, 1);
}

TEST(RunEm, FixedComparisonsKeepTheirM) {
  const TrueModel truth = KnownModel();
  const PatternCounts counts = PatternCounts::FromVectors(DrawVectors(truth, 200'000, 2024));
  Model model = StartingModel(truth);
  const Model before = model;
  EmOptions options;
  options.max_iterations = 500;
  RunEm(counts, {false, true, false}, 0.2, options, &model);
  for (size_t l = 1; l < model.comparisons[1].levels.size(); ++l) {
    EXPECT_EQ(model.comparisons[1].levels[l].m, before.comparisons[1].levels[l].m) << l;
  }
  // The others still learn, from less evidence.
  EXPECT_NEAR(model.comparisons[0].levels[1].m, truth.m[0][1], 0.05);
  EXPECT_NEAR(model.comparisons[2].levels[1].m, truth.m[2][1], 0.05);
}

// A trained-looking model: EM on the known model's vectors, a prior and a log.
Model TrainedModel() {
  const TrueModel truth = KnownModel();
  Model model = StartingModel(truth);
  EmOptions options;
  options.max_iterations = 500;
  RunEm(PatternCounts::FromVectors(DrawVectors(truth, 50'000, 11)), {false, false, false}, 0.2,
        options, &model);
  for (auto& comparison : model.comparisons) {
    for (size_t l = 1; l < comparison.levels.size(); ++l) {
      comparison.levels[l].m_estimated = true;
      comparison.levels[l].u_estimated = l % 2 == 1;
    }
  }
  model.prior = 1.0 / 3333.0;
  model.training_log = {"u estimated from 2000000 random pairs (seed 42)", "a note: ünïcödé"};
  return model;
}

TEST(ModelJson, RoundTripGivesIdenticalJsonAndScores) {
  const Model model = TrainedModel();
  const std::string json = ModelToJson(model);
  auto read = ModelFromJson(json, "model.json");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(ModelToJson(*read), json);
  EXPECT_EQ(read->prior, model.prior);
  EXPECT_EQ(read->training_log, model.training_log);

  const ComparisonVectors vectors = DrawVectors(KnownModel(), 2'000, 99);
  const ScoredPairs original = Score(model, vectors);
  const ScoredPairs reread = Score(*read, vectors);
  EXPECT_EQ(original.weight, reread.weight);
  EXPECT_EQ(original.probability, reread.probability);
}

TEST(ModelJson, NewerVersionIsRefusedWithItsNumber) {
  nlohmann::json root = nlohmann::json::parse(ModelToJson(TrainedModel()));
  root["version"] = Model::kFormatVersion + 1;
  auto read = ModelFromJson(root.dump(), "future.json");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(std::string(read.status().message()),
              AllOf(HasSubstr("future.json"), HasSubstr("version"),
                    HasSubstr(std::to_string(Model::kFormatVersion + 1))));
}

TEST(ModelJson, PriorOutsideZeroOneIsRefused) {
  for (double prior : {0.0, 1.0, 1.5, -0.01}) {
    nlohmann::json root = nlohmann::json::parse(ModelToJson(TrainedModel()));
    root["prior"] = prior;
    auto read = ModelFromJson(root.dump(), "model.json");
    ASSERT_FALSE(read.ok()) << prior;
    EXPECT_THAT(std::string(read.status().message()),
                AllOf(HasSubstr("model.json"), HasSubstr("prior"), HasSubstr("probability")));
  }
}

TEST(ModelJson, ProbabilityOutOfRangeNamesTheLevel) {
  nlohmann::json root = nlohmann::json::parse(ModelToJson(TrainedModel()));
  root["comparisons"][2]["levels"][3]["u"] = 0;
  auto read = ModelFromJson(root.dump(), "model.json");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(std::string(read.status().message()), HasSubstr("comparisons[2].levels[3]"));
}

TEST(ModelJson, WrongTypesAreErrorsNotExceptions) {
  // A hand-edited file with a quoted version or a numeric format must give a message, not
  // an exception escaping into the caller (or a crash in Python).
  nlohmann::json root = nlohmann::json::parse(ModelToJson(TrainedModel()));
  root["version"] = "1";
  auto read = ModelFromJson(root.dump(), "model.json");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(std::string(read.status().message()),
              AllOf(HasSubstr("model.json"), HasSubstr("version")));

  root = nlohmann::json::parse(ModelToJson(TrainedModel()));
  root["format"] = 1;
  read = ModelFromJson(root.dump(), "model.json");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(std::string(read.status().message()), HasSubstr("not a sameas model"));

  read = ModelFromJson("[1, 2, 3]", "model.json");
  EXPECT_FALSE(read.ok());
}

TEST(ModelJson, NotAModelFileIsRefused) {
  auto read = ModelFromJson(R"({"id_column": "id", "columns": []})", "settings.json");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(std::string(read.status().message()), HasSubstr("not a sameas model"));
}

// --- Training on FEBRL ------------------------------------------------------------------

class TrainFebrl1 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto table = ReadCsv(std::string(SAMEAS_SHARED_DATA_DIR) + "/febrl/dataset1.csv");
    ASSERT_TRUE(table.ok()) << table.status();
    table_ = new Table(*std::move(table));
    AutoSettingsOptions options;
    options.id_column = "rec_id";
    auto settings = InferSettings({table_}, options);
    ASSERT_TRUE(settings.ok()) << settings.status();
    settings_ = new Settings(*std::move(settings));
  }
  static void TearDownTestSuite() {
    delete table_;
    delete settings_;
  }
  static std::string TrainJson(const Settings& settings) {
    auto prepared = Prepare({table_}, settings);
    EXPECT_TRUE(prepared.ok()) << prepared.status();
    if (!prepared.ok()) return "";
    auto model = Train(*prepared, settings);
    EXPECT_TRUE(model.ok()) << model.status();
    return model.ok() ? ModelToJson(*model) : "";
  }

  static Table* table_;
  static Settings* settings_;
};
Table* TrainFebrl1::table_ = nullptr;
Settings* TrainFebrl1::settings_ = nullptr;

TEST_F(TrainFebrl1, TwoRunsGiveIdenticalModels) {
  EXPECT_EQ(TrainJson(*settings_), TrainJson(*settings_));
}

TEST_F(TrainFebrl1, SampledUIsDeterministicForASeed) {
  // 499,500 pairs are more than this sample, so u comes from seeded random pairs.
  Settings settings = *settings_;
  settings.u_sample_pairs = 100'000;
  const std::string first = TrainJson(settings);
  EXPECT_THAT(first, HasSubstr("100000 random pairs"));
  EXPECT_EQ(first, TrainJson(settings));
  settings.seed = 43;
  EXPECT_NE(first, TrainJson(settings));
}

TEST_F(TrainFebrl1, EmOnASampleOfEachRulesPairsIsSeededAndCloseToEmOnAll) {
  // A training rule with more pairs than em_sample_pairs gives EM a seeded sample of them:
  // the same sample for the same seed, and nearly the m that all its pairs give.
  // Training rules broad enough to have pairs to spare: the surname's sound, the state.
  Settings all = *settings_;
  all.em_sample_pairs = 0;
  all.training_rules.clear();
  for (const char* rule : {"soundex(surname)", "state"}) {
    auto parsed = BlockingRule::Parse(rule);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    all.training_rules.push_back(*parsed);
  }
  auto prepared = Prepare({table_}, all);
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  uint64_t largest = 0;
  for (const RuleCount& count : CountPairs(*prepared, all.training_rules, all.link_type)) {
    largest = std::max(largest, count.pairs);
  }
  ASSERT_GT(largest, 20000u);
  Settings sampled = all;
  sampled.em_sample_pairs = largest / 2;
  auto full = Train(*prepared, all);
  auto half = Train(*prepared, sampled);
  ASSERT_TRUE(full.ok()) << full.status();
  ASSERT_TRUE(half.ok()) << half.status();
  EXPECT_THAT(ModelToJson(*half), HasSubstr(fmt::format("EM on {} of its {} pairs", largest / 2, largest)));
  EXPECT_THAT(ModelToJson(*full), Not(HasSubstr(" of its ")));
  EXPECT_EQ(ModelToJson(*half), TrainJson(sampled));
  for (size_t c = 0; c < full->comparisons.size(); ++c) {
    for (size_t l = 1; l < full->comparisons[c].levels.size(); ++l) {
      EXPECT_NEAR(half->comparisons[c].levels[l].m, full->comparisons[c].levels[l].m, 0.03)
          << settings_->comparisons[c].name << " level " << l;
    }
  }
  sampled.seed = 43;
  EXPECT_NE(ModelToJson(*half), TrainJson(sampled));
}

TEST_F(TrainFebrl1, ExactMatchIsEvidenceForEveryComparison) {
  auto prepared = Prepare({table_}, *settings_);
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  auto model = Train(*prepared, *settings_);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_GT(model->prior, 0);
  EXPECT_LT(model->prior, 0.01);
  ASSERT_EQ(model->comparisons.size(), settings_->comparisons.size());
  for (size_t c = 0; c < model->comparisons.size(); ++c) {
    const ComparisonSpec& spec = settings_->comparisons[c];
    for (size_t l = 0; l < spec.levels.size(); ++l) {
      if (spec.levels[l].kind != LevelKind::kExact) continue;
      const LevelParameters& level = model->comparisons[c].levels[l];
      EXPECT_GT(level.m, level.u) << spec.name << ": " << level.label;
      EXPECT_GT(model->Weight(c, static_cast<uint8_t>(l)), 0) << spec.name;
      EXPECT_TRUE(level.u_estimated) << spec.name;
    }
    // Disagreeing entirely is evidence against.
    const LevelParameters& last = model->comparisons[c].levels.back();
    EXPECT_LT(last.m, last.u) << spec.name;
  }
  EXPECT_FALSE(model->training_log.empty());
}

}  // namespace
}  // namespace sameas
