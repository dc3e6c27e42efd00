// The CSV writer: RFC 4180 quoting of what needs it, numbers as printf writes them, nulls as
// empty fields, and a round trip through ReadCsv that gives back every string and null.
#include "sameas/io/csv_writer.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "sameas/io/csv.h"
#include "sameas/pipeline/threads.h"

namespace sameas {
namespace {

using ::testing::HasSubstr;

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          (std::to_string(::getpid()) + "_" + name))
      .string();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(WriteCsv, QuotesWhatNeedsQuotingAndFormatsNumbers) {
  const std::vector<std::string> names = {"Kowalski, Jan", "Szabó \"Gabi\" Gábor", "Nowak",
                                          "line\nbreak", "", "NA", " Weiß"};
  const std::vector<int64_t> codes = {0, 1, 2, 3, 4, 5, 6, -1};
  const std::vector<int64_t> count = {1, -2, 3, 40000000000, 5, 6, 7, 8};
  const std::vector<double> p = {0.25, 1e-7, 0.999999999, 123456789.0, -3.5, 0, 1,
                                 std::numeric_limits<double>::quiet_NaN()};
  const std::string path = TempPath("quoting.csv");
  ASSERT_TRUE(WriteCsv(path, {{"name", CsvDictionary{codes, names}},
                              {"count", std::span<const int64_t>(count)},
                              {"p, probability", std::span<const double>(p)}})
                  .ok());
  EXPECT_EQ(ReadFile(path),
            "name,count,\"p, probability\"\n"
            "\"Kowalski, Jan\",1,0.25\n"
            "\"Szabó \"\"Gabi\"\" Gábor\",-2,1e-07\n"
            "Nowak,3,1\n"
            "\"line\nbreak\",40000000000,1.23457e+08\n"
            "\"\",5,-3.5\n"
            "\"NA\",6,0\n"
            "\" Weiß\",7,1\n"
            ",8,\n");
  std::remove(path.c_str());
}

TEST(WriteCsv, RoundTripsThroughReadCsvOnEveryThreadCount) {
  // Enough rows for several chunks, with every kind of field that needs quoting.
  const std::vector<std::string> values = {"Małgorzata Wiśniewska", "Kovács, Zsófia",
                                           "\"Budi\" Santoso",         "Jürgen\r\nMüller",
                                           "",                          "null",
                                           "Siti Rahayu ",              "O'Brien"};
  const size_t rows = 100003;
  std::vector<int64_t> codes(rows), ids(rows);
  for (size_t r = 0; r < rows; ++r) {
    codes[r] = r % 11 == 10 ? -1 : static_cast<int64_t>((r * 7) % values.size());
    ids[r] = static_cast<int64_t>(r);
  }
  std::string first;
  for (int threads : {1, 2, 3}) {
    ScopedThreads scope(threads);
    const std::string path = TempPath("round_trip.csv");
    ASSERT_TRUE(WriteCsv(path, {{"id", std::span<const int64_t>(ids)},
                                {"name", CsvDictionary{codes, values}}})
                    .ok());
    const std::string text = ReadFile(path);
    if (first.empty()) first = text;
    EXPECT_EQ(text, first) << threads << " threads";
    auto table = ReadCsv(path);
    ASSERT_TRUE(table.ok()) << table.status();
    ASSERT_EQ(table->num_rows(), rows);
    const StringColumn& name = table->columns[1];
    for (size_t r = 0; r < rows; ++r) {
      if (codes[r] < 0) {
        ASSERT_TRUE(name.is_null(r)) << r;
      } else {
        ASSERT_FALSE(name.is_null(r)) << r;
        ASSERT_EQ(name.value(r), values[codes[r]]) << r;
      }
      ASSERT_EQ(table->columns[0].value(r), std::to_string(r));
    }
    std::remove(path.c_str());
  }
}

TEST(WriteCsv, StringRowsPickValuesOfAColumnAsADictionaryWould) {
  // Record ids as read, picked by record index: the same bytes as the same strings given as
  // a dictionary, nulls and negative rows as empty fields.
  const std::vector<std::string> ids = {"PL-0001", "Kowalski, Jan", "NA", " HU-7", "Łódź \"1\""};
  StringColumn column("id");
  for (const std::string& id : ids) column.Append(id);
  column.AppendNull();
  const std::vector<int64_t> rows = {4, 0, 1, 1, 2, 3, 5, -1};
  std::vector<int64_t> codes = rows;
  codes[6] = -1;  // the null
  const std::string picked = TempPath("picked.csv"), listed = TempPath("listed.csv");
  ASSERT_TRUE(WriteCsv(picked, {{"id", CsvStringRows{rows, &column}}}).ok());
  ASSERT_TRUE(WriteCsv(listed, {{"id", CsvDictionary{codes, ids}}}).ok());
  EXPECT_EQ(ReadFile(picked), ReadFile(listed));
  EXPECT_EQ(ReadFile(picked), "id\n\"Łódź \"\"1\"\"\"\nPL-0001\n\"Kowalski, Jan\"\n"
                              "\"Kowalski, Jan\"\n\"NA\"\n\" HU-7\"\n\n\n");
  const std::vector<int64_t> past = {6};
  absl::Status status = WriteCsv(picked, {{"id", CsvStringRows{past, &column}}});
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("row 6 is past its 6 strings"));
  std::remove(picked.c_str());
  std::remove(listed.c_str());
}

TEST(WriteCsv, ErrorsNameTheFileAndTheColumn) {
  const std::vector<int64_t> a = {1, 2}, b = {1};
  auto status = WriteCsv(TempPath("lengths.csv"),
                         {{"a", std::span<const int64_t>(a)}, {"b", std::span<const int64_t>(b)}});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("column 'b'"));
  const std::vector<std::string> values = {"x"};
  const std::vector<int64_t> codes = {0, 3};
  status = WriteCsv(TempPath("codes.csv"), {{"v", CsvDictionary{codes, values}}});
  EXPECT_THAT(status.message(), HasSubstr("row 1: code 3"));
  status = WriteCsv("/nonexistent-dir/pairs.csv", {{"a", std::span<const int64_t>(a)}});
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("/nonexistent-dir/pairs.csv"));
}

}  // namespace
}  // namespace sameas
