// Templates behind sameas/similarity/indel.h, over the character type: `char` for bytes,
// `char32_t` for code points. The bit-parallel longest common subsequence, one word or many,
// and the Indel distance and similarity built on it.
#ifndef SAMEAS_INTERNAL_INDEL_IMPL_H_
#define SAMEAS_INTERNAL_INDEL_IMPL_H_

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "sameas/internal/levenshtein_impl.h"  // PatternMasks, StripCommonAffix

namespace sameas::internal {

/// Length of the longest common subsequence of a pattern of 1..64 characters, given by its
/// masks, and `text`. Allison & Dix 1986, "A bit-string longest-common-subsequence
/// algorithm", in the form of Hyyrö 2004, "Bit-parallel LCS-length computation revisited":
/// a zero bit of `s` marks a row where the LCS row vector steps up, and each text character
/// moves the steps in one add and three logic operations. Bits above the pattern stay one
/// (its masks are zero there), so the count needs no mask. O(n).
template <typename CharT, typename Masks>
size_t LcsHyyro(const Masks& masks, std::basic_string_view<CharT> text) noexcept {
  uint64_t s = ~uint64_t{0};
  for (const CharT c : text) {
    const uint64_t u = s & masks.Get(c);
    s = (s + u) | (s - u);
  }
  return static_cast<size_t>(std::popcount(~s));
}

/// The same for a pattern of any length, 64 rows per word: the add carries from word to word
/// (Hyyrö 2004, section 3); the subtraction never borrows, as u is a subset of s.
/// O(ceil(m / 64) * n).
template <typename CharT>
size_t LcsBlocks(const BlockPatternMasks<CharT>& masks, std::basic_string_view<CharT> text) {
  const size_t words = masks.size();
  std::vector<uint64_t> s(words, ~uint64_t{0});
  for (const CharT c : text) {
    uint64_t carry = 0;
    for (size_t w = 0; w < words; ++w) {
      const uint64_t u = s[w] & masks.Get(w, c);
      const uint64_t partial = s[w] + carry;
      const uint64_t sum = partial + u;
      carry = (partial < carry) | (sum < u);
      s[w] = sum | (s[w] - u);
    }
  }
  size_t lcs = 0;
  for (const uint64_t word : s) lcs += static_cast<size_t>(std::popcount(~word));
  return lcs;
}

/// Settles Indel without a kernel, for `a` and `b` stripped of their common affix: a length
/// difference beyond the cutoff (every unmatched character of the longer string costs one),
/// an empty string, a zero cutoff. Clamps `max_distance` to |a| + |b|, which keeps
/// `max_distance + 1` from overflowing. Returns nothing when a kernel must decide.
template <typename CharT>
std::optional<size_t> SettleIndelTrivially(std::basic_string_view<CharT> a,
                                           std::basic_string_view<CharT> b,
                                           size_t& max_distance) noexcept {
  const size_t shorter = std::min(a.size(), b.size());
  const size_t longer = std::max(a.size(), b.size());
  max_distance = std::min(max_distance, a.size() + b.size());
  if (longer - shorter > max_distance) return max_distance + 1;
  if (shorter == 0) return longer;
  if (max_distance == 0) return 1;  // two non-empty strings without a common affix differ
  return std::nullopt;
}

/// |a| + |b| - 2 LCS(a, b), or `max_distance + 1` when that exceeds `max_distance`.
template <typename CharT>
size_t Indel(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
             size_t max_distance) {
  StripCommonAffix(a, b);
  if (const auto settled = SettleIndelTrivially(a, b, max_distance)) return *settled;
  if (a.size() > b.size()) std::swap(a, b);  // the shorter one is the pattern: fewer words
  const size_t lcs = a.size() <= kWordBits ? LcsHyyro(PatternMasks<CharT>(a, b), b)
                                           : LcsBlocks(BlockPatternMasks<CharT>(a), b);
  return std::min(a.size() + b.size() - 2 * lcs, max_distance + 1);
}

/// 1 - Indel / (|a| + |b|), or 0 when below `score_cutoff`; 1 for two empty strings.
template <typename CharT>
double IndelSimilarity(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
                       double score_cutoff = 0) {
  return NormalizedSimilarity(a.size() + b.size(), score_cutoff,
                              [&](size_t max_distance) { return Indel(a, b, max_distance); });
}

/// Indel from a query whose masks are prepared, for the cached scorer. A query of up to 64
/// characters is stripped of the common affix by shifting its masks; a longer one keeps its
/// block masks and is compared whole (the affix changes nothing for the LCS but speed).
template <typename CharT>
size_t IndelFromMasks(const PatternMasks<CharT>& query_masks,
                      const BlockPatternMasks<CharT>& query_blocks,
                      std::basic_string_view<CharT> query, std::basic_string_view<CharT> candidate,
                      size_t max_distance) {
  if (query.size() > kWordBits) {
    const size_t longer = std::max(query.size(), candidate.size());
    const size_t shorter = std::min(query.size(), candidate.size());
    max_distance = std::min(max_distance, query.size() + candidate.size());
    if (longer - shorter > max_distance) return max_distance + 1;
    const size_t lcs = LcsBlocks(query_blocks, candidate);
    return std::min(query.size() + candidate.size() - 2 * lcs, max_distance + 1);
  }
  const size_t prefix = StripCommonAffix(query, candidate);
  if (const auto settled = SettleIndelTrivially(query, candidate, max_distance)) return *settled;
  const ShiftedMasks masks(query_masks, prefix, query.size());
  const size_t lcs = LcsHyyro(masks, candidate);
  return std::min(query.size() + candidate.size() - 2 * lcs, max_distance + 1);
}

}  // namespace sameas::internal

#endif  // SAMEAS_INTERNAL_INDEL_IMPL_H_
