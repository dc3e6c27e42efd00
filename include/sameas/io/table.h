// The columnar table every source is read into: one string arena with offsets per column,
// laid out like an Arrow large_string array so that pyarrow buffers map onto it directly.
// Values stay strings here; prepare parses and normalises them once per record.
#ifndef SAMEAS_IO_TABLE_H_
#define SAMEAS_IO_TABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"

namespace sameas {

/// One column of strings: value i is `data[offsets[i], offsets[i + 1])`, null where `!valid[i]`.
class StringColumn {
 public:
  StringColumn() = default;
  explicit StringColumn(std::string name) : name_(std::move(name)) {}

  const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }
  size_t size() const { return valid_.size(); }
  bool is_null(size_t i) const { return !valid_[i]; }
  std::string_view value(size_t i) const {
    return std::string_view(data_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]);
  }

  void Append(std::string_view value) {
    data_.append(value);
    offsets_.push_back(data_.size());
    valid_.push_back(1);
  }
  void AppendNull() {
    offsets_.push_back(data_.size());
    valid_.push_back(0);
  }
  /// Appends every value and null of `other` (not its name): one copy of its arena, its
  /// offsets shifted by this column's arena size. O(other.size() + other.data().size()).
  void AppendColumn(const StringColumn& other) {
    const uint64_t base = data_.size();
    data_.append(other.data_);
    const size_t old = offsets_.size();
    offsets_.resize(old + other.size());
    for (size_t i = 0; i < other.size(); ++i) offsets_[old + i] = base + other.offsets_[i + 1];
    valid_.insert(valid_.end(), other.valid_.begin(), other.valid_.end());
  }
  /// Removes every value, keeping the name and the memory for values to come.
  void Clear() {
    data_.clear();
    offsets_.resize(1);
    valid_.clear();
  }
  void Reserve(size_t rows, size_t bytes) {
    offsets_.reserve(rows + 1);
    valid_.reserve(rows);
    data_.reserve(bytes);
  }

  /// Raw buffers, for zero-copy views and for building a column from Arrow buffers.
  const std::string& data() const { return data_; }
  const std::vector<uint64_t>& offsets() const { return offsets_; }
  const std::vector<uint8_t>& valid() const { return valid_; }

 private:
  std::string name_;
  std::string data_;
  std::vector<uint64_t> offsets_{0};
  std::vector<uint8_t> valid_;
};

/// A source: its name (`crm`, `social`), where it came from, and its columns of equal length.
struct Table {
  /// Short name of the source, written to the `source` column of the outputs.
  std::string source;
  /// The file or object it was read from, named in error messages.
  std::string origin;
  std::vector<StringColumn> columns;
  /// The 1-based line of the input where each row starts (empty when not read from text);
  /// error messages name it.
  std::vector<int64_t> lines;

  size_t num_rows() const { return columns.empty() ? 0 : columns.front().size(); }
  /// Index of the column named `name`, or -1.
  int ColumnIndex(std::string_view name) const;
  const StringColumn* Find(std::string_view name) const;
  std::vector<std::string> ColumnNames() const;
  /// "crm.csv row 12 (line 13)": how error messages name a row (0-based `row`).
  std::string DescribeRow(size_t row) const;
  /// Checks that every column has num_rows() values, that names are non-empty and unique, and
  /// that `lines` is empty or has one entry per row.
  absl::Status Validate() const;
};

}  // namespace sameas

#endif  // SAMEAS_IO_TABLE_H_
