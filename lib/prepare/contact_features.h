// Prepare's readers and builders for phone and place columns: the record's country (from the
// country columns of its table) as the default region of its phone number and the country of
// its city; one parse per distinct (value, country).
#ifndef SAMEAS_LIB_PREPARE_CONTACT_FEATURES_H_
#define SAMEAS_LIB_PREPARE_CONTACT_FEATURES_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "prepare/value_index.h"
#include "sameas/io/table.h"
#include "sameas/prepare/phones.h"
#include "sameas/prepare/places.h"
#include "sameas/settings/settings.h"

namespace sameas::internal {

/// The first of `column`'s country columns that `table` has, or nullptr.
const StringColumn* CountryColumnOf(const Table& table, const ColumnSettings& column);

/// Region codes ("PL") of country values ("Polska", "pl", "🇵🇱"), each value read once.
class CountryReader {
 public:
  /// The region of row `row` of `country` (nullptr: none); "" when it names no country. Valid
  /// until the next call.
  std::string_view RegionOf(const StringColumn* country, size_t row);

 private:
  absl::flat_hash_map<std::string, std::string> cache_;
};

/// ParsePhone, telling in `read` whether libphonenumber read a number from the text at all,
/// valid or not. Without a region, only a number written with its country code ("+48 ...") is
/// read, and such a number reads the same in every region.
PhoneNumber ParsePhone(std::string_view text, std::string_view default_region, bool* read);

/// `text` without its spaces when it is a plus and then digits and spaces only ("+48 697 725
/// 942" -> "+48697725942"), which libphonenumber reads as the same number; else `text`.
std::string CompactInternationalNumber(std::string_view text);

/// Records per region, in the order of the regions' codes.
using RegionCounts = std::map<std::string, uint64_t, std::less<>>;

/// The phone numbers of a column's distinct values (ValueIndex: the number as `text`, the
/// record's region or "" as `other`), each parsed once, in parallel chunks. A value without a
/// region is read in `default_region` when given; else in the region most records belong to,
/// counting each record's country (`records_per_region`, every record with one) and else the
/// region of its number when written with a country code (`record_values`: each record's
/// value, or ValueIndex::kNone); ties go to the alphabetically first region. A number that
/// read without a region reads the same in every region, so it is parsed once.
std::vector<PhoneNumber> ReadPhones(const ValueIndex& values,
                                    const std::vector<uint32_t>& record_values,
                                    RegionCounts records_per_region,
                                    const std::string& default_region);

/// A place value as read: ParsePlace, its country `region` (the record's, "" when unknown)
/// when the text names none.
Place ReadPlace(std::string_view raw, std::string_view region);

/// The dictionary value of a place: the known city's table name, an unknown city's folded
/// text, or the country's English name when the place names a country only; "" for none.
std::string PlaceKey(const Place& place);

/// Builds PreparedPlaces for one column, one distinct place at a time.
class PlaceFeatureBuilder {
 public:
  explicit PlaceFeatureBuilder(PreparedPlaces* places);

  /// Adds the features of a distinct place and returns their entry (0 for an empty place,
  /// which adds nothing).
  uint32_t Build(const Place& place);

 private:
  uint32_t Intern(const std::string& text);

  PreparedPlaces* places_;
  absl::flat_hash_map<std::string, uint32_t> codes_;
};

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_PREPARE_CONTACT_FEATURES_H_
