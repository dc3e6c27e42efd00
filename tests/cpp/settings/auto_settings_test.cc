// Automatic settings: the id column and column roles found from names and contents, blocking
// rules that fit the pair budget, label columns left alone, and names made of different
// columns in different sources.
#include "sameas/settings/auto_settings.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sameas/block/blocking.h"
#include "sameas/compare/compare.h"
#include "sameas/io/csv.h"
#include "sameas/prepare/prepared_table.h"

namespace sameas {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

Table ReadShared(const std::string& relative) {
  auto table = ReadCsv(std::string(SAMEAS_SHARED_DATA_DIR) + "/" + relative);
  EXPECT_TRUE(table.ok()) << table.status();
  return table.ok() ? *std::move(table) : Table{};
}

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

const ColumnSettings* FindColumn(const Settings& settings, std::string_view name) {
  int index = settings.ColumnIndex(name);
  return index < 0 ? nullptr : &settings.columns[index];
}

// Every column a rule, comparison or settings column reads from the input tables.
std::vector<std::string> ColumnsRead(const Settings& settings,
                                     const std::vector<const Table*>& tables) {
  std::vector<std::string> read = {settings.id_column};
  for (const auto& column : settings.columns) {
    for (const Table* table : tables) {
      for (const auto& input : column.InputsFor(table->source)) read.push_back(input);
    }
  }
  return read;
}

TEST(FindIdColumn, TypicalNames) {
  EXPECT_EQ(FindIdColumn({"ID", "name", "email"}), "ID");
  EXPECT_EQ(FindIdColumn({"first_name", "Unique ID", "dob"}), "Unique ID");
  EXPECT_EQ(FindIdColumn({"rec_id", "given_name", "surname"}), "rec_id");
  EXPECT_EQ(FindIdColumn({"Record ID", "surname"}), "Record ID");
  EXPECT_EQ(FindIdColumn({"email", "customer_id"}), "customer_id");
  EXPECT_EQ(FindIdColumn({"name", "patient_id"}), "patient_id");
}

TEST(FindIdColumn, PrefersThePlainIdOverOtherIds) {
  EXPECT_EQ(FindIdColumn({"account_id", "id", "name"}), "id");
  EXPECT_EQ(FindIdColumn({"household_id", "unique_id"}), "unique_id");
}

TEST(FindIdColumn, LabelColumnsAreNotIds) {
  EXPECT_EQ(FindIdColumn({"cluster_id", "person_id", "name"}), "");
  EXPECT_EQ(FindIdColumn({"name", "email", "dob"}), "");
}

TEST(InferSettings, Febrl1RolesAndIdColumn) {
  Table febrl = ReadShared("febrl/dataset1.csv");
  ASSERT_EQ(febrl.num_rows(), 1000u);
  auto settings = InferSettings({&febrl});
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->id_column, "rec_id");
  EXPECT_EQ(settings->link_type, LinkType::kDedupe);

  const ColumnSettings* given = FindColumn(*settings, "given_name");
  ASSERT_NE(given, nullptr);
  EXPECT_EQ(given->role, ColumnRole::kGivenName);
  const ColumnSettings* surname = FindColumn(*settings, "surname");
  ASSERT_NE(surname, nullptr);
  EXPECT_EQ(surname->role, ColumnRole::kFamilyName);
  const ColumnSettings* dob = FindColumn(*settings, "date_of_birth");
  ASSERT_NE(dob, nullptr);
  EXPECT_EQ(dob->role, ColumnRole::kBirthDate);
  EXPECT_EQ(dob->type, ColumnType::kDate);
  const ColumnSettings* ssn = FindColumn(*settings, "soc_sec_id");
  ASSERT_NE(ssn, nullptr);
  EXPECT_EQ(ssn->role, ColumnRole::kIdentifier);
  const ColumnSettings* postcode = FindColumn(*settings, "postcode");
  ASSERT_NE(postcode, nullptr);
  EXPECT_EQ(postcode->role, ColumnRole::kPostcode);
  EXPECT_EQ(FindColumn(*settings, "rec_id"), nullptr);

  // A comparison per column, each a valid ladder of levels, and the whole passes validation.
  EXPECT_EQ(settings->comparisons.size(), settings->columns.size());
  EXPECT_TRUE(ValidateSettings(*settings, {&febrl}).ok());
}

TEST(InferSettings, Febrl1BlockingRulesFitTheBudget) {
  Table febrl = ReadShared("febrl/dataset1.csv");
  for (uint64_t budget : {2'000u, 20'000u}) {
    AutoSettingsOptions options;
    options.pair_budget_per_rule = budget;
    auto settings = InferSettings({&febrl}, options);
    ASSERT_TRUE(settings.ok()) << settings.status();
    ASSERT_FALSE(settings->blocking_rules.empty());
    auto prepared = Prepare({&febrl}, *settings);
    ASSERT_TRUE(prepared.ok()) << prepared.status();
    std::vector<RuleCount> counts =
        CountPairs(*prepared, settings->blocking_rules, settings->link_type);
    for (const RuleCount& count : counts) {
      EXPECT_GT(count.pairs, 0u) << count.rule;
      EXPECT_LE(count.pairs, budget) << count.rule;
    }
  }
}

TEST(InferSettings, DefaultBudgetHoldsOnFebrl3) {
  Table febrl = ReadShared("febrl/dataset3.csv");
  ASSERT_EQ(febrl.num_rows(), 5000u);
  auto settings = InferSettings({&febrl});
  ASSERT_TRUE(settings.ok()) << settings.status();
  auto prepared = Prepare({&febrl}, *settings);
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  // The documented default budget: max(1,000,000, 200 x records), of 12.5 million pairs.
  const uint64_t budget = std::max<uint64_t>(1'000'000, 200 * febrl.num_rows());
  for (const RuleCount& count :
       CountPairs(*prepared, settings->blocking_rules, settings->link_type)) {
    EXPECT_GT(count.pairs, 0u) << count.rule;
    EXPECT_LE(count.pairs, budget) << count.rule;
  }
}

TEST(InferSettings, PairBudgetChoosesRulesByTheKnownMatchesTheyFind) {
  // FEBRL3: 5000 records, 2000 originals with up to 5 duplicates each (rec-N-org,
  // rec-N-dup-k). The rules taken from broad to specific find more than 20,000 pairs
  // together; within a budget of 4 pairs a record the rules are chosen by the known matches
  // (the pairs the identifier finds) they join, and still find nearly every duplicate.
  Table febrl = ReadShared("febrl/dataset3.csv");
  AutoSettingsOptions options;
  options.id_column = "rec_id";
  options.pair_budget = 20'000;
  auto settings = InferSettings({&febrl}, options);
  ASSERT_TRUE(settings.ok()) << settings.status();
  auto broad = InferSettings({&febrl}, AutoSettingsOptions{.id_column = "rec_id"});
  ASSERT_TRUE(broad.ok()) << broad.status();
  auto prepared = Prepare({&febrl}, *settings);
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  uint64_t sum = 0, broad_sum = 0;
  for (const RuleCount& count : CountPairs(*prepared, settings->blocking_rules, settings->link_type)) {
    sum += count.pairs;
  }
  for (const RuleCount& count : CountPairs(*prepared, broad->blocking_rules, broad->link_type)) {
    broad_sum += count.pairs;
  }
  EXPECT_GT(broad_sum, 20'000u);
  EXPECT_LE(sum, 20'000u);
  ASSERT_FALSE(settings->blocking_rules.empty());
  EXPECT_EQ(settings->blocking_rules[0].ToString(), "soc_sec_id");
  // The person of each record, from its id.
  std::vector<int64_t> person;
  std::map<std::string, int64_t> ids;
  for (uint32_t r = 0; r < prepared->num_records(); ++r) {
    const std::string_view id = prepared->ids.value(r);
    const size_t first = id.find('-'), second = id.find('-', first + 1);
    person.push_back(ids.try_emplace(std::string(id.substr(first + 1, second - first - 1)),
                                     static_cast<int64_t>(ids.size())).first->second);
  }
  BlockingAnalysisOptions analysis_options;
  analysis_options.truth = person;
  const BlockingAnalysis analysis =
      AnalyseBlocking(*prepared, settings->blocking_rules, analysis_options);
  ASSERT_GT(analysis.true_pairs, 6000u);
  const double recall =
      static_cast<double>(analysis.rules.back().cumulative_true_pairs) / analysis.true_pairs;
  EXPECT_GT(recall, 0.97) << analysis.rules.back().cumulative_true_pairs << " of "
                          << analysis.true_pairs;
}

TEST(InferSettings, LabelColumnClusterIsNeverUsed) {
  Table fake = ReadShared("splink/fake_1000.csv");
  ASSERT_GE(fake.ColumnIndex("cluster"), 0);
  auto settings = InferSettings({&fake});
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->id_column, "unique_id");
  for (const std::string& column : ColumnsRead(*settings, {&fake})) {
    EXPECT_NE(column, "cluster");
  }
  for (const auto& rules :
       {settings->blocking_rules, settings->deterministic_rules, settings->training_rules}) {
    for (const BlockingRule& rule : rules) {
      for (const BlockingKeyPart& part : rule.parts) EXPECT_NE(part.column, "cluster");
    }
  }
  for (const ComparisonSpec& comparison : settings->comparisons) {
    EXPECT_NE(comparison.column, "cluster");
  }
  // What it does use: the names, dob (a date), city and email.
  ASSERT_NE(FindColumn(*settings, "email"), nullptr);
  EXPECT_EQ(FindColumn(*settings, "email")->role, ColumnRole::kEmail);
  ASSERT_NE(FindColumn(*settings, "dob"), nullptr);
  EXPECT_EQ(FindColumn(*settings, "dob")->type, ColumnType::kDate);
}

TEST(InferSettings, NameColumnsDifferingBySourceMakeAFullName) {
  Table crm = MakeTable("crm", {"id", "first_name", "last_name", "email"},
                        {{"c1", "Katarzyna", "Nowak", "k.nowak@example.pl"},
                         {"c2", "Jan", "Kowalski", "jan.kowalski@example.pl"},
                         {"c3", "Anna", "Wiśniewska", std::nullopt},
                         {"c4", "Piotr", "Wójcik", "pwojcik@example.com"},
                         {"c5", "Maria", "Kowalczyk", "maria.k@example.com"}});
  Table social = MakeTable("social", {"id", "display_name", "email"},
                           {{"s1", "Katarzyna Nowak", "kasia.nowak@example.pl"},
                            {"s2", "Jan Kowalski", "jan.kowalski@example.pl"},
                            {"s3", "Ania Wisniewska", "ania.w@example.com"},
                            {"s4", "Tomasz Lewandowski", "tlewandowski@example.com"}});
  AutoSettingsOptions options;
  options.link_type = LinkType::kLinkOnly;
  auto settings = InferSettings({&crm, &social}, options);
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->id_column, "id");
  EXPECT_EQ(settings->link_type, LinkType::kLinkOnly);

  const ColumnSettings* full = FindColumn(*settings, "full_name");
  ASSERT_NE(full, nullptr);
  EXPECT_EQ(full->role, ColumnRole::kFullName);
  const std::map<std::string, std::vector<std::string>> expected_inputs = {
      {"crm", {"first_name", "last_name"}}, {"social", {"display_name"}}};
  EXPECT_EQ(full->inputs, expected_inputs);
  EXPECT_EQ(full->InputsFor("crm"), (std::vector<std::string>{"first_name", "last_name"}));
  // Given and family names exist in one source only, so they are not compared.
  EXPECT_EQ(FindColumn(*settings, "first_name"), nullptr);
  EXPECT_EQ(FindColumn(*settings, "last_name"), nullptr);
  // Email is in both under the same name: a plain column.
  const ColumnSettings* email = FindColumn(*settings, "email");
  ASSERT_NE(email, nullptr);
  EXPECT_TRUE(email->inputs.empty());
  EXPECT_TRUE(ValidateSettings(*settings, {&crm, &social}).ok());

  // Prepared, the CRM name is the two inputs joined.
  auto prepared = Prepare({&crm, &social}, *settings);
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  const PreparedColumn& column = prepared->columns[prepared->ColumnIndex("full_name")];
  EXPECT_EQ(column.folded(0), "katarzyna nowak");
  EXPECT_EQ(column.codes[0], column.codes[5]);  // crm c1 and social s1
}

// Twins share a family name and a date of birth: the middle name and the sex are what tells
// them apart, so they are compared (exactly) whatever language names the column.
TEST(InferSettings, MiddleNameAndSexAreCompared) {
  Table census = MakeTable(
      "census", {"id", "imie", "drugie_imie", "nazwisko", "data_urodzenia", "plec"},
      {{"c1", "Zofia", "M", "Wiśniewska", "2018-12-04", "K"},
       {"c2", "Jakub", "T", "Wiśniewski", "2018-12-04", "M"},
       {"c3", "Zbigniew", std::nullopt, "Szczepański", "1961-03-30", "M"}});
  Table registry = MakeTable(
      "registry", {"id", "Vorname", "zweiter_vorname", "Nachname", "Geburtsdatum", "Geschlecht"},
      {{"r1", "Zofia", "M", "Wiśniewska", "2018-12-04", "K"},
       {"r2", "Jakub", "T", "Wiśniewski", "04.12.2018", "M"},
       {"r3", "Zbigniew", "J", "Szczepański", "30.03.1961", "M"}});
  auto settings = InferSettings({&census, &registry}, {.link_type = LinkType::kLinkOnly});
  ASSERT_TRUE(settings.ok()) << settings.status();
  std::map<ColumnRole, const ColumnSettings*> by_role;
  for (const auto& column : settings->columns) by_role[column.role] = &column;
  ASSERT_TRUE(by_role.count(ColumnRole::kMiddleName));
  ASSERT_TRUE(by_role.count(ColumnRole::kSex));
  EXPECT_EQ(by_role[ColumnRole::kMiddleName]->InputsFor("registry"),
            std::vector<std::string>{"zweiter_vorname"});
  EXPECT_EQ(by_role[ColumnRole::kSex]->InputsFor("census"), std::vector<std::string>{"plec"});
  for (const auto& comparison : settings->comparisons) {
    if (comparison.column != by_role[ColumnRole::kSex]->name &&
        comparison.column != by_role[ColumnRole::kMiddleName]->name) {
      continue;
    }
    ASSERT_EQ(comparison.levels.size(), 3u) << comparison.column;
    EXPECT_EQ(comparison.levels[1].kind, LevelKind::kExact);
  }
  // Neither is specific enough to block or to link on alone.
  for (const auto& rule : settings->blocking_rules) {
    for (const auto& part : rule.parts) {
      EXPECT_NE(part.column, by_role[ColumnRole::kSex]->name);
      EXPECT_NE(part.column, by_role[ColumnRole::kMiddleName]->name);
    }
  }
  EXPECT_TRUE(ValidateSettings(*settings, {&census, &registry}).ok());
}

// ---- Phones, dates of birth, places, platforms (docs/contacts.md).

ComparisonSpec ComparisonOf(const Settings& settings, std::string_view column) {
  for (const auto& comparison : settings.comparisons) {
    if (comparison.column == column) return comparison;
  }
  ADD_FAILURE() << "no comparison of " << column;
  return {};
}

std::vector<LevelKind> KindsOf(const ComparisonSpec& comparison) {
  std::vector<LevelKind> kinds;
  for (const auto& level : comparison.levels) kinds.push_back(level.kind);
  return kinds;
}

TEST(InferSettings, BundledSampleRolesAcrossDifferentlyNamedColumns) {
  const std::string data = std::string(SAMEAS_SOURCE_DIR) + "/bindings/python/sameas/data/";
  auto crm = ReadCsv(data + "sample_crm.csv");
  auto social = ReadCsv(data + "sample_social.csv");
  ASSERT_TRUE(crm.ok() && social.ok());
  crm->source = "crm";
  social->source = "social";
  AutoSettingsOptions options;
  options.link_type = LinkType::kLinkAndDedupe;
  auto settings = InferSettings({&*crm, &*social}, options);
  ASSERT_TRUE(settings.ok()) << settings.status();

  // The CRM's city against the profile's free-text location, country columns for the country.
  const ColumnSettings* city = FindColumn(*settings, "city");
  ASSERT_NE(city, nullptr);
  EXPECT_EQ(city->role, ColumnRole::kCity);
  EXPECT_EQ(city->InputsFor("social"), (std::vector<std::string>{"location"}));
  EXPECT_EQ(city->country_columns, (std::vector<std::string>{"country"}));
  EXPECT_EQ(KindsOf(ComparisonOf(*settings, "city")),
            (std::vector<LevelKind>{LevelKind::kNull, LevelKind::kExact, LevelKind::kSameCity,
                                    LevelKind::kJaroWinkler, LevelKind::kSameCountry,
                                    LevelKind::kElse}));
  // The profile's birth year against the CRM's date of birth, with the year levels.
  const ColumnSettings* born = FindColumn(*settings, "birth_date");
  ASSERT_NE(born, nullptr);
  EXPECT_EQ(born->type, ColumnType::kDate);
  EXPECT_EQ(born->InputsFor("crm"), (std::vector<std::string>{"date_of_birth"}));
  EXPECT_EQ(born->InputsFor("social"), (std::vector<std::string>{"birth_year"}));
  const std::vector<LevelKind> date_levels = KindsOf(ComparisonOf(*settings, "birth_date"));
  EXPECT_EQ(date_levels[2], LevelKind::kDayMonthSwapped);
  EXPECT_EQ(date_levels[date_levels.size() - 3], LevelKind::kYearWithin);
  EXPECT_EQ(date_levels[date_levels.size() - 2], LevelKind::kYearWithin);
  // The platform is not compared; it names the column of one account per network.
  EXPECT_EQ(FindColumn(*settings, "platform"), nullptr);
  EXPECT_EQ(settings->unique_per, (std::vector<std::string>{"platform"}));
  EXPECT_TRUE(ValidateSettings(*settings, {&*crm, &*social}).ok());
}

TEST(InferSettings, ContactRolesByNameInFiveLanguagesAndByContent) {
  Table kunden = MakeTable(
      "kunden", {"kundennummer_id", "vorname", "nachname", "telefonnummer", "geburtsjahr",
                 "wohnort", "land", "plattform"},
      {{"k1", "Jürgen", "Müller", "0151 23456789", "1984", "München", "Deutschland", "x"},
       {"k2", "Anna", "Schmidt", "+49 170 1234567", "1990", "Köln", "DE", "instagram"}});
  Table klienci = MakeTable(
      "klienci", {"klient_id", "imie", "nazwisko", "nr_telefonu", "data_urodzenia", "miasto",
                  "kraj", "kontakt", "rok", "gdzie"},
      {{"p1", "Katarzyna", "Nowak", "697 725 942", "1984-03-07", "Warszawa", "Polska",
        "+48 601 234 567", "1984", "Kraków, Polska"},
       {"p2", "Jan", "Kowalski", "601-234-567", "07.03.1990", "Kraków", "PL", "0048 697 725 942",
        "1990", "Warsaw 🇵🇱"}});
  EXPECT_EQ(InferColumn(kunden, 3).role, ColumnRole::kPhone);
  EXPECT_EQ(InferColumn(kunden, 4).role, ColumnRole::kBirthYear);
  EXPECT_EQ(InferColumn(kunden, 4).type, ColumnType::kDate);
  EXPECT_EQ(InferColumn(kunden, 5).role, ColumnRole::kCity);
  EXPECT_EQ(InferColumn(kunden, 6).role, ColumnRole::kCountry);
  EXPECT_EQ(InferColumn(kunden, 7).role, ColumnRole::kPlatform);
  EXPECT_EQ(InferColumn(klienci, 3).role, ColumnRole::kPhone);
  EXPECT_EQ(InferColumn(klienci, 4).role, ColumnRole::kBirthDate);
  EXPECT_EQ(InferColumn(klienci, 5).role, ColumnRole::kCity);
  EXPECT_EQ(InferColumn(klienci, 6).role, ColumnRole::kCountry);
  // By content: an unnamed phone column, a year column, a free-text location.
  EXPECT_EQ(InferColumn(klienci, 7).role, ColumnRole::kPhone);
  EXPECT_EQ(InferColumn(klienci, 8).role, ColumnRole::kBirthYear);
  EXPECT_EQ(InferColumn(klienci, 9).role, ColumnRole::kCity);
  Table orang = MakeTable("orang", {"id", "nama", "no_hp", "tanggal_lahir", "kota", "negara"},
                          {{"i1", "Budi Santoso", "0812-3456-7890", "1984-03-07", "Jogja",
                            "Indonesia"}});
  EXPECT_EQ(InferColumn(orang, 2).role, ColumnRole::kPhone);
  EXPECT_EQ(InferColumn(orang, 3).role, ColumnRole::kBirthDate);
  EXPECT_EQ(InferColumn(orang, 4).role, ColumnRole::kCity);
  EXPECT_EQ(InferColumn(orang, 5).role, ColumnRole::kCountry);
  Table ugyfelek = MakeTable("ugyfelek", {"id", "telefonszam", "szuletesi_datum", "varos"},
                             {{"h1", "06 30 004 6063", "1984. március 7.", "Budapest"}});
  EXPECT_EQ(InferColumn(ugyfelek, 1).role, ColumnRole::kPhone);
  EXPECT_EQ(InferColumn(ugyfelek, 2).role, ColumnRole::kBirthDate);
  EXPECT_EQ(InferColumn(ugyfelek, 3).role, ColumnRole::kCity);
}

TEST(InferSettings, HandlesAndEmailsAreComparedWithTheOtherSidesName) {
  Table crm = MakeTable("crm", {"customer_id", "first_name", "last_name", "email", "date_of_birth"},
                        {{"c1", "Katarzyna", "Wójcik", "k.wojcik@wp.pl", "1984-03-07"},
                         {"c2", "Jan", "Kowalski", "jan.kowalski@firma.com.pl", "1975-11-02"},
                         {"c3", "Edit", "Nagy", std::nullopt, "1990-01-16"},
                         {"c4", "Jürgen", "Müller", "jmueller@gmx.de", "1962-08-30"},
                         {"c5", "Budi", "Santoso", "budi.santoso@gmail.com", "1988-05-23"}});
  // "konto" is no role name: the column is a handle by its contents.
  Table social = MakeTable("social", {"account_id", "konto", "display_name"},
                           {{"s1", "kasia_wojcik84", "Kasia W. ✨"},
                            {"s2", "jkowalski", "Jan Kowalski | IT"},
                            {"s3", "nagyedit90", "Nagy Edit"},
                            {"s4", "juergen.mueller", "Jürgen"},
                            {"s5", "its_budi", "Budi 🇮🇩"},
                            {"s6", "sunny_rider_22", "sunny rider"}});
  EXPECT_EQ(InferColumn(social, 1).role, ColumnRole::kHandle);
  EXPECT_EQ(InferColumn(social, 2).role, ColumnRole::kFullName);
  AutoSettingsOptions options;
  options.link_type = LinkType::kLinkOnly;
  auto settings = InferSettings({&crm, &social}, options);
  ASSERT_TRUE(settings.ok()) << settings.status();
  // The handle and the birth date exist on one side each: columns that the other side leaves
  // empty, with no comparison of their own.
  const ColumnSettings* handle = FindColumn(*settings, "handle");
  ASSERT_NE(handle, nullptr);
  EXPECT_EQ(handle->role, ColumnRole::kHandle);
  EXPECT_TRUE(handle->InputsFor("crm").empty());
  EXPECT_EQ(handle->InputsFor("social"), std::vector<std::string>{"konto"});
  auto comparison = [&](const std::string& name) -> const ComparisonSpec* {
    for (const auto& c : settings->comparisons) {
      if (c.name == name) return &c;
    }
    return nullptr;
  };
  EXPECT_EQ(comparison("handle"), nullptr);
  EXPECT_EQ(comparison("birth_date"), nullptr);
  const ComparisonSpec* handle_name = comparison("handle_name");
  ASSERT_NE(handle_name, nullptr);
  EXPECT_EQ(handle_name->column, "handle");
  EXPECT_EQ(handle_name->against, "full_name");
  EXPECT_EQ(handle_name->levels[1].kind, LevelKind::kHandleFullName);
  // The handle's year digits against the birth date (kasia_wojcik84, born 1984).
  const ComparisonSpec* handle_year = comparison("handle_birth_year");
  ASSERT_NE(handle_year, nullptr);
  EXPECT_EQ(handle_year->column, "handle");
  EXPECT_EQ(handle_year->against, "birth_date");
  EXPECT_EQ(handle_year->levels[1].kind, LevelKind::kBirthYear);
  // The email against the name is a settings type, not chosen automatically.
  EXPECT_EQ(comparison("email_name"), nullptr);
  EXPECT_EQ(comparison("email_domain"), nullptr);
  ASSERT_TRUE(ValidateSettings(*settings, {&crm, &social}).ok());

  // The settings survive JSON.
  auto again = SettingsFromJson(SettingsToJson(*settings), "settings.json");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(SettingsToJson(*again), SettingsToJson(*settings));

  // Compared: each CRM customer meets their own account's handle at a handle level.
  auto prepared = Prepare({&crm, &social}, *settings);
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  auto comparer = Comparer::Create(*prepared, settings->comparisons);
  ASSERT_TRUE(comparer.ok()) << comparer.status();
  size_t c = 0;
  while (settings->comparisons[c].name != "handle_name") ++c;
  auto level = [&](uint32_t crm_record, uint32_t social_record) {
    return settings->comparisons[c].levels[comparer->Level(c, crm_record, 5 + social_record)].kind;
  };
  // What each handle says beyond its own display name (compare.cc): the family name that
  // "Kasia W. ✨" and "Jürgen" leave out; nothing beside a display name that shows as much.
  EXPECT_EQ(level(0, 0), LevelKind::kHandleFamilyOnly);  // Katarzyna Wójcik / kasia_wojcik84
  EXPECT_EQ(level(1, 1), LevelKind::kNull);              // jkowalski, "Jan Kowalski | IT"
  EXPECT_EQ(level(2, 2), LevelKind::kNull);              // nagyedit90, "Nagy Edit"
  EXPECT_EQ(level(3, 3), LevelKind::kHandleFamilyOnly);  // Jürgen Müller / juergen.mueller
  EXPECT_EQ(level(4, 4), LevelKind::kNull);              // its_budi, "Budi 🇮🇩"
  EXPECT_EQ(level(0, 5), LevelKind::kNull);              // sunny_rider_22, "sunny rider"
  EXPECT_EQ(level(0, 1), LevelKind::kNull);
}

TEST(Settings, HandleLevelsNeedAgainstANameColumn) {
  Table table = MakeTable("t", {"id", "handle", "name"}, {{"1", "jan.kowalski", "Jan Kowalski"}});
  Settings settings;
  settings.id_column = "id";
  settings.columns = {{"handle", ColumnRole::kHandle, ColumnType::kText, {}},
                      {"name", ColumnRole::kFullName, ColumnType::kText, {}}};
  settings.blocking_rules = {*BlockingRule::Parse("name")};
  ComparisonSpec spec;
  spec.name = "handle_name";
  spec.column = "handle";
  spec.levels = {{LevelKind::kNull}, {LevelKind::kHandleFullName}, {LevelKind::kElse}};
  settings.comparisons = {spec};
  absl::Status status = ValidateSettings(settings, {&table});
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("against"));
  settings.comparisons[0].against = "handle";
  status = ValidateSettings(settings, {&table});
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("role handle"));
  settings.comparisons[0].against = "name";
  EXPECT_TRUE(ValidateSettings(settings, {&table}).ok());
}

TEST(InferSettings, NoIdColumnIsAnErrorNamingTheColumns) {
  Table table = MakeTable("people", {"name", "email"}, {{"Jan Kowalski", "jan@example.pl"}});
  auto settings = InferSettings({&table});
  ASSERT_FALSE(settings.ok());
  EXPECT_THAT(std::string(settings.status().message()),
              AllOf(HasSubstr("people.csv"), HasSubstr("email")));
}

}  // namespace
}  // namespace sameas
