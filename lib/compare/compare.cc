// Comparison levels: each pair's features are read by index; a similarity is computed at most
// once per pair and comparison, with the loosest threshold as its cutoff.
#include "sameas/compare/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "fmt/format.h"
#include "internal/parallel.h"
#include "sameas/compare/handle_levels.h"
#include "sameas/compare/name_levels.h"
#include "sameas/prepare/date.h"
#include "sameas/similarity/damerau_levenshtein.h"
#include "sameas/similarity/jaro_winkler.h"
#include "sameas/similarity/levenshtein.h"

namespace sameas {
namespace {

// The digits of a value, in order: "anna.nowak12@wp.pl" -> "12".
bool SameDigits(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (true) {
    while (i < a.size() && (a[i] < '0' || a[i] > '9')) ++i;
    while (j < b.size() && (b[j] < '0' || b[j] > '9')) ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (a[i++] != b[j++]) return false;
  }
}

// Emails are alike part by part: the lower of the local parts' and the domains' Jaro-Winkler
// similarity, and nothing when their digits differ. anna.nowak@gmail.com and anna.nowak@wp.pl
// are two namesakes at two providers (0.88 as whole strings), henry.w@miller-mitchell.info
// and henry.w@miller-mitheiln.lnfo one address mistyped.
double EmailJaroWinkler(std::string_view a, std::string_view b) {
  if (!SameDigits(a, b)) return 0;
  const size_t at_a = a.rfind('@'), at_b = b.rfind('@');
  if (at_a == std::string_view::npos || at_b == std::string_view::npos) return JaroWinkler(a, b);
  return std::min(JaroWinkler(a.substr(0, at_a), b.substr(0, at_b)),
                  JaroWinkler(a.substr(at_a + 1), b.substr(at_b + 1)));
}

// Pairs per chunk of Compare: large enough that taking one costs nothing beside comparing it.
constexpr size_t kCompareChunk = 1 << 14;

constexpr uint64_t kPowersOfTen[19] = {1ull,
                                       10ull,
                                       100ull,
                                       1000ull,
                                       10000ull,
                                       100000ull,
                                       1000000ull,
                                       10000000ull,
                                       100000000ull,
                                       1000000000ull,
                                       10000000000ull,
                                       100000000000ull,
                                       1000000000000ull,
                                       10000000000000ull,
                                       100000000000000ull,
                                       1000000000000000ull,
                                       10000000000000000ull,
                                       100000000000000000ull,
                                       1000000000000000000ull};

// Per dictionary entry, its last 18 digits as a number and their count: "+48697725942" ->
// (48697725942, 11). Once per distinct value, so that a pair compares two integers.
void TrailingDigits(const StringColumn& dictionary, std::vector<uint64_t>* tails,
                    std::vector<uint8_t>* counts) {
  tails->resize(dictionary.size());
  counts->resize(dictionary.size());
  for (size_t i = 0; i < dictionary.size(); ++i) {
    uint64_t tail = 0;
    uint8_t count = 0;
    for (char ch : dictionary.value(i)) {
      if (ch < '0' || ch > '9') continue;
      tail = (tail % kPowersOfTen[17]) * 10 + static_cast<uint64_t>(ch - '0');
      if (count < 18) ++count;
    }
    (*tails)[i] = tail;
    (*counts)[i] = count;
  }
}

// Places (roles city and country): the written city for exact, the city under any name for
// same_city, the country for same_country.
bool PlaceLevelHolds(LevelKind kind, const PreparedColumn& column, uint32_t a, uint32_t b) {
  const PlaceFeatures& pa = column.places.of(a);
  const PlaceFeatures& pb = column.places.of(b);
  switch (kind) {
    case LevelKind::kExact:
      // A country column's value is its country; a city column's the city as written.
      if (column.settings.role == ColumnRole::kCountry) return column.codes[a] == column.codes[b];
      return pa.written != 0 && pa.written == pb.written;
    case LevelKind::kSameCity:
      return pa.city != 0 && pb.city != 0 &&
             (pa.city == pb.city || pa.city == pb.other_city || pa.other_city == pb.city);
    case LevelKind::kSameCountry:
      return pa.country != 0 && pa.country == pb.country;
    default:
      return false;
  }
}

bool LevelIsPlaceLevel(LevelKind kind) {
  return kind == LevelKind::kSameCity || kind == LevelKind::kSameCountry;
}

// A year in a text value: the first run of four digits in 1900-2030 ("1984", "07.03.1984").
int16_t YearInText(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    if (text[i] < '0' || text[i] > '9') {
      ++i;
      continue;
    }
    size_t j = i;
    int value = 0;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') value = value * 10 + (text[j++] - '0');
    if (j - i == 4 && value >= 1900 && value <= 2030) return static_cast<int16_t>(value);
    i = j;
  }
  return 0;
}

// Email domains: the same one, and not a free-mail provider's for kCorporateDomain.
bool DomainLevelHolds(LevelKind kind, const PreparedColumn& column, uint32_t a, uint32_t b) {
  if (column.handles.empty() || !column.handles.email) return false;
  const HandleFeatures& fa = column.handles.of(a);
  const HandleFeatures& fb = column.handles.of(b);
  if (fa.domain == 0 || fa.domain != fb.domain) return false;
  return kind == LevelKind::kSameDomain || !fa.free_mail;
}

}  // namespace

absl::StatusOr<Comparer> Comparer::Create(const PreparedTable& prepared,
                                          const std::vector<ComparisonSpec>& comparisons) {
  std::vector<Compiled> compiled;
  for (const auto& spec : comparisons) {
    int index = prepared.ColumnIndex(spec.column);
    if (index < 0) {
      return absl::InvalidArgumentError(fmt::format(
          "comparison '{}' names column '{}', which was not prepared", spec.name, spec.column));
    }
    Compiled c;
    c.column = &prepared.columns[index];
    c.levels = spec.levels;
    if (!spec.against.empty()) {
      const int other = prepared.ColumnIndex(spec.against);
      if (other < 0) {
        return absl::InvalidArgumentError(fmt::format(
            "comparison '{}' compares against column '{}', which was not prepared", spec.name,
            spec.against));
      }
      c.against = &prepared.columns[other];
      if (c.column->handles.empty()) {
        return absl::InvalidArgumentError(fmt::format(
            "comparison '{}': '{}' is compared against '{}' and must be a handle or email "
            "column (its role is {})",
            spec.name, spec.column, spec.against, ToString(c.column->settings.role)));
      }
      if (!c.against->names.empty()) {
        c.handle_index = HandleNameIndex(c.column->handles, c.against->names);
      }
      if (c.against->years.empty()) {
        c.against_years.resize(c.against->dictionary.size() + 1, 0);
        for (size_t v = 0; v < c.against->dictionary.size(); ++v) {
          c.against_years[v + 1] = YearInText(c.against->dictionary.value(v));
        }
      }
      c.year_only = spec.levels.size() > 2;
      for (size_t l = 1; l + 1 < spec.levels.size(); ++l) {
        const LevelKind kind = spec.levels[l].kind;
        c.year_only &= kind == LevelKind::kBirthYear;
        c.year_levels |= kind == LevelKind::kBirthYear;
        c.handle_pair_levels |= !IsHandleLevel(kind) && kind != LevelKind::kBirthYear;
      }
    }
    for (const auto& level : spec.levels) {
      switch (level.kind) {
        case LevelKind::kJaroWinkler:
          c.needs_jaro_winkler = true;
          break;
        case LevelKind::kLevenshtein:
          c.needs_levenshtein = true;
          c.max_levenshtein = std::max(c.max_levenshtein, static_cast<size_t>(level.threshold));
          break;
        case LevelKind::kDamerauLevenshtein:
          c.needs_osa = true;
          c.max_osa = std::max(c.max_osa, static_cast<size_t>(level.threshold));
          break;
        case LevelKind::kTrailingDigits:
          if (c.tails.empty()) TrailingDigits(c.column->dictionary, &c.tails, &c.tail_digits);
          break;
        case LevelKind::kSameCity:
        case LevelKind::kSameCountry:
          if (c.column->places.empty()) {
            return absl::InvalidArgumentError(fmt::format(
                "comparison '{}': level '{}' needs a place column, and '{}' was not prepared as "
                "one (its role is {})",
                spec.name, ToString(level.kind), spec.column, ToString(c.column->settings.role)));
          }
          break;
        default:
          if ((IsHandleLevel(level.kind) && (c.against == nullptr || c.against->names.empty())) ||
              (level.kind == LevelKind::kBirthYear && c.against == nullptr)) {
            return absl::InvalidArgumentError(fmt::format(
                "comparison '{}': level '{}' compares '{}' against another column: a name "
                "column for handle levels, a birth date or year for birth_year (\"against\")",
                spec.name, ToString(level.kind), spec.column));
          }
          if (IsNameLevel(level.kind) && c.column->names.empty()) {
            return absl::InvalidArgumentError(fmt::format(
                "comparison '{}': level '{}' needs a name column, and '{}' was not prepared as "
                "one (its role is {})",
                spec.name, ToString(level.kind), spec.column,
                ToString(c.column->settings.role)));
          }
          break;
      }
    }
    compiled.push_back(std::move(c));
  }
  return Comparer(std::move(compiled));
}

int Comparer::AgainstYear(const Compiled& c, uint32_t record) const {
  const PreparedColumn& other = *c.against;
  // A date column's year: of its date, or of a year alone ("1984").
  if (!other.years.empty()) return other.years[record];
  return c.against_years[other.codes[record]];
}

uint8_t Comparer::AgainstLevel(const Compiled& c, uint32_t a, uint32_t b) const {
  const PreparedColumn& handle = *c.column;
  const PreparedColumn& other = *c.against;
  const size_t last = c.levels.size() - 1;
  // The year of x's handle against the year of y's other column; 0 when either is missing.
  auto years = [&](uint32_t x, uint32_t y, int* left, int* right) {
    *left = handle.codes[x] == 0 ? 0 : handle.handles.of(x).year;
    *right = *left == 0 ? 0 : AgainstYear(c, y);
    return *left != 0 && *right != 0;
  };
  int ya = 0, oa = 0, yb = 0, ob = 0;
  const bool year_ab = years(a, b, &ya, &ob), year_ba = years(b, a, &yb, &oa);
  const bool same_year = (year_ab && ya == ob) || (year_ba && yb == oa);
  if (c.year_only) {
    if (!year_ab && !year_ba) return 0;
    return same_year ? 1 : static_cast<uint8_t>(last);
  }
  const bool ab = handle.codes[a] != 0 && other.codes[b] != 0;
  const bool ba = handle.codes[b] != 0 && other.codes[a] != 0;
  const bool both = handle.codes[a] != 0 && handle.codes[b] != 0;
  if (!ab && !ba && !both) return 0;
  const bool names = !other.names.empty();
  // What x's handle shows of y's name beyond what it shows of x's own name, which the name
  // comparison weighs already ("Radosław Wyrwich" with rwyrwich: nothing; "Kasia N. ✨" with
  // kasia_nowak84 against Katarzyna Nowak: the family name). Without a name of its own the
  // handle's whole match counts.
  auto direction = [&](uint32_t x, uint32_t y) -> std::optional<HandleMatch> {
    const HandleNameParts parts = c.handle_index.Parts(handle, x, other, y);
    if (other.codes[x] == 0) return Classify(parts);
    return NovelMatch(parts, c.handle_index.Parts(handle, x, other, x));
  };
  std::optional<HandleMatch> match_ab, match_ba;
  if (names && ab) match_ab = direction(a, b);
  if (names && ba) match_ba = direction(b, a);
  const bool name_ab = match_ab.has_value(), name_ba = match_ba.has_value();
  // A handle that names another person outweighs the other direction's match.
  const bool conflict = (name_ab && *match_ab == HandleMatch::kOtherName) ||
                        (name_ba && *match_ba == HandleMatch::kOtherName);
  if (!name_ab && !name_ba && !(both && c.handle_pair_levels) &&
      !((year_ab || year_ba) && c.year_levels)) {
    return 0;
  }
  for (size_t l = 1; l < last; ++l) {
    const LevelSpec& level = c.levels[l];
    switch (level.kind) {
      case LevelKind::kExact:
        if (both && handle.codes[a] == handle.codes[b]) return static_cast<uint8_t>(l);
        break;
      case LevelKind::kDamerauLevenshtein:
        if (both && OsaDistance(handle.folded(a), handle.folded(b),
                                static_cast<size_t>(level.threshold)) <= level.threshold) {
          return static_cast<uint8_t>(l);
        }
        break;
      case LevelKind::kJaroWinkler:
        if (both && JaroWinkler(handle.folded(a), handle.folded(b)) >= level.threshold) {
          return static_cast<uint8_t>(l);
        }
        break;
      case LevelKind::kBirthYear:
        if (same_year) return static_cast<uint8_t>(l);
        break;
      case LevelKind::kCorporateDomain:
      case LevelKind::kSameDomain:
        if (both && DomainLevelHolds(level.kind, handle, a, b)) return static_cast<uint8_t>(l);
        break;
      default:
        if (IsHandleLevel(level.kind) && !conflict && ((name_ab && HandleLevelHolds(level.kind, *match_ab)) ||
                                          (name_ba && HandleLevelHolds(level.kind, *match_ba)))) {
          return static_cast<uint8_t>(l);
        }
        break;
    }
  }
  return static_cast<uint8_t>(last);
}

uint8_t Comparer::Level(size_t index, uint32_t a, uint32_t b) const {
  const Compiled& c = compiled_[index];
  if (c.against != nullptr) return AgainstLevel(c, a, b);
  const PreparedColumn& column = *c.column;
  const uint32_t code_a = column.codes[a], code_b = column.codes[b];
  if (code_a == 0 || code_b == 0) return 0;
  const bool equal = code_a == code_b;
  std::string_view va, vb;
  double jaro_winkler = -1;
  size_t levenshtein = 0, osa = 0;
  bool have_levenshtein = false, have_osa = false;
  // Name columns: how the two parsed names relate, worked out once for all name levels.
  const bool names = !column.names.empty();
  NameMatch name_match;
  bool have_name_match = false;
  auto name_level = [&](LevelKind kind) {
    if (!have_name_match) {
      name_match = MatchNames(column, a, b);
      have_name_match = true;
    }
    return NameLevelHolds(kind, name_match);
  };
  // A year alone ("1984") meets another date at the year levels only.
  const bool year_alone =
      !column.years.empty() && ((column.days[a] == kNoDate && column.years[a] != 0) ||
                                (column.days[b] == kNoDate && column.years[b] != 0));
  const bool places = !column.places.empty();
  const size_t last = c.levels.size() - 1;
  for (size_t l = 1; l < last; ++l) {
    const LevelSpec& level = c.levels[l];
    if (year_alone && level.kind != LevelKind::kYearWithin) continue;
    // A place that names a country only has no city to be similar to another's.
    if (places && !LevelIsPlaceLevel(level.kind) && column.settings.role == ColumnRole::kCity &&
        (column.places.of(a).city == 0 || column.places.of(b).city == 0)) {
      continue;
    }
    switch (level.kind) {
      case LevelKind::kExact:
        if (places) {
          if (PlaceLevelHolds(level.kind, column, a, b)) return static_cast<uint8_t>(l);
          break;
        }
        if (equal) return static_cast<uint8_t>(l);
        // Names are also equal in their German and Indonesian spellings.
        if (names && name_level(level.kind)) return static_cast<uint8_t>(l);
        break;
      case LevelKind::kJaroWinkler:
        if (equal) return static_cast<uint8_t>(l);
        if (jaro_winkler < 0) {
          va = column.folded(a);
          vb = column.folded(b);
          // Names: the lower of given and family name's similarity (name_levels.h).
          jaro_winkler = names                                       ? NameJaroWinkler(column, a, b)
                         : column.settings.role == ColumnRole::kEmail ? EmailJaroWinkler(va, vb)
                                                                      : JaroWinkler(va, vb);
        }
        if (jaro_winkler >= level.threshold) return static_cast<uint8_t>(l);
        break;
      case LevelKind::kLevenshtein:
        if (equal) return static_cast<uint8_t>(l);
        if (!have_levenshtein) {
          levenshtein = Levenshtein(column.folded(a), column.folded(b), c.max_levenshtein);
          have_levenshtein = true;
        }
        if (levenshtein <= level.threshold) return static_cast<uint8_t>(l);
        break;
      case LevelKind::kDamerauLevenshtein:
        if (equal) return static_cast<uint8_t>(l);
        if (!have_osa) {
          // Within one edit the restricted (OSA) and the true Damerau-Levenshtein distance
          // agree, and OSA is bit-parallel; beyond it only the true distance is right.
          osa = c.max_osa <= 1
                    ? OsaDistance(column.folded(a), column.folded(b), c.max_osa)
                    : DamerauLevenshtein(column.folded(a), column.folded(b), c.max_osa);
          have_osa = true;
        }
        // An email whose digits changed is another account, not a typo: namesakes number
        // their addresses (maria.toth52@ and maria.toth2@, jozsef.horvath0@ and jozsef.horvath@).
        // Jaro-Winkler on emails holds the same rule (EmailJaroWinkler).
        if (osa <= level.threshold &&
            (column.settings.role != ColumnRole::kEmail ||
             SameDigits(column.folded(a), column.folded(b)))) {
          return static_cast<uint8_t>(l);
        }
        break;
      case LevelKind::kDateWithinDays: {
        if (equal) return static_cast<uint8_t>(l);
        const int32_t da = column.days[a], db = column.days[b];
        if (da != kNoDate && db != kNoDate &&
            std::abs(static_cast<int64_t>(da) - db) <= level.threshold) {
          return static_cast<uint8_t>(l);
        }
        break;
      }
      case LevelKind::kTrailingDigits: {
        const size_t digits = static_cast<size_t>(level.threshold);
        const uint64_t ta = c.tails[code_a - 1], tb = c.tails[code_b - 1];
        if (c.tail_digits[code_a - 1] >= digits && c.tail_digits[code_b - 1] >= digits &&
            ta % kPowersOfTen[digits] == tb % kPowersOfTen[digits]) {
          return static_cast<uint8_t>(l);
        }
        break;
      }
      case LevelKind::kDayMonthSwapped: {
        const int32_t da = column.days[a], db = column.days[b];
        if (da == kNoDate || db == kNoDate || da == db) break;
        // Two days of one year are at most 365 days apart: most pairs need no calendar.
        if (std::abs(static_cast<int64_t>(da) - db) > 365) break;
        const Date x = Date::FromDaysSinceEpoch(da), y = Date::FromDaysSinceEpoch(db);
        if (x.year == y.year && x.month == y.day && x.day == y.month) {
          return static_cast<uint8_t>(l);
        }
        break;
      }
      case LevelKind::kYearWithin: {
        const int ya = column.years[a], yb = column.years[b];
        if (ya != 0 && yb != 0 && std::abs(ya - yb) <= level.threshold) {
          return static_cast<uint8_t>(l);
        }
        break;
      }
      case LevelKind::kSameCity:
      case LevelKind::kSameCountry:
        if (PlaceLevelHolds(level.kind, column, a, b)) return static_cast<uint8_t>(l);
        break;
      case LevelKind::kExactWithDiacritics:
      case LevelKind::kNickname:
      case LevelKind::kGenderedFamily:
      case LevelKind::kSwappedOrder:
      case LevelKind::kInitial:
      case LevelKind::kGivenOnly:
      case LevelKind::kFamilyOnly:
        if (name_level(level.kind)) return static_cast<uint8_t>(l);
        break;
      case LevelKind::kCorporateDomain:
      case LevelKind::kSameDomain:
        if (DomainLevelHolds(level.kind, column, a, b)) return static_cast<uint8_t>(l);
        break;
      case LevelKind::kNull:
      case LevelKind::kElse:
      default:
        // Handle levels and birth_year need `against` (checked in Create).
        break;
    }
  }
  return static_cast<uint8_t>(last);
}

namespace {

// Candidate pairs join records far apart in memory, and a pair's comparison waits on a cache
// miss for each record's code, then for its dictionary entry or parsed name. The values of
// the pair this many ahead are fetched while the current one is compared, and its features
// half as far ahead (their codes are in cache by then), so that the waits overlap.
constexpr size_t kPrefetchAhead = 16;

void PrefetchRecord(const PreparedColumn& column, uint32_t r) {
  __builtin_prefetch(column.codes.data() + r);
  if (!column.days.empty()) __builtin_prefetch(column.days.data() + r);
  if (!column.years.empty()) __builtin_prefetch(column.years.data() + r);
  if (!column.names.empty()) __builtin_prefetch(column.names.index.data() + r);
  if (!column.places.empty()) __builtin_prefetch(column.places.index.data() + r);
}

void PrefetchFeatures(const PreparedColumn& column, uint32_t r) {
  const uint32_t code = column.codes[r];
  if (code == 0) return;
  __builtin_prefetch(column.dictionary.value(code - 1).data());
  if (!column.names.empty()) __builtin_prefetch(&column.names.features[column.names.index[r]]);
}

}  // namespace

ComparisonVectors Comparer::Compare(const std::vector<uint32_t>& left,
                                    const std::vector<uint32_t>& right) const {
  ComparisonVectors vectors;
  vectors.levels.resize(compiled_.size());
  const size_t n = left.size();
  for (auto& out : vectors.levels) out.resize(n);
  // Each pair's level depends on that pair alone: chunks write disjoint ranges.
  internal::ParallelChunks(n, kCompareChunk, [&](size_t, size_t begin, size_t end) {
    for (size_t c = 0; c < compiled_.size(); ++c) {
      const PreparedColumn& column = *compiled_[c].column;
      uint8_t* out = vectors.levels[c].data();
      for (size_t p = begin; p < end; ++p) {
        if (p + kPrefetchAhead < end) {
          PrefetchRecord(column, left[p + kPrefetchAhead]);
          PrefetchRecord(column, right[p + kPrefetchAhead]);
        }
        if (p + kPrefetchAhead / 2 < end) {
          PrefetchFeatures(column, left[p + kPrefetchAhead / 2]);
          PrefetchFeatures(column, right[p + kPrefetchAhead / 2]);
        }
        out[p] = Level(c, left[p], right[p]);
      }
    }
  });
  return vectors;
}

}  // namespace sameas
