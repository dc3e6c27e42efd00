// Locations and city columns: flags, country words in many languages, exonyms, abbreviations
// and vague phrases, as social profiles and CRMs in Poland, Germany, Hungary, Indonesia and
// Britain write them.
#include "sameas/prepare/places.h"

#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace sameas {
namespace {

struct Expected {
  const char* text;
  const char* city;
  const char* written;
  const char* country;
};

TEST(ParsePlace, SocialLocationsAndCrmCities) {
  const Expected cases[] = {
      {"Warsaw 🇵🇱", "warszawa", "warsaw", "PL"},
      {"Warszawa", "warszawa", "warszawa", "PL"},
      {"WARSZAWA", "warszawa", "warszawa", "PL"},
      {"Kraków, Poland", "krakow", "krakow", "PL"},
      {"Krakow", "krakow", "krakow", "PL"},
      {"KRK", "krakow", "krk", "PL"},
      {"Kraków, Polska", "krakow", "krakow", "PL"},
      {"München / Munich", "munchen", "munchen", "DE"},
      {"Munich 🇩🇪", "munchen", "munich", "DE"},
      {"Köln, Germany", "koln", "koln", "DE"},
      {"Cologne", "koln", "cologne", "DE"},
      {"Frankfurt am Main", "frankfurt am main", "frankfurt am main", "DE"},
      {"FFM", "frankfurt am main", "ffm", "DE"},
      {"Nürnberg, Deutschland", "nurnberg", "nurnberg", "DE"},
      {"Budapest, Magyarország", "budapest", "budapest", "HU"},
      {"BP", "budapest", "bp", "HU"},
      {"Pécs 🇭🇺", "pecs", "pecs", "HU"},
      {"Jakarta Selatan", "jakarta", "jakarta selatan", "ID"},
      {"DKI Jakarta", "jakarta", "dki jakarta", "ID"},
      {"Jogja", "yogyakarta", "jogja", "ID"},
      {"Bandung, Jawa Barat", "bandung", "bandung", "ID"},
      {"London, UK", "london", "london", "GB"},
      {"LDN", "london", "ldn", "GB"},
      {"Edinburgh, Scotland", "edinburgh", "edinburgh", "GB"},
      {"Vienna", "wien", "vienna", "AT"},
      {"Prague 🇨🇿", "praha", "prague", "CZ"},
      {"The Hague", "den haag", "the hague", "NL"},
      {"NYC", "new york", "nyc", "US"},
  };
  for (const auto& c : cases) {
    Place place = ParsePlace(c.text);
    EXPECT_EQ(place.city, c.city) << c.text;
    EXPECT_EQ(place.written, c.written) << c.text;
    EXPECT_EQ(place.country, c.country) << c.text;
    EXPECT_TRUE(place.known) << c.text;
  }
}

TEST(ParsePlace, CountryOnlyFlagsAndCountryWords) {
  for (const char* text : {"🇵🇱", "Poland 🇵🇱", "Polska", "Lengyelország"}) {
    Place place = ParsePlace(text);
    EXPECT_EQ(place.city, "") << text;
    EXPECT_EQ(place.country, "PL") << text;
  }
  EXPECT_EQ(ParsePlace("Indonesia 🇮🇩").country, "ID");
  EXPECT_EQ(ParsePlace("United Kingdom").country, "GB");
}

TEST(ParsePlace, UnknownCityKeptAsFoldedTextWithItsCountry) {
  Place place = ParsePlace("Kędzierzyn-Koźle, Polska");
  EXPECT_EQ(place.city, "kedzierzyn kozle");
  EXPECT_FALSE(place.known);
  EXPECT_EQ(place.country, "PL");
  EXPECT_EQ(ParsePlace("Hódmezővásárhely").city, "hodmezovasarhely");
}

TEST(ParsePlace, VaguePhrasesAndEmojiNameNoPlace) {
  for (const char* text : {"Earth 🌍", "somewhere ☁️", "🌍", "wherever the wind blows",
                           "on the road", "home", "✨✨"}) {
    EXPECT_TRUE(ParsePlace(text).empty()) << text;
  }
}

TEST(ParsePlace, TwoCitiesKeepTheSecond) {
  Place place = ParsePlace("Kraków | Warszawa");
  EXPECT_EQ(place.city, "krakow");
  EXPECT_EQ(place.other_city, "warszawa");
}

TEST(ParsePlace, ShortAbbreviationsOnlyAsAWholePiece) {
  // "la" in a sentence is no Los Angeles, "bp" in "bp station" no Budapest.
  EXPECT_NE(ParsePlace("la la land").city, "los angeles");
  EXPECT_EQ(ParsePlace("LA").city, "los angeles");
}

TEST(CountryCode, NamesCodesAndFlagsInManyLanguages) {
  EXPECT_EQ(CountryCode("Polska"), "PL");
  EXPECT_EQ(CountryCode("Deutschland"), "DE");
  EXPECT_EQ(CountryCode("Magyarország"), "HU");
  EXPECT_EQ(CountryCode("Indonesia"), "ID");
  EXPECT_EQ(CountryCode("DE"), "DE");
  EXPECT_EQ(CountryCode("pl"), "PL");
  EXPECT_EQ(CountryCode("UK"), "GB");
  EXPECT_EQ(CountryCode("Niemcy"), "DE");
  EXPECT_EQ(CountryCode("Jerman"), "DE");
  EXPECT_EQ(CountryCode("Österreich"), "AT");
  EXPECT_EQ(CountryCode("🇭🇺"), "HU");
  EXPECT_EQ(CountryCode("Atlantis"), "");
  EXPECT_EQ(CountryName("PL"), "poland");
}

TEST(PlaceTables, EveryNameNamesOneCityAndNoCityNameIsACountry) {
  // The embedded table is read with the first city winning a shared name; a shared name would
  // silently send one city's people to another, so none may exist.
  const PlaceTables& tables = PlaceTables::Get();
  ASSERT_GT(tables.num_cities(), 200u);
  EXPECT_TRUE(tables.conflicts().empty()) << tables.conflicts().front();
  std::set<std::string> names;
  for (size_t i = 0; i < tables.num_cities(); ++i) {
    const auto& city = tables.city(static_cast<int>(i));
    EXPECT_TRUE(names.insert(city.name).second) << city.name;
    EXPECT_EQ(tables.FindCity(city.name), static_cast<int>(i)) << city.name;
    EXPECT_EQ(tables.FindCountry(city.name), "") << city.name;
    EXPECT_EQ(city.country.size(), 2u) << city.name;
  }
}

TEST(PlaceTables, FromCsvReadsAliasesCountriesAndVaguePhrases) {
  PlaceTables tables =
      PlaceTables::FromCsv({{"cities.csv", "country,city,aliases\nAT,Wien,Vienna|Bécs\nAT,Graz,\n"},
                            {"countries.csv", "code,names\nAT,Austria|Österreich\n"},
                            {"vague.csv", "phrase\nplanet earth\n"}});
  EXPECT_EQ(tables.FindCity("becs"), tables.FindCity("wien"));
  EXPECT_GE(tables.FindCity("graz"), 0);
  EXPECT_EQ(tables.FindCountry("osterreich"), "AT");
  EXPECT_EQ(tables.FindCountry("at"), "AT");
  EXPECT_TRUE(tables.IsVague("planet earth"));
}

}  // namespace
}  // namespace sameas
