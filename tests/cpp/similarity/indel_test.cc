#include "sameas/similarity/indel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sameas/internal/indel_impl.h"
#include "similarity/reference.h"

namespace sameas {
namespace {

constexpr size_t kNoCutoff = static_cast<size_t>(-1);

TEST(Indel, SubstitutionCostsTwo) {
  EXPECT_EQ(Indel("kitten", "sitting"), 5u);
  EXPECT_EQ(Indel(U"kitten", U"sitting"), 5u);
  EXPECT_EQ(Indel("a", "b"), 2u);
}

TEST(Indel, EmptyStringCostsTheOtherLength) {
  EXPECT_EQ(Indel("", ""), 0u);
  EXPECT_EQ(Indel("", "abc"), 3u);
  EXPECT_EQ(Indel(U"жёлтый", U""), 6u);
}

TEST(Indel, CutoffReturnsMaxDistancePlusOne) {
  EXPECT_EQ(Indel("kitten", "sitting", 5), 5u);
  EXPECT_EQ(Indel("kitten", "sitting", 4), 5u);
  EXPECT_EQ(Indel("kitten", "sitting", 0), 1u);
  EXPECT_EQ(Indel("ab", "abcdefgh", 5), 6u);  // lengths alone rule it out
  EXPECT_EQ(Indel("anna", "anna", 0), 0u);
  EXPECT_EQ(Indel("abc", "xyz", kNoCutoff), 6u);
  EXPECT_EQ(Indel("abc", "xyz", kNoCutoff - 1), 6u);
}

TEST(Indel, CountsOneCharacterPerCodePointNotPerByte) {
  EXPECT_EQ(Indel(U"müller", U"muller"), 2u);
  EXPECT_EQ(Indel("m\xc3\xbcller", "muller"), 3u);  // UTF-8 bytes: two out, one in
}

TEST(IndelSimilarity, IsTwiceLcsOverTotalLength) {
  EXPECT_DOUBLE_EQ(IndelSimilarity("kitten", "sitting"), 8.0 / 13.0);
  EXPECT_DOUBLE_EQ(IndelSimilarity("", ""), 1.0);
  EXPECT_DOUBLE_EQ(IndelSimilarity("", "a"), 0.0);
  EXPECT_DOUBLE_EQ(IndelSimilarity(U"王小明", U"王晓明"), 4.0 / 6.0);
}

TEST(Indel, CrossesWordBoundaries) {
  for (size_t length : {63u, 64u, 65u, 127u, 128u, 129u, 200u}) {
    std::string a(length, 'a');
    std::string b = a;
    b[0] = 'x';
    b[length / 2] = 'y';
    b.back() = 'z';
    EXPECT_EQ(Indel(a, b), 6u) << length;
    EXPECT_EQ(Indel(a, b + "q"), 7u) << length;
    EXPECT_EQ(Indel("q" + a, b), 7u) << length;
    EXPECT_EQ(Indel(a, std::string(length, 'b')), 2 * length) << length;
  }
}

TEST(CachedIndel, DeducesCharacterTypeAndMatchesFreeFunction) {
  CachedIndel bytes(std::string_view("kitten"));
  CachedIndel code_points(std::u32string_view(U"kitten"));
  static_assert(std::is_same_v<decltype(bytes), CachedIndel<char>>);
  static_assert(std::is_same_v<decltype(code_points), CachedIndel<char32_t>>);
  EXPECT_EQ(bytes.Distance("sitting"), 5u);
  EXPECT_EQ(bytes.Distance("sitting", 2), 3u);
  EXPECT_EQ(code_points.Distance(U"sitting"), 5u);
  EXPECT_DOUBLE_EQ(bytes.Similarity("sitting"), 8.0 / 13.0);
}

TEST(CachedIndel, SimilarityBelowCutoffIsZero) {
  CachedIndel scorer(std::string_view("kitten"));
  EXPECT_DOUBLE_EQ(scorer.Similarity("sitting", 0.6), 8.0 / 13.0);
  EXPECT_DOUBLE_EQ(scorer.Similarity("sitting", 0.62), 0.0);
  EXPECT_DOUBLE_EQ(scorer.Similarity("kitten", 1.0), 1.0);
  // Exactly at the cutoff counts: 1 - 2/8 = 0.75.
  CachedIndel anna(std::string_view("anna"));
  EXPECT_DOUBLE_EQ(anna.Similarity("anne", 0.75), 0.75);
}

// Produced by rapidfuzz 3.14.6: Indel.normalized_similarity.
struct RapidfuzzCase {
  std::string_view a;
  std::string_view b;
  double similarity;
};
constexpr RapidfuzzCase kRapidfuzzCases[] = {
    {"martha", "marhta", 0.8333333333333334},
    {"dwayne", "duane", 0.7272727272727273},
    {"dixon", "dicksonx", 0.6153846153846154},
    {"kitten", "sitting", 0.6153846153846154},
    {"jones", "johnson", 0.6666666666666667},
    {"abroms", "abrams", 0.8333333333333334},
    {"hardin", "martinez", 0.5714285714285714},
    {"itman", "smith", 0.4},
    {"jeraldine", "geraldine", 0.8888888888888888},
    {"michelle", "michael", 0.8},
    {"julies", "julius", 0.8333333333333334},
    {"tanya", "tonya", 0.8},
    {"sean", "susan", 0.6666666666666667},
    {"jon", "john", 0.8571428571428572},
    {"brookhaven", "brrokhaven", 0.9},
    {"shackleford", "shackelford", 0.9090909090909091},
    {"cunningham", "cunnigham", 0.9473684210526316},
    {"campell", "campbell", 0.9333333333333333},
    {"nichleson", "nichulson", 0.8888888888888888},
    {"massey", "massie", 0.8333333333333334},
    {"galloway", "calloway", 0.875},
    {"frederick", "fredric", 0.875},
    {"katherine", "catherine", 0.8888888888888888},
    {"christopher", "kristopher", 0.8571428571428572},
    {"stephen", "steven", 0.7692307692307692},
    {"mcdonald", "macdonald", 0.9411764705882353},
    {"o'connor", "oconnor", 0.9333333333333333},
    {"li", "lee", 0.4},
    {"ca", "abc", 0.4},
    {"ab", "ba", 0.5},
    {"", "abc", 0.0},
    {"", "", 1.0},
    {"alexandrovich", "aleksandrovich", 0.8888888888888888},
    {"smith", "smyth", 0.8},
    {"abcdef", "badcfe", 0.5},
    {"a cat", "an act", 0.7272727272727273},
};
struct RapidfuzzCase32 {
  std::u32string_view a;
  std::u32string_view b;
  double similarity;
};
constexpr RapidfuzzCase32 kRapidfuzzCases32[] = {
    {U"müller", U"muller", 0.8333333333333334},
    {U"łukasz", U"lukasz", 0.8333333333333334},
    {U"дмитрий", U"дмитри", 0.9230769230769231},
    {U"александр", U"алесандр", 0.9411764705882353},
    {U"王小明", U"王晓明", 0.6666666666666667},
    {U"josé maría", U"jose maria", 0.8},
    {U"søren", U"soren", 0.8},
    {U"françois", U"francois", 0.875},
    {U"gößmann", U"gosmann", 0.7142857142857143},
    {U"андрей", U"анрдей", 0.8333333333333334},
    {U"李小龙", U"小李龙", 0.6666666666666667},
};

TEST(IndelSimilarity, AgreesWithRapidfuzzOnNames) {
  for (const RapidfuzzCase& c : kRapidfuzzCases) {
    EXPECT_NEAR(IndelSimilarity(c.a, c.b), c.similarity, 1e-12) << c.a << " / " << c.b;
    EXPECT_NEAR(CachedIndel(c.a).Similarity(c.b), c.similarity, 1e-12) << c.a << " / " << c.b;
  }
  for (const RapidfuzzCase32& c : kRapidfuzzCases32) {
    EXPECT_NEAR(IndelSimilarity(c.a, c.b), c.similarity, 1e-12) << reference::Printable(c.a);
    EXPECT_NEAR(CachedIndel(c.a).Similarity(c.b), c.similarity, 1e-12) << reference::Printable(c.a);
  }
}

// On random pairs the kernels give exactly the LCS table's distance, with a cutoff exactly
// min(distance, cutoff + 1), in both argument orders, cached or not. Lengths run to 150, so
// queries take one, two or three words.
template <typename CharT>
void ExpectIndelMatchesReference(std::vector<CharT> alphabet, unsigned seed, int pairs) {
  using View = std::basic_string_view<CharT>;
  reference::RandomStrings<CharT> random(std::move(alphabet), seed);
  constexpr size_t kMaxLengths[] = {0, 3, 8, 20, 20, 64, 70, 150};
  for (int p = 0; p < pairs; ++p) {
    const size_t max_length = kMaxLengths[random.Uniform(0, std::size(kMaxLengths) - 1)];
    const auto [a_string, b_string] = random.Pair(max_length);
    const View a = a_string;
    const View b = b_string;
    SCOPED_TRACE(reference::Printable(a) + " / " + reference::Printable(b));

    const size_t indel = reference::Indel(a, b);
    const size_t cutoff = random.Uniform(0, indel + 3);
    const CachedIndel<CharT> cached_a(a);
    const CachedIndel<CharT> cached_b(b);
    EXPECT_EQ(Indel(a, b), indel);
    EXPECT_EQ(Indel(b, a), indel);
    EXPECT_EQ(Indel(a, b, cutoff), std::min(indel, cutoff + 1));
    EXPECT_EQ(Indel(b, a, cutoff), std::min(indel, cutoff + 1));
    EXPECT_EQ(cached_a.Distance(b), indel);
    EXPECT_EQ(cached_b.Distance(a), indel);
    EXPECT_EQ(cached_a.Distance(b, cutoff), std::min(indel, cutoff + 1));

    const double similarity = reference::IndelSimilarity(a, b);
    EXPECT_DOUBLE_EQ(IndelSimilarity(a, b), similarity);
    const double score_cutoff = static_cast<double>(random.Uniform(0, 100)) / 100.0;
    EXPECT_DOUBLE_EQ(cached_a.Similarity(b, score_cutoff),
                     similarity >= score_cutoff ? similarity : 0.0);
    if (::testing::Test::HasFailure()) return;  // one failing pair says enough
  }
}

TEST(Indel, MatchesLcsTableOnSmallAsciiAlphabet) {
  ExpectIndelMatchesReference(reference::SmallAsciiAlphabet(), 31, 4000);
}

TEST(Indel, MatchesLcsTableOnBinaryAlphabet) {
  ExpectIndelMatchesReference<char>({'a', 'b'}, 32, 2000);
}

TEST(Indel, MatchesLcsTableOnHighBytes) {
  ExpectIndelMatchesReference(reference::BytesAlphabet(), 33, 2000);
}

TEST(Indel, MatchesLcsTableOnLatinWithDiacritics) {
  ExpectIndelMatchesReference(reference::LatinDiacriticsAlphabet(), 34, 2000);
}

TEST(Indel, MatchesLcsTableOnCyrillic) {
  ExpectIndelMatchesReference(reference::CyrillicAlphabet(), 35, 2000);
}

TEST(Indel, MatchesLcsTableOnCjk) {
  ExpectIndelMatchesReference(reference::CjkAlphabet(), 36, 2000);
}

TEST(Indel, MatchesLcsTableOnManyDistinctCodePoints) {
  ExpectIndelMatchesReference(reference::WideAlphabet(), 37, 2000);
}

// The public functions strip the common affix first; the kernels must be exact without it.
TEST(LcsKernels, MatchLcsTableWithoutAffixStripping) {
  reference::RandomStrings<char> random(reference::SmallAsciiAlphabet(), 38);
  for (int p = 0; p < 2000; ++p) {
    const auto [a_string, b_string] = random.Pair(random.Uniform(0, 1) ? 200 : 64);
    const std::string_view a = a_string;
    const std::string_view b = b_string;
    if (a.empty()) continue;
    SCOPED_TRACE(reference::Printable(a) + " / " + reference::Printable(b));
    const size_t lcs = reference::Lcs(a, b);
    EXPECT_EQ(internal::LcsBlocks(internal::BlockPatternMasks<char>(a), b), lcs);
    if (a.size() <= internal::kWordBits) {
      EXPECT_EQ(internal::LcsHyyro(internal::PatternMasks<char>(a), b), lcs);
    }
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(LcsKernels, CarryCrossesEveryWord) {
  // A match in the bottom row of each of three words at once makes the add carry through.
  const std::string a(192, 'a');
  EXPECT_EQ(internal::LcsBlocks(internal::BlockPatternMasks<char>(a), std::string_view(a)), 192u);
  const std::string b = std::string(100, 'b') + a + std::string(100, 'b');
  EXPECT_EQ(internal::LcsBlocks(internal::BlockPatternMasks<char>(b), std::string_view(a)), 192u);
}

}  // namespace
}  // namespace sameas
