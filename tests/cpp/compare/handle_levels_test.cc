// Handle and email levels: a social handle (or an email's local part) against a CRM name, in
// Polish, German, Hungarian, Indonesian and English; the same handle on two platforms; the
// birth year in a handle against a date of birth; email domains.
#include "sameas/compare/handle_levels.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "sameas/compare/compare.h"
#include "sameas/io/table.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/settings/settings.h"

namespace sameas {
namespace {

const std::vector<LevelKind> kHandleLevels = {LevelKind::kExact,
                                              LevelKind::kHandleFullName,
                                              LevelKind::kHandleNickname,
                                              LevelKind::kHandleGivenFamilyInitial,
                                              LevelKind::kHandleInitialFamily,
                                              LevelKind::kHandleFamilyOnly,
                                              LevelKind::kHandleGivenOnly};

struct Crm {
  std::string first, last, email, dob;
};
struct Social {
  std::string handle, display, email;
};

Table MakeTable(const std::string& source, const std::vector<std::string>& header,
                const std::vector<std::string>& row) {
  Table table;
  table.source = source;
  table.origin = source + ".csv";
  for (size_t c = 0; c < header.size(); ++c) {
    table.columns.emplace_back(header[c]);
    if (row[c].empty()) {
      table.columns[c].AppendNull();
    } else {
      table.columns[c].Append(row[c]);
    }
  }
  return table;
}

// One CRM record (record 0) and one social account (record 1), prepared with a full name, a
// handle, an email and a birth date column, as the automatic settings make them.
class Pair {
 public:
  Pair(const Crm& crm, const Social& social) {
    crm_ = MakeTable("crm", {"id", "first_name", "last_name", "email", "dob"},
                     {"c1", crm.first, crm.last, crm.email, crm.dob});
    social_ = MakeTable("social", {"id", "handle", "display_name", "email"},
                        {"s1", social.handle, social.display, social.email});
    settings_.id_column = "id";
    settings_.link_type = LinkType::kLinkOnly;
    settings_.columns = {
        {"full_name",
         ColumnRole::kFullName,
         ColumnType::kText,
         {{"crm", {"first_name", "last_name"}}, {"social", {"display_name"}}}},
        {"handle", ColumnRole::kHandle, ColumnType::kText, {{"crm", {}}, {"social", {"handle"}}}},
        {"email", ColumnRole::kEmail, ColumnType::kText, {}},
        {"dob", ColumnRole::kBirthDate, ColumnType::kDate, {{"crm", {"dob"}}, {"social", {}}}}};
    auto prepared = Prepare({&crm_, &social_}, settings_);
    EXPECT_TRUE(prepared.ok()) << prepared.status();
    if (prepared.ok()) prepared_ = *std::move(prepared);
  }

  // The level kind of the pair in a comparison of `column` against `against` with `kinds`;
  // kNull for null, kElse for none.
  LevelKind Level(const std::string& column, const std::string& against,
                  const std::vector<LevelKind>& kinds) const {
    ComparisonSpec spec;
    spec.name = column;
    spec.column = column;
    spec.against = against;
    spec.levels.push_back({LevelKind::kNull});
    for (LevelKind kind : kinds) spec.levels.push_back({kind});
    spec.levels.push_back({LevelKind::kElse});
    auto comparer = Comparer::Create(prepared_, {spec});
    EXPECT_TRUE(comparer.ok()) << comparer.status();
    if (!comparer.ok()) return LevelKind::kNull;
    return spec.levels[comparer->Level(0, 0, 1)].kind;
  }
  LevelKind Handle() const { return Level("handle", "full_name", kHandleLevels); }
  LevelKind Email() const { return Level("email", "full_name", kHandleLevels); }

 private:
  Table crm_, social_;
  Settings settings_;
  PreparedTable prepared_;
};

LevelKind HandleLevel(const std::string& first, const std::string& last,
                      const std::string& handle) {
  return Pair({first, last, "", ""}, {handle, "", ""}).Handle();
}

TEST(HandleLevels, FullNameInAnyOrderAndSeparation) {
  EXPECT_EQ(HandleLevel("Jan", "Kowalski", "jan.kowalski"), LevelKind::kHandleFullName);
  EXPECT_EQ(HandleLevel("Jan", "Kowalski", "jankowalski"), LevelKind::kHandleFullName);
  EXPECT_EQ(HandleLevel("Jan", "Kowalski", "kowalskijan"), LevelKind::kHandleFullName);
  EXPECT_EQ(HandleLevel("Jan", "Kowalski", "@JanKowalski"), LevelKind::kHandleFullName);
  EXPECT_EQ(HandleLevel("Charlotte", "Wilson", "charlotte_wilson_88"), LevelKind::kHandleFullName);
  EXPECT_EQ(HandleLevel("Budi", "Santoso", "therealbudisantoso"), LevelKind::kHandleFullName);
}

TEST(HandleLevels, PolishGenderedFamilyNames) {
  EXPECT_EQ(HandleLevel("Anna", "Kowalska", "anna_kowalski"), LevelKind::kHandleFullName);
  EXPECT_EQ(HandleLevel("Jan", "Zawadzki", "zawadzkajan"), LevelKind::kHandleFullName);
}

TEST(HandleLevels, GermanFolding) {
  EXPECT_EQ(HandleLevel("Jürgen", "Müller", "juergen.mueller"), LevelKind::kHandleFullName);
  EXPECT_EQ(HandleLevel("Jürgen", "Müller", "jurgen_muller"), LevelKind::kHandleFullName);
  EXPECT_EQ(HandleLevel("Jürgen", "Müller", "juergenmueller"), LevelKind::kHandleFullName);
}

TEST(HandleLevels, HungarianFamilyFirst) {
  EXPECT_EQ(HandleLevel("Edit", "Nagy", "nagyedit"), LevelKind::kHandleFullName);
  EXPECT_EQ(HandleLevel("István", "Horváth", "horvath.pista"), LevelKind::kHandleNickname);
  EXPECT_EQ(HandleLevel("László", "Kovács", "laci_kovacs"), LevelKind::kHandleNickname);
}

TEST(HandleLevels, IndonesianMononymsAndOldSpellings) {
  // A one-word name in the handle is one word of a name, whatever else the handle holds: a
  // display name "Lucy ✨" is no more a full name than Banawi's.
  EXPECT_EQ(HandleLevel("", "Banawi", "banawi944"), LevelKind::kHandleGivenOnly);
  EXPECT_EQ(HandleLevel("Pandu", "", "its_pandu"), LevelKind::kHandleGivenOnly);
  EXPECT_EQ(HandleLevel("Banawi", "Banawi", "banawi_medan"), LevelKind::kHandleGivenOnly);
  EXPECT_EQ(HandleLevel("Joko", "Wibowo", "djoko.wibowo"), LevelKind::kHandleFullName);
  EXPECT_EQ(HandleLevel("Djoko", "Wibowo", "joko_wibowo"), LevelKind::kHandleFullName);
  EXPECT_EQ(HandleLevel("Kurniawan", "Hidayat", "wawan.hidayat"), LevelKind::kHandleNickname);
}

TEST(HandleLevels, NicknamesAndDiminutives) {
  EXPECT_EQ(HandleLevel("Katarzyna", "Wójcik", "kasia_wojcik84"), LevelKind::kHandleNickname);
  EXPECT_EQ(HandleLevel("Robert", "Smith", "bobsmith"), LevelKind::kHandleNickname);
  EXPECT_EQ(HandleLevel("Johannes", "Schmidt", "hans.schmidt"), LevelKind::kHandleNickname);
}

TEST(HandleLevels, Initials) {
  EXPECT_EQ(HandleLevel("Jan", "Kowalski", "jkowalski"), LevelKind::kHandleInitialFamily);
  EXPECT_EQ(HandleLevel("Jan", "Kowalski", "kowalski_j"), LevelKind::kHandleInitialFamily);
  EXPECT_EQ(HandleLevel("Katarzyna", "Wójcik", "k4sia.w"), LevelKind::kHandleGivenFamilyInitial);
  EXPECT_EQ(HandleLevel("Anna", "Kowalska", "annak"), LevelKind::kHandleGivenFamilyInitial);
  // A different initial is no initial level.
  EXPECT_EQ(HandleLevel("Jan", "Kowalski", "pkowalski"), LevelKind::kHandleFamilyOnly);
}

TEST(HandleLevels, OnePartOnly) {
  EXPECT_EQ(HandleLevel("Jan", "Kowalski", "kowalski1984"), LevelKind::kHandleFamilyOnly);
  EXPECT_EQ(HandleLevel("Katarzyna", "Wójcik", "kasia1984"), LevelKind::kHandleGivenOnly);
  EXPECT_EQ(HandleLevel("Edit", "Nagy", "edit_budapest"), LevelKind::kHandleGivenOnly);
  EXPECT_EQ(HandleLevel("Katarzyna", "Nowak", "kasia_warsaw"), LevelKind::kHandleGivenOnly);
  EXPECT_EQ(HandleLevel("Jan", "Kowalski", "sunny_rider_22"), LevelKind::kElse);
}

TEST(HandleLevels, AnotherPersonsNameBesideAPartOfThisOne) {
  // Another family name: the handle is someone else's with the same given name.
  EXPECT_EQ(HandleLevel("Anna", "Kovács", "anna_eberhardt90"), LevelKind::kElse);
  EXPECT_EQ(HandleLevel("Monika", "Makurat", "monia.kowalczyk.12"), LevelKind::kElse);
  EXPECT_EQ(HandleLevel("Lucy", "Daniels", "lucy.kelly"), LevelKind::kElse);
  EXPECT_EQ(HandleLevel("Dorota", "Grzeszkowiak", "dorota.grabowska87"), LevelKind::kElse);
  // Another given name with this family name: a relative.
  EXPECT_EQ(HandleLevel("Jan", "Kowalski", "adam_kowalski"), LevelKind::kElse);
  // A different initial is weaker than a name: the family name still counts.
  EXPECT_EQ(HandleLevel("Jan", "Kowalski", "pkowalski"), LevelKind::kHandleFamilyOnly);
}

TEST(HandleLevels, NoEvidenceWhereTheAccountsOwnNameShowsAsMuch) {
  // The display name beside the handle already has what the handle matches: the name
  // comparison counts it, the handle does not count it again.
  EXPECT_EQ(Pair({"Radosław", "Wyrwich", "", ""}, {"rwyrwich", "Radosław Wyrwich", ""}).Handle(),
            LevelKind::kNull);
  EXPECT_EQ(Pair({"Dorota", "Grabowska", "", ""}, {"dorota.grabowska87", "Dorota Grabowska", ""})
                .Handle(),
            LevelKind::kNull);
  // A display name that hides the family name: the handle shows it, and that is what it adds
  // (the given name counts in the name comparison).
  EXPECT_EQ(Pair({"Katarzyna", "Nowak", "", ""}, {"kasia_nowak84", "Kasia N. ✨", ""}).Handle(),
            LevelKind::kHandleFamilyOnly);
  EXPECT_EQ(Pair({"Dorota", "Grzeszkowiak", "", ""}, {"dorota_grzeszkowiak87", "Dorota G. 🌙", ""})
                .Handle(),
            LevelKind::kHandleFamilyOnly);
  EXPECT_EQ(Pair({"Michael", "Robinson", "", ""}, {"michael_robinson48", "Michael ✨", ""}).Handle(),
            LevelKind::kHandleFamilyOnly);
  // Beside "Leon", leon_maz adds the initial of Leonard M.'s family name only: nothing.
  EXPECT_EQ(Pair({"Leonard", "M.", "", ""}, {"Leon_Maz", "Leon 🌸", ""}).Handle(),
            LevelKind::kNull);
  // Without a display name the handle's whole match counts.
  EXPECT_EQ(Pair({"Katarzyna", "Nowak", "", ""}, {"kasia_nowak84", "", ""}).Handle(),
            LevelKind::kHandleNickname);
  // A handle that names someone else counts against, whatever the display name says.
  EXPECT_EQ(Pair({"Anna", "Kovács", "", ""}, {"anna_eberhardt90", "Anna", ""}).Handle(),
            LevelKind::kElse);
}

TEST(HandleLevels, NullWithoutAHandleOrAName) {
  EXPECT_EQ(HandleLevel("Jan", "Kowalski", ""), LevelKind::kNull);
  EXPECT_EQ(HandleLevel("", "", "jan.kowalski"), LevelKind::kNull);
}

TEST(HandleLevels, ALevelLeftOutSendsItsPairsToTheNextThatFits) {
  Pair pair({"Katarzyna", "Wójcik", "", ""}, {"kasia_wojcik", "", ""});
  EXPECT_EQ(
      pair.Level("handle", "full_name", {LevelKind::kHandleFullName, LevelKind::kHandleFamilyOnly}),
      LevelKind::kHandleFamilyOnly);
}

TEST(HandleLevels, DisplayNameOfTheSameAccountIsNotCompared) {
  // The social account's handle meets the CRM name; the CRM has no handle, so the social
  // display name is never compared with a handle. A handle that shows nothing of either name
  // says nothing: null.
  Pair pair({"Jan", "Kowalski", "", ""}, {"sunny_rider", "Jan Kowalski", ""});
  EXPECT_EQ(pair.Handle(), LevelKind::kNull);
  EXPECT_EQ(Pair({"Jan", "Kowalski", "", ""}, {"sunny_rider", "", ""}).Handle(), LevelKind::kElse);
}

TEST(EmailLevels, LocalPartAgainstTheOtherSidesName) {
  // The CRM's address against the social display name, and the social address against the
  // CRM name: either direction counts.
  // (The CRM record has no name of its own here: with one, its address would say nothing
  // its name does not.)
  EXPECT_EQ(Pair({"", "", "editmolnar1975@freemail.hu", ""}, {"x", "Edit M.", ""}).Email(),
            LevelKind::kHandleGivenFamilyInitial);
  EXPECT_EQ(Pair({"Edit", "Molnár", "", ""}, {"x", "", "molnar.edit@gmail.com"}).Email(),
            LevelKind::kHandleFullName);
  EXPECT_EQ(Pair({"Jan", "Kowalski", "", ""}, {"x", "", "j.kowalski@firma.com.pl"}).Email(),
            LevelKind::kHandleInitialFamily);
}

TEST(EmailLevels, ExactAfterNormalisation) {
  Pair pair({"Kasia", "Wójcik", "Kasia.Wojcik@gmail.com", ""},
            {"x", "", "kasiawojcik+shop@googlemail.com"});
  EXPECT_EQ(pair.Email(), LevelKind::kExact);
}

TEST(EmailLevels, Domains) {
  const std::vector<LevelKind> domains = {LevelKind::kCorporateDomain, LevelKind::kSameDomain};
  EXPECT_EQ(Pair({"Jan", "Kowalski", "jan.kowalski@firma.com.pl", ""}, {"x", "", "jk@firma.com.pl"})
                .Level("email", "", domains),
            LevelKind::kCorporateDomain);
  EXPECT_EQ(Pair({"Jan", "Kowalski", "jan.kowalski@wp.pl", ""}, {"x", "", "jk@wp.pl"})
                .Level("email", "", domains),
            LevelKind::kSameDomain);
  EXPECT_EQ(Pair({"Jan", "Kowalski", "jan.kowalski@wp.pl", ""}, {"x", "", "jk@onet.pl"})
                .Level("email", "", domains),
            LevelKind::kElse);
}

TEST(BirthYearLevel, HandleDigitsAgainstADateOfBirth) {
  const std::vector<LevelKind> year = {LevelKind::kBirthYear};
  EXPECT_EQ(Pair({"Anna", "Wójcik", "", "1984-03-07"}, {"anna.wojcik84", "", ""})
                .Level("handle", "dob", year),
            LevelKind::kBirthYear);
  EXPECT_EQ(Pair({"Anna", "Wójcik", "", "07.03.1984"}, {"wojcik1984", "", ""})
                .Level("handle", "dob", year),
            LevelKind::kBirthYear);
  EXPECT_EQ(Pair({"Anna", "Wójcik", "", "1990-03-07"}, {"anna.wojcik84", "", ""})
                .Level("handle", "dob", year),
            LevelKind::kElse);
  // No year in the handle: no evidence either way.
  EXPECT_EQ(Pair({"Anna", "Wójcik", "", "1984-03-07"}, {"anna.wojcik", "", ""})
                .Level("handle", "dob", year),
            LevelKind::kNull);
  // An email's digits count too; a record's own address and birth date are no pair.
  EXPECT_EQ(Pair({"Edit", "Molnár", "", "1975-01-16"}, {"x", "", "editmolnar1975@freemail.hu"})
                .Level("email", "dob", year),
            LevelKind::kBirthYear);
  EXPECT_EQ(Pair({"Edit", "Molnár", "editmolnar1975@freemail.hu", "1975-01-16"}, {"x", "", ""})
                .Level("email", "dob", year),
            LevelKind::kNull);
}

}  // namespace
}  // namespace sameas
