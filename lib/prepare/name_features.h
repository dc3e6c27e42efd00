// Builds the PreparedNames of a name column in prepare: each distinct raw name is parsed once,
// and its forms (folded, German, respelled, with diacritics, family stem) are dictionary-coded
// so that comparisons compare integers.
#ifndef SAMEAS_LIB_PREPARE_NAME_FEATURES_H_
#define SAMEAS_LIB_PREPARE_NAME_FEATURES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "prepare/form_codes.h"
#include "sameas/prepare/names.h"
#include "sameas/settings/settings.h"

namespace sameas::internal {

inline NameField NameFieldOf(ColumnRole role) {
  return role == ColumnRole::kGivenName    ? NameField::kGiven
         : role == ColumnRole::kFamilyName ? NameField::kFamily
                                           : NameField::kFull;
}

class NameFeatureBuilder {
 public:
  NameFeatureBuilder(NameField field, PreparedNames* out);

  /// Parses the name of the next record, held in one field; returns its folded form
  /// ("katarzyna nowak"), empty when no name is left.
  const std::string& Add(std::string_view text);
  /// The same for a name held in two fields, given and family.
  const std::string& AddParts(std::string_view given, std::string_view family);
  /// A record without a name.
  void AddNull() { out_->index.push_back(0); }

 private:
  const std::string& Record(uint32_t index) {
    out_->index.push_back(index);
    return folded_[index];
  }
  uint32_t Build(const ParsedName& name);
  uint32_t Code(const std::string& form) { return forms_.Code(form); }
  NamePartCodes PartCodes(const std::vector<NameToken>& tokens, size_t begin, size_t end);

  PreparedNames* out_;
  absl::flat_hash_map<std::string, uint32_t> raw_index_;
  FormCodes forms_;
  // Per features entry: the folded whole name.
  std::vector<std::string> folded_;
  // The name being built shows the Indonesian spelling of before 1972 in some word.
  bool old_spelling_ = false;
};

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_PREPARE_NAME_FEATURES_H_
