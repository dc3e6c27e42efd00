// Automatic settings: roles from column names (in several languages) and contents, columns
// aligned across sources by role, blocking rules kept only when their counted pairs fit a
// budget, comparisons chosen per role.
#include "sameas/settings/auto_settings.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "fmt/format.h"
#include "internal/parallel.h"
#include "sameas/block/blocking.h"
#include "internal/strings.h"
#include "sameas/internal/status_macros.h"
#include "sameas/prepare/date.h"
#include "sameas/prepare/places.h"
#include "sameas/prepare/prepared_table.h"

namespace sameas {
namespace {

using internal::Join;

// The automatic blocking rules' pairs together: at most this many a record (at least
// 1,000,000 in all). 1,000,000 generated customers: 48 million candidate pairs without it.
constexpr uint64_t kPairsPerRecord = 15;

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// "Date of Birth" -> "date_of_birth".
std::string NormaliseName(std::string_view name) {
  std::string out;
  for (char ch : internal::ToLower(internal::Strip(name))) {
    if (IsAlnum(ch)) {
      out.push_back(ch);
    } else if (!out.empty() && out.back() != '_') {
      out.push_back('_');
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

struct NamedRole {
  ColumnRole role;
  std::vector<std::string_view> names;
};

// Column names by role, in English, German, Polish, Hungarian and Indonesian.
const std::vector<NamedRole>& RoleNames() {
  static const auto* roles = new std::vector<NamedRole>{
      {ColumnRole::kGivenName,
       {"first_name", "given_name", "firstname", "givenname", "forename", "first", "fname",
        "vorname", "imie", "keresztnev", "utonev", "nama_depan"}},
      {ColumnRole::kFamilyName,
       {"last_name", "surname", "family_name", "lastname", "familyname", "last", "lname",
        "nachname", "familienname", "nazwisko", "vezeteknev", "csaladnev", "nama_belakang"}},
      {ColumnRole::kFullName,
       {"name", "full_name", "fullname", "display_name", "displayname", "person_name",
        "customer_name", "nama", "nama_lengkap", "imie_i_nazwisko", "nev"}},
      {ColumnRole::kEmail, {"email", "e_mail", "mail", "email_address", "emailaddress"}},
      {ColumnRole::kPhone,
       {"phone", "telephone", "phone_number", "mobile", "tel", "cell", "telefon", "telefonszam",
        "nomor_telepon", "handy", "mobile_phone", "phone_no", "tel_no", "contact_number",
        "msisdn", "telefonnummer", "handynummer", "mobilnummer", "mobil", "nr_telefonu",
        "numer_telefonu", "telefon_komorkowy", "komorka", "mobilszam", "mobiltelefon",
        "no_hp", "nomor_hp", "hp", "no_telp", "telepon"}},
      {ColumnRole::kBirthDate,
       {"dob", "date_of_birth", "birth_date", "birthdate", "birthday", "geburtsdatum",
        "data_urodzenia", "szuletesi_datum", "tanggal_lahir", "dateofbirth", "geburtstag",
        "data_ur", "szuletesnap", "tgl_lahir"}},
      {ColumnRole::kBirthYear,
       {"birth_year", "year_of_birth", "yob", "birthyear", "born_year", "geburtsjahr",
        "rok_urodzenia", "szuletesi_ev", "tahun_lahir"}},
      {ColumnRole::kCity,
       {"city", "town", "suburb", "location", "ort", "stadt", "wohnort", "miasto",
        "miejscowosc", "varos", "telepules", "kota", "place", "hometown", "current_city",
        "city_name", "residence", "lokalizacja", "miejsce_zamieszkania", "lakhely", "lakohely",
        "helyseg", "lokasi", "domisili", "kota_asal"}},
      {ColumnRole::kPostcode,
       {"postcode", "zip", "zipcode", "zip_code", "postal_code", "plz", "postleitzahl",
        "kod_pocztowy", "iranyitoszam", "kode_pos"}},
      {ColumnRole::kAddress,
       {"address", "address_1", "address_2", "address1", "address2", "street", "street_address",
        "adresse", "strasse", "adres", "ulica", "cim", "utca", "alamat"}},
      {ColumnRole::kStreetNumber, {"street_number", "house_number", "hausnummer", "numer_domu"}},
      {ColumnRole::kState, {"state", "region", "province", "county", "bundesland", "wojewodztwo",
                            "megye", "provinsi"}},
      {ColumnRole::kCountry, {"country", "land", "kraj", "orszag", "negara", "country_code",
                              "country_name", "panstwo", "negara_asal"}},
      {ColumnRole::kPlatform,
       {"platform", "network", "social_network", "social_media", "plattform", "platforma",
        "platform_name", "site", "media_sosial", "platformnya"}},
      {ColumnRole::kIdentifier,
       {"soc_sec_id", "ssn", "social_security_number", "national_id", "pesel", "tax_id",
        "passport", "passport_number", "nik", "steuer_id", "taj", "customer_number"}},
      // Evidence against a link more than for one: twins and siblings share a family name
      // and a date of birth, rarely a middle name and not always a sex.
      {ColumnRole::kMiddleName,
       {"middle_name", "middle_initial", "middlename", "middle_names", "second_name",
        "zweiter_vorname", "drugie_imie", "masodik_utonev", "nama_tengah"}},
      {ColumnRole::kSex,
       {"sex", "gender", "geschlecht", "plec", "nem", "neme", "jenis_kelamin"}},
      {ColumnRole::kHandle,
       {"handle", "username", "user_name", "screen_name", "screenname", "login", "user",
        "account_name", "profile", "instagram", "twitter", "tiktok", "benutzername",
        "nazwa_uzytkownika", "login_name", "felhasznalonev", "nama_pengguna"}},
  };
  return *roles;
}

// Columns that hold the answer, not evidence: never used as features.
bool IsLabelColumn(std::string_view normalised) {
  static const std::array<std::string_view, 12> kLabels = {
      "cluster", "cluster_id", "group", "true_id", "person_id", "entity_id", "match_id",
      "label", "simulant_id", "truth", "ground_truth", "source_dataset"};
  return std::find(kLabels.begin(), kLabels.end(), normalised) != kLabels.end();
}

std::vector<std::string_view> Sample(const StringColumn& column, size_t limit) {
  std::vector<std::string_view> values;
  size_t step = std::max<size_t>(1, column.size() / limit);
  for (size_t i = 0; i < column.size() && values.size() < limit; i += step) {
    if (!column.is_null(i)) values.push_back(column.value(i));
  }
  return values;
}

double Share(const std::vector<std::string_view>& values, bool (*test)(std::string_view)) {
  if (values.empty()) return 0;
  size_t hits = 0;
  for (auto v : values) hits += test(v) ? 1 : 0;
  return static_cast<double>(hits) / values.size();
}

bool LooksLikeEmail(std::string_view v) {
  size_t at = v.find('@');
  return at != std::string_view::npos && at > 0 && v.find('.', at) != std::string_view::npos;
}

// A handle: one word of letters (and digits, . _ -), often with a separator, a digit or "@":
// "kasia_nowak84", "@JanKowalski", "dominik-drwiega-760de2bf".
bool LooksLikeHandle(std::string_view v) {
  v = internal::Strip(v);
  if (v.size() < 3 || v.size() > 60 || v.find('@', 1) != std::string_view::npos) return false;
  bool letter = false;
  for (char c : v) {
    if (internal::IsSpace(c)) return false;
    letter |= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  return letter;
}

bool HasHandleMark(std::string_view v) {
  return v.starts_with('@') || v.find_first_of("._0123456789") != std::string_view::npos;
}

bool LooksLikeDate(std::string_view v) {
  // Plain numbers that happen to be 8 digits (ids) are not dates unless they read as one.
  return ParseDate(v).has_value() || ParseDate(v, DayMonthOrder::kMonthFirst).has_value();
}

// A phone number as people write one: 7 to 15 digits with + ( ) - / . and spaces, and a mark
// of a phone (a +, a leading 0 or a separator) that an id or an amount lacks.
bool LooksLikePhone(std::string_view v) {
  size_t digits = 0;
  bool mark = false;
  for (char c : v) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == '+' || c == '(' || c == ')' || c == '-' || c == '/' || c == '.' || c == ' ') {
      mark = true;
    } else {
      return false;
    }
  }
  v = internal::Strip(v);
  mark |= !v.empty() && v[0] == '0';
  return digits >= 7 && digits <= 15 && mark && !LooksLikeDate(v);
}

bool LooksLikeBirthYear(std::string_view v) {
  std::optional<int> year = ParseYear(v);
  return year && *year >= 1900 && *year <= 2030;
}

bool LooksLikeCountry(std::string_view v) { return !CountryCode(v).empty(); }

bool LooksLikeKnownCity(std::string_view v) { return ParsePlace(v).known; }

bool LooksLikePlatform(std::string_view v) {
  static constexpr std::string_view kPlatforms[] = {
      "instagram", "x", "twitter", "tiktok", "facebook", "linkedin", "youtube", "snapchat",
      "pinterest", "reddit", "threads", "mastodon", "bluesky", "telegram", "whatsapp", "github",
      "vk", "xing", "tumblr", "twitch", "discord", "wykop", "nk", "iwiw", "kaskus"};
  const std::string lower = internal::ToLower(internal::Strip(v));
  return std::find(std::begin(kPlatforms), std::end(kPlatforms), lower) != std::end(kPlatforms);
}

struct Candidate {
  ColumnRole role;
  std::string name;  // settings column name
};

std::vector<LevelSpec> Levels(std::initializer_list<LevelSpec> middle) {
  std::vector<LevelSpec> levels = {{LevelKind::kNull}};
  levels.insert(levels.end(), middle.begin(), middle.end());
  levels.push_back({LevelKind::kElse});
  return levels;
}

std::vector<LevelSpec> LevelsForRole(ColumnRole role, ColumnType type) {
  if (type == ColumnType::kDate) {
    return Levels({{LevelKind::kExact},
                   {LevelKind::kDayMonthSwapped},
                   {LevelKind::kDamerauLevenshtein, 1},
                   {LevelKind::kDateWithinDays, 365}});
  }
  switch (role) {
    // Names (docs/names.md): levels that need diacritics or gendered family names in the data
    // are dropped once the names are parsed (PruneNameLevels).
    case ColumnRole::kGivenName:
      return Levels({{LevelKind::kExactWithDiacritics}, {LevelKind::kExact},
                     {LevelKind::kNickname}, {LevelKind::kInitial},
                     {LevelKind::kJaroWinkler, 0.92}, {LevelKind::kJaroWinkler, 0.8}});
    case ColumnRole::kFamilyName:
      return Levels({{LevelKind::kExactWithDiacritics}, {LevelKind::kExact},
                     {LevelKind::kGenderedFamily}, {LevelKind::kNickname},
                     {LevelKind::kJaroWinkler, 0.92}, {LevelKind::kJaroWinkler, 0.8}});
    case ColumnRole::kFullName:
      return Levels({{LevelKind::kExactWithDiacritics}, {LevelKind::kExact},
                     {LevelKind::kNickname}, {LevelKind::kGenderedFamily},
                     {LevelKind::kSwappedOrder}, {LevelKind::kInitial},
                     {LevelKind::kGivenOnly}, {LevelKind::kJaroWinkler, 0.92},
                     {LevelKind::kJaroWinkler, 0.8}, {LevelKind::kFamilyOnly}});
    case ColumnRole::kEmail:
      // One edit is a typo; a looser similarity, part by part (local part and domain) and only
      // between addresses with the same digits, catches the rest of the typos without the
      // namesakes whose addresses are made of the same name (anna.nowak12@ and anna.nowak57@,
      // anna.nowak@gmail.com and anna.nowak@wp.pl): see compare.cc.
      return Levels({{LevelKind::kExact}, {LevelKind::kDamerauLevenshtein, 1},
                     {LevelKind::kJaroWinkler, 0.88}});
    case ColumnRole::kHandle:
      // The same handle on two platforms; the handle against names is a comparison of its
      // own (HandleComparisons).
      return Levels({{LevelKind::kExact}});
    case ColumnRole::kPhone:
      // E.164 equal; the last 9 digits when one side lost its country code; a typo; the last 7
      // digits (a national number written with a different area or operator prefix).
      return Levels({{LevelKind::kExact}, {LevelKind::kTrailingDigits, 9},
                     {LevelKind::kDamerauLevenshtein, 1}, {LevelKind::kTrailingDigits, 7}});
    case ColumnRole::kIdentifier:
    case ColumnRole::kPostcode:
    case ColumnRole::kStreetNumber:
      return Levels({{LevelKind::kExact}, {LevelKind::kDamerauLevenshtein, 1}});
    case ColumnRole::kCity:
      // The city as written, under another name (Warsaw, Warszawa), with a typo, the country;
      // the place levels are dropped after prepare where the data has no known city.
      return Levels({{LevelKind::kExact}, {LevelKind::kSameCity}, {LevelKind::kJaroWinkler, 0.88},
                     {LevelKind::kSameCountry}});
    case ColumnRole::kAddress:
      return Levels({{LevelKind::kExact}, {LevelKind::kJaroWinkler, 0.88}});
    case ColumnRole::kState:
    case ColumnRole::kCountry:
    case ColumnRole::kMiddleName:
    case ColumnRole::kSex:
    case ColumnRole::kOther:
    case ColumnRole::kBirthDate:
    case ColumnRole::kBirthYear:
    case ColumnRole::kPlatform:
      return Levels({{LevelKind::kExact}});
  }
  return Levels({{LevelKind::kExact}});
}

// Drops the name levels the data cannot fill: exact with diacritics where no name has any,
// gendered family names where none has a gendered ending. EM would estimate nothing for them.
void PruneNameLevels(const PreparedTable& prepared, std::vector<ComparisonSpec>* comparisons) {
  for (ComparisonSpec& comparison : *comparisons) {
    const int c = prepared.ColumnIndex(comparison.column);
    if (c < 0 || prepared.columns[c].names.empty()) continue;
    const NameTraits traits = DescribeNames(prepared.columns[c].names);
    std::erase_if(comparison.levels, [&](const LevelSpec& level) {
      return (level.kind == LevelKind::kExactWithDiacritics && !traits.diacritics) ||
             (level.kind == LevelKind::kGenderedFamily && !traits.gendered);
    });
  }
}

// Drops same_city where under 1% of a place column's records name a known city, and
// same_country where under 1% name a country: a column of Australian suburbs (FEBRL) keeps the
// model it had, with exact and Jaro-Winkler levels only.
void PrunePlaceLevels(const PreparedTable& prepared, std::vector<ComparisonSpec>* comparisons) {
  for (ComparisonSpec& comparison : *comparisons) {
    const int c = prepared.ColumnIndex(comparison.column);
    if (c < 0 || prepared.columns[c].places.empty()) continue;
    const PreparedPlaces& places = prepared.columns[c].places;
    size_t known = 0, country = 0, present = 0;
    for (uint32_t index : places.index) {
      if (index == 0) continue;
      ++present;
      known += places.features[index].known ? 1 : 0;
      country += places.features[index].country != 0 ? 1 : 0;
    }
    const bool cities = known * 100 >= present && known > 0;
    const bool countries = country * 100 >= present && country > 0;
    std::erase_if(comparison.levels, [&](const LevelSpec& level) {
      return (level.kind == LevelKind::kSameCity && !cities) ||
             (level.kind == LevelKind::kSameCountry && !countries);
    });
  }
}

// Handles against names (docs/names.md): each handle column against the full name column (a
// display name on one side, given and family name on the other), and the year in its digits
// against the birth date or year (kasia_nowak84 against 1984-03-07). The email's local part
// against the name (email_name), the years in emails and the email domain are settings types
// but not chosen here: on 5,000 generated people email_name lowered F1, and the domain moved
// FEBRL-like data (fake_1000) without a clear gain.
void HandleComparisons(Settings* settings) {
  std::string full, birth;
  for (const auto& column : settings->columns) {
    if (column.role == ColumnRole::kFullName && full.empty()) full = column.name;
    if (column.role == ColumnRole::kBirthDate && birth.empty()) birth = column.name;
  }
  for (const auto& column : settings->columns) {
    if (!IsHandleColumn(column)) continue;
    if (column.role == ColumnRole::kHandle && !full.empty()) {
      ComparisonSpec comparison;
      comparison.name = column.name + "_name";
      comparison.column = column.name;
      comparison.against = full;
      comparison.levels = Levels(
          {{LevelKind::kHandleFullName}, {LevelKind::kHandleNickname},
           {LevelKind::kHandleGivenFamilyInitial}, {LevelKind::kHandleInitialFamily},
           {LevelKind::kHandleFamilyOnly}, {LevelKind::kHandleGivenOnly}});
      settings->comparisons.push_back(std::move(comparison));
    }
    if (column.role == ColumnRole::kHandle && !birth.empty()) {
      ComparisonSpec comparison;
      comparison.name = column.name + "_birth_year";
      comparison.column = column.name;
      comparison.against = birth;
      comparison.levels = Levels({{LevelKind::kBirthYear}});
      settings->comparisons.push_back(std::move(comparison));
    }
  }
}

BlockingRule Rule(std::initializer_list<BlockingKeyPart> parts) {
  BlockingRule rule;
  rule.parts = parts;
  return rule;
}

bool IsSuperset(const BlockingRule& rule, const BlockingRule& of) {
  for (const auto& part : of.parts) {
    bool found = false;
    for (const auto& mine : rule.parts) {
      if (mine.column == part.column && mine.transform == part.transform &&
          mine.length == part.length) {
        found = true;
      }
    }
    if (!found) return false;
  }
  return true;
}

// The rule's key on the records of each pair of `pairs`: which pairs agree on it.
std::vector<bool> AgreeingPairs(const PreparedTable& prepared, const BlockingRule& rule,
                                const CandidatePairs& pairs) {
  const RuleKeys keys = ComputeRuleKeys(prepared, rule);
  std::vector<bool> agree(pairs.size());
  for (size_t p = 0; p < pairs.size(); ++p) {
    const uint32_t key = keys.key[pairs.left[p]];
    agree[p] = key != 0 && key == keys.key[pairs.right[p]];
  }
  return agree;
}

// Blocking rules from `candidates` (broad to specific, `fits` those within the budget per
// rule), at most six, none a superset of another. Where the rules taken from broad to
// specific find more pairs together than `total_budget` (a table of hundreds of thousands
// of records), rules whose pairs fit it are chosen instead: first the rules on
// `exact_columns` (email, phone, identifier), which find the
// pairs that (almost) only one person makes. Those pairs are known matches, with the errors
// of duplicates in their other columns: the share of them a rule's key joins estimates the
// rule's recall. Then, one at a time, the rule that joins most known matches not yet joined
// by the rules after the exact ones, per pair it costs, while it adds at least 0.1% of them.
// A broad key (a date of birth, some 24,000 values) is worth its pairs among a hundred
// thousand records and not among millions, where its version with a name's initial finds
// nearly as many matches at a tenth of the pairs. Without exact columns, or without a known
// match, the rules are taken from broad to specific as they fit.
void SelectBlockingRules(const PreparedTable& prepared, const std::vector<BlockingRule>& candidates,
                         const std::vector<RuleCount>& counts, const std::vector<bool>& fits,
                         const std::vector<std::string>& exact_columns, uint64_t total_budget,
                         Settings* settings) {
  constexpr size_t kMaxRules = 6;
  std::vector<bool> taken(candidates.size(), false);
  uint64_t kept_pairs = 0;
  auto can_take = [&](size_t i, bool within_total = true) {
    if (taken[i] || !fits[i] || settings->blocking_rules.size() >= kMaxRules) return false;
    if (within_total && kept_pairs + counts[i].pairs > total_budget) return false;
    for (const auto& kept : settings->blocking_rules) {
      if (IsSuperset(candidates[i], kept)) return false;
    }
    return true;
  };
  auto take = [&](size_t i) {
    settings->blocking_rules.push_back(candidates[i]);
    taken[i] = true;
    kept_pairs += counts[i].pairs;
  };
  // Broad to specific, as the old selection took them: kept where their pairs together fit.
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (can_take(i, /*within_total=*/false)) take(i);
  }
  if (kept_pairs <= total_budget) return;
  settings->blocking_rules.clear();
  taken.assign(candidates.size(), false);
  kept_pairs = 0;
  std::vector<BlockingRule> exact_rules;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const auto& parts = candidates[i].parts;
    const bool exact = parts.size() == 1 && parts[0].transform == KeyTransform::kExact &&
                       std::find(exact_columns.begin(), exact_columns.end(), parts[0].column) !=
                           exact_columns.end();
    if (!exact) continue;
    exact_rules.push_back(candidates[i]);
    if (can_take(i)) take(i);
  }
  CandidatePairs known;
  if (!exact_rules.empty()) {
    BlockingOptions options;
    options.link_type = settings->link_type;
    auto pairs = GenerateCandidates(prepared, exact_rules, options);
    if (pairs.ok()) known = *std::move(pairs);
  }
  if (known.size() == 0) {
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (can_take(i)) take(i);
    }
    return;
  }
  std::vector<std::vector<bool>> agree(candidates.size());
  internal::ParallelFor(candidates.size(), [&](size_t i) {
    if (!taken[i] && fits[i]) agree[i] = AgreeingPairs(prepared, candidates[i], known);
  });
  std::vector<bool> joined(known.size(), false);
  const uint64_t least_gain = std::max<uint64_t>(1, known.size() / 1000);
  while (settings->blocking_rules.size() < kMaxRules) {
    size_t best = candidates.size();
    double best_ratio = 0;
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (!can_take(i)) continue;
      uint64_t gain = 0;
      for (size_t p = 0; p < known.size(); ++p) gain += agree[i][p] && !joined[p];
      const double ratio = static_cast<double>(gain) / static_cast<double>(counts[i].pairs);
      if (gain >= least_gain && ratio > best_ratio) {
        best = i;
        best_ratio = ratio;
      }
    }
    if (best == candidates.size()) break;
    take(best);
    for (size_t p = 0; p < known.size(); ++p) joined[p] = joined[p] || agree[best][p];
  }
}

}  // namespace

std::string FindIdColumn(const std::vector<std::string>& names) {
  static const std::array<std::string_view, 12> kPreferred = {
      "id", "unique_id", "uid", "rec_id", "record_id", "customer_id", "account_id", "client_id",
      "user_id", "row_id", "key", "ident"};
  for (std::string_view preferred : kPreferred) {
    for (const auto& name : names) {
      if (NormaliseName(name) == preferred) return name;
    }
  }
  for (const auto& name : names) {
    std::string n = NormaliseName(name);
    if (n.ends_with("_id") && !IsLabelColumn(n)) return name;
  }
  return "";
}

ColumnSettings InferColumn(const Table& table, int column) {
  const StringColumn& values = table.columns[column];
  ColumnSettings settings;
  settings.name = values.name();
  std::string normalised = NormaliseName(values.name());
  for (const NamedRole& named : RoleNames()) {
    if (std::find(named.names.begin(), named.names.end(), normalised) != named.names.end()) {
      settings.role = named.role;
    }
  }
  std::vector<std::string_view> sample = Sample(values, 500);
  if (settings.role == ColumnRole::kOther && !IsLabelColumn(normalised) && !sample.empty()) {
    // By content, most specific first: a year of birth needs a name that speaks of a year.
    const bool named_year = normalised.find("year") != std::string::npos ||
                            normalised.find("jahr") != std::string::npos ||
                            normalised.find("rok") != std::string::npos ||
                            normalised.find("tahun") != std::string::npos ||
                            normalised.ends_with("_ev");
    if (Share(sample, LooksLikeEmail) > 0.8) {
      settings.role = ColumnRole::kEmail;
    } else if (Share(sample, LooksLikePlatform) > 0.9) {
      settings.role = ColumnRole::kPlatform;
    } else if (named_year && Share(sample, LooksLikeBirthYear) > 0.9) {
      settings.role = ColumnRole::kBirthYear;
    } else if (Share(sample, LooksLikePhone) > 0.8) {
      settings.role = ColumnRole::kPhone;
    } else if (Share(sample, LooksLikeCountry) > 0.8) {
      settings.role = ColumnRole::kCountry;
    } else if (Share(sample, LooksLikeKnownCity) > 0.5) {
      settings.role = ColumnRole::kCity;
    } else if (sample.size() >= 5 && Share(sample, LooksLikeHandle) > 0.9 &&
               Share(sample, HasHandleMark) > 0.5 && Share(sample, LooksLikeDate) < 0.5) {
      settings.role = ColumnRole::kHandle;
    }
  }
  // A year of birth is a partial date: it meets a full date of birth at the year levels.
  if (settings.role == ColumnRole::kBirthYear) {
    settings.type = ColumnType::kDate;
    return settings;
  }
  if (settings.role == ColumnRole::kBirthDate ||
      (settings.role == ColumnRole::kOther && !sample.empty() && Share(sample, LooksLikeDate) > 0.9)) {
    if (Share(sample, LooksLikeDate) > 0.5) settings.type = ColumnType::kDate;
    if (settings.role == ColumnRole::kOther &&
        (normalised.find("birth") != std::string::npos || normalised.find("dob") != std::string::npos)) {
      settings.role = ColumnRole::kBirthDate;
    }
  }
  return settings;
}

absl::StatusOr<Settings> InferSettings(const std::vector<const Table*>& tables,
                                       const AutoSettingsOptions& options) {
  PreparedTable prepared;
  return InferSettings(tables, options, &prepared);
}

absl::StatusOr<Settings> InferSettings(const std::vector<const Table*>& tables,
                                       const AutoSettingsOptions& options,
                                       PreparedTable* prepared_out) {
  if (tables.empty()) return absl::InvalidArgumentError("no input table");
  Settings settings;
  settings.link_type = options.link_type;
  // Each source may name its id differently: customer_id in the CRM, account_id in social.
  std::vector<std::string> ids;
  for (const Table* table : tables) {
    std::string id =
        options.id_column.empty() ? FindIdColumn(table->ColumnNames()) : options.id_column;
    if (id.empty()) {
      return absl::InvalidArgumentError(fmt::format(
          "{}: no id column found among: {}; name it with --id-column", table->origin,
          Join(table->ColumnNames(), ", ")));
    }
    if (table->ColumnIndex(id) < 0) {
      return absl::InvalidArgumentError(fmt::format(
          "{}: the id column '{}' is not among its columns: {}", table->origin, id,
          Join(table->ColumnNames(), ", ")));
    }
    ids.push_back(id);
  }
  settings.id_column = ids[0];
  for (size_t t = 1; t < tables.size(); ++t) {
    if (ids[t] != ids[0]) {
      for (size_t u = 0; u < tables.size(); ++u) {
        settings.source_id_columns[tables[u]->source] = ids[u];
      }
      break;
    }
  }

  // Roles per table: role -> input columns (several address lines may share a role).
  std::vector<std::map<ColumnRole, std::vector<ColumnSettings>>> roles(tables.size());
  auto has_role = [&](size_t t, ColumnRole role) { return roles[t].count(role) > 0; };
  for (size_t t = 0; t < tables.size(); ++t) {
    for (int c = 0; c < static_cast<int>(tables[t]->columns.size()); ++c) {
      if (tables[t]->columns[c].name() == settings.IdColumnFor(tables[t]->source)) continue;
      ColumnSettings column = InferColumn(*tables[t], c);
      if (column.role == ColumnRole::kOther) continue;
      roles[t][column.role].push_back(column);
    }
  }
  // A year of birth stands in for a date of birth where a table has none (a social account's
  // birth_year against a CRM's date_of_birth); the platform is not compared but names the
  // column of which an entity has one account per value; country columns give phones their
  // region and cities their country.
  std::set<std::string> birth_years;
  std::vector<std::string> countries;
  for (size_t t = 0; t < tables.size(); ++t) {
    auto years = roles[t].find(ColumnRole::kBirthYear);
    if (years != roles[t].end()) {
      if (!has_role(t, ColumnRole::kBirthDate)) {
        roles[t][ColumnRole::kBirthDate] = {years->second[0]};
        birth_years.insert(years->second[0].name);
      }
      roles[t].erase(ColumnRole::kBirthYear);
    }
    auto platform = roles[t].find(ColumnRole::kPlatform);
    if (platform != roles[t].end()) {
      const std::string& name = platform->second[0].name;
      if (std::find(settings.unique_per.begin(), settings.unique_per.end(), name) ==
          settings.unique_per.end()) {
        settings.unique_per.push_back(name);
      }
      roles[t].erase(platform);
    }
    auto country = roles[t].find(ColumnRole::kCountry);
    if (country != roles[t].end()) {
      for (const auto& column : country->second) {
        if (std::find(countries.begin(), countries.end(), column.name) == countries.end()) {
          countries.push_back(column.name);
        }
      }
    }
  }
  // A full name is made of given and family names where a source has no full name column.
  bool some_full = false, all_have_name = true;
  for (size_t t = 0; t < tables.size(); ++t) {
    bool full = has_role(t, ColumnRole::kFullName);
    bool parts = has_role(t, ColumnRole::kGivenName) && has_role(t, ColumnRole::kFamilyName);
    some_full |= full;
    all_have_name &= full || parts;
  }
  const bool derive_full_name = some_full && all_have_name && tables.size() > 1;

  // Columns that only some sources have: no comparison of their own.
  std::set<std::string> one_sided_columns;
  for (const NamedRole& named : RoleNames()) {
    ColumnRole role = named.role;
    std::vector<std::vector<std::string>> inputs(tables.size());
    ColumnType type = ColumnType::kText;
    bool everywhere = true;
    for (size_t t = 0; t < tables.size(); ++t) {
      auto it = roles[t].find(role);
      if (it != roles[t].end()) {
        for (const auto& column : it->second) {
          inputs[t].push_back(column.name);
          if (column.type == ColumnType::kDate) type = ColumnType::kDate;
        }
      } else if (role == ColumnRole::kFullName && derive_full_name) {
        inputs[t] = {roles[t][ColumnRole::kGivenName][0].name,
                     roles[t][ColumnRole::kFamilyName][0].name};
      } else {
        everywhere = false;
      }
    }
    if (!everywhere) {
      // A handle or an email on one side is compared with the names of the other
      // (HandleComparisons); a birth date on one side with the years in its handles. The
      // sources without one read nothing (null).
      bool somewhere = false;
      for (const auto& list : inputs) somewhere |= !list.empty();
      const bool one_sided = role == ColumnRole::kHandle || role == ColumnRole::kEmail ||
                             role == ColumnRole::kBirthDate;
      if (!somewhere || !one_sided || tables.size() < 2) continue;
      ColumnSettings column;
      column.role = role;
      column.type = type;
      column.name = std::string(ToString(role));
      for (size_t t = 0; t < tables.size(); ++t) column.inputs[tables[t]->source] = inputs[t];
      one_sided_columns.insert(column.name);
      settings.columns.push_back(std::move(column));
      continue;
    }
    // Several address lines of one role are separate columns when every source has the same
    // ones; otherwise they are joined.
    bool same_names = true;
    for (size_t t = 1; t < tables.size(); ++t) same_names &= inputs[t] == inputs[0];
    if (same_names && inputs[0].size() > 1 && role == ColumnRole::kAddress) {
      for (const auto& name : inputs[0]) {
        settings.columns.push_back({name, role, type, {}});
      }
      continue;
    }
    ColumnSettings column;
    column.role = role;
    column.type = type;
    column.name = same_names && inputs[0].size() == 1 ? inputs[0][0] : std::string(ToString(role));
    for (size_t t = 0; t < tables.size(); ++t) {
      if (inputs[t] != std::vector<std::string>{column.name}) {
        column.inputs[tables[t]->source] = inputs[t];
      }
    }
    settings.columns.push_back(std::move(column));
  }
  if (settings.columns.empty()) {
    std::vector<std::string> names;
    for (const Table* table : tables) names.push_back(fmt::format("{}: {}", table->origin,
                                                                  Join(table->ColumnNames(), ", ")));
    return absl::InvalidArgumentError(fmt::format(
        "no column to compare was recognised (names, email, phone, date of birth, address, ...) "
        "in {}; write a settings file",
        Join(names, "; ")));
  }

  // Whether the birth date column holds a year alone in some table (a birth_year stand-in).
  bool dob_holds_years = false;
  for (auto& column : settings.columns) {
    if (one_sided_columns.count(column.name) > 0) continue;
    if (column.role == ColumnRole::kPhone || column.role == ColumnRole::kCity) {
      column.country_columns = countries;
    }
    ComparisonSpec comparison;
    comparison.name = column.name;
    comparison.column = column.name;
    comparison.levels = LevelsForRole(column.role, column.type);
    // A year of birth on one side: the year levels (1984 against 1984-03-07, one year off).
    bool year_alone = false;
    for (const auto& [source, inputs] : column.inputs) {
      for (const auto& input : inputs) year_alone |= birth_years.count(input) > 0;
    }
    year_alone |= birth_years.count(column.name) > 0 && column.type == ColumnType::kDate;
    if (year_alone) {
      dob_holds_years |= column.role == ColumnRole::kBirthDate;
      comparison.levels.insert(comparison.levels.end() - 1,
                               {{LevelKind::kYearWithin, 0}, {LevelKind::kYearWithin, 1}});
    }
    settings.comparisons.push_back(std::move(comparison));
  }
  HandleComparisons(&settings);

  // Blocking: candidate rules from broad to specific; a rule is kept when its counted pairs
  // fit the budget and it is not a superset of a kept rule (which would add nothing).
  auto first = [&](ColumnRole role) -> std::string {
    for (const auto& column : settings.columns) {
      if (column.role == role && one_sided_columns.count(column.name) == 0) return column.name;
    }
    return "";
  };
  const std::string given = first(ColumnRole::kGivenName), family = first(ColumnRole::kFamilyName),
                    full = first(ColumnRole::kFullName), email = first(ColumnRole::kEmail),
                    phone = first(ColumnRole::kPhone), dob = first(ColumnRole::kBirthDate),
                    postcode = first(ColumnRole::kPostcode), city = first(ColumnRole::kCity),
                    identifier = first(ColumnRole::kIdentifier),
                    address = first(ColumnRole::kAddress);
  const bool dob_is_date =
      !dob.empty() && settings.columns[settings.ColumnIndex(dob)].type == ColumnType::kDate;
  using K = KeyTransform;
  std::vector<BlockingRule> candidates;
  auto add = [&](std::initializer_list<BlockingKeyPart> parts) {
    for (const auto& part : parts) {
      if (part.column.empty()) return;
    }
    candidates.push_back(Rule(parts));
  };
  add({{email, K::kExact}});
  add({{phone, K::kExact}});
  add({{identifier, K::kExact}});
  add({{dob, K::kExact}});
  add({{family, K::kExact}});
  add({{given, K::kExact}});
  // Full names by parsed parts: family name (Kowalski with Kowalska), formal given name
  // (Kasia with Katarzyna, alone or with the initials), the words in any order (Nagy Edit).
  add({{full, K::kFamilyStem}});
  add({{postcode, K::kExact}});
  add({{given, K::kExact}, {family, K::kExact}});
  add({{full, K::kCanonicalGiven}});
  add({{full, K::kCanonicalGiven}, {full, K::kInitials}});
  add({{full, K::kSortedTokens}});
  add({{full, K::kExact}});
  add({{full, K::kLastToken}});
  add({{full, K::kFirstToken}, {full, K::kLastToken}});
  add({{family, K::kSoundex}, {given, K::kPrefix, 1}});
  if (dob_is_date) {
    add({{family, K::kSoundex}, {dob, K::kYear}});
    add({{given, K::kSoundex}, {dob, K::kYear}});
    add({{full, K::kLastToken}, {dob, K::kYear}});
  }
  add({{given, K::kCanonicalGiven}, {family, K::kFamilyStem}});
  // A date of birth with a name's initial: what the date alone finds, where the date's blocks
  // (some 24,000 days among the living) grow too large to pair all with all.
  if (dob_is_date) {
    add({{dob, K::kExact}, {family, K::kPrefix, 1}});
    add({{dob, K::kExact}, {given, K::kPrefix, 1}});
  }
  add({{postcode, K::kExact}, {family, K::kPrefix, 1}});
  add({{city, K::kExact}, {family, K::kPrefix, 2}});
  add({{city, K::kExact}, {full, K::kLastToken}});
  add({{address, K::kExact}, {given, K::kPrefix, 1}});

  // Prepare reads the columns alone, which nothing below changes: the table prepared here is
  // the one the chosen settings need.
  SAMEAS_ASSIGN_OR_RETURN(PreparedTable prepared, Prepare(tables, settings));
  PruneNameLevels(prepared, &settings.comparisons);
  PrunePlaceLevels(prepared, &settings.comparisons);
  const uint64_t n = prepared.num_records();
  const uint64_t budget = options.pair_budget_per_rule != 0
                              ? options.pair_budget_per_rule
                              : std::max<uint64_t>(100'000, 30 * n);
  // The pairs of all the rules kept, each rule's count summed: a number of pairs a record, so
  // that the candidate pairs, and the time to compare them, grow with the records and not
  // with their square.
  const uint64_t total_budget = options.pair_budget != 0
                                    ? options.pair_budget
                                    : std::max<uint64_t>(1'000'000, kPairsPerRecord * n);
  std::vector<RuleCount> counts = CountPairs(prepared, candidates, settings.link_type);
  std::vector<bool> fits(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    fits[i] = counts[i].pairs > 0 && counts[i].pairs <= budget;
  }
  SelectBlockingRules(prepared, candidates, counts, fits, {email, phone, identifier},
                      total_budget, &settings);
  if (settings.blocking_rules.empty()) {
    return absl::InvalidArgumentError(fmt::format(
        "no automatic blocking rule fits the budget of {} pairs per rule (or every rule finds "
        "no pair); write blocking rules in a settings file",
        budget));
  }

  // Training: the blocking rules, and a rule that reads no name where one fits the budget.
  // Rules on names and on an email or a date of birth alone select the pairs whose names vary
  // least, or only CRM duplicates (an equal email): m of a name came from those, 0.40 for an
  // exact name on the bundled sample against a true 0.55. Pairs in one city hold matches of
  // every kind, each taken for a match by its probability under the whole model: 0.51.
  if (!city.empty()) {
    const BlockingRule rule = Rule({{city, K::kExact}});
    const std::vector<RuleCount> city_count = CountPairs(prepared, {rule}, settings.link_type);
    if (city_count[0].pairs > 0 && city_count[0].pairs <= budget) {
      settings.training_rules = settings.blocking_rules;
      settings.training_rules.push_back(rule);
    }
  }

  // Deterministic rules: values that (almost) only the same person shares.
  auto add_deterministic = [&](std::initializer_list<std::string> columns) {
    BlockingRule rule;
    for (const auto& column : columns) {
      if (column.empty()) return;
      rule.parts.push_back({column, K::kExact});
    }
    settings.deterministic_rules.push_back(std::move(rule));
  };
  add_deterministic({email});
  add_deterministic({phone});
  add_deterministic({identifier});
  // A name with a full date of birth; a name with a birth year alone is shared by namesakes,
  // and as a rule on every name column it would leave training no rule to measure its recall.
  if (!dob_holds_years && !given.empty() && !family.empty()) {
    add_deterministic({given, family, dob});
  } else if (!dob_holds_years) {
    add_deterministic({full, dob});
  }
  *prepared_out = std::move(prepared);
  return settings;
}

}  // namespace sameas
