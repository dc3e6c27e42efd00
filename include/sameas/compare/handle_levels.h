// How the tokens of a handle (or an email's local part) relate to a parsed name, and which
// handle level (LevelKind kHandleFullName ... kHandleGivenOnly) each relation satisfies. The
// tokens of the handle column are looked up in the name column's dictionaries once, when the
// Comparer is made (HandleNameIndex); a pair then costs integer comparisons only.
#ifndef SAMEAS_COMPARE_HANDLE_LEVELS_H_
#define SAMEAS_COMPARE_HANDLE_LEVELS_H_

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "sameas/prepare/prepared_table.h"
#include "sameas/settings/settings.h"

namespace sameas {

/// What of a name a handle shows, best first.
enum class HandleMatch : uint8_t {
  kFullName,            // jan.kowalski, kowalskajan, nagyedit
  kNickname,            // kasia_nowak for Katarzyna Nowak
  kGivenFamilyInitial,  // kasia.n, annak
  kInitialFamily,       // jkowalski, kowalski_j
  kFamilyOnly,          // nowak84
  kGivenOnly,           // kasia1984, kasia_warsaw; a one-word name's word (banawi944)
  kOtherName,           // another person's name beside a part of this one: anna_eberhardt
                        // against Anna Kovács, adam_kowalski against Jan Kowalski
  kNone,                // nothing of the name
};

/// What a handle's tokens show of one name: its parts, and name words that are none of them.
struct HandleNameParts {
  // The name: which parts it has, written in full or as initials; one word only.
  bool has_given = false, has_family = false, given_is_initial = false, family_is_initial = false;
  bool mononym = false;
  // Tokens of the handle that are the given name (or a middle name), a nickname of it, the
  // family name; initials of the handle or words of it whose first letter is a name's initial.
  bool given = false, nickname = false, family = false, given_initial = false,
       family_initial = false;
  // Name words of the handle that are no part of this name: the family name "eberhardt" of
  // anna_eberhardt90 against Anna Kovács, the given name "adam" of adam_kowalski against Jan
  // Kowalski.
  bool other_given = false, other_family = false;
};

/// The match that the parts show, best first (HandleMatch).
HandleMatch Classify(const HandleNameParts& parts);

/// What a handle shows of another record's name (`other`) beyond what it shows of its own
/// record's name (`own`), which the name comparison already weighs: parts that the handle
/// shares with its own record's name are taken out ("Leon 🌸" with leon_maz against Leonard M.:
/// the given name counts in the name comparison, and the handle adds the family initial only,
/// nothing; "Kasia N. ✨" with kasia_nowak84 against Katarzyna Nowak: the whole family name,
/// kFamilyOnly). nullopt when the handle adds nothing: no part of the other's name, or another
/// person's name that the record's own name shows as well.
std::optional<HandleMatch> NovelMatch(const HandleNameParts& other, const HandleNameParts& own);

/// The tokens of a handle column looked up in a name column: for each token, its codes in the
/// name column's forms (as written, in today's Indonesian spelling, as a family stem) and its
/// nickname groups. Built once per Comparer, in O(tokens).
class HandleNameIndex {
 public:
  HandleNameIndex() = default;
  HandleNameIndex(const PreparedHandles& handles, const PreparedNames& names);

  /// What of the name of record `name_record` the handle of record `handle_record` shows.
  /// Spellings count as the name levels count them: German (mueller for Müller), Indonesian
  /// before 1972 (soekarno for Sukarno), Polish gendered family names (kowalska for
  /// Kowalski), a word of a compound family name, a middle name for the given name, a
  /// nickname or diminutive (Kasia for Katarzyna) at the kNickname level.
  HandleMatch Match(const PreparedColumn& handle_column, uint32_t handle_record,
                    const PreparedColumn& name_column, uint32_t name_record) const;
  /// The parts behind Match.
  HandleNameParts Parts(const PreparedColumn& handle_column, uint32_t handle_record,
                        const PreparedColumn& name_column, uint32_t name_record) const;

 private:
  struct Token {
    uint32_t plain = 0, respelled = 0, stem = 0;  // codes in PreparedNames::forms, 0 if absent
    uint32_t groups_begin = 0, groups_end = 0;    // into groups_
    char first = 0;
    // A word of some given or family name (of the column, or of the library's lexicon).
    bool given_word = false, family_word = false;
  };
  std::vector<Token> tokens_;  // by handle form code
  std::vector<uint32_t> groups_;
};

/// Whether a handle match falls in a level of kind `kind` (kHandleFullName ...
/// kHandleGivenOnly): a level holds for its own match and for the better matches that show
/// what it asks for (a full name shows the family name: handle_family_only holds for it too),
/// so settings that leave a level out send its pairs to the next one that fits. The first
/// level that holds is the pair's.
bool HandleLevelHolds(LevelKind kind, HandleMatch match);

}  // namespace sameas

#endif  // SAMEAS_COMPARE_HANDLE_LEVELS_H_
