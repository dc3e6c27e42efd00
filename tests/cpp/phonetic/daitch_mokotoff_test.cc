// Daitch–Mokotoff Soundex: the examples published with the rules, each coded by hand from the
// coding chart as Wikipedia gives it and as the rule file of Apache Commons Codec gives it
// (which agree on every letter group these names use), and also given by the Abydos 0.5.0
// package from PyPI; then the rules one by one.
#include "sameas/phonetic/daitch_mokotoff.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "sameas/prepare/text.h"

namespace sameas {
namespace {

using Codes = std::vector<std::string>;

// Wikipedia, "Daitch–Mokotoff Soundex", table of examples. (A brief for this work quoted
// Auerbach as 097500 and 079500: the chart gives AU 0, R 9, B 7, CH 5 or 4, so 097500 and
// 097400, as Wikipedia prints.)
TEST(DaitchMokotoff, WikipediaExamples) {
  EXPECT_EQ(DaitchMokotoff("Peters"), (Codes{"734000", "739400"}));
  EXPECT_EQ(DaitchMokotoff("Peterson"), (Codes{"734600", "739460"}));
  EXPECT_EQ(DaitchMokotoff("Moskowitz"), (Codes{"645740"}));
  EXPECT_EQ(DaitchMokotoff("Moskovitz"), (Codes{"645740"}));
  EXPECT_EQ(DaitchMokotoff("Auerbach"), (Codes{"097400", "097500"}));
  EXPECT_EQ(DaitchMokotoff("Uhrbach"), (Codes{"097400", "097500"}));
  EXPECT_EQ(DaitchMokotoff("Jackson"), (Codes{"145460", "154600", "445460", "454600"}));
}

// JewishGen, "Soundex Coding", the worked examples of the Daitch–Mokotoff rules.
TEST(DaitchMokotoff, JewishGenExamples) {
  EXPECT_EQ(DaitchMokotoff("GOLDEN"), (Codes{"583600"}));
  EXPECT_EQ(DaitchMokotoff("Alpert"), (Codes{"087930"}));
  EXPECT_EQ(DaitchMokotoff("Breuer"), (Codes{"791900"}));
  EXPECT_EQ(DaitchMokotoff("Haber"), (Codes{"579000"}));
  EXPECT_EQ(DaitchMokotoff("Mannheim"), (Codes{"665600"}));
  EXPECT_EQ(DaitchMokotoff("Mintz"), (Codes{"664000"}));
  EXPECT_EQ(DaitchMokotoff("Topf"), (Codes{"370000"}));
  EXPECT_EQ(DaitchMokotoff("Kleinmann"), (Codes{"586660"}));
  EXPECT_EQ(DaitchMokotoff("Ben Aron"), (Codes{"769600"}));
  EXPECT_EQ(DaitchMokotoff("OHRBACH"), (Codes{"097400", "097500"}));
  EXPECT_EQ(DaitchMokotoff("LIPSHITZ"), (Codes{"874400"}));
  EXPECT_EQ(DaitchMokotoff("LIPPSZYC"), (Codes{"874400", "874500"}));
  EXPECT_EQ(DaitchMokotoff("LEWINSKY"), (Codes{"876450"}));
  EXPECT_EQ(DaitchMokotoff("LEVINSKI"), (Codes{"876450"}));
  EXPECT_EQ(DaitchMokotoff("SZLAMAWICZ"), (Codes{"486740"}));
  EXPECT_EQ(DaitchMokotoff("SHLAMOVITZ"), (Codes{"486740"}));
}

// Gary Mokotoff, "Soundexing and Genealogy" (Avotaynu): town names spelled in Polish and as
// heard in English share a code.
TEST(DaitchMokotoff, AvotaynuExamples) {
  EXPECT_EQ(DaitchMokotoff("Ceniow"), (Codes{"467000", "567000"}));
  EXPECT_EQ(DaitchMokotoff("Tsenyuv"), (Codes{"467000"}));
  EXPECT_EQ(DaitchMokotoff("Holubica"), (Codes{"587400", "587500"}));
  EXPECT_EQ(DaitchMokotoff("Golubitsa"), (Codes{"587400"}));
  EXPECT_EQ(DaitchMokotoff("Przemysl"), (Codes{"746480", "794648"}));
  EXPECT_EQ(DaitchMokotoff("Pshemeshil"), (Codes{"746480"}));
  EXPECT_EQ(DaitchMokotoff("Rosochowaciec"), (Codes{"944744", "944745", "944754", "944755",
                                                    "945744", "945745", "945754", "945755"}));
  EXPECT_EQ(DaitchMokotoff("Rosokhovatsets"), (Codes{"945744"}));
}

TEST(DaitchMokotoff, VowelPairsAreCodedOnlyAtTheStartOrBeforeAVowel) {
  EXPECT_EQ(DaitchMokotoff("Isaiah"), (Codes{"041000"}));           // AI before A: 1
  EXPECT_EQ(DaitchMokotoff("Freud"), (Codes{"793000"}));            // EU before D: not coded
  EXPECT_EQ(DaitchMokotoff("Alice"), (Codes{"084000", "085000"}));  // A at the start: 0
}

TEST(DaitchMokotoff, HIsCodedAtTheStartOrBeforeAVowel) {
  EXPECT_EQ(DaitchMokotoff("Haber"), (Codes{"579000"}));
  EXPECT_EQ(DaitchMokotoff("Mannheim"), (Codes{"665600"}));
  EXPECT_EQ(DaitchMokotoff("Ohrbach"), (Codes{"097400", "097500"}));  // before R: not coded
  EXPECT_EQ(DaitchMokotoff("Rhys"), (Codes{"954000"}));               // Y counts as a vowel
}

TEST(DaitchMokotoff, LongestLetterGroupWins) {
  EXPECT_EQ(DaitchMokotoff("Mintz"), (Codes{"664000"}));                     // TZ, not T and Z
  EXPECT_EQ(DaitchMokotoff("Washington"), (Codes{"746536"}));                // SH
  EXPECT_EQ(DaitchMokotoff("Schwarzenegger"), (Codes{"474659", "479465"}));  // SCH, RZ
}

TEST(DaitchMokotoff, RepeatedDigitIsWrittenOnce) {
  EXPECT_EQ(DaitchMokotoff("Topf"), (Codes{"370000"}));  // P and F both 7
  // KS before S: 54, then S (4) adds nothing.
  EXPECT_EQ(DaitchMokotoff("Akssol"), (Codes{"054800"}));
  // RS as 94 then CH as 4: one 4; RS as 4 then CH as 4: one 4.
  EXPECT_EQ(DaitchMokotoff("Gerschfeld"), (Codes{"545783", "547830", "594578", "594783"}));
}

TEST(DaitchMokotoff, MnAndNmAreCodedAsTwoSounds) {
  EXPECT_EQ(DaitchMokotoff("Kleinmann"), (Codes{"586660"}));
}

TEST(DaitchMokotoff, BranchesMultiplyAndAreSortedAndUnique) {
  // Two names of four codes each; the second J is not at the start (not coded, or 4). Apache
  // Commons Codec and Abydos give the same ten codes.
  EXPECT_EQ(DaitchMokotoff("Jackson-Jackson"),
            (Codes{"145464", "145465", "154644", "154645", "154654", "445464", "445465", "454644",
                   "454645", "454654"}));
  const Codes codes = DaitchMokotoff("Czech Czachowski");
  EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));
  EXPECT_EQ(std::adjacent_find(codes.begin(), codes.end()), codes.end());
}

TEST(DaitchMokotoff, CodesAreSixDigits) {
  EXPECT_EQ(DaitchMokotoff("A"), (Codes{"000000"}));
  EXPECT_EQ(DaitchMokotoff("Kingsmith"), (Codes{"565463"}));
  for (const std::string& code : DaitchMokotoff("Szczepankiewiczowna")) {
    EXPECT_EQ(code.size(), 6u) << code;
  }
}

TEST(DaitchMokotoff, CaseAndNonLettersDoNotMatter) {
  EXPECT_EQ(DaitchMokotoff("O'Brien"), (Codes{"079600"}));
  EXPECT_EQ(DaitchMokotoff("obrien"), (Codes{"079600"}));
  EXPECT_EQ(DaitchMokotoff("KING-SMITH"), (Codes{"565463"}));
}

TEST(DaitchMokotoff, NoLetterGivesNoCode) {
  EXPECT_EQ(DaitchMokotoff(""), Codes{});
  EXPECT_EQ(DaitchMokotoff("12 -"), Codes{});
}

TEST(DaitchMokotoff, OtherScriptsAreCodedAfterFolding) {
  EXPECT_EQ(DaitchMokotoff(FoldText("Straßburg")), (Codes{"294795"}));
  EXPECT_EQ(DaitchMokotoff(FoldText("Wiśniewski")), (Codes{"746745"}));
}

}  // namespace
}  // namespace sameas
