// The byte and code-point entry points of the edit distances; the kernels are templates in
// sameas/internal/levenshtein_impl.h.
#include "sameas/similarity/levenshtein.h"

#include "sameas/internal/levenshtein_impl.h"

namespace sameas {

size_t Levenshtein(std::string_view a, std::string_view b, size_t max_distance) noexcept {
  return internal::Levenshtein(a, b, max_distance);
}

size_t Levenshtein(std::u32string_view a, std::u32string_view b, size_t max_distance) noexcept {
  return internal::Levenshtein(a, b, max_distance);
}

double LevenshteinSimilarity(std::string_view a, std::string_view b) noexcept {
  return internal::LevenshteinSimilarity(a, b);
}

double LevenshteinSimilarity(std::u32string_view a, std::u32string_view b) noexcept {
  return internal::LevenshteinSimilarity(a, b);
}

size_t OsaDistance(std::string_view a, std::string_view b, size_t max_distance) noexcept {
  return internal::Osa(a, b, max_distance);
}

size_t OsaDistance(std::u32string_view a, std::u32string_view b, size_t max_distance) noexcept {
  return internal::Osa(a, b, max_distance);
}

}  // namespace sameas
