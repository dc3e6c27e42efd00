// The true (unrestricted) Damerau-Levenshtein distance: Levenshtein plus transpositions of
// adjacent characters, where characters may also be inserted between the two transposed
// ones. Unlike OSA (levenshtein.h) it is a metric; it needs a full table, so OSA is the faster
// choice when the difference does not matter.
#ifndef SAMEAS_SIMILARITY_DAMERAU_LEVENSHTEIN_H_
#define SAMEAS_SIMILARITY_DAMERAU_LEVENSHTEIN_H_

#include <cstddef>
#include <string_view>

namespace sameas {

/// Damerau-Levenshtein distance: the fewest insertions, deletions, substitutions and
/// transpositions of adjacent characters, each cost 1, with no restriction on editing a
/// substring twice: DamerauLevenshtein("ca", "abc") is 2 (ca -> ac -> abc) where OsaDistance
/// is 3. Returns `max_distance + 1` once the distance is known to exceed `max_distance`.
/// Damerau 1964, "A technique for computer detection and correction of spelling errors";
/// computed by the algorithm of Lowrance & Wagner 1975, "An extension of the string-to-string
/// correction problem". O(m * n) time and space after the common prefix and suffix are
/// removed.
size_t DamerauLevenshtein(std::string_view a, std::string_view b,
                          size_t max_distance = static_cast<size_t>(-1)) noexcept;
size_t DamerauLevenshtein(std::u32string_view a, std::u32string_view b,
                          size_t max_distance = static_cast<size_t>(-1)) noexcept;

}  // namespace sameas

#endif  // SAMEAS_SIMILARITY_DAMERAU_LEVENSHTEIN_H_
