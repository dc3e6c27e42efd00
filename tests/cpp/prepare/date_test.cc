// ParseDate in every supported format, calendar validation,
// DetectDayMonthOrder, and Date::DaysSinceEpoch against a day-counting
// reference.
#include "sameas/prepare/date.h"

#include <gtest/gtest.h>
#include "fmt/format.h"

#include <optional>
#include <random>
#include <string_view>
#include <vector>

namespace sameas {
namespace {

constexpr Date kMarch7{1984, 3, 7};

TEST(ParseDate, IsoWithDashes) { EXPECT_EQ(ParseDate("1984-03-07"), kMarch7); }

TEST(ParseDate, YearFirstWithSlashesOrDots) {
  EXPECT_EQ(ParseDate("1984/03/07"), kMarch7);
  EXPECT_EQ(ParseDate("1984.03.07"), kMarch7);
  EXPECT_EQ(ParseDate("1984-3-7"), kMarch7);
}

TEST(ParseDate, YearFirstIgnoresTheRequestedOrder) {
  EXPECT_EQ(ParseDate("1984/03/07", DayMonthOrder::kMonthFirst), kMarch7);
}

TEST(ParseDate, EightDigitsAreYearMonthDay) {
  EXPECT_EQ(ParseDate("19840307"), kMarch7);
  EXPECT_EQ(ParseDate("19840307", DayMonthOrder::kMonthFirst), kMarch7);
}

TEST(ParseDate, SlashedDateFollowsTheRequestedOrder) {
  EXPECT_EQ(ParseDate("07/03/1984", DayMonthOrder::kDayFirst), kMarch7);
  EXPECT_EQ(ParseDate("03/07/1984", DayMonthOrder::kMonthFirst), kMarch7);
  EXPECT_EQ(ParseDate("7/3/1984", DayMonthOrder::kDayFirst), kMarch7);
  EXPECT_EQ(ParseDate("3/7/1984", DayMonthOrder::kMonthFirst), kMarch7);
}

TEST(ParseDate, DefaultOrderIsDayFirst) {
  EXPECT_EQ(ParseDate("07/03/1984"), kMarch7);
}

TEST(ParseDate, DashedDayMonthYearFollowsTheRequestedOrder) {
  EXPECT_EQ(ParseDate("07-03-1984"), kMarch7);
  EXPECT_EQ(ParseDate("03-07-1984", DayMonthOrder::kMonthFirst), kMarch7);
}

TEST(ParseDate, DottedDateIsAlwaysDayFirst) {
  EXPECT_EQ(ParseDate("07.03.1984"), kMarch7);
  EXPECT_EQ(ParseDate("7.3.1984", DayMonthOrder::kMonthFirst), kMarch7);
}

TEST(ParseDate, DayMonthNameYear) {
  EXPECT_EQ(ParseDate("7 Mar 1984"), kMarch7);
  EXPECT_EQ(ParseDate("7 March 1984"), kMarch7);
  EXPECT_EQ(ParseDate("07 MARCH 1984"), kMarch7);
  EXPECT_EQ(ParseDate("07-Mar-1984"), kMarch7);
  EXPECT_EQ(ParseDate("7th March 1984"), kMarch7);
}

TEST(ParseDate, MonthNameDayYear) {
  EXPECT_EQ(ParseDate("March 7, 1984"), kMarch7);
  EXPECT_EQ(ParseDate("Mar 7 1984"), kMarch7);
  EXPECT_EQ(ParseDate("mar. 7, 1984"), kMarch7);
  EXPECT_EQ(ParseDate("March 7th, 1984"), kMarch7);
  EXPECT_EQ(ParseDate("Sept 1, 2001"), (Date{2001, 9, 1}));
}

TEST(ParseDate, MonthNamesInGermanPolishHungarianAndIndonesian) {
  EXPECT_EQ(ParseDate("7. März 1984"), kMarch7);
  EXPECT_EQ(ParseDate("7 MÄRZ 1984"), kMarch7);
  EXPECT_EQ(ParseDate("7 marca 1984"), kMarch7);
  EXPECT_EQ(ParseDate("7 marzec 1984"), kMarch7);
  EXPECT_EQ(ParseDate("1984. március 7."), kMarch7);
  EXPECT_EQ(ParseDate("7 Maret 1984"), kMarch7);
  EXPECT_EQ(ParseDate("12 października 1990"), (Date{1990, 10, 12}));
  EXPECT_EQ(ParseDate("3 Dezember 1950"), (Date{1950, 12, 3}));
  EXPECT_EQ(ParseDate("17 Agustus 1945"), (Date{1945, 8, 17}));
}

TEST(ParseDate, TimeOfDayIsIgnored) {
  EXPECT_EQ(ParseDate("1984-03-07T00:00:00"), kMarch7);
  EXPECT_EQ(ParseDate("1984-03-07 00:00:00"), kMarch7);
  EXPECT_EQ(ParseDate("1984-03-07T12:30:00.000Z"), kMarch7);
  EXPECT_EQ(ParseDate("1984-03-07T12:30:00+01:00"), kMarch7);
  EXPECT_EQ(ParseDate("07/03/1984 00:00"), kMarch7);
}

TEST(ParseDate, SurroundingSpacesAreTrimmed) {
  EXPECT_EQ(ParseDate("  1984-03-07 "), kMarch7);
  EXPECT_EQ(ParseDate("\t7 March 1984\n"), kMarch7);
}

TEST(ParseDate, LeapDayOnlyInLeapYears) {
  EXPECT_EQ(ParseDate("1984-02-29"), (Date{1984, 2, 29}));
  EXPECT_EQ(ParseDate("2000-02-29"), (Date{2000, 2, 29}));
  EXPECT_EQ(ParseDate("1983-02-29"), std::nullopt);
  EXPECT_EQ(ParseDate("1900-02-29"), std::nullopt);
}

TEST(ParseDate, ImpossibleCalendarDaysAreRejected) {
  EXPECT_EQ(ParseDate("1984-02-30"), std::nullopt);
  EXPECT_EQ(ParseDate("30 Feb 1984"), std::nullopt);
  EXPECT_EQ(ParseDate("1984-04-31"), std::nullopt);
  EXPECT_EQ(ParseDate("1984-13-01"), std::nullopt);
  EXPECT_EQ(ParseDate("1984-00-10"), std::nullopt);
  EXPECT_EQ(ParseDate("1984-01-00"), std::nullopt);
  EXPECT_EQ(ParseDate("19841301"), std::nullopt);
  EXPECT_EQ(ParseDate("07/13/1984", DayMonthOrder::kDayFirst), std::nullopt);
  EXPECT_EQ(ParseDate("13/07/1984", DayMonthOrder::kMonthFirst), std::nullopt);
  EXPECT_EQ(ParseDate("0000-01-01"), std::nullopt);
}

TEST(ParseDate, TwoDigitYearsAreNotGuessed) {
  EXPECT_EQ(ParseDate("07/03/84"), std::nullopt);
  EXPECT_EQ(ParseDate("7 Mar 84"), std::nullopt);
  EXPECT_EQ(ParseDate("840307"), std::nullopt);
}

TEST(ParseDate, MalformedTextIsRejected) {
  for (std::string_view s :
       {"", "   ", "nineteen", "1984", "1984-03", "1984-03-07x", "1984-03/07",
        "07/03/1984/", "1984-03-07 garbage", "1984-03-07T", "7 Smarch 1984",
        "March 1984", "7 3 1984", "198403071", "123/03/1984", "07/003/1984",
        "07/03/19845", "7 Mar 1984 Mar"}) {
    EXPECT_EQ(ParseDate(s), std::nullopt) << '"' << s << '"';
  }
}

TEST(DetectDayMonthOrder, DayAboveTwelveInFirstPlaceMeansDayFirst) {
  EXPECT_EQ(DetectDayMonthOrder({"01/02/1980", "25/12/1990", "03/04/1970"}),
            DayMonthOrder::kDayFirst);
}

TEST(DetectDayMonthOrder, DayAboveTwelveInSecondPlaceMeansMonthFirst) {
  EXPECT_EQ(DetectDayMonthOrder({"01/02/1980", "12/25/1990", "03/04/1970"}),
            DayMonthOrder::kMonthFirst);
}

TEST(DetectDayMonthOrder, AmbiguousOrEmptyColumnsDefaultToDayFirst) {
  EXPECT_EQ(DetectDayMonthOrder({}), DayMonthOrder::kDayFirst);
  EXPECT_EQ(DetectDayMonthOrder({"01/02/1980", "03/04/1970"}),
            DayMonthOrder::kDayFirst);
  EXPECT_EQ(DetectDayMonthOrder({"12/25/1990", "25/12/1990"}),
            DayMonthOrder::kDayFirst);
}

TEST(DetectDayMonthOrder, UnambiguousFormatsAndJunkDoNotVote) {
  EXPECT_EQ(DetectDayMonthOrder(
                {"1990-12-25", "25.12.1990", "junk", "", "12/25/1990"}),
            DayMonthOrder::kMonthFirst);
}

TEST(DetectDayMonthOrder, MajorityWinsOverAFewContradictingValues) {
  EXPECT_EQ(DetectDayMonthOrder(
                {"12/25/1990", "11/30/1985", "02/14/2001", "25/12/1990"}),
            DayMonthOrder::kMonthFirst);
}

TEST(DaysSinceEpoch, KnownDays) {
  EXPECT_EQ((Date{1970, 1, 1}).DaysSinceEpoch(), 0);
  EXPECT_EQ((Date{1969, 12, 31}).DaysSinceEpoch(), -1);
  EXPECT_EQ(kMarch7.DaysSinceEpoch(), 5179);
  EXPECT_EQ((Date{2000, 2, 29}).DaysSinceEpoch(), 11016);
  EXPECT_EQ((Date{1900, 1, 1}).DaysSinceEpoch(), -25567);
  EXPECT_EQ((Date{1, 1, 1}).DaysSinceEpoch(), -719162);
  EXPECT_EQ((Date{9999, 12, 31}).DaysSinceEpoch(), 2932896);
}

// Counts whole years and months from 1970, one at a time.
int32_t ReferenceDaysSinceEpoch(const Date& d) {
  auto leap = [](int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  };
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  int32_t days = 0;
  for (int y = 1970; y < d.year; ++y) days += leap(y) ? 366 : 365;
  for (int y = d.year; y < 1970; ++y) days -= leap(y) ? 366 : 365;
  for (int m = 1; m < d.month; ++m)
    days += kDays[m - 1] + (m == 2 && leap(d.year));
  return days + d.day - 1;
}

TEST(DaysSinceEpoch, AgreesWithDayCountingOnRandomDates) {
  std::mt19937 rng(3);
  for (int i = 0; i < 20000; ++i) {
    Date d{std::uniform_int_distribution<int>(1600, 2400)(rng),
           std::uniform_int_distribution<int>(1, 12)(rng),
           std::uniform_int_distribution<int>(1, 28)(rng)};
    ASSERT_EQ(d.DaysSinceEpoch(), ReferenceDaysSinceEpoch(d))
        << d.year << "-" << d.month << "-" << d.day;
  }
}

TEST(DaysSinceEpoch, ConsecutiveParsedDaysDifferByOne) {
  EXPECT_EQ(ParseDate("1984-03-01")->DaysSinceEpoch() -
                ParseDate("1984-02-29")->DaysSinceEpoch(),
            1);
  EXPECT_EQ(ParseDate("01.01.2000")->DaysSinceEpoch() -
                ParseDate("31.12.1999")->DaysSinceEpoch(),
            1);
}

TEST(ParseYear, AYearAloneAsSocialProfilesAndFloatColumnsWriteIt) {
  EXPECT_EQ(ParseYear("1984"), 1984);
  EXPECT_EQ(ParseYear(" 2001 "), 2001);
  EXPECT_EQ(ParseYear("1984.0"), 1984);
  EXPECT_EQ(ParseYear("84"), std::nullopt);        // two digits are not guessed
  EXPECT_EQ(ParseYear("1984-03-07"), std::nullopt);
  EXPECT_EQ(ParseYear("19840"), std::nullopt);
  EXPECT_EQ(ParseYear("0999"), std::nullopt);
  EXPECT_EQ(ParseYear("abcd"), std::nullopt);
}

TEST(Date, FromDaysSinceEpochInvertsDaysSinceEpoch) {
  // Every day from 1890 to 2030, leap days and centuries included.
  for (int32_t days = -29220; days <= 22000; ++days) {
    const Date date = Date::FromDaysSinceEpoch(days);
    ASSERT_EQ(date.DaysSinceEpoch(), days);
    ASSERT_TRUE(ParseDate(fmt::format("{:04d}-{:02d}-{:02d}", date.year, date.month, date.day)));
  }
  EXPECT_EQ(Date::FromDaysSinceEpoch(0), (Date{1970, 1, 1}));
  EXPECT_EQ(Date::FromDaysSinceEpoch(Date{2000, 2, 29}.DaysSinceEpoch()), (Date{2000, 2, 29}));
}

}  // namespace
}  // namespace sameas
