// Phone numbers to E.164 with libphonenumber, done once per distinct (number, region) in
// prepare: "+48 697 725 942", "697-725-942" (region PL) and "0048 697725942" all become
// "+48697725942". A number written without its country code is read in a default region: the
// record's country, a setting, or the region most of the column's numbers belong to.
#ifndef SAMEAS_PREPARE_PHONES_H_
#define SAMEAS_PREPARE_PHONES_H_

#include <string>
#include <string_view>

namespace sameas {

/// A phone number as prepare keeps it.
struct PhoneNumber {
  /// E.164 ("+48697725942") when the number is valid; otherwise its digits as written
  /// ("0697725", never dropped); empty when the text has no digit.
  std::string normalised;
  /// libphonenumber finds the number valid (a possible length and an assigned range).
  bool valid = false;
  /// The region of a valid number ("PL"); empty otherwise.
  std::string region;
};

/// Parses `text` as a phone number; a number without a country code ("0151 2345678",
/// "06 30 123 4567") is read in `default_region` (ISO 3166 alpha-2, "DE"; empty for none, so
/// that only numbers with a country code are valid). Thread-safe.
PhoneNumber ParsePhone(std::string_view text, std::string_view default_region);

/// The region of a number written with its country code ("+36 30 123 4567", "0049 151 ...")
/// -> "HU", "DE"; "" for a number without one or an invalid number.
std::string RegionOfInternationalNumber(std::string_view text);

/// The digits of `text`, in order: "+48 (697) 725-942" -> "48697725942".
std::string PhoneDigits(std::string_view text);

}  // namespace sameas

#endif  // SAMEAS_PREPARE_PHONES_H_
