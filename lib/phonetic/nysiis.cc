// NYSIIS after Taft (1970), in the reading of Python's jellyfish (the peer the tests compare
// with): prefixes MAC -> MCC, KN -> N, K -> C, PH/PF -> FF, SCH -> SSS; suffixes EE/IE -> Y,
// DT/RT/RD/NT/ND -> D; the first letter kept; then each later letter translated (EV -> AF,
// vowels -> A, Q -> G, Z -> S, M -> N, K -> C or N before N, SCH -> SS, PH -> F, H after or
// before a non-vowel -> the letter before it, W after a vowel -> that vowel) and added unless
// it ends in the key's last letter; a final S, then a final A, dropped and AY -> Y.
#include "sameas/phonetic/nysiis.h"

#include <string>
#include <string_view>

#include "phonetic/letters.h"

namespace sameas {
namespace {

bool IsVowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }

bool StartsWith(const std::string& s, std::string_view prefix) {
  return std::string_view(s).substr(0, prefix.size()) == prefix;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         std::string_view(s).substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string Nysiis(std::string_view ascii, size_t max_length) {
  std::string name = internal::UpperAsciiLetters(ascii);
  if (name.empty()) return name;

  // Step 1: the start of the name.
  if (StartsWith(name, "MAC")) {
    name.replace(0, 3, "MCC");
  } else if (StartsWith(name, "KN")) {
    name.erase(0, 1);  // Taft writes NN; one N reads the same, and the suffix rule then sees
                       // what jellyfish sees ("Knt" -> "D")
  } else if (name[0] == 'K') {
    name[0] = 'C';
  } else if (StartsWith(name, "PH") || StartsWith(name, "PF")) {
    name.replace(0, 2, "FF");
  } else if (StartsWith(name, "SCH")) {
    name.replace(0, 3, "SSS");
  }
  // Step 2: the end of the name.
  if (EndsWith(name, "EE") || EndsWith(name, "IE")) {
    name.replace(name.size() - 2, 2, "Y");
  } else if (EndsWith(name, "DT") || EndsWith(name, "RT") || EndsWith(name, "RD") ||
             EndsWith(name, "NT") || EndsWith(name, "ND")) {
    name.replace(name.size() - 2, 2, "D");
  }

  // Steps 3 and 4: the first letter as it is, then the translation of each later letter,
  // added unless it ends in the letter the key ends in.
  std::string key(1, name[0]);
  key.reserve(name.size() + 1);
  const size_t n = name.size();
  for (size_t i = 1; i < n; ++i) {
    const char c = name[i];
    const char prev = name[i - 1];
    const char next = i + 1 < n ? name[i + 1] : 0;
    char one[1] = {c};
    std::string_view sound(one, 1);
    if (c == 'E' && next == 'V') {
      sound = "AF";
      ++i;
    } else if (IsVowel(c)) {
      sound = "A";
    } else if (c == 'Q') {
      sound = "G";
    } else if (c == 'Z') {
      sound = "S";
    } else if (c == 'M') {
      sound = "N";
    } else if (c == 'K') {
      sound = next == 'N' ? "N" : "C";
    } else if (c == 'S' && next == 'C' && i + 2 < n && name[i + 2] == 'H') {
      sound = "SS";
      i += 2;
    } else if (c == 'P' && next == 'H') {
      sound = "F";
      ++i;
    } else if (c == 'H' && (!IsVowel(prev) || !IsVowel(next))) {
      one[0] = IsVowel(prev) ? 'A' : prev;
    } else if (c == 'W' && IsVowel(prev)) {
      one[0] = prev;
    }
    if (sound.back() != key.back()) key.append(sound);
  }

  // Steps 5 to 7: the end of the key.
  if (key.size() > 1 && key.back() == 'S') key.pop_back();
  if (EndsWith(key, "AY")) key.replace(key.size() - 2, 2, "Y");
  if (key.size() > 1 && key.back() == 'A') key.pop_back();
  if (max_length > 0 && key.size() > max_length) key.resize(max_length);
  return key;
}

}  // namespace sameas
