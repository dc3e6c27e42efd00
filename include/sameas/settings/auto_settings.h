// Chooses settings from the tables alone: column roles from names and contents, blocking
// rules sized by counting their pairs before generating any, comparisons that suit each role.
#ifndef SAMEAS_SETTINGS_AUTO_SETTINGS_H_
#define SAMEAS_SETTINGS_AUTO_SETTINGS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sameas/io/table.h"
#include "sameas/prepare/prepared_table.h"
#include "sameas/settings/settings.h"

namespace sameas {

struct AutoSettingsOptions {
  LinkType link_type = LinkType::kDedupe;
  /// The id column; found from the column names when empty.
  std::string id_column;
  /// A rule is kept only when it generates at most this many pairs; 0 means
  /// max(100,000, 30 x records).
  uint64_t pair_budget_per_rule = 0;
  /// The rules are kept, broad to specific, while the sum of their pairs stays within this;
  /// 0 means max(1,000,000, 15 x records).
  uint64_t pair_budget = 0;
};

/// The id column among `names`: "id", "unique_id", "rec_id", "record_id", "*_id", ...; empty
/// when none is obvious.
std::string FindIdColumn(const std::vector<std::string>& names);

/// The role and type of a column from its name and a sample of its values.
ColumnSettings InferColumn(const Table& table, int column);

/// Settings for deduplicating or linking `tables`. Errors when no id column can be found or
/// the tables share no comparable column.
absl::StatusOr<Settings> InferSettings(const std::vector<const Table*>& tables,
                                       const AutoSettingsOptions& options = {});
/// The same, also handing back in `prepared` the tables prepared for the settings chosen
/// (their rules are counted on it), so that they need not be prepared twice.
absl::StatusOr<Settings> InferSettings(const std::vector<const Table*>& tables,
                                       const AutoSettingsOptions& options,
                                       PreparedTable* prepared);

}  // namespace sameas

#endif  // SAMEAS_SETTINGS_AUTO_SETTINGS_H_
