// Dictionary codes of the text forms a feature builder meets: each distinct form appended once
// to a StringColumn, its code its 1-based position there (0: no form), so that comparisons of
// names and handles compare integers.
#ifndef SAMEAS_LIB_PREPARE_FORM_CODES_H_
#define SAMEAS_LIB_PREPARE_FORM_CODES_H_

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "sameas/io/table.h"

namespace sameas::internal {

class FormCodes {
 public:
  /// `forms` must outlive this and is only appended to through it.
  explicit FormCodes(StringColumn* forms) : forms_(forms) {}

  uint32_t Code(const std::string& form) {
    if (form.empty()) return 0;
    auto [it, inserted] = codes_.try_emplace(form, 0);
    if (inserted) {
      forms_->Append(form);
      it->second = static_cast<uint32_t>(forms_->size());
    }
    return it->second;
  }

 private:
  StringColumn* forms_;
  absl::flat_hash_map<std::string, uint32_t> codes_;
};

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_PREPARE_FORM_CODES_H_
