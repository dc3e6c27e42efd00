// The per-name features comparisons read: see name_features.h.
#include "prepare/name_features.h"

#include <algorithm>

#include "internal/strings.h"

namespace sameas::internal {
namespace {

template <typename F>
std::string JoinForms(const std::vector<NameToken>& tokens, size_t begin, size_t end, F form) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (!out.empty()) out.push_back(' ');
    out.append(form(tokens[i]));
  }
  return out;
}

}  // namespace

NameFeatureBuilder::NameFeatureBuilder(NameField field, PreparedNames* out)
    : out_(out), forms_(&out->forms) {
  out_->field = field;
  // Entry 0: no name.
  out_->features.emplace_back();
}

NamePartCodes NameFeatureBuilder::PartCodes(const std::vector<NameToken>& tokens, size_t begin,
                                            size_t end) {
  NamePartCodes codes;
  if (begin >= end) return codes;
  const std::string plain = JoinForms(tokens, begin, end, [](const NameToken& t) { return t.folded; });
  const std::string german = JoinForms(
      tokens, begin, end, [](const NameToken& t) { return t.german.empty() ? t.folded : t.german; });
  const std::string respelled = JoinForms(
      tokens, begin, end, [&](const NameToken& t) { return RespellName(t.folded, old_spelling_); });
  codes.plain = Code(plain);
  if (german != plain) codes.german = Code(german);
  if (respelled != plain) codes.respelled = Code(respelled);
  codes.diacritics =
      Code(JoinForms(tokens, begin, end, [](const NameToken& t) { return t.diacritics; }));
  return codes;
}

uint32_t NameFeatureBuilder::Build(const ParsedName& name) {
  if (name.empty()) return 0;
  const NameTables& tables = NameTables::Get();
  NameFeatures f;
  std::vector<NameToken> all = name.given;
  all.insert(all.end(), name.family.begin(), name.family.end());
  // One word in the old Indonesian spelling puts the whole name in it.
  old_spelling_ = false;
  for (const NameToken& token : all) old_spelling_ |= ShowsOldSpelling(token.folded);
  f.whole = PartCodes(all, 0, all.size());

  if (!name.given.empty()) {
    const NameToken& given = name.given.front();
    f.given = PartCodes(name.given, 0, 1);
    f.given_initial = given.folded.front();
    f.given_is_initial = given.initial;
    // Groups of the name as written and as respelled ("moh" is muhammad's).
    std::vector<uint32_t> groups;
    if (!given.initial) {
      for (const std::string& form : {given.folded, RespellName(given.folded, old_spelling_)}) {
        for (uint32_t g : tables.Groups(form)) groups.push_back(g);
      }
    }
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
    f.given_groups_begin = static_cast<uint32_t>(out_->groups.size());
    out_->groups.insert(out_->groups.end(), groups.begin(), groups.end());
    f.given_groups_end = static_cast<uint32_t>(out_->groups.size());
    f.given_tokens_begin = static_cast<uint32_t>(out_->tokens.size());
    for (const NameToken& token : name.given) {
      if (!token.initial) out_->tokens.push_back(Code(token.folded));
    }
    f.given_tokens_end = static_cast<uint32_t>(out_->tokens.size());
  }

  if (!name.family.empty()) {
    f.family = PartCodes(name.family, 0, name.family.size());
    f.family_stem = Code(JoinForms(name.family, 0, name.family.size(), [](const NameToken& t) {
      return FamilyStem(t.folded, t.diacritics);
    }));
    const NameToken* first = &name.family.front();
    size_t words = 0;
    bool all_initials = true;
    for (const NameToken& token : name.family) {
      if (token.particle) continue;
      if (words++ == 0) first = &token;
      all_initials &= token.initial;
    }
    f.family_initial = first->folded.front();
    f.family_is_initial = all_initials;
    f.family_tokens_begin = static_cast<uint32_t>(out_->tokens.size());
    for (const NameToken& token : name.family) {
      if (token.particle || token.initial) continue;
      const uint32_t plain = Code(token.folded);
      const uint32_t stem = Code(FamilyStem(token.folded, token.diacritics));
      out_->tokens.push_back(plain);
      if (stem != plain) out_->tokens.push_back(stem);
    }
    f.family_tokens_end = static_cast<uint32_t>(out_->tokens.size());
    f.family_groups_begin = f.family_groups_end = static_cast<uint32_t>(out_->groups.size());
    if (words == 1 && !first->initial) {
      for (uint32_t g : tables.Groups(first->folded)) out_->groups.push_back(g);
      f.family_groups_end = static_cast<uint32_t>(out_->groups.size());
    }
  }
  f.mononym = name.mononym;
  f.family_first = name.family_first;

  out_->features.push_back(f);
  return static_cast<uint32_t>(out_->features.size() - 1);
}

}  // namespace sameas::internal

namespace sameas {

NameTraits DescribeNames(const PreparedNames& names) {
  NameTraits traits;
  for (size_t i = 1; i < names.features.size(); ++i) {
    const NameFeatures& f = names.features[i];
    traits.diacritics |= names.form(f.whole.diacritics) != names.form(f.whole.plain);
    traits.gendered |= f.family_stem != 0 && f.family_stem != f.family.plain;
  }
  return traits;
}

std::vector<std::string> NameKeys(const PreparedNames& names, NameKey key) {
  std::vector<std::string> keys(names.features.size());
  if (names.empty()) return keys;
  // Records per group, for the canonical given name: a nickname goes to the group most of the
  // column's names belong to.
  std::vector<uint64_t> group_records;
  if (key == NameKey::kCanonicalGiven) {
    std::vector<uint64_t> records(names.features.size(), 0);
    for (uint32_t index : names.index) ++records[index];
    for (size_t i = 1; i < names.features.size(); ++i) {
      for (uint32_t g : names.given_groups(names.features[i])) {
        if (g >= group_records.size()) group_records.resize(g + 1, 0);
        group_records[g] += records[i];
      }
    }
  }
  const NameTables& tables = NameTables::Get();
  for (size_t i = 1; i < names.features.size(); ++i) {
    const NameFeatures& f = names.features[i];
    switch (key) {
      case NameKey::kCanonicalGiven: {
        if (f.given.plain == 0 || f.given_is_initial) break;
        uint32_t best = 0;
        for (uint32_t g : names.given_groups(f)) {
          if (best == 0 || group_records[g] > group_records[best]) best = g;
        }
        keys[i] = best != 0 ? std::string(tables.GroupName(best))
                            : std::string(names.form(f.given.respelled != 0 ? f.given.respelled
                                                                            : f.given.plain));
        break;
      }
      case NameKey::kFamilyStem:
        if (f.mononym && f.given.plain != 0) {
          keys[i] = FamilyStem(names.form(f.given.plain));
        } else if (f.family_stem != 0 && !f.family_is_initial) {
          keys[i] = std::string(names.form(f.family_stem));
        }
        break;
      case NameKey::kInitials:
        if (f.given_initial != 0 && f.family_initial != 0) {
          keys[i] = std::string{f.given_initial, f.family_initial};
        }
        break;
    }
  }
  return keys;
}

}  // namespace sameas
