// Builds the PreparedNames of a name column in prepare: each distinct raw name is parsed once,
// and its forms (folded, German, respelled, with diacritics, family stem) are dictionary-coded
// so that comparisons compare integers.
#ifndef SAMEAS_LIB_PREPARE_NAME_FEATURES_H_
#define SAMEAS_LIB_PREPARE_NAME_FEATURES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

  /// Adds the features of a distinct parsed name and returns their entry (0 for an empty name,
  /// which adds nothing). Names are parsed on any thread (ParseName); they are added one at a
  /// time, in the order the records first hold them, so that the codes of their forms are the
  /// same whatever the thread count.
  uint32_t Build(const ParsedName& name);

 private:
  uint32_t Code(const std::string& form) { return forms_.Code(form); }
  NamePartCodes PartCodes(const std::vector<NameToken>& tokens, size_t begin, size_t end);

  PreparedNames* out_;
  FormCodes forms_;
  // The name being built shows the Indonesian spelling of before 1972 in some word.
  bool old_spelling_ = false;
};

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_PREPARE_NAME_FEATURES_H_
