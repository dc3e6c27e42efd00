// Dates in the formats customer data uses: 1984-03-07, 19840307, 07/03/1984, 03/07/1984,
// 7.3.1984, 1984/03/07, 7 Mar 1984, March 7, 1984. The order of day and month in slashed
// dates is found per column from the values that can only be read one way.
#ifndef SAMEAS_PREPARE_DATE_H_
#define SAMEAS_PREPARE_DATE_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace sameas {

/// Which of day and month comes first in a numeric date with separators.
enum class DayMonthOrder { kDayFirst, kMonthFirst };

/// A parsed calendar date.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  /// Days since 1970-01-01 (proleptic Gregorian).
  int32_t DaysSinceEpoch() const;
  /// The date `days` after 1970-01-01; the inverse of DaysSinceEpoch.
  static Date FromDaysSinceEpoch(int32_t days);
  friend bool operator==(const Date&, const Date&) = default;
};

/// Parses one date; nullopt when the text is not a valid date in a known format or the
/// calendar has no such day (1984-02-30).
std::optional<Date> ParseDate(std::string_view text,
                              DayMonthOrder order = DayMonthOrder::kDayFirst);

/// A year alone, as a social profile's birth year: four digits from 1000 to 2999, with
/// spaces around ("1984", " 1984 ") or a zero decimal ("1984.0", as a float column writes it).
/// nullopt for anything else, a full date included.
std::optional<int> ParseYear(std::string_view text);

/// The order that reads more of `values` as valid dates. Only values valid in one order
/// alone vote (07/25/1990 for month-first, 25/07/1990 for day-first), so clean data is
/// month-first exactly when some value has a day above 12 in second place and none in first;
/// in dirty data the larger count wins, and a tie or no vote gives day-first.
DayMonthOrder DetectDayMonthOrder(const std::vector<std::string_view>& values);

/// Sentinel for a missing or unparsable date in day-number columns.
inline constexpr int32_t kNoDate = INT32_MIN;

}  // namespace sameas

#endif  // SAMEAS_PREPARE_DATE_H_
