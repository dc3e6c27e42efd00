// How two parsed names relate, part by part (given against given, family against family, and
// crossed for the swapped order), and which name comparison level (LevelKind
// kExactWithDiacritics ... kFamilyOnly) each relation satisfies. The Comparer computes the
// relation once per pair from the codes of PreparedNames: integer comparisons only.
#ifndef SAMEAS_COMPARE_NAME_LEVELS_H_
#define SAMEAS_COMPARE_NAME_LEVELS_H_

#include <cstdint>

#include "sameas/prepare/prepared_table.h"
#include "sameas/settings/settings.h"

namespace sameas {

/// How one part of two names (the given names, or the family names) relates, best first.
enum class PartMatch : uint8_t {
  kExactWithDiacritics,  // Łukasz / Łukasz
  kExact,                // Łukasz / Lukasz, Müller / Mueller, Soekarno / Sukarno
  kNickname,             // Kasia / Katarzyna (given names only)
  kMiddle,               // one side's given name is the other's middle name (given names only)
  kGendered,             // Kowalski / Kowalska (family names only)
  kCompound,             // Nowak-Kowalska / Kowalska: a word in common (family names only)
  kInitial,              // K. / Katarzyna
  kBothMissing,          // neither has this part (a given-name column has no family names)
  kOneMissing,           // one side has it, the other does not
  kDifferent,
};

/// The relation of two parsed names.
struct NameMatch {
  /// The whole names are equal with diacritics; equal after folding in some spelling.
  bool whole_with_diacritics = false;
  bool whole_folded = false;
  PartMatch given = PartMatch::kBothMissing;
  PartMatch family = PartMatch::kBothMissing;
  /// Given name of each equals (or is a nickname of) the family name of the other; one of the
  /// two may differ by a typo (Jaro-Winkler >= 0.9).
  bool swapped = false;
  /// One side is one name only, equal to the other's family name ("Kowalski", "Jan Kowalski").
  bool mononym_is_family = false;
};

/// The relation of records a and b in a prepared name column.
NameMatch MatchNames(const PreparedColumn& column, uint32_t a, uint32_t b);

/// The Jaro-Winkler similarity of two names as Jaro-Winkler levels of name columns read it:
/// the lower of the similarities of the parts both names have (given, family), a part that
/// agrees otherwise (nickname, gendered form, an initial with its name) counting 1 and one
/// against a different initial 0; so "Monika Makurat" is not close to "Monika Stark" for the
/// long prefix they share, nor "Emma P." to "Emma Király". Names with no part in common (a
/// lone given name against a lone family name) fall back to the folded whole names.
double NameJaroWinkler(const PreparedColumn& column, uint32_t a, uint32_t b);

/// Whether the relation falls in a level of kind `kind`: kExact and the name kinds
/// (kExactWithDiacritics ... kFamilyOnly); false for any other kind.
bool NameLevelHolds(LevelKind kind, const NameMatch& match);

}  // namespace sameas

#endif  // SAMEAS_COMPARE_NAME_LEVELS_H_
