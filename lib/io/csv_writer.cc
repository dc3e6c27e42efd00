// The CSV writer: dictionary values are escaped once, rows are formatted into per-chunk
// buffers in parallel, and the buffers are written in chunk order.
#include "sameas/io/csv_writer.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <memory>

#include "fmt/format.h"
#include "internal/parallel.h"
#include "sameas/io/csv.h"

namespace sameas {
namespace {

// Rows per formatting chunk, and chunks per wave (formatted together, then written).
constexpr size_t kRowChunk = 1 << 15;
constexpr size_t kChunksPerWave = 16;

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

size_t CsvColumn::size() const {
  return std::visit(
      [](const auto& column) -> size_t {
        using T = std::decay_t<decltype(column)>;
        if constexpr (std::is_same_v<T, CsvDictionary>) {
          return column.codes.size();
        } else if constexpr (std::is_same_v<T, CsvStringRows>) {
          return column.rows.size();
        } else {
          return column.size();
        }
      },
      values);
}

void AppendCsvField(const CsvColumn& column, size_t row, const CsvWriteOptions& options,
                    const std::vector<std::string>* escaped, std::string* out) {
  const auto& values = column.values;
  if (const auto* integers = std::get_if<std::span<const int64_t>>(&values)) {
    fmt::format_to(std::back_inserter(*out), "{}", (*integers)[row]);
  } else if (const auto* doubles = std::get_if<std::span<const double>>(&values)) {
    const double x = (*doubles)[row];
    if (!std::isnan(x)) fmt::format_to(std::back_inserter(*out), "{:.{}g}", x, options.precision);
  } else if (const auto* picked = std::get_if<CsvStringRows>(&values)) {
    const int64_t r = picked->rows[row];
    if (r < 0 || picked->strings->is_null(r)) return;
    out->append(CsvEscape(picked->strings->value(r), options.delimiter));
  } else {
    const auto& dictionary = std::get<CsvDictionary>(values);
    const int64_t code = dictionary.codes[row];
    if (code < 0) return;
    if (escaped != nullptr) {
      out->append((*escaped)[code]);
    } else {
      out->append(CsvEscape(dictionary.values[code], options.delimiter));
    }
  }
}

absl::Status WriteCsvRows(const std::string& path, const std::vector<std::string>& names,
                          size_t rows, size_t rows_per_chunk, const CsvChunkFormatter& format,
                          const CsvWriteOptions& options) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "wb"));
  if (file == nullptr) return absl::ErrnoToStatus(errno, path);
  std::string header;
  for (size_t c = 0; c < names.size(); ++c) {
    if (c > 0) header.push_back(options.delimiter);
    header += CsvEscape(names[c], options.delimiter);
  }
  header.push_back('\n');
  auto write = [&](const std::string& text) {
    return std::fwrite(text.data(), 1, text.size(), file.get()) == text.size();
  };
  if (!write(header)) return absl::ErrnoToStatus(errno, path);

  rows_per_chunk = std::max<size_t>(rows_per_chunk, 1);
  const size_t chunks = internal::NumChunks(rows, rows_per_chunk);
  for (size_t wave = 0; wave < chunks; wave += kChunksPerWave) {
    const size_t wave_chunks = std::min(kChunksPerWave, chunks - wave);
    std::vector<std::string> text(wave_chunks);
    internal::ParallelFor(wave_chunks, [&](size_t w) {
      const size_t begin = (wave + w) * rows_per_chunk;
      format(begin, std::min(rows, begin + rows_per_chunk), &text[w]);
    });
    for (const std::string& chunk : text) {
      if (!write(chunk)) return absl::ErrnoToStatus(errno, path);
    }
  }
  if (std::fflush(file.get()) != 0) return absl::ErrnoToStatus(errno, path);
  if (std::fclose(file.release()) != 0) return absl::ErrnoToStatus(errno, path);
  return absl::OkStatus();
}

absl::Status WriteCsv(const std::string& path, const std::vector<CsvColumn>& columns,
                      const CsvWriteOptions& options) {
  const size_t rows = columns.empty() ? 0 : columns.front().size();
  // Escaped once per distinct value, not once per cell.
  std::vector<std::vector<std::string>> escaped(columns.size());
  std::vector<std::string> names;
  for (size_t c = 0; c < columns.size(); ++c) {
    names.push_back(columns[c].name);
    if (columns[c].size() != rows) {
      return absl::InvalidArgumentError(fmt::format(
          "{}: column '{}' has {} values and column '{}' {}", path, columns[c].name,
          columns[c].size(), columns.front().name, rows));
    }
    if (const auto* picked = std::get_if<CsvStringRows>(&columns[c].values)) {
      for (size_t i = 0; i < picked->rows.size(); ++i) {
        if (picked->strings == nullptr ||
            picked->rows[i] >= static_cast<int64_t>(picked->strings->size())) {
          return absl::InvalidArgumentError(fmt::format(
              "{}: column '{}' row {}: row {} is past its {} strings", path, columns[c].name, i,
              picked->rows[i], picked->strings ? picked->strings->size() : 0));
        }
      }
    }
    if (const auto* dictionary = std::get_if<CsvDictionary>(&columns[c].values)) {
      for (size_t i = 0; i < dictionary->codes.size(); ++i) {
        if (dictionary->codes[i] >= static_cast<int64_t>(dictionary->values.size())) {
          return absl::InvalidArgumentError(fmt::format(
              "{}: column '{}' row {}: code {} is past its {} values", path, columns[c].name, i,
              dictionary->codes[i], dictionary->values.size()));
        }
      }
      escaped[c].reserve(dictionary->values.size());
      for (const std::string& value : dictionary->values) {
        escaped[c].push_back(CsvEscape(value, options.delimiter));
      }
    }
  }
  return WriteCsvRows(
      path, names, rows, kRowChunk,
      [&](size_t begin, size_t end, std::string* out) {
        for (size_t r = begin; r < end; ++r) {
          for (size_t c = 0; c < columns.size(); ++c) {
            if (c > 0) out->push_back(options.delimiter);
            AppendCsvField(columns[c], r, options, &escaped[c], out);
          }
          out->push_back('\n');
        }
      },
      options);
}

}  // namespace sameas
