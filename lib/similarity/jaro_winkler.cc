// The byte and code-point entry points of Jaro and Jaro-Winkler; the kernels are templates in
// sameas/internal/jaro_impl.h.
#include "sameas/similarity/jaro_winkler.h"

#include "sameas/internal/jaro_impl.h"

namespace sameas {

double Jaro(std::string_view a, std::string_view b) noexcept { return internal::Jaro(a, b); }

double Jaro(std::u32string_view a, std::u32string_view b) noexcept { return internal::Jaro(a, b); }

double JaroWinkler(std::string_view a, std::string_view b, double prefix_weight,
                   double boost_threshold) noexcept {
  return internal::JaroWinkler(a, b, prefix_weight, boost_threshold);
}

double JaroWinkler(std::u32string_view a, std::u32string_view b, double prefix_weight,
                   double boost_threshold) noexcept {
  return internal::JaroWinkler(a, b, prefix_weight, boost_threshold);
}

}  // namespace sameas
