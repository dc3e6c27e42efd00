// Phonetic codes used as blocking keys and comparison features.
#ifndef SAMEAS_PHONETIC_SOUNDEX_H_
#define SAMEAS_PHONETIC_SOUNDEX_H_

#include <string>
#include <string_view>

namespace sameas {

/// American Soundex (Russell 1918, as standardised by the US National Archives): the first
/// letter and three digits, H and W not separating equal codes. Non-letters are skipped;
/// empty when the input has no ASCII letter. "Robert" -> "R163", "Tymczak" -> "T522".
std::string Soundex(std::string_view ascii);

}  // namespace sameas

#endif  // SAMEAS_PHONETIC_SOUNDEX_H_
