#include "bench_names.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string_view>

#include "sameas/prepare/text.h"

namespace sameas::bench {
namespace {

namespace fs = std::filesystem;

// Used when ../shared/data is not there, so that the benchmarks still run.
constexpr std::string_view kEmbeddedGiven[] = {
    "anna",      "katarzyna", "jan",    "piotr",  "maria",     "thomas",  "sabine",  "laszlo",
    "zsofia",    "budi",      "siti",   "oliver", "charlotte", "jessica", "michael", "krzysztof",
    "agnieszka", "wolfgang",  "gyorgy", "dewi",   "william",   "emily",   "matthew", "natalia"};
constexpr std::string_view kEmbeddedFamily[] = {
    "kowalski", "nowak",       "wisniewski", "muller", "schmidt", "schneider", "nagy",   "kovacs",
    "toth",     "szabo",       "santoso",    "wijaya", "smith",   "jones",     "taylor", "brown",
    "williams", "lewandowska", "fischer",    "weber",  "horvath", "setiawan",  "kusuma", "wright"};

std::string SharedData() { return SAMEAS_SHARED_DATA_DIR; }

// The first column of a CSV file with a header, trimmed.
std::vector<std::string> ReadColumn(const fs::path& path, size_t column, char delimiter = ',') {
  std::vector<std::string> values;
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) return values;
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string field;
    for (size_t c = 0; c <= column && std::getline(fields, field, delimiter); ++c) {
    }
    const size_t begin = field.find_first_not_of(" \t\r");
    const size_t end = field.find_last_not_of(" \t\r");
    if (begin == std::string::npos) continue;
    values.push_back(field.substr(begin, end - begin + 1));
  }
  return values;
}

struct NameLists {
  std::vector<std::string> given, family;
};

// Faker's given and family names of every locale and FEBRL's given_name and surname, folded
// and deduplicated; single words only.
NameLists Load() {
  std::set<std::string> given, family;
  auto add = [](std::set<std::string>& to, const std::vector<std::string>& values) {
    for (const auto& v : values) {
      std::string folded = FoldText(v);
      if (!folded.empty() && folded.find(' ') == std::string::npos) to.insert(folded);
    }
  };
  const fs::path faker = fs::path(SharedData()) / "names" / "faker";
  std::error_code error;
  for (const auto& locale : fs::directory_iterator(faker, error)) {
    for (const auto& file : fs::directory_iterator(locale.path(), error)) {
      const std::string name = file.path().filename().string();
      if (name.find("first_names") != std::string::npos) add(given, ReadColumn(file.path(), 0));
      if (name.find("last_names") != std::string::npos) add(family, ReadColumn(file.path(), 0));
    }
  }
  for (const char* dataset : {"dataset3.csv", "dataset4a.csv"}) {
    const fs::path path = fs::path(SharedData()) / "febrl" / dataset;
    add(given, ReadColumn(path, 1));
    add(family, ReadColumn(path, 2));
  }
  NameLists lists;
  if (given.size() < 20 || family.size() < 20) {
    for (auto n : kEmbeddedGiven) lists.given.emplace_back(n);
    for (auto n : kEmbeddedFamily) lists.family.emplace_back(n);
    return lists;
  }
  lists.given.assign(given.begin(), given.end());
  lists.family.assign(family.begin(), family.end());
  return lists;
}

const NameLists& Lists() {
  static const NameLists lists = Load();
  return lists;
}

// One or two random edits of lower-case letters: insert, delete, substitute, transpose.
std::string Typo(std::string s, std::mt19937_64& rng) {
  const int edits = 1 + static_cast<int>(rng() % 2);
  for (int e = 0; e < edits; ++e) {
    const char letter = static_cast<char>('a' + rng() % 26);
    const size_t kind = rng() % 4;
    if (kind == 0 || s.size() < 2) {
      s.insert(s.begin() + static_cast<long>(rng() % (s.size() + 1)), letter);
    } else if (kind == 1) {
      s.erase(s.begin() + static_cast<long>(rng() % s.size()));
    } else if (kind == 2) {
      s[rng() % s.size()] = letter;
    } else {
      const size_t i = rng() % (s.size() - 1);
      std::swap(s[i], s[i + 1]);
    }
  }
  return s;
}

std::string Handle(const std::string& given, const std::string& family, std::mt19937_64& rng) {
  switch (rng() % 4) {
    case 0:
      return given + "." + family + std::to_string(rng() % 100);
    case 1:
      return given.substr(0, 1) + family;
    case 2:
      return family + "_" + given;
    default:
      return given + family.substr(0, 1) + std::to_string(1950 + rng() % 60);
  }
}

}  // namespace

const std::vector<std::string>& GivenNames() { return Lists().given; }
const std::vector<std::string>& FamilyNames() { return Lists().family; }

NamePairs MakePairs(PairKind kind, size_t count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto& given = GivenNames();
  const auto& family = FamilyNames();
  auto draw = [&](PairKind k) {
    const std::string& g = given[rng() % given.size()];
    const std::string& f = family[rng() % family.size()];
    switch (k) {
      case PairKind::kGiven:
        return g;
      case PairKind::kFamily:
        return f;
      case PairKind::kFull:
        return g + " " + f;
      default:
        return Handle(g, f, rng);
    }
  };
  NamePairs pairs;
  pairs.a.reserve(count);
  pairs.b.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const PairKind k = kind == PairKind::kMixed ? static_cast<PairKind>(i % 4) : kind;
    std::string a = draw(k);
    std::string b = rng() % 2 == 0 ? Typo(a, rng) : draw(k);
    pairs.a.push_back(std::move(a));
    pairs.b.push_back(std::move(b));
  }
  return pairs;
}

StringArray::StringArray(const std::vector<std::string>& values) {
  for (const auto& v : values) {
    data_ += v;
    offsets_.push_back(data_.size());
  }
}

}  // namespace sameas::bench
