// Places: a free-text location ("Warsaw 🇵🇱", "Kraków, Poland", "KRK", "München / Munich",
// "Jakarta Selatan") or a city column read into a known city, the city as written, and a
// country, from tables compiled into the library (bindings/python/sameas/data/places/). The
// same tables turn country columns ("Polska", "Deutschland", "DE") into ISO 3166 codes, which
// phones take as their default region.
#ifndef SAMEAS_PREPARE_PLACES_H_
#define SAMEAS_PREPARE_PLACES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sameas {

/// A location as read by ParsePlace. All text is folded to lower-case ASCII words.
struct Place {
  /// The city: the table's name of a known city ("warszawa" for "Warsaw"), else the folded
  /// text that names no country ("bydgoszcz" when the table lacks it); empty when the text
  /// names no city ("Poland 🇵🇱", "Earth 🌍").
  std::string city;
  /// The city as written, folded: "warsaw" for "Warsaw 🇵🇱", "krakow" for "Kraków, Poland".
  std::string written;
  /// A second known city ("Kraków | Warszawa"): its table name; empty when none.
  std::string other_city;
  /// ISO 3166-1 alpha-2 ("PL") from a flag, a country word or the known city; empty when none.
  std::string country;
  /// True when `city` is a city of the table.
  bool known = false;

  bool empty() const { return city.empty() && country.empty(); }
};

/// A place column prepared (PreparedColumn::places): per distinct (value, record country),
/// the place as codes, so that comparing two records is a few integer comparisons.
struct PlaceFeatures {
  /// Codes of Place::city, Place::written and Place::other_city in one code space of the
  /// column (so a city code and an other_city code are comparable); 0 when empty.
  uint32_t city = 0;
  uint32_t written = 0;
  uint32_t other_city = 0;
  /// The country's two letters, ('P' << 8) | 'L'; 0 when unknown.
  uint16_t country = 0;
  /// The city is in the place tables.
  bool known = false;

  bool operator==(const PlaceFeatures&) const = default;
};

struct PreparedPlaces {
  /// Per record: index into `features`; 0 is the null place.
  std::vector<uint32_t> index;
  std::vector<PlaceFeatures> features;

  bool empty() const { return index.empty(); }
  const PlaceFeatures& of(size_t record) const { return features[index[record]]; }
};

/// Reads a location. Flags (🇵🇱) and country words in any of the tables' languages
/// ("Poland", "Polska", "Lengyelország", "UK") give the country and are not part of the city;
/// emoji, symbols and vague phrases ("Earth 🌍", "wherever the wind blows") are dropped; the
/// text is cut at , | / ; • · and read word by word, the longest known name first, so that
/// "Frankfurt am Main" and "Jakarta Selatan" are one city each. Abbreviations of three letters
/// or fewer ("KRK", "LDN", "BP") and country codes ("DE") count only as a whole piece.
///   ParsePlace("Warsaw 🇵🇱")        -> city "warszawa", written "warsaw", country "PL"
///   ParsePlace("München / Munich")  -> city "munchen", written "munchen", country "DE"
///   ParsePlace("Bydgoszcz")         -> city "bydgoszcz" (unknown city), country ""
Place ParsePlace(std::string_view utf8);

/// The ISO 3166-1 alpha-2 code a whole value names: "Polska" -> "PL", "Deutschland" -> "DE",
/// "Magyarország" -> "HU", "UK" -> "GB", "pl" -> "PL", "🇩🇪" -> "DE"; "" when it names none.
std::string CountryCode(std::string_view utf8);

/// The English name of a country code, folded ("PL" -> "poland"); "" for an unknown code.
std::string_view CountryName(std::string_view code);

/// The place tables: known cities with their other names, country names, vague phrases.
/// Built once from the CSV files compiled into the library; FromCsv builds others (tests).
class PlaceTables {
 public:
  struct City {
    std::string name;     // folded table name: "warszawa"
    std::string country;  // "PL"
  };

  /// `files` are (file name, contents): cities.csv (country,city,aliases with '|' between),
  /// countries.csv (code,names with '|' between), vague.csv (phrase).
  static PlaceTables FromCsv(const std::vector<std::pair<std::string, std::string>>& files);
  /// The tables compiled into the library.
  static const PlaceTables& Get();

  /// Index of the city a folded name (words separated by single spaces) names, or -1.
  int FindCity(std::string_view key) const;
  /// The country code a folded name names, or "".
  std::string_view FindCountry(std::string_view key) const;
  bool IsVague(std::string_view key) const;
  const City& city(int index) const { return cities_[index]; }
  size_t num_cities() const { return cities_.size(); }
  std::string_view CountryName(std::string_view code) const;
  /// Names the tables give to two cities ("frankfurt: frankfurt am main, frankfurt oder"); the
  /// first city keeps the name. The shipped tables have none (a test checks).
  const std::vector<std::string>& conflicts() const { return conflicts_; }

 private:
  std::vector<std::string> conflicts_;
  std::vector<City> cities_;
  std::unordered_map<std::string, int> city_names_;
  std::unordered_map<std::string, std::string> country_names_;
  std::unordered_map<std::string, std::string> english_names_;
  std::unordered_map<std::string, bool> vague_;
};

/// Folds a place name for the tables: FoldText, then every run of characters other than
/// letters and digits becomes one space ("Frankfurt a.M." -> "frankfurt a m", "'s-Gravenhage"
/// -> "s gravenhage").
std::string FoldPlaceName(std::string_view utf8);

}  // namespace sameas

#endif  // SAMEAS_PREPARE_PLACES_H_
