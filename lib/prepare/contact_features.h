// Prepare's builders for phone and place columns: the record's country (from the country
// columns of its table) as the default region of its phone number and the country of its
// city; one parse per distinct (value, country).
#ifndef SAMEAS_LIB_PREPARE_CONTACT_FEATURES_H_
#define SAMEAS_LIB_PREPARE_CONTACT_FEATURES_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "sameas/io/table.h"
#include "sameas/prepare/places.h"
#include "sameas/settings/settings.h"

namespace sameas::internal {

/// The first of `column`'s country columns that `table` has, or nullptr.
const StringColumn* CountryColumnOf(const Table& table, const ColumnSettings& column);

/// Region codes ("PL") of country values ("Polska", "pl", "🇵🇱"), each value read once.
class CountryReader {
 public:
  /// The region of row `row` of `country` (nullptr: none); "" when it names no country.
  std::string_view RegionOf(const StringColumn* country, size_t row);

 private:
  absl::flat_hash_map<std::string, std::string> cache_;
};

/// Normalises the phone numbers of one column.
class PhoneNormaliser {
 public:
  /// `fallback_region`: for numbers whose record has no country (the setting, or the most
  /// common region; see MostCommonRegion).
  explicit PhoneNormaliser(std::string fallback_region)
      : fallback_region_(std::move(fallback_region)) {}

  /// E.164, or the digits of an invalid number (then `*invalid` is set); `region` is the
  /// record's ("" when unknown).
  const std::string& Normalise(std::string_view raw, std::string_view region, bool* invalid);

 private:
  struct Entry {
    std::string normalised;
    bool invalid = false;
  };
  std::string fallback_region_;
  absl::flat_hash_map<std::string, Entry> cache_;
};

/// The region most records of a phone column belong to, counting per record its country's
/// region, else the region of a number written with its country code; ties go to the
/// alphabetically first; "" when no record tells.
std::string MostCommonRegion(const std::vector<const Table*>& tables, const ColumnSettings& column,
                             CountryReader* countries);

/// Builds PreparedPlaces for one column and gives each record's dictionary value: the known
/// city's table name, an unknown city's folded text, or the country's English name when the
/// place names a country only.
class PlaceFeatureBuilder {
 public:
  explicit PlaceFeatureBuilder(PreparedPlaces* places);

  void AddNull() { places_->index.push_back(0); }
  /// `region`: the record's country from its country column ("" when unknown), used when the
  /// text names none. Returns the dictionary value; empty when the text names no place.
  std::string_view Add(std::string_view raw, std::string_view region);

 private:
  uint32_t Intern(const std::string& text);

  PreparedPlaces* places_;
  absl::flat_hash_map<std::string, uint32_t> codes_;
  // (raw, region) -> index into places_->features, and the dictionary value of each.
  absl::flat_hash_map<std::string, uint32_t> seen_;
  std::vector<std::string> keys_;
};

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_PREPARE_CONTACT_FEATURES_H_
