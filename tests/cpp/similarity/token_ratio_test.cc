#include "sameas/similarity/token_ratio.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "sameas/internal/token_impl.h"
#include "sameas/similarity/indel.h"
#include "similarity/reference.h"

namespace sameas {
namespace {

constexpr double kTolerance = 1e-12;

TEST(TokenSortRatio, IgnoresWordOrder) {
  EXPECT_DOUBLE_EQ(TokenSortRatio("John Smith", "Smith John"), 1.0);
  EXPECT_DOUBLE_EQ(TokenSortRatio(U"García José", U"José García"), 1.0);
  EXPECT_LT(IndelSimilarity("John Smith", "Smith John"), 1.0);
}

TEST(TokenSortRatio, CollapsesRunsOfWhitespace) {
  EXPECT_DOUBLE_EQ(TokenSortRatio("  john \t smith\n", "smith john"), 1.0);
  // No-break and ideographic spaces separate tokens, as in Python's str.split().
  EXPECT_DOUBLE_EQ(TokenSortRatio(U"john\u00a0smith", U"smith john"), 1.0);
  EXPECT_DOUBLE_EQ(TokenSortRatio(U"李\u3000小龙", U"小龙 李"), 1.0);
  // In bytes only ASCII is whitespace: the UTF-8 of U+00A0 is two letters.
  EXPECT_LT(TokenSortRatio("john\xc2\xa0smith", "smith john"), 1.0);
}

TEST(TokenSortRatio, StringsWithoutTokens) {
  EXPECT_DOUBLE_EQ(TokenSortRatio("", ""), 1.0);
  EXPECT_DOUBLE_EQ(TokenSortRatio("   ", ""), 1.0);
  EXPECT_DOUBLE_EQ(TokenSortRatio("", "john"), 0.0);
}

TEST(TokenSetRatio, OneTokenSetInsideTheOtherScoresOne) {
  EXPECT_DOUBLE_EQ(TokenSetRatio("John Smith", "John Paul Smith"), 1.0);
  EXPECT_DOUBLE_EQ(TokenSetRatio("fuzzy was a bear", "fuzzy fuzzy was a bear"), 1.0);
  EXPECT_LT(TokenSortRatio("fuzzy was a bear", "fuzzy fuzzy was a bear"), 1.0);
}

TEST(TokenSetRatio, StringsWithoutTokensScoreZero) {
  EXPECT_DOUBLE_EQ(TokenSetRatio("", ""), 0.0);
  EXPECT_DOUBLE_EQ(TokenSetRatio(" ", "john"), 0.0);
}

TEST(TokenSetRatio, WithNothingSharedIsTheRatioOfTheSortedTokenSets) {
  // With no token shared, t0 is empty and only t1 = "a b" against t2 = "c d" counts.
  EXPECT_NEAR(TokenSetRatio("b a", "d c"), IndelSimilarity("a b", "c d"), kTolerance);
}

TEST(TokenRatio, TokenizesLikePythonSplit) {
  const std::u32string spaces =
      U"\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
      U"\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
  for (char32_t c = 0; c < 0x3100; ++c) {
    EXPECT_EQ(internal::IsSpace(c), spaces.find(c) != std::u32string::npos)
        << std::hex << static_cast<unsigned>(c);
  }
  EXPECT_FALSE(internal::IsSpace(U'\u200b'));  // zero-width space is no whitespace
  EXPECT_FALSE(internal::IsSpace('\x85'));     // a byte above 0x7f is never a space
  const std::u32string text = U"  a\u2003bb\u00a0 c ";
  const auto tokens = internal::Tokenize(std::u32string_view(text));
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_TRUE(tokens[0] == U"a" && tokens[1] == U"bb" && tokens[2] == U"c");
}

// Produced by rapidfuzz 3.14.6: fuzz.token_sort_ratio / 100 and fuzz.token_set_ratio / 100.
struct RapidfuzzCase {
  std::string_view a;
  std::string_view b;
  double token_sort;
  double token_set;
};
constexpr RapidfuzzCase kRapidfuzzCases[] = {
    {"John Smith", "Smith John", 1.0, 1.0},
    {"Mary Ann Jones", "Mary Jones", 0.8333333333333335, 1.0},
    {"Dr John Smith", "John Smith", 0.8695652173913043, 1.0},
    {"fuzzy was a bear", "fuzzy fuzzy was a bear", 0.8421052631578947, 1.0},
    {"Jean-Luc Picard", "Picard Jean Luc", 0.9333333333333332, 0.9333333333333332},
    {"William Henry Gates", "Bill Gates", 0.3448275862068966, 0.6666666666666665},
    {"anna maria", "maria anna", 1.0, 1.0},
    {"anna maria", "maria anne", 0.9, 0.9},
    {"Robert De Niro", "de niro robert", 0.7857142857142857, 0.7857142857142857},
    {"van der Berg", "Berg van der", 1.0, 1.0},
    {"Ms Jane Doe", "Jane Doe-Smith", 0.64, 0.64},
    {"Smith, John", "John Smith,", 1.0, 1.0},
    {"  john   smith ", "smith john", 1.0, 1.0},
    {"", "john", 0.0, 0.0},
    {"", "", 1.0, 0.0},
    {"john", "jon", 0.8571428571428572, 0.8571428571428571},
    {"New York Mets", "New York Yankees", 0.5517241379310345, 0.7619047619047619},
    {"Peter Paul Mary", "Mary Peter", 0.8, 1.0},
    {"a b c", "c b a d", 0.8333333333333335, 1.0},
    {"Catherine Zeta Jones", "Zeta-Jones Catherine", 0.75, 0.75},
    {"o'neil shaquille", "shaquille oneal", 0.9032258064516128, 0.903225806451613},
    {"mc donald ronald", "ronald mcdonald", 0.8387096774193549, 0.8387096774193549},
    {"Jo Ann", "Joann", 0.36363636363636365, 0.36363636363636365},
    {"de la cruz maria", "maria dela cruz", 0.967741935483871, 0.967741935483871},
    {"al hassan omar", "omar al-hassan", 0.9285714285714286, 0.9285714285714286},
    {"kim jong", "jong kim il", 0.8421052631578947, 1.0},
};
struct RapidfuzzCase32 {
  std::u32string_view a;
  std::u32string_view b;
  double token_sort;
  double token_set;
};
constexpr RapidfuzzCase32 kRapidfuzzCases32[] = {
    {U"Müller Hans", U"Hans Mueller", 0.8695652173913043, 0.8695652173913043},
    {U"José María García", U"García José María", 1.0, 1.0},
    {U"Łukasz Nowak", U"Nowak Lukasz", 0.41666666666666663, 0.9166666666666667},
    {U"Иван Петров", U"Петров Иван Сергеевич", 0.6875, 1.0},
};

TEST(TokenRatio, AgreesWithRapidfuzzOnNames) {
  // rapidfuzz scales to 0..100 before we divide: equal to about 1e-15.
  for (const RapidfuzzCase& c : kRapidfuzzCases) {
    EXPECT_NEAR(TokenSortRatio(c.a, c.b), c.token_sort, kTolerance) << c.a << " / " << c.b;
    EXPECT_NEAR(TokenSetRatio(c.a, c.b), c.token_set, kTolerance) << c.a << " / " << c.b;
  }
  for (const RapidfuzzCase32& c : kRapidfuzzCases32) {
    EXPECT_NEAR(TokenSortRatio(c.a, c.b), c.token_sort, kTolerance) << reference::Printable(c.a);
    EXPECT_NEAR(TokenSetRatio(c.a, c.b), c.token_set, kTolerance) << reference::Printable(c.a);
  }
}

// Random strings of short words: the kernels (tokenised once, the set ratio from lengths)
// agree with joining and comparing real strings.
template <typename CharT>
void ExpectTokenRatiosMatchReference(std::vector<CharT> alphabet, unsigned seed, int pairs) {
  using View = std::basic_string_view<CharT>;
  reference::RandomStrings<CharT> random(std::move(alphabet), seed);
  constexpr size_t kMaxLengths[] = {0, 3, 8, 20, 40, 150};
  for (int p = 0; p < pairs; ++p) {
    const size_t max_length = kMaxLengths[random.Uniform(0, std::size(kMaxLengths) - 1)];
    const auto [a_string, b_string] = random.Pair(max_length);
    const View a = a_string;
    const View b = b_string;
    SCOPED_TRACE(reference::Printable(a) + " / " + reference::Printable(b));
    EXPECT_NEAR(TokenSortRatio(a, b), reference::TokenSortRatio(a, b), kTolerance);
    EXPECT_NEAR(TokenSetRatio(a, b), reference::TokenSetRatio(a, b), kTolerance);
    EXPECT_NEAR(TokenSetRatio(b, a), reference::TokenSetRatio(a, b), kTolerance);
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(TokenRatio, MatchesReferenceOnAsciiWords) {
  ExpectTokenRatiosMatchReference(reference::AsciiWordsAlphabet(), 70, 3000);
}

TEST(TokenRatio, MatchesReferenceOnUnicodeWords) {
  ExpectTokenRatiosMatchReference(reference::UnicodeWordsAlphabet(), 71, 3000);
}

TEST(TokenRatio, MatchesReferenceOnCyrillicWithoutSpaces) {
  ExpectTokenRatiosMatchReference(reference::CyrillicAlphabet(), 72, 500);
}

}  // namespace
}  // namespace sameas
