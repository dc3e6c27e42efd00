#include "sameas/io/table.h"

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace sameas {
namespace {

// What a table-level message starts with: the origin, else the source, else "table".
// (A std::string, since Debian's absl::StrCat takes no std::string_view.)
std::string TableName(const Table& table) {
  if (!table.origin.empty()) return table.origin;
  if (!table.source.empty()) return table.source;
  return "table";
}

}  // namespace

int Table::ColumnIndex(std::string_view name) const {
  // Tables have tens of columns and this runs once per setting, not per row: a scan is enough.
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name() == name) return static_cast<int>(i);
  }
  return -1;
}

const StringColumn* Table::Find(std::string_view name) const {
  const int index = ColumnIndex(name);
  return index < 0 ? nullptr : &columns[index];
}

std::vector<std::string> Table::ColumnNames() const {
  std::vector<std::string> names;
  names.reserve(columns.size());
  for (const StringColumn& column : columns) names.push_back(column.name());
  return names;
}

std::string Table::DescribeRow(size_t row) const {
  std::string out = absl::StrCat(TableName(*this), " row ", row + 1);
  if (row < lines.size()) absl::StrAppend(&out, " (line ", lines[row], ")");
  return out;
}

absl::Status Table::Validate() const {
  const std::string name = TableName(*this);
  absl::flat_hash_map<std::string_view, size_t> seen;
  seen.reserve(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    const StringColumn& column = columns[i];
    if (column.name().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, ": column ", i + 1, " has an empty name"));
    }
    const auto [it, inserted] = seen.emplace(column.name(), i);
    if (!inserted) {
      return absl::InvalidArgumentError(absl::StrCat(name, ": column name '", column.name(),
                                                     "' appears twice, as columns ", it->second + 1,
                                                     " and ", i + 1));
    }
    if (column.size() != num_rows()) {
      return absl::InvalidArgumentError(absl::StrCat(name, ": column '", column.name(), "' has ",
                                                     column.size(), " values but column '",
                                                     columns.front().name(), "' has ", num_rows()));
    }
  }
  if (!lines.empty() && lines.size() != num_rows()) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": ", lines.size(), " line numbers for ", num_rows(), " rows"));
  }
  return absl::OkStatus();
}

}  // namespace sameas
