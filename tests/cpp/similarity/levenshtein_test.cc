#include "sameas/similarity/levenshtein.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sameas/internal/levenshtein_impl.h"
#include "similarity/reference.h"

namespace sameas {
namespace {

constexpr size_t kNoCutoff = static_cast<size_t>(-1);

TEST(Levenshtein, KittenToSittingIsThree) {
  EXPECT_EQ(Levenshtein("kitten", "sitting"), 3u);
  EXPECT_EQ(Levenshtein(U"kitten", U"sitting"), 3u);
}

TEST(Levenshtein, EmptyStringCostsTheOtherLength) {
  EXPECT_EQ(Levenshtein("", ""), 0u);
  EXPECT_EQ(Levenshtein("", "abc"), 3u);
  EXPECT_EQ(Levenshtein("abc", ""), 3u);
  EXPECT_EQ(Levenshtein(U"", U"жёлтый"), 6u);
}

TEST(Levenshtein, IdenticalStringsAreZeroApartEvenWithZeroCutoff) {
  EXPECT_EQ(Levenshtein("anna", "anna", 0), 0u);
  EXPECT_EQ(Levenshtein("anna", "anne", 0), 1u);
}

TEST(Levenshtein, CutoffReturnsMaxDistancePlusOne) {
  EXPECT_EQ(Levenshtein("kitten", "sitting", 3), 3u);
  EXPECT_EQ(Levenshtein("kitten", "sitting", 2), 3u);
  EXPECT_EQ(Levenshtein("kitten", "sitting", 1), 2u);
  EXPECT_EQ(Levenshtein("kitten", "sitting", 0), 1u);
  // Lengths alone rule it out.
  EXPECT_EQ(Levenshtein("ab", "abcdefgh", 2), 3u);
}

TEST(Levenshtein, CountsOneCharacterPerCodePointNotPerByte) {
  EXPECT_EQ(Levenshtein(U"müller", U"muller"), 1u);
  EXPECT_EQ(Levenshtein("m\xc3\xbcller", "muller"), 2u);  // UTF-8 bytes
}

TEST(Levenshtein, CrossesWordBoundaries) {
  // Patterns of 63..130 characters: one, two and three 64-bit words.
  for (size_t length : {63u, 64u, 65u, 127u, 128u, 129u, 130u}) {
    std::string a(length, 'a');
    std::string b = a;
    b[0] = 'x';
    b[length / 2] = 'y';
    b.back() = 'z';
    EXPECT_EQ(Levenshtein(a, b), 3u) << length;
    EXPECT_EQ(Levenshtein(a, b + "q"), 4u) << length;
    EXPECT_EQ(Levenshtein(a, "q" + b), 4u) << length;
    EXPECT_EQ(Levenshtein(a, std::string(length, 'b')), length) << length;
  }
}

TEST(OsaDistance, TransposedNeighboursCostOne) {
  EXPECT_EQ(OsaDistance("ab", "ba"), 1u);
  EXPECT_EQ(Levenshtein("ab", "ba"), 2u);
  EXPECT_EQ(OsaDistance("shackleford", "shackelford"), 1u);
}

TEST(OsaDistance, EditsNoSubstringTwiceUnlikeUnrestrictedDamerau) {
  // Unrestricted Damerau-Levenshtein gives 2 (ca -> ac -> abc); OSA may not insert between
  // transposed characters.
  EXPECT_EQ(OsaDistance("ca", "abc"), 3u);
  EXPECT_EQ(OsaDistance(U"ca", U"abc"), 3u);
}

TEST(OsaDistance, CutoffReturnsMaxDistancePlusOne) {
  EXPECT_EQ(OsaDistance("abcdef", "badcfe", 3), 3u);
  EXPECT_EQ(OsaDistance("abcdef", "badcfe", 2), 3u);
  EXPECT_EQ(OsaDistance("abcdef", "badcfe", 0), 1u);
}

TEST(LevenshteinSimilarity, IsOneMinusDistanceOverLongerLength) {
  EXPECT_DOUBLE_EQ(LevenshteinSimilarity("kitten", "sitting"), 1.0 - 3.0 / 7.0);
  EXPECT_DOUBLE_EQ(LevenshteinSimilarity("", ""), 1.0);
  EXPECT_DOUBLE_EQ(LevenshteinSimilarity("", "abc"), 0.0);
  EXPECT_DOUBLE_EQ(LevenshteinSimilarity("abc", "abc"), 1.0);
  EXPECT_DOUBLE_EQ(LevenshteinSimilarity(U"søren", U"soren"), 0.8);
}

TEST(CachedLevenshtein, DeducesCharacterTypeAndMatchesFreeFunction) {
  CachedLevenshtein bytes(std::string_view("kitten"));
  CachedLevenshtein code_points(std::u32string_view(U"kitten"));
  static_assert(std::is_same_v<decltype(bytes), CachedLevenshtein<char>>);
  static_assert(std::is_same_v<decltype(code_points), CachedLevenshtein<char32_t>>);
  EXPECT_EQ(bytes.Distance("sitting"), 3u);
  EXPECT_EQ(bytes.Distance("sitting", 1), 2u);
  EXPECT_EQ(code_points.Distance(U"sitting"), 3u);
  EXPECT_DOUBLE_EQ(bytes.Similarity("sitting"), 1.0 - 3.0 / 7.0);
}

TEST(CachedLevenshtein, SimilarityBelowCutoffIsZero) {
  CachedLevenshtein scorer(std::string_view("kitten"));
  EXPECT_DOUBLE_EQ(scorer.Similarity("sitting", 0.5), 1.0 - 3.0 / 7.0);
  EXPECT_DOUBLE_EQ(scorer.Similarity("sitting", 0.6), 0.0);
  EXPECT_DOUBLE_EQ(scorer.Similarity("kitten", 1.0), 1.0);
  // Exactly at the cutoff counts: 1 - 1/4 = 0.75.
  CachedLevenshtein anna(std::string_view("anna"));
  EXPECT_DOUBLE_EQ(anna.Similarity("anne", 0.75), 0.75);
}

// Produced by rapidfuzz 3.14.6: Levenshtein.distance and OSA.distance.
struct RapidfuzzCase {
  std::string_view a;
  std::string_view b;
  size_t levenshtein;
  size_t osa;
};
constexpr RapidfuzzCase kRapidfuzzCases[] = {
    {"martha", "marhta", 2, 1},
    {"dwayne", "duane", 2, 2},
    {"dixon", "dicksonx", 4, 4},
    {"kitten", "sitting", 3, 3},
    {"jones", "johnson", 4, 4},
    {"abroms", "abrams", 1, 1},
    {"hardin", "martinez", 4, 4},
    {"itman", "smith", 5, 5},
    {"jeraldine", "geraldine", 1, 1},
    {"michelle", "michael", 3, 3},
    {"julies", "julius", 1, 1},
    {"tanya", "tonya", 1, 1},
    {"sean", "susan", 2, 2},
    {"jon", "john", 1, 1},
    {"brookhaven", "brrokhaven", 1, 1},
    {"shackleford", "shackelford", 2, 1},
    {"cunningham", "cunnigham", 1, 1},
    {"campell", "campbell", 1, 1},
    {"nichleson", "nichulson", 2, 2},
    {"massey", "massie", 2, 2},
    {"galloway", "calloway", 1, 1},
    {"lampley", "campley", 1, 1},
    {"frederick", "fredric", 2, 2},
    {"katherine", "catherine", 1, 1},
    {"christopher", "kristopher", 2, 2},
    {"stephen", "steven", 2, 2},
    {"mcdonald", "macdonald", 1, 1},
    {"o'connor", "oconnor", 1, 1},
    {"ann marie", "annmarie", 1, 1},
    {"li", "lee", 2, 2},
    {"a", "b", 1, 1},
    {"ab", "ba", 2, 1},
    {"", "abc", 3, 3},
    {"alexandrovich", "aleksandrovich", 2, 2},
    {"muller", "mueller", 1, 1},
    {"smith", "smyth", 1, 1},
};
struct RapidfuzzCase32 {
  std::u32string_view a;
  std::u32string_view b;
  size_t levenshtein;
  size_t osa;
};
constexpr RapidfuzzCase32 kRapidfuzzCases32[] = {
    {U"müller", U"muller", 1, 1},  {U"łukasz", U"lukasz", 1, 1},
    {U"дмитрий", U"дмитри", 1, 1}, {U"александр", U"алесандр", 1, 1},
    {U"王小明", U"王晓明", 1, 1},  {U"josé maría", U"jose maria", 2, 2},
    {U"søren", U"soren", 1, 1},    {U"françois", U"francois", 1, 1},
};

TEST(Levenshtein, AgreesWithRapidfuzzOnNames) {
  for (const RapidfuzzCase& c : kRapidfuzzCases) {
    EXPECT_EQ(Levenshtein(c.a, c.b), c.levenshtein) << c.a << " / " << c.b;
    EXPECT_EQ(OsaDistance(c.a, c.b), c.osa) << c.a << " / " << c.b;
    EXPECT_EQ(CachedLevenshtein(c.a).Distance(c.b), c.levenshtein) << c.a << " / " << c.b;
    EXPECT_EQ(CachedOsa(c.a).Distance(c.b), c.osa) << c.a << " / " << c.b;
  }
  for (const RapidfuzzCase32& c : kRapidfuzzCases32) {
    EXPECT_EQ(Levenshtein(c.a, c.b), c.levenshtein) << reference::Printable(c.a);
    EXPECT_EQ(OsaDistance(c.a, c.b), c.osa) << reference::Printable(c.a);
    EXPECT_EQ(CachedLevenshtein(c.a).Distance(c.b), c.levenshtein) << reference::Printable(c.a);
    EXPECT_EQ(CachedOsa(c.a).Distance(c.b), c.osa) << reference::Printable(c.a);
  }
}

// The property tests: on random pairs the kernels give exactly the full DP's distance, and
// with a cutoff exactly min(distance, cutoff + 1), in both argument orders, cached or not.
// Lengths run from 0 to 150, so patterns take one, two or three words (and OSA its DP).
template <typename CharT>
void ExpectEditDistancesMatchReference(std::vector<CharT> alphabet, unsigned seed, int pairs) {
  using View = std::basic_string_view<CharT>;
  reference::RandomStrings<CharT> random(std::move(alphabet), seed);
  constexpr size_t kMaxLengths[] = {0, 3, 8, 20, 20, 64, 70, 150};
  for (int p = 0; p < pairs; ++p) {
    const size_t max_length = kMaxLengths[random.Uniform(0, std::size(kMaxLengths) - 1)];
    const auto [a_string, b_string] = random.Pair(max_length);
    const View a = a_string;
    const View b = b_string;
    SCOPED_TRACE(reference::Printable(a) + " / " + reference::Printable(b));

    const size_t levenshtein = reference::Levenshtein(a, b);
    const size_t osa = reference::Osa(a, b);
    const size_t lev_cutoff = random.Uniform(0, levenshtein + 3);
    const size_t osa_cutoff = random.Uniform(0, osa + 3);
    const CachedLevenshtein<CharT> cached_levenshtein(a);
    const CachedOsa<CharT> cached_osa(a);

    EXPECT_EQ(Levenshtein(a, b), levenshtein);
    EXPECT_EQ(Levenshtein(b, a), levenshtein);
    EXPECT_EQ(Levenshtein(a, b, lev_cutoff), std::min(levenshtein, lev_cutoff + 1));
    EXPECT_EQ(Levenshtein(b, a, lev_cutoff), std::min(levenshtein, lev_cutoff + 1));
    EXPECT_EQ(cached_levenshtein.Distance(b), levenshtein);
    EXPECT_EQ(cached_levenshtein.Distance(b, lev_cutoff), std::min(levenshtein, lev_cutoff + 1));

    EXPECT_EQ(OsaDistance(a, b), osa);
    EXPECT_EQ(OsaDistance(b, a), osa);
    EXPECT_EQ(OsaDistance(a, b, osa_cutoff), std::min(osa, osa_cutoff + 1));
    EXPECT_EQ(OsaDistance(b, a, osa_cutoff), std::min(osa, osa_cutoff + 1));
    EXPECT_EQ(cached_osa.Distance(b), osa);
    EXPECT_EQ(cached_osa.Distance(b, osa_cutoff), std::min(osa, osa_cutoff + 1));

    const size_t longer = std::max(a.size(), b.size());
    const double similarity =
        longer == 0 ? 1.0 : 1.0 - static_cast<double>(levenshtein) / static_cast<double>(longer);
    EXPECT_DOUBLE_EQ(LevenshteinSimilarity(a, b), similarity);
    const double cutoff = static_cast<double>(random.Uniform(0, 100)) / 100.0;
    EXPECT_DOUBLE_EQ(cached_levenshtein.Similarity(b, cutoff),
                     similarity >= cutoff ? similarity : 0.0);
    if (::testing::Test::HasFailure()) return;  // one failing pair says enough
  }
}

// Any non-negative cutoff must be safe, however large.
TEST(Levenshtein, HugeCutoffsDoNotOverflow) {
  EXPECT_EQ(Levenshtein("abc", "xyz", kNoCutoff), 3u);
  EXPECT_EQ(Levenshtein("abc", "xyz", kNoCutoff - 1), 3u);
  EXPECT_EQ(OsaDistance("abc", "xyz", kNoCutoff), 3u);
  EXPECT_EQ(Levenshtein(std::string(100, 'a'), std::string(90, 'b'), kNoCutoff), 100u);
  EXPECT_EQ(OsaDistance(std::string(100, 'a'), std::string(90, 'b'), kNoCutoff), 100u);
}

TEST(EditDistances, MatchFullDpOnSmallAsciiAlphabet) {
  ExpectEditDistancesMatchReference(reference::SmallAsciiAlphabet(), 1, 4000);
}

TEST(EditDistances, MatchFullDpOnBinaryAlphabet) {
  ExpectEditDistancesMatchReference<char>({'a', 'b'}, 2, 2000);
}

TEST(EditDistances, MatchFullDpOnHighBytes) {
  ExpectEditDistancesMatchReference(reference::BytesAlphabet(), 3, 2000);
}

TEST(EditDistances, MatchFullDpOnLatinWithDiacritics) {
  ExpectEditDistancesMatchReference(reference::LatinDiacriticsAlphabet(), 4, 2000);
}

TEST(EditDistances, MatchFullDpOnCyrillic) {
  ExpectEditDistancesMatchReference(reference::CyrillicAlphabet(), 5, 2000);
}

TEST(EditDistances, MatchFullDpOnCjk) {
  ExpectEditDistancesMatchReference(reference::CjkAlphabet(), 6, 2000);
}

TEST(EditDistances, MatchFullDpOnManyDistinctCodePoints) {
  ExpectEditDistancesMatchReference(reference::WideAlphabet(), 7, 2000);
}

// The public functions strip the common prefix and suffix first, which keeps optimal paths
// away from some corners of the kernels (the band edge of the OSA programme, patterns longer
// than the text). Called directly on raw pairs, each kernel must still be exact.
template <typename CharT>
void ExpectKernelsMatchReferenceWithoutStripping(std::vector<CharT> alphabet, unsigned seed,
                                                 int pairs) {
  using View = std::basic_string_view<CharT>;
  reference::RandomStrings<CharT> random(std::move(alphabet), seed);
  for (int p = 0; p < pairs; ++p) {
    const auto [a_string, b_string] = random.Pair(random.Uniform(0, 1) ? 150 : 64);
    const View a = a_string;
    const View b = b_string;
    if (a.empty()) continue;
    SCOPED_TRACE(reference::Printable(a) + " / " + reference::Printable(b));
    const size_t levenshtein = reference::Levenshtein(a, b);
    const size_t osa = reference::Osa(a, b);
    const size_t longer = std::max(a.size(), b.size());
    for (size_t cutoff :
         {levenshtein, levenshtein - (levenshtein > 0), longer, random.Uniform(0, longer)}) {
      EXPECT_EQ(internal::LevenshteinMyersBlocks(internal::BlockPatternMasks<CharT>(a), a.size(), b,
                                                 cutoff),
                std::min(levenshtein, cutoff + 1))
          << "cutoff " << cutoff;
      if (a.size() <= internal::kWordBits) {
        EXPECT_EQ(internal::LevenshteinHyyro(internal::PatternMasks<CharT>(a), a.size(), b, cutoff),
                  std::min(levenshtein, cutoff + 1))
            << "cutoff " << cutoff;
      }
    }
    for (size_t cutoff : {osa, osa - (osa > 0), longer, random.Uniform(0, longer)}) {
      EXPECT_EQ(internal::OsaBandedDp(a, b, cutoff), std::min(osa, cutoff + 1))
          << "cutoff " << cutoff;
      if (a.size() <= internal::kWordBits) {
        EXPECT_EQ(internal::OsaHyyro(internal::PatternMasks<CharT>(a), a.size(), b, cutoff),
                  std::min(osa, cutoff + 1))
            << "cutoff " << cutoff;
      }
    }
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(EditDistanceKernels, MatchFullDpWithoutAffixStrippingOnAscii) {
  ExpectKernelsMatchReferenceWithoutStripping(reference::SmallAsciiAlphabet(), 21, 2000);
}

TEST(EditDistanceKernels, MatchFullDpWithoutAffixStrippingOnCyrillic) {
  ExpectKernelsMatchReferenceWithoutStripping(reference::CyrillicAlphabet(), 22, 1000);
}

TEST(EditDistanceKernels, OsaBandReachesTheCutoffDiagonal) {
  // The only optimal path inserts three characters first and then runs down the diagonal
  // |i - j| = 3, the edge of the band for a cutoff of 3.
  const std::string a(70, 'a');
  const std::string b = "bbb" + a;
  EXPECT_EQ(internal::OsaBandedDp<char>(a, b, 3), 3u);
  EXPECT_EQ(internal::OsaBandedDp<char>(b, a, 3), 3u);
  EXPECT_EQ(internal::OsaBandedDp<char>(a, b, 2), 3u);
}

}  // namespace
}  // namespace sameas
