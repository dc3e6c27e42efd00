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

/// Reads a CSV file. Errors: NotFound for a missing file; InvalidArgument for an empty file,
/// a row with an unbalanced quote or the wrong number of fields, invalid UTF-8, or duplicated
/// column names; each message names the file, row, line, column and value.
absl::StatusOr<Table> ReadCsv(const std::string& path, const CsvOptions& options = {});

/// Parses CSV text; `origin` names it in error messages.
absl::StatusOr<Table> ParseCsv(std::string_view text, std::string_view origin,
                               const CsvOptions& options = {});

/// Quotes `field` for CSV output when it holds a delimiter, quote, CR or LF.
std::string CsvEscape(std::string_view field, char delimiter = ',');

}  // namespace sameas

#endif  // SAMEAS_IO_CSV_H_
