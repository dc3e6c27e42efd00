// Metaphone after Philips (1990), letter by letter, in the reading of Python's jellyfish (the
// peer the tests compare with) where Philips' text leaves room: of a run of one letter only
// the last is coded (except C: "Acca" -> "AKK"); KN, GN, PN, WR and AE at the start drop their
// first letter; the context of a letter is the letters of the name next to it, not their
// codes. The two places where this code follows Philips rather than jellyfish are marked.
#include "sameas/phonetic/metaphone.h"

#include <string>
#include <string_view>

#include "phonetic/letters.h"

namespace sameas {
namespace {

bool IsVowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }
bool IsFrontVowel(char c) { return c == 'E' || c == 'I' || c == 'Y'; }

}  // namespace

std::string Metaphone(std::string_view ascii, size_t max_length) {
  std::string letters = internal::UpperAsciiLetters(ascii);
  std::string_view name = letters;
  if (name.size() >= 2) {
    const std::string_view start = name.substr(0, 2);
    if (start == "KN" || start == "GN" || start == "PN" || start == "WR" || start == "AE") {
      name.remove_prefix(1);
    }
  }
  const size_t n = name.size();
  // The letter at `i`, or 0 past either end.
  auto at = [&](size_t i) { return i < n ? name[i] : '\0'; };

  std::string code;
  code.reserve(n + 1);
  for (size_t i = 0; i < n && (max_length == 0 || code.size() < max_length); ++i) {
    const char c = name[i];
    const char next = at(i + 1);
    const char after = at(i + 2);
    if (c == next && c != 'C') continue;
    const char prev = i > 0 ? name[i - 1] : '\0';
    switch (c) {
      case 'A':
      case 'E':
      case 'I':
      case 'O':
      case 'U':
        // Philips: a vowel is coded when it starts the name. jellyfish looks at position 0
        // only, after skipping the first of a doubled letter, and so drops the A of Aaron.
        if (name.find_first_not_of(c) > i) code.push_back(c);
        break;
      case 'B':
        if (!(prev == 'M' && i + 1 == n)) code.push_back('B');  // -MB at the end: silent
        break;
      case 'C':
        if (next == 'I' && after == 'A') {
          code.push_back('X');
        } else if (next == 'H') {
          code.push_back('X');
          ++i;
        } else if (IsFrontVowel(next)) {
          code.push_back('S');
          ++i;
        } else {
          code.push_back('K');
        }
        break;
      case 'D':
        if (next == 'G' && IsFrontVowel(after)) {
          code.push_back('J');
          i += 2;
        } else {
          code.push_back('T');
        }
        break;
      case 'G':
        if (IsFrontVowel(next)) {
          code.push_back('J');
        } else if (next == 'H' && !IsVowel(after)) {
          ++i;  // GH before a consonant or at the end: silent (Knight, Hugh)
        } else if (next == 'N' && after == '\0') {
          // Philips: G silent in a final -GN; the N is still coded (Sign -> "SN"; jellyfish
          // skips the N too).
        } else {
          code.push_back('K');
        }
        break;
      case 'H':
        if (i == 0 || IsVowel(next) || !IsVowel(prev)) code.push_back('H');
        break;
      case 'K':
        if (prev != 'C') code.push_back('K');
        break;
      case 'P':
        if (next == 'H') {
          code.push_back('F');
          ++i;
        } else {
          code.push_back('P');
        }
        break;
      case 'Q':
        code.push_back('K');
        break;
      case 'S':
        if (next == 'H') {
          code.push_back('X');
          ++i;
        } else if (next == 'I' && (after == 'O' || after == 'A')) {
          code.push_back('X');
        } else {
          code.push_back('S');
        }
        break;
      case 'T':
        if (next == 'I' && (after == 'O' || after == 'A')) {
          code.push_back('X');
        } else if (next == 'H') {
          code.push_back('0');
          ++i;
        } else if (!(next == 'C' && after == 'H')) {
          code.push_back('T');
        }
        break;
      case 'V':
        code.push_back('F');
        break;
      case 'W':
        if (i == 0 && next == 'H') {
          code.push_back('W');
          ++i;
        } else if (IsVowel(next)) {
          code.push_back('W');
        }
        break;
      case 'X':
        if (i > 0) {
          code.append("KS");
        } else if (next == 'H' || (next == 'I' && (after == 'O' || after == 'A'))) {
          code.push_back('X');
        } else {
          code.push_back('S');
        }
        break;
      case 'Y':
        if (IsVowel(next)) code.push_back('Y');
        break;
      case 'Z':
        code.push_back('S');
        break;
      default:  // F J L M N R
        code.push_back(c);
        break;
    }
  }
  if (max_length > 0 && code.size() > max_length) code.resize(max_length);
  return code;
}

}  // namespace sameas
