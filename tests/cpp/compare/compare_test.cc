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

}  // namespace
}  // namespace sameas
