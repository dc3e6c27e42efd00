// Name comparison levels: see name_levels.h. Every test is on dictionary codes of
// PreparedNames, so a pair costs a few dozen integer comparisons and no string work.
#include "sameas/compare/name_levels.h"

#include <algorithm>
#include <span>

#include "internal/sorted.h"
#include "sameas/similarity/jaro_winkler.h"

namespace sameas {
namespace {

// Equal in some spelling: as folded, or one side's German or Indonesian respelling against the
// other's folded form or the same respelling.
bool SameSpelling(const NamePartCodes& a, const NamePartCodes& b) {
  if (a.plain == 0 || b.plain == 0) return false;
  if (a.plain == b.plain) return true;
  if (a.german != 0 && (a.german == b.plain || a.german == b.german)) return true;
  if (b.german != 0 && b.german == a.plain) return true;
  if (a.respelled != 0 && (a.respelled == b.plain || a.respelled == b.respelled)) return true;
  if (b.respelled != 0 && b.respelled == a.plain) return true;
  return false;
}

using internal::SortedMeet;

// Name words are few; a linear scan beats sorting them.
bool Contains(std::span<const uint32_t> words, uint32_t code) {
  return code != 0 && std::find(words.begin(), words.end(), code) != words.end();
}

bool ShareWord(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  for (uint32_t code : a) {
    if (Contains(b, code)) return true;
  }
  return false;
}

PartMatch GivenMatch(const PreparedNames& names, const NameFeatures& a, const NameFeatures& b) {
  const bool has_a = a.given.plain != 0, has_b = b.given.plain != 0;
  if (!has_a && !has_b) return PartMatch::kBothMissing;
  if (!has_a || !has_b) return PartMatch::kOneMissing;
  if (a.given_is_initial || b.given_is_initial) {
    return a.given_initial == b.given_initial ? PartMatch::kInitial : PartMatch::kDifferent;
  }
  if (a.given.diacritics == b.given.diacritics) return PartMatch::kExactWithDiacritics;
  if (SameSpelling(a.given, b.given)) return PartMatch::kExact;
  if (SortedMeet(names.given_groups(a), names.given_groups(b))) return PartMatch::kNickname;
  if (Contains(names.given_tokens(b), a.given.plain) ||
      Contains(names.given_tokens(a), b.given.plain)) {
    return PartMatch::kMiddle;
  }
  return PartMatch::kDifferent;
}

PartMatch FamilyMatch(const PreparedNames& names, const NameFeatures& a, const NameFeatures& b) {
  const bool has_a = a.family.plain != 0, has_b = b.family.plain != 0;
  if (!has_a && !has_b) return PartMatch::kBothMissing;
  if (!has_a || !has_b) return PartMatch::kOneMissing;
  if (a.family_is_initial || b.family_is_initial) {
    return a.family_initial == b.family_initial ? PartMatch::kInitial : PartMatch::kDifferent;
  }
  if (a.family.diacritics == b.family.diacritics) return PartMatch::kExactWithDiacritics;
  if (SameSpelling(a.family, b.family)) return PartMatch::kExact;
  if (a.family_stem == b.family_stem) return PartMatch::kGendered;
  if (ShareWord(names.family_tokens(a), names.family_tokens(b))) return PartMatch::kCompound;
  return PartMatch::kDifferent;
}

// The given name of `a` against the family name of `b`, for the swapped order.
bool GivenIsFamily(const PreparedNames& names, const NameFeatures& a, const NameFeatures& b) {
  return SameSpelling(a.given, b.family) || SortedMeet(names.given_groups(a), names.family_groups(b));
}

// The same with a typo: Jaro-Winkler of the folded forms at least kSwappedTypo.
constexpr double kSwappedTypo = 0.9;
bool GivenIsFamilyWithTypo(const PreparedNames& names, const NameFeatures& a,
                           const NameFeatures& b) {
  return JaroWinkler(names.form(a.given.plain), names.form(b.family.plain)) >= kSwappedTypo;
}

bool GivenAgrees(PartMatch m) {
  return m == PartMatch::kExactWithDiacritics || m == PartMatch::kExact ||
         m == PartMatch::kNickname || m == PartMatch::kMiddle;
}

bool FamilyAgrees(PartMatch m) {
  return m == PartMatch::kExactWithDiacritics || m == PartMatch::kExact ||
         m == PartMatch::kCompound;
}

}  // namespace

NameMatch MatchNames(const PreparedColumn& column, uint32_t a, uint32_t b) {
  NameMatch match;
  const PreparedNames& names = column.names;
  const NameFeatures& fa = names.of(a);
  const NameFeatures& fb = names.of(b);
  match.whole_with_diacritics = fa.whole.diacritics != 0 && fa.whole.diacritics == fb.whole.diacritics;
  match.whole_folded = match.whole_with_diacritics || SameSpelling(fa.whole, fb.whole);
  match.given = GivenMatch(names, fa, fb);
  match.family = FamilyMatch(names, fa, fb);
  const bool complete_a = fa.given.plain != 0 && fa.family.plain != 0 && !fa.given_is_initial &&
                          !fa.family_is_initial;
  const bool complete_b = fb.given.plain != 0 && fb.family.plain != 0 && !fb.given_is_initial &&
                          !fb.family_is_initial;
  if (complete_a && complete_b) {
    // Both crossed parts agree, one of them possibly with a typo ("oKvacs Anna", "Anna
    // Kovács"); the typo is looked for only when the other part agrees exactly.
    const bool ab = GivenIsFamily(names, fa, fb), ba = GivenIsFamily(names, fb, fa);
    match.swapped = (ab && ba) || (ab && GivenIsFamilyWithTypo(names, fb, fa)) ||
                    (ba && GivenIsFamilyWithTypo(names, fa, fb));
  }
  if (fa.mononym != fb.mononym) {
    const NameFeatures& lone = fa.mononym ? fa : fb;
    const NameFeatures& other = fa.mononym ? fb : fa;
    match.mononym_is_family = SameSpelling(lone.given, other.family) ||
                              Contains(names.family_tokens(other), lone.given.plain);
  }
  return match;
}

double NameJaroWinkler(const PreparedColumn& column, uint32_t a, uint32_t b) {
  const PreparedNames& names = column.names;
  const NameFeatures& fa = names.of(a);
  const NameFeatures& fb = names.of(b);
  // Each part both names have: 1 when it agrees (an initial with its name, a nickname, a
  // gendered form), 0 against a different initial, else the similarity of the folded forms.
  double lowest = 2;
  auto part = [&](PartMatch match, bool initial, const NamePartCodes& x, const NamePartCodes& y) {
    switch (match) {
      case PartMatch::kBothMissing:
      case PartMatch::kOneMissing:
        return;
      case PartMatch::kDifferent:
        lowest = std::min(lowest, initial ? 0.0 : JaroWinkler(names.form(x.plain),
                                                              names.form(y.plain)));
        return;
      default:
        lowest = std::min(lowest, 1.0);
    }
  };
  part(GivenMatch(names, fa, fb), fa.given_is_initial || fb.given_is_initial, fa.given, fb.given);
  part(FamilyMatch(names, fa, fb), fa.family_is_initial || fb.family_is_initial, fa.family,
       fb.family);
  if (lowest > 1) return JaroWinkler(column.folded(a), column.folded(b));
  return lowest;
}

bool NameLevelHolds(LevelKind kind, const NameMatch& m) {
  const PartMatch g = m.given, f = m.family;
  switch (kind) {
    case LevelKind::kExactWithDiacritics:
      return m.whole_with_diacritics;
    case LevelKind::kExact:
      return m.whole_folded;
    case LevelKind::kNickname:
      // The same name but for given-name variants and extra words; not two absent parts.
      return (GivenAgrees(g) || g == PartMatch::kBothMissing) &&
             (FamilyAgrees(f) || f == PartMatch::kBothMissing) &&
             !(g == PartMatch::kBothMissing && f == PartMatch::kBothMissing);
    case LevelKind::kGenderedFamily:
      return (GivenAgrees(g) || g == PartMatch::kBothMissing) && f == PartMatch::kGendered;
    case LevelKind::kSwappedOrder:
      return m.swapped;
    case LevelKind::kInitial:
      return (g == PartMatch::kInitial &&
              (FamilyAgrees(f) || f == PartMatch::kGendered || f == PartMatch::kBothMissing)) ||
             ((GivenAgrees(g) || g == PartMatch::kBothMissing) && f == PartMatch::kInitial);
    case LevelKind::kGivenOnly:
      return GivenAgrees(g) && f == PartMatch::kOneMissing;
    case LevelKind::kFamilyOnly:
      return ((FamilyAgrees(f) || f == PartMatch::kGendered) &&
              (g == PartMatch::kDifferent || g == PartMatch::kOneMissing)) ||
             m.mononym_is_family;
    default:
      return false;
  }
}

}  // namespace sameas
