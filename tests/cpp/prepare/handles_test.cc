// Handle and email parsing: separators, camelCase, leetspeak, decorations, platform suffixes,
// glued names segmented with the lexicon (and the segmenter against its brute-force
// reference), initials, birth years, and email normalisation; real-looking handles in Polish,
// German, Hungarian, Indonesian and English.
#include "sameas/prepare/handles.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>
#include <vector>

namespace sameas {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Texts(const std::vector<Piece>& pieces) {
  std::vector<std::string> out;
  for (const Piece& p : pieces) out.push_back(p.text);
  return out;
}

TEST(NameLexicon, KnowsGivenAndFamilyNamesOfEachLanguage) {
  const NameLexicon& lexicon = NameLexicon::Get();
  for (const char* given :
       {"katarzyna", "kasia", "jan", "jurgen", "istvan", "pista", "budi", "wawan", "charlotte"}) {
    EXPECT_TRUE(lexicon.Kind(given) & NameLexicon::kGiven) << given;
  }
  for (const char* family : {"kowalski", "kowalska", "wojcik", "muller", "mueller", "nagy",
                             "horvath", "hidayat", "smith"}) {
    EXPECT_TRUE(lexicon.Kind(family) & NameLexicon::kFamily) << family;
  }
  EXPECT_EQ(lexicon.Kind("xqzt"), 0);
  // Words of two letters are too short to segment with.
  EXPECT_EQ(lexicon.Kind("al"), 0);
}

TEST(SegmentWord, GluedNamesInEitherOrder) {
  const NameLexicon& lexicon = NameLexicon::Get();
  EXPECT_THAT(Texts(SegmentWord("jankowalski", lexicon)), ElementsAre("jan", "kowalski"));
  EXPECT_THAT(Texts(SegmentWord("kowalskijan", lexicon)), ElementsAre("kowalski", "jan"));
  EXPECT_THAT(Texts(SegmentWord("kasianowak", lexicon)), ElementsAre("kasia", "nowak"));
  EXPECT_THAT(Texts(SegmentWord("nagyedit", lexicon)), ElementsAre("nagy", "edit"));
  EXPECT_THAT(Texts(SegmentWord("juergenschmidt", lexicon)), ElementsAre("juergen", "schmidt"));
  EXPECT_THAT(Texts(SegmentWord("budisantoso", lexicon)), ElementsAre("budi", "santoso"));
  EXPECT_THAT(Texts(SegmentWord("oliversmith", lexicon)), ElementsAre("oliver", "smith"));
}

TEST(SegmentWord, InitialsAtEitherEnd) {
  const NameLexicon& lexicon = NameLexicon::Get();
  auto pieces = SegmentWord("jkowalski", lexicon);
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0], (Piece{"j", PieceKind::kInitial}));
  EXPECT_EQ(pieces[1], (Piece{"kowalski", PieceKind::kName}));
  pieces = SegmentWord("kowalskij", lexicon);
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[1], (Piece{"j", PieceKind::kInitial}));
  EXPECT_THAT(Texts(SegmentWord("annak", lexicon)), ElementsAre("anna", "k"));
}

TEST(SegmentWord, DecorationsAtTheEndsOnly) {
  const NameLexicon& lexicon = NameLexicon::Get();
  auto pieces = SegmentWord("therealjankowalski", lexicon);
  EXPECT_THAT(Texts(pieces), ElementsAre("the", "real", "jan", "kowalski"));
  EXPECT_EQ(pieces[0].kind, PieceKind::kDecoration);
  EXPECT_EQ(pieces[1].kind, PieceKind::kDecoration);
  pieces = SegmentWord("kasiaofficial", lexicon);
  EXPECT_THAT(Texts(pieces), ElementsAre("kasia", "official"));
  EXPECT_EQ(pieces[1].kind, PieceKind::kDecoration);
  // A two-letter decoration follows a known name only.
  EXPECT_THAT(Texts(SegmentWord("kasiapl", lexicon)), ElementsAre("kasia", "pl"));
  EXPECT_EQ(SegmentWord("kasiapl", lexicon)[1].kind, PieceKind::kDecoration);
}

TEST(SegmentWord, LongerKnownPiecesWin) {
  const NameLexicon& lexicon = NameLexicon::Get();
  // "annamaria" could be anna + maria; a lexicon word "annamaria" would beat both only if
  // known. Mariusz is one name, not maria + usz.
  EXPECT_THAT(Texts(SegmentWord("mariusz", lexicon)), ElementsAre("mariusz"));
  EXPECT_THAT(Texts(SegmentWord("wisniewska", lexicon)), ElementsAre("wisniewska"));
}

TEST(SegmentWord, UnknownLettersStayOnePiece) {
  const NameLexicon& lexicon = NameLexicon::Get();
  auto pieces = SegmentWord("xqzvbw", lexicon);
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_EQ(pieces[0].kind, PieceKind::kUnknown);
}

// The dynamic programme finds a segmentation as good as the best of every split and kind, on
// words made of lexicon names, decorations and random letters.
TEST(SegmentWord, AgreesWithBruteForceOnRandomWords) {
  const NameLexicon lexicon =
      NameLexicon::FromWords({"jan", "anna", "kasia", "ewa", "ann", "edit", "budi", "hans"},
                             {"nowak", "nagy", "kowal", "owak", "smith", "ski"});
  const std::vector<std::string> parts = {"jan",   "anna", "kasia", "ewa", "nowak", "nagy", "the",
                                          "real",  "xx",   "pl",    "j",   "k",     "a",    "o",
                                          "kowal", "ski",  "q",     "zz",  "edit",  "hans"};
  std::mt19937 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    std::string word;
    const int count = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < count; ++i) word += parts[rng() % parts.size()];
    if (word.size() > 12) word.resize(12);
    const auto fast = SegmentWord(word, lexicon);
    const auto slow = SegmentWordBruteForce(word, lexicon);
    std::string joined;
    for (const Piece& p : fast) joined += p.text;
    ASSERT_EQ(joined, word);
    ASSERT_EQ(SegmentationScore(fast, lexicon), SegmentationScore(slow, lexicon)) << word;
  }
}

TEST(SegmentationScore, RejectsPiecesOutOfPlace) {
  const NameLexicon& lexicon = NameLexicon::Get();
  // A decoration in the middle, an initial in the middle, a name that is not one.
  const std::vector<Piece> middle_decoration = {
      {"jan", PieceKind::kName}, {"real", PieceKind::kDecoration}, {"kowalski", PieceKind::kName}};
  EXPECT_EQ(SegmentationScore(middle_decoration, lexicon),
            -std::numeric_limits<double>::infinity());
  const std::vector<Piece> middle_initial = {
      {"jan", PieceKind::kName}, {"k", PieceKind::kInitial}, {"nowak", PieceKind::kName}};
  EXPECT_EQ(SegmentationScore(middle_initial, lexicon), -std::numeric_limits<double>::infinity());
  const std::vector<Piece> not_a_name = {{"xqzt", PieceKind::kName}};
  EXPECT_EQ(SegmentationScore(not_a_name, lexicon), -std::numeric_limits<double>::infinity());
}

TEST(ParseHandle, SeparatorsAndYears) {
  ParsedHandle h = ParseHandle("kasia_nowak84");
  EXPECT_THAT(h.tokens, ElementsAre("kasia", "nowak"));
  EXPECT_EQ(h.year, 1984);
  EXPECT_EQ(h.normalised, "kasianowak84");
  h = ParseHandle("anna.nowak.1984");
  EXPECT_THAT(h.tokens, ElementsAre("anna", "nowak"));
  EXPECT_EQ(h.year, 1984);
  h = ParseHandle("nowak1984");
  EXPECT_THAT(h.tokens, ElementsAre("nowak"));
  EXPECT_EQ(h.year, 1984);
  // "anna1984" keeps its year: digits at the end of a word are a number, not leetspeak.
  h = ParseHandle("anna1984");
  EXPECT_THAT(h.tokens, ElementsAre("anna"));
  EXPECT_EQ(h.year, 1984);
  EXPECT_EQ(ParseHandle("georgia_taylor05").year, 2005);
  EXPECT_EQ(ParseHandle("rudi_speer_22").year, 0);    // 22: no plausible birth year
  EXPECT_EQ(ParseHandle("banawi944").year, 0);        // three digits
  EXPECT_EQ(ParseHandle("sunny_days_2022").year, 0);  // too recent
}

TEST(ParseHandle, CamelCaseAndAt) {
  ParsedHandle h = ParseHandle("@JanKowalski");
  EXPECT_THAT(h.tokens, ElementsAre("jan", "kowalski"));
  h = ParseHandle("JKowalski");
  EXPECT_THAT(h.tokens, ElementsAre("kowalski"));
  EXPECT_EQ(h.initials, "j");
  h = ParseHandle("https://www.instagram.com/edit.molnar/");
  EXPECT_THAT(h.tokens, ElementsAre("edit", "molnar"));
}

TEST(ParseHandle, Leetspeak) {
  EXPECT_THAT(ParseHandle("k4sia.n").tokens, ElementsAre("kasia"));
  EXPECT_EQ(ParseHandle("k4sia.n").initials, "n");
  EXPECT_THAT(ParseHandle("4nna_nowak").tokens, ElementsAre("anna", "nowak"));
  EXPECT_THAT(ParseHandle("j0hn.sm1th").tokens, ElementsAre("john", "smith"));
  EXPECT_THAT(ParseHandle("ma7eusz").tokens, ElementsAre("mateusz"));
  EXPECT_THAT(ParseHandle("$tefan_k").tokens, ElementsAre("stefan"));
  // A digit between two names that reads better as a separator stays one.
  EXPECT_THAT(ParseHandle("anna5nowak").tokens, ElementsAre("anna", "nowak"));
  EXPECT_THAT(ParseHandle("b4g4s_84").tokens, ElementsAre("bagas"));
  EXPECT_EQ(ParseHandle("b4g4s_84").year, 1984);
}

TEST(ParseHandle, DecorationsAndPlatformSuffixes) {
  EXPECT_THAT(ParseHandle("therealjankowalski").tokens, ElementsAre("jan", "kowalski"));
  EXPECT_THAT(ParseHandle("its_budi").tokens, ElementsAre("budi"));
  EXPECT_THAT(ParseHandle("kasia.nowak.pl").tokens, ElementsAre("kasia", "nowak"));
  EXPECT_THAT(ParseHandle("iamjuergen").tokens, ElementsAre("juergen"));
  EXPECT_THAT(ParseHandle("official_nagy_edit").tokens, ElementsAre("nagy", "edit"));
  ParsedHandle h = ParseHandle("dominik-drwiega-760de2bf");
  EXPECT_THAT(h.tokens, ElementsAre("dominik", "drwiega"));
  EXPECT_EQ(h.normalised, "dominikdrwiega");
  EXPECT_EQ(h.year, 0);
}

TEST(ParseHandle, GluedNamesInEachLanguage) {
  EXPECT_THAT(ParseHandle("kasiawojcik84").tokens, ElementsAre("kasia", "wojcik"));
  // A family name no list knows is what is left beside a known given name.
  EXPECT_THAT(ParseHandle("kasianowak84").tokens, ElementsAre("kasia", "nowak"));
  EXPECT_THAT(ParseHandle("kowalskajan").tokens, ElementsAre("kowalska", "jan"));
  EXPECT_THAT(ParseHandle("juergen_mueller").tokens, ElementsAre("juergen", "mueller"));
  EXPECT_THAT(ParseHandle("horvathroland").tokens, ElementsAre("horvath", "roland"));
  // Indonesian spelling of before 1972 is looked up in today's: Djoko as Joko.
  EXPECT_THAT(ParseHandle("djokowibowo").tokens, ElementsAre("djoko", "wibowo"));
  EXPECT_THAT(ParseHandle("charlottewilson").tokens, ElementsAre("charlotte", "wilson"));
  // Letters of other scripts and diacritics are folded first.
  EXPECT_THAT(ParseHandle("łukasz_wójcik").tokens, ElementsAre("lukasz", "wojcik"));
}

TEST(ParseHandle, NothingLeft) {
  EXPECT_TRUE(ParseHandle("").empty());
  EXPECT_TRUE(ParseHandle("___").empty());
  EXPECT_TRUE(ParseHandle("the").empty());
  EXPECT_THAT(ParseHandle("1984").tokens, IsEmpty());
  EXPECT_EQ(ParseHandle("1984").year, 1984);
}

TEST(ParseEmail, GmailDotsAndTags) {
  ParsedEmail e = ParseEmail("Kasia.Nowak+shop@GoogleMail.com");
  EXPECT_EQ(e.normalised, "kasianowak@gmail.com");
  EXPECT_EQ(e.domain, "gmail.com");
  EXPECT_TRUE(e.free_mail);
  EXPECT_THAT(e.local.tokens, ElementsAre("kasia", "nowak"));
  EXPECT_EQ(ParseEmail("k.a.s.i.a.nowak@gmail.com").normalised, "kasianowak@gmail.com");
}

TEST(ParseEmail, OtherProviders) {
  // Outlook documents +tags; its dots are part of the address.
  EXPECT_EQ(ParseEmail("jan.kowalski+news@outlook.com").normalised, "jan.kowalski@outlook.com");
  // Providers that do not document sub-addressing keep the whole local part.
  EXPECT_EQ(ParseEmail("jan.kowalski+x@wp.pl").normalised, "jan.kowalski+x@wp.pl");
  ParsedEmail e = ParseEmail("editmolnar1975@freemail.hu");
  EXPECT_THAT(e.local.tokens, ElementsAre("edit", "molnar"));
  EXPECT_EQ(e.local.year, 1975);
  EXPECT_TRUE(e.free_mail);
  e = ParseEmail("j.kowalski@firma.com.pl");
  EXPECT_FALSE(e.free_mail);
  EXPECT_EQ(e.local.initials, "j");
  EXPECT_THAT(e.local.tokens, ElementsAre("kowalski"));
}

TEST(ParseEmail, NotAnAddress) {
  EXPECT_TRUE(ParseEmail("kasia nowak").normalised.empty());
  EXPECT_TRUE(ParseEmail("@gmail.com").normalised.empty());
  EXPECT_TRUE(ParseEmail("kasia@").normalised.empty());
}

}  // namespace
}  // namespace sameas
