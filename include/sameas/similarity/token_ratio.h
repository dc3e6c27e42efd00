// Token ratios: the Indel similarity of two strings after their whitespace-separated tokens
// are sorted (token sort) or split into shared and unshared sets (token set), so that word
// order ("Smith John" / "John Smith") and, for the set ratio, extra words do not count.
// The definitions of rapidfuzz's fuzz.token_sort_ratio and fuzz.token_set_ratio, on a 0..1
// scale instead of 0..100.
#ifndef SAMEAS_SIMILARITY_TOKEN_RATIO_H_
#define SAMEAS_SIMILARITY_TOKEN_RATIO_H_

#include <string_view>

namespace sameas {

// Tokens are the maximal runs of non-whitespace characters, as Python's str.split() makes
// them; whitespace is every character with str.isspace(), U+0085 and U+00A0 (no-break space)
// included. rapidfuzz 3.14 does not split at those two, so it differs on strings holding them.
// In the byte overloads only ASCII bytes can be whitespace.

/// IndelSimilarity of the tokens of `a` and of `b`, each sorted by code point and joined with
/// single spaces: TokenSortRatio("Smith, John", "John Smith,") is 1. In [0, 1]; 1 for two
/// strings without tokens. rapidfuzz's fuzz.token_sort_ratio / 100 (Cohen, "FuzzyWuzzy",
/// SeatGeek 2011, where the ratio was Python's difflib). O(allocation + Indel).
double TokenSortRatio(std::string_view a, std::string_view b) noexcept;
double TokenSortRatio(std::u32string_view a, std::u32string_view b) noexcept;

/// The token set ratio: with S the distinct tokens both strings share, and D_a and D_b the
/// distinct tokens only one of them has, each sorted and joined by spaces, and t0 = S,
/// t1 = S + " " + D_a, t2 = S + " " + D_b, it is the best IndelSimilarity of (t0, t1),
/// (t0, t2) and (t1, t2). So it is 1 when the tokens of one string are all among the other's
/// ("John Smith" / "John Paul Smith"), and repeated tokens count once. 0 when either string
/// has no token, as in rapidfuzz. rapidfuzz's fuzz.token_set_ratio / 100.
double TokenSetRatio(std::string_view a, std::string_view b) noexcept;
double TokenSetRatio(std::u32string_view a, std::u32string_view b) noexcept;

}  // namespace sameas

#endif  // SAMEAS_SIMILARITY_TOKEN_RATIO_H_
