#include "sameas/io/csv.h"

#include <algorithm>
#include <array>
#include <bit>
#include <bitset>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "internal/parallel.h"
#include "internal/utf8.h"
#include "io/csv_internal.h"
#include "sameas/internal/status_macros.h"
#include "sameas/pipeline/threads.h"

namespace sameas {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr size_t npos = std::string_view::npos;
// Rows parsed before the arenas are reserved from what those rows weighed.
constexpr size_t kSampleRows = 1024;
// Bytes of a value shown in an error message.
constexpr size_t kShownBytes = 60;

enum class FieldEnd { kDelimiter, kRecord, kInput };

struct Field {
  std::string_view value;
  bool quoted = false;
  FieldEnd end = FieldEnd::kInput;
};

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// A value as error messages show it: single-quoted, escaped by EscapeForMessage, at most
// kShownBytes of it around byte `focus` (where the trouble is), with "..." where it is cut.
std::string Shown(std::string_view value, size_t focus = 0) {
  size_t begin = 0;
  if (focus > kShownBytes / 3 && value.size() > kShownBytes) {
    begin = std::min(focus - kShownBytes / 3, value.size() - kShownBytes);
    while (begin > 0 && IsContinuationByte(value[begin])) --begin;
  }
  size_t end = value.size();
  if (end - begin > kShownBytes) {
    end = begin + kShownBytes;
    while (end > begin && IsContinuationByte(value[end])) --end;
  }
  return absl::StrCat("'", begin > 0 ? "..." : "",
                      internal::EscapeForMessage(value.substr(begin, end - begin)),
                      end < value.size() ? "..." : "", "'");
}

// The word of eight copies of byte `c`.
constexpr uint64_t Broadcast(char c) {
  return 0x0101010101010101ULL * static_cast<unsigned char>(c);
}

// High bit set in each zero byte of `v`. Bytes above the lowest zero byte may be flagged
// wrongly (the borrow runs upwards), so only the lowest flag is to be trusted.
constexpr uint64_t ZeroBytes(uint64_t v) {
  return (v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL;
}

// High bit set in each byte of `v` that is zero, exactly (no borrow between bytes).
constexpr uint64_t ExactZeroBytes(uint64_t v) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
  return ~(((v & kLow7) + kLow7) | v) & 0x8080808080808080ULL;
}

// The number of bytes whose high bit `flags` sets (no other bit set): their sum by one
// multiplication, where std::popcount would be a libgcc call on baseline x86-64.
constexpr size_t FlaggedBytes(uint64_t flags) {
  return static_cast<size_t>(((flags >> 7) * 0x0101010101010101ULL) >> 56);
}

// Adds the number of bytes of `text` equal to `a` to `count_a`, and equal to `b` to
// `count_b`: one pass, eight bytes per step.
void CountTwoBytes(std::string_view text, char a, char b, size_t* count_a, size_t* count_b) {
  const uint64_t word_a = Broadcast(a);
  const uint64_t word_b = Broadcast(b);
  size_t pos = 0;
  for (; pos + 8 <= text.size(); pos += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + pos, 8);
    *count_a += FlaggedBytes(ExactZeroBytes(word ^ word_a));
    *count_b += FlaggedBytes(ExactZeroBytes(word ^ word_b));
  }
  for (; pos < text.size(); ++pos) {
    *count_a += text[pos] == a;
    *count_b += text[pos] == b;
  }
}

// The number of LF bytes in `text`; memchr jumps from one to the next.
size_t CountLineFeeds(std::string_view text) {
  size_t count = 0;
  const char* p = text.data();
  const char* const end = p + text.size();
  while ((p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr) {
    ++count;
    ++p;
  }
  return count;
}

// `text` without its UTF-8 byte-order mark.
std::string_view WithoutByteOrderMark(std::string_view text) {
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    text.remove_prefix(kByteOrderMark.size());
  }
  return text;
}

// What ParseCsv rejects before reading any record: options it cannot parse with, and a text
// with no header (`text` without its byte-order mark).
absl::Status CheckOptionsAndText(std::string_view text, std::string_view origin,
                                 const CsvOptions& options) {
  const std::string name(origin);
  const auto bad = [](char c) {
    return c == '\n' || c == '\r' || static_cast<unsigned char>(c) >= 0x80;
  };
  if (bad(options.delimiter) || bad(options.quote) || options.delimiter == options.quote) {
    return absl::InvalidArgumentError(absl::StrCat(
        name,
        ": the delimiter and the quote must be two different ASCII characters other than CR "
        "and LF"));
  }
  if (text.find_first_not_of("\r\n") == npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": the file is empty; a header row is expected"));
  }
  return absl::OkStatus();
}

// RFC 4180 over a file's text (without its byte-order mark), appending to the columns'
// arenas: the header, then the records from wherever the parse stands up to a given end. One
// parser reads a whole file (ParseCsvSerial), or one reads the header and one more each chunk
// of records (ParseCsvChunked); all look at the whole text, so that a field that runs past a
// chunk's end reads as it would in one pass.
class CsvParser {
 public:
  // `bad_utf8` is where the first ill-formed UTF-8 sequence at or after the first byte this
  // parser reads is, or npos.
  CsvParser(std::string_view text, std::string_view origin, const CsvOptions& options,
            size_t bad_utf8)
      : text_(text),
        options_(options),
        delimiter_word_(Broadcast(options.delimiter)),
        bad_utf8_(bad_utf8) {
    table_.origin = std::string(origin);
    // What trim strips; never the delimiter, so that a tab-separated file keeps empty fields.
    blank_[' '] = options.delimiter != ' ';
    blank_['\t'] = options.delimiter != '\t';
    for (const std::string& null_value : options_.null_values) {
      null_lengths_ |= uint64_t{1} << std::min<size_t>(null_value.size(), 63);
      if (!null_value.empty()) null_first_bytes_.set(static_cast<unsigned char>(null_value[0]));
    }
  }

  // Reads the header at the start of the text.
  absl::Status ReadHeader();
  // Makes the next record start at `pos`, on line `line`, as row `first_row` of the file,
  // with the columns of `header` (a parser that read the header), in the memory of `reuse`'s
  // columns and lines when given (their values are dropped).
  void StartAt(size_t pos, int64_t line, size_t first_row, const Table& header,
               Table* reuse = nullptr);
  // Reads records while they start before `end`, stopping at blank lines that end the text.
  // `row_bound` bounds how many there are.
  absl::Status ReadRecords(size_t end, size_t row_bound);
  // Where the parse stands: after the last record read, or the end of the text when only
  // blank lines were left.
  size_t pos() const { return pos_; }
  int64_t line() const { return line_; }
  const Table& table() const { return table_; }
  Table TakeTable() { return std::move(table_); }

 private:
  absl::Status ReadRecord();
  // Reads the field at pos_ and moves pos_ past its delimiter or line break.
  absl::Status ReadField(size_t column, Field* field);
  absl::Status ReadQuoted(size_t column, Field* field);
  // Ends the field whose value (and closing quote) stops before `stop`, at a delimiter, a line
  // break or the end of the text.
  void EndField(size_t stop, Field* field);
  // The first delimiter, LF or CR at or after `pos`, or the end of the text.
  size_t FindUnquotedEnd(size_t pos) const;
  void ReserveFromSample(size_t begin, size_t end, size_t row_bound);

  bool IsBlank(char c) const { return blank_[static_cast<unsigned char>(c)]; }
  bool AtLineBreak(size_t pos) const {
    return text_[pos] == '\n' ||
           (text_[pos] == '\r' && (pos + 1 == text_.size() || text_[pos + 1] == '\n'));
  }
  bool OnlyLineBreaksFrom(size_t pos) const { return text_.find_first_not_of("\r\n", pos) == npos; }
  // "crm.csv row 12 (line 13)" for the record being read, as Table::DescribeRow names it.
  std::string DescribeRecord() const;
  bool IsNull(std::string_view value) const {
    // Most values fail the length or the first-byte filter, before any comparison.
    if (!((null_lengths_ >> std::min<size_t>(value.size(), 63)) & 1)) return false;
    if (!value.empty() && !null_first_bytes_[static_cast<unsigned char>(value.front())]) {
      return false;
    }
    return std::find(options_.null_values.begin(), options_.null_values.end(), value) !=
           options_.null_values.end();
  }
  size_t num_columns() const { return table_.columns.size(); }
  // "crm.csv row 12 (line 13): column 'email'" or, in the header, "crm.csv line 1: header
  // column 3": where a field-level message starts.
  std::string WhereField(size_t column) const;
  absl::Status FieldError(size_t column, const std::string& what) const {
    return absl::InvalidArgumentError(absl::StrCat(WhereField(column), ": ", what));
  }
  // The current record as it stands in the text, for messages.
  std::string_view RecordText() const {
    std::string_view record = text_.substr(record_start_, pos_ - record_start_);
    while (!record.empty() && (record.back() == '\n' || record.back() == '\r')) {
      record.remove_suffix(1);
    }
    return record;
  }

  std::string_view text_;
  const CsvOptions& options_;
  // Eight copies of the delimiter, for FindUnquotedEnd.
  const uint64_t delimiter_word_;
  std::array<bool, 256> blank_{};
  Table table_;
  size_t pos_ = 0;
  // The line pos_ is on, and the line and offset where the current record starts.
  int64_t line_ = 1;
  int64_t record_line_ = 1;
  size_t record_start_ = 0;
  bool in_header_ = true;
  // The row of the file table_'s first row is (0 but in a later chunk).
  size_t first_row_ = 0;
  // Where the first ill-formed UTF-8 sequence at or after the parse's start is, or npos.
  const size_t bad_utf8_;
  // Bit k set when a null value has k bytes (k = 63 for 63 or more).
  uint64_t null_lengths_ = 0;
  // Which bytes a non-empty null value starts with.
  std::bitset<256> null_first_bytes_;
  // The value of a quoted field with doubled quotes, which cannot be a view of the text.
  std::string unescaped_;
};

std::string CsvParser::DescribeRecord() const {
  // The table has neither origin nor source while it is read (the source is set at the end);
  // Table::DescribeRow calls such a table "table".
  return absl::StrCat(table_.origin.empty() ? "table" : table_.origin, " row ",
                      first_row_ + table_.lines.size(), " (line ", table_.lines.back(), ")");
}

std::string CsvParser::WhereField(size_t column) const {
  if (in_header_) {
    return absl::StrCat(table_.origin, " line ", record_line_, ": header column ", column + 1);
  }
  const std::string row = DescribeRecord();
  if (column < num_columns()) {
    return absl::StrCat(row, ": column '", table_.columns[column].name(), "'");
  }
  return absl::StrCat(row, ": field ", column + 1, " (the header has ", num_columns(), " columns)");
}

size_t CsvParser::FindUnquotedEnd(size_t pos) const {
  const char* data = text_.data();
  const size_t n = text_.size();
  if constexpr (std::endian::native == std::endian::little) {
    // Eight bytes per step: flag bytes equal to the delimiter, LF or CR; the lowest flag is
    // the first such byte.
    constexpr uint64_t kLf = Broadcast('\n');
    constexpr uint64_t kCr = Broadcast('\r');
    while (pos + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, data + pos, 8);
      const uint64_t found =
          ZeroBytes(word ^ delimiter_word_) | ZeroBytes(word ^ kLf) | ZeroBytes(word ^ kCr);
      if (found != 0) return pos + std::countr_zero(found) / 8;
      pos += 8;
    }
  }
  while (pos < n && data[pos] != options_.delimiter && data[pos] != '\n' && data[pos] != '\r') {
    ++pos;
  }
  return pos;
}

absl::Status CsvParser::ReadField(size_t column, Field* field) {
  const size_t n = text_.size();
  size_t begin = pos_;
  if (options_.trim) {
    while (begin < n && IsBlank(text_[begin])) ++begin;
  }
  if (begin < n && text_[begin] == options_.quote) {
    pos_ = begin;
    return ReadQuoted(column, field);
  }
  // Unquoted: the value runs to the next delimiter or line break. A quote inside it is
  // taken literally (`The "Rock"`, `5'11"`), as RFC 4180 readers commonly do.
  const size_t stop = FindUnquotedEnd(begin);
  size_t end = stop;
  if (options_.trim) {
    while (end > begin && IsBlank(text_[end - 1])) --end;
  }
  field->value = text_.substr(begin, end - begin);
  field->quoted = false;
  if (bad_utf8_ < stop) {
    return FieldError(column,
                      absl::StrCat(Shown(field->value, bad_utf8_ - begin),
                                   " is not valid UTF-8 (is the file Latin-1 or Windows-1252? "
                                   "convert it to UTF-8)"));
  }
  if (stop < n && text_[stop] == '\r' && stop + 1 < n && text_[stop + 1] != '\n') {
    const size_t next_break = text_.find('\n', stop);
    return FieldError(
        column,
        absl::StrCat(Shown(text_.substr(begin, next_break == npos ? npos : next_break - begin)),
                     " holds a carriage return that is not followed by a line feed; "
                     "quote the field, or end lines with LF or CRLF"));
  }
  EndField(stop, field);
  return absl::OkStatus();
}

absl::Status CsvParser::ReadQuoted(size_t column, Field* field) {
  const char* data = text_.data();
  const size_t n = text_.size();
  const size_t open = pos_;
  const int64_t open_line = line_;
  const char quote = options_.quote;
  size_t segment = open + 1;
  bool doubled = false;
  size_t close;
  for (;;) {
    const void* found = std::memchr(data + segment, quote, n - segment);
    if (found == nullptr) {
      return FieldError(column, absl::StrCat("the quoted field starting on line ", open_line,
                                             " has no closing quote: ", Shown(text_.substr(open))));
    }
    const size_t at = static_cast<const char*>(found) - data;
    line_ += CountLineFeeds(text_.substr(segment, at - segment));
    if (at + 1 < n && data[at + 1] == quote) {
      if (!doubled) unescaped_.clear();
      doubled = true;
      unescaped_.append(data + segment, at + 1 - segment);  // the text and one quote
      segment = at + 2;
      continue;
    }
    close = at;
    break;
  }
  if (doubled) {
    unescaped_.append(data + segment, close - segment);
    field->value = unescaped_;
  } else {
    field->value = text_.substr(open + 1, close - open - 1);
  }
  field->quoted = true;
  if (bad_utf8_ < close) {
    return FieldError(column,
                      absl::StrCat(Shown(field->value, internal::FindInvalidUtf8(field->value)),
                                   " is not valid UTF-8 (is the file Latin-1 or Windows-1252? "
                                   "convert it to UTF-8)"));
  }
  size_t stop = close + 1;
  if (options_.trim) {
    while (stop < n && IsBlank(text_[stop])) ++stop;
  }
  if (stop < n && text_[stop] != options_.delimiter && !AtLineBreak(stop)) {
    const size_t next = FindUnquotedEnd(stop);
    return FieldError(column, absl::StrCat(Shown(text_.substr(open, next - open), close - open),
                                           " has text after its closing quote; a quote inside "
                                           "a quoted field is written twice"));
  }
  EndField(stop, field);
  return absl::OkStatus();
}

void CsvParser::EndField(size_t stop, Field* field) {
  const size_t n = text_.size();
  if (stop >= n) {
    pos_ = n;
    field->end = FieldEnd::kInput;
  } else if (text_[stop] == options_.delimiter) {
    pos_ = stop + 1;
    field->end = FieldEnd::kDelimiter;
  } else {
    // A line break: LF, CRLF, or a CR that ends the text.
    pos_ = stop + (text_[stop] == '\r' && stop + 1 < n ? 2 : 1);
    if (text_[pos_ - 1] == '\n') ++line_;
    field->end = FieldEnd::kRecord;
  }
}

absl::Status CsvParser::ReadHeader() {
  in_header_ = true;
  record_start_ = pos_;
  record_line_ = line_;
  absl::flat_hash_map<std::string, size_t> seen;
  Field field;
  do {
    const size_t column = num_columns();
    SAMEAS_RETURN_IF_ERROR(ReadField(column, &field));
    if (field.value.empty()) {
      return FieldError(column, "has an empty name; every column needs a name");
    }
    const auto [it, inserted] = seen.emplace(field.value, column);
    if (!inserted) {
      return FieldError(column, absl::StrCat("name ", Shown(field.value),
                                             " is already the name of column ", it->second + 1));
    }
    table_.columns.emplace_back(std::string(field.value));
  } while (field.end == FieldEnd::kDelimiter);
  in_header_ = false;
  return absl::OkStatus();
}

void CsvParser::StartAt(size_t pos, int64_t line, size_t first_row, const Table& header,
                        Table* reuse) {
  pos_ = pos;
  line_ = line;
  first_row_ = first_row;
  in_header_ = false;
  if (reuse != nullptr && reuse->columns.size() == header.columns.size()) {
    table_.columns = std::move(reuse->columns);
    for (StringColumn& column : table_.columns) column.Clear();
    table_.lines = std::move(reuse->lines);
    table_.lines.clear();
    return;
  }
  table_.columns.clear();
  for (const StringColumn& column : header.columns) table_.columns.emplace_back(column.name());
}

absl::Status CsvParser::ReadRecord() {
  const size_t columns = num_columns();
  record_start_ = pos_;
  record_line_ = line_;
  table_.lines.push_back(line_);
  if (columns > 1 && AtLineBreak(pos_)) {
    return absl::InvalidArgumentError(
        absl::StrCat(DescribeRecord(), ": the line is empty but ",
                     columns, " fields are expected; blank lines may only end the file"));
  }
  size_t count = 0;
  Field field;
  do {
    SAMEAS_RETURN_IF_ERROR(ReadField(count, &field));
    if (count < columns) {
      StringColumn& column = table_.columns[count];
      if (!field.quoted && IsNull(field.value)) {
        column.AppendNull();
      } else {
        column.Append(field.value);
      }
    }
    ++count;
  } while (field.end == FieldEnd::kDelimiter);
  if (count != columns) {
    return absl::InvalidArgumentError(absl::StrCat(
        DescribeRecord(), ": expected ", columns,
        " fields, one per header column, but found ", count, ": ", Shown(RecordText())));
  }
  return absl::OkStatus();
}

void CsvParser::ReserveFromSample(size_t begin, size_t end, size_t row_bound) {
  // Scale what the sampled rows took to the whole of [begin, end), with a little to spare, so
  // that each arena is allocated about once.
  const size_t rows = table_.num_rows();
  const double scale = static_cast<double>(end - begin) /
                       static_cast<double>(std::max<size_t>(pos_ - begin, 1));
  const size_t expected_rows =
      std::min(row_bound, static_cast<size_t>(static_cast<double>(rows) * scale * 1.05) + 16);
  table_.lines.reserve(expected_rows);
  for (StringColumn& column : table_.columns) {
    column.Reserve(expected_rows,
                   static_cast<size_t>(static_cast<double>(column.data().size()) * scale * 1.05));
  }
}

absl::Status CsvParser::ReadRecords(size_t end, size_t row_bound) {
  const size_t begin = pos_;
  const size_t sample_rows = std::min(row_bound, kSampleRows);
  table_.lines.reserve(sample_rows);
  for (StringColumn& column : table_.columns) column.Reserve(sample_rows, 0);
  while (pos_ < end) {
    // Blank lines at the end are an editor's, not records; elsewhere ReadRecord decides.
    if (num_columns() > 1 && AtLineBreak(pos_) && OnlyLineBreaksFrom(pos_)) {
      pos_ = text_.size();
      break;
    }
    SAMEAS_RETURN_IF_ERROR(ReadRecord());
    if (table_.num_rows() == kSampleRows && pos_ < end) ReserveFromSample(begin, end, row_bound);
  }
  return absl::OkStatus();
}

// The table's source: `options.source`, else the stem of `origin`.
std::string SourceName(std::string_view origin, const CsvOptions& options) {
  return !options.source.empty() ? options.source
                                 : std::filesystem::path(std::string(origin)).stem().string();
}

// Bytes [begin, end) of a text, as the pre-pass of ParseCsvChunked sees them.
struct Block {
  size_t begin = 0;
  size_t end = 0;
  // The first ill-formed UTF-8 sequence in the block (an offset in the text), or npos.
  size_t bad_utf8 = npos;
  size_t quotes = 0;
  size_t line_feeds = 0;
};

// The text cut just after the first LF at or after each multiple of `chunk_bytes`: bounds
// that depend on the text alone, and never inside a UTF-8 sequence.
std::vector<Block> CutAfterLineFeeds(std::string_view text, size_t chunk_bytes) {
  std::vector<Block> blocks;
  size_t begin = 0;
  for (size_t nominal = chunk_bytes; nominal < text.size(); nominal += chunk_bytes) {
    if (nominal < begin) continue;
    const size_t lf = text.find('\n', nominal);
    if (lf == npos || lf + 1 >= text.size()) break;
    blocks.push_back({begin, lf + 1});
    begin = lf + 1;
  }
  blocks.push_back({begin, text.size()});
  return blocks;
}

// Where the first record at or after `pos` starts by quote parity (RFC 4180: each quote
// toggles being inside quotes, a doubled one twice): just after the first LF outside quotes
// at or after pos - 1, `in_quotes` being the state at pos; npos when there is none. Adds the
// LFs of [pos, that start) to `line_feeds`. A quote taken literally inside an unquoted field
// (`5'11"`) misleads it, so ParseCsvChunked checks every start it gives.
size_t NextRecordStart(std::string_view text, size_t pos, bool in_quotes, char quote,
                       size_t* line_feeds) {
  if (!in_quotes && pos > 0 && text[pos - 1] == '\n') return pos;
  for (size_t i = pos; i < text.size(); ++i) {
    const char c = text[i];
    if (c == quote) {
      in_quotes = !in_quotes;
    } else if (c == '\n') {
      ++*line_feeds;
      if (!in_quotes) return i + 1;
    }
  }
  return npos;
}

// Records [begin, end) of a text, starting on line `line`, and what parsing them gave.
struct Chunk {
  size_t begin = 0;
  size_t end = 0;
  int64_t line = 1;
  // The first ill-formed UTF-8 sequence at or after begin, or npos.
  size_t bad_utf8 = npos;
  // More than the rows it holds.
  size_t row_bound = 0;
  absl::Status status;
  // Where the parse stopped (CsvParser::pos).
  size_t stop = 0;
  Table table;
};

}  // namespace

namespace internal {

absl::StatusOr<Table> ParseCsvSerial(std::string_view text, std::string_view origin,
                                     const CsvOptions& options) {
  text = WithoutByteOrderMark(text);
  SAMEAS_RETURN_IF_ERROR(CheckOptionsAndText(text, origin, options));
  CsvParser parser(text, origin, options, FindInvalidUtf8(text));
  SAMEAS_RETURN_IF_ERROR(parser.ReadHeader());
  // Every row but the last ends with a LF, so this bounds the number of rows.
  const size_t row_bound = CountLineFeeds(text.substr(parser.pos())) + 1;
  SAMEAS_RETURN_IF_ERROR(parser.ReadRecords(text.size(), row_bound));
  Table table = parser.TakeTable();
  table.source = SourceName(origin, options);
  return table;
}

absl::StatusOr<Table> ParseCsvChunked(std::string_view text, std::string_view origin,
                                      const CsvOptions& options, size_t chunk_bytes,
                                      size_t* chunks_used) {
  if (chunks_used != nullptr) *chunks_used = 0;
  const std::string_view whole = text;
  text = WithoutByteOrderMark(text);
  if (chunk_bytes == 0 || text.size() < 2 * chunk_bytes) {
    return ParseCsvSerial(whole, origin, options);
  }
  SAMEAS_RETURN_IF_ERROR(CheckOptionsAndText(text, origin, options));

  // 1. One parallel pass over blocks cut after LFs: each block's first ill-formed UTF-8, and
  // its quotes and LFs.
  std::vector<Block> blocks = CutAfterLineFeeds(text, chunk_bytes);
  ParallelFor(blocks.size(), [&](size_t b) {
    Block& block = blocks[b];
    const std::string_view bytes = text.substr(block.begin, block.end - block.begin);
    const size_t bad = FindInvalidUtf8(bytes);
    block.bad_utf8 = bad == npos ? npos : block.begin + bad;
    CountTwoBytes(bytes, options.quote, '\n', &block.quotes, &block.line_feeds);
  });
  // The first ill-formed UTF-8 at or after `pos` when none is before pos in pos's block (else
  // a later one or npos: then an earlier chunk holds a bad byte and fails first).
  const auto bad_utf8_from = [&](size_t pos) {
    for (const Block& block : blocks) {
      if (block.bad_utf8 != npos && block.bad_utf8 >= pos) return block.bad_utf8;
    }
    return npos;
  };

  CsvParser header(text, origin, options, bad_utf8_from(0));
  SAMEAS_RETURN_IF_ERROR(header.ReadHeader());
  const size_t data_start = header.pos();

  // 2. Where chunks of records start: from each block's start, by the quote parity there,
  // the next record start (NextRecordStart). One search per block, in parallel.
  const size_t header_quotes = static_cast<size_t>(std::count(
      text.begin(), text.begin() + static_cast<std::ptrdiff_t>(data_start), options.quote));
  std::vector<size_t> quotes_before(blocks.size()), line_feeds_before(blocks.size());
  for (size_t b = 1; b < blocks.size(); ++b) {
    quotes_before[b] = quotes_before[b - 1] + blocks[b - 1].quotes;
    line_feeds_before[b] = line_feeds_before[b - 1] + blocks[b - 1].line_feeds;
  }
  std::vector<size_t> starts(blocks.size(), npos);
  std::vector<size_t> start_line_feeds = line_feeds_before;
  ParallelFor(blocks.size(), [&](size_t b) {
    if (b == 0 || blocks[b].begin <= data_start) return;
    const bool in_quotes = (quotes_before[b] - header_quotes) % 2 == 1;
    starts[b] =
        NextRecordStart(text, blocks[b].begin, in_quotes, options.quote, &start_line_feeds[b]);
  });
  std::vector<Chunk> chunks(1);
  chunks[0].begin = data_start;
  chunks[0].line = header.line();
  for (size_t b = 1; b < blocks.size(); ++b) {
    if (starts[b] == npos || starts[b] >= text.size() || starts[b] <= chunks.back().begin) {
      continue;
    }
    // Blank lines that end the text are no records (but in a one-column table): the chunk
    // before skips them.
    if (header.table().columns.size() > 1 && text.find_first_not_of("\r\n", starts[b]) == npos) {
      break;
    }
    chunks.back().end = starts[b];
    Chunk& chunk = chunks.emplace_back();
    chunk.begin = starts[b];
    chunk.line = static_cast<int64_t>(start_line_feeds[b]) + 1;
  }
  chunks.back().end = text.size();
  if (chunks.size() < 2) return ParseCsvSerial(whole, origin, options);
  const int64_t last_line = static_cast<int64_t>(line_feeds_before.back() +
                                                 blocks.back().line_feeds) + 1;
  for (size_t c = 0; c < chunks.size(); ++c) {
    chunks[c].bad_utf8 = bad_utf8_from(chunks[c].begin);
    // Every row but the last of a chunk ends with a LF.
    chunks[c].row_bound = static_cast<size_t>(
        (c + 1 < chunks.size() ? chunks[c + 1].line : last_line) - chunks[c].line + 1);
  }

  // 3. Waves of as many chunks as threads, each chunk parsed on its own into its own columns:
  // a table per thread whose memory every wave reuses, so that memory is taken from the
  // system (and zeroed by it) about once for the chunks and once for the table.
  const auto parse_chunk = [&](Chunk& chunk, size_t first_row, Table* reuse) {
    CsvParser parser(text, origin, options, chunk.bad_utf8);
    parser.StartAt(chunk.begin, chunk.line, first_row, header.table(), reuse);
    chunk.status = parser.ReadRecords(chunk.end, chunk.row_bound);
    chunk.stop = parser.pos();
    chunk.table = parser.TakeTable();
  };
  const size_t wave = std::min<size_t>(static_cast<size_t>(Threads()), chunks.size());
  std::vector<Table> scratch(wave);
  Table table = header.table();  // the names, no rows
  size_t rows = 0;
  for (size_t first = 0; first < chunks.size(); first += wave) {
    const size_t last = std::min(first + wave, chunks.size());
    ParallelFor(last - first, [&](size_t i) {
      parse_chunk(chunks[first + i], 0, &scratch[i]);
    });
    // 4. In file order. A chunk that ended elsewhere than where the next one starts means
    // that quotes misled the pre-pass: the one pass decides. Up to it, each chunk started
    // where a record starts (the first after the header, the next where this one ended), so
    // parsed as the one pass does: the first that failed is parsed again knowing its first
    // row, for the one pass's message.
    for (size_t c = first; c < last; ++c) {
      Chunk& chunk = chunks[c];
      if (!chunk.status.ok()) {
        parse_chunk(chunk, rows, nullptr);
        if (chunks_used != nullptr) *chunks_used = c + 1;
        return chunk.status;
      }
      if (chunk.stop != chunk.end) return ParseCsvSerial(whole, origin, options);
      rows += chunk.table.num_rows();
    }
    if (first == 0) {
      // Room for the whole table, scaled from the first wave, with a little to spare.
      const double scale = 1.05 * static_cast<double>(text.size() - data_start) /
                           static_cast<double>(chunks[last - 1].end - data_start);
      const size_t expected_rows = static_cast<size_t>(static_cast<double>(rows) * scale) + 16;
      table.lines.reserve(expected_rows);
      for (size_t c = 0; c < table.columns.size(); ++c) {
        size_t bytes = 0;
        for (size_t i = first; i < last; ++i) bytes += chunks[i].table.columns[c].data().size();
        table.columns[c].Reserve(expected_rows,
                                 static_cast<size_t>(static_cast<double>(bytes) * scale));
      }
    }
    // 5. The wave's rows appended in chunk order, one column per task; then its tables go
    // back to the threads.
    for (size_t c = first; c < last; ++c) {
      const std::vector<int64_t>& lines = chunks[c].table.lines;
      table.lines.insert(table.lines.end(), lines.begin(), lines.end());
    }
    ParallelFor(table.columns.size(), [&](size_t column) {
      for (size_t c = first; c < last; ++c) {
        table.columns[column].AppendColumn(chunks[c].table.columns[column]);
      }
    });
    for (size_t c = first; c < last; ++c) scratch[c - first] = std::move(chunks[c].table);
  }
  table.source = SourceName(origin, options);
  if (chunks_used != nullptr) *chunks_used = chunks.size();
  return table;
}

}  // namespace internal

absl::StatusOr<Table> ParseCsv(std::string_view text, std::string_view origin,
                               const CsvOptions& options) {
  // On one thread the chunks would only add their pre-pass and merge to the same result.
  if (Threads() <= 1 || omp_in_parallel()) return internal::ParseCsvSerial(text, origin, options);
  return internal::ParseCsvChunked(text, origin, options, internal::kCsvChunkBytes);
}

absl::StatusOr<Table> ReadCsv(const std::string& path, const CsvOptions& options) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": is a directory, not a CSV file"));
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int open_errno = errno;
    if (open_errno == ENOENT) return absl::NotFoundError(absl::StrCat(path, ": no such file"));
    return absl::ErrnoToStatus(open_errno, path);
  }
  // Read it whole: one allocation when the size is known, then one pass of the parser.
  std::string text;
  const auto size = std::filesystem::file_size(path, error);
  if (!error) text.reserve(size);
  char buffer[1 << 16];
  size_t read;
  while ((read = std::fread(buffer, 1, sizeof(buffer), file)) > 0) text.append(buffer, read);
  const bool failed = std::ferror(file) != 0;
  const int read_errno = errno;
  std::fclose(file);
  if (failed) return absl::ErrnoToStatus(read_errno, path);
  return ParseCsv(text, path, options);
}

std::string CsvEscape(std::string_view field, char delimiter) {
  static const CsvOptions kDefaults;
  // Besides what RFC 4180 requires, quote what a default read would change: padding that
  // trim would strip, and values that would read as null.
  const auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
  bool quote = field.empty() || is_blank(field.front()) || is_blank(field.back()) ||
               std::find(kDefaults.null_values.begin(), kDefaults.null_values.end(), field) !=
                   kDefaults.null_values.end();
  for (size_t i = 0; i < field.size() && !quote; ++i) {
    const char c = field[i];
    quote = c == delimiter || c == '"' || c == '\r' || c == '\n';
  }
  if (!quote) return std::string(field);
  std::string out;
  out.reserve(field.size() + 2);
  out.push_back('"');
  for (const char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace sameas
