// Prepare: stack the sources into one record index space, check ids, and fold, encode and
// parse every settings column once per distinct raw value.
#include "sameas/prepare/prepared_table.h"

#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "fmt/format.h"
#include "internal/parallel.h"
#include "internal/strings.h"
#include "sameas/internal/status_macros.h"
#include "prepare/contact_features.h"
#include "prepare/handle_features.h"
#include "prepare/name_features.h"
#include "sameas/prepare/date.h"
#include "sameas/prepare/text.h"

namespace sameas {
namespace {

// Assigns dictionary codes to folded values, remembering the code of each raw value so that
// a value seen before is neither folded nor hashed twice.
class Encoder {
 public:
  explicit Encoder(PreparedColumn* column) : column_(column) {}

  /// The code of `raw` (0 for a value that folds to nothing); for date columns also its day
  /// number (kNoDate when none) and year (0 when none; a year alone has a year and no day).
  uint32_t Encode(std::string_view raw, ColumnType type, DayMonthOrder order, int32_t* days,
                  int16_t* year) {
    auto& raw_codes = raw_codes_[static_cast<int>(order)];
    auto cached = raw_codes.find(internal::ToAbsl(raw));
    if (cached != raw_codes.end()) {
      *days = cached->second.days;
      *year = cached->second.year;
      return cached->second.code;
    }
    Entry entry;
    std::string folded;
    if (type == ColumnType::kDate) {
      if (auto date = ParseDate(raw, order)) {
        entry.days = date->DaysSinceEpoch();
        entry.year = static_cast<int16_t>(date->year);
        folded = fmt::format("{:04d}-{:02d}-{:02d}", date->year, date->month, date->day);
      } else if (auto alone = ParseYear(raw)) {
        entry.year = static_cast<int16_t>(*alone);
        folded = fmt::format("{:04d}", *alone);
      } else {
        folded = FoldText(raw);
        if (!folded.empty()) ++column_->unparsed_dates;
      }
    } else {
      folded = FoldText(raw);
    }
    if (!folded.empty()) {
      auto [it, inserted] = folded_codes_.try_emplace(folded, 0);
      if (inserted) {
        column_->dictionary.Append(folded);
        column_->counts.push_back(0);
        it->second = static_cast<uint32_t>(column_->dictionary.size());
      }
      entry.code = it->second;
    }
    raw_codes.emplace(std::string(raw), entry);
    *days = entry.days;
    *year = entry.year;
    return entry.code;
  }

 private:
  struct Entry {
    uint32_t code = 0;
    int32_t days = kNoDate;
    int16_t year = 0;
  };
  PreparedColumn* column_;
  // One cache per day/month order: sources of one column may differ in it, and "03/07/1984"
  // read day-first must not be reused for a month-first source.
  absl::flat_hash_map<std::string, Entry> raw_codes_[2];
  absl::flat_hash_map<std::string, uint32_t> folded_codes_;
};

absl::Status CheckIds(const Table& table, int id_column, std::string_view id_name) {
  const StringColumn& ids = table.columns[id_column];
  absl::flat_hash_map<absl::string_view, size_t> first_row;
  first_row.reserve(ids.size());
  for (size_t row = 0; row < ids.size(); ++row) {
    if (ids.is_null(row)) {
      return absl::InvalidArgumentError(fmt::format(
          "{}: column '{}': the id is missing; every record needs an id", table.DescribeRow(row),
          id_name));
    }
    auto [it, inserted] = first_row.emplace(internal::ToAbsl(ids.value(row)), row);
    if (!inserted) {
      return absl::InvalidArgumentError(fmt::format(
          "{}: column '{}': id '{}' is also the id of {}", table.DescribeRow(row), id_name,
          ids.value(row), table.DescribeRow(it->second)));
    }
  }
  return absl::OkStatus();
}

}  // namespace

int PreparedTable::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

absl::StatusOr<PreparedTable> Prepare(const std::vector<const Table*>& tables,
                                      const Settings& settings) {
  SAMEAS_RETURN_IF_ERROR(ValidateColumns(settings, tables));
  if (tables.size() > 65535) return absl::InvalidArgumentError("at most 65535 sources");
  PreparedTable prepared;
  size_t total = 0;
  for (const Table* table : tables) total += table->num_rows();
  if (total > UINT32_MAX - 1) {
    return absl::InvalidArgumentError(fmt::format("{} records is more than 2^32 - 2", total));
  }
  prepared.source.reserve(total);
  prepared.row.reserve(total);
  for (size_t t = 0; t < tables.size(); ++t) {
    const Table& table = *tables[t];
    for (size_t u = 0; u < t; ++u) {
      if (tables[u]->source == table.source) {
        return absl::InvalidArgumentError(fmt::format(
            "two inputs have the source name '{}' ({} and {}); give them different names",
            table.source, tables[u]->origin, table.origin));
      }
    }
    prepared.sources.push_back(table.source);
    const std::string& id_name = settings.IdColumnFor(table.source);
    int id_column = table.ColumnIndex(id_name);
    SAMEAS_RETURN_IF_ERROR(CheckIds(table, id_column, id_name));
    const StringColumn& ids = table.columns[id_column];
    for (size_t row = 0; row < table.num_rows(); ++row) {
      prepared.source.push_back(static_cast<uint16_t>(t));
      prepared.row.push_back(static_cast<uint32_t>(row));
      prepared.ids.Append(ids.value(row));
    }
  }

  // Columns are independent: each is folded, parsed and encoded on its own thread, and its
  // dictionary codes follow the order of first appearance in the records, as on one thread.
  // Handle and email columns are read with `lexicon`, made once the name columns are prepared.
  prepared.columns.resize(settings.columns.size());
  auto prepare_column = [&](size_t index, const NameLexicon* lexicon) {
    const ColumnSettings& column_settings = settings.columns[index];
    PreparedColumn& column = prepared.columns[index];
    std::string joined;
    std::vector<std::string_view> sample;
    column.name = column_settings.name;
    column.settings = column_settings;
    column.codes.reserve(total);
    const bool is_date = column_settings.type == ColumnType::kDate;
    if (is_date) {
      column.days.reserve(total);
      column.years.reserve(total);
    }
    Encoder encoder(&column);
    // Phones to E.164 in the record's country; places read into city and country.
    internal::CountryReader countries;
    std::optional<internal::PhoneNormaliser> phones;
    if (IsPhoneColumn(column_settings)) {
      phones.emplace(!column_settings.default_region.empty()
                         ? column_settings.default_region
                         : internal::MostCommonRegion(tables, column_settings, &countries));
    }
    std::optional<internal::PlaceFeatureBuilder> places;
    if (IsPlaceColumn(column_settings)) {
      places.emplace(&column.places);
      column.places.index.reserve(total);
    }
    // Name columns are parsed; the parsed name's folded form is what gets encoded.
    std::optional<internal::NameFeatureBuilder> names;
    if (IsNameColumn(column_settings)) {
      names.emplace(internal::NameFieldOf(column_settings.role), &column.names);
      column.names.index.reserve(total);
    }
    // Handle and email columns likewise: their normalised form is encoded.
    std::optional<internal::HandleFeatureBuilder> handles;
    if (IsHandleColumn(column_settings)) {
      handles.emplace(column_settings.role == ColumnRole::kEmail, *lexicon, &column.handles);
      column.handles.index.reserve(total);
    }
    for (const Table* table : tables) {
      std::vector<const StringColumn*> inputs;
      for (const auto& name : column_settings.InputsFor(table->source)) {
        inputs.push_back(&table->columns[table->ColumnIndex(name)]);
      }
      const StringColumn* country =
          phones || places ? internal::CountryColumnOf(*table, column_settings) : nullptr;
      DayMonthOrder order = DayMonthOrder::kDayFirst;
      if (is_date && !inputs.empty()) {
        sample.clear();
        for (size_t row = 0; row < table->num_rows(); ++row) {
          if (!inputs[0]->is_null(row)) sample.push_back(inputs[0]->value(row));
        }
        order = DetectDayMonthOrder(sample);
      }
      for (size_t row = 0; row < table->num_rows(); ++row) {
        std::string_view raw;
        bool present = false;
        if (inputs.size() == 1) {
          present = !inputs[0]->is_null(row);
          if (present) raw = inputs[0]->value(row);
        } else {
          joined.clear();
          for (const StringColumn* input : inputs) {
            if (input->is_null(row)) continue;
            if (!joined.empty()) joined.push_back(' ');
            joined.append(input->value(row));
          }
          present = !joined.empty();
          raw = joined;
        }
        if (names) {
          // A full name made of two inputs reads them as given and family name.
          auto field = [&](size_t i) {
            return inputs[i]->is_null(row) ? std::string_view() : inputs[i]->value(row);
          };
          if (!present) {
            names->AddNull();
          } else {
            raw = inputs.size() == 2 && column_settings.role == ColumnRole::kFullName
                      ? names->AddParts(field(0), field(1))
                      : names->Add(raw);
            present = !raw.empty();
          }
        }
        if (phones && present) {
          bool invalid = false;
          raw = phones->Normalise(raw, countries.RegionOf(country, row), &invalid);
          if (invalid) ++column.invalid_phones;
          present = !raw.empty();
        }
        if (places) {
          if (present) raw = places->Add(raw, countries.RegionOf(country, row));
          if (!present) places->AddNull();
          present = !raw.empty();
        }
        if (handles) {
          if (!present) {
            handles->AddNull();
          } else {
            raw = handles->Add(raw);
            present = !raw.empty();
          }
        }
        int32_t days = kNoDate;
        int16_t year = 0;
        uint32_t code =
            present ? encoder.Encode(raw, column_settings.type, order, &days, &year) : 0;
        column.codes.push_back(code);
        if (code != 0) ++column.counts[code - 1];
        if (is_date) {
          column.days.push_back(days);
          column.years.push_back(year);
        }
      }
    }
  };
  // Name columns first, so that the words of the data's own names help segment glued
  // handles ("drwiegadominik") that the library's lists do not know.
  internal::ParallelFor(settings.columns.size(), [&](size_t index) {
    if (!IsHandleColumn(settings.columns[index])) prepare_column(index, nullptr);
  });
  bool any_handles = false;
  for (const auto& column : settings.columns) any_handles |= IsHandleColumn(column);
  if (any_handles) {
    NameLexicon lexicon = NameLexicon::Get();
    for (const PreparedColumn& column : prepared.columns) {
      const PreparedNames& names = column.names;
      for (size_t f = 1; f < names.features.size(); ++f) {
        const NameFeatures& features = names.features[f];
        for (uint32_t code : names.given_tokens(features)) {
          lexicon.AddWord(names.form(code), NameLexicon::kGiven);
        }
        for (uint32_t code : names.family_tokens(features)) {
          lexicon.AddWord(names.form(code), NameLexicon::kFamily);
        }
      }
    }
    internal::ParallelFor(settings.columns.size(), [&](size_t index) {
      if (IsHandleColumn(settings.columns[index])) prepare_column(index, &lexicon);
    });
  }
  return prepared;
}

}  // namespace sameas
