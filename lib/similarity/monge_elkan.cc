// The byte and code-point entry points of Monge-Elkan; the kernel is a template in
// sameas/internal/monge_elkan_impl.h.
#include "sameas/similarity/monge_elkan.h"

#include "sameas/internal/monge_elkan_impl.h"

namespace sameas {

double MongeElkan(std::string_view a, std::string_view b,
                  const MongeElkanOptions& options) noexcept {
  return internal::MongeElkan(a, b, options.inner, options.symmetric);
}

double MongeElkan(std::u32string_view a, std::u32string_view b,
                  const MongeElkanOptions& options) noexcept {
  return internal::MongeElkan(a, b, options.inner, options.symmetric);
}

}  // namespace sameas
