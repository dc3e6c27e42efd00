// How the tokens of a handle (or an email's local part) relate to a parsed name, and which
// handle level (LevelKind kHandleFullName ... kHandleGivenOnly) each relation satisfies. The
// tokens of the handle column are looked up in the name column's dictionaries once, when the
// Comparer is made (HandleNameIndex); a pair then costs integer comparisons only.
#ifndef SAMEAS_COMPARE_HANDLE_LEVELS_H_
#define SAMEAS_COMPARE_HANDLE_LEVELS_H_

#include <cstdint>
#include <span>
#include <vector>

#include "sameas/prepare/prepared_table.h"
#include "sameas/settings/settings.h"

namespace sameas {

/// What of a name a handle shows, best first.
enum class HandleMatch : uint8_t {
  kFullName,            // jan.kowalski, kowalskajan, nagyedit; a mononym's word (banawi944)
  kNickname,            // kasia_nowak for Katarzyna Nowak
  kGivenFamilyInitial,  // kasia.n, annak
  kInitialFamily,       // jkowalski, kowalski_j
  kFamilyOnly,          // nowak84
  kGivenOnly,           // kasia1984, kasia_warsaw
  kNone,
};

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

 private:
  struct Token {
    uint32_t plain = 0, respelled = 0, stem = 0;  // codes in PreparedNames::forms, 0 if absent
    uint32_t groups_begin = 0, groups_end = 0;    // into groups_
    char first = 0;
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
