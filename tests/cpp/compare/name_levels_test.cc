// Name comparison levels on prepared names: each level with the pairs it is for, in Polish,
// German, Hungarian, Indonesian and English.
#include "sameas/compare/name_levels.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "sameas/compare/compare.h"
#include "sameas/io/table.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/settings/settings.h"

namespace sameas {
namespace {

// Every level kind a full name may fall in, in the order the automatic settings use.
const std::vector<LevelKind> kFullNameLevels = {
    LevelKind::kExactWithDiacritics, LevelKind::kExact,        LevelKind::kNickname,
    LevelKind::kGenderedFamily,      LevelKind::kSwappedOrder, LevelKind::kInitial,
    LevelKind::kGivenOnly,           LevelKind::kJaroWinkler,  LevelKind::kJaroWinkler,
    LevelKind::kFamilyOnly};

std::vector<LevelSpec> Levels(const std::vector<LevelKind>& kinds) {
  std::vector<LevelSpec> levels = {{LevelKind::kNull}};
  bool first_jw = true;
  for (LevelKind kind : kinds) {
    LevelSpec level{kind};
    if (kind == LevelKind::kJaroWinkler) {
      level.threshold = first_jw ? 0.92 : 0.8;
      first_jw = false;
    }
    levels.push_back(level);
  }
  levels.push_back({LevelKind::kElse});
  return levels;
}

// Two names in one column of role `role`, prepared; each side is one field, or two (given,
// family) when it has a '|' without a space beside it ("Jan|Kowalski", "|Banawi").
class NamePair {
 public:
  NamePair(std::string_view a, std::string_view b, ColumnRole role = ColumnRole::kFullName) {
    settings_.id_column = "id";
    ColumnSettings column;
    column.name = "name";
    column.role = role;
    for (auto [source, text] : {std::pair{"a", a}, std::pair{"b", b}}) {
      Table table;
      table.source = source;
      table.columns = {StringColumn("id")};
      table.columns[0].Append(source);
      const size_t bar = text.find('|');
      const bool spaced = bar != std::string_view::npos &&
                          ((bar > 0 && text[bar - 1] == ' ') || text.substr(bar + 1, 1) == " ");
      if (bar == std::string_view::npos || spaced) {
        table.columns.emplace_back("name");
        table.columns[1].Append(text);
      } else {
        table.columns.emplace_back("given");
        table.columns.emplace_back("family");
        table.columns[1].Append(text.substr(0, bar));
        table.columns[2].Append(text.substr(bar + 1));
        column.inputs[source] = {"given", "family"};
      }
      tables_.push_back(std::move(table));
    }
    settings_.columns = {column};
    std::vector<const Table*> tables = {&tables_[0], &tables_[1]};
    auto prepared = Prepare(tables, settings_);
    EXPECT_TRUE(prepared.ok()) << prepared.status();
    prepared_ = *std::move(prepared);
  }

  const PreparedColumn& column() const { return prepared_.columns[0]; }
  NameMatch Match() const { return MatchNames(column(), 0, 1); }

  // The first level of `kinds` the pair falls in, as the Comparer finds it.
  LevelKind FirstLevel(const std::vector<LevelKind>& kinds = kFullNameLevels) const {
    ComparisonSpec spec;
    spec.name = spec.column = "name";
    spec.levels = Levels(kinds);
    auto comparer = Comparer::Create(prepared_, {spec});
    EXPECT_TRUE(comparer.ok()) << comparer.status();
    const uint8_t level = comparer->Level(0, 0, 1);
    return spec.levels[level].kind;
  }

 private:
  Settings settings_;
  std::vector<Table> tables_;
  PreparedTable prepared_;
};

LevelKind Level(std::string_view a, std::string_view b) { return NamePair(a, b).FirstLevel(); }

// ---- exact

TEST(NameComparisonLevels, ExactWithDiacriticsAboveFolded) {
  EXPECT_EQ(Level("Łukasz|Wójcik", "Łukasz Wójcik"), LevelKind::kExactWithDiacritics);
  EXPECT_EQ(Level("Łukasz|Wójcik", "Lukasz Wojcik"), LevelKind::kExact);
  EXPECT_EQ(Level("József|Németh", "NÉMETH József"), LevelKind::kExactWithDiacritics);
  EXPECT_EQ(Level("Jozsef|Nemeth", "József|Németh"), LevelKind::kExact);
}

TEST(NameComparisonLevels, DecorationsDoNotStopAnExactMatch) {
  EXPECT_EQ(Level("Bruno|Danisz", "Bruno Danisz | Sprzedaż"), LevelKind::kExactWithDiacritics);
  EXPECT_EQ(Level("Patrik|Scholz", "Patrik Scholz, MBA"), LevelKind::kExactWithDiacritics);
  EXPECT_EQ(Level("Jan|Kowalski", "Kowalski, Jan"), LevelKind::kExactWithDiacritics);
  EXPECT_EQ(Level("Jan|Kowalski", "Dr. Jan Kowalski"), LevelKind::kExactWithDiacritics);
}

TEST(NameComparisonLevels, GermanFoldingBesidePlainFolding) {
  // Müller matches Mueller (German) and Muller (plain); Mueller and Muller do not meet.
  EXPECT_EQ(Level("Jürgen|Müller", "Juergen Mueller"), LevelKind::kExact);
  EXPECT_EQ(Level("Jürgen|Müller", "Jurgen Muller"), LevelKind::kExact);
  EXPECT_NE(Level("Juergen|Mueller", "Jurgen Muller"), LevelKind::kExact);
  EXPECT_EQ(Level("Stephanie|Waehner", "Stephanie|Wähner"), LevelKind::kExact);
}

TEST(NameComparisonLevels, IndonesianOldSpellingsAndMuhammad) {
  EXPECT_EQ(Level("Soekarno", "Sukarno"), LevelKind::kExact);
  EXPECT_EQ(Level("Djoko|Widodo", "Joko Widodo"), LevelKind::kExact);
  EXPECT_EQ(Level("Soetjipto|Wirjo", "Sucipto Wiryo"), LevelKind::kExact);
  EXPECT_EQ(Level("Mohammad|Hatta", "Muhammad Hatta"), LevelKind::kExact);
  EXPECT_EQ(Level("Moh. Rizki", "Muhammad Rizki"), LevelKind::kExact);
  EXPECT_EQ(Level("Achmad|Yani", "Ahmad Yani"), LevelKind::kExact);
  // M. is an initial.
  EXPECT_EQ(Level("M. Rizki", "Muhammad Rizki"), LevelKind::kInitial);
}

// ---- nicknames and middle names

TEST(NameComparisonLevels, NicknamesWithTheSameFamilyName) {
  EXPECT_EQ(Level("Katarzyna|Nowak", "Kasia Nowak"), LevelKind::kNickname);
  EXPECT_EQ(Level("Aleksander|Wiśniewski", "Olek Wiśniewski"), LevelKind::kNickname);
  EXPECT_EQ(Level("Robert|Roberts", "Bob|Roberts"), LevelKind::kNickname);
  EXPECT_EQ(Level("Elizabeth|Taylor", "Liz Taylor"), LevelKind::kNickname);
  EXPECT_EQ(Level("Johannes|Becker", "Hans Becker"), LevelKind::kNickname);
  EXPECT_EQ(Level("Josef|Huber", "Sepp Huber"), LevelKind::kNickname);
  EXPECT_EQ(Level("István|Kovács", "Pista Kovács"), LevelKind::kNickname);
  EXPECT_EQ(Level("László|Nagy", "Laci Nagy"), LevelKind::kNickname);
}

TEST(NameComparisonLevels, MiddleNameOnOneSide) {
  EXPECT_EQ(Level("Anna Maria|Nowak", "Anna Nowak"), LevelKind::kNickname);
  EXPECT_EQ(Level("Muhammad Rizki|Pratama", "Rizki Pratama"), LevelKind::kNickname);
}

TEST(NameComparisonLevels, NicknameNeedsTheSameFamilyName) {
  EXPECT_NE(Level("Katarzyna|Nowak", "Kasia Kowalska"), LevelKind::kNickname);
}

TEST(NameComparisonLevels, CompoundFamilyName) {
  EXPECT_EQ(Level("Anna|Nowak-Kowalska", "Anna Kowalska"), LevelKind::kNickname);
  EXPECT_EQ(Level("Ludwig|van Beethoven", "Ludwig Beethoven"), LevelKind::kNickname);
  // Particles alone are no common word.
  EXPECT_NE(Level("Anna|van Dijk", "Anna van Berg"), LevelKind::kNickname);
}

// ---- gendered family names

TEST(NameComparisonLevels, PolishGenderedFamilyNames) {
  EXPECT_EQ(Level("Anna|Kowalski", "Anna Kowalska"), LevelKind::kGenderedFamily);
  EXPECT_EQ(Level("Ewa|Nowicki", "Ewa Nowicka"), LevelKind::kGenderedFamily);
  EXPECT_EQ(Level("Kasia|Zawadzki", "Katarzyna Zawadzka"), LevelKind::kGenderedFamily);
  EXPECT_EQ(NamePair("Kowalski", "Kowalska", ColumnRole::kFamilyName)
                .FirstLevel({LevelKind::kExact, LevelKind::kGenderedFamily}),
            LevelKind::kGenderedFamily);
}

// ---- order

TEST(NameComparisonLevels, SwappedOrder) {
  EXPECT_EQ(Level("Edit|Nagy", "Nagy Edit"), LevelKind::kSwappedOrder);
  EXPECT_EQ(Level("Tamás|Juhász", "Juhász Tamás"), LevelKind::kSwappedOrder);
  EXPECT_EQ(Level("Szabó|Csaba", "Csaba|Szabó"), LevelKind::kSwappedOrder);
  // With a nickname, and with a typo on one side.
  EXPECT_EQ(Level("Katalin|Nagy", "Nagy Kati"), LevelKind::kSwappedOrder);
  EXPECT_EQ(Level("oKvacs|Anna", "Anna|Kovács"), LevelKind::kSwappedOrder);
  // Capitals say which is the family name: no swap needed.
  EXPECT_EQ(Level("Edit|Molnár", "MOLNÁR Edit"), LevelKind::kExactWithDiacritics);
}

// ---- initials

TEST(NameComparisonLevels, InitialOfTheGivenName) {
  EXPECT_EQ(Level("Katarzyna|Nowak", "K. Nowak"), LevelKind::kInitial);
  EXPECT_EQ(Level("John Ronald|Tolkien", "J.R. Tolkien"), LevelKind::kInitial);
  EXPECT_NE(Level("Katarzyna|Nowak", "M. Nowak"), LevelKind::kInitial);
}

TEST(NameComparisonLevels, InitialOfTheFamilyName) {
  EXPECT_EQ(Level("Katarzyna|Nowak", "Kasia N. ✨"), LevelKind::kInitial);
  EXPECT_EQ(Level("Rüdiger|Schleich", "Rüdiger S. ☀️"), LevelKind::kInitial);
  EXPECT_EQ(Level("Georgia|Taylor", "Georgia T. ✨"), LevelKind::kInitial);
  EXPECT_NE(Level("Georgia|Taylor", "Georgia W."), LevelKind::kInitial);
}

TEST(NameComparisonLevels, AWrongInitialIsNotCloseByJaroWinkler) {
  // "emma p" and "emma kiraly" share a long prefix, but P is not Király.
  EXPECT_EQ(Level("Emma|Király", "Emma P. 💫"), LevelKind::kElse);
}

// ---- mononyms, one part only

TEST(NameComparisonLevels, MononymsAndTheSameNameTwice) {
  EXPECT_EQ(Level("Banawi|Banawi", "Banawi"), LevelKind::kExactWithDiacritics);
  EXPECT_EQ(Level("|Banawi", "Banawi 🌿"), LevelKind::kExactWithDiacritics);
  EXPECT_EQ(Level("Pandu|Dongoran", "Pandu"), LevelKind::kGivenOnly);
  EXPECT_EQ(Level("Alexander|Wilson", "Alex"), LevelKind::kGivenOnly);
  EXPECT_EQ(Level("Justyna|Wołodźko", "Justyna"), LevelKind::kGivenOnly);
}

TEST(NameComparisonLevels, FamilyOnly) {
  EXPECT_EQ(Level("Jan|Kowalski", "Anna Kowalski"), LevelKind::kFamilyOnly);
  EXPECT_EQ(Level("Jan|Kowalski", "Anna Kowalska"), LevelKind::kFamilyOnly);
  EXPECT_EQ(Level("Jan|Kowalski", "Kowalski"), LevelKind::kFamilyOnly);
}

// ---- Jaro-Winkler on parts

TEST(NameComparisonLevels, JaroWinklerLevelsComparePartByPart) {
  EXPECT_EQ(Level("Jeessie|Sullivan", "Jessica Sullivan"), LevelKind::kJaroWinkler);
  EXPECT_EQ(Level("Marcin|Jasrtzębski", "Marcin|Jastrzębski"), LevelKind::kJaroWinkler);
  // A long common given name does not make different family names close.
  EXPECT_EQ(Level("Monika|Makurat", "Monika Stark"), LevelKind::kElse);
  EXPECT_LT(NameJaroWinkler(NamePair("Monika|Makurat", "Monika Stark").column(), 0, 1), 0.8);
}

TEST(NameComparisonLevels, DifferentPeople) {
  EXPECT_EQ(Level("Katarzyna|Nowak", "Piotr Zieliński"), LevelKind::kElse);
  EXPECT_EQ(Level("Sándor|Horváth", "Imre Kiss"), LevelKind::kElse);
}

// ---- columns of one part

TEST(NameComparisonLevels, GivenNameColumn) {
  const std::vector<LevelKind> kinds = {LevelKind::kExactWithDiacritics, LevelKind::kExact,
                                        LevelKind::kNickname, LevelKind::kInitial,
                                        LevelKind::kJaroWinkler};
  auto level = [&](std::string_view a, std::string_view b) {
    return NamePair(a, b, ColumnRole::kGivenName).FirstLevel(kinds);
  };
  EXPECT_EQ(level("Kasia", "Katarzyna"), LevelKind::kNickname);
  EXPECT_EQ(level("Anna Maria", "Anna"), LevelKind::kNickname);
  EXPECT_EQ(level("J.", "John"), LevelKind::kInitial);
  EXPECT_EQ(level("Łukasz", "Lukasz"), LevelKind::kExact);
  EXPECT_EQ(level("Jeessie", "Jessie"), LevelKind::kJaroWinkler);
}

// ---- relation

TEST(MatchNames, PartsAreRelatedOneByOne) {
  NameMatch m = NamePair("Katarzyna|Nowak", "Kasia N.").Match();
  EXPECT_EQ(m.given, PartMatch::kNickname);
  EXPECT_EQ(m.family, PartMatch::kInitial);
  EXPECT_FALSE(m.whole_folded);
  m = NamePair("Anna|Kowalski", "Anna Kowalska").Match();
  EXPECT_EQ(m.given, PartMatch::kExactWithDiacritics);
  EXPECT_EQ(m.family, PartMatch::kGendered);
  m = NamePair("Pandu|Dongoran", "Pandu").Match();
  EXPECT_EQ(m.family, PartMatch::kOneMissing);
}

TEST(Comparer, NameLevelOnANonNameColumnIsAnError) {
  Table table;
  table.source = "t";
  table.columns = {StringColumn("id"), StringColumn("city")};
  table.columns[0].Append("1");
  table.columns[1].Append("Kraków");
  Settings settings;
  settings.id_column = "id";
  settings.columns = {{"city", ColumnRole::kCity}};
  auto prepared = Prepare({&table}, settings);
  ASSERT_TRUE(prepared.ok());
  ComparisonSpec spec;
  spec.name = spec.column = "city";
  spec.levels = Levels({LevelKind::kNickname});
  auto comparer = Comparer::Create(*prepared, {spec});
  ASSERT_FALSE(comparer.ok());
  EXPECT_NE(std::string(comparer.status().message()).find("needs a name column"),
            std::string::npos);
}

}  // namespace
}  // namespace sameas
