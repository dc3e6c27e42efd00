// Daitch–Mokotoff Soundex: six-digit phonetic codes for Slavic, Yiddish, German and other
// European names, several per name where a spelling has more than one reading.
#ifndef SAMEAS_PHONETIC_DAITCH_MOKOTOFF_H_
#define SAMEAS_PHONETIC_DAITCH_MOKOTOFF_H_

#include <string>
#include <string_view>
#include <vector>

namespace sameas {

/// Daitch–Mokotoff Soundex (Mokotoff and Sack 1985; Gary Mokotoff, "Soundexing and
/// Genealogy", Avotaynu; the coding chart of JewishGen): the name read left to right as the
/// longest letter groups of the chart (SCHTSCH, SZCZ, TZ, ...), each coded by whether it starts
/// the name, comes before a vowel (A E I O U Y) or elsewhere; a group whose code repeats the last
/// digit written adds only what follows that digit (Topf -> 370000), except after an uncoded
/// group such as a vowel (Kleinmann -> 586660); six digits, padded with zeros.
/// C, CH, CK, J, RS and RZ have two readings, so a name can have several codes: all of them,
/// sorted, each once. "Peters" -> {"734000", "739400"}, "Moskowitz" -> {"645740"}.
/// Only ASCII letters are coded, in either case; other characters are skipped (fold other
/// scripts first, FoldText). Empty when there is no ASCII letter.
std::vector<std::string> DaitchMokotoff(std::string_view ascii);

}  // namespace sameas

#endif  // SAMEAS_PHONETIC_DAITCH_MOKOTOFF_H_
