// Settings: the JSON form round-trips, its errors name the file, the JSON path and the bad
// value; blocking rules parse and print; validation against tables names the missing column
// and the table that lacks it.
#include "sameas/settings/settings.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sameas/io/table.h"

namespace sameas {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

// A table with the given header and rows; std::nullopt is a null.
Table MakeTable(std::string source, const std::vector<std::string>& header,
                const std::vector<std::vector<std::optional<std::string>>>& rows) {
  Table table;
  table.source = source;
  table.origin = source + ".csv";
  for (const auto& name : header) table.columns.emplace_back(name);
  for (const auto& row : rows) {
    for (size_t c = 0; c < header.size(); ++c) {
      if (row[c]) {
        table.columns[c].Append(*row[c]);
      } else {
        table.columns[c].AppendNull();
      }
    }
  }
  return table;
}

LevelSpec Level(LevelKind kind, double threshold = 0, std::string label = "") {
  return LevelSpec{kind, threshold, std::move(label)};
}

// Settings that use every feature of the format: per-source inputs, every level kind and
// key transform, labels, non-default numbers.
Settings RichSettings() {
  Settings s;
  s.link_type = LinkType::kLinkAndDedupe;
  s.id_column = "customer_id";
  s.columns = {
      {"given_name", ColumnRole::kGivenName, ColumnType::kText, {}},
      {"surname", ColumnRole::kFamilyName, ColumnType::kText, {}},
      {"full_name",
       ColumnRole::kFullName,
       ColumnType::kText,
       {{"crm", {"first_name", "last_name"}}, {"social", {"display_name"}}}},
      {"dob", ColumnRole::kBirthDate, ColumnType::kDate, {}},
      {"postcode", ColumnRole::kPostcode, ColumnType::kText, {}},
      {"email", ColumnRole::kEmail, ColumnType::kText, {}},
  };
  BlockingRule by_name = *BlockingRule::Parse("surname & prefix(given_name, 1)");
  BlockingRule by_sound = *BlockingRule::Parse("soundex(surname) & year(dob)");
  BlockingRule by_tokens = *BlockingRule::Parse("first_token(full_name) & last_token(full_name)");
  s.blocking_rules = {by_name, by_sound, by_tokens};
  s.deterministic_rules = {*BlockingRule::Parse("email"),
                           *BlockingRule::Parse("given_name & surname & dob")};
  s.training_rules = {by_sound, *BlockingRule::Parse("postcode")};
  s.comparisons = {
      {"given name",
       "given_name",
       {Level(LevelKind::kNull), Level(LevelKind::kExact),
        Level(LevelKind::kJaroWinkler, 0.92, "very similar"), Level(LevelKind::kJaroWinkler, 0.8),
        Level(LevelKind::kElse)}},
      {"dob",
       "dob",
       {Level(LevelKind::kNull), Level(LevelKind::kExact), Level(LevelKind::kDamerauLevenshtein, 1),
        Level(LevelKind::kDateWithinDays, 365), Level(LevelKind::kElse)}},
      {"postcode",
       "postcode",
       {Level(LevelKind::kNull), Level(LevelKind::kLevenshtein, 2), Level(LevelKind::kElse)}},
  };
  s.deterministic_recall = 0.65;
  s.threshold = 0.95;
  s.max_pairs_per_rule = 12'345'678;
  s.max_block_size = 2500;
  s.block_window = 30;
  s.window_sort_columns = {"surname"};
  s.u_sample_pairs = 500'000;
  s.em_sample_pairs = 250'000;
  s.seed = 7;
  s.em_tolerance = 1e-6;
  s.em_max_iterations = 250;
  return s;
}

std::string ErrorOf(std::string_view json) {
  auto settings = SettingsFromJson(json, "team.json");
  return settings.ok() ? "<ok>" : std::string(settings.status().message());
}

// --- JSON -------------------------------------------------------------------------------

TEST(SettingsJson, RoundTripGivesTheSameJson) {
  const std::string json = SettingsToJson(RichSettings());
  auto read = SettingsFromJson(json, "rich.json");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(SettingsToJson(*read), json);
}

TEST(SettingsJson, RoundTripKeepsEveryField) {
  const Settings original = RichSettings();
  auto read = SettingsFromJson(SettingsToJson(original), "rich.json");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->link_type, LinkType::kLinkAndDedupe);
  EXPECT_EQ(read->id_column, "customer_id");
  ASSERT_EQ(read->columns.size(), original.columns.size());
  const ColumnSettings& full_name = read->columns[read->ColumnIndex("full_name")];
  EXPECT_EQ(full_name.role, ColumnRole::kFullName);
  EXPECT_EQ(full_name.InputsFor("crm"), (std::vector<std::string>{"first_name", "last_name"}));
  EXPECT_EQ(full_name.InputsFor("social"), (std::vector<std::string>{"display_name"}));
  EXPECT_EQ(full_name.InputsFor("other"), (std::vector<std::string>{"full_name"}));
  EXPECT_EQ(read->columns[read->ColumnIndex("dob")].type, ColumnType::kDate);
  ASSERT_EQ(read->blocking_rules.size(), 3u);
  EXPECT_EQ(read->blocking_rules[1].ToString(), "soundex(surname) & year(dob)");
  EXPECT_EQ(read->deterministic_rules.size(), 2u);
  EXPECT_EQ(read->training_rules.size(), 2u);
  ASSERT_EQ(read->comparisons.size(), 3u);
  EXPECT_EQ(read->comparisons[0].name, "given name");
  EXPECT_EQ(read->comparisons[0].levels[2].kind, LevelKind::kJaroWinkler);
  EXPECT_DOUBLE_EQ(read->comparisons[0].levels[2].threshold, 0.92);
  EXPECT_EQ(read->comparisons[0].levels[2].label, "very similar");
  EXPECT_EQ(read->comparisons[1].levels[3].kind, LevelKind::kDateWithinDays);
  EXPECT_DOUBLE_EQ(read->comparisons[1].levels[3].threshold, 365);
  EXPECT_EQ(read->comparisons[2].levels[1].kind, LevelKind::kLevenshtein);
  EXPECT_DOUBLE_EQ(read->deterministic_recall.value_or(0), 0.65);
  EXPECT_DOUBLE_EQ(read->threshold, 0.95);
  EXPECT_EQ(read->max_pairs_per_rule, 12'345'678u);
  EXPECT_EQ(read->max_block_size, 2500u);
  EXPECT_EQ(read->block_window, 30u);
  EXPECT_EQ(read->window_sort_columns, std::vector<std::string>{"surname"});
  EXPECT_EQ(read->u_sample_pairs, 500'000u);
  EXPECT_EQ(read->em_sample_pairs, 250'000u);
  EXPECT_EQ(read->seed, 7u);
  EXPECT_DOUBLE_EQ(read->em_tolerance, 1e-6);
  EXPECT_EQ(read->em_max_iterations, 250);
}

TEST(SettingsJson, PerSourceIdColumnsRoundTrip) {
  Settings settings = RichSettings();
  settings.source_id_columns = {{"crm", "customer_id"}, {"social", "account_id"}};
  const std::string json = SettingsToJson(settings);
  auto read = SettingsFromJson(json, "rich.json");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(SettingsToJson(*read), json);
  EXPECT_EQ(read->IdColumnFor("crm"), "customer_id");
  EXPECT_EQ(read->IdColumnFor("social"), "account_id");
}

TEST(SettingsJson, UnknownLevelTypeNamesItsPathAndValue) {
  const std::string json = R"({
    "id_column": "id",
    "columns": [{"name": "given_name"}, {"name": "surname"}],
    "blocking_rules": ["surname"],
    "comparisons": [
      {"column": "given_name", "levels": [{"type": "null"}, {"type": "exact"}, {"type": "else"}]},
      {"column": "surname", "levels": [{"type": "null"}, {"type": "exact"},
                                       {"type": "sounds_like"}, {"type": "else"}]}
    ]
  })";
  EXPECT_THAT(ErrorOf(json),
              AllOf(HasSubstr("team.json"), HasSubstr("comparisons[1].levels[2].type"),
                    HasSubstr("'sounds_like'")));
}

TEST(SettingsJson, UnknownTopLevelKeyIsNamed) {
  const std::string json = R"({"id_column": "id", "columns": [], "treshold": 0.8})";
  EXPECT_THAT(ErrorOf(json),
              AllOf(HasSubstr("team.json"), HasSubstr("treshold"), HasSubstr("unknown setting")));
}

TEST(SettingsJson, MissingIdColumnIsNamed) {
  const std::string json = R"({"columns": [{"name": "surname"}]})";
  EXPECT_THAT(ErrorOf(json),
              AllOf(HasSubstr("team.json"), HasSubstr("'id_column'"), HasSubstr("required")));
}

TEST(SettingsJson, UnknownRoleNamesItsPathAndValue) {
  const std::string json =
      R"({"id_column": "id", "columns": [{"name": "a"}, {"name": "nick", "role": "nickname"}]})";
  EXPECT_THAT(ErrorOf(json), AllOf(HasSubstr("columns[1].role"), HasSubstr("'nickname'")));
}

TEST(SettingsJson, BadBlockingRuleNamesItsIndex) {
  const std::string json = R"json({"id_column": "id", "columns": [{"name": "surname"}],
                                   "blocking_rules": ["surname", "metaphone(surname)"]})json";
  EXPECT_THAT(ErrorOf(json), AllOf(HasSubstr("blocking_rules[1]"), HasSubstr("metaphone")));
}

TEST(SettingsJson, WrongTypeNamesThePathAndValue) {
  const std::string json =
      R"({"id_column": "id", "columns": [{"name": "surname"}], "seed": "forty-two"})";
  EXPECT_THAT(ErrorOf(json), AllOf(HasSubstr("seed"), HasSubstr("\"forty-two\"")));
}

TEST(SettingsJson, InvalidJsonIsAnErrorNotACrash) {
  EXPECT_THAT(ErrorOf(R"({"id_column": "id", )"),
              AllOf(HasSubstr("team.json"), HasSubstr("not valid JSON")));
}

// --- Blocking rules ----------------------------------------------------------------------

TEST(BlockingRule, ColumnAndPrefixRoundTrip) {
  auto rule = BlockingRule::Parse("surname & prefix(given_name, 1)");
  ASSERT_TRUE(rule.ok()) << rule.status();
  ASSERT_EQ(rule->parts.size(), 2u);
  EXPECT_EQ(rule->parts[0].column, "surname");
  EXPECT_EQ(rule->parts[0].transform, KeyTransform::kExact);
  EXPECT_EQ(rule->parts[1].column, "given_name");
  EXPECT_EQ(rule->parts[1].transform, KeyTransform::kPrefix);
  EXPECT_EQ(rule->parts[1].length, 1);
  EXPECT_EQ(rule->ToString(), "surname & prefix(given_name, 1)");
}

TEST(BlockingRule, SoundexAndYearRoundTrip) {
  auto rule = BlockingRule::Parse("soundex(surname) & year(dob)");
  ASSERT_TRUE(rule.ok()) << rule.status();
  ASSERT_EQ(rule->parts.size(), 2u);
  EXPECT_EQ(rule->parts[0].transform, KeyTransform::kSoundex);
  EXPECT_EQ(rule->parts[0].column, "surname");
  EXPECT_EQ(rule->parts[1].transform, KeyTransform::kYear);
  EXPECT_EQ(rule->parts[1].column, "dob");
  EXPECT_EQ(rule->ToString(), "soundex(surname) & year(dob)");
}

TEST(BlockingRule, ParseToleratesSpacingAndPrintsCanonically) {
  auto rule = BlockingRule::Parse("  surname&prefix( given_name ,2 )  ");
  ASSERT_TRUE(rule.ok()) << rule.status();
  EXPECT_EQ(rule->ToString(), "surname & prefix(given_name, 2)");
}

TEST(BlockingRule, PrefixWithoutLengthIsAnError) {
  auto rule = BlockingRule::Parse("prefix(x)");
  ASSERT_FALSE(rule.ok());
  EXPECT_EQ(rule.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(rule.status().message()),
              AllOf(HasSubstr("prefix(x)"), HasSubstr("length")));
}

TEST(BlockingRule, UnknownFunctionIsNamed) {
  auto rule = BlockingRule::Parse("nonsense(x)");
  ASSERT_FALSE(rule.ok());
  EXPECT_EQ(rule.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(rule.status().message()),
              AllOf(HasSubstr("nonsense(x)"), HasSubstr("'nonsense'"), HasSubstr("soundex")));
}

TEST(BlockingRule, EmptyPartIsAnError) {
  EXPECT_FALSE(BlockingRule::Parse("surname & ").ok());
  EXPECT_FALSE(BlockingRule::Parse("soundex()").ok());
}

// --- Validation against tables -----------------------------------------------------------

Settings SurnameSettings() {
  Settings s;
  s.id_column = "id";
  s.columns = {{"surname", ColumnRole::kFamilyName, ColumnType::kText, {}}};
  s.blocking_rules = {*BlockingRule::Parse("surname")};
  s.comparisons = {{"surname",
                    "surname",
                    {Level(LevelKind::kNull), Level(LevelKind::kExact),
                     Level(LevelKind::kJaroWinkler, 0.9), Level(LevelKind::kElse)}}};
  return s;
}

TEST(ValidateSettings, AcceptsMatchingTable) {
  Table crm = MakeTable("crm", {"id", "surname"}, {{"1", "nowak"}, {"2", "kowalski"}});
  EXPECT_TRUE(ValidateSettings(SurnameSettings(), {&crm}).ok());
}

TEST(ValidateSettings, UnknownColumnNamesTheColumnAndTheTable) {
  Table crm = MakeTable("crm", {"id", "surname"}, {{"1", "nowak"}});
  Table social = MakeTable("social", {"id", "last_name"}, {{"a", "nowak"}});
  Settings s = SurnameSettings();
  s.link_type = LinkType::kLinkOnly;
  absl::Status status = ValidateSettings(s, {&crm, &social}, "team.json");
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()),
              AllOf(HasSubstr("team.json"), HasSubstr("'surname'"), HasSubstr("'social'"),
                    HasSubstr("social.csv"), HasSubstr("last_name")));
}

TEST(ValidateSettings, MissingIdColumnNamesTheTable) {
  Table crm = MakeTable("crm", {"customer", "surname"}, {{"1", "nowak"}});
  absl::Status status = ValidateSettings(SurnameSettings(), {&crm});
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), AllOf(HasSubstr("'id'"), HasSubstr("'crm'")));
}

TEST(ValidateSettings, BlockingRuleOnUnknownColumnIsNamed) {
  Table crm = MakeTable("crm", {"id", "surname"}, {{"1", "nowak"}});
  Settings s = SurnameSettings();
  s.blocking_rules.push_back(*BlockingRule::Parse("postcode"));
  absl::Status status = ValidateSettings(s, {&crm});
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()),
              AllOf(HasSubstr("blocking_rules[1]"), HasSubstr("'postcode'")));
}

TEST(ValidateSettings, LevelsNotStartingWithNullAreRejected) {
  Table crm = MakeTable("crm", {"id", "surname"}, {{"1", "nowak"}});
  Settings s = SurnameSettings();
  s.comparisons[0].levels.erase(s.comparisons[0].levels.begin());
  s.comparisons[0].levels.push_back(Level(LevelKind::kElse));  // still three or more
  absl::Status status = ValidateSettings(s, {&crm});
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()),
              AllOf(HasSubstr("comparisons[0]"), HasSubstr("start with null")));
}

TEST(ValidateSettings, LevelsNotEndingWithElseAreRejected) {
  Table crm = MakeTable("crm", {"id", "surname"}, {{"1", "nowak"}});
  Settings s = SurnameSettings();
  s.comparisons[0].levels.back() = Level(LevelKind::kJaroWinkler, 0.8);
  absl::Status status = ValidateSettings(s, {&crm});
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()),
              AllOf(HasSubstr("comparisons[0]"), HasSubstr("end with else")));
}

TEST(ValidateSettings, OutOfRangeJaroWinklerThresholdNamesTheLevel) {
  Table crm = MakeTable("crm", {"id", "surname"}, {{"1", "nowak"}});
  Settings s = SurnameSettings();
  s.comparisons[0].levels[2].threshold = 92;  // a percentage where a fraction belongs
  absl::Status status = ValidateSettings(s, {&crm});
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()),
              AllOf(HasSubstr("comparisons[0].levels[2]"), HasSubstr("92")));
}

TEST(ValidateSettings, YearOfATextColumnIsRejected) {
  Table crm = MakeTable("crm", {"id", "surname"}, {{"1", "nowak"}});
  Settings s = SurnameSettings();
  s.blocking_rules = {*BlockingRule::Parse("year(surname)")};
  absl::Status status = ValidateSettings(s, {&crm});
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("year() needs a date column"));
}

// --- Phones, dates and places -------------------------------------------------------------

TEST(SettingsJson, CountryColumnsRegionAndContactLevelsRoundTrip) {
  const std::string json = R"({
    "link_type": "link_and_dedupe",
    "id_column": {"crm": "customer_id", "social": "account_id"},
    "columns": [
      {"name": "phone", "role": "phone", "country_columns": ["country", "land"],
       "default_region": "PL"},
      {"name": "city", "role": "city", "country_columns": ["country"],
       "inputs": {"social": ["location"]}},
      {"name": "born", "role": "birth_date", "type": "date",
       "inputs": {"crm": ["date_of_birth"], "social": ["birth_year"]}},
      {"name": "platform", "role": "platform"}
    ],
    "blocking_rules": ["phone"],
    "comparisons": [
      {"column": "phone", "levels": [{"type": "null"}, {"type": "exact"},
        {"type": "trailing_digits", "threshold": 9}, {"type": "else"}]},
      {"column": "city", "levels": [{"type": "null"}, {"type": "exact"}, {"type": "same_city"},
        {"type": "same_country"}, {"type": "else"}]},
      {"column": "born", "levels": [{"type": "null"}, {"type": "exact"},
        {"type": "day_month_swapped"}, {"type": "year_within", "threshold": 0},
        {"type": "year_within", "threshold": 1}, {"type": "else"}]}
    ]
  })";
  auto read = SettingsFromJson(json, "contacts.json");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->columns[0].country_columns, (std::vector<std::string>{"country", "land"}));
  EXPECT_EQ(read->columns[0].default_region, "PL");
  EXPECT_EQ(read->columns[3].role, ColumnRole::kPlatform);
  EXPECT_EQ(read->comparisons[0].levels[2].kind, LevelKind::kTrailingDigits);
  EXPECT_EQ(DescribeLevel(read->comparisons[0].levels[2]), "last 9 digits");
  EXPECT_EQ(DescribeLevel(read->comparisons[2].levels[3]), "same year");
  const std::string written = SettingsToJson(*read);
  auto again = SettingsFromJson(written, "contacts.json");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(SettingsToJson(*again), written);
}

TEST(SettingsJson, DefaultRegionMustBeTwoCapitalLetters) {
  const std::string json = R"({"id_column": "id",
    "columns": [{"name": "phone", "role": "phone", "default_region": "Poland"}]})";
  auto read = SettingsFromJson(json, "team.json");
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(std::string(read.status().message()),
              AllOf(HasSubstr("columns[0].default_region"), HasSubstr("'Poland'")));
}

TEST(ValidateSettings, ContactLevelsNeedTheirKindOfColumn) {
  Table crm = MakeTable("crm", {"id", "surname"}, {{"1", "nowak"}});
  Settings s = SurnameSettings();
  s.comparisons[0].levels[2] = Level(LevelKind::kSameCity);
  EXPECT_THAT(std::string(ValidateSettings(s, {&crm}).message()),
              AllOf(HasSubstr("comparisons[0].levels[2]"), HasSubstr("role city or country")));
  s.comparisons[0].levels[2] = Level(LevelKind::kYearWithin, 1);
  EXPECT_THAT(std::string(ValidateSettings(s, {&crm}).message()),
              HasSubstr("year_within needs a date column"));
  s.comparisons[0].levels[2] = Level(LevelKind::kTrailingDigits, 30);
  EXPECT_THAT(std::string(ValidateSettings(s, {&crm}).message()),
              HasSubstr("trailing_digits takes a number of digits from 1 to 18, not 30"));
}

TEST(ValidateSettings, CountryColumnInNoTableIsNamed) {
  Table crm = MakeTable("crm", {"id", "surname"}, {{"1", "nowak"}});
  Settings s = SurnameSettings();
  s.columns[0].country_columns = {"kraj"};
  EXPECT_THAT(std::string(ValidateSettings(s, {&crm}).message()),
              AllOf(HasSubstr("'surname'"), HasSubstr("'kraj'")));
}

}  // namespace
}  // namespace sameas
