// Kölner Phonetik: Postel's published examples, each context rule, German letters, and
// agreement with the cologne-phonetics package from PyPI on German names.
#include "sameas/phonetic/cologne.h"

#include <gtest/gtest.h>

#include <string_view>

#include "sameas/prepare/text.h"

namespace sameas {
namespace {

struct Case {
  std::string_view name;
  std::string_view code;
};

// The worked examples of the German Wikipedia article on the Kölner Phonetik.
TEST(ColognePhonetic, PublishedExamples) {
  EXPECT_EQ(ColognePhonetic("Müller-Lüdenscheidt"), "65752682");
  EXPECT_EQ(ColognePhonetic("Wikipedia"), "3412");
  EXPECT_EQ(ColognePhonetic("Breschnew"), "17863");
}

TEST(ColognePhonetic, SpellingsOfOneNameShareACode) {
  for (std::string_view name : {"Meier", "Maier", "Mair", "Meyer", "Meyr", "Mejer", "Major"}) {
    EXPECT_EQ(ColognePhonetic(name), "67") << name;
  }
  EXPECT_EQ(ColognePhonetic("Müller"), ColognePhonetic("Möller"));
  EXPECT_EQ(ColognePhonetic("Deutsch"), ColognePhonetic("Deutz"));
}

TEST(ColognePhonetic, ZerosAreKeptOnlyAtTheStart) {
  EXPECT_EQ(ColognePhonetic("Hoffmann"), "0366");  // H has no code: O starts the code
  EXPECT_EQ(ColognePhonetic("Eberhard"), "01772");
  EXPECT_EQ(ColognePhonetic("Aabjoe"), "01");
  EXPECT_EQ(ColognePhonetic("Heithabu"), "021");
}

TEST(ColognePhonetic, RepeatedDigitsAreWrittenOnce) {
  EXPECT_EQ(ColognePhonetic("Hammer"), "067");
  EXPECT_EQ(ColognePhonetic("Menne"), "66");      // a vowel between them: twice
  EXPECT_EQ(ColognePhonetic("Bachkauf"), "143");  // H does not separate C and K
  EXPECT_EQ(ColognePhonetic("Christstollen"), "478256");
}

TEST(ColognePhonetic, CDependsOnItsNeighbours) {
  EXPECT_EQ(ColognePhonetic("Claudia"), "452");  // at the start before L: 4
  EXPECT_EQ(ColognePhonetic("Cäsar"), "487");    // at the start before A: 4
  EXPECT_EQ(ColognePhonetic("Zeche"), "84");     // before H: 4
  EXPECT_EQ(ColognePhonetic("Aaclan"), "0856");  // inside, before L: 8
  EXPECT_EQ(ColognePhonetic("Schmidt"), "862");  // after S: 8
  EXPECT_EQ(ColognePhonetic("Cecilia"), "885");  // at the start before E: 8
}

TEST(ColognePhonetic, DTPAndXDependOnTheirNeighbours) {
  EXPECT_EQ(ColognePhonetic("Matz"), "68");  // T before Z: 8
  EXPECT_EQ(ColognePhonetic("Arbeitsamt"), "071862");
  EXPECT_EQ(ColognePhonetic("Pharma"), "376");  // P before H: 3
  EXPECT_EQ(ColognePhonetic("Peter"), "127");
  EXPECT_EQ(ColognePhonetic("Axel"), "0485");  // X: 48
  EXPECT_EQ(ColognePhonetic("Knax"), "4648");
  EXPECT_EQ(ColognePhonetic("Xanthippe"), "48621");
  EXPECT_EQ(ColognePhonetic("Cxa"), "48");  // X after C: 8
}

TEST(ColognePhonetic, UmlautsAndSharpSAreCoded) {
  EXPECT_EQ(ColognePhonetic("Ärger"), "0747");
  EXPECT_EQ(ColognePhonetic("Öztürk"), "08274");
  EXPECT_EQ(ColognePhonetic("Übel"), "015");
  EXPECT_EQ(ColognePhonetic("ÄÖÜ"), "0");
  EXPECT_EQ(ColognePhonetic("Straße"), "8278");
  EXPECT_EQ(ColognePhonetic("STRASSE"), "8278");
  EXPECT_EQ(ColognePhonetic("STRA\u1E9EE"), "8278");  // capital sharp s
  EXPECT_EQ(ColognePhonetic("Gauß"), ColognePhonetic("Gauss"));
}

TEST(ColognePhonetic, OtherCharactersAreSkipped) {
  EXPECT_EQ(ColognePhonetic("Müller-Lüdenscheidt"), ColognePhonetic("Müllerlüdenscheidt"));
  EXPECT_EQ(ColognePhonetic("Émile"), "65");  // É is not read: fold first
  EXPECT_EQ(ColognePhonetic(FoldText("Émile")), "065");
  EXPECT_EQ(ColognePhonetic(FoldText("Łukasz")), "548");
}

TEST(ColognePhonetic, NothingCodedGivesEmpty) {
  EXPECT_EQ(ColognePhonetic(""), "");
  EXPECT_EQ(ColognePhonetic("h"), "");
  EXPECT_EQ(ColognePhonetic("123 -"), "");
  EXPECT_EQ(ColognePhonetic("é"), "");
}

TEST(ColognePhonetic, CaseDoesNotMatter) {
  EXPECT_EQ(ColognePhonetic("MÜLLER"), "657");
  EXPECT_EQ(ColognePhonetic("müller"), "657");
}

// Expected codes from the cologne-phonetics package 2.0.0 on PyPI (`encode(name)`), for names
// drawn at random from the Faker de_DE lists (15 with umlauts or ß). On all 8,569 one-word
// Faker names, folded, the two agree.
TEST(ColognePhonetic, AgreesWithTheColognePhoneticsPackageOnGermanNames) {
  constexpr Case kCases[] = {
      {"Ada", "02"},
      {"Adolph", "0253"},
      {"Alexander", "0548627"},
      {"Anastasios", "068288"},
      {"Blümel", "1565"},
      {"Burghard", "17472"},
      {"Bärer", "177"},
      {"Dieter", "227"},
      {"Dörschner", "27867"},
      {"Elke", "054"},
      {"Emmy", "06"},
      {"Etzler", "0857"},
      {"Friedhold", "37252"},
      {"Georgine", "4746"},
      {"Gerald", "4752"},
      {"Gieß", "48"},
      {"Gottlob", "4251"},
      {"Graf", "473"},
      {"Harloff", "0753"},
      {"Hartmut", "07262"},
      {"Heimo", "06"},
      {"Helma", "056"},
      {"Herma", "076"},
      {"Herta", "072"},
      {"Heß", "08"},
      {"Hänel", "065"},
      {"Janin", "066"},
      {"Jasmin", "0866"},
      {"Jörgen", "0746"},
      {"Klaus", "458"},
      {"Kruschwitz", "47838"},
      {"Leonore", "567"},
      {"Luigi", "54"},
      {"Löffler", "5357"},
      {"Mülichen", "6546"},
      {"Nadia", "62"},
      {"Norma", "676"},
      {"Oxana", "0486"},
      {"Patricia", "1278"},
      {"Philomena", "3566"},
      {"Robby", "71"},
      {"Rosemann", "7866"},
      {"Schäfer", "837"},
      {"Simon", "866"},
      {"Spieß", "818"},
      {"Sören", "876"},
      {"Theresia", "278"},
      {"Trüb", "271"},
      {"Wähner", "367"},
      {"Änne", "06"},
  };
  for (const Case& c : kCases) EXPECT_EQ(ColognePhonetic(c.name), c.code) << c.name;
}

}  // namespace
}  // namespace sameas
