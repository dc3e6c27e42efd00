// ParseCsv reads the records in parallel chunks (internal::ParseCsvChunked): its table and its
// errors must be the one pass's (internal::ParseCsvSerial) whatever the thread count. Small
// chunks make many of them in texts of tens of kilobytes, with quoted line breaks across the
// nominal chunk bounds.
#include <algorithm>
#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/csv_internal.h"
#include "sameas/io/csv.h"
#include "sameas/io/table.h"
#include "sameas/pipeline/threads.h"

namespace sameas {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr int kThreadCounts[] = {1, 2, 3};

// Every value, null, line, name, source and origin of two tables, compared.
void ExpectSameTable(const Table& actual, const Table& expected) {
  EXPECT_EQ(actual.source, expected.source);
  EXPECT_EQ(actual.origin, expected.origin);
  EXPECT_EQ(actual.lines, expected.lines);
  ASSERT_EQ(actual.num_rows(), expected.num_rows());
  ASSERT_EQ(actual.columns.size(), expected.columns.size());
  for (size_t c = 0; c < expected.columns.size(); ++c) {
    const StringColumn& a = actual.columns[c];
    const StringColumn& e = expected.columns[c];
    EXPECT_EQ(a.name(), e.name());
    ASSERT_EQ(a.size(), e.size());
    // The buffers whole: the same arena, offsets and validity as the one pass builds.
    EXPECT_EQ(a.offsets(), e.offsets()) << "column " << e.name();
    EXPECT_EQ(a.valid(), e.valid()) << "column " << e.name();
    EXPECT_EQ(a.data(), e.data()) << "column " << e.name();
  }
}

const std::vector<std::string> kGiven = {"Małgorzata", "Jürgen",  "Erzsébet", "Siti",
                                         "Katarzyna",  "Grzegorz", "Ferenc",  "Dewi",
                                         "Siobhán",    "Björn",    "Zoltán",  "Agus"};
const std::vector<std::string> kFamily = {"Wiśniewska", "Müller",  "Kovács",   "Nurhaliza",
                                          "Kowalczyk",  "Schröder", "Szabó",   "Setiawati",
                                          "O'Brien",    "Öztürk",   "Nagy-Tóth", "Brzęczyszczykiewicz"};
const std::vector<std::string> kCities = {"Kraków", "München", "Budapest", "Bandung",
                                          "Łódź",   "Köln",    "Debrecen", "Yogyakarta"};

// A customer CSV of about `target_bytes`: quoted commas ("Kraków, ul. Floriańska 3"), doubled
// quotes, quoted LF and CRLF line breaks (some fields of many lines, longer than a chunk),
// empty fields, null values ("NA", "NULL"), quoted empty strings, and records ending in LF or
// CRLF as `crlf` says (mixed when both).
std::string CustomerCsv(uint32_t seed, size_t target_bytes, bool lf, bool crlf) {
  std::mt19937 rng(seed);
  const auto pick = [&](const std::vector<std::string>& from) {
    return from[rng() % from.size()];
  };
  const auto end_of_line = [&]() -> std::string {
    if (lf && crlf) return rng() % 2 ? "\n" : "\r\n";
    return crlf ? "\r\n" : "\n";
  };
  std::string text = "id,given_name,family_name,address,email,notes" + end_of_line();
  for (int id = 1; text.size() < target_bytes; ++id) {
    const std::string given = pick(kGiven);
    const std::string family = pick(kFamily);
    const std::string city = pick(kCities);
    std::string notes;
    switch (rng() % 8) {
      case 0:
        notes = "";  // empty: null
        break;
      case 1:
        notes = "NA";
        break;
      case 2:
        notes = "\"\"";  // a quoted empty string
        break;
      case 3:
        notes = "\"called \"\"" + given + "\"\" by the family\"";
        break;
      case 4: {
        // Many lines in one field, LF or CRLF inside the quotes.
        notes = "\"moved from " + city + ":";
        const int lines = 1 + static_cast<int>(rng() % 40);
        for (int i = 0; i < lines; ++i) {
          notes += (rng() % 2 ? "\n" : "\r\n") + pick(kFamily) + " family, flat " +
                   std::to_string(rng() % 90);
        }
        notes += "\"";
        break;
      }
      default:
        notes = "regular customer since " + std::to_string(1990 + rng() % 34);
    }
    const std::string email = rng() % 5 == 0 ? (rng() % 2 ? "" : "NULL")
                                             : given + "." + std::to_string(id) + "@poczta.pl";
    text += std::to_string(id) + "," + given + "," + family + ",\"" + city + ", ul. " +
            pick(kFamily) + " " + std::to_string(1 + rng() % 120) + "\"," + email + "," + notes +
            end_of_line();
  }
  return text;
}

absl::StatusOr<Table> Chunked(std::string_view text, size_t chunk_bytes,
                              const CsvOptions& options = {}, size_t* chunks_used = nullptr) {
  return internal::ParseCsvChunked(text, "customers.csv", options, chunk_bytes, chunks_used);
}

absl::StatusOr<Table> Serial(std::string_view text, const CsvOptions& options = {}) {
  return internal::ParseCsvSerial(text, "customers.csv", options);
}

// The chunked parse of `text` equals the one pass on 1, 2 and 3 threads, using chunks.
void ExpectChunkedIsSerial(std::string_view text, size_t chunk_bytes,
                           const CsvOptions& options = {}) {
  const absl::StatusOr<Table> serial = Serial(text, options);
  ASSERT_TRUE(serial.ok()) << serial.status();
  for (const int threads : kThreadCounts) {
    SCOPED_TRACE(testing::Message() << threads << " threads");
    ScopedThreads scoped(threads);
    size_t chunks_used = 0;
    const absl::StatusOr<Table> chunked = Chunked(text, chunk_bytes, options, &chunks_used);
    ASSERT_TRUE(chunked.ok()) << chunked.status();
    // About one chunk per chunk_bytes, or one per record when records are longer.
    EXPECT_GE(chunks_used, std::min(text.size() / chunk_bytes / 4, serial->num_rows()))
        << "the chunks were not used";
    ExpectSameTable(*chunked, *serial);
  }
}

// --- The same table ---------------------------------------------------------------------------

TEST(ParseCsvChunked, PropertySameTableAsOnePassOnAnyThreadCount) {
  for (uint32_t seed = 0; seed < 24; ++seed) {
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    const std::string text = CustomerCsv(seed, 60'000 + seed * 997, seed % 3 != 1, seed % 3 != 0);
    // Chunks from a few hundred bytes (many boundaries inside the long notes) to a few KiB.
    const size_t chunk_bytes = 200 + (seed * 331) % 3000;
    ExpectChunkedIsSerial(text, chunk_bytes);
  }
}

TEST(ParseCsvChunked, QuotedLineBreaksAcrossEveryNominalBound) {
  // Each record's notes are one quoted field of many lines that covers every multiple of the
  // chunk size near it: every chunk start must be found past it by quote parity.
  std::string text = "id,name,notes\n";
  for (int id = 1; id <= 300; ++id) {
    text += std::to_string(id) + ",Erzsébet Kovács,\"first line";
    for (int line = 0; line < 12; ++line) text += "\nJürgen Müller, \"\"Jü\"\", Köln";
    text += "\"\n";
  }
  for (const size_t chunk_bytes : {64, 100, 257, 1000}) {
    SCOPED_TRACE(testing::Message() << "chunk " << chunk_bytes);
    ExpectChunkedIsSerial(text, chunk_bytes);
  }
  const absl::StatusOr<Table> table = Chunked(text, 100);
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->num_rows(), 300u);
  EXPECT_EQ(table->lines[1], 15);  // each record takes 13 lines
  EXPECT_THAT(std::string(table->columns[2].value(299)),
              StartsWith("first line\nJürgen Müller, \"Jü\", Köln\nJürgen"));
}

TEST(ParseCsvChunked, ByteOrderMarkTrailingBlankLinesOptionsAndOneColumn) {
  const std::string body = CustomerCsv(7, 40'000, true, true);
  // A byte-order mark, and blank lines (LF and CRLF) after the last record.
  ExpectChunkedIsSerial("\xEF\xBB\xBF" + body + "\r\n\n\r\n", 512);
  // More blank lines than a chunk: chunks would start among them.
  ExpectChunkedIsSerial(body + std::string(3000, '\n'), 512);

  // Semicolons, no trimming, other null values.
  std::string semicolons;
  for (int id = 1; id <= 2000; ++id) {
    semicolons += id == 1 ? "id;name;city\n" : "";
    semicolons += std::to_string(id) + "; Siti Nurhaliza ;" + (id % 7 == 0 ? "-" : "\"Bandung; Jawa Barat\"") + "\n";
  }
  CsvOptions options;
  options.delimiter = ';';
  options.trim = false;
  options.null_values = {"-"};
  options.source = "crm";
  ExpectChunkedIsSerial(semicolons, 700, options);

  // One column: blank lines inside are rows (null), and so are those at the end.
  std::string one_column = "name\n";
  for (int i = 0; i < 3000; ++i) one_column += i % 11 == 0 ? "\n" : "Małgorzata Wiśniewska\n";
  one_column += "\n\n";
  ExpectChunkedIsSerial(one_column, 300);
}

// --- The same error ---------------------------------------------------------------------------

// The error of the chunked parse of `text` is the one pass's on 1, 2 and 3 threads; returns
// it. `failing_chunk`, when given, is set to the chunk that gave it (1-based; 0: the one pass).
std::string ExpectSameError(std::string_view text, size_t chunk_bytes,
                            size_t* failing_chunk = nullptr) {
  const absl::StatusOr<Table> serial = Serial(text);
  EXPECT_FALSE(serial.ok());
  if (serial.ok()) return "";
  for (const int threads : kThreadCounts) {
    SCOPED_TRACE(testing::Message() << threads << " threads");
    ScopedThreads scoped(threads);
    const absl::StatusOr<Table> chunked = Chunked(text, chunk_bytes, {}, failing_chunk);
    EXPECT_EQ(chunked.status(), serial.status());
  }
  return std::string(serial.status().message());
}

// `text` with the record whose id is `id` (at the start of a line) replaced by `record`.
std::string WithRecord(std::string text, int id, const std::string& record) {
  const size_t found = text.find("\n" + std::to_string(id) + ",");
  EXPECT_NE(found, std::string::npos) << "no record " << id;
  const size_t begin = found + 1;
  size_t end = text.find("\n" + std::to_string(id + 1) + ",", begin);
  EXPECT_NE(end, std::string::npos) << "no record " << id + 1;
  if (text[end - 1] == '\r') --end;
  text.replace(begin, end - begin, record);
  return text;
}

TEST(ParseCsvChunked, ErrorInALateChunkIsTheOnePasssMessage) {
  const std::string text = CustomerCsv(3, 150'000, true, true);
  // A missing field, invalid UTF-8 (Latin-1), and a quote with text after it, near the end.
  size_t failing_chunk = 0;
  const std::string missing = ExpectSameError(
      WithRecord(text, 600, "600,Siti,Nurhaliza,\"Bandung, ul. Merdeka 5\",siti@poczta.id"), 900,
      &failing_chunk);
  EXPECT_GT(failing_chunk, 50u) << "the error should come from a late chunk";
  EXPECT_THAT(missing, HasSubstr("customers.csv row 600 (line "));
  EXPECT_THAT(missing, HasSubstr("expected 6 fields, one per header column, but found 5"));
  const std::string latin1 = ExpectSameError(
      WithRecord(text, 590, "590,J\xFCrgen,M\xFCller,Köln,,customer"), 900);
  EXPECT_THAT(latin1, HasSubstr("customers.csv row 590 (line "));
  EXPECT_THAT(latin1, HasSubstr("column 'given_name': 'J\\xFCrgen' is not valid UTF-8"));
  const std::string after_quote = ExpectSameError(
      WithRecord(text, 610, "610,Erzsébet,\"Kovács\" Jr,Debrecen,,NA"), 900);
  EXPECT_THAT(after_quote, HasSubstr("column 'family_name'"));
  EXPECT_THAT(after_quote, HasSubstr("has text after its closing quote"));
}

TEST(ParseCsvChunked, ErrorInAnEarlyChunkWinsOverALaterOne) {
  std::string text = CustomerCsv(5, 150'000, true, false);
  text = WithRecord(text, 650, "650,Agus,Setiawati");                         // late
  text = WithRecord(text, 12, "12,Ferenc,Szabó,Budapest,ferenc@poczta.hu");  // early
  size_t failing_chunk = 0;
  const std::string message = ExpectSameError(text, 600, &failing_chunk);
  EXPECT_GE(failing_chunk, 1u);  // a chunk near the start, not the one pass
  EXPECT_LE(failing_chunk, 3u);
  EXPECT_THAT(message, HasSubstr("customers.csv row 12 (line "));
  EXPECT_THAT(message, HasSubstr("but found 5"));
  // A blank line in the middle names its line, in whichever chunk it falls.
  std::string blank = CustomerCsv(6, 80'000, true, false);
  blank.insert(blank.find("\n400,") + 1, "\n");
  EXPECT_THAT(ExpectSameError(blank, 600), HasSubstr("the line is empty but 6 fields"));
}

// --- Quotes that mislead the parity ---------------------------------------------------------

TEST(ParseCsvChunked, LiteralQuotesInUnquotedFieldsGiveTheOnePasssResult) {
  // `5'11"` is one literal quote in an unquoted field: the parity is wrong after it, so a
  // chunk may start inside a quoted field; then the chunk before ends elsewhere and the one
  // pass decides.
  std::string text = "id,name,height,notes\n";
  std::mt19937 rng(11);
  for (int id = 1; id <= 1500; ++id) {
    text += std::to_string(id) + ",Grzegorz Kowalczyk," + (rng() % 3 == 0 ? "5'11\"" : "180cm") +
            "," + (rng() % 4 == 0 ? "\"plays \"\"chess\"\"\non Sundays\nin Łódź\"" : "NA") + "\n";
  }
  const absl::StatusOr<Table> serial = Serial(text);
  ASSERT_TRUE(serial.ok()) << serial.status();
  size_t fell_back = 0;
  for (const size_t chunk_bytes : {97, 400, 2000}) {
    SCOPED_TRACE(testing::Message() << "chunk " << chunk_bytes);
    for (const int threads : kThreadCounts) {
      ScopedThreads scoped(threads);
      size_t chunks_used = 0;
      const absl::StatusOr<Table> chunked = Chunked(text, chunk_bytes, {}, &chunks_used);
      ASSERT_TRUE(chunked.ok()) << chunked.status();
      ExpectSameTable(*chunked, *serial);
      fell_back += chunks_used == 0;
    }
  }
  EXPECT_GT(fell_back, 0u) << "the misleading quotes should have sent the text to the one pass";
}

TEST(ParseCsvChunked, UnclosedQuoteGivesTheOnePasssError) {
  // A quote opened in a middle record: it runs to the next quote, records later, and what
  // follows decides the error; the parity is wrong from there on.
  std::string text = CustomerCsv(9, 120'000, true, false);
  text = WithRecord(text, 300, "300,Dewi,\"Setiawati,Bandung,,NA");
  EXPECT_THAT(ExpectSameError(text, 500), HasSubstr("customers.csv row 300 (line "));
  // Never closed: the one pass names the line where the field starts.
  const std::string unclosed =
      CustomerCsv(12, 120'000, true, false) + "99999,Agus,\"Setiawati,Bandung,,NA\n";
  EXPECT_THAT(ExpectSameError(unclosed, 500), HasSubstr("has no closing quote"));
  // Quotes opened in unquoted fields on either side of a bound (`O"Brien`), then a real
  // error later.
  std::string misled = CustomerCsv(10, 120'000, true, false);
  misled = WithRecord(misled, 200, "200,Siobhán,O\"Brien,\"Cork, Main St 1\",,NA");
  misled = WithRecord(misled, 450, "450,Björn,Öztürk,Köln,,NA,extra");
  EXPECT_THAT(ExpectSameError(misled, 500), HasSubstr("customers.csv row 450 (line "));
}

TEST(ParseCsvChunked, PropertyAnyTextGivesTheOnePasssTableOrError) {
  // Records of random pieces: names, quoted and unquoted, stray and doubled quotes, CR, LF,
  // CRLF, blanks, empty fields, nulls and a Latin-1 byte now and then; tiny chunks.
  const std::vector<std::string> pieces = {
      "Małgorzata", "Wiśniewska", "Siti Nurhaliza", ",", ",", ",", "\"", "\"\"", "\n", "\n",
      "\r\n", "\r", " ", "NA", "\"Kovács, Erzsébet\"", "\"line\nbreak\"", "5'11\"", "\xE9"};
  // Well-formed records, some with a literal quote that misleads the parity (`5'11"`).
  const std::vector<std::string> three_columns = {
      "Jürgen,\"Müller, Jr\",\"a \"\"b\"\"\nc\"\n", "Siti,Nurhaliza,5'11\"\r\n",
      "Erzsébet,Kovács,\n", "Agus,\"Setiawan\",\"\"\n"};
  const std::vector<std::string> one_column = {"Dewi\n", "\"Kowalczyk\nKatarzyna\"\n", "\n",
                                               "5'11\"\n"};
  size_t ok = 0, failed = 0;
  for (uint32_t seed = 0; seed < 60; ++seed) {
    std::mt19937 rng(seed);
    const std::vector<std::string>& records = seed % 2 ? three_columns : one_column;
    std::string text = seed % 2 ? "given,family,notes\n" : "name\n";
    const size_t size = 300 + rng() % 3000;
    // A third of the texts have no random pieces; the others about one in 40.
    const bool random_pieces = seed % 3 != 0;
    while (text.size() < size) {
      if (random_pieces && rng() % 40 == 0) {
        text += pieces[rng() % pieces.size()];
      } else {
        text += records[rng() % records.size()];
      }
    }
    const absl::StatusOr<Table> serial = Serial(text);
    (serial.ok() ? ok : failed) += 1;
    for (const int threads : kThreadCounts) {
      ScopedThreads scoped(threads);
      const absl::StatusOr<Table> chunked = Chunked(text, 16 + seed % 200);
      ASSERT_EQ(chunked.status(), serial.status()) << "seed " << seed << " threads " << threads;
      if (serial.ok()) ExpectSameTable(*chunked, *serial);
    }
  }
  // Both outcomes are exercised.
  EXPECT_GT(ok, 5u);
  EXPECT_GT(failed, 5u);
}

TEST(ParseCsv, UsesTheChunksOnlyAboveTwoChunksOfText) {
  // ParseCsv is ParseCsvChunked with 8 MiB chunks: a small text is one pass.
  const std::string text = CustomerCsv(1, 20'000, true, false);
  size_t chunks_used = 1;
  ASSERT_TRUE(Chunked(text, internal::kCsvChunkBytes, {}, &chunks_used).ok());
  EXPECT_EQ(chunks_used, 0u);
  const absl::StatusOr<Table> table = ParseCsv(text, "customers.csv");
  ASSERT_TRUE(table.ok()) << table.status();
  ExpectSameTable(*table, *Serial(text));
}

}  // namespace
}  // namespace sameas
