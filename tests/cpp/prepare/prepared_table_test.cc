// Prepare: ids checked with messages that point at the row, columns folded and
// dictionary-encoded with term frequencies, dates parsed whatever their format, records in
// the order of the tables.
#include "sameas/prepare/prepared_table.h"

#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sameas/io/csv.h"
#include "sameas/prepare/date.h"

namespace sameas {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

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

Settings SettingsWith(std::vector<ColumnSettings> columns) {
  Settings settings;
  settings.id_column = "id";
  settings.columns = std::move(columns);
  return settings;
}

ColumnSettings Text(std::string name, ColumnRole role = ColumnRole::kOther) {
  return {std::move(name), role, ColumnType::kText, {}};
}

ColumnSettings DateColumn(std::string name) {
  return {std::move(name), ColumnRole::kBirthDate, ColumnType::kDate, {}};
}

TEST(Prepare, DuplicateIdNamesBothRowsColumnAndValue) {
  auto crm = ParseCsv(
      "id,surname\n"
      "c-101,Nowak\n"
      "c-102,Kowalski\n"
      "c-101,Wójcik\n",
      "/data/crm.csv");
  ASSERT_TRUE(crm.ok()) << crm.status();
  auto prepared = Prepare({&*crm}, SettingsWith({Text("surname")}));
  ASSERT_FALSE(prepared.ok());
  EXPECT_EQ(prepared.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(prepared.status().message());
  EXPECT_THAT(message, AllOf(HasSubstr("crm.csv row 3 (line 4)"), HasSubstr("column 'id'"),
                             HasSubstr("'c-101'"), HasSubstr("row 1 (line 2)")));
}

TEST(Prepare, DuplicateIdInTheSecondSourceNamesThatSource) {
  Table crm = MakeTable("crm", {"id", "surname"}, {{"1", "Nowak"}, {"2", "Kowalski"}});
  Table social = MakeTable("social", {"id", "surname"},
                           {{"1", "Nowak"}, {"7", "Lewandowski"}, {"7", "Zieliński"}});
  auto prepared = Prepare({&crm, &social}, SettingsWith({Text("surname")}));
  ASSERT_FALSE(prepared.ok());
  EXPECT_THAT(std::string(prepared.status().message()),
              AllOf(HasSubstr("social.csv row 3"), HasSubstr("'7'"), HasSubstr("row 2")));
}

TEST(Prepare, SameIdInDifferentSourcesIsAllowed) {
  Table crm = MakeTable("crm", {"id", "surname"}, {{"1", "Nowak"}});
  Table social = MakeTable("social", {"id", "surname"}, {{"1", "Nowak"}});
  EXPECT_TRUE(Prepare({&crm, &social}, SettingsWith({Text("surname")})).ok());
}

TEST(Prepare, MissingIdIsAnErrorNamingTheRow) {
  auto crm = ParseCsv(
      "id,surname\n"
      "c-101,Nowak\n"
      ",Kowalski\n",
      "crm.csv");
  ASSERT_TRUE(crm.ok()) << crm.status();
  auto prepared = Prepare({&*crm}, SettingsWith({Text("surname")}));
  ASSERT_FALSE(prepared.ok());
  EXPECT_THAT(
      std::string(prepared.status().message()),
      AllOf(HasSubstr("crm.csv row 2 (line 3)"), HasSubstr("column 'id'"), HasSubstr("missing")));
}

TEST(Prepare, MissingInputColumnIsAnError) {
  Table crm = MakeTable("crm", {"id", "surname"}, {{"1", "Nowak"}});
  auto prepared = Prepare({&crm}, SettingsWith({Text("email")}));
  ASSERT_FALSE(prepared.ok());
  EXPECT_THAT(std::string(prepared.status().message()), HasSubstr("'email'"));
}

TEST(Prepare, ColumnOfTwoInputsIsJoinedWithASpace) {
  Table crm = MakeTable("crm", {"id", "first_name", "last_name"},
                        {{"1", "Jan", "Kowalski"},
                         {"2", std::nullopt, "Nowak"},
                         {"3", "Anna", std::nullopt},
                         {"4", std::nullopt, std::nullopt}});
  ColumnSettings full = Text("full_name", ColumnRole::kFullName);
  full.inputs["crm"] = {"first_name", "last_name"};
  auto prepared = Prepare({&crm}, SettingsWith({full}));
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  const PreparedColumn& column = prepared->columns[0];
  EXPECT_EQ(column.folded(0), "jan kowalski");
  // A null input is left out rather than leaving a stray space; both null is null.
  EXPECT_EQ(column.folded(1), "nowak");
  EXPECT_EQ(column.folded(2), "anna");
  EXPECT_TRUE(column.is_null(3));
}

TEST(Prepare, EqualFoldedValuesShareACodeAndCountsAreTermFrequencies) {
  Table crm = MakeTable("crm", {"id", "surname"},
                        {{"1", "Nowak"},
                         {"2", "NOWAK"},
                         {"3", "Kowalski"},
                         {"4", "Nowák"},
                         {"5", std::nullopt},
                         {"6", "  nowak  "},
                         {"7", "kowalski"},
                         {"8", "Wiśniewski"}});
  auto prepared = Prepare({&crm}, SettingsWith({Text("surname")}));
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  const PreparedColumn& column = prepared->columns[0];
  ASSERT_EQ(column.codes.size(), 8u);
  EXPECT_EQ(column.folded(0), "nowak");
  for (size_t r : {1, 3, 5}) EXPECT_EQ(column.codes[r], column.codes[0]) << r;
  EXPECT_EQ(column.codes[6], column.codes[2]);
  EXPECT_NE(column.codes[2], column.codes[0]);
  EXPECT_TRUE(column.is_null(4));
  EXPECT_EQ(column.folded(7), "wisniewski");
  ASSERT_EQ(column.dictionary.size(), 3u);
  ASSERT_EQ(column.counts.size(), 3u);
  EXPECT_EQ(column.counts[column.codes[0] - 1], 4u);
  EXPECT_EQ(column.counts[column.codes[2] - 1], 2u);
  EXPECT_EQ(column.counts[column.codes[7] - 1], 1u);
}

TEST(Prepare, TextThatFoldsToNothingIsNull) {
  Table crm = MakeTable("crm", {"id", "surname"}, {{"1", "   "}, {"2", "Nowak"}});
  auto prepared = Prepare({&crm}, SettingsWith({Text("surname")}));
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  EXPECT_TRUE(prepared->columns[0].is_null(0));
  EXPECT_FALSE(prepared->columns[0].is_null(1));
}

TEST(Prepare, SameDayInTwoFormatsSharesACodeAndDayNumber) {
  Table crm = MakeTable("crm", {"id", "dob"},
                        {{"1", "1984-03-07"},
                         {"2", "07.03.1984"},
                         {"3", "7 March 1984"},
                         {"4", "19840307"},
                         {"5", "1984-03-08"}});
  auto prepared = Prepare({&crm}, SettingsWith({DateColumn("dob")}));
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  const PreparedColumn& column = prepared->columns[0];
  const int32_t march7 = Date{1984, 3, 7}.DaysSinceEpoch();
  ASSERT_EQ(column.days.size(), 5u);
  for (size_t r = 0; r < 4; ++r) {
    EXPECT_EQ(column.codes[r], column.codes[0]) << r;
    EXPECT_EQ(column.days[r], march7) << r;
  }
  EXPECT_EQ(column.folded(0), "1984-03-07");
  EXPECT_EQ(column.counts[column.codes[0] - 1], 4u);
  EXPECT_NE(column.codes[4], column.codes[0]);
  EXPECT_EQ(column.days[4], march7 + 1);
  EXPECT_EQ(column.unparsed_dates, 0u);
}

TEST(Prepare, SlashedDatesFollowTheOrderFoundInTheColumn) {
  // 25/12/1990 can only be day-first, so 03/07/1984 in the same column is 3 July.
  Table crm = MakeTable("crm", {"id", "dob"},
                        {{"1", "25/12/1990"}, {"2", "03/07/1984"}, {"3", "1984-07-03"}});
  auto prepared = Prepare({&crm}, SettingsWith({DateColumn("dob")}));
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  const PreparedColumn& column = prepared->columns[0];
  EXPECT_EQ(column.codes[1], column.codes[2]);
  EXPECT_EQ(column.days[1], (Date{1984, 7, 3}.DaysSinceEpoch()));
}

TEST(Prepare, DayMonthOrderIsFoundPerSource) {
  // The CRM writes day first (25/12/1990 shows it), the web shop month first (12/25/1990).
  // The same text 03/07/1984 is 3 July in one and 7 March in the other.
  Table crm = MakeTable("crm", {"id", "dob"}, {{"c1", "25/12/1990"}, {"c2", "03/07/1984"}});
  Table shop = MakeTable("shop", {"id", "dob"}, {{"s1", "12/25/1990"}, {"s2", "03/07/1984"}});
  auto prepared = Prepare({&crm, &shop}, SettingsWith({DateColumn("dob")}));
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  const PreparedColumn& column = prepared->columns[0];
  EXPECT_EQ(column.days[0], column.days[2]);  // Christmas 1990 in both
  EXPECT_EQ(column.codes[0], column.codes[2]);
  EXPECT_EQ(column.days[1], (Date{1984, 7, 3}.DaysSinceEpoch()));
  EXPECT_EQ(column.days[3], (Date{1984, 3, 7}.DaysSinceEpoch()));
  EXPECT_EQ(column.folded(3), "1984-03-07");
  EXPECT_NE(column.codes[1], column.codes[3]);
}

TEST(Prepare, UnparsableDateKeepsItsFoldedText) {
  Table crm = MakeTable("crm", {"id", "dob"},
                        {{"1", "1984-03-07"}, {"2", "Early 1984"}, {"3", std::nullopt}});
  auto prepared = Prepare({&crm}, SettingsWith({DateColumn("dob")}));
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  const PreparedColumn& column = prepared->columns[0];
  EXPECT_FALSE(column.is_null(1));
  EXPECT_EQ(column.folded(1), "early 1984");
  EXPECT_EQ(column.days[1], kNoDate);
  EXPECT_EQ(column.unparsed_dates, 1u);
  EXPECT_TRUE(column.is_null(2));
  EXPECT_EQ(column.days[2], kNoDate);
}

TEST(Prepare, RecordOrderIsTableOrder) {
  Table crm =
      MakeTable("crm", {"id", "surname"}, {{"c3", "Nowak"}, {"c1", "Kowalski"}, {"c2", "Wójcik"}});
  Table social = MakeTable("social", {"id", "surname"}, {{"s9", "Zieliński"}, {"s1", "Nowak"}});
  auto prepared = Prepare({&crm, &social}, SettingsWith({Text("surname")}));
  ASSERT_TRUE(prepared.ok()) << prepared.status();
  EXPECT_EQ(prepared->sources, (std::vector<std::string>{"crm", "social"}));
  ASSERT_EQ(prepared->num_records(), 5u);
  const std::vector<std::string> ids = {"c3", "c1", "c2", "s9", "s1"};
  const std::vector<uint16_t> sources = {0, 0, 0, 1, 1};
  const std::vector<uint32_t> rows = {0, 1, 2, 0, 1};
  for (size_t r = 0; r < 5; ++r) {
    EXPECT_EQ(prepared->ids.value(r), ids[r]) << r;
    EXPECT_EQ(prepared->source[r], sources[r]) << r;
    EXPECT_EQ(prepared->row[r], rows[r]) << r;
  }
  const PreparedColumn& surname = prepared->columns[prepared->ColumnIndex("surname")];
  EXPECT_EQ(surname.folded(3), "zielinski");
  EXPECT_EQ(surname.codes[4], surname.codes[0]);
}

TEST(Prepare, TwoSourcesWithOneNameAreAnError) {
  Table a = MakeTable("crm", {"id", "surname"}, {{"1", "Nowak"}});
  Table b = MakeTable("crm", {"id", "surname"}, {{"2", "Nowak"}});
  auto prepared = Prepare({&a, &b}, SettingsWith({Text("surname")}));
  ASSERT_FALSE(prepared.ok());
  EXPECT_THAT(std::string(prepared.status().message()), HasSubstr("'crm'"));
}

}  // namespace
}  // namespace sameas
