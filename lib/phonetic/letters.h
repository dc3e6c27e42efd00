// What the phonetic encoders read of their input: ASCII letters, upper-cased. Callers fold
// other scripts to ASCII first (FoldText in sameas/prepare/text.h).
#ifndef SAMEAS_LIB_PHONETIC_LETTERS_H_
#define SAMEAS_LIB_PHONETIC_LETTERS_H_

#include <string>
#include <string_view>

namespace sameas::internal {

/// `c` upper-cased when it is an ASCII letter, else 0. Bytes of multi-byte UTF-8 sequences
/// are not letters.
inline char UpperAsciiLetter(char c) {
  const char upper = static_cast<char>(c & ~0x20);
  return upper >= 'A' && upper <= 'Z' ? upper : 0;
}

/// The ASCII letters of `text`, upper-cased, everything else dropped: "O'Brien" -> "OBRIEN".
inline std::string UpperAsciiLetters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (char upper = UpperAsciiLetter(c)) out.push_back(upper);
  }
  return out;
}

/// The ASCII letters of `text`, upper-cased, each run of other characters turned into one
/// space and none at either end: " van  der-Berg " -> "VAN DER BERG". For encoders whose rules
/// look at word boundaries ("VAN ", "SAN ").
inline std::string UpperAsciiWords(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool gap = false;
  for (char c : text) {
    if (char upper = UpperAsciiLetter(c)) {
      if (gap && !out.empty()) out.push_back(' ');
      gap = false;
      out.push_back(upper);
    } else {
      gap = true;
    }
  }
  return out;
}

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_PHONETIC_LETTERS_H_
