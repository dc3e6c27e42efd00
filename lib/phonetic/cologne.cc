// Kölner Phonetik after Postel (1969), with the rule table as usually given (e.g. in the German
// Wikipedia article): A E I J O U Y -> 0; H -> nothing; B -> 1; P -> 1, but 3 before H;
// D T -> 2, but 8 before C S Z; F V W -> 3; G K Q -> 4; C -> 4 at the start before
// A H K L O Q R U X, elsewhere before A H K O Q U X unless after S or Z, else 8;
// X -> 48, but 8 after C K Q; L -> 5; M N -> 6; R -> 7; S Z -> 8.
// H has no code and so does not separate equal digits (which are written once).
#include "sameas/phonetic/cologne.h"

#include <string>
#include <string_view>

#include "phonetic/letters.h"

namespace sameas {
namespace {

// The letters of `utf8` that the code reads, upper-cased: ASCII letters, and ä ö ü ß (either
// case) as A O U S.
std::string CologneLetters(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size(); ++i) {
    const char c = utf8[i];
    if (char upper = internal::UpperAsciiLetter(c)) {
      out.push_back(upper);
      continue;
    }
    const unsigned char lead = static_cast<unsigned char>(c);
    if (lead == 0xC3 && i + 1 < utf8.size()) {
      // U+00C4 Ä, U+00D6 Ö, U+00DC Ü, U+00DF ß, U+00E4 ä, U+00F6 ö, U+00FC ü.
      switch (static_cast<unsigned char>(utf8[i + 1])) {
        case 0x84:
        case 0xA4:
          out.push_back('A');
          break;
        case 0x96:
        case 0xB6:
          out.push_back('O');
          break;
        case 0x9C:
        case 0xBC:
          out.push_back('U');
          break;
        case 0x9F:
          out.push_back('S');
          break;
        default:
          break;
      }
    } else if (lead == 0xE1 && utf8.substr(i, 3) == "\xE1\xBA\x9E") {  // U+1E9E capital ß
      out.push_back('S');
    }
    // The rest of a multi-byte sequence: continuation bytes are not letters.
  }
  return out;
}

bool OneOf(char c, std::string_view letters) {
  return c != '\0' && letters.find(c) != std::string_view::npos;
}

}  // namespace

std::string ColognePhonetic(std::string_view utf8) {
  const std::string name = CologneLetters(utf8);
  const size_t n = name.size();
  std::string code;
  code.reserve(n + 1);
  // Appends the digits of one letter, each unless it repeats the last digit written.
  auto emit = [&code](std::string_view digits) {
    for (char d : digits) {
      if (code.empty() || code.back() != d) code.push_back(d);
    }
  };
  for (size_t i = 0; i < n; ++i) {
    const char c = name[i];
    const char prev = i > 0 ? name[i - 1] : '\0';
    const char next = i + 1 < n ? name[i + 1] : '\0';
    switch (c) {
      case 'A':
      case 'E':
      case 'I':
      case 'J':
      case 'O':
      case 'U':
      case 'Y':
        emit("0");
        break;
      case 'H':
        break;
      case 'B':
        emit("1");
        break;
      case 'P':
        emit(next == 'H' ? "3" : "1");
        break;
      case 'D':
      case 'T':
        emit(OneOf(next, "CSZ") ? "8" : "2");
        break;
      case 'F':
      case 'V':
      case 'W':
        emit("3");
        break;
      case 'G':
      case 'K':
      case 'Q':
        emit("4");
        break;
      case 'C':
        if (i == 0) {
          emit(OneOf(next, "AHKLOQRUX") ? "4" : "8");
        } else {
          emit(!OneOf(prev, "SZ") && OneOf(next, "AHKOQUX") ? "4" : "8");
        }
        break;
      case 'X':
        emit(OneOf(prev, "CKQ") ? "8" : "48");
        break;
      case 'L':
        emit("5");
        break;
      case 'M':
      case 'N':
        emit("6");
        break;
      case 'R':
        emit("7");
        break;
      case 'S':
      case 'Z':
        emit("8");
        break;
      default:
        break;
    }
  }
  // Every 0 but a first one goes.
  size_t kept = code.empty() ? 0 : 1;
  for (size_t i = 1; i < code.size(); ++i) {
    if (code[i] != '0') code[kept++] = code[i];
  }
  code.resize(kept);
  return code;
}

}  // namespace sameas
