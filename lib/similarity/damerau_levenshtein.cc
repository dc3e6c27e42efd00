// The byte and code-point entry points of the Damerau-Levenshtein distance; the kernel is a
// template in sameas/internal/damerau_levenshtein_impl.h.
#include "sameas/similarity/damerau_levenshtein.h"

#include "sameas/internal/damerau_levenshtein_impl.h"

namespace sameas {

size_t DamerauLevenshtein(std::string_view a, std::string_view b, size_t max_distance) noexcept {
  return internal::DamerauLevenshtein(a, b, max_distance);
}

size_t DamerauLevenshtein(std::u32string_view a, std::u32string_view b,
                          size_t max_distance) noexcept {
  return internal::DamerauLevenshtein(a, b, max_distance);
}

}  // namespace sameas
