// Comparison: for each candidate pair and each comparison, the first level that holds, as a
// uint8_t. Levels read prepared features by record index: dictionary codes for exact, folded
// strings for the similarity kernels, day numbers for dates.
#ifndef SAMEAS_COMPARE_COMPARE_H_
#define SAMEAS_COMPARE_COMPARE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sameas/compare/handle_levels.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/settings/settings.h"

namespace sameas {

/// One uint8_t level column per comparison: `levels[c][p]` is the level of pair p in
/// comparison c, an index into that comparison's `levels` (0 is null, the last is else).
struct ComparisonVectors {
  std::vector<std::vector<uint8_t>> levels;

  size_t num_comparisons() const { return levels.size(); }
  size_t num_pairs() const { return levels.empty() ? 0 : levels.front().size(); }
};

/// Comparisons resolved against a PreparedTable once, then applied to any number of pairs.
class Comparer {
 public:
  /// Errors when a comparison names a column the prepared table lacks.
  static absl::StatusOr<Comparer> Create(const PreparedTable& prepared,
                                         const std::vector<ComparisonSpec>& comparisons);

  /// The level of records (a, b) in comparison `c`.
  uint8_t Level(size_t c, uint32_t a, uint32_t b) const;

  /// The comparison vectors of the pairs (left[i], right[i]).
  ComparisonVectors Compare(const std::vector<uint32_t>& left,
                            const std::vector<uint32_t>& right) const;

  size_t num_comparisons() const { return compiled_.size(); }

 private:
  struct Compiled {
    const PreparedColumn* column;
    std::vector<LevelSpec> levels;
    bool needs_jaro_winkler = false;
    // The largest edit-distance threshold, so one distance call serves every level.
    size_t max_levenshtein = 0, max_osa = 0;
    bool needs_levenshtein = false, needs_osa = false;
    // For trailing_digits levels, per dictionary entry: the value's last 18 digits as a number
    // and how many digits it has (at most 18).
    std::vector<uint64_t> tails;
    std::vector<uint8_t> tail_digits;
    // Comparisons of a handle or email column against another column (ComparisonSpec::against).
    const PreparedColumn* against = nullptr;
    HandleNameIndex handle_index;
    // Every level between null and else is birth_year: null unless a year is on both sides.
    bool year_only = false;
    // Some level is birth_year; some level compares the two handles themselves (exact,
    // an edit distance, a domain).
    bool year_levels = false, handle_pair_levels = false;
    // The year of each dictionary value of a text `against` column (a birth year column).
    std::vector<int16_t> against_years;
  };
  uint8_t AgainstLevel(const Compiled& c, uint32_t a, uint32_t b) const;
  int AgainstYear(const Compiled& c, uint32_t record) const;
  explicit Comparer(std::vector<Compiled> compiled) : compiled_(std::move(compiled)) {}
  std::vector<Compiled> compiled_;
};

}  // namespace sameas

#endif  // SAMEAS_COMPARE_COMPARE_H_
