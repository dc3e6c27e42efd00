// Settings: names of enums, the blocking-rule text form, JSON in and out, validation.
#include "sameas/settings/settings.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <utility>

#include "fmt/format.h"
#include "nlohmann/json.hpp"
#include "sameas/internal/status_macros.h"
#include "internal/strings.h"

namespace sameas {
namespace {

using internal::Join;
using internal::Split;
using internal::Strip;
using json = nlohmann::json;

template <typename E>
struct EnumName {
  E value;
  std::string_view name;
};

constexpr std::array<EnumName<LinkType>, 3> kLinkTypes{{
    {LinkType::kDedupe, "dedupe"},
    {LinkType::kLinkOnly, "link_only"},
    {LinkType::kLinkAndDedupe, "link_and_dedupe"},
}};

constexpr std::array<EnumName<ColumnRole>, 19> kRoles{{
    {ColumnRole::kOther, "other"},
    {ColumnRole::kGivenName, "given_name"},
    {ColumnRole::kFamilyName, "family_name"},
    {ColumnRole::kFullName, "full_name"},
    {ColumnRole::kEmail, "email"},
    {ColumnRole::kPhone, "phone"},
    {ColumnRole::kBirthDate, "birth_date"},
    {ColumnRole::kCity, "city"},
    {ColumnRole::kPostcode, "postcode"},
    {ColumnRole::kAddress, "address"},
    {ColumnRole::kStreetNumber, "street_number"},
    {ColumnRole::kState, "state"},
    {ColumnRole::kCountry, "country"},
    {ColumnRole::kIdentifier, "identifier"},
    {ColumnRole::kMiddleName, "middle_name"},
    {ColumnRole::kSex, "sex"},
    {ColumnRole::kBirthYear, "birth_year"},
    {ColumnRole::kPlatform, "platform"},
    {ColumnRole::kHandle, "handle"},
}};

constexpr std::array<EnumName<ColumnType>, 2> kTypes{{
    {ColumnType::kText, "text"},
    {ColumnType::kDate, "date"},
}};

constexpr std::array<EnumName<LevelKind>, 28> kLevelKinds{{
    {LevelKind::kNull, "null"},
    {LevelKind::kExact, "exact"},
    {LevelKind::kJaroWinkler, "jaro_winkler"},
    {LevelKind::kLevenshtein, "levenshtein"},
    {LevelKind::kDamerauLevenshtein, "damerau_levenshtein"},
    {LevelKind::kDateWithinDays, "date_within_days"},
    {LevelKind::kElse, "else"},
    {LevelKind::kExactWithDiacritics, "exact_with_diacritics"},
    {LevelKind::kNickname, "nickname"},
    {LevelKind::kGenderedFamily, "gendered_family"},
    {LevelKind::kSwappedOrder, "swapped_order"},
    {LevelKind::kInitial, "initial"},
    {LevelKind::kGivenOnly, "given_only"},
    {LevelKind::kFamilyOnly, "family_only"},
    {LevelKind::kTrailingDigits, "trailing_digits"},
    {LevelKind::kDayMonthSwapped, "day_month_swapped"},
    {LevelKind::kYearWithin, "year_within"},
    {LevelKind::kSameCity, "same_city"},
    {LevelKind::kSameCountry, "same_country"},
    {LevelKind::kHandleFullName, "handle_full_name"},
    {LevelKind::kHandleNickname, "handle_nickname"},
    {LevelKind::kHandleGivenFamilyInitial, "handle_given_family_initial"},
    {LevelKind::kHandleInitialFamily, "handle_initial_family"},
    {LevelKind::kHandleFamilyOnly, "handle_family_only"},
    {LevelKind::kHandleGivenOnly, "handle_given_only"},
    {LevelKind::kBirthYear, "birth_year"},
    {LevelKind::kCorporateDomain, "corporate_domain"},
    {LevelKind::kSameDomain, "same_domain"},
}};

constexpr std::array<EnumName<KeyTransform>, 10> kTransforms{{
    {KeyTransform::kExact, "exact"},
    {KeyTransform::kPrefix, "prefix"},
    {KeyTransform::kSoundex, "soundex"},
    {KeyTransform::kYear, "year"},
    {KeyTransform::kFirstToken, "first_token"},
    {KeyTransform::kLastToken, "last_token"},
    {KeyTransform::kCanonicalGiven, "canonical_given"},
    {KeyTransform::kFamilyStem, "family_stem"},
    {KeyTransform::kInitials, "initials"},
    {KeyTransform::kSortedTokens, "sorted_tokens"},
}};

template <typename E, size_t N>
std::string_view NameOf(const std::array<EnumName<E>, N>& table, E value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return "?";
}

template <typename E, size_t N>
absl::StatusOr<E> ValueOf(const std::array<EnumName<E>, N>& table, std::string_view name,
                          std::string_view what) {
  std::string lower = internal::ToLower(Strip(name));
  std::vector<std::string_view> names;
  for (const auto& entry : table) {
    if (entry.name == lower) return entry.value;
    names.push_back(entry.name);
  }
  return absl::InvalidArgumentError(
      fmt::format("'{}' is not a {} (one of {})", name, what, Join(names, ", ")));
}

// Errors while reading JSON carry the path of the value, e.g. "comparisons[2].levels[0]".
class JsonReader {
 public:
  explicit JsonReader(std::string_view origin) : origin_(origin) {}

  absl::Status Error(std::string_view path, std::string_view message) const {
    return absl::InvalidArgumentError(fmt::format("{}: {}: {}", origin_, path, message));
  }

  template <typename T>
  absl::Status Get(const json& object, const char* key, std::string_view path, T* out,
                   bool required = false) const {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required) return Error(path, fmt::format("'{}' is required", key));
      return absl::OkStatus();
    }
    try {
      *out = it->get<T>();
    } catch (const json::exception&) {
      return Error(fmt::format("{}.{}", path, key),
                   fmt::format("{} is not of the expected type", it->dump()));
    }
    return absl::OkStatus();
  }

 private:
  std::string origin_;
};

absl::Status ReadRules(const JsonReader& reader, const json& root, const char* key,
                       std::vector<BlockingRule>* out) {
  auto it = root.find(key);
  if (it == root.end() || it->is_null()) return absl::OkStatus();
  if (!it->is_array()) return reader.Error(key, "expected a list of rules");
  for (size_t i = 0; i < it->size(); ++i) {
    const json& item = (*it)[i];
    std::string path = fmt::format("{}[{}]", key, i);
    if (!item.is_string()) return reader.Error(path, "a rule is a string like \"surname & year(dob)\"");
    auto rule = BlockingRule::Parse(item.get<std::string>());
    if (!rule.ok()) return reader.Error(path, std::string(rule.status().message()));
    out->push_back(*std::move(rule));
  }
  return absl::OkStatus();
}

json RulesToJson(const std::vector<BlockingRule>& rules) {
  json out = json::array();
  for (const auto& rule : rules) out.push_back(rule.ToString());
  return out;
}

}  // namespace

bool LevelHasThreshold(LevelKind kind) {
  switch (kind) {
    case LevelKind::kJaroWinkler:
    case LevelKind::kLevenshtein:
    case LevelKind::kDamerauLevenshtein:
    case LevelKind::kDateWithinDays:
    case LevelKind::kTrailingDigits:
    case LevelKind::kYearWithin:
      return true;
    default:
      return false;
  }
}

bool IsNameLevel(LevelKind kind) {
  return kind >= LevelKind::kExactWithDiacritics && kind <= LevelKind::kFamilyOnly;
}

bool IsHandleLevel(LevelKind kind) {
  return kind >= LevelKind::kHandleFullName && kind <= LevelKind::kHandleGivenOnly;
}

bool IsHandleColumn(const ColumnSettings& column) {
  return column.type == ColumnType::kText &&
         (column.role == ColumnRole::kHandle || column.role == ColumnRole::kEmail);
}

bool IsNameTransform(KeyTransform transform) {
  return transform == KeyTransform::kCanonicalGiven || transform == KeyTransform::kFamilyStem ||
         transform == KeyTransform::kInitials;
}

bool IsNameColumn(const ColumnSettings& column) {
  return column.type == ColumnType::kText &&
         (column.role == ColumnRole::kGivenName || column.role == ColumnRole::kFamilyName ||
          column.role == ColumnRole::kFullName);
}

bool IsPlaceColumn(const ColumnSettings& column) {
  return column.type == ColumnType::kText &&
         (column.role == ColumnRole::kCity || column.role == ColumnRole::kCountry);
}

bool IsPhoneColumn(const ColumnSettings& column) {
  return column.type == ColumnType::kText && column.role == ColumnRole::kPhone;
}

std::string_view ToString(LinkType type) { return NameOf(kLinkTypes, type); }
std::string_view ToString(ColumnRole role) { return NameOf(kRoles, role); }
std::string_view ToString(ColumnType type) { return NameOf(kTypes, type); }
std::string_view ToString(LevelKind kind) { return NameOf(kLevelKinds, kind); }

absl::StatusOr<LinkType> ParseLinkType(std::string_view text) {
  return ValueOf(kLinkTypes, text, "link type");
}
absl::StatusOr<ColumnRole> ParseColumnRole(std::string_view text) {
  return ValueOf(kRoles, text, "column role");
}
absl::StatusOr<LevelKind> ParseLevelKind(std::string_view text) {
  return ValueOf(kLevelKinds, text, "level type");
}

std::string DescribeLevel(const LevelSpec& level) {
  if (!level.label.empty()) return level.label;
  switch (level.kind) {
    case LevelKind::kNull:
      return "null";
    case LevelKind::kExact:
      return "exact";
    case LevelKind::kJaroWinkler:
      return fmt::format("Jaro-Winkler >= {:g}", level.threshold);
    case LevelKind::kLevenshtein:
      return fmt::format("Levenshtein <= {:g}", level.threshold);
    case LevelKind::kDamerauLevenshtein:
      return fmt::format("Damerau-Levenshtein <= {:g}", level.threshold);
    case LevelKind::kDateWithinDays:
      return fmt::format("within {:g} days", level.threshold);
    case LevelKind::kElse:
      return "else";
    case LevelKind::kExactWithDiacritics:
      return "exact with diacritics";
    case LevelKind::kNickname:
      return "nickname or middle name";
    case LevelKind::kGenderedFamily:
      return "gendered family name";
    case LevelKind::kSwappedOrder:
      return "given and family swapped";
    case LevelKind::kInitial:
      return "initial";
    case LevelKind::kGivenOnly:
      return "given name only";
    case LevelKind::kFamilyOnly:
      return "family name only";
    case LevelKind::kTrailingDigits:
      return fmt::format("last {:g} digits", level.threshold);
    case LevelKind::kDayMonthSwapped:
      return "day and month swapped";
    case LevelKind::kYearWithin:
      return level.threshold == 0 ? std::string("same year")
                                  : fmt::format("years within {:g}", level.threshold);
    case LevelKind::kSameCity:
      return "same city";
    case LevelKind::kSameCountry:
      return "same country";
    case LevelKind::kHandleFullName:
      return "handle has the full name";
    case LevelKind::kHandleNickname:
      return "handle has a nickname and the family name";
    case LevelKind::kHandleGivenFamilyInitial:
      return "handle has the given name and family initial";
    case LevelKind::kHandleInitialFamily:
      return "handle has the given initial and family name";
    case LevelKind::kHandleFamilyOnly:
      return "handle has the family name only";
    case LevelKind::kHandleGivenOnly:
      return "handle has the given name only";
    case LevelKind::kBirthYear:
      return "birth year in the handle";
    case LevelKind::kCorporateDomain:
      return "same corporate email domain";
    case LevelKind::kSameDomain:
      return "same email domain";
  }
  return "?";
}

double ComparisonSpec::TfFraction(size_t level) const {
  if (!term_frequency || level >= levels.size()) return 0;
  const LevelSpec& spec = levels[level];
  if (spec.kind == LevelKind::kNull) return 0;
  if (spec.tf_fraction.has_value()) return *spec.tf_fraction;
  // Equal names with their diacritics are equal folded values too: an exact level.
  return spec.kind == LevelKind::kExact || spec.kind == LevelKind::kExactWithDiacritics ? 1.0
                                                                                        : 0.0;
}

std::vector<std::string> ColumnSettings::InputsFor(std::string_view source) const {
  auto it = inputs.find(std::string(source));
  if (it != inputs.end()) return it->second;
  return {name};
}

const std::string& Settings::IdColumnFor(std::string_view source) const {
  auto it = source_id_columns.find(std::string(source));
  return it != source_id_columns.end() ? it->second : id_column;
}

int Settings::ColumnIndex(std::string_view column) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == column) return static_cast<int>(i);
  }
  return -1;
}

std::string BlockingRule::ToString() const {
  std::vector<std::string> parts;
  for (const auto& part : this->parts) {
    switch (part.transform) {
      case KeyTransform::kExact:
        parts.push_back(part.column);
        break;
      case KeyTransform::kPrefix:
        parts.push_back(fmt::format("prefix({}, {})", part.column, part.length));
        break;
      default:
        parts.push_back(fmt::format("{}({})", NameOf(kTransforms, part.transform), part.column));
    }
  }
  return Join(parts, " & ");
}

absl::StatusOr<BlockingRule> BlockingRule::Parse(std::string_view text) {
  BlockingRule rule;
  for (std::string_view piece : Split(text, '&')) {
    piece = Strip(piece);
    if (piece.empty()) {
      return absl::InvalidArgumentError(fmt::format("rule '{}' has an empty part", text));
    }
    BlockingKeyPart part;
    size_t open = piece.find('(');
    if (open == std::string_view::npos) {
      part.column = std::string(piece);
    } else {
      if (piece.back() != ')') {
        return absl::InvalidArgumentError(
            fmt::format("rule '{}': '{}' lacks a closing parenthesis", text, piece));
      }
      std::string_view function = Strip(piece.substr(0, open));
      std::string_view inner = piece.substr(open + 1, piece.size() - open - 2);
      std::vector<std::string_view> args = Split(inner, ',');
      auto transform = ValueOf(kTransforms, function, "blocking function");
      if (!transform.ok()) {
        return absl::InvalidArgumentError(
            fmt::format("rule '{}': {}", text, std::string(transform.status().message())));
      }
      part.transform = *transform;
      part.column = std::string(Strip(args[0]));
      if (part.transform == KeyTransform::kPrefix) {
        if (args.size() != 2 || !internal::ParseInt(args[1], &part.length) ||
            part.length <= 0) {
          return absl::InvalidArgumentError(fmt::format(
              "rule '{}': prefix takes a column and a positive length, as in prefix(surname, 3)",
              text));
        }
      } else if (args.size() != 1) {
        return absl::InvalidArgumentError(
            fmt::format("rule '{}': {} takes one column", text, function));
      }
    }
    if (part.column.empty()) {
      return absl::InvalidArgumentError(fmt::format("rule '{}' names no column", text));
    }
    rule.parts.push_back(std::move(part));
  }
  return rule;
}

std::string SettingsToJson(const Settings& settings) {
  json root;
  root["version"] = 1;
  root["link_type"] = ToString(settings.link_type);
  if (settings.source_id_columns.empty()) {
    root["id_column"] = settings.id_column;
  } else {
    // Sources with their own id column: {"crm": "customer_id", "social": "account_id"}.
    root["id_column"] = settings.source_id_columns;
  }
  json columns = json::array();
  for (const auto& column : settings.columns) {
    json c;
    c["name"] = column.name;
    c["role"] = ToString(column.role);
    c["type"] = ToString(column.type);
    if (!column.inputs.empty()) c["inputs"] = column.inputs;
    if (!column.country_columns.empty()) c["country_columns"] = column.country_columns;
    if (!column.default_region.empty()) c["default_region"] = column.default_region;
    columns.push_back(std::move(c));
  }
  root["columns"] = std::move(columns);
  if (!settings.unique_per.empty()) root["unique_per"] = settings.unique_per;
  root["blocking_rules"] = RulesToJson(settings.blocking_rules);
  json comparisons = json::array();
  for (const auto& comparison : settings.comparisons) {
    json c;
    c["name"] = comparison.name;
    c["column"] = comparison.column;
    if (!comparison.against.empty()) c["against"] = comparison.against;
    json levels = json::array();
    for (const auto& level : comparison.levels) {
      json l;
      l["type"] = ToString(level.kind);
      if (LevelHasThreshold(level.kind)) {
        l["threshold"] = level.threshold;
      }
      if (!level.label.empty()) l["label"] = level.label;
      if (level.tf_fraction.has_value()) l["tf_fraction"] = *level.tf_fraction;
      if (level.m.has_value()) l["m"] = *level.m;
      if (level.u.has_value()) l["u"] = *level.u;
      levels.push_back(std::move(l));
    }
    c["levels"] = std::move(levels);
    // Model options only when set, so that settings without them read as before.
    if (comparison.term_frequency) c["term_frequency"] = true;
    if (comparison.tf_min_u != 0) c["tf_min_u"] = comparison.tf_min_u;
    if (comparison.fixed_m) c["fixed_m"] = true;
    if (comparison.fixed_u) c["fixed_u"] = true;
    comparisons.push_back(std::move(c));
  }
  root["comparisons"] = std::move(comparisons);
  root["deterministic_rules"] = RulesToJson(settings.deterministic_rules);
  if (settings.deterministic_recall) root["deterministic_recall"] = *settings.deterministic_recall;
  root["training_rules"] = RulesToJson(settings.training_rules);
  root["threshold"] = settings.threshold;
  root["max_pairs_per_rule"] = settings.max_pairs_per_rule;
  root["max_block_size"] = settings.max_block_size;
  root["block_window"] = settings.block_window;
  root["window_sort_columns"] = settings.window_sort_columns;
  root["u_sample_pairs"] = settings.u_sample_pairs;
  root["em_sample_pairs"] = settings.em_sample_pairs;
  root["seed"] = settings.seed;
  root["em_tolerance"] = settings.em_tolerance;
  root["em_max_iterations"] = settings.em_max_iterations;
  if (!settings.tf_hash_key.empty()) root["hash_tf_keys"] = {{"key", settings.tf_hash_key}};
  return root.dump(2);
}

absl::StatusOr<Settings> SettingsFromJson(std::string_view text, std::string_view origin) {
  JsonReader reader(origin);
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    return absl::InvalidArgumentError(
        fmt::format("{}: not valid JSON at byte {}: {}", origin, e.byte, e.what()));
  }
  if (!root.is_object()) return reader.Error("$", "settings are a JSON object");
  static const std::vector<std::string> kKnown = {
      "version", "link_type", "id_column", "columns", "blocking_rules", "comparisons",
      "deterministic_rules", "deterministic_recall", "training_rules", "threshold",
      "max_pairs_per_rule", "max_block_size", "block_window", "window_sort_columns",
      "u_sample_pairs", "em_sample_pairs", "seed", "em_tolerance", "em_max_iterations",
      "hash_tf_keys", "unique_per"};
  for (const auto& [key, value] : root.items()) {
    if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end()) {
      return reader.Error(key, fmt::format("unknown setting (known: {})", Join(kKnown, ", ")));
    }
  }
  Settings settings;
  std::string link_type = "dedupe";
  SAMEAS_RETURN_IF_ERROR(reader.Get(root, "link_type", "$", &link_type));
  auto parsed_link_type = ParseLinkType(link_type);
  if (!parsed_link_type.ok()) return reader.Error("link_type", std::string(parsed_link_type.status().message()));
  settings.link_type = *parsed_link_type;
  if (auto ids = root.find("id_column"); ids != root.end() && ids->is_object()) {
    SAMEAS_RETURN_IF_ERROR(reader.Get(root, "id_column", "$", &settings.source_id_columns, true));
  } else {
    SAMEAS_RETURN_IF_ERROR(reader.Get(root, "id_column", "$", &settings.id_column, true));
  }

  auto columns = root.find("columns");
  if (columns == root.end() || !columns->is_array()) {
    return reader.Error("columns", "a list of columns is required");
  }
  for (size_t i = 0; i < columns->size(); ++i) {
    const json& item = (*columns)[i];
    std::string path = fmt::format("columns[{}]", i);
    if (!item.is_object()) return reader.Error(path, "a column is an object with a name");
    ColumnSettings column;
    SAMEAS_RETURN_IF_ERROR(reader.Get(item, "name", path, &column.name, true));
    std::string role = "other", type = "text";
    SAMEAS_RETURN_IF_ERROR(reader.Get(item, "role", path, &role));
    SAMEAS_RETURN_IF_ERROR(reader.Get(item, "type", path, &type));
    auto parsed_role = ParseColumnRole(role);
    if (!parsed_role.ok()) return reader.Error(path + ".role", std::string(parsed_role.status().message()));
    column.role = *parsed_role;
    auto parsed_type = ValueOf(kTypes, type, "column type");
    if (!parsed_type.ok()) return reader.Error(path + ".type", std::string(parsed_type.status().message()));
    column.type = *parsed_type;
    SAMEAS_RETURN_IF_ERROR(reader.Get(item, "inputs", path, &column.inputs));
    SAMEAS_RETURN_IF_ERROR(reader.Get(item, "country_columns", path, &column.country_columns));
    SAMEAS_RETURN_IF_ERROR(reader.Get(item, "default_region", path, &column.default_region));
    if (!column.default_region.empty()) {
      const std::string& region = column.default_region;
      if (region.size() != 2 || !std::isupper(static_cast<unsigned char>(region[0])) ||
          !std::isupper(static_cast<unsigned char>(region[1]))) {
        return reader.Error(path + ".default_region",
                            fmt::format("'{}' is not a region code of two capital letters, as "
                                        "\"PL\" or \"DE\"",
                                        region));
      }
    }
    if (settings.ColumnIndex(column.name) >= 0) {
      return reader.Error(path, fmt::format("column '{}' is named twice", column.name));
    }
    settings.columns.push_back(std::move(column));
  }
  SAMEAS_RETURN_IF_ERROR(reader.Get(root, "unique_per", "$", &settings.unique_per));
  SAMEAS_RETURN_IF_ERROR(ReadRules(reader, root, "blocking_rules", &settings.blocking_rules));
  SAMEAS_RETURN_IF_ERROR(ReadRules(reader, root, "deterministic_rules", &settings.deterministic_rules));
  SAMEAS_RETURN_IF_ERROR(ReadRules(reader, root, "training_rules", &settings.training_rules));

  auto comparisons = root.find("comparisons");
  if (comparisons != root.end() && !comparisons->is_null()) {
    if (!comparisons->is_array()) return reader.Error("comparisons", "expected a list");
    for (size_t i = 0; i < comparisons->size(); ++i) {
      const json& item = (*comparisons)[i];
      std::string path = fmt::format("comparisons[{}]", i);
      if (!item.is_object()) return reader.Error(path, "a comparison is an object");
      ComparisonSpec comparison;
      SAMEAS_RETURN_IF_ERROR(reader.Get(item, "column", path, &comparison.column, true));
      comparison.name = comparison.column;
      SAMEAS_RETURN_IF_ERROR(reader.Get(item, "name", path, &comparison.name));
      SAMEAS_RETURN_IF_ERROR(reader.Get(item, "against", path, &comparison.against));
      auto levels = item.find("levels");
      if (levels == item.end() || !levels->is_array()) {
        return reader.Error(path, "'levels' (a list) is required");
      }
      for (size_t j = 0; j < levels->size(); ++j) {
        const json& l = (*levels)[j];
        std::string level_path = fmt::format("{}.levels[{}]", path, j);
        if (!l.is_object()) return reader.Error(level_path, "a level is an object with a type");
        std::string kind;
        SAMEAS_RETURN_IF_ERROR(reader.Get(l, "type", level_path, &kind, true));
        auto parsed = ParseLevelKind(kind);
        if (!parsed.ok()) return reader.Error(level_path + ".type", std::string(parsed.status().message()));
        LevelSpec level;
        level.kind = *parsed;
        SAMEAS_RETURN_IF_ERROR(reader.Get(l, "threshold", level_path, &level.threshold));
        SAMEAS_RETURN_IF_ERROR(reader.Get(l, "label", level_path, &level.label));
        for (auto [key, out] : {std::pair{"tf_fraction", &level.tf_fraction},
                                std::pair{"m", &level.m}, std::pair{"u", &level.u}}) {
          double value = 0;
          if (!l.contains(key) || l[key].is_null()) continue;
          SAMEAS_RETURN_IF_ERROR(reader.Get(l, key, level_path, &value));
          *out = value;
        }
        comparison.levels.push_back(std::move(level));
      }
      SAMEAS_RETURN_IF_ERROR(reader.Get(item, "term_frequency", path, &comparison.term_frequency));
      SAMEAS_RETURN_IF_ERROR(reader.Get(item, "tf_min_u", path, &comparison.tf_min_u));
      SAMEAS_RETURN_IF_ERROR(reader.Get(item, "fixed_m", path, &comparison.fixed_m));
      SAMEAS_RETURN_IF_ERROR(reader.Get(item, "fixed_u", path, &comparison.fixed_u));
      settings.comparisons.push_back(std::move(comparison));
    }
  }
  if (root.contains("deterministic_recall") && !root["deterministic_recall"].is_null()) {
    double recall = 0;
    SAMEAS_RETURN_IF_ERROR(reader.Get(root, "deterministic_recall", "$", &recall));
    settings.deterministic_recall = recall;
  }
  SAMEAS_RETURN_IF_ERROR(reader.Get(root, "threshold", "$", &settings.threshold));
  SAMEAS_RETURN_IF_ERROR(reader.Get(root, "max_pairs_per_rule", "$", &settings.max_pairs_per_rule));
  SAMEAS_RETURN_IF_ERROR(reader.Get(root, "max_block_size", "$", &settings.max_block_size));
  SAMEAS_RETURN_IF_ERROR(reader.Get(root, "block_window", "$", &settings.block_window));
  SAMEAS_RETURN_IF_ERROR(
      reader.Get(root, "window_sort_columns", "$", &settings.window_sort_columns));
  SAMEAS_RETURN_IF_ERROR(reader.Get(root, "u_sample_pairs", "$", &settings.u_sample_pairs));
  SAMEAS_RETURN_IF_ERROR(reader.Get(root, "em_sample_pairs", "$", &settings.em_sample_pairs));
  SAMEAS_RETURN_IF_ERROR(reader.Get(root, "seed", "$", &settings.seed));
  SAMEAS_RETURN_IF_ERROR(reader.Get(root, "em_tolerance", "$", &settings.em_tolerance));
  SAMEAS_RETURN_IF_ERROR(reader.Get(root, "em_max_iterations", "$", &settings.em_max_iterations));
  if (auto hash = root.find("hash_tf_keys"); hash != root.end() && !hash->is_null()) {
    if (!hash->is_object() || !hash->contains("key") || !(*hash)["key"].is_string() ||
        (*hash)["key"].get<std::string>().empty()) {
      return reader.Error("hash_tf_keys", "expected {\"key\": \"a secret of 16 or more characters\"}");
    }
    settings.tf_hash_key = (*hash)["key"].get<std::string>();
  }
  return settings;
}

absl::Status ValidateColumns(const Settings& settings, const std::vector<const Table*>& tables,
                              std::string_view origin) {
  auto error = [&](std::string message) {
    return absl::InvalidArgumentError(fmt::format("{}: {}", origin, message));
  };
  if (tables.empty()) return error("no input table");
  if (settings.link_type != LinkType::kDedupe && tables.size() < 2) {
    return error(fmt::format("link type '{}' needs two or more tables", ToString(settings.link_type)));
  }
  for (const Table* table : tables) {
    auto describe = [&] {
      return fmt::format("table '{}' ({}), whose columns are: {}", table->source, table->origin,
                         Join(table->ColumnNames(), ", "));
    };
    const std::string& id_column = settings.IdColumnFor(table->source);
    if (id_column.empty()) {
      return error(fmt::format("id_column is required (for table '{}')", table->source));
    }
    if (table->ColumnIndex(id_column) < 0) {
      return error(fmt::format("id column '{}' is not in {}", id_column, describe()));
    }
    for (const auto& column : settings.columns) {
      for (const auto& input : column.InputsFor(table->source)) {
        if (table->ColumnIndex(input) < 0) {
          return error(fmt::format("column '{}' (settings column '{}') is not in {}", input,
                                   column.name, describe()));
        }
      }
    }
  }
  // Country columns may be missing from some tables (a social table has none), not from all.
  for (const auto& column : settings.columns) {
    for (const auto& country : column.country_columns) {
      bool found = false;
      for (const Table* table : tables) found |= table->ColumnIndex(country) >= 0;
      if (!found) {
        return error(fmt::format("column '{}': country column '{}' is in no table", column.name,
                                 country));
      }
    }
  }
  return absl::OkStatus();
}

namespace {

// The model options of one comparison: term-frequency fractions and floors, and m and u
// given by the user, which must be probabilities that leave room for the other levels.
template <typename Error>
absl::Status ValidateModelOptions(const ComparisonSpec& comparison, size_t i, const Error& error) {
  if (!(comparison.tf_min_u >= 0 && comparison.tf_min_u < 1)) {
    return error(fmt::format("comparisons[{}] '{}': tf_min_u is in [0, 1), not {}", i,
                             comparison.name, comparison.tf_min_u));
  }
  double m_given = 0, u_given = 0;
  for (size_t j = 0; j < comparison.levels.size(); ++j) {
    const LevelSpec& level = comparison.levels[j];
    std::string where = fmt::format("comparisons[{}].levels[{}]", i, j);
    if (level.tf_fraction.has_value() && !(*level.tf_fraction >= 0 && *level.tf_fraction <= 1)) {
      return error(fmt::format("{}: tf_fraction is in [0, 1], not {}", where, *level.tf_fraction));
    }
    for (auto [name, value] : {std::pair{"m", level.m}, std::pair{"u", level.u}}) {
      if (!value.has_value()) continue;
      if (j == 0) return error(fmt::format("{}: the null level has no {}", where, name));
      if (!(*value > 0 && *value <= 1)) {
        return error(fmt::format("{}: {} is a probability in (0, 1], not {}", where, name, *value));
      }
    }
    if (j > 0) {
      m_given += level.m.value_or(0);
      u_given += level.u.value_or(0);
    }
  }
  for (auto [name, total] : {std::pair{"m", m_given}, std::pair{"u", u_given}}) {
    if (total > 1 + 1e-9) {
      return error(fmt::format("comparisons[{}] '{}': the given {} of its levels add up to {}, "
                               "more than 1",
                               i, comparison.name, name, total));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateSettings(const Settings& settings, const std::vector<const Table*>& tables,
                              std::string_view origin) {
  SAMEAS_RETURN_IF_ERROR(ValidateColumns(settings, tables, origin));
  auto error = [&](std::string message) {
    return absl::InvalidArgumentError(fmt::format("{}: {}", origin, message));
  };
  auto check_rules = [&](const std::vector<BlockingRule>& rules, std::string_view what) -> absl::Status {
    for (size_t i = 0; i < rules.size(); ++i) {
      for (const auto& part : rules[i].parts) {
        int c = settings.ColumnIndex(part.column);
        if (c < 0) {
          return error(fmt::format("{}[{}] '{}' names column '{}', which is not in 'columns'", what,
                                   i, rules[i].ToString(), part.column));
        }
        if (IsNameTransform(part.transform) && !IsNameColumn(settings.columns[c])) {
          return error(fmt::format(
              "{}[{}] '{}': {}() needs a name column (role given_name, family_name or "
              "full_name), and '{}' has role {}",
              what, i, rules[i].ToString(), NameOf(kTransforms, part.transform), part.column,
              ToString(settings.columns[c].role)));
        }
        if (part.transform == KeyTransform::kYear && settings.columns[c].type != ColumnType::kDate) {
          return error(fmt::format("{}[{}] '{}': year() needs a date column, and '{}' is text",
                                   what, i, rules[i].ToString(), part.column));
        }
      }
    }
    return absl::OkStatus();
  };
  SAMEAS_RETURN_IF_ERROR(check_rules(settings.blocking_rules, "blocking_rules"));
  SAMEAS_RETURN_IF_ERROR(check_rules(settings.deterministic_rules, "deterministic_rules"));
  SAMEAS_RETURN_IF_ERROR(check_rules(settings.training_rules, "training_rules"));
  if (settings.blocking_rules.empty()) return error("at least one blocking rule is required");
  for (size_t i = 0; i < settings.window_sort_columns.size(); ++i) {
    if (settings.ColumnIndex(settings.window_sort_columns[i]) < 0) {
      return error(fmt::format("window_sort_columns[{}] '{}' is not in 'columns'", i,
                               settings.window_sort_columns[i]));
    }
  }
  if (settings.comparisons.empty()) return error("at least one comparison is required");
  for (size_t i = 0; i < settings.comparisons.size(); ++i) {
    const auto& comparison = settings.comparisons[i];
    int c = settings.ColumnIndex(comparison.column);
    if (c < 0) {
      return error(fmt::format("comparisons[{}] '{}' names column '{}', which is not in 'columns'",
                               i, comparison.name, comparison.column));
    }
    if (!comparison.against.empty() && settings.ColumnIndex(comparison.against) < 0) {
      return error(fmt::format("comparisons[{}] '{}': against names column '{}', which is not in "
                               "'columns'",
                               i, comparison.name, comparison.against));
    }
    const auto& levels = comparison.levels;
    if (levels.size() < 3 || levels.front().kind != LevelKind::kNull ||
        levels.back().kind != LevelKind::kElse) {
      return error(fmt::format(
          "comparisons[{}] '{}': levels start with null, end with else, and have one or more "
          "levels between",
          i, comparison.name));
    }
    if (levels.size() > 32) {
      return error(fmt::format("comparisons[{}] '{}': at most 32 levels", i, comparison.name));
    }
    for (size_t j = 1; j + 1 < levels.size(); ++j) {
      const auto& level = levels[j];
      std::string where = fmt::format("comparisons[{}].levels[{}]", i, j);
      if (level.kind == LevelKind::kNull || level.kind == LevelKind::kElse) {
        return error(fmt::format("{}: '{}' may only come first (null) or last (else)", where,
                                 ToString(level.kind)));
      }
      if (level.kind == LevelKind::kJaroWinkler && !(level.threshold > 0 && level.threshold <= 1)) {
        return error(fmt::format("{}: a Jaro-Winkler threshold is in (0, 1], not {}", where,
                                 level.threshold));
      }
      if ((level.kind == LevelKind::kLevenshtein || level.kind == LevelKind::kDamerauLevenshtein ||
           level.kind == LevelKind::kDateWithinDays) &&
          !(level.threshold >= 0 && std::isfinite(level.threshold))) {
        return error(fmt::format("{}: the threshold is a number >= 0, not {}", where, level.threshold));
      }
      if (IsNameLevel(level.kind) && !IsNameColumn(settings.columns[c])) {
        return error(fmt::format(
            "{}: the level '{}' compares parsed names and needs a name column (role "
            "given_name, family_name or full_name); '{}' has role {}",
            where, ToString(level.kind), comparison.column, ToString(settings.columns[c].role)));
      }
      const bool is_date = settings.columns[c].type == ColumnType::kDate;
      if ((level.kind == LevelKind::kDateWithinDays || level.kind == LevelKind::kDayMonthSwapped ||
           level.kind == LevelKind::kYearWithin) &&
          !is_date) {
        return error(fmt::format("{}: {} needs a date column, and '{}' is text", where,
                                 ToString(level.kind), comparison.column));
      }
      if (level.kind == LevelKind::kYearWithin &&
          !(level.threshold >= 0 && level.threshold <= 200 &&
            level.threshold == std::floor(level.threshold))) {
        return error(fmt::format("{}: year_within takes a whole number of years from 0 to 200, "
                                 "not {}",
                                 where, level.threshold));
      }
      if (level.kind == LevelKind::kTrailingDigits &&
          !(level.threshold >= 1 && level.threshold <= 18 &&
            level.threshold == std::floor(level.threshold))) {
        return error(fmt::format("{}: trailing_digits takes a number of digits from 1 to 18, "
                                 "not {}",
                                 where, level.threshold));
      }
      if ((level.kind == LevelKind::kSameCity || level.kind == LevelKind::kSameCountry) &&
          !IsPlaceColumn(settings.columns[c])) {
        return error(fmt::format(
            "{}: the level '{}' compares places and needs a text column of role city or "
            "country; '{}' has role {}",
            where, ToString(level.kind), comparison.column, ToString(settings.columns[c].role)));
      }
      if (IsHandleLevel(level.kind) || level.kind == LevelKind::kBirthYear) {
        if (level.kind != LevelKind::kBirthYear && !IsHandleColumn(settings.columns[c])) {
          return error(fmt::format(
              "{}: the level '{}' reads a handle or email and needs a column of role handle or "
              "email; '{}' has role {}",
              where, ToString(level.kind), comparison.column, ToString(settings.columns[c].role)));
        }
        const int other = comparison.against.empty() ? -1 : settings.ColumnIndex(comparison.against);
        if (other < 0) {
          return error(fmt::format(
              "{}: the level '{}' compares '{}' against another column; name it with "
              "\"against\" (a column in 'columns'{})",
              where, ToString(level.kind), comparison.column,
              comparison.against.empty() ? "" : fmt::format(", not '{}'", comparison.against)));
        }
        if (level.kind != LevelKind::kBirthYear && !IsNameColumn(settings.columns[other])) {
          return error(fmt::format(
              "{}: the level '{}' compares a handle with a name, and \"against\" column '{}' has "
              "role {}, not given_name, family_name or full_name",
              where, ToString(level.kind), comparison.against,
              ToString(settings.columns[other].role)));
        }
      }
      if ((level.kind == LevelKind::kCorporateDomain || level.kind == LevelKind::kSameDomain) &&
          !(IsHandleColumn(settings.columns[c]) && settings.columns[c].role == ColumnRole::kEmail)) {
        return error(fmt::format("{}: the level '{}' needs an email column; '{}' has role {}",
                                 where, ToString(level.kind), comparison.column,
                                 ToString(settings.columns[c].role)));
      }
    }
    SAMEAS_RETURN_IF_ERROR(ValidateModelOptions(comparison, i, error));
  }
  if (!(settings.threshold >= 0 && settings.threshold <= 1)) {
    return error(fmt::format("threshold is a probability in [0, 1], not {}", settings.threshold));
  }
  if (settings.deterministic_recall &&
      !(*settings.deterministic_recall > 0 && *settings.deterministic_recall <= 1)) {
    return error(fmt::format("deterministic_recall is in (0, 1], not {}", *settings.deterministic_recall));
  }
  return absl::OkStatus();
}

}  // namespace sameas
