// The byte and code-point entry points of the q-gram similarities; the kernel is a template in
// sameas/internal/qgram_impl.h.
#include "sameas/similarity/qgram.h"

#include "sameas/internal/qgram_impl.h"

namespace sameas {

using internal::QGramMeasure;

double QGramJaccard(std::string_view a, std::string_view b, const QGramOptions& options) noexcept {
  return internal::QGramSimilarity(a, b, options.q, options.padded, QGramMeasure::kJaccard);
}

double QGramJaccard(std::u32string_view a, std::u32string_view b,
                    const QGramOptions& options) noexcept {
  return internal::QGramSimilarity(a, b, options.q, options.padded, QGramMeasure::kJaccard);
}

double QGramDice(std::string_view a, std::string_view b, const QGramOptions& options) noexcept {
  return internal::QGramSimilarity(a, b, options.q, options.padded, QGramMeasure::kDice);
}

double QGramDice(std::u32string_view a, std::u32string_view b,
                 const QGramOptions& options) noexcept {
  return internal::QGramSimilarity(a, b, options.q, options.padded, QGramMeasure::kDice);
}

double QGramCosine(std::string_view a, std::string_view b, const QGramOptions& options) noexcept {
  return internal::QGramSimilarity(a, b, options.q, options.padded, QGramMeasure::kCosine);
}

double QGramCosine(std::u32string_view a, std::u32string_view b,
                   const QGramOptions& options) noexcept {
  return internal::QGramSimilarity(a, b, options.q, options.padded, QGramMeasure::kCosine);
}

}  // namespace sameas
