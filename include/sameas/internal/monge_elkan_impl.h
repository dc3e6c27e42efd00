// Template behind sameas/similarity/monge_elkan.h, over the character type: `char` for bytes,
// `char32_t` for code points.
#ifndef SAMEAS_INTERNAL_MONGE_ELKAN_IMPL_H_
#define SAMEAS_INTERNAL_MONGE_ELKAN_IMPL_H_

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

#include "sameas/internal/indel_impl.h"
#include "sameas/internal/jaro_impl.h"
#include "sameas/internal/levenshtein_impl.h"
#include "sameas/internal/qgram_impl.h"
#include "sameas/internal/token_impl.h"
#include "sameas/similarity/monge_elkan.h"  // MongeElkanInner

namespace sameas::internal {

/// The inner similarity of two tokens.
template <typename CharT>
double InnerSimilarity(MongeElkanInner inner, std::basic_string_view<CharT> a,
                       std::basic_string_view<CharT> b) {
  switch (inner) {
    case MongeElkanInner::kJaroWinkler:
      return JaroWinkler(a, b, 0.1, 0.7);
    case MongeElkanInner::kLevenshtein:
      return LevenshteinSimilarity(a, b);
    case MongeElkanInner::kIndel:
      return IndelSimilarity(a, b);
    case MongeElkanInner::kJaccard2:
      return QGramSimilarity(a, b, 2, /*padded=*/true, QGramMeasure::kJaccard);
  }
  return 0.0;
}

/// The mean over the tokens of `from` of the best inner similarity against a token of `to`.
/// Both must be non-empty.
template <typename CharT>
double MongeElkanOneWay(MongeElkanInner inner,
                        const std::vector<std::basic_string_view<CharT>>& from,
                        const std::vector<std::basic_string_view<CharT>>& to) {
  double sum = 0;
  for (const auto& token : from) {
    double best = 0;
    for (const auto& other : to) {
      best = std::max(best, InnerSimilarity(inner, token, other));
      if (best >= 1.0) break;
    }
    sum += best;
  }
  return sum / static_cast<double>(from.size());
}

/// Monge-Elkan over whitespace tokens; 1 when neither string has a token, 0 when one has none.
template <typename CharT>
double MongeElkan(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
                  MongeElkanInner inner, bool symmetric) {
  const auto tokens_a = Tokenize(a);
  const auto tokens_b = Tokenize(b);
  if (tokens_a.empty() || tokens_b.empty()) {
    return tokens_a.empty() && tokens_b.empty() ? 1.0 : 0.0;
  }
  const double forward = MongeElkanOneWay(inner, tokens_a, tokens_b);
  if (!symmetric) return forward;
  return (forward + MongeElkanOneWay(inner, tokens_b, tokens_a)) / 2.0;
}

}  // namespace sameas::internal

#endif  // SAMEAS_INTERNAL_MONGE_ELKAN_IMPL_H_
