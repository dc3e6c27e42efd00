// American Soundex by the rules of the US National Archives ("The Soundex
// Indexing System", NARA, 2007): keep the first letter; code the rest b f p v
// -> 1, c g j k q s x z -> 2, d t -> 3, l -> 4, m n -> 5, r -> 6; letters with
// one code side by side, or separated only by h or w, give one digit, and the
// first letter counts (Pfister -> P236); vowels (and y) separate equal codes
// (Tymczak -> T522); pad with zeros to three digits. Characters that are not
// ASCII letters are skipped as if absent: "O'Brien" codes as "OBrien".
#include "sameas/phonetic/soundex.h"

#include <array>
#include <string>
#include <string_view>

namespace sameas {
namespace {

// Code per letter a..z: '1'..'6', 0 for vowels and y (which separate), 'h' for
// h and w (which do not).
constexpr std::array<char, 26> kCodes = {
    0,   '1', '2', '3', 0,   '1', '2', 'h', 0,   '2', '2', '4', '5',  // a..m
    '5', 0,   '1', '2', '6', '2', '3', 0,   '1', 'h', '2', 0,   '2',  // n..z
};

// The index of `c` in a..z, or -1 when `c` is not an ASCII letter.
int LetterIndex(char c) {
  char lower = static_cast<char>(c | 0x20);
  return lower >= 'a' && lower <= 'z' ? lower - 'a' : -1;
}

}  // namespace

std::string Soundex(std::string_view ascii) {
  std::string code;
  size_t i = 0;
  for (; i < ascii.size(); ++i) {
    int index = LetterIndex(ascii[i]);
    if (index >= 0) {
      code.reserve(4);
      code.push_back(static_cast<char>('A' + index));
      break;
    }
  }
  if (code.empty()) return code;
  // The code of the previous letter: an equal code after it adds no digit.
  char last = kCodes[code[0] - 'A'];
  for (++i; i < ascii.size() && code.size() < 4; ++i) {
    int index = LetterIndex(ascii[i]);
    if (index < 0) continue;
    char c = kCodes[index];
    if (c == 'h') continue;
    if (c != 0 && c != last) code.push_back(c);
    last = c;
  }
  code.resize(4, '0');
  return code;
}

}  // namespace sameas
