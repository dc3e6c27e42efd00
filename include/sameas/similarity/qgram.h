// q-gram similarities: Jaccard, Dice (Sorensen) and cosine over the multisets of a string's
// q-grams (its substrings of q characters). They ignore where in the string a q-gram falls,
// so they forgive reordered words ("Anna Maria" / "Maria Anna") that edit distances punish.
#ifndef SAMEAS_SIMILARITY_QGRAM_H_
#define SAMEAS_SIMILARITY_QGRAM_H_

#include <string_view>

namespace sameas {

/// Which q-grams a string has.
struct QGramOptions {
  /// Characters per q-gram: 2 (bigrams) or 3 (trigrams); 1 is allowed too. Other values are
  /// taken as the nearest of 1 and 3.
  int q = 2;
  /// Read the string as q - 1 start markers, the string, q - 1 end markers, so that the first
  /// and last characters take part in as many q-grams as the others: "ann" has the bigrams
  /// ⊳a, an, nn, n⊲. The markers are values no character can take (code points stop at
  /// U+10FFFF), so they match only each other.
  bool padded = true;
};

// The definitions: with A and B the multisets of q-grams of a and b, |A ∩ B| = Σ min(A(g), B(g))
// and |A ∪ B| = Σ max(A(g), B(g)) over q-grams g, where A(g) counts g in a.
//   Jaccard = |A ∩ B| / |A ∪ B|         Jaccard 1912, "The distribution of the flora in the
//                                       alpine zone"
//   Dice    = 2 |A ∩ B| / (|A| + |B|)   Dice 1945, "Measures of the amount of ecologic
//                                       association between species"; Sørensen 1948
//   cosine  = Σ A(g) B(g) / (‖A‖ ‖B‖)   Salton & McGill 1983, "Introduction to modern
//                                       information retrieval"
// Counting multisets, not sets, keeps "nana" and "nanana" apart. A string too short for one
// q-gram (unpadded and shorter than q) scores 1 against an equal string and 0 against any
// other. Padded, an empty string has q - 1 q-grams of markers alone, so two empty strings
// score 1 and an empty one scores 0 against any other.
// O((m + n) log(m + n)); up to 64 q-grams per string without allocating.
// Code points must not exceed U+10FFFF (they never do when decoded from UTF-8).
double QGramJaccard(std::string_view a, std::string_view b,
                    const QGramOptions& options = {}) noexcept;
double QGramJaccard(std::u32string_view a, std::u32string_view b,
                    const QGramOptions& options = {}) noexcept;
double QGramDice(std::string_view a, std::string_view b, const QGramOptions& options = {}) noexcept;
double QGramDice(std::u32string_view a, std::u32string_view b,
                 const QGramOptions& options = {}) noexcept;
double QGramCosine(std::string_view a, std::string_view b,
                   const QGramOptions& options = {}) noexcept;
double QGramCosine(std::u32string_view a, std::u32string_view b,
                   const QGramOptions& options = {}) noexcept;

}  // namespace sameas

#endif  // SAMEAS_SIMILARITY_QGRAM_H_
