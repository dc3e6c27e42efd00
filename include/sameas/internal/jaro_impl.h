// Templates behind sameas/similarity/jaro_winkler.h, over the character type: `char` for bytes,
// `char32_t` for code points. A bit-parallel Jaro for a pattern of up to 64 characters and a
// plain O(n * window) one for longer strings; both follow Jaro's definition exactly.
#ifndef SAMEAS_INTERNAL_JARO_IMPL_H_
#define SAMEAS_INTERNAL_JARO_IMPL_H_

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "sameas/internal/levenshtein_impl.h"  // PatternMasks, CommonPrefix

namespace sameas::internal {

/// Two characters match when they are equal and at most this far apart:
/// floor(max(len) / 2) - 1, and never below 0.
inline size_t JaroWindow(size_t length_a, size_t length_b) noexcept {
  const size_t half = std::max(length_a, length_b) / 2;
  return half > 0 ? half - 1 : 0;
}

/// Jaro from its counts: (m / |a| + m / |b| + (m - t) / m) / 3 with m matching characters and
/// t half the matched positions whose characters differ, rounded down (as Winkler's strcmp95
/// and rapidfuzz round it). Both lengths must be non-zero.
inline double JaroFromCounts(size_t length_a, size_t length_b, size_t matches,
                             size_t transposed) noexcept {
  if (matches == 0) return 0.0;
  const double m = static_cast<double>(matches);
  const double t = static_cast<double>(transposed / 2);
  return (m / static_cast<double>(length_a) + m / static_cast<double>(length_b) + (m - t) / m) /
         3.0;
}

/// The best Jaro two non-empty strings of these lengths could reach: every character of the
/// shorter one matched, nothing transposed.
inline double JaroUpperBound(size_t length_a, size_t length_b) noexcept {
  return JaroFromCounts(length_a, length_b, std::min(length_a, length_b), 0);
}

/// Jaro of a pattern of 1..64 characters (with its masks) against a non-empty text; 0 when
/// below `score_cutoff`. Each text character takes the first unmatched pattern position of
/// its character inside its window in three word operations: the masks give the positions,
/// a window mask cuts them to [j - window, j + window], and the lowest bit is taken.
/// Taking matches from the text side gives the same matching as the definition's pattern
/// side: for each character the greedy pairs its occurrences in order on both sides.
/// O(n + matches).
template <typename CharT, typename Masks>
double JaroBitParallel(const Masks& masks, std::basic_string_view<CharT> pattern,
                       std::basic_string_view<CharT> text, double score_cutoff) noexcept {
  const size_t m = pattern.size();
  const size_t n = text.size();
  const size_t window = JaroWindow(m, n);
  uint64_t matched = 0;                       // pattern positions already taken
  std::array<CharT, kWordBits> text_matched;  // the text's matched characters, in order
  size_t matches = 0;
  // Text positions past m - 1 + window see no pattern position.
  const size_t end = std::min(n, m + window);
  for (size_t j = 0; j < end; ++j) {
    const size_t lo = j > window ? j - window : 0;
    const size_t hi = std::min(m - 1, j + window);
    // (2 << 63) - 1 wraps to all ones, so this is right for hi = 63 as well.
    const uint64_t in_window = ((uint64_t{2} << hi) - 1) & (~uint64_t{0} << lo);
    const uint64_t candidates = masks.Get(text[j]) & in_window & ~matched;
    // Branch-free: whether a character matches is a coin toss the predictor would lose.
    matched |= candidates & (~candidates + 1);  // the lowest candidate, if any
    text_matched[matches] = text[j];
    matches += candidates != 0;
    if (matches == m) break;
  }
  if (matches == 0) return 0.0;
  if (score_cutoff > 0 && JaroFromCounts(m, n, matches, 0) < score_cutoff) return 0.0;
  size_t transposed = 0;
  for (size_t k = 0; k < matches; ++k) {
    const int i = std::countr_zero(matched);
    matched &= matched - 1;
    transposed += pattern[i] != text_matched[k];
  }
  const double jaro = JaroFromCounts(m, n, matches, transposed);
  return jaro >= score_cutoff ? jaro : 0.0;
}

/// Jaro of two non-empty strings of any length, straight from the definition with a flag per
/// character of `b`. O(|a| * window).
template <typename CharT>
double JaroPlain(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
                 double score_cutoff) {
  const size_t window = JaroWindow(a.size(), b.size());
  std::vector<uint8_t> b_matched(b.size(), 0);
  std::vector<CharT> a_matched;
  a_matched.reserve(std::min(a.size(), b.size()));
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t lo = i > window ? i - window : 0;
    if (lo >= b.size()) break;
    const size_t hi = std::min(b.size() - 1, i + window);
    for (size_t j = lo; j <= hi; ++j) {
      if (!b_matched[j] && b[j] == a[i]) {
        b_matched[j] = 1;
        a_matched.push_back(a[i]);
        break;
      }
    }
  }
  const size_t matches = a_matched.size();
  if (matches == 0) return 0.0;
  if (score_cutoff > 0 && JaroFromCounts(a.size(), b.size(), matches, 0) < score_cutoff) {
    return 0.0;
  }
  size_t transposed = 0;
  size_t k = 0;
  for (size_t j = 0; j < b.size(); ++j) {
    if (b_matched[j]) transposed += b[j] != a_matched[k++];
  }
  const double jaro = JaroFromCounts(a.size(), b.size(), matches, transposed);
  return jaro >= score_cutoff ? jaro : 0.0;
}

/// Settles Jaro without looking at characters: empty strings (two score 1, one scores 0) and
/// lengths too unequal to reach `score_cutoff`. Returns nothing when a kernel must decide.
template <typename CharT>
std::optional<double> SettleJaroTrivially(std::basic_string_view<CharT> a,
                                          std::basic_string_view<CharT> b,
                                          double score_cutoff) noexcept {
  if (a.empty() || b.empty()) {
    const double jaro = a.empty() && b.empty() ? 1.0 : 0.0;
    return jaro >= score_cutoff ? jaro : 0.0;
  }
  if (score_cutoff > 0 && JaroUpperBound(a.size(), b.size()) < score_cutoff) return 0.0;
  return std::nullopt;
}

/// Jaro similarity, or 0 when below `score_cutoff`.
template <typename CharT>
double Jaro(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
            double score_cutoff = 0) {
  if (const auto settled = SettleJaroTrivially(a, b, score_cutoff)) return *settled;
  if (a.size() > b.size()) std::swap(a, b);  // the shorter one is the pattern
  if (a.size() <= kWordBits) {
    return JaroBitParallel(PatternMasks<CharT>(a, b), a, b, score_cutoff);
  }
  return JaroPlain(a, b, score_cutoff);
}

/// Jaro of a query whose masks are prepared, for the cached scorer; queries over 64
/// characters go to the uncached function.
template <typename CharT>
double JaroFromMasks(const PatternMasks<CharT>& query_masks, std::basic_string_view<CharT> query,
                     std::basic_string_view<CharT> candidate, double score_cutoff) {
  if (query.size() > kWordBits) return Jaro(query, candidate, score_cutoff);
  if (const auto settled = SettleJaroTrivially(query, candidate, score_cutoff)) return *settled;
  return JaroBitParallel(query_masks, query, candidate, score_cutoff);
}

/// Winkler's common prefix: at most four characters.
template <typename CharT>
size_t WinklerPrefix(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) noexcept {
  return CommonPrefix(a.substr(0, 4), b.substr(0, 4));
}

/// Jaro-Winkler from Jaro: jaro + prefix * prefix_weight * (1 - jaro), only above the
/// threshold. Winkler 1990.
inline double WinklerBoost(double jaro, size_t prefix, double prefix_weight,
                           double boost_threshold) noexcept {
  if (jaro > boost_threshold) {
    jaro += static_cast<double>(prefix) * prefix_weight * (1.0 - jaro);
  }
  return jaro;
}

/// The lowest Jaro that can still give a Jaro-Winkler of `score_cutoff` with this prefix:
/// either Jaro itself reaches it, or Jaro is above the threshold and the boost lifts it there.
/// Lowered by a hair so that rounding never prunes a pair that would pass; the caller checks
/// the final score.
inline double JaroCutoffForJaroWinkler(double score_cutoff, size_t prefix, double prefix_weight,
                                       double boost_threshold) noexcept {
  if (score_cutoff <= 0) return 0.0;
  const double boost = static_cast<double>(prefix) * prefix_weight;
  if (boost >= 1.0) return 0.0;  // a weight this large breaks the bound; do not prune
  const double boosted = std::max(boost_threshold, (score_cutoff - boost) / (1.0 - boost));
  return std::max(0.0, std::min(score_cutoff, boosted) - 1e-12);
}

/// Jaro-Winkler similarity, or 0 when below `score_cutoff`. `jaro(jaro_cutoff)` is the Jaro
/// similarity of the two strings with that cutoff.
template <typename CharT, typename JaroFn>
double JaroWinklerWith(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
                       double prefix_weight, double boost_threshold, double score_cutoff,
                       JaroFn jaro) {
  const size_t prefix = WinklerPrefix(a, b);
  const double jaro_cutoff =
      JaroCutoffForJaroWinkler(score_cutoff, prefix, prefix_weight, boost_threshold);
  const double jaro_winkler =
      WinklerBoost(jaro(jaro_cutoff), prefix, prefix_weight, boost_threshold);
  return jaro_winkler >= score_cutoff ? jaro_winkler : 0.0;
}

template <typename CharT>
double JaroWinkler(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
                   double prefix_weight, double boost_threshold, double score_cutoff = 0) {
  return JaroWinklerWith(a, b, prefix_weight, boost_threshold, score_cutoff,
                         [&](double jaro_cutoff) { return Jaro(a, b, jaro_cutoff); });
}

}  // namespace sameas::internal

#endif  // SAMEAS_INTERNAL_JARO_IMPL_H_
