#include "sameas/similarity/jaro_winkler.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sameas/internal/jaro_impl.h"
#include "similarity/reference.h"

namespace sameas {
namespace {

constexpr double kTolerance = 1e-12;

TEST(JaroWinkler, KnownValuesFromWinkler) {
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.961111111111111, kTolerance);
  EXPECT_NEAR(JaroWinkler("dwayne", "duane"), 0.84, kTolerance);
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.813333333333333, kTolerance);
  EXPECT_NEAR(Jaro("martha", "marhta"), 17.0 / 18.0, kTolerance);
}

TEST(JaroWinkler, TransposedLettersScoreBelowOne) {
  EXPECT_LT(JaroWinkler("martha", "marhta"), 1.0);
  EXPECT_LT(Jaro(U"андрей", U"анрдей"), 1.0);
}

TEST(JaroWinkler, IdenticalStringsScoreOne) {
  EXPECT_DOUBLE_EQ(JaroWinkler("anna", "anna"), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler(U"王小明", U"王小明"), 1.0);
}

TEST(Jaro, TwoEmptyStringsScoreOneAndOneEmptyScoresZero) {
  EXPECT_DOUBLE_EQ(Jaro("", ""), 1.0);
  EXPECT_DOUBLE_EQ(Jaro("", "a"), 0.0);
  EXPECT_DOUBLE_EQ(Jaro("a", ""), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler(U"", U""), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler(U"", U"ж"), 0.0);
}

TEST(Jaro, MatchWindowIsHalfTheLongerLengthMinusOne) {
  // Two characters: window 0, so swapped letters share no match.
  EXPECT_DOUBLE_EQ(Jaro("ab", "ba"), 0.0);
  EXPECT_DOUBLE_EQ(Jaro("a", "a"), 1.0);
  // Four characters: window 1. 'a' is two away from its partner and does not match.
  EXPECT_NEAR(Jaro("abcx", "bcax"), (0.75 + 0.75 + 1.0) / 3.0, kTolerance);
  // Six characters: window 2, so 'a' now matches two positions away.
  EXPECT_GT(Jaro("abcdef", "bcadef"), 0.9);
}

TEST(Jaro, HalfTheTranspositionsRoundsDown) {
  // Matched in order: abcdef against bcadef, three positions differ; t = 3 / 2 = 1.
  EXPECT_NEAR(Jaro("abcdef", "bcadef"), (1.0 + 1.0 + 5.0 / 6.0) / 3.0, kTolerance);
}

TEST(JaroWinkler, BoostsOnlyAboveThreshold) {
  // Jaro("li", "lee") = 0.611 <= 0.7: the shared "l" earns nothing.
  EXPECT_DOUBLE_EQ(JaroWinkler("li", "lee"), Jaro("li", "lee"));
  EXPECT_GT(JaroWinkler("li", "lee", 0.1, 0.5), Jaro("li", "lee"));
}

TEST(JaroWinkler, CountsAtMostFourPrefixCharacters) {
  const double jaro = Jaro("abcdefgx", "abcdefgy");
  EXPECT_NEAR(JaroWinkler("abcdefgx", "abcdefgy"), jaro + 4 * 0.1 * (1 - jaro), kTolerance);
}

TEST(CachedJaroWinkler, DeducesCharacterTypeAndMatchesFreeFunction) {
  CachedJaroWinkler bytes(std::string_view("martha"));
  CachedJaroWinkler code_points(std::u32string_view(U"martha"), 0.2);
  static_assert(std::is_same_v<decltype(bytes), CachedJaroWinkler<char>>);
  static_assert(std::is_same_v<decltype(code_points), CachedJaroWinkler<char32_t>>);
  EXPECT_DOUBLE_EQ(bytes.Similarity("marhta"), JaroWinkler("martha", "marhta"));
  EXPECT_DOUBLE_EQ(code_points.Similarity(U"marhta"), JaroWinkler(U"martha", U"marhta", 0.2));
}

TEST(CachedJaroWinkler, ZeroPrefixWeightGivesJaro) {
  CachedJaroWinkler scorer(std::string_view("dixon"), 0.0);
  EXPECT_DOUBLE_EQ(scorer.Similarity("dicksonx"), Jaro("dixon", "dicksonx"));
}

TEST(CachedJaroWinkler, ScoreBelowCutoffIsZero) {
  CachedJaroWinkler scorer(std::string_view("dwayne"));
  EXPECT_NEAR(scorer.Similarity("duane", 0.84 - 1e-9), 0.84, kTolerance);
  EXPECT_DOUBLE_EQ(scorer.Similarity("duane", 0.85), 0.0);
  // Lengths too far apart to reach the cutoff.
  EXPECT_DOUBLE_EQ(scorer.Similarity("d", 0.9), 0.0);
}

TEST(CachedJaroWinkler, HandlesQueriesLongerThanOneWord) {
  const std::string query = std::string(70, 'a') + "bc";
  const std::string candidate = std::string(70, 'a') + "cb";
  CachedJaroWinkler scorer{std::string_view(query)};
  EXPECT_DOUBLE_EQ(scorer.Similarity(candidate), JaroWinkler(query, candidate));
}

// Produced by rapidfuzz 3.14.6: Jaro.similarity and JaroWinkler.similarity.
struct RapidfuzzCase {
  std::string_view a;
  std::string_view b;
  double jaro;
  double jaro_winkler;
};
constexpr RapidfuzzCase kRapidfuzzCases[] = {
    {"martha", "marhta", 0.94444444444444453, 0.96111111111111114},
    {"dwayne", "duane", 0.8222222222222223, 0.84000000000000008},
    {"dixon", "dicksonx", 0.76666666666666661, 0.81333333333333324},
    {"kitten", "sitting", 0.74603174603174605, 0.74603174603174605},
    {"jones", "johnson", 0.79047619047619044, 0.83238095238095233},
    {"abroms", "abrams", 0.88888888888888895, 0.92222222222222228},
    {"hardin", "martinez", 0.72222222222222221, 0.72222222222222221},
    {"itman", "smith", 0.46666666666666662, 0.46666666666666662},
    {"jeraldine", "geraldine", 0.92592592592592593, 0.92592592592592593},
    {"michelle", "michael", 0.86904761904761907, 0.92142857142857149},
    {"julies", "julius", 0.88888888888888895, 0.93333333333333335},
    {"tanya", "tonya", 0.8666666666666667, 0.88},
    {"sean", "susan", 0.78333333333333333, 0.80499999999999994},
    {"jon", "john", 0.91666666666666663, 0.93333333333333335},
    {"brookhaven", "brrokhaven", 0.93333333333333324, 0.94666666666666655},
    {"shackleford", "shackelford", 0.96969696969696972, 0.98181818181818181},
    {"cunningham", "cunnigham", 0.96666666666666667, 0.97999999999999998},
    {"campell", "campbell", 0.95833333333333337, 0.97499999999999998},
    {"nichleson", "nichulson", 0.92592592592592593, 0.9555555555555556},
    {"massey", "massie", 0.88888888888888895, 0.93333333333333335},
    {"galloway", "calloway", 0.91666666666666663, 0.91666666666666663},
    {"lampley", "campley", 0.90476190476190477, 0.90476190476190477},
    {"frederick", "fredric", 0.92592592592592593, 0.9555555555555556},
    {"katherine", "catherine", 0.92592592592592593, 0.92592592592592593},
    {"christopher", "kristopher", 0.90606060606060612, 0.90606060606060612},
    {"stephen", "steven", 0.84920634920634919, 0.89444444444444449},
    {"mcdonald", "macdonald", 0.96296296296296291, 0.96666666666666656},
    {"o'connor", "oconnor", 0.95833333333333337, 0.96250000000000002},
    {"ann marie", "annmarie", 0.96296296296296291, 0.97407407407407409},
    {"li", "lee", 0.61111111111111105, 0.61111111111111105},
    {"a", "b", 0, 0},
    {"ab", "ba", 0, 0},
    {"", "abc", 0, 0},
    {"alexandrovich", "aleksandrovich", 0.92673992673992667, 0.94871794871794868},
    {"muller", "mueller", 0.89682539682539686, 0.91746031746031753},
    {"smith", "smyth", 0.8666666666666667, 0.89333333333333331},
};
struct RapidfuzzCase32 {
  std::u32string_view a;
  std::u32string_view b;
  double jaro;
  double jaro_winkler;
};
constexpr RapidfuzzCase32 kRapidfuzzCases32[] = {
    {U"müller", U"muller", 0.88888888888888895, 0.90000000000000002},
    {U"łukasz", U"lukasz", 0.88888888888888895, 0.88888888888888895},
    {U"дмитрий", U"дмитри", 0.95238095238095244, 0.97142857142857142},
    {U"александр", U"алесандр", 0.96296296296296291, 0.97407407407407409},
    {U"王小明", U"王晓明", 0.77777777777777768, 0.79999999999999993},
    {U"josé maría", U"jose maria", 0.8666666666666667, 0.90666666666666673},
    {U"søren", U"soren", 0.8666666666666667, 0.88},
    {U"françois", U"francois", 0.91666666666666663, 0.94999999999999996},
};

TEST(JaroWinkler, AgreesWithRapidfuzzOnNames) {
  for (const RapidfuzzCase& c : kRapidfuzzCases) {
    EXPECT_NEAR(Jaro(c.a, c.b), c.jaro, kTolerance) << c.a << " / " << c.b;
    EXPECT_NEAR(JaroWinkler(c.a, c.b), c.jaro_winkler, kTolerance) << c.a << " / " << c.b;
    EXPECT_NEAR(CachedJaroWinkler(c.a).Similarity(c.b), c.jaro_winkler, kTolerance)
        << c.a << " / " << c.b;
  }
  for (const RapidfuzzCase32& c : kRapidfuzzCases32) {
    EXPECT_NEAR(Jaro(c.a, c.b), c.jaro, kTolerance) << reference::Printable(c.a);
    EXPECT_NEAR(JaroWinkler(c.a, c.b), c.jaro_winkler, kTolerance) << reference::Printable(c.a);
    EXPECT_NEAR(CachedJaroWinkler(c.a).Similarity(c.b), c.jaro_winkler, kTolerance)
        << reference::Printable(c.a);
  }
}

// The property tests: on random pairs the kernels agree with the definition to 1e-12 in both
// argument orders, cached or not, and a cached scorer with a cutoff returns the score when it
// reaches the cutoff and 0 otherwise. Lengths run from 0 to 150, crossing the 64-character
// bit-parallel limit.
template <typename CharT>
void ExpectJaroMatchesReference(std::vector<CharT> alphabet, unsigned seed, int pairs) {
  using View = std::basic_string_view<CharT>;
  reference::RandomStrings<CharT> random(std::move(alphabet), seed);
  constexpr size_t kMaxLengths[] = {0, 3, 8, 15, 20, 64, 70, 150};
  for (int p = 0; p < pairs; ++p) {
    const size_t max_length = kMaxLengths[random.Uniform(0, std::size(kMaxLengths) - 1)];
    const auto [a_string, b_string] = random.Pair(max_length);
    const View a = a_string;
    const View b = b_string;
    SCOPED_TRACE(reference::Printable(a) + " / " + reference::Printable(b));

    const double jaro = reference::Jaro(a, b);
    const double jaro_winkler = reference::JaroWinkler(a, b);
    EXPECT_NEAR(Jaro(a, b), jaro, kTolerance);
    EXPECT_NEAR(Jaro(b, a), jaro, kTolerance);
    EXPECT_NEAR(JaroWinkler(a, b), jaro_winkler, kTolerance);
    EXPECT_NEAR(JaroWinkler(b, a), jaro_winkler, kTolerance);
    EXPECT_NEAR(JaroWinkler(a, b, 0.2, 0.5), reference::JaroWinkler(a, b, 0.2, 0.5), kTolerance);

    if (!a.empty() && !b.empty()) {  // the long-string kernel, whatever the lengths
      EXPECT_NEAR(internal::JaroPlain(a, b, 0.0), jaro, kTolerance);
      EXPECT_NEAR(internal::JaroPlain(b, a, 0.0), jaro, kTolerance);
    }

    const CachedJaroWinkler<CharT> cached(a);
    EXPECT_NEAR(cached.Similarity(b), jaro_winkler, kTolerance);
    EXPECT_NEAR(CachedJaroWinkler<CharT>(b).Similarity(a), jaro_winkler, kTolerance);
    // Cutoffs near the score, where pruning could go wrong, and anywhere.
    const double cutoffs[] = {jaro_winkler - 0.01, jaro_winkler + 0.01,
                              static_cast<double>(random.Uniform(0, 100)) / 100.0};
    for (double cutoff : cutoffs) {
      if (std::abs(cutoff - jaro_winkler) < 1e-9) continue;  // too close to call
      EXPECT_NEAR(cached.Similarity(b, cutoff), jaro_winkler >= cutoff ? jaro_winkler : 0.0,
                  kTolerance)
          << "cutoff " << cutoff;
    }
    if (::testing::Test::HasFailure()) return;  // one failing pair says enough
  }
}

TEST(Jaro, MatchesDefinitionOnSmallAsciiAlphabet) {
  ExpectJaroMatchesReference(reference::SmallAsciiAlphabet(), 11, 4000);
}

TEST(Jaro, MatchesDefinitionOnBinaryAlphabet) {
  ExpectJaroMatchesReference<char>({'a', 'b'}, 12, 2000);
}

TEST(Jaro, MatchesDefinitionOnHighBytes) {
  ExpectJaroMatchesReference(reference::BytesAlphabet(), 13, 2000);
}

TEST(Jaro, MatchesDefinitionOnLatinWithDiacritics) {
  ExpectJaroMatchesReference(reference::LatinDiacriticsAlphabet(), 14, 2000);
}

TEST(Jaro, MatchesDefinitionOnCyrillic) {
  ExpectJaroMatchesReference(reference::CyrillicAlphabet(), 15, 2000);
}

TEST(Jaro, MatchesDefinitionOnCjk) {
  ExpectJaroMatchesReference(reference::CjkAlphabet(), 16, 2000);
}

TEST(Jaro, MatchesDefinitionOnManyDistinctCodePoints) {
  ExpectJaroMatchesReference(reference::WideAlphabet(), 17, 2000);
}

}  // namespace
}  // namespace sameas
