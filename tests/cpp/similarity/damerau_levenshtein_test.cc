#include "sameas/similarity/damerau_levenshtein.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sameas/internal/damerau_levenshtein_impl.h"
#include "sameas/similarity/levenshtein.h"
#include "similarity/reference.h"

namespace sameas {
namespace {

constexpr size_t kNoCutoff = static_cast<size_t>(-1);

TEST(DamerauLevenshtein, MayInsertBetweenTransposedCharactersUnlikeOsa) {
  EXPECT_EQ(DamerauLevenshtein("ca", "abc"), 2u);
  EXPECT_EQ(OsaDistance("ca", "abc"), 3u);
  EXPECT_EQ(DamerauLevenshtein(U"ca", U"abc"), 2u);
  EXPECT_EQ(DamerauLevenshtein(U"жа", U"аbж"), 2u);
}

TEST(DamerauLevenshtein, TransposedNeighboursCostOne) {
  EXPECT_EQ(DamerauLevenshtein("ab", "ba"), 1u);
  EXPECT_EQ(DamerauLevenshtein("martha", "marhta"), 1u);
  EXPECT_EQ(DamerauLevenshtein(U"李小龙", U"小李龙"), 1u);
}

TEST(DamerauLevenshtein, EmptyStringCostsTheOtherLength) {
  EXPECT_EQ(DamerauLevenshtein("", ""), 0u);
  EXPECT_EQ(DamerauLevenshtein("", "abc"), 3u);
  EXPECT_EQ(DamerauLevenshtein(U"жёлтый", U""), 6u);
}

TEST(DamerauLevenshtein, CutoffReturnsMaxDistancePlusOne) {
  EXPECT_EQ(DamerauLevenshtein("abcdef", "badcfe", 3), 3u);
  EXPECT_EQ(DamerauLevenshtein("abcdef", "badcfe", 2), 3u);
  EXPECT_EQ(DamerauLevenshtein("abcdef", "badcfe", 0), 1u);
  EXPECT_EQ(DamerauLevenshtein("ab", "abcdefgh", 2), 3u);
  EXPECT_EQ(DamerauLevenshtein("abc", "xyz", kNoCutoff), 3u);
  EXPECT_EQ(DamerauLevenshtein("abc", "xyz", kNoCutoff - 1), 3u);
}

TEST(DamerauLevenshtein, IsAtMostOsaAndAtLeastHalfLevenshtein) {
  reference::RandomStrings<char> random(reference::SmallAsciiAlphabet(), 40);
  for (int p = 0; p < 1000; ++p) {
    const auto [a, b] = random.Pair(12);
    const size_t dl = DamerauLevenshtein(a, b);
    EXPECT_LE(dl, OsaDistance(a, b)) << a << " / " << b;
    EXPECT_GE(2 * dl, Levenshtein(a, b)) << a << " / " << b;
  }
}

// Produced by rapidfuzz 3.14.6: DamerauLevenshtein.distance.
struct RapidfuzzCase {
  std::string_view a;
  std::string_view b;
  size_t distance;
};
constexpr RapidfuzzCase kRapidfuzzCases[] = {
    {"martha", "marhta", 1},
    {"dwayne", "duane", 2},
    {"dixon", "dicksonx", 4},
    {"kitten", "sitting", 3},
    {"jones", "johnson", 4},
    {"abroms", "abrams", 1},
    {"hardin", "martinez", 4},
    {"itman", "smith", 5},
    {"jeraldine", "geraldine", 1},
    {"michelle", "michael", 3},
    {"julies", "julius", 1},
    {"tanya", "tonya", 1},
    {"sean", "susan", 2},
    {"jon", "john", 1},
    {"brookhaven", "brrokhaven", 1},
    {"shackleford", "shackelford", 1},
    {"cunningham", "cunnigham", 1},
    {"campell", "campbell", 1},
    {"nichleson", "nichulson", 2},
    {"massey", "massie", 2},
    {"galloway", "calloway", 1},
    {"frederick", "fredric", 2},
    {"katherine", "catherine", 1},
    {"christopher", "kristopher", 2},
    {"stephen", "steven", 2},
    {"mcdonald", "macdonald", 1},
    {"o'connor", "oconnor", 1},
    {"li", "lee", 2},
    {"ca", "abc", 2},
    {"ab", "ba", 1},
    {"", "abc", 3},
    {"", "", 0},
    {"alexandrovich", "aleksandrovich", 2},
    {"smith", "smyth", 1},
    {"abcdef", "badcfe", 3},
    {"greta", "grtea", 1},
    {"ostrander", "ostradner", 1},
    {"a cat", "an act", 2},
};
struct RapidfuzzCase32 {
  std::u32string_view a;
  std::u32string_view b;
  size_t distance;
};
constexpr RapidfuzzCase32 kRapidfuzzCases32[] = {
    {U"müller", U"muller", 1},   {U"łukasz", U"lukasz", 1},
    {U"дмитрий", U"дмитри", 1},  {U"александр", U"алесандр", 1},
    {U"王小明", U"王晓明", 1},   {U"josé maría", U"jose maria", 2},
    {U"søren", U"soren", 1},     {U"françois", U"francois", 1},
    {U"gößmann", U"gosmann", 2}, {U"žofia", U"zofia", 1},
    {U"андрей", U"анрдей", 1},   {U"李小龙", U"小李龙", 1},
};

TEST(DamerauLevenshtein, AgreesWithRapidfuzzOnNames) {
  for (const RapidfuzzCase& c : kRapidfuzzCases) {
    EXPECT_EQ(DamerauLevenshtein(c.a, c.b), c.distance) << c.a << " / " << c.b;
  }
  for (const RapidfuzzCase32& c : kRapidfuzzCases32) {
    EXPECT_EQ(DamerauLevenshtein(c.a, c.b), c.distance) << reference::Printable(c.a);
  }
}

// The definition itself, independent of any table: the fewest edits (insert, delete,
// substitute, swap two adjacent characters) by breadth-first search over all strings on the
// alphabet up to two characters longer than the longer input.
size_t ShortestEditPath(const std::string& from, const std::string& to,
                        const std::string& alphabet) {
  const size_t max_length = std::max(from.size(), to.size()) + 2;
  std::map<std::string, size_t> seen{{from, 0}};
  std::deque<std::string> queue{from};
  while (!queue.empty()) {
    const std::string s = queue.front();
    queue.pop_front();
    const size_t d = seen[s];
    if (s == to) return d;
    std::vector<std::string> next;
    for (size_t i = 0; i <= s.size(); ++i) {
      if (s.size() < max_length) {
        for (char c : alphabet) next.push_back(s.substr(0, i) + c + s.substr(i));
      }
      if (i < s.size()) {
        next.push_back(s.substr(0, i) + s.substr(i + 1));
        for (char c : alphabet) {
          if (c != s[i]) next.push_back(s.substr(0, i) + c + s.substr(i + 1));
        }
      }
      if (i + 1 < s.size()) {
        std::string swapped = s;
        std::swap(swapped[i], swapped[i + 1]);
        next.push_back(swapped);
      }
    }
    for (std::string& t : next) {
      if (seen.emplace(t, d + 1).second) queue.push_back(std::move(t));
    }
  }
  return static_cast<size_t>(-1);
}

TEST(DamerauLevenshtein, EqualsShortestEditPathOnShortStrings) {
  reference::RandomStrings<char> random({'a', 'b', 'c'}, 41);
  for (int p = 0; p < 150; ++p) {
    const auto [a, b] = random.Pair(5);
    EXPECT_EQ(DamerauLevenshtein(a, b), ShortestEditPath(a, b, "abc")) << a << " / " << b;
  }
}

template <typename CharT>
void ExpectDamerauLevenshteinMatchesReference(std::vector<CharT> alphabet, unsigned seed,
                                              int pairs) {
  using View = std::basic_string_view<CharT>;
  reference::RandomStrings<CharT> random(std::move(alphabet), seed);
  constexpr size_t kMaxLengths[] = {0, 3, 8, 20, 20, 64, 70, 150};
  for (int p = 0; p < pairs; ++p) {
    const size_t max_length = kMaxLengths[random.Uniform(0, std::size(kMaxLengths) - 1)];
    const auto [a_string, b_string] = random.Pair(max_length);
    const View a = a_string;
    const View b = b_string;
    SCOPED_TRACE(reference::Printable(a) + " / " + reference::Printable(b));
    const size_t distance = reference::DamerauLevenshtein(a, b);
    const size_t cutoff = random.Uniform(0, distance + 3);
    EXPECT_EQ(DamerauLevenshtein(a, b), distance);
    EXPECT_EQ(DamerauLevenshtein(b, a), distance);
    EXPECT_EQ(DamerauLevenshtein(a, b, cutoff), std::min(distance, cutoff + 1));
    // The table alone, without the common affix stripped.
    EXPECT_EQ(internal::DamerauLevenshteinDp(a, b, kNoCutoff), distance);
    EXPECT_EQ(internal::DamerauLevenshteinDp(a, b, cutoff), std::min(distance, cutoff + 1));
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(DamerauLevenshtein, MatchesReferenceOnSmallAsciiAlphabet) {
  ExpectDamerauLevenshteinMatchesReference(reference::SmallAsciiAlphabet(), 42, 3000);
}

TEST(DamerauLevenshtein, MatchesReferenceOnHighBytes) {
  ExpectDamerauLevenshteinMatchesReference(reference::BytesAlphabet(), 43, 1000);
}

TEST(DamerauLevenshtein, MatchesReferenceOnLatinWithDiacritics) {
  ExpectDamerauLevenshteinMatchesReference(reference::LatinDiacriticsAlphabet(), 44, 1000);
}

TEST(DamerauLevenshtein, MatchesReferenceOnCyrillic) {
  ExpectDamerauLevenshteinMatchesReference(reference::CyrillicAlphabet(), 45, 1000);
}

TEST(DamerauLevenshtein, MatchesReferenceOnCjk) {
  ExpectDamerauLevenshteinMatchesReference(reference::CjkAlphabet(), 46, 1000);
}

TEST(DamerauLevenshtein, MatchesReferenceOnManyDistinctCodePoints) {
  ExpectDamerauLevenshteinMatchesReference(reference::WideAlphabet(), 47, 1000);
}

}  // namespace
}  // namespace sameas
