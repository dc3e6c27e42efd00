#include "sameas/similarity/monge_elkan.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "sameas/similarity/indel.h"
#include "sameas/similarity/jaro_winkler.h"
#include "sameas/similarity/levenshtein.h"
#include "sameas/similarity/qgram.h"
#include "similarity/reference.h"

namespace sameas {
namespace {

constexpr double kTolerance = 1e-12;
constexpr MongeElkanInner kInners[] = {MongeElkanInner::kJaroWinkler, MongeElkanInner::kLevenshtein,
                                       MongeElkanInner::kIndel, MongeElkanInner::kJaccard2};

TEST(MongeElkan, EveryTokenFoundScoresOneOneWayOnly) {
  EXPECT_DOUBLE_EQ(MongeElkan("John Smith", "Smith Paul John"), 1.0);
  EXPECT_LT(MongeElkan("Smith Paul John", "John Smith"), 1.0);
  const MongeElkanOptions symmetric{.symmetric = true};
  EXPECT_DOUBLE_EQ(MongeElkan("John Smith", "Smith Paul John", symmetric),
                   MongeElkan("Smith Paul John", "John Smith", symmetric));
}

TEST(MongeElkan, IsTheMeanOfTheBestInnerScores) {
  // jon -> best of (john, smyth); smith -> best of (john, smyth).
  const double jon = std::max(JaroWinkler("jon", "john"), JaroWinkler("jon", "smyth"));
  const double smith = std::max(JaroWinkler("smith", "john"), JaroWinkler("smith", "smyth"));
  EXPECT_NEAR(MongeElkan("jon smith", "john smyth"), (jon + smith) / 2, kTolerance);
  const MongeElkanOptions levenshtein{.inner = MongeElkanInner::kLevenshtein};
  EXPECT_NEAR(MongeElkan(U"łukasz nowak", U"nowak lukasz", levenshtein),
              (LevenshteinSimilarity(U"łukasz", U"lukasz") + 1.0) / 2, kTolerance);
  const MongeElkanOptions indel{.inner = MongeElkanInner::kIndel};
  EXPECT_NEAR(MongeElkan("ann", "anne", indel), IndelSimilarity("ann", "anne"), kTolerance);
  const MongeElkanOptions jaccard{.inner = MongeElkanInner::kJaccard2};
  EXPECT_NEAR(MongeElkan("ann", "anne", jaccard), QGramJaccard("ann", "anne"), kTolerance);
}

TEST(MongeElkan, SymmetricIsTheMeanOfBothDirections) {
  const MongeElkanOptions symmetric{.symmetric = true};
  const double forward = MongeElkan("anna maria", "maria");
  const double backward = MongeElkan("maria", "anna maria");
  EXPECT_DOUBLE_EQ(backward, 1.0);
  EXPECT_NEAR(MongeElkan("anna maria", "maria", symmetric), (forward + backward) / 2, kTolerance);
}

TEST(MongeElkan, StringsWithoutTokens) {
  for (const MongeElkanInner inner : kInners) {
    for (const bool symmetric : {false, true}) {
      const MongeElkanOptions options{.inner = inner, .symmetric = symmetric};
      EXPECT_DOUBLE_EQ(MongeElkan("", "", options), 1.0);
      EXPECT_DOUBLE_EQ(MongeElkan(" \t", "", options), 1.0);
      EXPECT_DOUBLE_EQ(MongeElkan("", "john", options), 0.0);
      EXPECT_DOUBLE_EQ(MongeElkan(U"ж", U"  ", options), 0.0);
    }
  }
}

template <typename CharT>
void ExpectMongeElkanMatchesReference(std::vector<CharT> alphabet, unsigned seed, int pairs) {
  using View = std::basic_string_view<CharT>;
  reference::RandomStrings<CharT> random(std::move(alphabet), seed);
  constexpr size_t kMaxLengths[] = {0, 3, 8, 20, 40, 100};
  for (int p = 0; p < pairs; ++p) {
    const size_t max_length = kMaxLengths[random.Uniform(0, std::size(kMaxLengths) - 1)];
    const auto [a_string, b_string] = random.Pair(max_length);
    const View a = a_string;
    const View b = b_string;
    SCOPED_TRACE(reference::Printable(a) + " / " + reference::Printable(b));
    for (const MongeElkanInner inner : kInners) {
      for (const bool symmetric : {false, true}) {
        const MongeElkanOptions options{.inner = inner, .symmetric = symmetric};
        const auto reference_inner = static_cast<reference::MongeElkanInner>(inner);
        EXPECT_NEAR(MongeElkan(a, b, options),
                    reference::MongeElkan(a, b, reference_inner, symmetric), kTolerance)
            << "inner " << static_cast<int>(inner) << " symmetric " << symmetric;
      }
    }
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(MongeElkan, MatchesReferenceOnAsciiWords) {
  ExpectMongeElkanMatchesReference(reference::AsciiWordsAlphabet(), 80, 500);
}

TEST(MongeElkan, MatchesReferenceOnUnicodeWords) {
  ExpectMongeElkanMatchesReference(reference::UnicodeWordsAlphabet(), 81, 500);
}

}  // namespace
}  // namespace sameas
