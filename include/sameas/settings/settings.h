// Settings name what the pipeline does with each column: the roles of the columns, the
// blocking rules, the comparisons and their levels, the threshold. They are written and read
// as JSON (docs/settings.md) so that automatic settings can be saved, edited and re-run.
#ifndef SAMEAS_SETTINGS_SETTINGS_H_
#define SAMEAS_SETTINGS_SETTINGS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sameas/io/table.h"

namespace sameas {

/// Which pairs are candidates: within one table, across tables only, or both.
enum class LinkType { kDedupe, kLinkOnly, kLinkAndDedupe };

/// What a column holds; prepare and the automatic settings act on it.
enum class ColumnRole {
  kOther,
  kGivenName,
  kFamilyName,
  kFullName,
  kEmail,
  kPhone,
  kBirthDate,
  kCity,
  kPostcode,
  kAddress,
  kStreetNumber,
  kState,
  kCountry,
  kIdentifier,  // a national id, a customer number: exact or a typo away
  kMiddleName,  // a middle name or its initial
  kSex,         // sex or gender as recorded
  kBirthYear,   // a year of birth alone ("1984"), read as a partial date
  kPlatform,    // the social network of an account: never compared, one account per platform
  kHandle,      // a social handle or user name: "kasia_nowak84", "@JanKowalski"
};

/// How a column is read in prepare. Dates are parsed (the day/month order is found from the
/// data); text is Unicode-folded to ASCII.
enum class ColumnType { kText, kDate };

/// A column of the model. Its values come from the input column of the same name, or, per
/// source, from other input columns joined with a space: {"crm": ["first_name", "last_name"],
/// "social": ["display_name"]} compares a CRM name with a social display name.
struct ColumnSettings {
  std::string name;
  ColumnRole role = ColumnRole::kOther;
  ColumnType type = ColumnType::kText;
  /// Per source name, the input columns this column is made of; sources not listed read the
  /// input column called `name`.
  std::map<std::string, std::vector<std::string>> inputs;
  /// Phone and city columns: input columns holding each record's country ("Polska", "DE");
  /// the first of them a table has is read. A phone number without a country code is read in
  /// that country; a city gets it when its text names none.
  std::vector<std::string> country_columns;
  /// Phone columns: the region (ISO 3166 alpha-2, "PL") of numbers without a country code
  /// whose record has no country; empty: the region most of the column's numbers belong to.
  std::string default_region;

  /// The input columns of this column in `source`.
  std::vector<std::string> InputsFor(std::string_view source) const;
};

/// A function applied to a prepared column to make a blocking key part.
enum class KeyTransform {
  kExact,    // the folded value
  kPrefix,   // the first `length` characters of the folded value
  kSoundex,  // the Soundex code of the folded value
  kYear,     // the year of a date column
  kFirstToken,  // the first whitespace-separated token
  kLastToken,   // the last whitespace-separated token
  // Of name columns (roles given_name, family_name, full_name), from the parsed name:
  kCanonicalGiven,  // the given name's formal form: kasia -> katarzyna, bob -> robert
  kFamilyStem,      // the family name, gendered endings reduced: kowalska -> kowalski
  kInitials,        // first letters of given and family name: "kn" for Kasia N.
  kSortedTokens,    // the words in alphabetical order, so that "nagy edit" = "edit nagy"
};

struct BlockingKeyPart {
  std::string column;
  KeyTransform transform = KeyTransform::kExact;
  /// For kPrefix.
  int length = 0;
};

/// Two records are a candidate pair under a rule when every part of their keys is equal and
/// non-null. Written as text: "family_name & prefix(given_name, 1)", "soundex(surname) & year(dob)".
struct BlockingRule {
  std::vector<BlockingKeyPart> parts;

  std::string ToString() const;
  /// Parses the text form; errors name the text and the unknown function.
  static absl::StatusOr<BlockingRule> Parse(std::string_view text);
};

/// How one comparison level decides whether a pair falls in it.
enum class LevelKind {
  kNull,           // either value is null: no evidence either way (weight 0)
  kExact,          // equal folded values (equal dates for date columns)
  kJaroWinkler,    // Jaro-Winkler similarity >= threshold
  kLevenshtein,    // Levenshtein distance <= threshold
  kDamerauLevenshtein,  // optimal-string-alignment distance <= threshold
  kDateWithinDays,      // |difference| <= threshold days (date columns)
  kElse,           // everything not caught by an earlier level
  // Levels of name columns (roles given_name, family_name, full_name), on the parsed names
  // (docs/names.md). On a name column `exact` also holds for the German (Müller = Mueller)
  // and Indonesian (Soekarno = Sukarno) spellings.
  kExactWithDiacritics,  // equal with their diacritics too: Łukasz = Łukasz, not Lukasz
  kNickname,       // same family name; given names equal, nicknames of each other (Kasia,
                   // Katarzyna) or one a middle name of the other
  kGenderedFamily,  // given names as for kNickname; family names Kowalski / Kowalska
  kSwappedOrder,   // given name of each is the family name of the other: Nagy Edit, Edit Nagy
  kInitial,        // an initial agrees with the other's name, the rest as for kNickname:
                   // K. Nowak, Kasia N. against Katarzyna Nowak
  kGivenOnly,      // given names agree and one side has no family name: Pandu, Pandu Dongoran
  kFamilyOnly,     // family names agree, given names do not (or one is a lone family name)
  // Phones, dates and places (docs/contacts.md).
  kTrailingDigits,   // the last `threshold` digits agree (a number whose country code is lost)
  kDayMonthSwapped,  // full dates of one year with day and month exchanged: 1984-03-07 / 1984-07-03
  kYearWithin,       // the years differ by <= threshold; a year alone ("1984") meets a full date
  kSameCity,         // one city under any of its names: Warsaw / Warszawa, KRK / Kraków
  kSameCountry,      // places in one country, not one city (or one side names a country only)
  // Levels of a handle or email column (roles handle, email) against a name column named by
  // ComparisonSpec::against, on the handle's tokens (docs/names.md, "Handles and emails"):
  kHandleFullName,            // given and family name in the handle: jan.kowalski, kowalskajan
  kHandleNickname,            // a nickname and the family name: kasia_nowak for Katarzyna Nowak
  kHandleGivenFamilyInitial,  // the given name and the family initial: kasia.n, annak
  kHandleInitialFamily,       // the given initial and the family name: jkowalski, kowalski_j
  kHandleFamilyOnly,          // the family name alone: nowak_84
  kHandleGivenOnly,           // the given name (or a nickname) alone: kasia1984
  // The year in a handle's digits (anna.nowak84) against the year of `against`, a birth date
  // or a birth year.
  kBirthYear,
  // Email columns: the same domain, not a free-mail provider's (nowak@firma.pl); the same
  // domain, any.
  kCorporateDomain,
  kSameDomain,
};

struct LevelSpec {
  LevelKind kind = LevelKind::kElse;
  double threshold = 0;
  /// Human label, e.g. "Jaro-Winkler >= 0.92"; made from kind and threshold when empty.
  std::string label;
  /// The share of the term-frequency adjustment applied at this level, in [0, 1]; unset: 1
  /// for exact levels (exact, exact_with_diacritics) and 0 for the others
  /// (ComparisonSpec::TfFraction).
  std::optional<double> tf_fraction;
  /// m = P(level | match) and u = P(level | non-match) given by the user: kept as given, not
  /// estimated.
  std::optional<double> m;
  std::optional<double> u;
};

/// A comparison: a column and its levels, tried in order; the first that holds is the pair's
/// level. The first level is always kNull and the last always kElse.
struct ComparisonSpec {
  std::string name;
  std::string column;
  std::vector<LevelSpec> levels;
  /// Term-frequency adjustment (docs/model.md): agreeing on a rare value counts more than
  /// agreeing on a common one, by log2(u_level / u_value) with u_value the value's frequency.
  bool term_frequency = false;
  /// Floor of u_value, so that a value seen once does not weigh without bound.
  double tf_min_u = 0;
  /// Keep every level's m (u) at its given or starting value instead of estimating it.
  bool fixed_m = false;
  bool fixed_u = false;
  /// For the handle levels and birth_year: the other column that `column` (a handle or email
  /// column) is compared against, a name column or a birth date or year. Both directions of a
  /// pair are tried (a's handle against b's name, b's handle against a's name) and the better
  /// level counts; the pair is null when neither direction has both values.
  std::string against;

  /// The share of the term-frequency adjustment at `level`: 0 without term_frequency.
  double TfFraction(size_t level) const;
};

struct Settings {
  LinkType link_type = LinkType::kDedupe;
  /// The column holding each record's id; unique within a source.
  std::string id_column;
  /// Per source name, an id column other than `id_column` (a CRM's customer_id, a social
  /// table's account_id).
  std::map<std::string, std::string> source_id_columns;
  std::vector<ColumnSettings> columns;
  /// Input columns of which one entity holds at most one record per value (a social table's
  /// platform: one account per network), for clustering's unique_per (--unique-per).
  /// The automatic settings fill it from columns of role platform.
  std::vector<std::string> unique_per;
  /// Candidate pairs are the union of the pairs of these rules.
  std::vector<BlockingRule> blocking_rules;
  std::vector<ComparisonSpec> comparisons;
  /// Rules that (almost) only true matches satisfy; they give the prior.
  std::vector<BlockingRule> deterministic_rules;
  /// The share of true matches the deterministic rules find. Unset: measured in training
  /// (train.h), 0.7 where it cannot be.
  std::optional<double> deterministic_recall;
  /// Rules whose pairs EM is trained on; the blocking rules when empty.
  std::vector<BlockingRule> training_rules;
  /// Pairs with match probability at or above this are links.
  double threshold = 0.9;
  /// A blocking rule that would generate more pairs than this is an error.
  uint64_t max_pairs_per_rule = 200'000'000;
  /// Blocks of more records than this are paired by a sorted-neighbourhood window of
  /// `block_window` records (BlockingOptions); 0 for no cap.
  uint64_t max_block_size = 5000;
  uint32_t block_window = 50;
  /// Columns whose folded values sort an oversized block; empty: name columns first, then
  /// the others.
  std::vector<std::string> window_sort_columns;
  /// Random pairs sampled to estimate u.
  uint64_t u_sample_pairs = 2'000'000;
  /// Pairs of each training rule that EM runs on: a rule with more gives a sample of this
  /// many, drawn with `seed`, so that training costs the same at any number of records;
  /// 0: all of them.
  uint64_t em_sample_pairs = 1'000'000;
  /// Seed for every random choice; the same seed gives the same model.
  uint64_t seed = 42;
  /// EM stops when no parameter moves more than this, or after max_iterations.
  double em_tolerance = 1e-5;
  int em_max_iterations = 100;
  /// When not empty, term-frequency tables are saved with their values replaced by keyed
  /// hashes (SipHash-2-4 under a key derived from this), so that a model can be shared
  /// without the values; the same key is needed to score with such a model. Written as
  /// "hash_tf_keys": {"key": "..."}; never saved inside a model file.
  std::string tf_hash_key;

  /// The id column of `source`.
  const std::string& IdColumnFor(std::string_view source) const;
  /// Index of the settings of column `name`, or -1.
  int ColumnIndex(std::string_view name) const;
};

std::string_view ToString(LinkType type);
std::string_view ToString(ColumnRole role);
std::string_view ToString(ColumnType type);
std::string_view ToString(LevelKind kind);
absl::StatusOr<LinkType> ParseLinkType(std::string_view text);
absl::StatusOr<ColumnRole> ParseColumnRole(std::string_view text);
absl::StatusOr<LevelKind> ParseLevelKind(std::string_view text);
/// The label of a level: "exact", "Jaro-Winkler >= 0.92", "within 365 days".
std::string DescribeLevel(const LevelSpec& level);
/// True for the level kinds that take a threshold (similarities, distances, days).
bool LevelHasThreshold(LevelKind kind);
/// True for the level kinds that compare parsed names (kExactWithDiacritics ... kFamilyOnly).
bool IsNameLevel(LevelKind kind);
/// True for the level kinds that compare a handle or email with a name
/// (kHandleFullName ... kHandleGivenOnly).
bool IsHandleLevel(LevelKind kind);
/// True for a text column of role handle or email: prepare parses it (handles.h).
bool IsHandleColumn(const ColumnSettings& column);
/// True for the key transforms that read parsed names (canonical_given, family_stem, initials).
bool IsNameTransform(KeyTransform transform);
/// True for a text column of role given_name, family_name or full_name: prepare parses it.
bool IsNameColumn(const ColumnSettings& column);
/// True for a text column of role city or country: prepare reads it as a place (places.h).
bool IsPlaceColumn(const ColumnSettings& column);
/// True for a text column of role phone: prepare parses it to E.164 (phones.h).
bool IsPhoneColumn(const ColumnSettings& column);

/// JSON text of the settings, indented, in the format of docs/settings.md.
std::string SettingsToJson(const Settings& settings);
/// Parses settings JSON; `origin` (a file name) is named in errors, with the JSON path of the
/// bad value.
absl::StatusOr<Settings> SettingsFromJson(std::string_view json, std::string_view origin);

/// Checks that the id column and every input column of `settings.columns` exist in every table.
absl::Status ValidateColumns(const Settings& settings, const std::vector<const Table*>& tables,
                             std::string_view origin = "settings");

/// Checks the settings against the tables: every column named exists in every table, the id
/// column too, levels start with null and end with else, thresholds are in range.
absl::Status ValidateSettings(const Settings& settings, const std::vector<const Table*>& tables,
                              std::string_view origin = "settings");

}  // namespace sameas

#endif  // SAMEAS_SETTINGS_SETTINGS_H_
