// The byte and code-point entry points of the token ratios; the kernels are templates in
// sameas/internal/token_impl.h.
#include "sameas/similarity/token_ratio.h"

#include "sameas/internal/token_impl.h"

namespace sameas {

double TokenSortRatio(std::string_view a, std::string_view b) noexcept {
  return internal::TokenSortRatio(a, b);
}

double TokenSortRatio(std::u32string_view a, std::u32string_view b) noexcept {
  return internal::TokenSortRatio(a, b);
}

double TokenSetRatio(std::string_view a, std::string_view b) noexcept {
  return internal::TokenSetRatio(a, b);
}

double TokenSetRatio(std::u32string_view a, std::u32string_view b) noexcept {
  return internal::TokenSetRatio(a, b);
}

}  // namespace sameas
