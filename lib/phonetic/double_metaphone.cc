// Double Metaphone after Philips (2000): the rules of his published C++ implementation, letter
// by letter, written anew. The name is read as upper-case ASCII words padded with spaces, as
// Philips reads it: a rule that asks for "IER " or for the letter after the end sees a space.
// Each rule adds to the primary code, the alternate code, or both.
#include "sameas/phonetic/double_metaphone.h"

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "phonetic/letters.h"

namespace sameas {
namespace {

class Encoder {
 public:
  Encoder(std::string_view ascii, size_t max_length)
      : name_(internal::UpperAsciiWords(ascii)),
        length_(static_cast<ptrdiff_t>(name_.size())),
        last_(length_ - 1),
        max_length_(max_length) {
    // Slavic and Germanic names keep some consonants hard (Philips' SlavoGermanic()).
    slavo_germanic_ =
        name_.find_first_of("WK") != std::string::npos || name_.find("CZ") != std::string::npos;
  }

  DoubleMetaphoneCodes Run() {
    ptrdiff_t i = 0;
    if (length_ == 0) return {};
    // Silent first letters (Gnome, Knight, Pneumatic, Wright, Psalm).
    if (Is(0, {"GN", "KN", "PN", "WR", "PS"})) i = 1;
    // An initial X sounds as Z, coded S (Xavier).
    if (At(0) == 'X') {
      Add("S");
      i = 1;
    }
    while (i < length_ && !Full()) i = Step(i);
    if (max_length_ > 0) {
      if (codes_.primary.size() > max_length_) codes_.primary.resize(max_length_);
      if (codes_.alternate.size() > max_length_) codes_.alternate.resize(max_length_);
    }
    return std::move(codes_);
  }

 private:
  // The letter at `i`: a space past the end, 0 before the start.
  char At(ptrdiff_t i) const {
    if (i < 0) return '\0';
    return i < length_ ? name_[i] : ' ';
  }

  // True when one of `options` is spelled from `i` on.
  bool Is(ptrdiff_t i, std::initializer_list<std::string_view> options) const {
    if (i < 0) return false;
    for (std::string_view option : options) {
      bool same = true;
      for (size_t k = 0; k < option.size() && same; ++k) same = At(i + k) == option[k];
      if (same) return true;
    }
    return false;
  }

  bool IsVowel(ptrdiff_t i) const {
    if (i < 0 || i >= length_) return false;
    const char c = name_[i];
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
  }

  bool Germanic() const { return Is(0, {"VAN ", "VON "}) || Is(0, {"SCH"}); }

  bool Full() const {
    return max_length_ > 0 && codes_.primary.size() >= max_length_ &&
           codes_.alternate.size() >= max_length_;
  }

  void Add(std::string_view both) {
    codes_.primary.append(both);
    codes_.alternate.append(both);
  }
  void Add(std::string_view primary, std::string_view alternate) {
    codes_.primary.append(primary);
    codes_.alternate.append(alternate);
  }

  // Codes the sound that starts at `i`; returns where the next one starts.
  ptrdiff_t Step(ptrdiff_t i) {
    switch (At(i)) {
      case 'A':
      case 'E':
      case 'I':
      case 'O':
      case 'U':
      case 'Y':
        if (i == 0) Add("A");  // every initial vowel codes as A
        return i + 1;
      case 'B':
        Add("P");
        return At(i + 1) == 'B' ? i + 2 : i + 1;
      case 'C':
        return C(i);
      case 'D':
        if (Is(i, {"DG"})) {
          if (Is(i + 2, {"I", "E", "Y"})) {  // Edge
            Add("J");
            return i + 3;
          }
          Add("TK");  // Edgar
          return i + 2;
        }
        Add("T");
        return Is(i, {"DT", "DD"}) ? i + 2 : i + 1;
      case 'F':
        Add("F");
        return At(i + 1) == 'F' ? i + 2 : i + 1;
      case 'G':
        return G(i);
      case 'H':
        // Kept first or between vowels, and only before a vowel.
        if ((i == 0 || IsVowel(i - 1)) && IsVowel(i + 1)) {
          Add("H");
          return i + 2;
        }
        return i + 1;
      case 'J':
        return J(i);
      case 'K':
        Add("K");
        return At(i + 1) == 'K' ? i + 2 : i + 1;
      case 'L':
        if (At(i + 1) == 'L') {
          // Spanish -LL- as Y: Cabrillo, Gallegos.
          if ((i == length_ - 3 && Is(i - 1, {"ILLO", "ILLA", "ALLE"})) ||
              ((Is(last_ - 1, {"AS", "OS"}) || Is(last_, {"A", "O"})) && Is(i - 1, {"ALLE"}))) {
            Add("L", "");
            return i + 2;
          }
          Add("L");
          return i + 2;
        }
        Add("L");
        return i + 1;
      case 'M':
        Add("M");
        // Silent B of Dumb, Thumb, Plumber.
        if ((Is(i - 1, {"UMB"}) && (i + 1 == last_ || Is(i + 2, {"ER"}))) || At(i + 1) == 'M') {
          return i + 2;
        }
        return i + 1;
      case 'N':
        Add("N");
        return At(i + 1) == 'N' ? i + 2 : i + 1;
      case 'P':
        if (At(i + 1) == 'H') {
          Add("F");
          return i + 2;
        }
        Add("P");
        return Is(i + 1, {"P", "B"}) ? i + 2 : i + 1;  // Campbell, Raspberry
      case 'Q':
        Add("K");
        return At(i + 1) == 'Q' ? i + 2 : i + 1;
      case 'R':
        // French final -IER: Rogier, but not Hochmeier.
        if (i == last_ && !slavo_germanic_ && Is(i - 2, {"IE"}) && !Is(i - 4, {"ME", "MA"})) {
          Add("", "R");
        } else {
          Add("R");
        }
        return At(i + 1) == 'R' ? i + 2 : i + 1;
      case 'S':
        return S(i);
      case 'T':
        return T(i);
      case 'V':
        Add("F");
        return At(i + 1) == 'V' ? i + 2 : i + 1;
      case 'W':
        return W(i);
      case 'X':
        // French final -X is silent: Breaux.
        if (!(i == last_ && (Is(i - 3, {"IAU", "EAU"}) || Is(i - 2, {"AU", "OU"})))) Add("KS");
        return Is(i + 1, {"C", "X"}) ? i + 2 : i + 1;
      case 'Z':
        if (At(i + 1) == 'H') {  // Chinese pinyin: Zhao
          Add("J");
          return i + 2;
        }
        if (Is(i + 1, {"ZO", "ZI", "ZA"}) || (slavo_germanic_ && i > 0 && At(i - 1) != 'T')) {
          Add("S", "TS");
        } else {
          Add("S");
        }
        return At(i + 1) == 'Z' ? i + 2 : i + 1;
      default:  // a space between words
        return i + 1;
    }
  }

  ptrdiff_t C(ptrdiff_t i) {
    // Germanic -ACH- as K (Bacher, Macher), but not -ACHI-, -ACHE-.
    if (i > 1 && !IsVowel(i - 2) && Is(i - 1, {"ACH"}) && At(i + 2) != 'I' &&
        (At(i + 2) != 'E' || Is(i - 2, {"BACHER", "MACHER"}))) {
      Add("K");
      return i + 2;
    }
    if (i == 0 && Is(i, {"CAESAR"})) {
      Add("S");
      return i + 2;
    }
    if (Is(i, {"CHIA"})) {  // Italian: Chianti
      Add("K");
      return i + 2;
    }
    if (Is(i, {"CH"})) {
      if (i > 0 && Is(i, {"CHAE"})) {  // Michael
        Add("K", "X");
        return i + 2;
      }
      // Greek roots at the start: Chemistry, Chorus, but not Chore.
      if (i == 0 && (Is(i + 1, {"HARAC", "HARIS"}) || Is(i + 1, {"HOR", "HYM", "HIA", "HEM"})) &&
          !Is(0, {"CHORE"})) {
        Add("K");
        return i + 2;
      }
      // Germanic, Greek or otherwise CH as KH: Architect, Orchestra, Orchid, Wachtler,
      // Wechsler, but not Tichner.
      if (Germanic() || Is(i - 2, {"ORCHES", "ARCHIT", "ORCHID"}) || Is(i + 2, {"T", "S"}) ||
          ((Is(i - 1, {"A", "O", "U", "E"}) || i == 0) &&
           Is(i + 2, {"L", "R", "N", "M", "B", "H", "F", "V", "W", " "}))) {
        Add("K");
      } else if (i > 0) {
        if (Is(0, {"MC"})) {  // McHugh
          Add("K");
        } else {
          Add("X", "K");
        }
      } else {
        Add("X");
      }
      return i + 2;
    }
    if (Is(i, {"CZ"}) && !Is(i - 2, {"WICZ"})) {  // Czerny
      Add("S", "X");
      return i + 2;
    }
    if (Is(i + 1, {"CIA"})) {  // Focaccia
      Add("X");
      return i + 3;
    }
    // A double C, but not McClellan.
    if (Is(i, {"CC"}) && !(i == 1 && At(0) == 'M')) {
      // Bellocchio, but not Bacchus.
      if (Is(i + 2, {"I", "E", "H"}) && !Is(i + 2, {"HU"})) {
        if ((i == 1 && At(i - 1) == 'A') || Is(i - 1, {"UCCEE", "UCCES"})) {
          Add("KS");  // Accident, Accede, Succeed
        } else {
          Add("X");  // Bacci, Bertucci
        }
        return i + 3;
      }
      Add("K");  // Pierce's rule
      return i + 2;
    }
    if (Is(i, {"CK", "CG", "CQ"})) {
      Add("K");
      return i + 2;
    }
    if (Is(i, {"CI", "CE", "CY"})) {
      if (Is(i, {"CIO", "CIE", "CIA"})) {  // Italian
        Add("S", "X");
      } else {
        Add("S");
      }
      return i + 2;
    }
    Add("K");
    if (Is(i + 1, {" C", " Q", " G"})) return i + 3;  // Mac Caffrey, Mac Gregor
    if (Is(i + 1, {"C", "K", "Q"}) && !Is(i + 1, {"CE", "CI"})) return i + 2;
    return i + 1;
  }

  ptrdiff_t G(ptrdiff_t i) {
    if (At(i + 1) == 'H') {
      if (i > 0 && !IsVowel(i - 1)) {
        Add("K");
        return i + 2;
      }
      if (i == 0) {  // Ghislane, Ghiradelli
        Add(At(i + 2) == 'I' ? "J" : "K");
        return i + 2;
      }
      // Parker's rule, refined: silent in Hugh, Bough, Broughton.
      if ((i > 1 && Is(i - 2, {"B", "H", "D"})) || (i > 2 && Is(i - 3, {"B", "H", "D"})) ||
          (i > 3 && Is(i - 4, {"B", "H"}))) {
        return i + 2;
      }
      // Laugh, McLaughlin, Cough, Gough, Rough, Tough.
      if (i > 2 && At(i - 1) == 'U' && Is(i - 3, {"C", "G", "L", "R", "T"})) {
        Add("F");
      } else if (i > 0 && At(i - 1) != 'I') {
        Add("K");
      }
      return i + 2;
    }
    if (At(i + 1) == 'N') {
      if (i == 1 && IsVowel(0) && !slavo_germanic_) {
        Add("KN", "N");
      } else if (!Is(i + 2, {"EY"}) && At(i + 1) != 'Y' && !slavo_germanic_) {
        Add("N", "KN");  // not Cagney
      } else {
        Add("KN");
      }
      return i + 2;
    }
    if (Is(i + 1, {"LI"}) && !slavo_germanic_) {  // Tagliaro
      Add("KL", "L");
      return i + 2;
    }
    // -GES-, -GEP-, -GEL-, -GIE- and the like at the start.
    if (i == 0 && (At(i + 1) == 'Y' ||
                   Is(i + 1, {"ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER"}))) {
      Add("K", "J");
      return i + 2;
    }
    // -GER-, -GY-.
    if ((Is(i + 1, {"ER"}) || At(i + 1) == 'Y') && !Is(0, {"DANGER", "RANGER", "MANGER"}) &&
        !Is(i - 1, {"E", "I"}) && !Is(i - 1, {"RGY", "OGY"})) {
      Add("K", "J");
      return i + 2;
    }
    // Italian: Biaggi.
    if (Is(i + 1, {"E", "I", "Y"}) || Is(i - 1, {"AGGI", "OGGI"})) {
      if (Germanic() || Is(i + 1, {"ET"})) {
        Add("K");
      } else if (Is(i + 1, {"IER "})) {  // always soft in a French ending
        Add("J");
      } else {
        Add("J", "K");
      }
      return i + 2;
    }
    Add("K");
    return At(i + 1) == 'G' ? i + 2 : i + 1;
  }

  ptrdiff_t J(ptrdiff_t i) {
    // Spanish: Jose, San Jacinto.
    if (Is(i, {"JOSE"}) || Is(0, {"SAN "})) {
      if ((i == 0 && At(i + 4) == ' ') || Is(0, {"SAN "})) {
        Add("H");
      } else {
        Add("J", "H");
      }
      return i + 1;
    }
    if (i == 0) {
      Add("J", "A");  // Jankelowicz / Yankelovich
    } else if (IsVowel(i - 1) && !slavo_germanic_ && (At(i + 1) == 'A' || At(i + 1) == 'O')) {
      Add("J", "H");  // Spanish: Bajador
    } else if (i == last_) {
      Add("J", "");
    } else if (!Is(i + 1, {"L", "T", "K", "S", "N", "M", "B", "Z"}) &&
               !Is(i - 1, {"S", "K", "L"})) {
      Add("J");
    }
    return At(i + 1) == 'J' ? i + 2 : i + 1;
  }

  ptrdiff_t S(ptrdiff_t i) {
    if (Is(i - 1, {"ISL", "YSL"})) return i + 1;  // Island, Isle, Carlisle, Carlysle
    if (i == 0 && Is(i, {"SUGAR"})) {
      Add("X", "S");
      return i + 1;
    }
    if (Is(i, {"SH"})) {
      Add(Is(i + 1, {"HEIM", "HOEK", "HOLM", "HOLZ"}) ? "S" : "X");  // Germanic: -sheim
      return i + 2;
    }
    if (Is(i, {"SIO", "SIA"}) || Is(i, {"SIAN"})) {  // Italian and Armenian
      if (slavo_germanic_) {
        Add("S");
      } else {
        Add("S", "X");
      }
      return i + 3;
    }
    // German and anglicised: Smith / Schmidt, Snider / Schneider; Slavic -SZ-.
    if ((i == 0 && Is(i + 1, {"M", "N", "L", "W"})) || Is(i + 1, {"Z"})) {
      Add("S", "X");
      return Is(i + 1, {"Z"}) ? i + 2 : i + 1;
    }
    if (Is(i, {"SC"})) {
      if (At(i + 2) == 'H') {                                   // Schlesinger's rule
        if (Is(i + 3, {"OO", "ER", "EN", "UY", "ED", "EM"})) {  // Dutch: School, Schooner
          if (Is(i + 3, {"ER", "EN"})) {
            Add("X", "SK");  // Schermerhorn, Schenker
          } else {
            Add("SK");
          }
          return i + 3;
        }
        if (i == 0 && !IsVowel(3) && At(3) != 'W') {
          Add("X", "S");
        } else {
          Add("X");
        }
        return i + 3;
      }
      Add(Is(i + 2, {"I", "E", "Y"}) ? "S" : "SK");
      return i + 3;
    }
    // French final -AIS, -OIS: Resnais, Artois.
    if (i == last_ && Is(i - 2, {"AI", "OI"})) {
      Add("", "S");
    } else {
      Add("S");
    }
    return Is(i + 1, {"S", "Z"}) ? i + 2 : i + 1;
  }

  ptrdiff_t T(ptrdiff_t i) {
    if (Is(i, {"TION"})) {
      Add("X");
      return i + 3;
    }
    if (Is(i, {"TIA", "TCH"})) {
      Add("X");
      return i + 3;
    }
    if (Is(i, {"TH"}) || Is(i, {"TTH"})) {
      // Thomas, Thames, or Germanic.
      if (Is(i + 2, {"OM", "AM"}) || Germanic()) {
        Add("T");
      } else {
        Add("0", "T");
      }
      return i + 2;
    }
    Add("T");
    return Is(i + 1, {"T", "D"}) ? i + 2 : i + 1;
  }

  ptrdiff_t W(ptrdiff_t i) {
    if (Is(i, {"WR"})) {
      Add("R");
      return i + 2;
    }
    if (i == 0 && (IsVowel(i + 1) || Is(i, {"WH"}))) {
      if (IsVowel(i + 1)) {
        Add("A", "F");  // Wasserman / Vasserman
      } else {
        Add("A");  // Womo / Uomo
      }
    }
    // Arnow / Arnoff, Polish -OWSKI.
    if ((i == last_ && IsVowel(i - 1)) || Is(i - 1, {"EWSKI", "EWSKY", "OWSKI", "OWSKY"}) ||
        Is(0, {"SCH"})) {
      Add("", "F");
      return i + 1;
    }
    if (Is(i, {"WICZ", "WITZ"})) {  // Polish: Filipowicz
      Add("TS", "FX");
      return i + 4;
    }
    return i + 1;
  }

  std::string name_;
  ptrdiff_t length_;
  ptrdiff_t last_;
  size_t max_length_;
  bool slavo_germanic_ = false;
  DoubleMetaphoneCodes codes_;
};

}  // namespace

DoubleMetaphoneCodes DoubleMetaphone(std::string_view ascii, size_t max_length) {
  return Encoder(ascii, max_length).Run();
}

}  // namespace sameas
