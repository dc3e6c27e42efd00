// The byte and code-point entry points of the Hamming distance; the kernels are templates in
// sameas/internal/hamming_impl.h.
#include "sameas/similarity/hamming.h"

#include "sameas/internal/hamming_impl.h"

namespace sameas {

size_t Hamming(std::string_view a, std::string_view b) noexcept { return internal::Hamming(a, b); }

size_t Hamming(std::u32string_view a, std::u32string_view b) noexcept {
  return internal::Hamming(a, b);
}

}  // namespace sameas
