// Handle-to-name levels: see handle_levels.h.
#include "sameas/compare/handle_levels.h"

#include <algorithm>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "internal/sorted.h"
#include "internal/strings.h"
#include "sameas/prepare/handles.h"

namespace sameas {
namespace {

using internal::SortedMeet;

bool In(uint32_t code, std::span<const uint32_t> codes) {
  return code != 0 && std::find(codes.begin(), codes.end(), code) != codes.end();
}

// The token is this part of the name in some spelling.
bool SamePart(uint32_t plain, uint32_t respelled, const NamePartCodes& part) {
  for (uint32_t code : {plain, respelled}) {
    if (code != 0 && (code == part.plain || code == part.german || code == part.respelled)) {
      return true;
    }
  }
  return false;
}

}  // namespace

HandleNameIndex::HandleNameIndex(const PreparedHandles& handles, const PreparedNames& names) {
  absl::flat_hash_map<std::string, uint32_t> codes;
  codes.reserve(names.forms.size());
  for (size_t i = 0; i < names.forms.size(); ++i) {
    codes.emplace(std::string(names.forms.value(i)), static_cast<uint32_t>(i + 1));
  }
  auto code_of = [&](std::string_view form) -> uint32_t {
    auto it = codes.find(internal::ToAbsl(form));
    return it == codes.end() ? 0 : it->second;
  };
  const NameTables& tables = NameTables::Get();
  const NameLexicon& lexicon = NameLexicon::Get();
  // The codes of the words of the column's given names and family names.
  absl::flat_hash_set<uint32_t> data_given, data_family;
  for (size_t f = 1; f < names.features.size(); ++f) {
    for (uint32_t code : names.given_tokens(names.features[f])) data_given.insert(code);
    for (uint32_t code : names.family_tokens(names.features[f])) data_family.insert(code);
  }
  data_given.erase(0);
  data_family.erase(0);
  tokens_.resize(handles.forms.size() + 1);
  std::vector<uint32_t> groups;
  for (size_t i = 0; i < handles.forms.size(); ++i) {
    const std::string_view form = handles.forms.value(i);
    Token& token = tokens_[i + 1];
    const std::string respelled = RespellName(form);
    token.plain = code_of(form);
    token.respelled = respelled != form ? code_of(respelled) : 0;
    const std::string stem = FamilyStem(form);
    token.stem = code_of(stem);
    token.first = form.empty() ? 0 : form.front();
    // A given or family name of some record of the column, or of the library's lexicon: a
    // handle that shows it beside the name it is compared with shows another person's name.
    // Pieces under four letters are left out: segmenting words that are no names leaves short
    // name-like pieces ("sunnyrider" -> sunny, ri, der).
    const uint8_t kind = form.size() >= 4 ? lexicon.Kind(form) : 0;
    const bool long_enough = form.size() >= 4;
    token.given_word = long_enough && ((kind & NameLexicon::kGiven) != 0 ||
                                       data_given.contains(token.plain) ||
                                       data_given.contains(token.respelled));
    token.family_word = long_enough && ((kind & NameLexicon::kFamily) != 0 ||
                                        data_family.contains(token.plain) ||
                                        data_family.contains(token.stem));
    groups.clear();
    for (const std::string_view f : {form, std::string_view(respelled)}) {
      for (uint32_t g : tables.Groups(f)) groups.push_back(g);
    }
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    token.groups_begin = static_cast<uint32_t>(groups_.size());
    groups_.insert(groups_.end(), groups.begin(), groups.end());
    token.groups_end = static_cast<uint32_t>(groups_.size());
  }
}

HandleNameParts HandleNameIndex::Parts(const PreparedColumn& handle_column,
                                       uint32_t handle_record, const PreparedColumn& name_column,
                                       uint32_t name_record) const {
  const PreparedHandles& handles = handle_column.handles;
  const PreparedNames& names = name_column.names;
  const HandleFeatures& h = handles.of(handle_record);
  const NameFeatures& n = names.of(name_record);
  HandleNameParts p;
  p.has_given = n.given.plain != 0 && !n.given_is_initial;
  p.has_family = n.family.plain != 0 && !n.family_is_initial;
  p.given_is_initial = n.given_is_initial;
  p.family_is_initial = n.family_is_initial;
  p.mononym = n.mononym;
  auto initial_in_handle = [&](char c) {
    return c >= 'a' && c <= 'z' && (h.initials >> (c - 'a')) & 1;
  };
  for (uint32_t code : handles.tokens_of(h)) {
    const Token& t = tokens_[code];
    if (p.has_given) {
      if (SamePart(t.plain, t.respelled, n.given) || In(t.plain, names.given_tokens(n)) ||
          In(t.respelled, names.given_tokens(n))) {
        p.given = true;
        continue;
      }
      if (SortedMeet({groups_.data() + t.groups_begin, t.groups_end - t.groups_begin},
                     names.given_groups(n))) {
        p.nickname = true;
        continue;
      }
    }
    if (p.has_family) {
      if (SamePart(t.plain, t.respelled, n.family) || (t.stem != 0 && t.stem == n.family_stem) ||
          In(t.plain, names.family_tokens(n)) || In(t.stem, names.family_tokens(n))) {
        p.family = true;
        continue;
      }
    }
    // A name written with initials ("Kasia N.") against a handle's whole word ("nowak").
    if (n.family_is_initial && t.first == n.family_initial) {
      p.family_initial = true;
      continue;
    }
    if (n.given_is_initial && t.first == n.given_initial) {
      p.given_initial = true;
      continue;
    }
    p.other_given |= t.given_word;
    p.other_family |= t.family_word;
  }
  if (n.given_initial != 0 && initial_in_handle(n.given_initial)) p.given_initial = true;
  if (n.family_initial != 0 && initial_in_handle(n.family_initial)) p.family_initial = true;
  return p;
}

HandleMatch HandleNameIndex::Match(const PreparedColumn& handle_column, uint32_t handle_record,
                                   const PreparedColumn& name_column, uint32_t name_record) const {
  return Classify(Parts(handle_column, handle_record, name_column, name_record));
}

HandleMatch Classify(const HandleNameParts& p) {
  // A name of one word ("Banawi", or a display name "Lucy ✨") in the handle is one word of a
  // name: the evidence of a given name alone, whatever else the handle holds (banawi_medan).
  if (p.mononym) return p.given || p.nickname ? HandleMatch::kGivenOnly : HandleMatch::kNone;
  // The handle names someone else where this name has a part it does not show: another family
  // name (monia.kowalczyk for Monika Makurat), another given name (adam_kowalski for Jan
  // Kowalski, a relative).
  if ((p.other_family && (p.has_family || p.family_is_initial) && !p.family &&
       !p.family_initial) ||
      (p.other_given && (p.has_given || p.given_is_initial) && !p.given && !p.nickname &&
       !p.given_initial)) {
    return HandleMatch::kOtherName;
  }
  if (p.given && p.family) return HandleMatch::kFullName;
  if (p.nickname && p.family) return HandleMatch::kNickname;
  if ((p.given || p.nickname) && p.family_initial) return HandleMatch::kGivenFamilyInitial;
  if (p.given_initial && p.family) return HandleMatch::kInitialFamily;
  if (p.family) return HandleMatch::kFamilyOnly;
  if (p.given || p.nickname) return HandleMatch::kGivenOnly;
  return HandleMatch::kNone;
}

std::optional<HandleMatch> NovelMatch(const HandleNameParts& other, const HandleNameParts& own) {
  const HandleMatch whole = Classify(other);
  // Nothing of the other's name: the name comparison sees that the names differ.
  if (whole == HandleMatch::kNone) return std::nullopt;
  if (whole == HandleMatch::kOtherName) {
    // Another person's name, which the record's own name may show already (the name
    // comparison sees the difference then).
    const bool family_conflict = other.other_family &&
                                 (other.has_family || other.family_is_initial) &&
                                 !other.family && !other.family_initial;
    const bool given_conflict = other.other_given && (other.has_given || other.given_is_initial) &&
                                !other.given && !other.nickname && !other.given_initial;
    const bool seen = (!family_conflict || own.family || own.family_initial) &&
                      (!given_conflict || own.given || own.nickname || own.given_initial);
    if (seen) return std::nullopt;
    return whole;
  }
  HandleNameParts novel = other;
  novel.other_given = novel.other_family = false;
  if (own.given || own.nickname) novel.given = novel.nickname = false;
  if (own.family) novel.family = novel.family_initial = false;
  if (own.family_initial) novel.family_initial = false;
  if (own.given_initial) novel.given_initial = false;
  // A one-word name against the handle: its word, unless the record's own name shows it.
  if (novel.mononym && !novel.given && !novel.nickname) return std::nullopt;
  const HandleMatch match = Classify(novel);
  if (match == HandleMatch::kNone) return std::nullopt;
  return match;
}

bool HandleLevelHolds(LevelKind kind, HandleMatch m) {
  using M = HandleMatch;
  switch (kind) {
    case LevelKind::kHandleFullName:
      return m == M::kFullName;
    case LevelKind::kHandleNickname:
      return m == M::kFullName || m == M::kNickname;
    case LevelKind::kHandleGivenFamilyInitial:
      return m == M::kFullName || m == M::kNickname || m == M::kGivenFamilyInitial;
    case LevelKind::kHandleInitialFamily:
      return m == M::kFullName || m == M::kInitialFamily;
    case LevelKind::kHandleFamilyOnly:
      return m == M::kFullName || m == M::kNickname || m == M::kInitialFamily ||
             m == M::kFamilyOnly;
    case LevelKind::kHandleGivenOnly:
      return m == M::kFullName || m == M::kNickname || m == M::kGivenFamilyInitial ||
             m == M::kGivenOnly;
    default:
      return false;
  }
}

}  // namespace sameas
