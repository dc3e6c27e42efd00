// Golden profiles: each survivorship rule picks the value it promises, ties are broken by
// source priority then input order, every value names the records it came from, and the
// automatic rules follow the column roles.
#include "sameas/merge/profiles.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "sameas/io/csv.h"
#include "sameas/pipeline/threads.h"

namespace sameas {
namespace {

Table MakeTable(std::string source, std::vector<std::string> names,
                std::vector<std::vector<const char*>> rows) {
  Table table;
  table.source = source;
  table.origin = source + ".csv";
  for (auto& name : names) table.columns.emplace_back(name);
  for (const auto& row : rows) {
    for (size_t c = 0; c < names.size(); ++c) {
      if (row[c] == nullptr) {
        table.columns[c].AppendNull();
      } else {
        table.columns[c].Append(row[c]);
      }
    }
  }
  return table;
}

// A CRM with two rows and a social table with three, all one person unless said otherwise.
struct Fixture {
  std::vector<Table> tables;
  PreparedTable prepared;
  Clusters clusters;

  Fixture() {
    tables.push_back(
        MakeTable("crm", {"customer_id", "first_name", "last_name", "email", "phone", "updated_at"},
                  {{"C1", "Katarzyna", "Nowak", "k.nowak@wp.pl", "+48 601 234 567", "2021-05-01"},
                   {"C2", "Kasia", "Nowak", "kasia@gmail.com", nullptr, "2023-01-10T08:00:00"}}));
    tables.push_back(
        MakeTable("social", {"account_id", "platform", "handle", "display_name", "email", "city"},
                  {{"S1", "instagram", "kasia.nowak", "Kasia Nowak", "kasia@gmail.com", "Warszawa"},
                   {"S2", "X", "knowak84", "Katarzyna Nowak-Kowalska", "", "warszawa"},
                   {"S3", "x", "kasia_n", "kasia nowak", nullptr, "Kraków"}}));
    prepared.sources = {"crm", "social"};
    prepared.source = {0, 0, 1, 1, 1};
    prepared.row = {0, 1, 0, 1, 2};
    for (auto id : {"C1", "C2", "S1", "S2", "S3"}) prepared.ids.Append(id);
    clusters.cluster_of = {0, 0, 0, 0, 0};
    clusters.num_clusters = 1;
  }

  std::vector<ProfileValue> Field(const FieldRule& rule) {
    ProfileSettings settings;
    settings.fields.push_back(rule);
    absl::StatusOr<Profiles> profiles = BuildProfiles(tables, prepared, clusters, settings);
    EXPECT_TRUE(profiles.ok()) << profiles.status();
    if (!profiles.ok()) return {};
    return profiles->values[0][0];
  }
};

FieldRule Rule(std::string name, Survivorship rule) {
  FieldRule f;
  f.name = std::move(name);
  f.rule = rule;
  return f;
}

TEST(Survivorship, MostFrequentCountsFoldedValuesAndKeepsTheFirstSpelling) {
  Fixture f;
  // "Warszawa" twice (once lower case), "Kraków" once.
  auto values = f.Field(Rule("city", Survivorship::kMostFrequent));
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(values[0].value, "Warszawa");
  EXPECT_EQ(values[0].records, (std::vector<uint32_t>{2, 3}));
}

TEST(Survivorship, MostFrequentTieGoesToTheFirstRecordInPriorityOrder) {
  Fixture f;
  FieldRule rule = Rule("name", Survivorship::kMostFrequent);
  rule.inputs = {{"crm", {"first_name"}}, {"social", {"display_name"}}};
  // Every value differs after folding except "Kasia Nowak" / "kasia nowak" (twice): it wins.
  auto values = f.Field(rule);
  EXPECT_EQ(values[0].value, "Kasia Nowak");
  EXPECT_EQ(values[0].records, (std::vector<uint32_t>{2, 4}));
  // All values distinct: the first record in priority order wins; social first here.
  rule.inputs = {{"crm", {"last_name"}}, {"social", {"handle"}}};
  rule.source_priority = {"social"};
  values = f.Field(rule);
  EXPECT_EQ(values[0].value, "Nowak");  // twice in the CRM beats each handle's once
  rule.inputs = {{"crm", {"customer_id"}}, {"social", {"handle"}}};
  values = f.Field(rule);
  EXPECT_EQ(values[0].value, "kasia.nowak");
}

TEST(Survivorship, SourcePriorityTakesTheBestSourceThatHasAValue) {
  Fixture f;
  FieldRule rule = Rule("full_name", Survivorship::kSourcePriority);
  rule.inputs = {{"crm", {"first_name", "last_name"}}, {"social", {"display_name"}}};
  auto values = f.Field(rule);
  // The CRM is first by input order; within it the two values tie: the first row wins, even
  // though the social table says "Kasia Nowak" twice.
  EXPECT_EQ(values[0].value, "Katarzyna Nowak");
  EXPECT_EQ(values[0].records, (std::vector<uint32_t>{0}));
  rule.source_priority = {"social"};
  values = f.Field(rule);
  EXPECT_EQ(values[0].value, "Kasia Nowak");
  // Provenance lists every record that holds the value, CRM row C2 included.
  EXPECT_EQ(values[0].records, (std::vector<uint32_t>{2, 4, 1}));
}

TEST(Survivorship, MostRecentFollowsTheTimestampColumn) {
  Fixture f;
  FieldRule rule = Rule("first_name", Survivorship::kMostRecent);
  rule.timestamp = "updated_at";
  auto values = f.Field(rule);
  EXPECT_EQ(values[0].value, "Kasia");
  EXPECT_EQ(values[0].records, (std::vector<uint32_t>{1}));
}

TEST(Survivorship, MostRecentWithoutATimestampColumnIsAnError) {
  Fixture f;
  FieldRule rule = Rule("first_name", Survivorship::kMostRecent);
  ProfileSettings settings{{rule}};
  absl::Status status = BuildProfiles(f.tables, f.prepared, f.clusters, settings).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(status.message()).find("'first_name'"), std::string::npos);
}

TEST(Survivorship, LongestCountsCharactersNotBytes) {
  Fixture f;
  FieldRule rule = Rule("name", Survivorship::kLongest);
  rule.inputs = {{"social", {"display_name"}}};
  EXPECT_EQ(f.Field(rule)[0].value, "Katarzyna Nowak-Kowalska");
  // "Kraków" is 6 characters (7 bytes); "Warszawa" is 8.
  EXPECT_EQ(f.Field(Rule("city", Survivorship::kLongest))[0].value, "Warszawa");
}

TEST(Survivorship, FirstNonEmptySkipsEmptyAndMissingValues) {
  Fixture f;
  FieldRule rule = Rule("email", Survivorship::kFirstNonEmpty);
  rule.source_priority = {"social"};
  auto values = f.Field(rule);
  EXPECT_EQ(values[0].value, "kasia@gmail.com");
  EXPECT_EQ(values[0].records, (std::vector<uint32_t>{2, 1}));
}

TEST(Survivorship, AllKeepsEveryDistinctValueWithItsRecords) {
  Fixture f;
  auto values = f.Field(Rule("email", Survivorship::kAll));
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0].value, "k.nowak@wp.pl");
  EXPECT_EQ(values[0].records, (std::vector<uint32_t>{0}));
  EXPECT_EQ(values[1].value, "kasia@gmail.com");
  EXPECT_EQ(values[1].records, (std::vector<uint32_t>{1, 2}));
}

TEST(Survivorship, AllPerPlatformKeepsOneHandlePerPlatform) {
  Fixture f;
  FieldRule rule = Rule("handle", Survivorship::kAll);
  rule.per = "platform";
  auto values = f.Field(rule);
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0].per, "instagram");
  EXPECT_EQ(values[0].value, "kasia.nowak");
  EXPECT_EQ(values[1].per, "x");  // "X" and "x" are one platform; the first account wins
  EXPECT_EQ(values[1].value, "knowak84");
  EXPECT_EQ(values[1].records, (std::vector<uint32_t>{3}));
}

TEST(Profiles, OneProfilePerClusterAndSourcesWithoutTheColumnGiveNoValue) {
  Fixture f;
  f.clusters.cluster_of = {0, 1, 1, 0, 2};
  f.clusters.num_clusters = 3;
  ProfileSettings settings{{Rule("phone", Survivorship::kAll)}};
  absl::StatusOr<Profiles> profiles = BuildProfiles(f.tables, f.prepared, f.clusters, settings);
  ASSERT_TRUE(profiles.ok()) << profiles.status();
  ASSERT_EQ(profiles->num_entities(), 3u);
  EXPECT_EQ(profiles->values[0][0].size(), 1u);
  EXPECT_TRUE(profiles->values[1][0].empty());  // C2 has no phone, S1 no phone column
  EXPECT_EQ(profiles->records[1], (std::vector<uint32_t>{1, 2}));
}

TEST(Profiles, UnknownColumnOrSourceIsAnErrorNamingIt) {
  Fixture f;
  FieldRule rule = Rule("name", Survivorship::kMostFrequent);
  rule.inputs = {{"crm", {"frist_name"}}};
  absl::Status status = BuildProfiles(f.tables, f.prepared, f.clusters, {{rule}}).status();
  EXPECT_NE(std::string(status.message()).find("'frist_name'"), std::string::npos);
  rule.inputs.clear();
  rule.source_priority = {"erp"};
  status = BuildProfiles(f.tables, f.prepared, f.clusters, {{rule}}).status();
  EXPECT_NE(std::string(status.message()).find("'name'"), std::string::npos);  // no such column
  FieldRule ok = Rule("email", Survivorship::kAll);
  ok.source_priority = {"erp"};
  status = BuildProfiles(f.tables, f.prepared, f.clusters, {{ok}}).status();
  EXPECT_NE(std::string(status.message()).find("'erp'"), std::string::npos);
}

// --- profiles.csv written from C++ ------------------------------------------------------

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The fixture's five records repeated into many people, a few sharing a cluster, so that the
// writer's chunks of clusters are several and of unequal work.
struct ManyPeople {
  std::vector<Table> tables;
  PreparedTable prepared;
  Clusters clusters;
  ProfileSettings settings;

  explicit ManyPeople(uint32_t people) {
    const std::vector<const char*> given = {"Katarzyna", "Kasia", "Ödön", "Zoë", "Łukasz"};
    const std::vector<const char*> family = {"Nowak", "Szőke", "O'Brien, Jr.", "Wiśniewski"};
    const std::vector<const char*> platform = {"instagram", "X", "x", "tiktok"};
    Table crm, social;
    crm.source = "crm";
    social.source = "social";
    for (auto name : {"customer_id", "first_name", "last_name", "email"}) crm.columns.emplace_back(name);
    for (auto name : {"account_id", "platform", "handle", "city"}) social.columns.emplace_back(name);
    prepared.sources = {"crm", "social"};
    std::vector<uint32_t> crm_cluster, social_cluster;
    uint32_t cluster = 0;
    for (uint32_t p = 0; p < people; ++p) {
      // Every seventh person has no CRM row; every third has two social accounts.
      if (p % 7 != 0) {
        crm.columns[0].Append(fmt::format("C{}", p));
        crm.columns[1].Append(given[p % given.size()]);
        crm.columns[2].Append(family[p % family.size()]);
        if (p % 5 == 0) {
          crm.columns[3].AppendNull();
        } else {
          crm.columns[3].Append(fmt::format("p{}@example.pl", p));
        }
        crm_cluster.push_back(cluster);
      }
      for (uint32_t a = 0; a < 1 + (p % 3 == 0); ++a) {
        social.columns[0].Append(fmt::format("S{}-{}", p, a));
        social.columns[1].Append(platform[(p + a) % platform.size()]);
        social.columns[2].Append(fmt::format("{}_{}", given[(p + a) % given.size()], p));
        social.columns[3].Append(p % 4 == 0 ? "Köln\nDeutz" : "Kraków, \"Stare Miasto\"");
        social_cluster.push_back(cluster);
      }
      ++cluster;
    }
    for (auto* table : {&crm, &social}) {
      const uint16_t t = table == &crm ? 0 : 1;
      const auto& ids = table->columns[0];
      for (uint32_t row = 0; row < ids.size(); ++row) {
        prepared.source.push_back(t);
        prepared.row.push_back(row);
        prepared.ids.Append(ids.value(row));
      }
    }
    tables = {std::move(crm), std::move(social)};
    clusters.cluster_of = crm_cluster;
    clusters.cluster_of.insert(clusters.cluster_of.end(), social_cluster.begin(),
                               social_cluster.end());
    // Renumber in order of each cluster's first record, as clustering numbers them.
    std::vector<uint32_t> renumber(cluster, UINT32_MAX);
    uint32_t next = 0;
    for (uint32_t& c : clusters.cluster_of) {
      if (renumber[c] == UINT32_MAX) renumber[c] = next++;
      c = renumber[c];
    }
    clusters.num_clusters = next;
    settings.fields = {Rule("first_name", Survivorship::kSourcePriority),
                       Rule("email", Survivorship::kAll), Rule("handle", Survivorship::kAll),
                       Rule("city", Survivorship::kMostFrequent)};
    settings.fields[2].per = "platform";
  }
};

TEST(WriteProfilesCsv, ReadsBackAsTheBuiltProfilesWhateverTheThreadCount) {
  ManyPeople many(20000);
  absl::StatusOr<Profiles> built =
      BuildProfiles(many.tables, many.prepared, many.clusters, many.settings);
  ASSERT_TRUE(built.ok()) << built.status();
  std::vector<int64_t> ids(many.clusters.num_clusters);
  for (size_t e = 0; e < ids.size(); ++e) ids[e] = static_cast<int64_t>(e) * 10 + 7;
  const CsvColumn id_column{"cluster_id", std::span<const int64_t>(ids)};
  const std::string dir = ::testing::TempDir();
  std::vector<std::string> texts;
  for (int threads : {1, 2}) {
    ScopedThreads scoped(threads);
    const std::string path = fmt::format("{}/profiles_{}.csv", dir, threads);
    absl::StatusOr<size_t> rows = WriteProfilesCsv(path, many.tables, many.prepared,
                                                   many.clusters, many.settings, id_column);
    ASSERT_TRUE(rows.ok()) << rows.status();
    EXPECT_EQ(*rows, many.clusters.num_clusters);
    texts.push_back(ReadFile(path));
  }
  EXPECT_EQ(texts[0], texts[1]);

  absl::StatusOr<Table> back = ReadCsv(fmt::format("{}/profiles_1.csv", dir));
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_EQ(back->num_rows(), built->num_entities());
  EXPECT_EQ(back->ColumnNames(),
            (std::vector<std::string>{"cluster_id", "records", "first_name", "first_name_from",
                                      "email", "email_from", "handle", "handle_from", "city",
                                      "city_from"}));
  auto name = [&](uint32_t r) {
    return fmt::format("{}:{}", many.prepared.sources[many.prepared.source[r]],
                       many.prepared.ids.value(r));
  };
  size_t several = 0, empty = 0;
  for (uint32_t e = 0; e < built->num_entities(); ++e) {
    ASSERT_EQ(back->columns[0].value(e), std::to_string(ids[e]));
    ASSERT_EQ(back->columns[1].value(e), std::to_string(built->records[e].size()));
    for (size_t f = 0; f < built->fields.size(); ++f) {
      std::vector<std::string> shown, origin;
      for (const ProfileValue& v : built->values[e][f]) {
        shown.push_back(v.per.empty() ? v.value : v.per + ":" + v.value);
        std::vector<std::string> holders;
        for (uint32_t r : v.records) holders.push_back(name(r));
        origin.push_back(fmt::format("{}", fmt::join(holders, " ")));
      }
      several += shown.size() > 1;
      const StringColumn& value = back->columns[2 + 2 * f];
      const StringColumn& from = back->columns[3 + 2 * f];
      if (shown.empty()) {
        ++empty;
        ASSERT_TRUE(value.is_null(e) && from.is_null(e)) << e;  // an empty field: no value
        continue;
      }
      ASSERT_EQ(value.value(e), fmt::format("{}", fmt::join(shown, " | "))) << e;
      ASSERT_EQ(from.value(e), fmt::format("{}", fmt::join(origin, " | "))) << e;
    }
  }
  EXPECT_GT(several, 1000u);  // joined values, records of both sources
  EXPECT_GT(empty, 1000u);    // people without a CRM row or an email
}

TEST(WriteProfilesCsv, WrongIdCountAndUnwritablePathAreErrors) {
  Fixture f;
  ProfileSettings settings{{Rule("email", Survivorship::kAll)}};
  std::vector<int64_t> ids = {1, 2};
  absl::StatusOr<size_t> rows =
      WriteProfilesCsv(::testing::TempDir() + "/p.csv", f.tables, f.prepared, f.clusters,
                       settings, {"cluster_id", std::span<const int64_t>(ids)});
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(std::string(rows.status().message()).find("2 cluster ids for 1 clusters"),
            std::string::npos);
  ids.resize(1);
  rows = WriteProfilesCsv("/nonexistent/folder/p.csv", f.tables, f.prepared, f.clusters, settings,
                          {"cluster_id", std::span<const int64_t>(ids)});
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(std::string(rows.status().message()).find("/nonexistent/folder/p.csv"),
            std::string::npos);
}

TEST(DefaultProfileSettings, RulesFollowRoles) {
  Fixture f;
  Settings settings;
  settings.id_column = "customer_id";
  settings.source_id_columns = {{"crm", "customer_id"}, {"social", "account_id"}};
  ColumnSettings name;
  name.name = "full_name";
  name.role = ColumnRole::kFullName;
  name.inputs = {{"crm", {"first_name", "last_name"}}, {"social", {"display_name"}}};
  ColumnSettings email;
  email.name = "email";
  email.role = ColumnRole::kEmail;
  settings.columns = {name, email};
  ProfileSettings rules = DefaultProfileSettings(f.tables, settings, {"platform"});
  std::map<std::string, FieldRule> by_name;
  for (const FieldRule& r : rules.fields) by_name[r.name] = r;
  EXPECT_EQ(by_name["full_name"].rule, Survivorship::kSourcePriority);
  EXPECT_EQ(by_name["full_name"].inputs.at("social"), (std::vector<std::string>{"display_name"}));
  EXPECT_EQ(by_name["email"].rule, Survivorship::kAll);
  EXPECT_EQ(by_name["first_name"].rule, Survivorship::kSourcePriority);
  EXPECT_EQ(by_name["phone"].rule, Survivorship::kAll);
  EXPECT_EQ(by_name["handle"].rule, Survivorship::kAll);
  EXPECT_EQ(by_name["handle"].per, "platform");
  EXPECT_EQ(by_name["city"].rule, Survivorship::kMostFrequent);
  // Ids, the platform itself and display_name (the sole social input of full_name) are no
  // fields of their own.
  EXPECT_FALSE(by_name.count("customer_id") || by_name.count("account_id") ||
               by_name.count("platform") || by_name.count("display_name"));
  // The rules build.
  EXPECT_TRUE(BuildProfiles(f.tables, f.prepared, f.clusters, rules).ok());
}

TEST(ProfileSettings, JsonRoundTripsAndNamesBadRules) {
  ProfileSettings settings;
  FieldRule rule = Rule("handle", Survivorship::kAll);
  rule.per = "platform";
  rule.inputs = {{"social", {"handle"}}};
  settings.fields = {rule, Rule("city", Survivorship::kLongest)};
  absl::StatusOr<ProfileSettings> back = ProfileSettingsFromJson(ProfileSettingsToJson(settings));
  ASSERT_TRUE(back.ok()) << back.status();
  ASSERT_EQ(back->fields.size(), 2u);
  EXPECT_EQ(back->fields[0].per, "platform");
  EXPECT_EQ(back->fields[0].inputs.at("social"), (std::vector<std::string>{"handle"}));
  EXPECT_EQ(back->fields[1].rule, Survivorship::kLongest);
  absl::Status status =
      ProfileSettingsFromJson(R"({"fields": [{"name": "city", "rule": "newest"}]})", "rules.json")
          .status();
  EXPECT_NE(std::string(status.message()).find("rules.json: fields[0]"), std::string::npos);
  EXPECT_NE(std::string(status.message()).find("'newest'"), std::string::npos);
}

TEST(ParseTimestamp, ReadsIsoDatesTimesZonesAndUnixSeconds) {
  EXPECT_EQ(ParseTimestamp("1970-01-02"), 86400);
  EXPECT_EQ(ParseTimestamp("1970-01-01T01:00:00Z"), 3600);
  EXPECT_EQ(ParseTimestamp("1970-01-01 02:00:00+01:00"), 3600);
  EXPECT_EQ(ParseTimestamp("1970-01-01T00:01"), 60);
  EXPECT_EQ(ParseTimestamp("1700000000"), 1700000000);
  EXPECT_EQ(ParseTimestamp("02.01.1970"), 86400);
  EXPECT_FALSE(ParseTimestamp("yesterday").has_value());
  EXPECT_FALSE(ParseTimestamp("2024-02-30").has_value());
}

}  // namespace
}  // namespace sameas
