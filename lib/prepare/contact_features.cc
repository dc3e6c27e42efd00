// Phone and place columns in prepare: see contact_features.h.
#include "prepare/contact_features.h"

#include "internal/parallel.h"
#include "internal/strings.h"

namespace sameas::internal {
namespace {

// Phone numbers per parallel task: a parse takes tens of microseconds.
constexpr size_t kPhoneChunk = 1024;

}  // namespace

const StringColumn* CountryColumnOf(const Table& table, const ColumnSettings& column) {
  for (const std::string& name : column.country_columns) {
    const int index = table.ColumnIndex(name);
    if (index >= 0) return &table.columns[index];
  }
  return nullptr;
}

std::string_view CountryReader::RegionOf(const StringColumn* country, size_t row) {
  if (country == nullptr || country->is_null(row)) return {};
  const std::string_view value = country->value(row);
  auto it = cache_.find(ToAbsl(value));
  if (it == cache_.end()) it = cache_.emplace(std::string(value), CountryCode(value)).first;
  return it->second;
}

std::vector<PhoneNumber> ReadPhones(const ValueIndex& values,
                                    const std::vector<uint32_t>& record_values,
                                    RegionCounts records_per_region,
                                    const std::string& default_region) {
  std::vector<PhoneNumber> numbers(values.size());
  // First each value in its record's region, or in the default; without a default, a value
  // without a region is parsed with none, which only a number with its country code passes.
  std::vector<uint8_t> read(values.size(), 0);
  ParallelChunks(values.size(), kPhoneChunk, [&](size_t, size_t begin, size_t end) {
    bool read_one = false;
    for (size_t v = begin; v < end; ++v) {
      const std::string_view region = values.other(v);
      numbers[v] = ParsePhone(values.text(v), region.empty() ? default_region : region, &read_one);
      read[v] = read_one;
    }
  });
  if (!default_region.empty()) return numbers;
  for (const uint32_t v : record_values) {
    if (v != ValueIndex::kNone && values.other(v).empty() && !numbers[v].region.empty()) {
      ++records_per_region[numbers[v].region];
    }
  }
  std::string fallback;
  uint64_t best = 0;
  for (const auto& [region, count] : records_per_region) {
    if (count > best) {
      fallback = region;
      best = count;
    }
  }
  if (fallback.empty()) return numbers;
  // Then the values without a region that were not read, in the most common region. Those
  // read carry their country code: the region would not change them, valid or not.
  ParallelChunks(values.size(), kPhoneChunk, [&](size_t, size_t begin, size_t end) {
    bool read_one = false;
    for (size_t v = begin; v < end; ++v) {
      if (values.other(v).empty() && !read[v]) {
        numbers[v] = ParsePhone(values.text(v), fallback, &read_one);
      }
    }
  });
  return numbers;
}

Place ReadPlace(std::string_view raw, std::string_view region) {
  Place place = ParsePlace(raw);
  if (place.country.empty() && !region.empty()) place.country = std::string(region);
  return place;
}

std::string PlaceKey(const Place& place) {
  if (place.empty()) return {};
  if (!place.city.empty()) return place.city;
  std::string key(CountryName(place.country));
  return key.empty() ? ToLower(place.country) : key;
}

PlaceFeatureBuilder::PlaceFeatureBuilder(PreparedPlaces* places) : places_(places) {
  places_->features.assign(1, PlaceFeatures{});
}

uint32_t PlaceFeatureBuilder::Intern(const std::string& text) {
  if (text.empty()) return 0;
  return codes_.try_emplace(text, static_cast<uint32_t>(codes_.size() + 1)).first->second;
}

uint32_t PlaceFeatureBuilder::Build(const Place& place) {
  if (place.empty()) return 0;
  PlaceFeatures features;
  features.city = Intern(place.city);
  features.written = Intern(place.written);
  features.other_city = Intern(place.other_city);
  features.known = place.known;
  if (place.country.size() == 2) {
    features.country = static_cast<uint16_t>((place.country[0] << 8) | place.country[1]);
  }
  places_->features.push_back(features);
  return static_cast<uint32_t>(places_->features.size() - 1);
}

}  // namespace sameas::internal
