// The byte and code-point entry points of the Indel distance; the kernels are templates in
// sameas/internal/indel_impl.h.
#include "sameas/similarity/indel.h"

#include "sameas/internal/indel_impl.h"

namespace sameas {

size_t Indel(std::string_view a, std::string_view b, size_t max_distance) noexcept {
  return internal::Indel(a, b, max_distance);
}

size_t Indel(std::u32string_view a, std::u32string_view b, size_t max_distance) noexcept {
  return internal::Indel(a, b, max_distance);
}

double IndelSimilarity(std::string_view a, std::string_view b) noexcept {
  return internal::IndelSimilarity(a, b);
}

double IndelSimilarity(std::u32string_view a, std::u32string_view b) noexcept {
  return internal::IndelSimilarity(a, b);
}

}  // namespace sameas
