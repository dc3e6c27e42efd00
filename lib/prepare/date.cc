// Date parsing for prepare. Two grammars:
//
// numeric: YYYYMMDD; Y-M-D with '-', '/' or '.' (year first always means
//          year-month-day); D.M.Y (a dot always means day first); D/M/Y and
//          D-M-Y in the caller's order. Day and month take one or two digits,
//          the year exactly four; the two separators must agree. A time of day
//          after 'T' or spaces is ignored.
// words:   a month name with a day and a four-digit year, in the orders people
//          write them: "7 Mar 1984", "7. März 1984", "March 7, 1984",
//          "7th March 1984", "07-MAR-1984", Hungarian "1984. március 7.".
//          Spaces, commas, dots, hyphens and slashes separate.
//
// Two-digit years are rejected rather than guessed: a pivot silently misdates
// the births of anyone older than it, and a missing date costs the model less
// than a wrong one.
#include "sameas/prepare/date.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "sameas/prepare/text.h"

namespace sameas {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Debian's Abseil is built with its own absl::string_view, so its string
// helpers do not take std::string_view; these two are all the file needs.
std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  }
  return out;
}

std::string_view TrimAsciiWhitespace(std::string_view s) {
  constexpr std::string_view kSpace = " \t\n\v\f\r";
  size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

std::optional<Date> MakeDate(int year, int month, int day) {
  if (year < 1 || month < 1 || month > 12 || day < 1) return std::nullopt;
  if (day > DaysInMonth(year, month)) return std::nullopt;
  return Date{year, month, day};
}

// Reads a run of digits at `*pos`; `*digits` gets its length. Runs longer than
// 8 are not dates.
std::optional<int> ReadNumber(std::string_view s, size_t* pos, size_t* digits) {
  size_t start = *pos;
  int value = 0;
  while (*pos < s.size() && IsDigit(s[*pos])) {
    if (*pos - start == 8) return std::nullopt;
    value = value * 10 + (s[*pos] - '0');
    ++*pos;
  }
  *digits = *pos - start;
  if (*digits == 0) return std::nullopt;
  return value;
}

// True when `rest` is empty or a time of day introduced by 'T' or spaces:
// "T00:00:00", " 12:30", " 00:00:00.000Z", "T10:00:00+01:00". Its value is not
// checked, only its shape.
bool IsTimeSuffix(std::string_view rest) {
  if (rest.empty()) return true;
  size_t i;
  if (rest[0] == 'T' || rest[0] == 't') {
    i = 1;
  } else if (rest[0] == ' ') {
    i = rest.find_first_not_of(' ');
    if (i == std::string_view::npos) return true;
  } else {
    return false;
  }
  if (i + 3 > rest.size() || !IsDigit(rest[i]) || !IsDigit(rest[i + 1]) ||
      rest[i + 2] != ':') {
    return false;
  }
  for (; i < rest.size(); ++i) {
    char c = rest[i];
    if (!IsDigit(c) && c != ':' && c != '.' && c != ',' && c != '+' &&
        c != '-' && c != 'Z' && c != 'z' && c != ' ') {
      return false;
    }
  }
  return true;
}

std::optional<Date> ParseNumericDate(std::string_view s, DayMonthOrder order) {
  size_t pos = 0, digits1 = 0;
  std::optional<int> n1 = ReadNumber(s, &pos, &digits1);
  if (!n1) return std::nullopt;
  if (digits1 == 8) {  // YYYYMMDD
    if (!IsTimeSuffix(s.substr(pos))) return std::nullopt;
    return MakeDate(*n1 / 10000, *n1 / 100 % 100, *n1 % 100);
  }
  if (pos == s.size()) return std::nullopt;
  const char sep = s[pos];
  if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  ++pos;
  size_t digits2 = 0, digits3 = 0;
  std::optional<int> n2 = ReadNumber(s, &pos, &digits2);
  if (!n2 || digits2 > 2 || pos == s.size() || s[pos] != sep) {
    return std::nullopt;
  }
  ++pos;
  std::optional<int> n3 = ReadNumber(s, &pos, &digits3);
  if (!n3 || !IsTimeSuffix(s.substr(pos))) return std::nullopt;
  if (digits1 == 4 && digits3 <= 2) return MakeDate(*n1, *n2, *n3);
  if (digits1 > 2 || digits3 != 4) return std::nullopt;
  if (sep == '.' || order == DayMonthOrder::kDayFirst) {
    return MakeDate(*n3, *n2, *n1);
  }
  return MakeDate(*n3, *n1, *n2);
}

// Month names folded to ASCII by FoldText: English (full and abbreviated),
// German, Polish (nominative and genitive), Hungarian and Indonesian. No two
// languages here give one spelling to different months.
struct MonthName {
  std::string_view name;
  int month;
};
constexpr MonthName kMonthNames[] = {
    // English.
    {"january", 1},
    {"february", 2},
    {"march", 3},
    {"april", 4},
    {"may", 5},
    {"june", 6},
    {"july", 7},
    {"august", 8},
    {"september", 9},
    {"october", 10},
    {"november", 11},
    {"december", 12},
    {"jan", 1},
    {"feb", 2},
    {"mar", 3},
    {"apr", 4},
    {"jun", 6},
    {"jul", 7},
    {"aug", 8},
    {"sep", 9},
    {"sept", 9},
    {"oct", 10},
    {"nov", 11},
    {"dec", 12},
    // German ("März" folds to "marz"; "Maerz" is its ASCII spelling).
    {"januar", 1},
    {"janner", 1},
    {"februar", 2},
    {"marz", 3},
    {"maerz", 3},
    {"mai", 5},
    {"juni", 6},
    {"juli", 7},
    {"oktober", 10},
    {"dezember", 12},
    {"okt", 10},
    {"dez", 12},
    // Polish.
    {"styczen", 1},
    {"stycznia", 1},
    {"luty", 2},
    {"lutego", 2},
    {"marzec", 3},
    {"marca", 3},
    {"kwiecien", 4},
    {"kwietnia", 4},
    {"maj", 5},
    {"maja", 5},
    {"czerwiec", 6},
    {"czerwca", 6},
    {"lipiec", 7},
    {"lipca", 7},
    {"sierpien", 8},
    {"sierpnia", 8},
    {"wrzesien", 9},
    {"wrzesnia", 9},
    {"pazdziernik", 10},
    {"pazdziernika", 10},
    {"listopad", 11},
    {"listopada", 11},
    {"grudzien", 12},
    {"grudnia", 12},
    // Hungarian (január, február, október, november and december fold to
    // spellings above).
    {"marcius", 3},
    {"aprilis", 4},
    {"majus", 5},
    {"junius", 6},
    {"julius", 7},
    {"augusztus", 8},
    {"szeptember", 9},
    // Indonesian (the months not spelled as in English or German).
    {"januari", 1},
    {"februari", 2},
    {"maret", 3},
    {"mei", 5},
    {"agustus", 8},
    {"desember", 12},
};

int LookUpMonth(std::string_view word) {
  bool ascii = true;
  for (char c : word) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  const std::string folded = ascii ? AsciiLower(word) : FoldText(word);
  for (const MonthName& m : kMonthNames) {
    if (m.name == folded) return m.month;
  }
  return 0;
}

// A token of a date written with a month name.
struct Token {
  bool is_number = false;
  int value = 0;  // the number, or the month for a word
  size_t digits = 0;
};

std::optional<Date> ParseWordDate(std::string_view s) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == ',' || c == '.' || c == '-' || c == '/') {
      ++i;
    } else if (IsDigit(c)) {
      Token t;
      t.is_number = true;
      std::optional<int> n = ReadNumber(s, &i, &t.digits);
      if (!n) return std::nullopt;
      t.value = *n;
      // Ordinal suffix: 1st, 2nd, 3rd, 7th.
      if (i + 2 <= s.size() && t.digits <= 2) {
        std::string suffix = AsciiLower(s.substr(i, 2));
        bool ends = i + 2 == s.size() || !IsAsciiLetter(s[i + 2]);
        if (ends && (suffix == "st" || suffix == "nd" || suffix == "rd" ||
                     suffix == "th")) {
          i += 2;
        }
      }
      tokens.push_back(t);
    } else if (IsAsciiLetter(c) || static_cast<unsigned char>(c) >= 0x80) {
      size_t start = i;
      while (i < s.size() && (IsAsciiLetter(s[i]) ||
                              static_cast<unsigned char>(s[i]) >= 0x80)) {
        ++i;
      }
      Token t;
      t.value = LookUpMonth(s.substr(start, i - start));
      if (t.value == 0) return std::nullopt;
      tokens.push_back(t);
    } else {
      return std::nullopt;
    }
  }
  if (tokens.size() != 3) return std::nullopt;
  auto is_day = [](const Token& t) { return t.is_number && t.digits <= 2; };
  auto is_year = [](const Token& t) { return t.is_number && t.digits == 4; };
  const Token &a = tokens[0], &b = tokens[1], &c = tokens[2];
  if (is_day(a) && !b.is_number && is_year(c)) {
    return MakeDate(c.value, b.value, a.value);
  }
  if (!a.is_number && is_day(b) && is_year(c)) {
    return MakeDate(c.value, a.value, b.value);
  }
  if (is_year(a) && !b.is_number && is_day(c)) {
    return MakeDate(a.value, b.value, c.value);
  }
  return std::nullopt;
}

}  // namespace

int32_t Date::DaysSinceEpoch() const {
  return static_cast<int32_t>(absl::CivilDay(year, month, day) -
                              absl::CivilDay(1970, 1, 1));
}

Date Date::FromDaysSinceEpoch(int32_t days) {
  const absl::CivilDay day = absl::CivilDay(1970, 1, 1) + days;
  return Date{static_cast<int>(day.year()), day.month(), day.day()};
}

std::optional<int> ParseYear(std::string_view text) {
  text = TrimAsciiWhitespace(text);
  if (text.size() == 6 && text.substr(4) == ".0") text = text.substr(0, 4);
  if (text.size() != 4) return std::nullopt;
  int year = 0;
  for (char c : text) {
    if (!IsDigit(c)) return std::nullopt;
    year = year * 10 + (c - '0');
  }
  if (year < 1000 || year > 2999) return std::nullopt;
  return year;
}

std::optional<Date> ParseDate(std::string_view text, DayMonthOrder order) {
  text = TrimAsciiWhitespace(text);
  if (text.empty()) return std::nullopt;
  bool has_letter_or_space = false;
  for (char c : text) {
    if (c == ' ' || IsAsciiLetter(c) || static_cast<unsigned char>(c) >= 0x80) {
      has_letter_or_space = true;
      break;
    }
  }
  std::optional<Date> numeric = ParseNumericDate(text, order);
  if (numeric || !has_letter_or_space) return numeric;
  return ParseWordDate(text);
}

DayMonthOrder DetectDayMonthOrder(const std::vector<std::string_view>& values) {
  // Only values that read as a date in one order and not the other count; with
  // clean data that is "month first iff some value has a day above 12 in second
  // place and none in first", and a few values contradicting the majority do
  // not flip the column.
  int64_t day_first_only = 0, month_first_only = 0;
  for (std::string_view v : values) {
    bool day_first = ParseDate(v, DayMonthOrder::kDayFirst).has_value();
    bool month_first = ParseDate(v, DayMonthOrder::kMonthFirst).has_value();
    day_first_only += day_first && !month_first;
    month_first_only += month_first && !day_first;
  }
  return month_first_only > day_first_only ? DayMonthOrder::kMonthFirst
                                           : DayMonthOrder::kDayFirst;
}

}  // namespace sameas
