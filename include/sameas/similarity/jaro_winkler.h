// Jaro and Jaro-Winkler similarity, the workhorse of name comparison. Bit-parallel for
// strings up to 64 characters; a cached scorer prepares one query for many candidates.
#ifndef SAMEAS_SIMILARITY_JARO_WINKLER_H_
#define SAMEAS_SIMILARITY_JARO_WINKLER_H_

#include <string>
#include <string_view>

#include "sameas/internal/jaro_impl.h"

namespace sameas {

/// Jaro similarity in [0, 1]: matching characters within a window of
/// max(len)/2 - 1, and half the transpositions among them. Jaro 1989, "Advances in
/// record-linkage methodology as applied to matching the 1985 census of Tampa, Florida".
/// Two empty strings score 1; one empty string scores 0. Half the transpositions is rounded
/// down, as in Winkler's strcmp95 and rapidfuzz. O(max(len)) up to 64 characters,
/// O(len * window) beyond.
double Jaro(std::string_view a, std::string_view b) noexcept;
double Jaro(std::u32string_view a, std::u32string_view b) noexcept;

/// Jaro-Winkler: Jaro plus `prefix_weight` x (common prefix, at most 4) x (1 - Jaro), applied
/// only when Jaro exceeds `boost_threshold`. Winkler 1990, "String comparator metrics and
/// enhanced decision rules in the Fellegi-Sunter model of record linkage".
double JaroWinkler(std::string_view a, std::string_view b, double prefix_weight = 0.1,
                   double boost_threshold = 0.7) noexcept;
double JaroWinkler(std::u32string_view a, std::u32string_view b, double prefix_weight = 0.1,
                   double boost_threshold = 0.7) noexcept;

/// Jaro-Winkler from one query to many candidates, with the query's pattern-match masks built
/// once. Same results as the free function; a prefix_weight of 0 gives plain Jaro.
///
///   CachedJaroWinkler scorer(query);  // CharT deduced: char or char32_t
///   for (std::string_view name : block) {
///     if (scorer.Similarity(name, 0.92) > 0) ...
///   }
template <typename CharT>
class CachedJaroWinkler {
 public:
  explicit CachedJaroWinkler(std::basic_string_view<CharT> query, double prefix_weight = 0.1,
                             double boost_threshold = 0.7)
      : query_(query),
        masks_(query.size() <= internal::kWordBits ? internal::PatternMasks<CharT>(query)
                                                   : internal::PatternMasks<CharT>()),
        prefix_weight_(prefix_weight),
        boost_threshold_(boost_threshold) {}

  /// JaroWinkler(query, candidate), or 0 when below `score_cutoff`: a cutoff lets the scorer
  /// skip candidates whose lengths or match counts cannot reach it.
  double Similarity(std::basic_string_view<CharT> candidate,
                    double score_cutoff = 0) const noexcept {
    const std::basic_string_view<CharT> query = query_;
    return internal::JaroWinklerWith(
        query, candidate, prefix_weight_, boost_threshold_, score_cutoff, [&](double jaro_cutoff) {
          return internal::JaroFromMasks(masks_, query, candidate, jaro_cutoff);
        });
  }

 private:
  std::basic_string<CharT> query_;
  internal::PatternMasks<CharT> masks_;  // of query_, when it has at most 64 characters
  double prefix_weight_;
  double boost_threshold_;
};

template <typename... Weights>
CachedJaroWinkler(std::string_view, Weights...) -> CachedJaroWinkler<char>;
template <typename... Weights>
CachedJaroWinkler(std::u32string_view, Weights...) -> CachedJaroWinkler<char32_t>;

}  // namespace sameas

#endif  // SAMEAS_SIMILARITY_JARO_WINKLER_H_
