// Builds the PreparedHandles of a handle or email column in prepare: each distinct raw value
// is parsed once (ParseHandle, ParseEmail) and its tokens and domain dictionary-coded, so that
// the handle levels compare integers.
#ifndef SAMEAS_LIB_PREPARE_HANDLE_FEATURES_H_
#define SAMEAS_LIB_PREPARE_HANDLE_FEATURES_H_

#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "prepare/form_codes.h"
#include "sameas/prepare/handles.h"

namespace sameas::internal {

class HandleFeatureBuilder {
 public:
  /// `email`: the column holds email addresses, else handles. `lexicon` must outlive the
  /// builder.
  HandleFeatureBuilder(bool email, const NameLexicon& lexicon, PreparedHandles* out);

  /// Parses the value of the next record; returns its normalised form ("kasianowak84",
  /// "katarzynanowak@gmail.com"), empty when nothing is left of it.
  const std::string& Add(std::string_view text);
  /// A record without a value.
  void AddNull() { out_->index.push_back(0); }

 private:
  uint32_t Code(const std::string& form) { return forms_.Code(form); }
  uint32_t Build(const ParsedHandle& handle, const ParsedEmail* email);

  PreparedHandles* out_;
  const NameLexicon& lexicon_;
  absl::flat_hash_map<std::string, uint32_t> raw_index_;
  FormCodes forms_;
  // Per features entry: the normalised value.
  std::vector<std::string> normalised_;
};

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_PREPARE_HANDLE_FEATURES_H_
