// Place parsing: flags and separators first (on code points), then each piece folded and read
// word by word against the city and country tables, the longest name first.
#include "sameas/prepare/places.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

#include "internal/strings.h"
#include "prepare/embedded_name_tables.h"
#include "sameas/prepare/text.h"

namespace sameas {
namespace {

constexpr UChar32 kRegionalIndicatorA = 0x1F1E6;
constexpr UChar32 kRegionalIndicatorZ = 0x1F1FF;
constexpr UChar32 kBlackFlag = 0x1F3F4;  // with tag letters: 🏴 gbeng, gbsct, gbwls
constexpr UChar32 kTagA = 0xE0061, kTagZ = 0xE007A, kCancelTag = 0xE007F;

// The longest name in the tables, in words ("Hindenburg O S", "Frankfurt a Main").
constexpr size_t kMaxWords = 6;

bool IsSeparator(UChar32 c) {
  switch (c) {
    case ',':
    case '|':
    case '/':
    case '\\':
    case ';':
    case '(':
    case ')':
    case '[':
    case ']':
    case '\n':
    case '\r':
    case '\t':
    case 0x2022 /* • */:
    case 0x00B7 /* · */:
    case 0x2013 /* – */:
    case 0x2014 /* — */:
    case 0xFF5C /* ｜ */:
      return true;
    default:
      return false;
  }
}

struct Pieces {
  std::vector<std::string> pieces;
  std::string flag_country;
};

// Cuts the text into pieces at separators, keeping letters, digits, marks and the punctuation
// inside names (. ' - &); flags become the country, other symbols and emoji a space.
Pieces CutPieces(std::string_view text) {
  Pieces out;
  out.pieces.emplace_back();
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  UChar32 pending_indicator = -1;
  std::string tag;
  bool in_tag_flag = false;
  auto piece_break = [&] {
    if (!out.pieces.back().empty()) out.pieces.emplace_back();
  };
  while (i < n) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {  // ill-formed: a space
      out.pieces.back().push_back(' ');
      continue;
    }
    if (c >= kRegionalIndicatorA && c <= kRegionalIndicatorZ) {
      if (pending_indicator >= 0) {
        if (out.flag_country.empty()) {
          out.flag_country = {static_cast<char>('A' + (pending_indicator - kRegionalIndicatorA)),
                              static_cast<char>('A' + (c - kRegionalIndicatorA))};
        }
        pending_indicator = -1;
      } else {
        pending_indicator = c;
      }
      out.pieces.back().push_back(' ');
      continue;
    }
    pending_indicator = -1;
    if (c == kBlackFlag) {
      in_tag_flag = true;
      tag.clear();
      continue;
    }
    if (in_tag_flag && c >= kTagA && c <= kTagZ) {
      tag.push_back(static_cast<char>('a' + (c - kTagA)));
      continue;
    }
    if (in_tag_flag && c == kCancelTag) {
      // England, Scotland and Wales fly subdivision flags of GB.
      if (tag.size() >= 2 && tag.compare(0, 2, "gb") == 0 && out.flag_country.empty()) {
        out.flag_country = "GB";
      }
      in_tag_flag = false;
      continue;
    }
    in_tag_flag = false;
    if (IsSeparator(c)) {
      piece_break();
      continue;
    }
    if (c == '-') {
      // A hyphen with a space beside it separates ("Berlin - Germany"); inside a word it joins.
      const bool space_before = start == 0 || text[start - 1] == ' ';
      const bool space_after = i >= n || text[i] == ' ';
      if (space_before || space_after) {
        piece_break();
      } else {
        out.pieces.back().push_back('-');
      }
      continue;
    }
    const bool keep = u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0 || c == '.' ||
                      c == '\'' || c == 0x2019 || c == '&' || c == ' ';
    if (keep) {
      out.pieces.back().append(text.substr(start, i - start));
    } else {
      out.pieces.back().push_back(' ');
    }
  }
  if (out.pieces.back().empty()) out.pieces.pop_back();
  return out;
}

std::string JoinWords(const std::vector<std::string_view>& words, size_t begin, size_t end) {
  std::string key;
  for (size_t k = begin; k < end; ++k) {
    if (k > begin) key.push_back(' ');
    key.append(words[k]);
  }
  return key;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

std::string FoldPlaceName(std::string_view utf8) {
  std::string folded = FoldText(utf8);
  std::string out;
  out.reserve(folded.size());
  for (char c : folded) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c == '\'') continue;  // R'dam -> rdam, 's-Gravenhage -> s gravenhage
    if (alnum) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != ' ') {
      out.push_back(' ');
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

PlaceTables PlaceTables::FromCsv(const std::vector<std::pair<std::string, std::string>>& files) {
  PlaceTables tables;
  for (const auto& [file_name, text] : files) {
    std::vector<std::string_view> lines = internal::Split(text, '\n');
    for (size_t i = 1; i < lines.size(); ++i) {
      std::string_view line = lines[i];
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (internal::Strip(line).empty()) continue;
      std::vector<std::string_view> fields = internal::Split(line, ',');
      if (file_name == "vague.csv") {
        std::string key = FoldPlaceName(line);
        if (!key.empty()) tables.vague_[key] = true;
      } else if (file_name == "countries.csv" && fields.size() >= 2) {
        const std::string code = Upper(internal::Strip(fields[0]));
        std::vector<std::string_view> names = internal::Split(fields[1], '|');
        if (!names.empty()) tables.english_names_.emplace(code, FoldPlaceName(names[0]));
        tables.country_names_.emplace(internal::ToLower(code), code);
        for (std::string_view name : names) {
          std::string key = FoldPlaceName(name);
          if (!key.empty()) tables.country_names_.emplace(key, code);
        }
      } else if (file_name == "cities.csv" && fields.size() >= 3) {
        City city{FoldPlaceName(fields[1]), Upper(internal::Strip(fields[0]))};
        if (city.name.empty()) continue;
        const int index = static_cast<int>(tables.cities_.size());
        auto add = [&](std::string key) {
          if (key.empty()) return;
          auto [it, inserted] = tables.city_names_.emplace(key, index);
          if (!inserted && it->second != index) {
            tables.conflicts_.push_back(key + ": " + tables.cities_[it->second].name + ", " +
                                        city.name);
          }
        };
        add(city.name);
        for (std::string_view alias : internal::Split(fields[2], '|')) add(FoldPlaceName(alias));
        tables.cities_.push_back(std::move(city));
      }
    }
  }
  return tables;
}

const PlaceTables& PlaceTables::Get() {
  static const PlaceTables* tables = new PlaceTables(FromCsv(
      internal::EmbeddedFiles(internal::kEmbeddedPlaceTables, internal::kNumEmbeddedPlaceTables)));
  return *tables;
}

int PlaceTables::FindCity(std::string_view key) const {
  auto it = city_names_.find(std::string(key));
  return it == city_names_.end() ? -1 : it->second;
}

std::string_view PlaceTables::FindCountry(std::string_view key) const {
  auto it = country_names_.find(std::string(key));
  return it == country_names_.end() ? std::string_view() : std::string_view(it->second);
}

bool PlaceTables::IsVague(std::string_view key) const { return vague_.contains(std::string(key)); }

std::string_view PlaceTables::CountryName(std::string_view code) const {
  auto it = english_names_.find(Upper(code));
  return it == english_names_.end() ? std::string_view() : std::string_view(it->second);
}

std::string_view CountryName(std::string_view code) { return PlaceTables::Get().CountryName(code); }

std::string CountryCode(std::string_view utf8) {
  const PlaceTables& tables = PlaceTables::Get();
  Pieces pieces = CutPieces(utf8);
  if (!pieces.flag_country.empty()) return pieces.flag_country;
  return std::string(tables.FindCountry(FoldPlaceName(utf8)));
}

Place ParsePlace(std::string_view utf8) {
  const PlaceTables& tables = PlaceTables::Get();
  Place place;
  Pieces pieces = CutPieces(utf8);
  std::string word_country;
  std::string unknown;
  int first_city = -1;
  for (const std::string& piece : pieces.pieces) {
    const std::string key = FoldPlaceName(piece);
    if (key.empty() || tables.IsVague(key)) continue;
    // A whole piece: any city name or country word, abbreviations and codes included.
    if (int city = tables.FindCity(key); city >= 0) {
      if (first_city < 0) {
        first_city = city;
        place.written = key;
      } else if (city != first_city && place.other_city.empty()) {
        place.other_city = tables.city(city).name;
      }
      continue;
    }
    if (std::string_view code = tables.FindCountry(key); !code.empty()) {
      if (word_country.empty()) word_country = code;
      continue;
    }
    // Word by word, the longest name first; short words only as whole pieces.
    std::vector<std::string_view> words = internal::Split(key, ' ');
    std::vector<std::string_view> rest;
    bool found_city = false;
    for (size_t i = 0; i < words.size();) {
      size_t matched = 0;
      for (size_t len = std::min(kMaxWords, words.size() - i); len >= 1 && matched == 0; --len) {
        if (len == 1 && words[i].size() <= 3) break;
        const std::string gram = JoinWords(words, i, i + len);
        if (int city = tables.FindCity(gram); city >= 0) {
          matched = len;
          found_city = true;
          if (first_city < 0) {
            first_city = city;
            place.written = gram;
          } else if (city != first_city && place.other_city.empty()) {
            place.other_city = tables.city(city).name;
          }
        } else if (std::string_view code = tables.FindCountry(gram); !code.empty()) {
          matched = len;
          if (word_country.empty()) word_country = code;
        }
      }
      if (matched == 0) {
        rest.push_back(words[i]);
        matched = 1;
      }
      i += matched;
    }
    if (!found_city && unknown.empty() && !rest.empty()) {
      std::string text = JoinWords(rest, 0, rest.size());
      if (!tables.IsVague(text)) unknown = std::move(text);
    }
  }
  if (first_city >= 0) {
    place.known = true;
    place.city = tables.city(first_city).name;
  } else {
    place.city = unknown;
    place.written = unknown;
  }
  // A flag or a country word says where; a known city says it too when they do not.
  if (!pieces.flag_country.empty()) {
    place.country = pieces.flag_country;
  } else if (!word_country.empty()) {
    place.country = word_country;
  } else if (first_city >= 0) {
    place.country = tables.city(first_city).country;
  }
  return place;
}

}  // namespace sameas
