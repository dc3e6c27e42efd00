// Parameters the user fixes: a level's m or u given in the settings, or a comparison's
// "fixed_m" / "fixed_u", are kept by EM and by u sampling; the other levels share what is
// left, and the log says what was fixed.
#include <cmath>
#include <numeric>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sameas/io/csv.h"
#include "sameas/settings/auto_settings.h"
#include "sameas/train/model.h"
#include "sameas/train/train.h"
#include "train/model_fixtures.h"

namespace sameas {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

double SumOfLevels(const ComparisonParameters& comparison, bool m) {
  double total = 0;
  for (size_t l = 1; l < comparison.levels.size(); ++l) {
    total += m ? comparison.levels[l].m : comparison.levels[l].u;
  }
  return total;
}

TEST(InitialModel, GivenLevelsAreFixedAndTheOthersShareTheRest) {
  Settings settings = testing_model::PeopleSettings(false);
  settings.comparisons[0].levels[1].m = 0.7;
  settings.comparisons[0].levels[3].u = 0.9;
  const Model model = InitialModel(settings);
  const auto& levels = model.comparisons[0].levels;
  EXPECT_EQ(levels[1].m, 0.7);
  EXPECT_TRUE(levels[1].m_fixed);
  EXPECT_FALSE(levels[2].m_fixed);
  EXPECT_EQ(levels[3].u, 0.9);
  EXPECT_TRUE(levels[3].u_fixed);
  EXPECT_NEAR(SumOfLevels(model.comparisons[0], true), 1.0, 1e-12);
  EXPECT_NEAR(SumOfLevels(model.comparisons[0], false), 1.0, 1e-12);
}

TEST(RunEm, FixedLevelsKeepTheirMAndTheFreeOnesFillTheRest) {
  // Comparison 0 agrees in 90% of matches; fixing its exact m at 0.6 leaves 0.4 to the other
  // two levels, in proportion to what EM finds for them.
  Settings settings = testing_model::PeopleSettings(false);
  settings.comparisons[0].levels[1].m = 0.6;
  Model model = InitialModel(settings);
  model.comparisons[0].levels[1].u = 0.01;
  model.comparisons[0].levels[2].u = 0.04;
  model.comparisons[0].levels[3].u = 0.95;
  model.comparisons[1].levels[1].u = 0.01;
  model.comparisons[1].levels[2].u = 0.99;
  PatternCounts counts;
  counts.num_comparisons = 2;
  counts.patterns = {1, 1, 2, 1, 3, 1, 3, 2, 1, 2, 2, 2};
  counts.counts = {900, 50, 50, 9500, 100, 400};
  EmOptions options;
  options.max_iterations = 500;
  const EmResult result = RunEm(counts, {false, false}, 0.1, options, &model);
  EXPECT_TRUE(result.converged);
  const auto& levels = model.comparisons[0].levels;
  EXPECT_EQ(levels[1].m, 0.6);
  EXPECT_NEAR(levels[2].m + levels[3].m, 0.4, 1e-9);
  EXPECT_GT(levels[2].m, 0);
}

class FixedOnFebrl1 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto table = ReadCsv(testing_model::SharedData("febrl/dataset1.csv"));
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
  static Model TrainWith(const Settings& settings) {
    auto prepared = Prepare({table_}, settings);
    EXPECT_TRUE(prepared.ok()) << prepared.status();
    auto model = Train(*prepared, settings);
    EXPECT_TRUE(model.ok()) << model.status();
    return model.ok() ? *model : Model{};
  }
  static Table* table_;
  static Settings* settings_;
};
Table* FixedOnFebrl1::table_ = nullptr;
Settings* FixedOnFebrl1::settings_ = nullptr;

TEST_F(FixedOnFebrl1, GivenMAndUSurviveTrainingExactly) {
  Settings settings = *settings_;
  ComparisonSpec& spec = settings.comparisons[0];
  spec.levels[1].m = 0.8125;
  spec.levels[1].u = 0.00390625;
  const Model model = TrainWith(settings);
  const auto& levels = model.comparisons[0].levels;
  EXPECT_EQ(levels[1].m, 0.8125);
  EXPECT_EQ(levels[1].u, 0.00390625);
  EXPECT_TRUE(levels[1].m_fixed && levels[1].u_fixed);
  EXPECT_FALSE(levels[1].m_estimated) << "a fixed m did not come from the data";
  EXPECT_FALSE(levels[1].u_estimated);
  EXPECT_TRUE(levels[2].m_estimated);
  // EM keeps every m at least 1e-6, so a level it drives to zero adds that much.
  EXPECT_NEAR(SumOfLevels(model.comparisons[0], true), 1.0, 1e-5);
  EXPECT_NEAR(SumOfLevels(model.comparisons[0], false), 1.0, 1e-9);
  EXPECT_THAT(model.training_log, Contains(HasSubstr("u of 1 level(s) of '" + spec.name)));
  // The file says what was fixed.
  EXPECT_THAT(ModelToJson(model), HasSubstr("\"m_fixed\": true"));
}

TEST_F(FixedOnFebrl1, FixedComparisonKeepsEveryStartingValue) {
  Settings settings = *settings_;
  settings.comparisons[1].fixed_m = true;
  settings.comparisons[1].fixed_u = true;
  const Model start = InitialModel(settings);
  const Model model = TrainWith(settings);
  for (size_t l = 1; l < model.comparisons[1].levels.size(); ++l) {
    EXPECT_EQ(model.comparisons[1].levels[l].m, start.comparisons[1].levels[l].m) << l;
    EXPECT_EQ(model.comparisons[1].levels[l].u, start.comparisons[1].levels[l].u) << l;
  }
  EXPECT_THAT(model.training_log,
              Contains(HasSubstr("m of '" + settings.comparisons[1].name + "' fixed")));
  EXPECT_THAT(model.training_log,
              Contains(HasSubstr("warning: u of '" + settings.comparisons[1].name + "' is fixed")));
  // Training with fixed parameters is as deterministic as without.
  EXPECT_EQ(ModelToJson(model), ModelToJson(TrainWith(settings)));
}

TEST_F(FixedOnFebrl1, TheLogSaysWhetherEmConverged) {
  Settings settings = *settings_;
  settings.em_max_iterations = 1;
  const Model stopped = TrainWith(settings);
  EXPECT_THAT(stopped.training_log, Contains(HasSubstr("stopped at the iteration limit")));
  const Model converged = TrainWith(*settings_);
  EXPECT_THAT(converged.training_log, Contains(HasSubstr("converged after")));
}

}  // namespace
}  // namespace sameas
