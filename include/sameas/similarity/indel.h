// Indel distance (insertions and deletions only) and its normalised similarity, the "LCS
// ratio" behind rapidfuzz's fuzz.ratio and the token ratios. Bit-parallel longest common
// subsequence; a cached scorer prepares one query for many candidates.
#ifndef SAMEAS_SIMILARITY_INDEL_H_
#define SAMEAS_SIMILARITY_INDEL_H_

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "sameas/internal/indel_impl.h"

namespace sameas {

/// Indel distance: the fewest insertions and deletions that turn `a` into `b`, which is
/// |a| + |b| - 2 LCS(a, b). Returns `max_distance + 1` once it is known to exceed
/// `max_distance`. Indel("kitten", "sitting") is 5: a substitution costs two.
/// LCS by Allison & Dix 1986, "A bit-string longest-common-subsequence algorithm", as
/// Hyyrö 2004, "Bit-parallel LCS-length computation revisited". O(ceil(m / 64) * n), m the
/// shorter length.
size_t Indel(std::string_view a, std::string_view b,
             size_t max_distance = static_cast<size_t>(-1)) noexcept;
size_t Indel(std::u32string_view a, std::u32string_view b,
             size_t max_distance = static_cast<size_t>(-1)) noexcept;

/// 1 - Indel / (|a| + |b|) in [0, 1], the same as 2 LCS / (|a| + |b|); 1 for two empty strings.
/// rapidfuzz's Indel.normalized_similarity, and fuzz.ratio / 100.
double IndelSimilarity(std::string_view a, std::string_view b) noexcept;
double IndelSimilarity(std::u32string_view a, std::u32string_view b) noexcept;

/// Indel from one query to many candidates, with the query's pattern-match masks built once
/// (per 64-character block for longer queries). Same results as the free functions.
///
///   CachedIndel scorer(query);  // CharT deduced: char or char32_t
///   for (std::string_view name : block) {
///     if (scorer.Similarity(name, 0.8) > 0) ...
///   }
template <typename CharT>
class CachedIndel {
 public:
  explicit CachedIndel(std::basic_string_view<CharT> query)
      : query_(query),
        masks_(query.size() <= internal::kWordBits ? internal::PatternMasks<CharT>(query)
                                                   : internal::PatternMasks<CharT>()),
        blocks_(query.size() > internal::kWordBits ? internal::BlockPatternMasks<CharT>(query)
                                                   : internal::BlockPatternMasks<CharT>()) {}

  /// Indel(query, candidate, max_distance).
  size_t Distance(std::basic_string_view<CharT> candidate,
                  size_t max_distance = static_cast<size_t>(-1)) const noexcept {
    return internal::IndelFromMasks<CharT>(masks_, blocks_, query_, candidate, max_distance);
  }

  /// IndelSimilarity(query, candidate), or 0 when below `score_cutoff` (which lets the kernel
  /// skip candidates whose lengths cannot reach it).
  double Similarity(std::basic_string_view<CharT> candidate,
                    double score_cutoff = 0) const noexcept {
    return internal::NormalizedSimilarity(
        query_.size() + candidate.size(), score_cutoff,
        [&](size_t max_distance) { return Distance(candidate, max_distance); });
  }

 private:
  std::basic_string<CharT> query_;
  internal::PatternMasks<CharT> masks_;        // of query_, when it has at most 64 characters
  internal::BlockPatternMasks<CharT> blocks_;  // of query_, when it has more
};

CachedIndel(std::string_view)->CachedIndel<char>;
CachedIndel(std::u32string_view)->CachedIndel<char32_t>;

}  // namespace sameas

#endif  // SAMEAS_SIMILARITY_INDEL_H_
