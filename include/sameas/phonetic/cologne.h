// Kölner Phonetik (Cologne phonetics): a phonetic code of German pronunciation, digits only,
// a blocking key and comparison feature for German names (Meyer / Maier / Mayr, Müller / Möller).
#ifndef SAMEAS_PHONETIC_COLOGNE_H_
#define SAMEAS_PHONETIC_COLOGNE_H_

#include <string>
#include <string_view>

namespace sameas {

/// Kölner Phonetik (Postel 1969, "Die Kölner Phonetik. Ein Verfahren zur Identifizierung von
/// Personennamen auf der Grundlage der Gestaltanalyse", IBM-Nachrichten 19): each letter coded
/// by its neighbours to a digit 0-8 (X to 48, H to nothing), repeated digits written once, then
/// every 0 dropped but a first one. "Müller-Lüdenscheidt" -> "65752682", "Wikipedia" -> "3412".
/// Takes UTF-8: ASCII letters in either case and the German ä ö ü (as a o u) and ß (as s) are
/// coded; every other character is skipped, so fold other scripts first (FoldText).
/// The input is coded as one word: a hyphen or space is skipped like any non-letter.
/// Empty when nothing is coded. O(length of the name).
std::string ColognePhonetic(std::string_view utf8);

}  // namespace sameas

#endif  // SAMEAS_PHONETIC_COLOGNE_H_
