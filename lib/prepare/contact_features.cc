// Phone and place columns in prepare: see contact_features.h.
#include "prepare/contact_features.h"

#include <map>

#include "internal/strings.h"
#include "sameas/prepare/phones.h"

namespace sameas::internal {

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

const std::string& PhoneNormaliser::Normalise(std::string_view raw, std::string_view region,
                                              bool* invalid) {
  if (region.empty()) region = fallback_region_;
  std::string key(raw);
  key.push_back('\0');
  key.append(region);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    PhoneNumber number = ParsePhone(raw, region);
    Entry entry{std::move(number.normalised), !number.valid};
    it = cache_.emplace(std::move(key), std::move(entry)).first;
  }
  *invalid = it->second.invalid;
  return it->second.normalised;
}

std::string MostCommonRegion(const std::vector<const Table*>& tables, const ColumnSettings& column,
                             CountryReader* countries) {
  std::map<std::string, uint64_t> counts;
  absl::flat_hash_map<std::string, std::string> international;
  for (const Table* table : tables) {
    const StringColumn* country = CountryColumnOf(*table, column);
    const std::vector<std::string> inputs = column.InputsFor(table->source);
    const StringColumn* phone = inputs.empty() || table->ColumnIndex(inputs[0]) < 0
                                    ? nullptr
                                    : &table->columns[table->ColumnIndex(inputs[0])];
    for (size_t row = 0; row < table->num_rows(); ++row) {
      std::string region(countries->RegionOf(country, row));
      if (region.empty() && phone != nullptr && !phone->is_null(row)) {
        const std::string_view raw = phone->value(row);
        auto it = international.find(ToAbsl(raw));
        if (it == international.end()) {
          it = international.emplace(std::string(raw), RegionOfInternationalNumber(raw)).first;
        }
        region = it->second;
      }
      if (!region.empty()) ++counts[region];
    }
  }
  std::string best;
  uint64_t best_count = 0;
  for (const auto& [region, count] : counts) {
    if (count > best_count) {
      best = region;
      best_count = count;
    }
  }
  return best;
}

PlaceFeatureBuilder::PlaceFeatureBuilder(PreparedPlaces* places) : places_(places) {
  places_->features.assign(1, PlaceFeatures{});
  keys_.assign(1, std::string());
}

uint32_t PlaceFeatureBuilder::Intern(const std::string& text) {
  if (text.empty()) return 0;
  return codes_.try_emplace(text, static_cast<uint32_t>(codes_.size() + 1)).first->second;
}

std::string_view PlaceFeatureBuilder::Add(std::string_view raw, std::string_view region) {
  std::string key(raw);
  key.push_back('\0');
  key.append(region);
  auto it = seen_.find(key);
  if (it == seen_.end()) {
    Place place = ParsePlace(raw);
    if (place.country.empty() && !region.empty()) place.country = std::string(region);
    uint32_t index = 0;
    if (!place.empty()) {
      PlaceFeatures features;
      features.city = Intern(place.city);
      features.written = Intern(place.written);
      features.other_city = Intern(place.other_city);
      features.known = place.known;
      if (place.country.size() == 2) {
        features.country = static_cast<uint16_t>((place.country[0] << 8) | place.country[1]);
      }
      index = static_cast<uint32_t>(places_->features.size());
      places_->features.push_back(features);
      keys_.push_back(!place.city.empty() ? place.city : std::string(CountryName(place.country)));
      if (keys_.back().empty()) keys_.back() = internal::ToLower(place.country);
    }
    it = seen_.emplace(std::move(key), index).first;
  }
  places_->index.push_back(it->second);
  return keys_[it->second];
}

}  // namespace sameas::internal
