// Builds the PreparedHandles of a handle or email column in prepare: each distinct raw value
// is read once (ReadHandleValue, on any thread) and its tokens and domain dictionary-coded
// (HandleFeatureBuilder, in the order the records first hold the values), so that the handle
// levels compare integers.
#ifndef SAMEAS_LIB_PREPARE_HANDLE_FEATURES_H_
#define SAMEAS_LIB_PREPARE_HANDLE_FEATURES_H_

#include <string>
#include <string_view>

#include "prepare/form_codes.h"
#include "sameas/prepare/handles.h"

namespace sameas::internal {

/// A handle or an email address as read. For a handle, `parsed.local` is the handle and
/// `parsed.normalised` its normalised form; for an address, what ParseEmail gives.
struct HandleValue {
  ParsedEmail parsed;
  bool email = false;

  /// The normalised form the dictionary codes ("kasianowak84", "katarzynanowak@gmail.com");
  /// empty when nothing is left of the value.
  const std::string& normalised() const { return parsed.normalised; }
};

/// Reads `text` as an email address (`email`) or a handle.
HandleValue ReadHandleValue(std::string_view text, bool email, const NameLexicon& lexicon);

class HandleFeatureBuilder {
 public:
  /// `email`: the column holds email addresses, else handles.
  HandleFeatureBuilder(bool email, PreparedHandles* out);

  /// Adds the features of a distinct value and returns their entry (0 when nothing is left of
  /// it, which adds nothing).
  uint32_t Build(const HandleValue& value);

 private:
  uint32_t Code(const std::string& form) { return forms_.Code(form); }

  PreparedHandles* out_;
  FormCodes forms_;
};

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_PREPARE_HANDLE_FEATURES_H_
