// UTF-8 checks shared by the library: find the first ill-formed byte sequence of a whole file in
// one pass (ASCII eight bytes at a time), and show a value with its bad bytes escaped in messages.
// The public `IsValidUtf8` (sameas/prepare/text.h) is this check.
#ifndef SAMEAS_LIB_INTERNAL_UTF8_H_
#define SAMEAS_LIB_INTERNAL_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace sameas::internal {

/// Length of the well-formed UTF-8 sequence that starts `text` (1 to 4), or 0 when `text` is
/// empty or does not start with one. Well-formed as in Unicode 15, Table 3-7: no overlong
/// forms, no surrogates, nothing above U+10FFFF.
size_t Utf8SequenceLength(std::string_view text) noexcept;

/// Byte offset of the first ill-formed sequence in `text`, or std::string_view::npos when all
/// of it is well-formed UTF-8. O(n); ASCII runs go eight bytes per step.
size_t FindInvalidUtf8(std::string_view text) noexcept;

/// `text` for an error message: well-formed non-ASCII characters as they are, each byte of an
/// ill-formed sequence and each control character as \xNN (\n, \r and \t by name).
/// Example: "J\xE9r\xF4me\n" -> `J\xE9r\xF4me\n` spelled with backslashes.
std::string EscapeForMessage(std::string_view text);

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_INTERNAL_UTF8_H_
