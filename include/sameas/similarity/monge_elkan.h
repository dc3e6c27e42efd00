// Monge-Elkan: a similarity of multi-word strings built from a similarity of words, which
// pairs each word with its best counterpart, so that word order and, one way, extra words do
// not count ("Maria José García" / "García, Maria").
#ifndef SAMEAS_SIMILARITY_MONGE_ELKAN_H_
#define SAMEAS_SIMILARITY_MONGE_ELKAN_H_

#include <string_view>

namespace sameas {

/// The word similarity inside Monge-Elkan.
enum class MongeElkanInner { kJaroWinkler, kLevenshtein, kIndel, kJaccard2 };

struct MongeElkanOptions {
  /// JaroWinkler (weight 0.1, threshold 0.7), LevenshteinSimilarity, IndelSimilarity, or
  /// QGramJaccard with padded bigrams.
  MongeElkanInner inner = MongeElkanInner::kJaroWinkler;
  /// Average both directions, so that the score no longer depends on the argument order.
  bool symmetric = false;
};

/// Monge & Elkan 1996, "The field matching problem: algorithms and applications": the mean,
/// over the whitespace tokens of `a`, of the best inner similarity against any token of `b`.
/// Not symmetric: MongeElkan("John Smith", "John Paul Smith") is 1, the other way round less.
/// With `symmetric`, the mean of both directions. 1 when neither string has a token, 0 when
/// one has none. Tokens as in token_ratio.h (Python's str.split()).
/// O(tokens_a x tokens_b) inner similarities.
double MongeElkan(std::string_view a, std::string_view b,
                  const MongeElkanOptions& options = {}) noexcept;
double MongeElkan(std::u32string_view a, std::u32string_view b,
                  const MongeElkanOptions& options = {}) noexcept;

}  // namespace sameas

#endif  // SAMEAS_SIMILARITY_MONGE_ELKAN_H_
