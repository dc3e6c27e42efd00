// UTF-8 to code points for the kernels: the metrics count characters, not bytes (ł, ő, ß and
// 李 are one character each), and take the byte path only when a string is ASCII.
#ifndef SAMEAS_SIMILARITY_CODE_POINTS_H_
#define SAMEAS_SIMILARITY_CODE_POINTS_H_

#include <string>
#include <string_view>

namespace sameas {

/// True when every byte is below 0x80.
bool IsAscii(std::string_view text) noexcept;

/// Decodes well-formed UTF-8 into `out` (cleared first). A malformed byte becomes U+FFFD.
void DecodeUtf8(std::string_view text, std::u32string* out);

/// Calls `fn(a, b)` with both strings as bytes when both are ASCII, else as code points
/// decoded into the two scratch buffers.
template <typename Fn>
auto WithCodePoints(std::string_view a, std::string_view b, std::u32string* scratch_a,
                    std::u32string* scratch_b, Fn&& fn) {
  if (IsAscii(a) && IsAscii(b)) return fn(a, b);
  DecodeUtf8(a, scratch_a);
  DecodeUtf8(b, scratch_b);
  return fn(std::u32string_view(*scratch_a), std::u32string_view(*scratch_b));
}

}  // namespace sameas

#endif  // SAMEAS_SIMILARITY_CODE_POINTS_H_
