#include "sameas/similarity/qgram.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "similarity/reference.h"

namespace sameas {
namespace {

constexpr double kTolerance = 1e-12;
constexpr QGramOptions kUnpadded{.q = 2, .padded = false};

TEST(QGram, PaddedBigramsOfAnnAndAnne) {
  // ann: ⊳a an nn n⊲; anne: ⊳a an nn ne e⊲. Three shared of six in the union.
  EXPECT_DOUBLE_EQ(QGramJaccard("ann", "anne"), 0.5);
  EXPECT_DOUBLE_EQ(QGramDice("ann", "anne"), 6.0 / 9.0);
  EXPECT_NEAR(QGramCosine("ann", "anne"), 3.0 / std::sqrt(20.0), kTolerance);
  EXPECT_DOUBLE_EQ(QGramJaccard(U"ann", U"anne"), 0.5);
}

TEST(QGram, CountsRepeatedQGramsAsAMultiset) {
  // nanana: na x3, an x2; nana: na x2, an x1. As sets they would be equal.
  EXPECT_DOUBLE_EQ(QGramJaccard("nanana", "nana", kUnpadded), 3.0 / 5.0);
  EXPECT_DOUBLE_EQ(QGramDice("nanana", "nana", kUnpadded), 6.0 / 8.0);
  EXPECT_NEAR(QGramCosine("nanana", "nana", kUnpadded), 8.0 / std::sqrt(65.0), kTolerance);
}

TEST(QGram, PaddingMakesFirstAndLastCharactersCount) {
  // Unpadded, "anna" and "anne" share two of four bigrams; padded, three of seven, the first
  // letter's ⊳a among them.
  EXPECT_DOUBLE_EQ(QGramJaccard("anna", "anne", kUnpadded), 0.5);
  EXPECT_DOUBLE_EQ(QGramJaccard("anna", "anne"), 3.0 / 7.0);
  EXPECT_DOUBLE_EQ(QGramJaccard("a", "a"), 1.0);
  EXPECT_DOUBLE_EQ(QGramJaccard("a", "b"), 0.0);
  // Unpadded, a one-character string has no bigram: equal strings score 1, others 0.
  EXPECT_DOUBLE_EQ(QGramJaccard("a", "a", kUnpadded), 1.0);
  EXPECT_DOUBLE_EQ(QGramJaccard("a", "b", kUnpadded), 0.0);
  EXPECT_DOUBLE_EQ(QGramDice("a", "ab", kUnpadded), 0.0);
}

TEST(QGram, EmptyStrings) {
  for (bool padded : {true, false}) {
    for (int q : {2, 3}) {
      const QGramOptions options{.q = q, .padded = padded};
      EXPECT_DOUBLE_EQ(QGramJaccard("", "", options), 1.0);
      EXPECT_DOUBLE_EQ(QGramCosine(U"", U"", options), 1.0);
      EXPECT_DOUBLE_EQ(QGramDice("", "abc", options), 0.0);
      EXPECT_DOUBLE_EQ(QGramJaccard(U"abc", U"", options), 0.0);
    }
  }
}

TEST(QGram, NulAndTheLastCodePointAreCharactersNotMarkers) {
  // "\0a": ⊳\0 \0a a⊲; "a": ⊳a a⊲. Only a⊲ is shared, of four in the union.
  EXPECT_DOUBLE_EQ(QGramJaccard(std::string_view("\0a", 2), std::string_view("a")), 0.25);
  EXPECT_DOUBLE_EQ(QGramJaccard(U"\U0010ffffa", U"a"), 0.25);
  EXPECT_DOUBLE_EQ(QGramJaccard(std::string_view("a\xff"), std::string_view("a")), 0.25);
}

TEST(QGram, TrigramsOfNames) {
  const QGramOptions trigrams{.q = 3, .padded = true};
  // jon: ⊳⊳j ⊳jo jon on⊲ n⊲⊲; john: ⊳⊳j ⊳jo joh ohn hn⊲ n⊲⊲. Shared: 3 of 5 + 6 - 3.
  EXPECT_DOUBLE_EQ(QGramJaccard("jon", "john", trigrams), 3.0 / 8.0);
  EXPECT_DOUBLE_EQ(QGramDice(U"jon", U"john", trigrams), 6.0 / 11.0);
}

TEST(QGram, ForgivesReorderedWords) { EXPECT_GT(QGramDice("anna maria", "maria anna"), 0.8); }

// On random strings, every measure, q and padding agrees with counting q-grams in a map.
template <typename CharT>
void ExpectQGramsMatchReference(std::vector<CharT> alphabet, unsigned seed, int pairs) {
  using View = std::basic_string_view<CharT>;
  using reference::QGramMeasure;
  reference::RandomStrings<CharT> random(std::move(alphabet), seed);
  constexpr size_t kMaxLengths[] = {0, 2, 3, 8, 20, 70, 150};
  for (int p = 0; p < pairs; ++p) {
    const size_t max_length = kMaxLengths[random.Uniform(0, std::size(kMaxLengths) - 1)];
    const auto [a_string, b_string] = random.Pair(max_length);
    const View a = a_string;
    const View b = b_string;
    SCOPED_TRACE(reference::Printable(a) + " / " + reference::Printable(b));
    for (int q : {1, 2, 3}) {
      for (bool padded : {true, false}) {
        const QGramOptions options{.q = q, .padded = padded};
        SCOPED_TRACE(testing::Message() << "q " << q << " padded " << padded);
        EXPECT_NEAR(QGramJaccard(a, b, options),
                    reference::QGramSimilarity(a, b, q, padded, QGramMeasure::kJaccard),
                    kTolerance);
        EXPECT_NEAR(QGramDice(a, b, options),
                    reference::QGramSimilarity(a, b, q, padded, QGramMeasure::kDice), kTolerance);
        EXPECT_NEAR(QGramCosine(a, b, options),
                    reference::QGramSimilarity(a, b, q, padded, QGramMeasure::kCosine), kTolerance);
        EXPECT_DOUBLE_EQ(QGramCosine(a, b, options), QGramCosine(b, a, options));
      }
    }
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(QGram, MatchesReferenceOnSmallAsciiAlphabet) {
  ExpectQGramsMatchReference(reference::SmallAsciiAlphabet(), 60, 600);
}

TEST(QGram, MatchesReferenceOnHighBytes) {
  ExpectQGramsMatchReference(reference::BytesAlphabet(), 61, 400);
}

TEST(QGram, MatchesReferenceOnLatinWithDiacritics) {
  ExpectQGramsMatchReference(reference::LatinDiacriticsAlphabet(), 62, 400);
}

TEST(QGram, MatchesReferenceOnCyrillic) {
  ExpectQGramsMatchReference(reference::CyrillicAlphabet(), 63, 400);
}

TEST(QGram, MatchesReferenceOnCjk) {
  ExpectQGramsMatchReference(reference::CjkAlphabet(), 64, 400);
}

TEST(QGram, MatchesReferenceOnManyDistinctCodePoints) {
  ExpectQGramsMatchReference(reference::WideAlphabet(), 65, 400);
}

}  // namespace
}  // namespace sameas
