// Tables out as CSV (RFC 4180), written column-wise from numbers and dictionary-coded strings
// without building a string per cell first: what pairs.csv and clusters.csv are written with.
// Fields are quoted by CsvEscape, so ReadCsv gives back the same strings.
#ifndef SAMEAS_IO_CSV_WRITER_H_
#define SAMEAS_IO_CSV_WRITER_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "sameas/io/table.h"

namespace sameas {

/// Strings as codes into a list of distinct values: row i holds values[codes[i]], or nothing
/// (an empty unquoted field, which reads back as null) when codes[i] < 0.
struct CsvDictionary {
  std::span<const int64_t> codes;
  std::span<const std::string> values;
};

/// Strings picked from a StringColumn (record ids as read): row i holds
/// strings->value(rows[i]), or nothing when that value is null or rows[i] < 0. Spares
/// copying millions of ids out of the table to write them.
struct CsvStringRows {
  std::span<const int64_t> rows;
  const StringColumn* strings = nullptr;
};

/// One output column: its header name and its values, all columns of one length.
/// Integers are written in decimal; doubles as printf's %.<precision>g, NaN as an empty field.
struct CsvColumn {
  std::string name;
  std::variant<std::span<const int64_t>, std::span<const double>, CsvDictionary, CsvStringRows>
      values;

  /// Its number of rows.
  size_t size() const;
};

struct CsvWriteOptions {
  char delimiter = ',';
  /// Significant digits of doubles (pandas' float_format="%.6g" by default).
  int precision = 6;
};

/// Writes `columns` to `path` with a header row and LF line ends, formatting rows in chunks
/// on Threads() threads and writing them in row order. Errors: columns of different lengths,
/// a dictionary code past its values, and the system's, naming the file
/// ("out/pairs.csv: No space left on device"). O(rows x columns).
absl::Status WriteCsv(const std::string& path, const std::vector<CsvColumn>& columns,
                      const CsvWriteOptions& options = {});

/// Appends row `row` of `column` to `out` as one field (without a delimiter), as WriteCsv
/// writes it. `escaped`: the dictionary's values already passed through CsvEscape (WriteCsv
/// escapes each distinct value once), or null to escape the value here.
void AppendCsvField(const CsvColumn& column, size_t row, const CsvWriteOptions& options,
                    const std::vector<std::string>* escaped, std::string* out);

/// Formats rows [begin, end) of a table into `out`, each row ending in '\n'. Called on
/// several threads at once for disjoint ranges; must not throw.
using CsvChunkFormatter = std::function<void(size_t begin, size_t end, std::string* out)>;

/// The streaming form of WriteCsv, for tables made row by row that are never held whole
/// (profiles.csv): writes the header `names` (escaped), then `rows` rows formatted by `format`
/// in chunks of `rows_per_chunk` on Threads() threads, a bounded number of chunks at a time,
/// in row order, so the file is the same whatever the thread count. Errors: the system's,
/// naming the file.
absl::Status WriteCsvRows(const std::string& path, const std::vector<std::string>& names,
                          size_t rows, size_t rows_per_chunk, const CsvChunkFormatter& format,
                          const CsvWriteOptions& options = {});

}  // namespace sameas

#endif  // SAMEAS_IO_CSV_WRITER_H_
