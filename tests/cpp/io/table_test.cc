#include "sameas/io/table.h"

#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sameas {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Table TwoColumns() {
  Table table;
  table.source = "crm";
  table.origin = "crm.csv";
  table.columns.emplace_back("id");
  table.columns.emplace_back("email");
  table.columns[0].Append("1");
  table.columns[0].Append("2");
  table.columns[1].Append("a@x.pl");
  table.columns[1].AppendNull();
  table.lines = {2, 3};
  return table;
}

TEST(StringColumn, AppendColumnIsAppendingEachValueAndNull) {
  // The reference: the same values appended one at a time.
  StringColumn first("family_name");
  first.Append("Wiśniewska");
  first.AppendNull();
  first.Append("");
  StringColumn second("other name");
  second.Append("Müller");
  second.AppendNull();
  second.Append("Kovács");
  StringColumn expected("family_name");
  for (const StringColumn* part : {&first, &second}) {
    for (size_t i = 0; i < part->size(); ++i) {
      if (part->is_null(i)) {
        expected.AppendNull();
      } else {
        expected.Append(part->value(i));
      }
    }
  }
  first.AppendColumn(second);
  first.AppendColumn(StringColumn("empty"));
  EXPECT_EQ(first.name(), "family_name");
  EXPECT_EQ(first.data(), expected.data());
  EXPECT_EQ(first.offsets(), expected.offsets());
  EXPECT_EQ(first.valid(), expected.valid());
  EXPECT_EQ(first.value(3), "Müller");
  EXPECT_TRUE(first.is_null(4));
  EXPECT_EQ(first.value(5), "Kovács");
}

TEST(Table, ColumnIndexFindsColumnsByNameAndMissingIsMinusOne) {
  const Table table = TwoColumns();
  EXPECT_EQ(table.ColumnIndex("id"), 0);
  EXPECT_EQ(table.ColumnIndex("email"), 1);
  EXPECT_EQ(table.ColumnIndex("phone"), -1);
  EXPECT_EQ(table.ColumnIndex(""), -1);
}

TEST(Table, FindReturnsTheColumnOrNull) {
  const Table table = TwoColumns();
  ASSERT_NE(table.Find("email"), nullptr);
  EXPECT_EQ(table.Find("email")->value(0), "a@x.pl");
  EXPECT_TRUE(table.Find("email")->is_null(1));
  EXPECT_EQ(table.Find("Email"), nullptr);
}

TEST(Table, ColumnNamesAreInColumnOrder) {
  EXPECT_THAT(TwoColumns().ColumnNames(), ElementsAre("id", "email"));
  EXPECT_TRUE(Table().ColumnNames().empty());
}

TEST(Table, DescribeRowCountsFromOneAndNamesTheLine) {
  Table table = TwoColumns();
  EXPECT_EQ(table.DescribeRow(0), "crm.csv row 1 (line 2)");
  EXPECT_EQ(table.DescribeRow(1), "crm.csv row 2 (line 3)");
  table.lines.clear();
  EXPECT_EQ(table.DescribeRow(1), "crm.csv row 2");
  table.origin.clear();
  EXPECT_EQ(table.DescribeRow(0), "crm row 1");
}

TEST(Table, ValidateAcceptsAWellFormedTable) {
  EXPECT_TRUE(TwoColumns().Validate().ok());
  EXPECT_TRUE(Table().Validate().ok());
}

TEST(Table, ValidateRejectsColumnsOfUnequalLength) {
  Table table = TwoColumns();
  table.columns[1].Append("b@x.hu");
  const absl::Status status = table.Validate();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "crm.csv: column 'email' has 3 values but column 'id' has 2");
}

TEST(Table, ValidateRejectsRepeatedAndEmptyNames) {
  Table table = TwoColumns();
  table.columns[1].set_name("id");
  EXPECT_EQ(table.Validate().message(),
            "crm.csv: column name 'id' appears twice, as columns 1 and 2");
  table.columns[1].set_name("");
  EXPECT_EQ(table.Validate().message(), "crm.csv: column 2 has an empty name");
}

TEST(Table, ValidateRejectsLinesThatDoNotMatchTheRows) {
  Table table = TwoColumns();
  table.lines.push_back(4);
  EXPECT_THAT(table.Validate().message(), HasSubstr("3 line numbers for 2 rows"));
}

}  // namespace
}  // namespace sameas
