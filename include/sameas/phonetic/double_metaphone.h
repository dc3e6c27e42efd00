// Double Metaphone: two phonetic codes per name, the common English pronunciation and an
// alternate for names of other origins (Slavic, Germanic, Romance, Greek, Chinese), so that
// Smith and Schmidt, or Jankelowicz and Yankelovich, share a code.
#ifndef SAMEAS_PHONETIC_DOUBLE_METAPHONE_H_
#define SAMEAS_PHONETIC_DOUBLE_METAPHONE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace sameas {

/// The two codes of a name. `alternate` equals `primary` when no rule gave a second
/// pronunciation, so two names match when any code of one equals any code of the other.
struct DoubleMetaphoneCodes {
  std::string primary;
  std::string alternate;

  friend bool operator==(const DoubleMetaphoneCodes&, const DoubleMetaphoneCodes&) = default;
};

/// Philips' code length, the default of `DoubleMetaphone`.
inline constexpr size_t kDoubleMetaphoneLength = 4;

/// Double Metaphone (Philips 2000, "The Double Metaphone Search Algorithm", C/C++ Users
/// Journal 18(6)), following the rules of Philips' published C++ implementation: codes over
/// the letters A (a vowel that starts the name) F H J K L M N P R S T X and 0 (th), each cut
/// to `max_length` characters (0 keeps them whole). Only ASCII letters are coded, in either
/// case; a run of other characters counts as a space between words, which the rules read
/// ("Van Mark", "San Jacinto", "Mac Caffrey"). Both codes are empty when there is no ASCII
/// letter. Smith -> {"SM0", "XMT"}, Schmidt -> {"XMT", "SMT"}, Jose -> {"HS", "HS"}.
/// O(length of the name).
DoubleMetaphoneCodes DoubleMetaphone(std::string_view ascii,
                                     size_t max_length = kDoubleMetaphoneLength);

}  // namespace sameas

#endif  // SAMEAS_PHONETIC_DOUBLE_METAPHONE_H_
