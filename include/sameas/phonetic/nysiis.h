// NYSIIS, the New York State Identification and Intelligence System phonetic code: a blocking
// key and comparison feature for names, better than Soundex on surnames of many origins.
#ifndef SAMEAS_PHONETIC_NYSIIS_H_
#define SAMEAS_PHONETIC_NYSIIS_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace sameas {

/// The code length of Taft's original NYSIIS, for `Nysiis(name, kNysiisTaftLength)`.
inline constexpr size_t kNysiisTaftLength = 6;

/// NYSIIS (Taft 1970, "Name Search Techniques", New York State Identification and
/// Intelligence System, Special Report No. 1), read as Python's jellyfish reads it, so that
/// the two agree on every name: the whole key by default (Taft cut it to 6 characters; pass
/// `max_length = kNysiisTaftLength` for that), and in the scan H and W take the letter of the
/// name before them, not its translation (Kowalski -> "CAOALSC"). Only ASCII letters are
/// coded, in either case; other characters are skipped ("O'Brien" codes as "OBrien").
/// Empty when there is no ASCII letter. "Macintosh" -> "MCANT", "Knight" -> "NAGT".
/// `max_length` 0 keeps the whole key. O(length of the name).
std::string Nysiis(std::string_view ascii, size_t max_length = 0);

}  // namespace sameas

#endif  // SAMEAS_PHONETIC_NYSIIS_H_
