// Name parsing, spelling variants, gendered stems and nickname tables, with names as they are
// written in Poland, Germany, Hungary, Indonesia and Britain.
#include "sameas/prepare/names.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sameas/io/table.h"
#include "sameas/prepare/prepared_table.h"

namespace sameas {
namespace {

std::vector<std::string> Folded(const std::vector<NameToken>& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens) out.push_back(t.folded);
  return out;
}

using Words = std::vector<std::string>;

// ---- decorations, titles, suffixes

TEST(ParseName, PlainGivenThenFamily) {
  ParsedName name = ParseName("Katarzyna Nowak");
  EXPECT_EQ(Folded(name.given), Words({"katarzyna"}));
  EXPECT_EQ(Folded(name.family), Words({"nowak"}));
  EXPECT_FALSE(name.family_first);
  EXPECT_FALSE(name.mononym);
  EXPECT_EQ(name.Folded(), "katarzyna nowak");
}

TEST(ParseName, EmojiAndTrailingDecorationsAreDropped) {
  EXPECT_EQ(ParseName("Kasia N. ✨").Folded(), "kasia n");
  EXPECT_EQ(ParseName("Rüdiger S. ☀️").Folded(), "rudiger s");
  EXPECT_EQ(ParseName("🌸 Kornelia Sowała 🌸").Folded(), "kornelia sowala");
  EXPECT_EQ(ParseName("Bruno Danisz | Sprzedaż").Folded(), "bruno danisz");
  EXPECT_EQ(ParseName("Nurul | Content Creator").Folded(), "nurul");
  EXPECT_EQ(ParseName("Jan Kowalski - CEO").Folded(), "jan kowalski");
  EXPECT_EQ(ParseName("Jan Kowalski – Marketing").Folded(), "jan kowalski");
  EXPECT_EQ(ParseName("Anna Nowak (she/her)").Folded(), "anna nowak");
  EXPECT_EQ(ParseName("Jan Kowalski @ ACME").Folded(), "jan kowalski");
  EXPECT_EQ(ParseName("Robert \"Bob\" Smith").Folded(), "robert smith");
  EXPECT_EQ(ParseName("Georgia Taylor 94").Folded(), "georgia taylor");
}

TEST(ParseName, DecorationsAloneLeaveNoName) {
  EXPECT_TRUE(ParseName("✨").empty());
  EXPECT_TRUE(ParseName("").empty());
  EXPECT_TRUE(ParseName("  | 🌍 ").empty());
  EXPECT_TRUE(ParseName("1984").empty());
}

TEST(ParseName, TitlesAreRemovedFromTheFront) {
  EXPECT_EQ(ParseName("Dr. Anna Schmidt").Folded(), "anna schmidt");
  EXPECT_EQ(ParseName("Prof. dr hab. inż. Jan Kowalski").Folded(), "jan kowalski");
  EXPECT_EQ(ParseName("Mgr Ewa Wójcik").Folded(), "ewa wojcik");
  EXPECT_EQ(ParseName("Dr. med. Hans Müller").Folded(), "hans muller");
  EXPECT_EQ(ParseName("Herr Dipl.-Ing. Klaus Becker").Folded(), "klaus becker");
  EXPECT_EQ(ParseName("Frau Ingrid Weber").Folded(), "ingrid weber");
  EXPECT_EQ(ParseName("Pani Dorota Grabowska").Folded(), "dorota grabowska");
  EXPECT_EQ(ParseName("Bapak Bambang Susilo").Folded(), "bambang susilo");
  EXPECT_EQ(ParseName("Ibu Sri Wahyuni").Folded(), "sri wahyuni");
  EXPECT_EQ(ParseName("ifj. Kovács János").Folded(), "kovacs janos");
  EXPECT_EQ(ParseName("Mr John Smith").Folded(), "john smith");
}

TEST(ParseName, ATitleAloneIsKept) {
  // "Pan" alone is more likely a name than an empty record.
  EXPECT_EQ(ParseName("Pan").Folded(), "pan");
}

TEST(ParseName, SuffixesAreRemovedFromTheBack) {
  EXPECT_EQ(ParseName("John Smith Jr.").Folded(), "john smith");
  EXPECT_EQ(ParseName("John Smith III").Folded(), "john smith");
  EXPECT_EQ(ParseName("Patrik Scholz, MBA").Folded(), "patrik scholz");
  EXPECT_EQ(ParseName("Jane Doe PhD").Folded(), "jane doe");
  EXPECT_EQ(ParseName("Budi Santoso, S.Kom., M.T.").Folded(), "budi santoso");
  EXPECT_EQ(ParseName("Dewi Lestari, S.H.").Folded(), "dewi lestari");
  EXPECT_EQ(ParseName("Ahmad Fauzi S.E.").Folded(), "ahmad fauzi");
}

TEST(ParseName, ShortDegreesThatAreNamesStayWithoutACommaOrPeriod) {
  // "Ma" is a family name; "MA" after a comma is a degree.
  EXPECT_EQ(Folded(ParseName("Jun Ma").family), Words({"ma"}));
  EXPECT_EQ(ParseName("Jane Doe, MA").Folded(), "jane doe");
}

// ---- order

TEST(ParseName, FamilyCommaGiven) {
  ParsedName name = ParseName("Kowalski, Jan");
  EXPECT_EQ(Folded(name.given), Words({"jan"}));
  EXPECT_EQ(Folded(name.family), Words({"kowalski"}));
  EXPECT_TRUE(name.family_first);
  EXPECT_EQ(name.Folded(), "jan kowalski");
  EXPECT_EQ(ParseName("Nowak-Kowalska, Anna Maria").Folded(), "anna maria nowak kowalska");
}

TEST(ParseName, AllCapsWordIsTheFamilyName) {
  ParsedName name = ParseName("KOWALSKI Jan");
  EXPECT_EQ(Folded(name.given), Words({"jan"}));
  EXPECT_EQ(Folded(name.family), Words({"kowalski"}));
  EXPECT_TRUE(name.family_first);
  EXPECT_EQ(ParseName("NÉMETH József").Folded(), "jozsef nemeth");
  EXPECT_EQ(ParseName("Anna Maria NOWAK-KOWALSKA").Folded(), "anna maria nowak kowalska");
  EXPECT_FALSE(ParseName("Jan KOWALSKI").family_first);
  EXPECT_EQ(ParseName("Jan KOWALSKI").Folded(), "jan kowalski");
}

TEST(ParseName, AllCapsThroughoutSaysNothingAboutOrder) {
  ParsedName name = ParseName("JAN KOWALSKI");
  EXPECT_EQ(Folded(name.given), Words({"jan"}));
  EXPECT_EQ(Folded(name.family), Words({"kowalski"}));
  EXPECT_FALSE(name.family_first);
}

TEST(ParseName, HungarianOrderWithoutAMarkIsReadAsWritten) {
  // Nothing tells "Nagy Edit" from "Edit Nagy"; comparisons try the swap (swapped_order).
  ParsedName name = ParseName("Nagy Edit");
  EXPECT_EQ(Folded(name.given), Words({"nagy"}));
  EXPECT_EQ(Folded(name.family), Words({"edit"}));
}

TEST(ParseName, MiddleNames) {
  ParsedName name = ParseName("Anna Maria Teresa Nowak");
  EXPECT_EQ(Folded(name.given), Words({"anna", "maria", "teresa"}));
  EXPECT_EQ(Folded(name.family), Words({"nowak"}));
}

TEST(ParseName, ParticlesBelongToTheFamilyName) {
  ParsedName name = ParseName("Ludwig van Beethoven");
  EXPECT_EQ(Folded(name.given), Words({"ludwig"}));
  EXPECT_EQ(Folded(name.family), Words({"van", "beethoven"}));
  EXPECT_TRUE(name.family[0].particle);
  EXPECT_FALSE(name.family[1].particle);
  EXPECT_EQ(Folded(ParseName("Ahmad bin Salim").family), Words({"bin", "salim"}));
  EXPECT_EQ(Folded(ParseName("Maria da Silva").family), Words({"da", "silva"}));
}

// ---- initials, compound names

TEST(ParseName, Initials) {
  ParsedName k = ParseName("K. Nowak");
  ASSERT_EQ(k.given.size(), 1u);
  EXPECT_TRUE(k.given[0].initial);
  EXPECT_EQ(k.given[0].folded, "k");
  ParsedName kasia = ParseName("Kasia N.");
  ASSERT_EQ(kasia.family.size(), 1u);
  EXPECT_TRUE(kasia.family[0].initial);
  EXPECT_FALSE(kasia.given[0].initial);
  ParsedName jk = ParseName("J.K. Rowling");
  EXPECT_EQ(Folded(jk.given), Words({"j", "k"}));
  EXPECT_TRUE(jk.given[0].initial && jk.given[1].initial);
  EXPECT_EQ(Folded(jk.family), Words({"rowling"}));
}

TEST(ParseName, AbbreviationIsNotAnInitial) {
  ParsedName name = ParseName("Moh. Rizki");
  EXPECT_EQ(name.given[0].folded, "moh");
  EXPECT_FALSE(name.given[0].initial);
}

TEST(ParseName, HyphenatedNamesSplitIntoWords) {
  EXPECT_EQ(Folded(ParseName("Anna Nowak-Kowalska").family), Words({"nowak", "kowalska"}));
  EXPECT_EQ(Folded(ParseName("Friedrich-Karl Görlitz").given), Words({"friedrich", "karl"}));
  EXPECT_EQ(ParseName("Seán O'Brien").Folded(), "sean obrien");
}

// ---- mononyms

TEST(ParseName, OneWordIsAMononym) {
  ParsedName name = ParseName("Banawi");
  EXPECT_TRUE(name.mononym);
  EXPECT_EQ(Folded(name.given), Words({"banawi"}));
  EXPECT_TRUE(name.family.empty());
  EXPECT_TRUE(ParseName("Dinda 📸").mononym);
}

TEST(ParseName, TheSameNameTwiceIsAMononym) {
  ParsedName name = ParseName("Banawi Banawi");
  EXPECT_TRUE(name.mononym);
  EXPECT_EQ(name.Folded(), "banawi");
}

TEST(ParseNameParts, GivenAndFamilyFields) {
  ParsedName name = ParseNameParts("Katarzyna", "Nowak");
  EXPECT_EQ(Folded(name.given), Words({"katarzyna"}));
  EXPECT_EQ(Folded(name.family), Words({"nowak"}));
  // Hungarian CRM exports put the family name in first_name; nothing marks it.
  EXPECT_EQ(Folded(ParseNameParts("Nagy", "Edit").given), Words({"nagy"}));
}

TEST(ParseNameParts, MononymsInEitherFieldOrBoth) {
  EXPECT_TRUE(ParseNameParts("Banawi", "Banawi").mononym);
  EXPECT_EQ(ParseNameParts("Banawi", "Banawi").Folded(), "banawi");
  ParsedName in_family = ParseNameParts("", "Banawi");
  EXPECT_TRUE(in_family.mononym);
  EXPECT_EQ(Folded(in_family.given), Words({"banawi"}));
  EXPECT_TRUE(ParseNameParts("Nurul", "").mononym);
}

TEST(ParseNameParts, TitlesAndCapitalsInFields) {
  EXPECT_EQ(ParseNameParts("Dr. Jan", "Kowalski Jr.").Folded(), "jan kowalski");
  // The family name in capitals in the given-name field: swapped back.
  ParsedName name = ParseNameParts("KOWALSKI", "Jan");
  EXPECT_EQ(Folded(name.family), Words({"kowalski"}));
  EXPECT_TRUE(name.family_first);
  // A family name in capitals where it belongs changes nothing.
  EXPECT_EQ(ParseNameParts("Edit", "MOLNÁR").Folded(), "edit molnar");
}

TEST(ParseName, GivenAndFamilyFieldsKeepEveryWord) {
  EXPECT_EQ(Folded(ParseName("Anna Maria", NameField::kGiven).given), Words({"anna", "maria"}));
  ParsedName family = ParseName("van der Berg", NameField::kFamily);
  EXPECT_EQ(Folded(family.family), Words({"van", "der", "berg"}));
  EXPECT_TRUE(family.given.empty());
}

// ---- forms

TEST(NameToken, DiacriticsAndGermanForms) {
  ParsedName name = ParseName("Jürgen Müller");
  EXPECT_EQ(name.family[0].folded, "muller");
  EXPECT_EQ(name.family[0].diacritics, "müller");
  EXPECT_EQ(name.family[0].german, "mueller");
  EXPECT_EQ(name.WithDiacritics(), "jürgen müller");
  // ß is "ss" both ways; Polish letters have no German form.
  EXPECT_EQ(ParseName("Weiß").given[0].german, "");
  EXPECT_EQ(ParseName("Łukasz Wójcik").family[0].german, "");
  EXPECT_EQ(ParseName("Łukasz Wójcik").WithDiacritics(), "łukasz wójcik");
}

TEST(NameToken, AnyScriptIsTransliterated) {
  EXPECT_EQ(ParseName("Дмитрий Иванов").Folded(), "dmitrij ivanov");
  EXPECT_EQ(Folded(ParseName("Ελένη Παπαδοπούλου").family), Words({"papadopoulou"}));
}

// ---- spelling variants

TEST(RespellName, IndonesianSpellingBefore1972) {
  EXPECT_EQ(RespellName("soekarno"), "sukarno");
  EXPECT_EQ(RespellName("djoko"), "joko");
  EXPECT_EQ(RespellName("tjipto"), "cipto");
  EXPECT_EQ(RespellName("soetjipto"), "sucipto");
  EXPECT_EQ(RespellName("djojohadikusumo"), "joyohadikusumo");
  EXPECT_EQ(RespellName("sjahrir"), "syahrir");
  EXPECT_EQ(RespellName("pudjiastuti"), "pujiastuti");
  // Without another old spelling, j stays j: Jusuf and Joko are written so today too.
  EXPECT_EQ(RespellName("joko"), "joko");
  EXPECT_EQ(RespellName("jusuf"), "jusuf");
  EXPECT_EQ(RespellName("sukarno"), "sukarno");
  // Another word of the name in the old spelling: j -> y here too (Soetjipto Wirjo).
  EXPECT_EQ(RespellName("wirjo", /*old_name=*/true), "wiryo");
}

TEST(RespellName, MuhammadAndAhmadVariants) {
  for (const char* v : {"mohammad", "mohammed", "muhamad", "mochammad", "moh", "muh", "mhd"}) {
    EXPECT_EQ(RespellName(v), "muhammad") << v;
  }
  EXPECT_EQ(RespellName("muhammad"), "muhammad");
  EXPECT_EQ(RespellName("achmad"), "ahmad");
}

TEST(FamilyStem, PolishGenderedEndings) {
  EXPECT_EQ(FamilyStem("kowalska"), "kowalski");
  EXPECT_EQ(FamilyStem("kowalski"), "kowalski");
  EXPECT_EQ(FamilyStem("nowicka"), "nowicki");
  EXPECT_EQ(FamilyStem("zawadzka"), "zawadzki");
  EXPECT_EQ(FamilyStem("czarna"), "czarny");
  EXPECT_EQ(FamilyStem("czarny"), "czarny");
}

TEST(FamilyStem, OtherEndingsAreLeftAlone) {
  EXPECT_EQ(FamilyStem("nowak"), "nowak");
  EXPECT_EQ(FamilyStem("malina"), "malina");    // -na after a vowel
  EXPECT_EQ(FamilyStem("permana"), "permana");  // Indonesian
  EXPECT_EQ(FamilyStem("ska"), "ska");          // too short to have an ending
}

TEST(FamilyStem, RussianAndCzechFeminines) {
  EXPECT_EQ(FamilyStem("ivanova"), "ivanov");
  EXPECT_EQ(FamilyStem("novakova", "nováková"), "novak");
}

// ---- nickname tables

bool Nicknames(std::string_view a, std::string_view b) {
  const NameTables& tables = NameTables::Get();
  for (uint32_t x : tables.Groups(a)) {
    for (uint32_t y : tables.Groups(b)) {
      if (x == y) return true;
    }
  }
  return false;
}

TEST(NameTables, ShippedTablesAreCompiledIn) {
  EXPECT_GT(NameTables::Get().num_names(), 2000u);
}

TEST(NameTables, EnglishNicknames) {
  EXPECT_TRUE(Nicknames("bob", "robert"));
  EXPECT_TRUE(Nicknames("bob", "rob"));  // two nicknames of one name
  EXPECT_TRUE(Nicknames("liz", "elizabeth"));
  EXPECT_TRUE(Nicknames("alex", "alexander"));
  EXPECT_FALSE(Nicknames("robert", "elizabeth"));
}

TEST(NameTables, PolishDiminutives) {
  EXPECT_TRUE(Nicknames("kasia", "katarzyna"));
  EXPECT_TRUE(Nicknames("kasia", "kaska"));  // Kaśka, folded
  EXPECT_TRUE(Nicknames("olek", "aleksander"));
  EXPECT_TRUE(Nicknames("jedrek", "andrzej"));  // Jędrek
  EXPECT_FALSE(Nicknames("kasia", "malgorzata"));
}

TEST(NameTables, GermanHungarianIndonesian) {
  EXPECT_TRUE(Nicknames("hans", "johannes"));
  EXPECT_TRUE(Nicknames("sepp", "josef"));
  EXPECT_TRUE(Nicknames("uli", "ulrich"));
  EXPECT_TRUE(Nicknames("pista", "istvan"));
  EXPECT_TRUE(Nicknames("laci", "laszlo"));
  EXPECT_TRUE(Nicknames("kati", "katalin"));
  EXPECT_TRUE(Nicknames("wawan", "kurniawan"));
}

TEST(NameTables, FromCsvReadsBothLayouts) {
  NameTables tables = NameTables::FromCsv(
      {{"a.csv", "formal,gender,diminutive\r\nKatarzyna,female,Kasia\r\nKatarzyna,female,Kaśka\r\n"},
       {"b.csv", "name1,relationship,name2\nrobert,has_nickname,bob\nrobert,is_not,zed\n"}});
  EXPECT_EQ(tables.num_names(), 5u);  // katarzyna kasia kaska robert bob
  EXPECT_EQ(tables.Groups("kaska").size(), 1u);
  EXPECT_TRUE(tables.Groups("zed").empty());
}

// ---- prepared

TEST(PrepareNames, NameColumnsHoldTheParsedFoldedName) {
  Table crm;
  crm.source = "crm";
  crm.columns = {StringColumn("id"), StringColumn("first"), StringColumn("last")};
  for (auto [id, first, last] : {std::tuple{"1", "Katarzyna", "Nowak"},
                                 std::tuple{"2", "KOWALSKI", "Jan"},
                                 std::tuple{"3", "Banawi", "Banawi"}}) {
    crm.columns[0].Append(id);
    crm.columns[1].Append(first);
    crm.columns[2].Append(last);
  }
  Table social;
  social.source = "social";
  social.columns = {StringColumn("id"), StringColumn("display_name")};
  for (auto [id, name] : {std::pair{"a", "Kasia N. ✨"}, std::pair{"b", "✨✨"}}) {
    social.columns[0].Append(id);
    social.columns[1].Append(name);
  }
  Settings settings;
  settings.id_column = "id";
  settings.link_type = LinkType::kLinkOnly;
  ColumnSettings name;
  name.name = "name";
  name.role = ColumnRole::kFullName;
  name.inputs = {{"crm", {"first", "last"}}, {"social", {"display_name"}}};
  settings.columns = {name};
  auto prepared = Prepare({&crm, &social}, settings);
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  const PreparedColumn& column = prepared->columns[0];
  EXPECT_EQ(column.folded(0), "katarzyna nowak");
  EXPECT_EQ(column.folded(1), "jan kowalski");
  EXPECT_EQ(column.folded(2), "banawi");
  EXPECT_EQ(column.folded(3), "kasia n");
  EXPECT_TRUE(column.is_null(4));  // decorations only
  ASSERT_EQ(column.names.index.size(), 5u);
  EXPECT_TRUE(column.names.of(1).family_first);
  EXPECT_TRUE(column.names.of(2).mononym);
  EXPECT_TRUE(column.names.of(3).family_is_initial);
  EXPECT_EQ(column.names.of(4).given.plain, 0u);

  // Blocking keys: Kasia is Katarzyna's here (the tables also know her as Kasandra's).
  std::vector<std::string> given = NameKeys(column.names, NameKey::kCanonicalGiven);
  std::vector<std::string> family = NameKeys(column.names, NameKey::kFamilyStem);
  std::vector<std::string> initials = NameKeys(column.names, NameKey::kInitials);
  auto key = [&](const std::vector<std::string>& keys, size_t record) {
    return keys[column.names.index[record]];
  };
  EXPECT_EQ(key(given, 0), "katarzyna");
  EXPECT_EQ(key(given, 3), "katarzyna");
  EXPECT_EQ(key(initials, 0), "kn");
  EXPECT_EQ(key(initials, 3), "kn");
  EXPECT_EQ(key(family, 0), "nowak");
  EXPECT_EQ(key(family, 3), "");  // an initial is no key
  EXPECT_EQ(key(family, 2), "banawi");  // a mononym's word
  EXPECT_EQ(key(given, 4), "");
}

}  // namespace
}  // namespace sameas
