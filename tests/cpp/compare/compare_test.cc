// Comparison levels on realistic values: null wins over everything, then the first level that
// holds, in order: exact, similar names, dates a few days apart, a postcode with two digits
// swapped; else for the rest.
#include "sameas/compare/compare.h"

#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sameas {
namespace {

using ::testing::HasSubstr;

LevelSpec Level(LevelKind kind, double threshold = 0) { return LevelSpec{kind, threshold, ""}; }

// One table "crm" with an id and the given columns; each record i holds values[c][i].
struct Fixture {
  Table table;
  PreparedTable prepared;
};

Fixture MakeFixture(const std::vector<ColumnSettings>& columns,
                    const std::vector<std::vector<std::optional<std::string>>>& values) {
  Fixture f;
  f.table.source = "crm";
  f.table.origin = "crm.csv";
  f.table.columns.emplace_back("id");
  for (size_t i = 0; i < values[0].size(); ++i) f.table.columns[0].Append(std::to_string(i));
  for (size_t c = 0; c < columns.size(); ++c) {
    StringColumn column(columns[c].name);
    for (const auto& value : values[c]) {
      if (value) {
        column.Append(*value);
      } else {
        column.AppendNull();
      }
    }
    f.table.columns.push_back(std::move(column));
  }
  Settings settings;
  settings.id_column = "id";
  settings.columns = columns;
  auto prepared = Prepare({&f.table}, settings);
  EXPECT_TRUE(prepared.ok()) << prepared.status();
  if (prepared.ok()) f.prepared = *std::move(prepared);
  return f;
}

const std::vector<LevelSpec> kNameLevels = {
    Level(LevelKind::kNull), Level(LevelKind::kExact), Level(LevelKind::kJaroWinkler, 0.92),
    Level(LevelKind::kJaroWinkler, 0.8), Level(LevelKind::kElse)};
enum NameLevel : uint8_t { kNameNull, kNameExact, kNameVeryClose, kNameClose, kNameElse };

class NameLevels : public ::testing::Test {
 protected:
  void SetUp() override {
    fixture_ = MakeFixture({{"given_name", ColumnRole::kGivenName, ColumnType::kText, {}}},
                           {{"Katarzyna", "Katarzina", "KATARZYNA", std::nullopt, "Bartholomew",
                             "Katharina", "Łukasz", "Lukasz"}});
    auto comparer =
        Comparer::Create(fixture_.prepared, {{"given_name", "given_name", kNameLevels}});
    ASSERT_TRUE(comparer.ok()) << comparer.status();
    comparer_.emplace(*std::move(comparer));
  }
  uint8_t LevelOf(uint32_t a, uint32_t b) const { return comparer_->Level(0, a, b); }

  Fixture fixture_;
  std::optional<Comparer> comparer_;
};

TEST_F(NameLevels, NullWhenEitherSideIsNull) {
  EXPECT_EQ(LevelOf(0, 3), kNameNull);
  EXPECT_EQ(LevelOf(3, 0), kNameNull);
  EXPECT_EQ(LevelOf(3, 3), kNameNull);  // two unknowns are no evidence of a match
}

TEST_F(NameLevels, ExactAfterFolding) {
  EXPECT_EQ(LevelOf(0, 2), kNameExact);  // Katarzyna, KATARZYNA
  EXPECT_EQ(LevelOf(6, 7), kNameExact);  // Łukasz, Lukasz
}

TEST_F(NameLevels, OneLetterSpellingVariantIsVeryClose) {
  EXPECT_EQ(LevelOf(0, 1), kNameVeryClose);  // Katarzyna, Katarzina
  EXPECT_EQ(LevelOf(1, 0), kNameVeryClose);
}

TEST_F(NameLevels, RelatedNameIsClose) {
  const uint8_t level = LevelOf(0, 5);  // Katarzyna, Katharina
  EXPECT_TRUE(level == kNameClose || level == kNameVeryClose) << int(level);
  EXPECT_NE(level, kNameElse);
}

TEST_F(NameLevels, UnrelatedNameIsElse) {
  EXPECT_EQ(LevelOf(0, 4), kNameElse);  // Katarzyna, Bartholomew
  EXPECT_EQ(LevelOf(4, 6), kNameElse);  // Bartholomew, Łukasz
}

TEST_F(NameLevels, CompareAgreesWithLevelForEveryPair) {
  std::vector<uint32_t> left, right;
  for (uint32_t a = 0; a < 8; ++a) {
    for (uint32_t b = a + 1; b < 8; ++b) {
      left.push_back(a);
      right.push_back(b);
    }
  }
  ComparisonVectors vectors = comparer_->Compare(left, right);
  ASSERT_EQ(vectors.num_comparisons(), 1u);
  ASSERT_EQ(vectors.num_pairs(), left.size());
  for (size_t p = 0; p < left.size(); ++p) {
    EXPECT_EQ(vectors.levels[0][p], LevelOf(left[p], right[p])) << left[p] << "," << right[p];
  }
}

TEST(DateLevels, WithinDaysCountsCalendarDaysAcrossFormats) {
  Fixture f = MakeFixture({{"dob", ColumnRole::kBirthDate, ColumnType::kDate, {}}},
                          {{"1984-03-07", "07.03.1984", "1984-03-20", "1984-12-01", "1990-01-01",
                            "sometime in 1984", std::nullopt, "1984-02-29"}});
  auto comparer = Comparer::Create(
      f.prepared,
      {{"dob",
        "dob",
        {Level(LevelKind::kNull), Level(LevelKind::kExact), Level(LevelKind::kDateWithinDays, 30),
         Level(LevelKind::kDateWithinDays, 365), Level(LevelKind::kElse)}}});
  ASSERT_TRUE(comparer.ok()) << comparer.status();
  EXPECT_EQ(comparer->Level(0, 0, 1), 1);  // the same day, written two ways
  EXPECT_EQ(comparer->Level(0, 0, 2), 2);  // 13 days apart
  EXPECT_EQ(comparer->Level(0, 0, 3), 3);  // 269 days apart
  EXPECT_EQ(comparer->Level(0, 0, 4), 4);  // years apart
  EXPECT_EQ(comparer->Level(0, 0, 5), 4);  // an unparsed date is never within days
  EXPECT_EQ(comparer->Level(0, 0, 6), 0);  // null
  EXPECT_EQ(comparer->Level(0, 7, 0), 2);  // 29 Feb to 7 Mar 1984: 7 days, a leap year
}

TEST(EditDistanceLevels, TransposedDigitsFallInTheDamerauLevenshteinLevel) {
  Fixture f = MakeFixture({{"postcode", ColumnRole::kPostcode, ColumnType::kText, {}}},
                          {{"4011", "4101", "4012", "4110", "2600"}});
  auto comparer = Comparer::Create(
      f.prepared,
      {{"postcode",
        "postcode",
        {Level(LevelKind::kNull), Level(LevelKind::kExact), Level(LevelKind::kLevenshtein, 1),
         Level(LevelKind::kDamerauLevenshtein, 1), Level(LevelKind::kElse)}}});
  ASSERT_TRUE(comparer.ok()) << comparer.status();
  // 4011/4101 is one transposition: two Levenshtein edits, one Damerau-Levenshtein edit.
  EXPECT_EQ(comparer->Level(0, 0, 1), 3);
  EXPECT_EQ(comparer->Level(0, 1, 0), 3);
  EXPECT_EQ(comparer->Level(0, 0, 2), 2);  // one substitution
  EXPECT_EQ(comparer->Level(0, 0, 3), 4);  // two edits either way
  EXPECT_EQ(comparer->Level(0, 0, 4), 4);
  EXPECT_EQ(comparer->Level(0, 0, 0), 1);
}

TEST(EditDistanceLevels, DamerauLevenshteinAloneCatchesTransposition) {
  Fixture f = MakeFixture({{"postcode", ColumnRole::kPostcode, ColumnType::kText, {}}},
                          {{"4011", "4101", "4111"}});
  auto comparer = Comparer::Create(
      f.prepared, {{"postcode",
                    "postcode",
                    {Level(LevelKind::kNull), Level(LevelKind::kExact),
                     Level(LevelKind::kDamerauLevenshtein, 1), Level(LevelKind::kElse)}}});
  ASSERT_TRUE(comparer.ok()) << comparer.status();
  EXPECT_EQ(comparer->Level(0, 0, 1), 2);
  EXPECT_EQ(comparer->Level(0, 0, 2), 2);
  EXPECT_EQ(comparer->Level(0, 1, 2), 2);
}

TEST(Comparer, UnknownColumnIsAnErrorNamingIt) {
  Fixture f =
      MakeFixture({{"surname", ColumnRole::kFamilyName, ColumnType::kText, {}}}, {{"Nowak"}});
  auto comparer = Comparer::Create(f.prepared, {{"email", "email", kNameLevels}});
  ASSERT_FALSE(comparer.ok());
  EXPECT_THAT(std::string(comparer.status().message()), HasSubstr("'email'"));
}

// On an email column one edit is a typo only when the digits stay the same: namesakes number
// their addresses, and a changed or dropped number is another person's account.
TEST(EmailLevels, AnEditToTheDigitsIsAnotherAccount) {
  const std::vector<LevelSpec> levels = {Level(LevelKind::kNull), Level(LevelKind::kExact),
                                         Level(LevelKind::kDamerauLevenshtein, 1),
                                         Level(LevelKind::kElse)};
  const std::vector<std::optional<std::string>> emails = {
      "maria.toth52@freemail.hu", "maria.toth2@freemail.hu",  "maria.toth52@freemial.hu",
      "jozsef.horvath0@gmail.com", "jozsef.horvath@gmail.com", "jozef.horvath@gmail.com",
      "agnieszka.wisniewska@wp.pl", "agnieszka.wisniewsa@wp.pl"};
  for (ColumnRole role : {ColumnRole::kEmail, ColumnRole::kOther}) {
    Fixture f = MakeFixture({{"email", role, ColumnType::kText, {}}}, {emails});
    auto comparer = Comparer::Create(f.prepared, {{"email", "email", levels}});
    ASSERT_TRUE(comparer.ok()) << comparer.status();
    const bool email = role == ColumnRole::kEmail;
    EXPECT_EQ(comparer->Level(0, 0, 1), email ? 3 : 2);  // 52 -> 2
    EXPECT_EQ(comparer->Level(0, 3, 4), email ? 3 : 2);  // 0 -> none
    EXPECT_EQ(comparer->Level(0, 0, 2), 2);              // a typo in the domain
    EXPECT_EQ(comparer->Level(0, 4, 5), 2);              // a letter dropped
    EXPECT_EQ(comparer->Level(0, 6, 7), 2);
    EXPECT_EQ(comparer->Level(0, 0, 0), 1);
  }
}

// Jaro-Winkler on emails compares the local parts and the domains apart: a domain mistyped
// twice is still the address; the same name at another provider is a namesake, and a
// changed number another account.
TEST(EmailLevels, JaroWinklerComparesLocalPartAndDomainApart) {
  const std::vector<LevelSpec> levels = {Level(LevelKind::kNull), Level(LevelKind::kExact),
                                         Level(LevelKind::kDamerauLevenshtein, 1),
                                         Level(LevelKind::kJaroWinkler, 0.88),
                                         Level(LevelKind::kElse)};
  const std::vector<std::optional<std::string>> emails = {
      "henry.w@miller-mitchell.info", "henry.w@miller-mitheiln.lnfo",  // 0, 1: mistyped
      "anna.nowak@gmail.com", "anna.nowak@wp.pl",                        // 2, 3: namesakes
      "jan.kowalski@o2.pl", "jan.kowalski@wp.pl",                        // 4, 5: namesakes
      "zsofia.szabo12@freemail.hu", "zsofia.szabo21@freemail.hu",        // 6, 7: digits differ
      "oc34@phelps-harper.biz", "oc34@pheps-ha.perrbiz"};                // 8, 9: mistyped
  for (ColumnRole role : {ColumnRole::kEmail, ColumnRole::kOther}) {
    Fixture f = MakeFixture({{"email", role, ColumnType::kText, {}}}, {emails});
    auto comparer = Comparer::Create(f.prepared, {{"email", "email", levels}});
    ASSERT_TRUE(comparer.ok()) << comparer.status();
    const bool email = role == ColumnRole::kEmail;
    EXPECT_EQ(comparer->Level(0, 0, 1), 3);
    EXPECT_EQ(comparer->Level(0, 8, 9), 3);
    // As whole strings these are alike (Jaro-Winkler 0.94; one transposition); as emails not.
    EXPECT_EQ(comparer->Level(0, 2, 3), 4);
    EXPECT_EQ(comparer->Level(0, 4, 5), email ? 4 : 3);
    EXPECT_EQ(comparer->Level(0, 6, 7), email ? 4 : 2);
  }
}

// ---- Phones, dates and places (docs/contacts.md).

std::vector<LevelSpec> Levels(std::initializer_list<LevelSpec> middle) {
  std::vector<LevelSpec> levels = {Level(LevelKind::kNull)};
  levels.insert(levels.end(), middle.begin(), middle.end());
  levels.push_back(Level(LevelKind::kElse));
  return levels;
}

TEST(PhoneLevels, ExactOnE164ThenTrailingDigitsWhenTheCountryCodeIsLost) {
  ColumnSettings phone{"phone", ColumnRole::kPhone, ColumnType::kText, {}};
  phone.default_region = "PL";
  // 0: +48 697 725 942; 1: the same written nationally; 2: its country code lost in a
  // system that kept 9 digits ("697725942" read abroad, here as a German number would be
  // invalid, so kept as digits); 3: another subscriber sharing the last 7 digits; 4: a German
  // mobile; 5: invalid, too short.
  Fixture f = MakeFixture({phone}, {{"+48 697 725 942", "697-725-942", "0 697 725 942 ext",
                                     "+48 507 725 942", "+49 151 23456789", "725942"}});
  auto comparer = Comparer::Create(
      f.prepared, {{"phone", "phone",
                    Levels({Level(LevelKind::kExact), Level(LevelKind::kTrailingDigits, 9),
                            Level(LevelKind::kTrailingDigits, 7)})}});
  ASSERT_TRUE(comparer.ok()) << comparer.status();
  EXPECT_EQ(comparer->Level(0, 0, 1), 1);
  EXPECT_EQ(comparer->Level(0, 0, 2), 2);
  EXPECT_EQ(comparer->Level(0, 0, 3), 3);
  EXPECT_EQ(comparer->Level(0, 0, 4), 4);
  EXPECT_EQ(comparer->Level(0, 0, 5), 4);  // six digits never meet a seven-digit level
}

TEST(DateLevels, DayAndMonthSwappedIsALevelOfItsOwn) {
  Fixture f = MakeFixture({{"dob", ColumnRole::kBirthDate, ColumnType::kDate, {}}},
                          {{"1984-08-14", "1984-03-07", "07.03.1984", "1984-07-03", "1985-07-03",
                            "1984-03-03", "2000-01-12", "2000-12-01"}});
  auto comparer = Comparer::Create(
      f.prepared, {{"dob", "dob",
                    Levels({Level(LevelKind::kExact), Level(LevelKind::kDayMonthSwapped),
                            Level(LevelKind::kDateWithinDays, 365)})}});
  ASSERT_TRUE(comparer.ok()) << comparer.status();
  EXPECT_EQ(comparer->Level(0, 1, 2), 1);  // one day, two formats
  EXPECT_EQ(comparer->Level(0, 1, 3), 2);  // 7 March and 3 July
  EXPECT_EQ(comparer->Level(0, 2, 3), 2);
  EXPECT_EQ(comparer->Level(0, 1, 4), 4);  // swapped but a year apart: not the swap
  EXPECT_EQ(comparer->Level(0, 1, 5), 3);  // 3 March is no swap of 7 March
  EXPECT_EQ(comparer->Level(0, 0, 1), 3);
  EXPECT_EQ(comparer->Level(0, 6, 7), 2);  // 12 January and 1 December: 324 days, a swap
}

TEST(DateLevels, BirthYearAgainstFullDateAndYearAgainstYear) {
  // A CRM's date of birth and a social account's birth year in one column.
  Fixture f = MakeFixture({{"born", ColumnRole::kBirthDate, ColumnType::kDate, {}}},
                          {{"1984-03-07", "1984", "1985", "1990", "07.03.1984", "1984.0",
                            std::nullopt}});
  auto comparer = Comparer::Create(
      f.prepared, {{"born", "born",
                    Levels({Level(LevelKind::kExact), Level(LevelKind::kDateWithinDays, 365),
                            Level(LevelKind::kYearWithin, 0), Level(LevelKind::kYearWithin, 1)})}});
  ASSERT_TRUE(comparer.ok()) << comparer.status();
  EXPECT_EQ(comparer->Level(0, 0, 4), 1);  // full dates: exact
  EXPECT_EQ(comparer->Level(0, 0, 1), 3);  // 1984 against 1984-03-07: same year, not exact
  EXPECT_EQ(comparer->Level(0, 1, 5), 3);  // year against year, as a float column writes it
  EXPECT_EQ(comparer->Level(0, 1, 2), 4);  // one year off
  EXPECT_EQ(comparer->Level(0, 0, 2), 4);
  EXPECT_EQ(comparer->Level(0, 0, 3), 5);
  EXPECT_EQ(comparer->Level(0, 1, 6), 0);
  EXPECT_EQ(f.prepared.columns[0].years[1], 1984);
  EXPECT_EQ(f.prepared.columns[0].unparsed_dates, 0u);
}

TEST(PlaceLevels, ExactCityThenAliasThenCountry) {
  ColumnSettings city{"city", ColumnRole::kCity, ColumnType::kText, {}};
  Fixture f = MakeFixture({city}, {{"Warszawa", "Warsaw 🇵🇱", "WARSZAWA, Polska", "KRK",
                                    "Kraków", "Poland 🇵🇱", "Earth 🌍", "München / Munich",
                                    "Munich, Germany", "Kędzierzyn-Koźle"}});
  auto comparer = Comparer::Create(
      f.prepared, {{"city", "city",
                    Levels({Level(LevelKind::kExact), Level(LevelKind::kSameCity),
                            Level(LevelKind::kSameCountry)})}});
  ASSERT_TRUE(comparer.ok()) << comparer.status();
  EXPECT_EQ(comparer->Level(0, 0, 2), 1);  // Warszawa = WARSZAWA, Polska
  EXPECT_EQ(comparer->Level(0, 0, 1), 2);  // Warszawa / Warsaw: the exonym
  EXPECT_EQ(comparer->Level(0, 3, 4), 2);  // KRK / Kraków
  EXPECT_EQ(comparer->Level(0, 7, 8), 2);  // München / Munich, Munich
  EXPECT_EQ(comparer->Level(0, 0, 4), 3);  // two Polish cities
  EXPECT_EQ(comparer->Level(0, 0, 5), 3);  // a country only
  EXPECT_EQ(comparer->Level(0, 5, 5), 3);  // two country-only places are no exact city
  EXPECT_EQ(comparer->Level(0, 0, 6), 0);  // a vague location is null
  EXPECT_EQ(comparer->Level(0, 0, 7), 4);  // Warsaw / Munich
  EXPECT_EQ(comparer->Level(0, 0, 9), 4);  // an unknown city, no country known
  // The dictionary holds the city under its table name: blocking on it meets the exonyms.
  EXPECT_EQ(f.prepared.columns[0].codes[0], f.prepared.columns[0].codes[1]);
}

TEST(PlaceLevels, CountryColumnGivesAnUnknownCityItsCountry) {
  Table table;
  table.source = "crm";
  table.origin = "crm.csv";
  for (const char* name : {"id", "city", "country"}) table.columns.emplace_back(name);
  const std::vector<std::vector<std::string>> rows = {
      {"1", "Kędzierzyn-Koźle", "Polska"}, {"2", "Poland 🇵🇱", ""}, {"3", "Kędzierzyn-Koźle", "DE"}};
  for (const auto& row : rows) {
    for (size_t c = 0; c < 3; ++c) {
      if (row[c].empty()) {
        table.columns[c].AppendNull();
      } else {
        table.columns[c].Append(row[c]);
      }
    }
  }
  Settings settings;
  settings.id_column = "id";
  ColumnSettings city{"city", ColumnRole::kCity, ColumnType::kText, {}};
  city.country_columns = {"country"};
  settings.columns = {city};
  auto prepared = Prepare({&table}, settings);
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  auto comparer = Comparer::Create(
      *prepared, {{"city", "city",
                   Levels({Level(LevelKind::kExact), Level(LevelKind::kSameCity),
                           Level(LevelKind::kSameCountry)})}});
  ASSERT_TRUE(comparer.ok()) << comparer.status();
  EXPECT_EQ(comparer->Level(0, 0, 1), 3);
  EXPECT_EQ(comparer->Level(0, 2, 1), 4);
  EXPECT_EQ(comparer->Level(0, 0, 2), 1);  // the city as written agrees
}

TEST(PlaceLevels, PlaceLevelOnANonPlaceColumnIsAnError) {
  Fixture f = MakeFixture({{"surname", ColumnRole::kOther, ColumnType::kText, {}}}, {{"Nowak"}});
  auto comparer = Comparer::Create(
      f.prepared, {{"surname", "surname", Levels({Level(LevelKind::kSameCity)})}});
  ASSERT_FALSE(comparer.ok());
  EXPECT_THAT(std::string(comparer.status().message()), HasSubstr("place column"));
}

}  // namespace
}  // namespace sameas
