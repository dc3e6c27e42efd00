// Metaphone: a phonetic code of English pronunciation, a blocking key and comparison feature
// for names that sound alike but are spelled apart (Knight / Night, Philips / Filips).
#ifndef SAMEAS_PHONETIC_METAPHONE_H_
#define SAMEAS_PHONETIC_METAPHONE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace sameas {

/// Metaphone (Philips 1990, "Hanging on the Metaphone", Computer Language 7(12)), read as
/// Python's jellyfish reads it, so that the two agree: consonant sounds as the letters
/// B F H J K L M N P R S T W X Y and 0 (th), a vowel only when it starts the name.
/// Two intended differences from jellyfish, both where jellyfish departs from Philips:
/// a doubled vowel that starts the name is kept (Aaron -> "ARN", jellyfish "RN"), and in a
/// final -GN only the G is silent (Sign -> "SN", jellyfish "S").
/// Only ASCII letters are coded, in either case; other characters are skipped. Empty when
/// there is no ASCII letter. "Philips" -> "FLPS", "Knight" -> "NT", "Thompson" -> "0MPSN".
/// `max_length` 0 keeps the whole code. O(length of the name).
std::string Metaphone(std::string_view ascii, size_t max_length = 0);

}  // namespace sameas

#endif  // SAMEAS_PHONETIC_METAPHONE_H_
