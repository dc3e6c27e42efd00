// Templates behind sameas/similarity/hamming.h, over the character type: `char` for bytes,
// eight at a time, and `char32_t` for code points.
#ifndef SAMEAS_INTERNAL_HAMMING_IMPL_H_
#define SAMEAS_INTERNAL_HAMMING_IMPL_H_

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace sameas::internal {

/// The number of positions below min(|a|, |b|) whose characters differ.
template <typename CharT>
size_t MismatchesInCommonLength(std::basic_string_view<CharT> a,
                                std::basic_string_view<CharT> b) noexcept {
  const size_t n = std::min(a.size(), b.size());
  size_t mismatches = 0;
  for (size_t i = 0; i < n; ++i) mismatches += a[i] != b[i];
  return mismatches;
}

/// Bytes, a word at a time: in x = a ^ b a byte is zero where the strings agree. Adding 0x7f
/// to the low seven bits of each byte sets its high bit when any of those bits is set, and
/// or-ing in x adds the byte's own high bit; so the high bit ends up set exactly in the
/// bytes that differ, with no carry between bytes.
template <>
inline size_t MismatchesInCommonLength<char>(std::string_view a, std::string_view b) noexcept {
  constexpr uint64_t kLow7 = 0x7f7f7f7f7f7f7f7full;
  const size_t n = std::min(a.size(), b.size());
  size_t mismatches = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t wa, wb;
    std::memcpy(&wa, a.data() + i, 8);
    std::memcpy(&wb, b.data() + i, 8);
    const uint64_t x = wa ^ wb;
    const uint64_t differs = (((x & kLow7) + kLow7) | x) & ~kLow7;
    mismatches += static_cast<size_t>(std::popcount(differs));
  }
  for (; i < n; ++i) mismatches += a[i] != b[i];
  return mismatches;
}

/// Hamming distance with the longer string's tail counted as mismatches.
template <typename CharT>
size_t Hamming(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) noexcept {
  const size_t tail = std::max(a.size(), b.size()) - std::min(a.size(), b.size());
  return MismatchesInCommonLength(a, b) + tail;
}

}  // namespace sameas::internal

#endif  // SAMEAS_INTERNAL_HAMMING_IMPL_H_
