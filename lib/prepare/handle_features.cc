// The per-handle features comparisons read: see handle_features.h.
#include "prepare/handle_features.h"

#include "internal/strings.h"
#include "sameas/prepare/text.h"

namespace sameas::internal {

HandleFeatureBuilder::HandleFeatureBuilder(bool email, const NameLexicon& lexicon,
                                           PreparedHandles* out)
    : out_(out), lexicon_(lexicon), forms_(&out->forms) {
  out_->email = email;
  // Entry 0: no value.
  out_->features.emplace_back();
  normalised_.emplace_back();
}

const std::string& HandleFeatureBuilder::Add(std::string_view text) {
  auto it = raw_index_.find(ToAbsl(text));
  uint32_t index = 0;
  if (it != raw_index_.end()) {
    index = it->second;
  } else {
    if (out_->email) {
      ParsedEmail email = ParseEmail(text, lexicon_);
      if (email.normalised.empty()) {
        // Not an address ("anna.nowak at wp.pl", a typo that lost the "@"): kept as folded
        // text, read as a handle, so that no value is dropped.
        email.normalised = FoldText(text);
        email.local = ParseHandle(text, lexicon_);
      }
      index = email.normalised.empty() ? 0 : Build(email.local, &email);
    } else {
      ParsedHandle handle = ParseHandle(text, lexicon_);
      index = handle.empty() ? 0 : Build(handle, nullptr);
    }
    raw_index_.emplace(std::string(text), index);
  }
  out_->index.push_back(index);
  return normalised_[index];
}

uint32_t HandleFeatureBuilder::Build(const ParsedHandle& handle, const ParsedEmail* email) {
  HandleFeatures f;
  f.tokens_begin = static_cast<uint32_t>(out_->tokens.size());
  for (const std::string& token : handle.tokens) out_->tokens.push_back(Code(token));
  f.tokens_end = static_cast<uint32_t>(out_->tokens.size());
  for (char c : handle.initials) f.initials |= 1u << (c - 'a');
  f.year = static_cast<int16_t>(handle.year);
  if (email != nullptr) {
    f.domain = Code(email->domain);
    f.free_mail = email->free_mail;
  }
  out_->features.push_back(f);
  normalised_.push_back(email != nullptr ? email->normalised : handle.normalised);
  return static_cast<uint32_t>(out_->features.size() - 1);
}

}  // namespace sameas::internal
