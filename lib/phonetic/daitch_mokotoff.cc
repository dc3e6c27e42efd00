// Daitch–Mokotoff Soundex after Mokotoff's rules and the coding chart published by JewishGen
// and Avotaynu. The chart below was checked against two independent renderings of it
// (Wikipedia's table, and the rule file of Apache Commons Codec); where they differ we follow:
//   J: 1 or 4 at the start, else not coded or 4 (Mokotoff counts J with the vowels, coded
//      only at the start; Commons agrees, one rendering of Wikipedia codes 1 or 4 everywhere);
//   UE: as U, 0 at the start and not coded elsewhere (the chart; Commons codes 1 before a vowel).
// The letters with a cedilla or ogonek of later charts (Ţ, Ą, Ę) are not ASCII: callers fold.
#include "sameas/phonetic/daitch_mokotoff.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "phonetic/letters.h"

namespace sameas {
namespace {

constexpr size_t kCodeLength = 6;

// One group of letters and its code at the start of the name, before a vowel, and elsewhere:
// digits, "" for not coded, "a|b" for two readings.
struct Rule {
  std::string_view letters;
  std::string_view start;
  std::string_view before_vowel;
  std::string_view other;
};

constexpr Rule kRules[] = {
    {"AI", "0", "1", ""},
    {"AJ", "0", "1", ""},
    {"AY", "0", "1", ""},
    {"AU", "0", "7", ""},
    {"A", "0", "", ""},
    {"B", "7", "7", "7"},
    {"CHS", "5", "54", "54"},
    {"CH", "5|4", "5|4", "5|4"},
    {"CK", "5|45", "5|45", "5|45"},
    {"CSZ", "4", "4", "4"},
    {"CZS", "4", "4", "4"},
    {"CZ", "4", "4", "4"},
    {"CS", "4", "4", "4"},
    {"C", "5|4", "5|4", "5|4"},
    {"DRZ", "4", "4", "4"},
    {"DRS", "4", "4", "4"},
    {"DSH", "4", "4", "4"},
    {"DSZ", "4", "4", "4"},
    {"DZH", "4", "4", "4"},
    {"DZS", "4", "4", "4"},
    {"DZ", "4", "4", "4"},
    {"DS", "4", "4", "4"},
    {"DT", "3", "3", "3"},
    {"D", "3", "3", "3"},
    {"EI", "0", "1", ""},
    {"EJ", "0", "1", ""},
    {"EY", "0", "1", ""},
    {"EU", "1", "1", ""},
    {"E", "0", "", ""},
    {"FB", "7", "7", "7"},
    {"F", "7", "7", "7"},
    {"G", "5", "5", "5"},
    {"H", "5", "5", ""},
    {"IA", "1", "", ""},
    {"IE", "1", "", ""},
    {"IO", "1", "", ""},
    {"IU", "1", "", ""},
    {"I", "0", "", ""},
    {"J", "1|4", "|4", "|4"},
    {"KS", "5", "54", "54"},
    {"KH", "5", "5", "5"},
    {"K", "5", "5", "5"},
    {"L", "8", "8", "8"},
    {"MN", "66", "66", "66"},
    {"M", "6", "6", "6"},
    {"NM", "66", "66", "66"},
    {"N", "6", "6", "6"},
    {"OI", "0", "1", ""},
    {"OJ", "0", "1", ""},
    {"OY", "0", "1", ""},
    {"O", "0", "", ""},
    {"PF", "7", "7", "7"},
    {"PH", "7", "7", "7"},
    {"P", "7", "7", "7"},
    {"Q", "5", "5", "5"},
    {"RS", "94|4", "94|4", "94|4"},
    {"RZ", "94|4", "94|4", "94|4"},
    {"R", "9", "9", "9"},
    {"SCHTSCH", "2", "4", "4"},
    {"SCHTSH", "2", "4", "4"},
    {"SCHTCH", "2", "4", "4"},
    {"SHTCH", "2", "4", "4"},
    {"SHCH", "2", "4", "4"},
    {"SHTSH", "2", "4", "4"},
    {"SCHT", "2", "43", "43"},
    {"SCHD", "2", "43", "43"},
    {"SCH", "4", "4", "4"},
    {"SHT", "2", "43", "43"},
    {"SH", "4", "4", "4"},
    {"STCH", "2", "4", "4"},
    {"STSCH", "2", "4", "4"},
    {"STRZ", "2", "4", "4"},
    {"STRS", "2", "4", "4"},
    {"STSH", "2", "4", "4"},
    {"SC", "2", "4", "4"},
    {"ST", "2", "43", "43"},
    {"SZCZ", "2", "4", "4"},
    {"SZCS", "2", "4", "4"},
    {"SZT", "2", "43", "43"},
    {"SHD", "2", "43", "43"},
    {"SZD", "2", "43", "43"},
    {"SD", "2", "43", "43"},
    {"SZ", "4", "4", "4"},
    {"S", "4", "4", "4"},
    {"TTSCH", "4", "4", "4"},
    {"TTCH", "4", "4", "4"},
    {"TCH", "4", "4", "4"},
    {"TSCH", "4", "4", "4"},
    {"TSH", "4", "4", "4"},
    {"TRZ", "4", "4", "4"},
    {"TRS", "4", "4", "4"},
    {"TTSZ", "4", "4", "4"},
    {"TTS", "4", "4", "4"},
    {"TTZ", "4", "4", "4"},
    {"TZS", "4", "4", "4"},
    {"TSZ", "4", "4", "4"},
    {"TS", "4", "4", "4"},
    {"TC", "4", "4", "4"},
    {"TZ", "4", "4", "4"},
    {"TH", "3", "3", "3"},
    {"T", "3", "3", "3"},
    {"UI", "0", "1", ""},
    {"UJ", "0", "1", ""},
    {"UY", "0", "1", ""},
    {"UE", "0", "", ""},
    {"U", "0", "", ""},
    {"V", "7", "7", "7"},
    {"W", "7", "7", "7"},
    {"X", "5", "54", "54"},
    {"Y", "1", "", ""},
    {"ZHDZH", "2", "4", "4"},
    {"ZDZH", "2", "4", "4"},
    {"ZDZ", "2", "4", "4"},
    {"ZHD", "2", "43", "43"},
    {"ZD", "2", "43", "43"},
    {"ZSCH", "4", "4", "4"},
    {"ZSH", "4", "4", "4"},
    {"ZH", "4", "4", "4"},
    {"ZS", "4", "4", "4"},
    {"Z", "4", "4", "4"},
};

// The rules by first letter, longest first, so that the first that matches is the longest.
const std::array<std::vector<const Rule*>, 26>& RulesByLetter() {
  static const auto* const index = [] {
    auto* by_letter = new std::array<std::vector<const Rule*>, 26>();
    for (const Rule& rule : kRules) (*by_letter)[rule.letters[0] - 'A'].push_back(&rule);
    for (auto& rules : *by_letter) {
      std::stable_sort(rules.begin(), rules.end(), [](const Rule* a, const Rule* b) {
        return a->letters.size() > b->letters.size();
      });
    }
    return by_letter;
  }();
  return *index;
}

const Rule& LongestMatch(std::string_view name, size_t i) {
  for (const Rule* rule : RulesByLetter()[name[i] - 'A']) {
    if (name.substr(i, rule->letters.size()) == rule->letters) return *rule;
  }
  // Unreachable: every letter has a rule of its own.
  return kRules[0];
}

// "Before a vowel" counts Y as a vowel (Rhys, Wahyu: the H is heard), as Abydos and Talisman do.
bool IsVowel(char c) {
  return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
}

// One reading of the name so far.
struct Branch {
  std::string code;
  // The last digit of the previous group's code; 0 when that group was not coded.
  char last = 0;

  friend bool operator<(const Branch& a, const Branch& b) {
    return a.code != b.code ? a.code < b.code : a.last < b.last;
  }
  friend bool operator==(const Branch& a, const Branch& b) = default;
};

// Appends the code of one group: a digit that repeats the last one is written once.
void Append(Branch& branch, std::string_view digits) {
  if (digits.empty()) {
    branch.last = 0;
    return;
  }
  if (branch.code.size() >= kCodeLength) return;
  branch.code.append(digits.substr(digits[0] == branch.last ? 1 : 0));
  branch.last = digits.back();
  if (branch.code.size() >= kCodeLength) {
    branch.code.resize(kCodeLength);
    branch.last = 0;  // full: what comes next no longer matters
  }
}

}  // namespace

std::vector<std::string> DaitchMokotoff(std::string_view ascii) {
  const std::string name = internal::UpperAsciiLetters(ascii);
  if (name.empty()) return {};
  std::vector<Branch> branches(1);
  std::vector<Branch> next;
  for (size_t i = 0; i < name.size();) {
    const Rule& rule = LongestMatch(name, i);
    const size_t end = i + rule.letters.size();
    const std::string_view codes = i == 0                                    ? rule.start
                                   : end < name.size() && IsVowel(name[end]) ? rule.before_vowel
                                                                             : rule.other;
    const size_t bar = codes.find('|');
    next.clear();
    for (const Branch& branch : branches) {
      next.push_back(branch);
      Append(next.back(), codes.substr(0, bar));
      if (bar != std::string_view::npos) {
        next.push_back(branch);
        Append(next.back(), codes.substr(bar + 1));
      }
    }
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    branches.swap(next);
    i = end;
    if (std::all_of(branches.begin(), branches.end(),
                    [](const Branch& b) { return b.code.size() >= kCodeLength; })) {
      break;
    }
  }
  std::vector<std::string> codes;
  codes.reserve(branches.size());
  for (Branch& branch : branches) {
    branch.code.resize(kCodeLength, '0');
    codes.push_back(std::move(branch.code));
  }
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

}  // namespace sameas
