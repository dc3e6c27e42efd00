#include "sameas/io/csv.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace sameas {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Values = std::vector<std::optional<std::string>>;

absl::StatusOr<Table> Parse(std::string_view text, const CsvOptions& options = {}) {
  return ParseCsv(text, "t.csv", options);
}

// The message of the error Parse gives, or "<ok>".
std::string ErrorOf(std::string_view text, const CsvOptions& options = {}) {
  const absl::StatusOr<Table> table = Parse(text, options);
  return table.ok() ? "<ok>" : std::string(table.status().message());
}

// Column `index` of `table` with nulls as nullopt.
Values ColumnValues(const Table& table, size_t index) {
  Values values;
  const StringColumn& column = table.columns.at(index);
  for (size_t i = 0; i < column.size(); ++i) {
    if (column.is_null(i)) {
      values.push_back(std::nullopt);
    } else {
      values.push_back(std::string(column.value(i)));
    }
  }
  return values;
}

// A file under the test's temporary directory holding `text`.
std::string WriteTempFile(const std::string& name, std::string_view text) {
  const std::filesystem::path dir =
      std::filesystem::path(testing::TempDir()) / "sameas_io_csv_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// --- RFC 4180 ---------------------------------------------------------------------------------

TEST(ParseCsv, HeaderNamesColumnsAndEachRecordIsARow) {
  const auto table = Parse("id,name\n1,anna\n2,bela\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_THAT(table->ColumnNames(), ElementsAre("id", "name"));
  EXPECT_EQ(table->num_rows(), 2);
  EXPECT_EQ(ColumnValues(*table, 0), (Values{"1", "2"}));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{"anna", "bela"}));
  EXPECT_TRUE(table->Validate().ok());
}

TEST(ParseCsv, QuotedFieldKeepsEmbeddedDelimiter) {
  const auto table = Parse("name,city\n\"Kowalski, Jan\",\"Łódź, PL\"\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{"Kowalski, Jan"}));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{"Łódź, PL"}));
}

TEST(ParseCsv, DoubledQuoteInQuotedFieldStandsForOneQuote) {
  const auto table = Parse("a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{"say \"hi\""}));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{"\""}));
}

TEST(ParseCsv, QuotedFieldKeepsEmbeddedNewline) {
  const auto table = Parse("a,b\n\"line one\nline two\",x\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{"line one\nline two"}));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{"x"}));
}

TEST(ParseCsv, QuotedFieldKeepsEmbeddedCrlfAndLoneCr) {
  const auto table = Parse("a,b\r\n\"one\r\ntwo\",\"three\rfour\"\r\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{"one\r\ntwo"}));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{"three\rfour"}));
}

TEST(ParseCsv, CrlfEndsRecordsLikeLf) {
  const auto crlf = Parse("a,b\r\n1,2\r\n3,4\r\n");
  const auto lf = Parse("a,b\n1,2\n3,4\n");
  ASSERT_TRUE(crlf.ok()) << crlf.status();
  ASSERT_TRUE(lf.ok()) << lf.status();
  EXPECT_THAT(crlf->ColumnNames(), ElementsAre("a", "b"));
  EXPECT_EQ(ColumnValues(*crlf, 1), (Values{"2", "4"}));
  EXPECT_EQ(ColumnValues(*crlf, 0), ColumnValues(*lf, 0));
  EXPECT_EQ(ColumnValues(*crlf, 1), ColumnValues(*lf, 1));
  EXPECT_EQ(crlf->lines, lf->lines);
}

TEST(ParseCsv, MixedLineEndingsAreAllRecordEnds) {
  const auto table = Parse("a,b\n1,2\r\n3,4\n5,6");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 1), (Values{"2", "4", "6"}));
}

TEST(ParseCsv, LastRecordWithoutTrailingNewlineIsKept) {
  const auto table = Parse("a,b\n1,2\n3,4");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{"1", "3"}));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{"2", "4"}));
}

TEST(ParseCsv, QuotedLastFieldWithoutTrailingNewlineIsKept) {
  const auto table = Parse("a,b\n1,\"x\ny\"");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 1), (Values{"x\ny"}));
}

TEST(ParseCsv, CarriageReturnAtEndOfTextEndsTheLastRecord) {
  const auto table = Parse("a,b\r\n1,2\r");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 1), (Values{"2"}));
}

TEST(ParseCsv, EmptyLastFieldIsReadLikeAnyEmptyField) {
  const auto table = Parse("a,b,c\n1,,\n,,3");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{"1", std::nullopt}));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{std::nullopt, std::nullopt}));
  EXPECT_EQ(ColumnValues(*table, 2), (Values{std::nullopt, "3"}));
}

TEST(ParseCsv, HeaderWithoutRowsGivesAnEmptyTable) {
  for (const std::string_view text : {"a,b", "a,b\n", "a,b\r\n\r\n"}) {
    const auto table = Parse(text);
    ASSERT_TRUE(table.ok()) << table.status();
    EXPECT_THAT(table->ColumnNames(), ElementsAre("a", "b"));
    EXPECT_EQ(table->num_rows(), 0);
    EXPECT_TRUE(table->lines.empty());
  }
}

TEST(ParseCsv, QuoteInsideUnquotedFieldIsLiteral) {
  const auto table = Parse("name,height\nDwayne \"The Rock\" Johnson,5'11\"\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{"Dwayne \"The Rock\" Johnson"}));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{"5'11\""}));
}

TEST(ParseCsv, ByteOrderMarkIsStripped) {
  const auto table = Parse("\xEF\xBB\xBFid,name\n1,Zoë\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_THAT(table->ColumnNames(), ElementsAre("id", "name"));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{"Zoë"}));
  EXPECT_EQ(table->lines, (std::vector<int64_t>{2}));
}

TEST(ParseCsv, ByteOrderMarkBeforeQuotedHeaderIsStripped) {
  const auto table = Parse("\xEF\xBB\xBF\"id\",name\n1,x\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_THAT(table->ColumnNames(), ElementsAre("id", "name"));
}

TEST(ParseCsv, OtherDelimiterSplitsFieldsAndCommaIsText) {
  CsvOptions options;
  options.delimiter = ';';
  const auto table = Parse("name;city\nKovács, Anna;\"Győr;HU\"\n", options);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{"Kovács, Anna"}));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{"Győr;HU"}));
}

TEST(ParseCsv, LongUnquotedFieldsSplitAtEveryDelimiter) {
  // Fields longer and shorter than the eight bytes the scanner takes per step.
  const std::string a(37, 'a'), b(8, 'b'), c(1, 'c'), d(16, 'd');
  const auto table =
      Parse("w,x,y,z\n" + a + "," + b + "," + c + "," + d + "\n" + d + ",," + a + "," + b);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{a, d}));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{b, std::nullopt}));
  EXPECT_EQ(ColumnValues(*table, 2), (Values{c, a}));
  EXPECT_EQ(ColumnValues(*table, 3), (Values{d, b}));
}

// --- trim and nulls ---------------------------------------------------------------------------

TEST(ParseCsv, TrimStripsSpacesAroundFebrlStyleFieldsAndHeaderNames) {
  const auto table =
      Parse("rec_id, given_name, surname\nrec-1-org, , waller\nrec-2-dup-0, \tjo , x");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_THAT(table->ColumnNames(), ElementsAre("rec_id", "given_name", "surname"));
  EXPECT_EQ(ColumnValues(*table, 0), (Values{"rec-1-org", "rec-2-dup-0"}));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{std::nullopt, "jo"}));
  EXPECT_EQ(ColumnValues(*table, 2), (Values{"waller", "x"}));
}

TEST(ParseCsv, TrimKeepsSpacesInsideQuotesAndAllowsThemAroundQuotes) {
  const auto table = Parse("a,b\n  \" x \"  ,\"\t\"\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{" x "}));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{"\t"}));
}

TEST(ParseCsv, WithoutTrimSpacesAreKept) {
  CsvOptions options;
  options.trim = false;
  const auto table = Parse(" a , b\n x ,\t\n", options);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_THAT(table->ColumnNames(), ElementsAre(" a ", " b"));
  EXPECT_EQ(ColumnValues(*table, 0), (Values{" x "}));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{"\t"}));
}

TEST(ParseCsv, WithoutTrimSpaceAfterClosingQuoteIsAnError) {
  CsvOptions options;
  options.trim = false;
  EXPECT_THAT(ErrorOf("a,b\n\"x\" ,y\n", options), HasSubstr("after its closing quote"));
}

TEST(ParseCsv, TabDelimiterIsNotTrimmedAway) {
  CsvOptions options;
  options.delimiter = '\t';
  const auto table = Parse("a\tb\tc\n\t\t3\n 1 \t\t\n", options);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{std::nullopt, "1"}));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{std::nullopt, std::nullopt}));
  EXPECT_EQ(ColumnValues(*table, 2), (Values{"3", std::nullopt}));
}

TEST(ParseCsv, UnquotedNullValuesReadAsNullAfterTrim) {
  const auto table = Parse("a\nNA\n NULL \nnull\nNaN\nN/A\nNone\nnan\nnone\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                                             std::nullopt, std::nullopt, std::nullopt, "none"}));
}

TEST(ParseCsv, QuotedEmptyIsAnEmptyStringNotNull) {
  const auto table = Parse("a,b\n\"\",\n");
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->num_rows(), 1);
  EXPECT_FALSE(table->columns[0].is_null(0));
  EXPECT_EQ(table->columns[0].value(0), "");
  EXPECT_TRUE(table->columns[1].is_null(0));
}

TEST(ParseCsv, QuotedNullTokenIsAString) {
  const auto table = Parse("a\n\"NA\"\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{"NA"}));
}

TEST(ParseCsv, NullValuesOptionReplacesTheDefaults) {
  CsvOptions options;
  options.null_values = {"-"};
  const auto table = Parse("a,b\n,NA\n-,x\n", options);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{"", std::nullopt}));
  EXPECT_EQ(ColumnValues(*table, 1), (Values{"NA", "x"}));
}

TEST(ParseCsv, LongNullValueIsRecognised) {
  CsvOptions options;
  const std::string missing(70, '?');
  options.null_values = {missing};
  const auto table = Parse("a\n" + missing + "\n" + std::string(71, '?') + "\n", options);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{std::nullopt, std::string(71, '?')}));
}

// --- blank lines, lines, source ---------------------------------------------------------------

TEST(ParseCsv, TrailingBlankLinesAreIgnored) {
  const auto table = Parse("a,b\n1,2\n\n\r\n\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->num_rows(), 1);
}

TEST(ParseCsv, BlankLineInTheMiddleIsAnErrorNamingItsLine) {
  EXPECT_EQ(ErrorOf("a,b\n1,2\n\n3,4\n"),
            "t.csv row 2 (line 3): the line is empty but 2 fields are expected; blank lines "
            "may only end the file");
  EXPECT_THAT(ErrorOf("a,b\r\n1,2\r\n\r\n3,4\r\n"), HasSubstr("row 2 (line 3)"));
}

TEST(ParseCsv, BlankLineInOneColumnTableIsANullRowEvenAtTheEnd) {
  const auto table = Parse("email\na@x.pl\n\nb@x.hu\n\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(ColumnValues(*table, 0), (Values{"a@x.pl", std::nullopt, "b@x.hu", std::nullopt}));
  EXPECT_EQ(table->lines, (std::vector<int64_t>{2, 3, 4, 5}));
}

TEST(ParseCsv, LinesHoldWhereEachRowStarts) {
  const auto table = Parse("a,b\n1,\"x\ny\nz\"\n2,w\r\n\"3\r\n\",v\n4,u");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->lines, (std::vector<int64_t>{2, 5, 6, 8}));
  EXPECT_EQ(table->DescribeRow(1), "t.csv row 2 (line 5)");
  EXPECT_EQ(ColumnValues(*table, 0), (Values{"1", "2", "3\r\n", "4"}));
}

TEST(ParseCsv, SourceIsTheStemOfTheOriginUnlessGiven) {
  const auto table = ParseCsv("a\n1\n", "/data/in/crm.csv");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->source, "crm");
  EXPECT_EQ(table->origin, "/data/in/crm.csv");
  CsvOptions options;
  options.source = "social";
  const auto named = ParseCsv("a\n1\n", "/data/in/crm.csv", options);
  ASSERT_TRUE(named.ok()) << named.status();
  EXPECT_EQ(named->source, "social");
}

// --- errors -----------------------------------------------------------------------------------

TEST(ReadCsv, MissingFileIsNotFoundNamingThePath) {
  const std::string path = WriteTempFile("present.csv", "a\n1\n") + ".missing";
  const auto table = ReadCsv(path);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(table.status().message(), path + ": no such file");
}

TEST(ReadCsv, DirectoryIsInvalidArgument) {
  const auto table = ReadCsv(testing::TempDir());
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(table.status().message(), HasSubstr("is a directory"));
}

TEST(ReadCsv, EmptyFileIsInvalidArgument) {
  const std::string path = WriteTempFile("crm.csv", "");
  const auto table = ReadCsv(path);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(table.status().message(), path + ": the file is empty; a header row is expected");
}

TEST(ParseCsv, TextOfOnlyLineBreaksOrAByteOrderMarkIsEmpty) {
  for (const std::string_view text : {"", "\n", "\r\n\r\n", "\xEF\xBB\xBF", "\xEF\xBB\xBF\n"}) {
    const auto table = Parse(text);
    ASSERT_FALSE(table.ok());
    EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(table.status().message(), "t.csv: the file is empty; a header row is expected");
  }
}

TEST(ParseCsv, UnbalancedQuoteNamesRowColumnAndLineWhereTheFieldStarts) {
  const std::string message = ErrorOf("id,note,email\n1,a,x\n2,\"two\nlines\",\"open\n3,c,z\n");
  EXPECT_EQ(message,
            "t.csv row 2 (line 3): column 'email': the quoted field starting on line 4 has no "
            "closing quote: '\"open\\n3,c,z\\n'");
}

TEST(ParseCsv, UnbalancedQuoteInHeaderNamesTheHeaderColumn) {
  EXPECT_THAT(ErrorOf("id,\"name\n1,x\n"),
              HasSubstr("t.csv line 1: header column 2: the quoted field starting on line 1 "
                        "has no closing quote"));
}

TEST(ParseCsv, TooManyFieldsNamesRowLineAndBothCounts) {
  const auto table = Parse("a,b\n1,2\n3,4,5\n");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(table.status().message(),
            "t.csv row 2 (line 3): expected 2 fields, one per header column, but found 3: "
            "'3,4,5'");
}

TEST(ParseCsv, TooFewFieldsNamesRowLineAndBothCounts) {
  EXPECT_EQ(ErrorOf("a,b,c\r\n1,2,3\r\n\"x\ny\",4\r\n"),
            "t.csv row 2 (line 3): expected 3 fields, one per header column, but found 2: "
            "'\"x\\ny\",4'");
}

TEST(ParseCsv, InvalidUtf8NamesRowLineColumnAndShowsBadBytes) {
  // "Jérôme" in Latin-1.
  const auto table = Parse("id,name\n1,Anna\n2,J\xE9r\xF4me\n");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(table.status().message(),
              HasSubstr("t.csv row 2 (line 3): column 'name': 'J\\xE9r\\xF4me' is not valid "
                        "UTF-8"));
}

TEST(ParseCsv, InvalidUtf8InQuotedFieldKeepsGoodCharactersReadable) {
  EXPECT_THAT(ErrorOf("id,name\n1,\"Łukasz \"\"\xC5\"\"\"\n"),
              HasSubstr("column 'name': 'Łukasz \"\\xC5\"' is not valid UTF-8"));
}

TEST(ParseCsv, InvalidUtf8FarIntoALongValueIsShown) {
  const std::string value = std::string(200, 'x') + "\xFF" + std::string(200, 'y');
  const std::string message = ErrorOf("id,note\n1," + value + "\n");
  EXPECT_THAT(message, HasSubstr("column 'note': '...xxx"));
  EXPECT_THAT(message, HasSubstr("\\xFFyyy"));
  EXPECT_THAT(message, HasSubstr("yyy...' is not valid UTF-8"));
}

TEST(ParseCsv, InvalidUtf8InHeaderNamesTheHeaderColumn) {
  EXPECT_THAT(ErrorOf("id,na\xEFve\n1,x\n"),
              HasSubstr("t.csv line 1: header column 2: 'na\\xEFve' is not valid UTF-8"));
}

TEST(ParseCsv, DuplicatedHeaderNameIsNamed) {
  EXPECT_EQ(ErrorOf("id,email, email\n1,2,3\n"),
            "t.csv line 1: header column 3: name 'email' is already the name of column 2");
}

TEST(ParseCsv, EmptyHeaderNameIsNamed) {
  EXPECT_EQ(ErrorOf("id,,name\n1,2,3\n"),
            "t.csv line 1: header column 2: has an empty name; every column needs a name");
  EXPECT_THAT(ErrorOf("id,name,\n1,2,3\n"), HasSubstr("header column 3: has an empty name"));
  EXPECT_THAT(ErrorOf("\nid\n1\n"), HasSubstr("header column 1: has an empty name"));
}

TEST(ParseCsv, TextAfterClosingQuoteIsAnError) {
  EXPECT_EQ(ErrorOf("a,b\n1,\"abc\"def,2\n"),
            "t.csv row 1 (line 2): column 'b': '\"abc\"def' has text after its closing quote; "
            "a quote inside a quoted field is written twice");
}

TEST(ParseCsv, CarriageReturnWithoutLineFeedOutsideQuotesIsAnError) {
  EXPECT_THAT(ErrorOf("a,b\n1,x\ry\n"),
              HasSubstr("t.csv row 1 (line 2): column 'b': 'x\\ry' holds a carriage return"));
  EXPECT_THAT(ErrorOf("a,b\r1,2\r"), HasSubstr("t.csv line 1: header column 2: 'b\\r1,2\\r'"));
}

TEST(ParseCsv, DelimiterEqualToQuoteIsRejected) {
  CsvOptions options;
  options.delimiter = '"';
  EXPECT_THAT(ErrorOf("a\n1\n", options), HasSubstr("must be two different ASCII characters"));
}

TEST(ParseCsv, FirstErrorInTheTextIsReported) {
  // A wrong field count on line 2 comes before the bad byte on line 3.
  EXPECT_THAT(ErrorOf("a,b\n1\n2,\xFF\n"), HasSubstr("row 1 (line 2): expected 2 fields"));
}

// --- files ------------------------------------------------------------------------------------

TEST(ReadCsv, OriginIsThePathAsGivenAndSourceItsStem) {
  const std::string path = WriteTempFile("social.v2.csv", "handle\n@anna\n");
  const auto table = ReadCsv(path);
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->origin, path);
  EXPECT_EQ(table->source, "social.v2");
  EXPECT_EQ(ColumnValues(*table, 0), (Values{"@anna"}));
}

TEST(ReadCsv, ErrorsNameThePathAsGiven) {
  const std::string path = WriteTempFile("bad.csv", "a,b\n1\n");
  const auto table = ReadCsv(path);
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(table.status().message(), HasSubstr(path + " row 1 (line 2): expected 2"));
}

TEST(ReadCsv, ReadsFebrlDataset1) {
  const auto table = ReadCsv(SAMEAS_SHARED_DATA_DIR "/febrl/dataset1.csv");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_TRUE(table->Validate().ok());
  EXPECT_EQ(table->source, "dataset1");
  EXPECT_EQ(table->num_rows(), 1000);
  ASSERT_EQ(table->columns.size(), 11);
  EXPECT_THAT(table->ColumnNames(), ElementsAre("rec_id", "given_name", "surname", "street_number",
                                                "address_1", "address_2", "suburb", "postcode",
                                                "state", "date_of_birth", "soc_sec_id"));
  const StringColumn& ids = table->columns[0];
  std::set<std::string_view> unique;
  for (size_t i = 0; i < ids.size(); ++i) {
    ASSERT_FALSE(ids.is_null(i)) << table->DescribeRow(i);
    unique.insert(ids.value(i));
  }
  EXPECT_EQ(unique.size(), 1000);
  // The first record is `rec-223-org, , waller, ...`: the blank given name is null.
  EXPECT_EQ(ids.value(0), "rec-223-org");
  EXPECT_TRUE(table->Find("given_name")->is_null(0));
  EXPECT_EQ(table->Find("surname")->value(0), "waller");
  EXPECT_EQ(table->lines.front(), 2);
  EXPECT_EQ(table->lines.back(), 1001);
}

TEST(ReadCsv, ManyRowsAreAllKeptAfterTheArenasAreReserved) {
  // More rows than the sample the reader reserves from, with values of changing width.
  std::string text = "id,name,note\n";
  for (int i = 0; i < 5000; ++i) {
    text += std::to_string(i) + ",\"n" + std::string(i % 17, 'x') + "\"," +
            (i % 3 == 0 ? "" : "żółw " + std::to_string(i * 7)) + "\n";
  }
  const std::string path = WriteTempFile("many.csv", text);
  const auto table = ReadCsv(path);
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->num_rows(), 5000);
  EXPECT_TRUE(table->Validate().ok());
  for (size_t i = 0; i < 5000; i += 499) {
    EXPECT_EQ(table->columns[0].value(i), std::to_string(i));
    EXPECT_EQ(table->columns[1].value(i), "n" + std::string(i % 17, 'x'));
    EXPECT_EQ(table->columns[2].is_null(i), i % 3 == 0);
    EXPECT_EQ(table->lines[i], static_cast<int64_t>(i) + 2);
  }
}

// --- CsvEscape and the round trip -------------------------------------------------------------

TEST(CsvEscape, PlainFieldIsLeftAlone) {
  EXPECT_EQ(CsvEscape("Szőke Péter"), "Szőke Péter");
  EXPECT_EQ(CsvEscape("a b"), "a b");
  EXPECT_EQ(CsvEscape("5'11"), "5'11");
}

TEST(CsvEscape, DelimiterQuoteCrAndLfAreQuoted) {
  EXPECT_EQ(CsvEscape("Kowalski, Jan"), "\"Kowalski, Jan\"");
  EXPECT_EQ(CsvEscape("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvEscape("a\rb"), "\"a\rb\"");
  EXPECT_EQ(CsvEscape("a\nb"), "\"a\nb\"");
}

TEST(CsvEscape, OnlyTheGivenDelimiterIsQuoted) {
  EXPECT_EQ(CsvEscape("a,b", ';'), "a,b");
  EXPECT_EQ(CsvEscape("a;b", ';'), "\"a;b\"");
  EXPECT_EQ(CsvEscape("a\tb", '\t'), "\"a\tb\"");
}

TEST(CsvEscape, ValuesADefaultReadWouldChangeAreQuoted) {
  EXPECT_EQ(CsvEscape(""), "\"\"");
  EXPECT_EQ(CsvEscape(" padded"), "\" padded\"");
  EXPECT_EQ(CsvEscape("padded\t"), "\"padded\t\"");
  EXPECT_EQ(CsvEscape("NA"), "\"NA\"");
  EXPECT_EQ(CsvEscape("null"), "\"null\"");
}

// A random string of pieces that trouble CSV: delimiters, quotes, line breaks, padding, null
// tokens, and text in Polish, Hungarian, Cyrillic, CJK and emoji.
std::string RandomText(std::mt19937& rng, size_t max_pieces) {
  static const std::vector<std::string> kPieces = {
      "a",       "Z",    "0",    " ",    "\t", ",",    ";", "|",     "\"",
      "\"\"",    "\n",   "\r",   "\r\n", "ł",  "Łódź", "ő", "Szőke", "Жуков",
      "Дмитрий", "漢字", "東京", "😀",    "NA", "null", "'", "x y"};
  std::uniform_int_distribution<size_t> count(0, max_pieces);
  std::uniform_int_distribution<size_t> piece(0, kPieces.size() - 1);
  std::string text;
  for (size_t i = count(rng); i > 0; --i) text += kPieces[piece(rng)];
  return text;
}

TEST(CsvEscape, RandomTablesRoundTripThroughParseCsv) {
  std::mt19937 rng(20240601);
  const std::vector<char> delimiters = {',', ';', '\t', '|'};
  for (int trial = 0; trial < 500; ++trial) {
    const char delimiter = delimiters[rng() % delimiters.size()];
    const std::string line_end = rng() % 2 ? "\n" : "\r\n";
    const size_t num_columns = 1 + rng() % 5;
    const size_t num_rows = rng() % 12;

    std::vector<std::string> names;
    while (names.size() < num_columns) {
      std::string name = RandomText(rng, 3);
      if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
        names.push_back(name);
      }
    }
    std::vector<Values> columns(num_columns);
    for (Values& column : columns) {
      for (size_t r = 0; r < num_rows; ++r) {
        if (rng() % 6 == 0) {
          column.push_back(std::nullopt);
        } else {
          column.push_back(RandomText(rng, 6));
        }
      }
    }

    std::string text = rng() % 4 == 0 ? "\xEF\xBB\xBF" : "";
    std::vector<std::string> records;
    std::string header;
    for (size_t c = 0; c < num_columns; ++c) {
      if (c > 0) header += delimiter;
      header += CsvEscape(names[c], delimiter);
    }
    records.push_back(header);
    for (size_t r = 0; r < num_rows; ++r) {
      std::string record;
      for (size_t c = 0; c < num_columns; ++c) {
        if (c > 0) record += delimiter;
        if (columns[c][r].has_value()) record += CsvEscape(*columns[c][r], delimiter);
      }
      records.push_back(record);
    }
    for (size_t i = 0; i < records.size(); ++i) {
      text += records[i];
      // The last line break is optional, unless the last record is empty: then it is what
      // makes the record.
      if (i + 1 < records.size() || records[i].empty() || rng() % 2) text += line_end;
    }

    CsvOptions options;
    options.delimiter = delimiter;
    const auto table = ParseCsv(text, "random.csv", options);
    ASSERT_TRUE(table.ok()) << table.status() << "\n" << text;
    ASSERT_EQ(table->ColumnNames(), names) << text;
    ASSERT_EQ(table->num_rows(), num_rows) << text;
    for (size_t c = 0; c < num_columns; ++c) {
      ASSERT_EQ(ColumnValues(*table, c), columns[c]) << "column " << c << "\n" << text;
    }
  }
}

}  // namespace
}  // namespace sameas
