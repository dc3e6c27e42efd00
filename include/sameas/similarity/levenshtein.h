// Edit distances between two strings: Levenshtein and optimal string alignment (OSA, the
// "restricted" Damerau-Levenshtein). Bit-parallel for strings up to 64 characters, a banded
// dynamic programme beyond; both stop early at a cutoff.
#ifndef SAMEAS_SIMILARITY_LEVENSHTEIN_H_
#define SAMEAS_SIMILARITY_LEVENSHTEIN_H_

#include <cstddef>
#include <string_view>

namespace sameas {

/// Levenshtein distance (insert, delete, substitute, each cost 1). Returns `max_distance + 1`
/// as soon as the distance is known to exceed `max_distance`.
/// Myers 1999, "A fast bit-vector algorithm for approximate string matching based on dynamic
/// programming", in the form of Hyyrö 2003 for whole-string distance.
/// O(ceil(m/64) * n) time.
size_t Levenshtein(std::string_view a, std::string_view b,
                   size_t max_distance = static_cast<size_t>(-1)) noexcept;
size_t Levenshtein(std::u32string_view a, std::u32string_view b,
                   size_t max_distance = static_cast<size_t>(-1)) noexcept;

/// 1 - distance / max(len a, len b); 1 for two empty strings.
double LevenshteinSimilarity(std::string_view a, std::string_view b) noexcept;

/// Optimal string alignment distance: Levenshtein plus transposition of two adjacent
/// characters, no substring edited twice. Hyyrö 2003, "A bit-vector algorithm for computing
/// Levenshtein and Damerau edit distances". Same cutoff convention as Levenshtein.
size_t OsaDistance(std::string_view a, std::string_view b,
                   size_t max_distance = static_cast<size_t>(-1)) noexcept;
size_t OsaDistance(std::u32string_view a, std::u32string_view b,
                   size_t max_distance = static_cast<size_t>(-1)) noexcept;

}  // namespace sameas

#endif  // SAMEAS_SIMILARITY_LEVENSHTEIN_H_
