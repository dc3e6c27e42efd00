#include "sameas/similarity/hamming.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "similarity/reference.h"

namespace sameas {
namespace {

TEST(Hamming, CountsDifferingPositions) {
  EXPECT_EQ(Hamming("karolin", "kathrin"), 3u);
  EXPECT_EQ(Hamming("1011101", "1001001"), 2u);
  EXPECT_EQ(Hamming(U"łódź", U"lodz"), 3u);
  EXPECT_EQ(Hamming("", ""), 0u);
}

TEST(Hamming, CountsTheLongerTailAsMismatches) {
  EXPECT_EQ(Hamming("abc", "abcde"), 2u);
  EXPECT_EQ(Hamming("abc", "xbcde"), 3u);
  EXPECT_EQ(Hamming("", "abc"), 3u);
  EXPECT_EQ(Hamming(U"abcde", U"abc"), 2u);
}

TEST(Hamming, CountsEachDifferingByteOnceInEveryWordPosition) {
  // Differences at every offset of the 8-byte words, including bytes that differ only in
  // their high bit or only in the low seven.
  const std::string a(40, 'a');
  for (size_t i = 0; i < a.size(); ++i) {
    for (char c : {'\xe1', 'b', '\x80', '\x00'}) {
      std::string b = a;
      b[i] = c;
      EXPECT_EQ(Hamming(a, b), 1u) << i;
    }
  }
  EXPECT_EQ(Hamming(std::string(33, '\x00'), std::string(33, '\xff')), 33u);
}

// Produced by rapidfuzz 3.14.6: Hamming.distance (pad=True).
struct RapidfuzzCase {
  std::string_view a;
  std::string_view b;
  size_t distance;
};
constexpr RapidfuzzCase kRapidfuzzCases[] = {
    {"martha", "marhta", 2},
    {"dwayne", "duane", 4},
    {"dixon", "dicksonx", 6},
    {"kitten", "sitting", 3},
    {"jones", "johnson", 4},
    {"abroms", "abrams", 1},
    {"hardin", "martinez", 4},
    {"itman", "smith", 5},
    {"jeraldine", "geraldine", 1},
    {"michelle", "michael", 3},
    {"julies", "julius", 1},
    {"tanya", "tonya", 1},
    {"sean", "susan", 4},
    {"jon", "john", 2},
    {"brookhaven", "brrokhaven", 1},
    {"shackleford", "shackelford", 2},
    {"cunningham", "cunnigham", 5},
    {"campell", "campbell", 3},
    {"nichleson", "nichulson", 2},
    {"massey", "massie", 2},
    {"galloway", "calloway", 1},
    {"frederick", "fredric", 5},
    {"katherine", "catherine", 1},
    {"christopher", "kristopher", 11},
    {"stephen", "steven", 4},
    {"mcdonald", "macdonald", 8},
    {"o'connor", "oconnor", 6},
    {"li", "lee", 2},
    {"ca", "abc", 3},
    {"ab", "ba", 2},
    {"", "abc", 3},
    {"", "", 0},
    {"alexandrovich", "aleksandrovich", 11},
    {"smith", "smyth", 1},
    {"abcdef", "badcfe", 6},
    {"greta", "grtea", 2},
    {"ostrander", "ostradner", 2},
    {"a cat", "an act", 4},
};
struct RapidfuzzCase32 {
  std::u32string_view a;
  std::u32string_view b;
  size_t distance;
};
constexpr RapidfuzzCase32 kRapidfuzzCases32[] = {
    {U"müller", U"muller", 1},   {U"łukasz", U"lukasz", 1},
    {U"дмитрий", U"дмитри", 1},  {U"александр", U"алесандр", 6},
    {U"王小明", U"王晓明", 1},   {U"josé maría", U"jose maria", 2},
    {U"søren", U"soren", 1},     {U"françois", U"francois", 1},
    {U"gößmann", U"gosmann", 2}, {U"žofia", U"zofia", 1},
    {U"андрей", U"анрдей", 2},   {U"李小龙", U"小李龙", 2},
};

TEST(Hamming, AgreesWithRapidfuzzOnNames) {
  for (const RapidfuzzCase& c : kRapidfuzzCases) {
    EXPECT_EQ(Hamming(c.a, c.b), c.distance) << c.a << " / " << c.b;
  }
  for (const RapidfuzzCase32& c : kRapidfuzzCases32) {
    EXPECT_EQ(Hamming(c.a, c.b), c.distance) << reference::Printable(c.a);
  }
}

template <typename CharT>
void ExpectHammingMatchesReference(std::vector<CharT> alphabet, unsigned seed, int pairs) {
  using View = std::basic_string_view<CharT>;
  reference::RandomStrings<CharT> random(std::move(alphabet), seed);
  for (int p = 0; p < pairs; ++p) {
    const auto [a_string, b_string] = random.Pair(random.Uniform(0, 1) ? 150 : 20);
    const View a = a_string;
    const View b = b_string;
    EXPECT_EQ(Hamming(a, b), reference::Hamming(a, b))
        << reference::Printable(a) << " / " << reference::Printable(b);
    EXPECT_EQ(Hamming(b, a), reference::Hamming(a, b));
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(Hamming, MatchesReferenceOnSmallAsciiAlphabet) {
  ExpectHammingMatchesReference(reference::SmallAsciiAlphabet(), 50, 2000);
}

TEST(Hamming, MatchesReferenceOnHighBytes) {
  ExpectHammingMatchesReference(reference::BytesAlphabet(), 51, 2000);
}

TEST(Hamming, MatchesReferenceOnLatinWithDiacritics) {
  ExpectHammingMatchesReference(reference::LatinDiacriticsAlphabet(), 52, 1000);
}

TEST(Hamming, MatchesReferenceOnCyrillic) {
  ExpectHammingMatchesReference(reference::CyrillicAlphabet(), 53, 1000);
}

TEST(Hamming, MatchesReferenceOnCjk) {
  ExpectHammingMatchesReference(reference::CjkAlphabet(), 54, 1000);
}

}  // namespace
}  // namespace sameas
