// Prepare: stack the sources into one record index space, check ids, and fold, encode and
// parse every settings column once per distinct raw value.
#include "sameas/prepare/prepared_table.h"

#include <algorithm>
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
#include "prepare/value_index.h"
#include "sameas/prepare/date.h"
#include "sameas/prepare/text.h"

namespace sameas {
namespace {

// Values parsed per wave (their parses are held until coded), and per task within a wave.
constexpr size_t kWave = size_t{1} << 15;
constexpr size_t kChunk = 512;

// The ValueIndex tag of a name held in two fields (given and family); a date's tag is its
// table's DayMonthOrder, any other value's 0.
constexpr uint8_t kTwoFields = 1;

// What one distinct value of a column reads as; made on any thread.
struct ReadValue {
  ParsedName name;
  internal::HandleValue handle;
  Place place;
  // The folded value the dictionary codes ("" for none); for dates, the day and year.
  std::string folded;
  int32_t days = kNoDate;
  int16_t year = 0;
  bool unparsed_date = false;
};

// The folded form of `text` (the raw value, or what a name, handle, phone or place column
// reads from it): a date's ISO form, else FoldText.
void Fold(std::string_view text, ColumnType type, DayMonthOrder order, ReadValue* out) {
  if (text.empty()) return;
  if (type == ColumnType::kDate) {
    if (auto date = ParseDate(text, order)) {
      out->days = date->DaysSinceEpoch();
      out->year = static_cast<int16_t>(date->year);
      out->folded = fmt::format("{:04d}-{:02d}-{:02d}", date->year, date->month, date->day);
      return;
    }
    if (auto alone = ParseYear(text)) {
      out->year = static_cast<int16_t>(*alone);
      out->folded = fmt::format("{:04d}", *alone);
      return;
    }
    out->folded = FoldText(text);
    out->unparsed_date = !out->folded.empty();
    return;
  }
  out->folded = FoldText(text);
}

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

// The distinct values of a column (pass 1 of PrepareColumn), in record order. A phone or
// place value is read with its record's country; a date with its table's day/month order; a
// full name in two fields as given and family.
struct ColumnValues {
  internal::ValueIndex values;
  /// Per record: its value, or ValueIndex::kNone.
  std::vector<uint32_t> record_values;
  /// Phone columns: records per region of their country, every record with one.
  internal::RegionCounts records_per_region;
};

ColumnValues CollectValues(const std::vector<const Table*>& tables,
                           const ColumnSettings& column_settings, size_t total) {
  ColumnValues out;
  out.record_values.reserve(total);
  const bool is_date = column_settings.type == ColumnType::kDate;
  const bool is_phone = IsPhoneColumn(column_settings);
  internal::CountryReader countries;
  std::string joined;
  std::vector<std::string_view> sample;
  for (const Table* table : tables) {
    std::vector<const StringColumn*> inputs;
    for (const auto& name : column_settings.InputsFor(table->source)) {
      inputs.push_back(&table->columns[table->ColumnIndex(name)]);
    }
    const StringColumn* country = is_phone || IsPlaceColumn(column_settings)
                                      ? internal::CountryColumnOf(*table, column_settings)
                                      : nullptr;
    uint8_t tag = 0;
    if (is_date && !inputs.empty()) {
      sample.clear();
      for (size_t row = 0; row < table->num_rows(); ++row) {
        if (!inputs[0]->is_null(row)) sample.push_back(inputs[0]->value(row));
      }
      tag = static_cast<uint8_t>(DetectDayMonthOrder(sample));
    }
    const bool two_fields = IsNameColumn(column_settings) && inputs.size() == 2 &&
                            column_settings.role == ColumnRole::kFullName;
    auto field = [&](size_t i, size_t row) {
      return inputs[i]->is_null(row) ? std::string_view() : inputs[i]->value(row);
    };
    for (size_t row = 0; row < table->num_rows(); ++row) {
      std::string_view region;
      if (country != nullptr) {
        region = countries.RegionOf(country, row);
        if (is_phone && !region.empty()) {
          auto it = out.records_per_region.find(region);
          if (it == out.records_per_region.end()) {
            it = out.records_per_region.emplace(std::string(region), 0).first;
          }
          ++it->second;
        }
      }
      std::string_view raw;
      if (inputs.size() == 1) {
        raw = field(0, row);
      } else {
        joined.clear();
        for (const StringColumn* input : inputs) {
          if (input->is_null(row)) continue;
          if (!joined.empty()) joined.push_back(' ');
          joined.append(input->value(row));
        }
        raw = joined;
      }
      if (raw.empty()) {
        out.record_values.push_back(internal::ValueIndex::kNone);
        continue;
      }
      const uint32_t value = two_fields ? out.values.Add(field(0, row), field(1, row), kTwoFields)
                                        : out.values.Add(raw, region, tag);
      out.record_values.push_back(value);
    }
  }
  return out;
}

// Prepares one column in four passes. (1) In record order, the distinct values and each
// record's (CollectValues). (2) In parallel chunks, each distinct value parsed and folded.
// (3) In the values' order, which is the order the records first hold them, their features
// and dictionary codes: what one thread gives. (4) Each record's codes. Passes 2 and 3 take
// the values a wave at a time, so that only a wave's parses are held at once.
void PrepareColumn(const std::vector<const Table*>& tables, const ColumnSettings& column_settings,
                   size_t total, const NameLexicon* lexicon, PreparedColumn* column) {
  column->name = column_settings.name;
  column->settings = column_settings;
  const ColumnType type = column_settings.type;
  const bool is_date = type == ColumnType::kDate;
  const bool is_phone = IsPhoneColumn(column_settings);
  const bool is_place = IsPlaceColumn(column_settings);
  const bool is_name = IsNameColumn(column_settings);
  const bool is_handle = IsHandleColumn(column_settings);
  const bool is_email = column_settings.role == ColumnRole::kEmail;
  const NameField field = internal::NameFieldOf(column_settings.role);
  ColumnValues collected = CollectValues(tables, column_settings, total);
  const internal::ValueIndex& values = collected.values;

  // Phone numbers all at once: a value without a country may be read in the region most of
  // the column's records belong to.
  std::vector<PhoneNumber> phones;
  if (is_phone) {
    phones = internal::ReadPhones(values, collected.record_values,
                                  std::move(collected.records_per_region),
                                  column_settings.default_region);
  }
  auto read = [&](uint32_t v, ReadValue* out) {
    const std::string_view text = values.text(v);
    const auto order = static_cast<DayMonthOrder>(is_date ? values.tag(v) : 0);
    if (is_name) {
      out->name = values.tag(v) == kTwoFields ? ParseNameParts(text, values.other(v))
                                              : ParseName(text, field);
      if (!out->name.empty()) Fold(out->name.Folded(), type, order, out);
    } else if (is_phone) {
      Fold(phones[v].normalised, type, order, out);
    } else if (is_place) {
      out->place = internal::ReadPlace(text, values.other(v));
      Fold(internal::PlaceKey(out->place), type, order, out);
    } else if (is_handle) {
      out->handle = internal::ReadHandleValue(text, is_email, *lexicon);
      Fold(out->handle.normalised(), type, order, out);
    } else {
      Fold(text, type, order, out);
    }
  };

  // (2) and (3).
  std::optional<internal::NameFeatureBuilder> names;
  if (is_name) names.emplace(field, &column->names);
  std::optional<internal::HandleFeatureBuilder> handles;
  if (is_handle) handles.emplace(is_email, &column->handles);
  std::optional<internal::PlaceFeatureBuilder> places;
  if (is_place) places.emplace(&column->places);
  std::vector<uint32_t> features(values.size(), 0);
  std::vector<uint32_t> codes(values.size(), 0);
  std::vector<int32_t> days(is_date ? values.size() : 0, kNoDate);
  std::vector<int16_t> years(is_date ? values.size() : 0, 0);
  {
    absl::flat_hash_map<std::string, uint32_t> folded_codes;
    std::vector<ReadValue> wave;
    for (size_t first = 0; first < values.size(); first += kWave) {
      const size_t count = std::min(kWave, values.size() - first);
      wave.assign(count, ReadValue{});
      internal::ParallelChunks(count, kChunk, [&](size_t, size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) read(static_cast<uint32_t>(first + i), &wave[i]);
      });
      for (size_t i = 0; i < count; ++i) {
        const size_t v = first + i;
        ReadValue& value = wave[i];
        if (names) features[v] = names->Build(value.name);
        if (handles) features[v] = handles->Build(value.handle);
        if (places) features[v] = places->Build(value.place);
        if (is_date) {
          days[v] = value.days;
          years[v] = value.year;
        }
        if (value.folded.empty()) continue;
        column->unparsed_dates += value.unparsed_date;
        auto [it, inserted] = folded_codes.try_emplace(std::move(value.folded), 0);
        if (inserted) {
          column->dictionary.Append(it->first);
          column->counts.push_back(0);
          it->second = static_cast<uint32_t>(column->dictionary.size());
        }
        codes[v] = it->second;
      }
    }
  }

  // (4) The records.
  column->codes.resize(total);
  if (is_date) {
    column->days.resize(total);
    column->years.resize(total);
  }
  std::vector<uint32_t>* feature_index = names     ? &column->names.index
                                         : handles ? &column->handles.index
                                         : places  ? &column->places.index
                                                   : nullptr;
  if (feature_index != nullptr) feature_index->resize(total);
  for (size_t record = 0; record < total; ++record) {
    const uint32_t v = collected.record_values[record];
    const bool none = v == internal::ValueIndex::kNone;
    const uint32_t code = none ? 0 : codes[v];
    column->codes[record] = code;
    if (code != 0) ++column->counts[code - 1];
    if (feature_index != nullptr) (*feature_index)[record] = none ? 0 : features[v];
    if (is_date) {
      column->days[record] = none ? kNoDate : days[v];
      column->years[record] = none ? int16_t{0} : years[v];
    }
    if (is_phone && !none && !phones[v].valid) ++column->invalid_phones;
  }
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

  // Handle and email columns are read with `lexicon`, made once the name columns are prepared.
  prepared.columns.resize(settings.columns.size());
  auto prepare_column = [&](size_t index, const NameLexicon* lexicon) {
    PrepareColumn(tables, settings.columns[index], total, lexicon, &prepared.columns[index]);
  };
  // Name columns first, so that the words of the data's own names help segment glued
  // handles ("drwiegadominik") that the library's lists do not know.
  for (size_t index = 0; index < settings.columns.size(); ++index) {
    if (!IsHandleColumn(settings.columns[index])) prepare_column(index, nullptr);
  }
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
    for (size_t index = 0; index < settings.columns.size(); ++index) {
      if (IsHandleColumn(settings.columns[index])) prepare_column(index, &lexicon);
    }
  }
  return prepared;
}

}  // namespace sameas
