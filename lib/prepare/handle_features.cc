// The per-handle features comparisons read: see handle_features.h.
#include "prepare/handle_features.h"

#include "sameas/prepare/text.h"

namespace sameas::internal {

HandleValue ReadHandleValue(std::string_view text, bool email, const NameLexicon& lexicon) {
  HandleValue value;
  value.email = email;
  if (email) {
    value.parsed = ParseEmail(text, lexicon);
    if (value.parsed.normalised.empty()) {
      // Not an address ("anna.nowak at wp.pl", a typo that lost the "@"): kept as folded
      // text, read as a handle, so that no value is dropped.
      value.parsed.normalised = FoldText(text);
      value.parsed.local = ParseHandle(text, lexicon);
    }
  } else {
    value.parsed.local = ParseHandle(text, lexicon);
    value.parsed.normalised = value.parsed.local.normalised;
  }
  return value;
}

HandleFeatureBuilder::HandleFeatureBuilder(bool email, PreparedHandles* out)
    : out_(out), forms_(&out->forms) {
  out_->email = email;
  // Entry 0: no value.
  out_->features.emplace_back();
}

uint32_t HandleFeatureBuilder::Build(const HandleValue& value) {
  if (value.normalised().empty()) return 0;
  const ParsedHandle& handle = value.parsed.local;
  HandleFeatures f;
  f.tokens_begin = static_cast<uint32_t>(out_->tokens.size());
  for (const std::string& token : handle.tokens) out_->tokens.push_back(Code(token));
  f.tokens_end = static_cast<uint32_t>(out_->tokens.size());
  for (char c : handle.initials) f.initials |= 1u << (c - 'a');
  f.year = static_cast<int16_t>(handle.year);
  if (value.email) {
    f.domain = Code(value.parsed.domain);
    f.free_mail = value.parsed.free_mail;
  }
  out_->features.push_back(f);
  return static_cast<uint32_t>(out_->features.size() - 1);
}

}  // namespace sameas::internal
