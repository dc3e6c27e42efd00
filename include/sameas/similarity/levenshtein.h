// Edit distances between two strings: Levenshtein and optimal string alignment (OSA, the
// "restricted" Damerau-Levenshtein). Bit-parallel in one 64-bit word when the shorter string
// has up to 64 characters; beyond, Levenshtein runs on 64-character blocks and OSA on a banded
// dynamic programme. Both stop early at a cutoff. Cached scorers prepare one query for many
// candidates.
#ifndef SAMEAS_SIMILARITY_LEVENSHTEIN_H_
#define SAMEAS_SIMILARITY_LEVENSHTEIN_H_

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "sameas/internal/levenshtein_impl.h"

namespace sameas {

/// Levenshtein distance (insert, delete, substitute, each cost 1). Returns `max_distance + 1`
/// as soon as the distance is known to exceed `max_distance`.
/// Myers 1999, "A fast bit-vector algorithm for approximate string matching based on dynamic
/// programming", in the form of Hyyrö 2003 for whole-string distance.
/// O(ceil(m/64) * n) time, m the shorter length.
size_t Levenshtein(std::string_view a, std::string_view b,
                   size_t max_distance = static_cast<size_t>(-1)) noexcept;
size_t Levenshtein(std::u32string_view a, std::u32string_view b,
                   size_t max_distance = static_cast<size_t>(-1)) noexcept;

/// 1 - distance / max(len a, len b); 1 for two empty strings.
double LevenshteinSimilarity(std::string_view a, std::string_view b) noexcept;
double LevenshteinSimilarity(std::u32string_view a, std::u32string_view b) noexcept;

/// Optimal string alignment distance: Levenshtein plus transposition of two adjacent
/// characters, no substring edited twice. Hyyrö 2003, "A bit-vector algorithm for computing
/// Levenshtein and Damerau edit distances". Same cutoff convention as Levenshtein.
/// Not the unrestricted Damerau-Levenshtein: OsaDistance("ca", "abc") is 3, not 2.
/// O(n) when the shorter string has up to 64 characters, O(m * min(n, 2 * max_distance + 1))
/// beyond.
size_t OsaDistance(std::string_view a, std::string_view b,
                   size_t max_distance = static_cast<size_t>(-1)) noexcept;
size_t OsaDistance(std::u32string_view a, std::u32string_view b,
                   size_t max_distance = static_cast<size_t>(-1)) noexcept;

/// Levenshtein from one query to many candidates, with the query's pattern-match masks built
/// once. Same results as the free functions.
///
///   CachedLevenshtein scorer(query);  // CharT deduced: char or char32_t
///   for (std::string_view name : block) {
///     if (scorer.Distance(name, 2) <= 2) ...
///   }
///
/// Queries of up to 64 characters take the bit-vector kernel without rebuilding anything;
/// longer ones fall back to the free function.
template <typename CharT>
class CachedLevenshtein {
 public:
  explicit CachedLevenshtein(std::basic_string_view<CharT> query)
      : query_(query),
        masks_(query.size() <= internal::kWordBits ? internal::PatternMasks<CharT>(query)
                                                   : internal::PatternMasks<CharT>()) {}

  /// Levenshtein(query, candidate, max_distance).
  size_t Distance(std::basic_string_view<CharT> candidate,
                  size_t max_distance = static_cast<size_t>(-1)) const noexcept {
    return internal::EditDistanceFromMasks</*kOsa=*/false, CharT>(masks_, query_, candidate,
                                                                  max_distance);
  }

  /// LevenshteinSimilarity(query, candidate), or 0 when below `score_cutoff` (which lets the
  /// kernel stop early).
  double Similarity(std::basic_string_view<CharT> candidate,
                    double score_cutoff = 0) const noexcept {
    return internal::NormalizedSimilarity(
        std::max(query_.size(), candidate.size()), score_cutoff,
        [&](size_t max_distance) { return Distance(candidate, max_distance); });
  }

 private:
  std::basic_string<CharT> query_;
  internal::PatternMasks<CharT> masks_;  // of query_, when it has at most 64 characters
};

CachedLevenshtein(std::string_view) -> CachedLevenshtein<char>;
CachedLevenshtein(std::u32string_view) -> CachedLevenshtein<char32_t>;

/// OsaDistance from one query to many candidates; see CachedLevenshtein.
template <typename CharT>
class CachedOsa {
 public:
  explicit CachedOsa(std::basic_string_view<CharT> query)
      : query_(query),
        masks_(query.size() <= internal::kWordBits ? internal::PatternMasks<CharT>(query)
                                                   : internal::PatternMasks<CharT>()) {}

  /// OsaDistance(query, candidate, max_distance).
  size_t Distance(std::basic_string_view<CharT> candidate,
                  size_t max_distance = static_cast<size_t>(-1)) const noexcept {
    return internal::EditDistanceFromMasks</*kOsa=*/true, CharT>(masks_, query_, candidate,
                                                                 max_distance);
  }

 private:
  std::basic_string<CharT> query_;
  internal::PatternMasks<CharT> masks_;  // of query_, when it has at most 64 characters
};

CachedOsa(std::string_view) -> CachedOsa<char>;
CachedOsa(std::u32string_view) -> CachedOsa<char32_t>;

}  // namespace sameas

#endif  // SAMEAS_SIMILARITY_LEVENSHTEIN_H_
