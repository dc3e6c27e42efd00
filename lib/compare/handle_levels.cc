// Handle-to-name levels: see handle_levels.h.
#include "sameas/compare/handle_levels.h"

#include <algorithm>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "internal/sorted.h"
#include "internal/strings.h"

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

HandleMatch HandleNameIndex::Match(const PreparedColumn& handle_column, uint32_t handle_record,
                                   const PreparedColumn& name_column, uint32_t name_record) const {
  const PreparedHandles& handles = handle_column.handles;
  const PreparedNames& names = name_column.names;
  const HandleFeatures& h = handles.of(handle_record);
  const NameFeatures& n = names.of(name_record);
  const bool has_given = n.given.plain != 0 && !n.given_is_initial;
  const bool has_family = n.family.plain != 0 && !n.family_is_initial;
  bool given = false, nickname = false, family = false;
  bool given_initial = false, family_initial = false;
  auto initial_in_handle = [&](char c) {
    return c >= 'a' && c <= 'z' && (h.initials >> (c - 'a')) & 1;
  };
  for (uint32_t code : handles.tokens_of(h)) {
    const Token& t = tokens_[code];
    if (has_given) {
      if (SamePart(t.plain, t.respelled, n.given) || In(t.plain, names.given_tokens(n)) ||
          In(t.respelled, names.given_tokens(n))) {
        given = true;
        continue;
      }
      if (SortedMeet({groups_.data() + t.groups_begin, t.groups_end - t.groups_begin},
                     names.given_groups(n))) {
        nickname = true;
        continue;
      }
    }
    if (has_family) {
      if (SamePart(t.plain, t.respelled, n.family) || (t.stem != 0 && t.stem == n.family_stem) ||
          In(t.plain, names.family_tokens(n)) || In(t.stem, names.family_tokens(n))) {
        family = true;
        continue;
      }
    }
    // A name written with initials ("Kasia N.") against a handle's whole word ("nowak").
    if (n.family_is_initial && t.first == n.family_initial) family_initial = true;
    if (n.given_is_initial && t.first == n.given_initial) given_initial = true;
  }
  if (n.given_initial != 0 && initial_in_handle(n.given_initial)) given_initial = true;
  if (n.family_initial != 0 && initial_in_handle(n.family_initial)) family_initial = true;
  if (n.mononym) {
    if (given) return HandleMatch::kFullName;
    if (nickname) return HandleMatch::kNickname;
    return HandleMatch::kNone;
  }
  if (given && family) return HandleMatch::kFullName;
  if (nickname && family) return HandleMatch::kNickname;
  if ((given || nickname) && family_initial) return HandleMatch::kGivenFamilyInitial;
  if (given_initial && family) return HandleMatch::kInitialFamily;
  if (family) return HandleMatch::kFamilyOnly;
  if (given || nickname) return HandleMatch::kGivenOnly;
  return HandleMatch::kNone;
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
