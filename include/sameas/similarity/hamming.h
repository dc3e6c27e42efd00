// Hamming distance: the positions at which two strings differ. For codes and identifiers of
// fixed width (postcodes, phone digits, dates) where a shift is a different value, not an edit.
#ifndef SAMEAS_SIMILARITY_HAMMING_H_
#define SAMEAS_SIMILARITY_HAMMING_H_

#include <cstddef>
#include <string_view>

namespace sameas {

/// The number of positions whose characters differ. Hamming 1950, "Error detecting and error
/// correcting codes". Strings of unequal lengths are compared position by position over the
/// shorter length, and every character of the longer one's tail counts as a mismatch:
/// Hamming("abc", "abcde") is 2 and Hamming("abc", "xbcde") is 3. This is rapidfuzz's
/// Hamming.distance with its default pad=True. O(max(len)); bytes eight at a time.
size_t Hamming(std::string_view a, std::string_view b) noexcept;
size_t Hamming(std::u32string_view a, std::u32string_view b) noexcept;

}  // namespace sameas

#endif  // SAMEAS_SIMILARITY_HAMMING_H_
