// The two ways ParseCsv can read a text: the one pass on the calling thread, which is the
// reference, and the parallel chunks it uses, with the chunk size as a knob for tests.
#ifndef SAMEAS_LIB_IO_CSV_INTERNAL_H_
#define SAMEAS_LIB_IO_CSV_INTERNAL_H_

#include <cstddef>
#include <string_view>

#include "absl/status/statusor.h"
#include "sameas/io/csv.h"
#include "sameas/io/table.h"

namespace sameas::internal {

/// Bytes of text per chunk of records that ParseCsv parses on its own.
inline constexpr size_t kCsvChunkBytes = size_t{8} << 20;

/// ParseCsv in one pass over the whole text, on the calling thread.
absl::StatusOr<Table> ParseCsvSerial(std::string_view text, std::string_view origin,
                                     const CsvOptions& options);

/// ParseCsv in chunks of records of about `chunk_bytes` bytes parsed in parallel, with the
/// same table and the same error as ParseCsvSerial whatever the thread count:
/// 1. one parallel pass over the text cut after LFs near each multiple of `chunk_bytes`
///    counts quotes and LFs and finds the first ill-formed UTF-8;
/// 2. after the header, each chunk starts at the first LF outside quotes (by quote parity)
///    at or after such a cut, on the line the LF count gives;
/// 3. each chunk is parsed into its own columns; 4. in file order, the first failing chunk
///    gives the error (parsed again knowing its first row), and a chunk that did not end
///    where the next starts (quotes taken literally in unquoted fields mislead the parity)
///    sends the whole text to ParseCsvSerial; 5. columns are appended in chunk order.
/// A text of fewer than two chunks goes to ParseCsvSerial. `chunks_used`, when given, is set
/// to the number of chunks whose parse gave the result: 0 when ParseCsvSerial did.
absl::StatusOr<Table> ParseCsvChunked(std::string_view text, std::string_view origin,
                                      const CsvOptions& options, size_t chunk_bytes,
                                      size_t* chunks_used = nullptr);

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_IO_CSV_INTERNAL_H_
