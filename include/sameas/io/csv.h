// CSV per RFC 4180 into a Table: quoted fields with embedded delimiters, quotes and newlines,
// CRLF or LF, UTF-8 with or without a byte-order mark. Every row is kept; a malformed one is an
// error naming the file, row, line and column, never a silent skip.
#ifndef SAMEAS_IO_CSV_H_
#define SAMEAS_IO_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sameas/io/table.h"

namespace sameas {

struct CsvOptions {
  /// Field separator.
  char delimiter = ',';
  /// Quote character; doubled inside a quoted field to stand for itself.
  char quote = '"';
  /// Strip spaces and tabs around unquoted fields and header names (FEBRL writes ", name").
  bool trim = true;
  /// Unquoted field values read as null (after trimming). A quoted "" is an empty string.
  std::vector<std::string> null_values = {"", "NA", "N/A", "NULL", "null", "NaN", "nan", "None"};
  /// Source name for the table; by default the file name without directory and extension.
  std::string source;
};

/// Reads a CSV file whole and parses it with ParseCsv; `path`, as given, is the table's
/// `origin` and names the file in messages. Errors: NotFound ("crm.csv: no such file") for a
/// missing file, InvalidArgument for a directory and for everything ParseCsv rejects, and other
/// failures of the system as absl::ErrnoToStatus gives them ("crm.csv: Permission denied").
absl::StatusOr<Table> ReadCsv(const std::string& path, const CsvOptions& options = {});

/// Parses CSV text; `origin` names it in error messages and is the table's
/// `origin`; the source is `options.source`, else the stem of `origin` ("/x/crm.csv" -> "crm").
/// The first record is the header. Beyond RFC 4180:
/// - Records end with LF or CRLF, the last one also at the end of the text. Inside quotes,
///   CR, LF and CRLF are kept as they are. A CR not followed by LF outside quotes is an error.
/// - A quote inside an unquoted field is taken literally (`The "Rock"`); text between a closing
///   quote and the next delimiter is an error (spaces and tabs too unless `trim`).
/// - Blank lines (nothing but the line break) at the end of the text are ignored. Elsewhere a
///   blank line is an error naming its line, since a record must never be dropped silently,
///   except in a one-column table, where it is a field with no text (null by default); there
///   trailing blank lines are rows too, so a writer should quote an empty string.
/// - With `trim`, a tab delimiter is never trimmed away.
/// Errors, all InvalidArgument, each naming the origin, row and line as Table::DescribeRow
/// does ("crm.csv row 12 (line 13): column 'email': ..."), and the value with bytes that are
/// not UTF-8 shown as \xNN: an empty text; an empty or repeated header name; a quoted field with
/// no closing quote (with the line where the field starts); a record with more or fewer fields
/// than the header; a value that is not well-formed UTF-8; a delimiter equal to the quote, or
/// either one CR, LF or not ASCII. O(size of the text). On more than one thread (Threads()),
/// a text of 16 MiB or more is parsed in chunks of about 8 MiB of records in parallel, with the
/// same table and the same errors as one pass whatever the thread count.
absl::StatusOr<Table> ParseCsv(std::string_view text, std::string_view origin,
                               const CsvOptions& options = {});

/// Quotes `field` for CSV output when it holds a delimiter, quote, CR or LF, and also when a
/// read with the default CsvOptions would change it: an empty string, leading or trailing
/// spaces or tabs, or a default null value such as "NA". Write a null as an empty unquoted
/// field. Then ReadCsv(written) gives back the same strings and nulls.
/// Example: `CsvEscape("Kowalski, Jan")` -> `"Kowalski, Jan"` with the quotes.
std::string CsvEscape(std::string_view field, char delimiter = ',');

}  // namespace sameas

#endif  // SAMEAS_IO_CSV_H_
