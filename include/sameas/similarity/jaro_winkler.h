// Jaro and Jaro-Winkler similarity, the workhorse of name comparison.
#ifndef SAMEAS_SIMILARITY_JARO_WINKLER_H_
#define SAMEAS_SIMILARITY_JARO_WINKLER_H_

#include <string_view>

namespace sameas {

/// Jaro similarity in [0, 1]: matching characters within a window of
/// max(len)/2 - 1, and half the transpositions among them. Jaro 1989, "Advances in
/// record-linkage methodology as applied to matching the 1985 census of Tampa, Florida".
/// Two empty strings score 1; one empty string scores 0.
double Jaro(std::string_view a, std::string_view b) noexcept;
double Jaro(std::u32string_view a, std::u32string_view b) noexcept;

/// Jaro-Winkler: Jaro plus `prefix_weight` x (common prefix, at most 4) x (1 - Jaro), applied
/// only when Jaro exceeds `boost_threshold`. Winkler 1990, "String comparator metrics and
/// enhanced decision rules in the Fellegi-Sunter model of record linkage".
double JaroWinkler(std::string_view a, std::string_view b, double prefix_weight = 0.1,
                   double boost_threshold = 0.7) noexcept;
double JaroWinkler(std::u32string_view a, std::u32string_view b, double prefix_weight = 0.1,
                   double boost_threshold = 0.7) noexcept;

}  // namespace sameas

#endif  // SAMEAS_SIMILARITY_JARO_WINKLER_H_
