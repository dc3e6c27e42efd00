// Scoring: a pair's match weight is the prior weight plus the weight log2(m/u) of each of its
// levels, a null level adding nothing; the probability is 2^w / (1 + 2^w).
#include "sameas/score/score.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"

namespace sameas {
namespace {

LevelParameters Params(double m, double u) {
  LevelParameters level;
  level.m = m;
  level.u = u;
  return level;
}

// Given name: exact, similar, else. Date of birth: exact, else. Parameters chosen so the
// weights are whole numbers: log2(0.8/0.0125) = 6, log2(0.15/0.0375) = 2, log2(0.05/0.8) = -4,
// log2(0.96/0.01) = log2(96), log2(0.04/0.99).
Model TwoComparisonModel() {
  Model model;
  model.prior = 1.0 / 1025.0;  // prior weight log2(1/1024) = -10
  ComparisonParameters given;
  given.name = "given_name";
  given.levels = {Params(1, 1), Params(0.8, 0.0125), Params(0.15, 0.0375), Params(0.05, 0.8)};
  ComparisonParameters dob;
  dob.name = "dob";
  dob.levels = {Params(1, 1), Params(0.96, 0.01), Params(0.04, 0.99)};
  model.comparisons = {given, dob};
  return model;
}

TEST(Score, WeightIsPriorWeightPlusLevelWeights) {
  const Model model = TwoComparisonModel();
  ASSERT_NEAR(model.PriorWeight(), -10, 1e-12);
  ComparisonVectors vectors;
  vectors.levels = {{1, 2, 3, 1, 3}, {1, 1, 2, 2, 1}};
  const ScoredPairs scored = Score(model, vectors);
  ASSERT_EQ(scored.size(), 5u);
  const double dob_exact = std::log2(0.96 / 0.01), dob_else = std::log2(0.04 / 0.99);
  EXPECT_NEAR(scored.weight[0], -10 + 6 + dob_exact, 1e-12);
  EXPECT_NEAR(scored.weight[1], -10 + 2 + dob_exact, 1e-12);
  EXPECT_NEAR(scored.weight[2], -10 - 4 + dob_else, 1e-12);
  EXPECT_NEAR(scored.weight[3], -10 + 6 + dob_else, 1e-12);
  EXPECT_NEAR(scored.weight[4], -10 - 4 + dob_exact, 1e-12);
}

TEST(Score, NullLevelAddsNothing) {
  Model model = TwoComparisonModel();
  // Whatever m and u the null level carries, it is no evidence.
  model.comparisons[0].levels[0] = Params(0.3, 0.001);
  ComparisonVectors vectors;
  vectors.levels = {{0, 0, 1}, {0, 1, 0}};
  const ScoredPairs scored = Score(model, vectors);
  EXPECT_NEAR(scored.weight[0], -10, 1e-12);
  EXPECT_NEAR(scored.weight[1], -10 + std::log2(0.96 / 0.01), 1e-12);
  EXPECT_NEAR(scored.weight[2], -10 + 6, 1e-12);
  EXPECT_EQ(model.Weight(0, 0), 0.0);
}

TEST(Score, ProbabilityIsTwoToTheWeightOverOnePlusThat) {
  const Model model = TwoComparisonModel();
  ComparisonVectors vectors;
  vectors.levels = {{0, 1, 2, 3, 1, 3}, {0, 1, 1, 2, 2, 0}};
  const ScoredPairs scored = Score(model, vectors);
  for (size_t p = 0; p < scored.size(); ++p) {
    const double w = scored.weight[p];
    EXPECT_NEAR(scored.probability[p], std::exp2(w) / (1 + std::exp2(w)), 1e-15) << p;
    EXPECT_EQ(scored.probability[p], WeightToProbability(w));
  }
  // A weight of 0 is even odds; the prior alone gives the prior back.
  EXPECT_DOUBLE_EQ(WeightToProbability(0), 0.5);
  EXPECT_NEAR(scored.probability[0], model.prior, 1e-15);
}

TEST(Score, ProbabilityStaysInZeroOneForExtremeWeights) {
  EXPECT_EQ(WeightToProbability(2000), 1.0);
  EXPECT_EQ(WeightToProbability(-2000), 0.0);
  EXPECT_GT(WeightToProbability(-60), 0.0);
  EXPECT_LT(WeightToProbability(40), 1.0);
}

TEST(Score, NoPairsGiveNoScores) {
  const Model model = TwoComparisonModel();
  ComparisonVectors vectors;
  vectors.levels = {{}, {}};
  const ScoredPairs scored = Score(model, vectors);
  EXPECT_EQ(scored.size(), 0u);
  EXPECT_TRUE(scored.probability.empty());
}

}  // namespace
}  // namespace sameas
