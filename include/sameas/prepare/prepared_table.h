// The prepared form of the input: every source stacked into one record index space, each
// field folded, dictionary-encoded and (for dates) parsed once, so that blocking and
// comparison read features by index and never touch raw strings per pair.
#ifndef SAMEAS_PREPARE_PREPARED_TABLE_H_
#define SAMEAS_PREPARE_PREPARED_TABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sameas/io/table.h"
#include "sameas/prepare/handles.h"
#include "sameas/prepare/names.h"
#include "sameas/prepare/places.h"
#include "sameas/settings/settings.h"

namespace sameas {

/// One column of the settings, prepared for every record of every source.
struct PreparedColumn {
  std::string name;
  ColumnSettings settings;
  /// Dictionary of distinct folded values; `dictionary.value(code - 1)` for code > 0.
  StringColumn dictionary;
  /// Per record: 0 for null (missing, or empty after folding), else 1 + dictionary index.
  std::vector<uint32_t> codes;
  /// Per dictionary entry: how many records hold it (term frequency).
  std::vector<uint32_t> counts;
  /// For date columns, per record: days since 1970-01-01, or kNoDate.
  std::vector<int32_t> days;
  /// Values of a date column that did not parse (they are compared as text).
  uint64_t unparsed_dates = 0;
  /// For date columns, per record: the year of the date, or of a year alone ("1984", whose
  /// `days` is kNoDate); 0 when none.
  std::vector<int16_t> years;
  /// Records of a phone column whose number libphonenumber finds invalid in its region (kept
  /// as their digits, compared as such).
  uint64_t invalid_phones = 0;
  /// For place columns (roles city and country): the place read from each record.
  PreparedPlaces places;
  /// For name columns (roles given_name, family_name, full_name): the parsed names, whose
  /// folded form ("katarzyna nowak" for "Nowak, Katarzyna ✨") is what `dictionary` holds;
  /// empty for other columns.
  PreparedNames names;
  /// For handle and email columns (roles handle, email): the parsed handles or addresses,
  /// whose normalised form ("kasianowak84", "katarzynanowak@gmail.com") is what `dictionary`
  /// holds; empty for other columns.
  PreparedHandles handles;

  bool is_null(size_t record) const { return codes[record] == 0; }
  std::string_view folded(size_t record) const { return dictionary.value(codes[record] - 1); }
};

struct PreparedTable {
  /// Source names, in the order the tables were given.
  std::vector<std::string> sources;
  /// Per record: index into `sources`.
  std::vector<uint16_t> source;
  /// Per record: its row in its own table.
  std::vector<uint32_t> row;
  /// Per record: its id, as read.
  StringColumn ids;
  std::vector<PreparedColumn> columns;

  size_t num_records() const { return source.size(); }
  /// Index of the prepared column `name`, or -1.
  int ColumnIndex(std::string_view name) const;
};

/// Prepares `tables` for `settings`: checks ids (present, unique within a source), folds and
/// encodes every settings column, parses dates. Errors name the table, row, column and value.
absl::StatusOr<PreparedTable> Prepare(const std::vector<const Table*>& tables,
                                      const Settings& settings);

}  // namespace sameas

#endif  // SAMEAS_PREPARE_PREPARED_TABLE_H_
