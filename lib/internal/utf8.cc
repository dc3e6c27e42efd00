#include "internal/utf8.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace sameas::internal {
namespace {

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

void AppendHexEscape(unsigned char c, std::string* out) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  out->append({'\\', 'x', kDigits[c >> 4], kDigits[c & 0xF]});
}

}  // namespace

size_t Utf8SequenceLength(std::string_view text) noexcept {
  if (text.empty()) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const unsigned char c = p[0];
  if (c < 0x80) return 1;
  // The second byte's range depends on the lead byte: that is where overlong forms (E0, F0),
  // surrogates (ED) and code points above U+10FFFF (F4) are excluded.
  unsigned char lo = 0x80, hi = 0xBF;
  size_t length;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;  // a continuation byte, C0, C1 or F5..FF
  }
  if (n < length || p[1] < lo || p[1] > hi) return 0;
  for (size_t i = 2; i < length; ++i) {
    if (!IsContinuation(p[i])) return 0;
  }
  return length;
}

size_t FindInvalidUtf8(std::string_view text) noexcept {
  const char* data = text.data();
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path: eight bytes per step until a byte has its high bit set.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, data + i, 8);
      const uint64_t high = word & kHighBits;
      if (high != 0) {
        if constexpr (std::endian::native == std::endian::little) {
          i += std::countr_zero(high) / 8;
        }
        break;
      }
      i += 8;
    }
    if (i >= n) break;
    if (static_cast<unsigned char>(data[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceLength(text.substr(i));
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::string EscapeForMessage(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7F) {
      out.push_back(static_cast<char>(c));
      ++i;
    } else if (c == '\n') {
      out += "\\n";
      ++i;
    } else if (c == '\r') {
      out += "\\r";
      ++i;
    } else if (c == '\t') {
      out += "\\t";
      ++i;
    } else if (c < 0x80) {
      AppendHexEscape(c, &out);
      ++i;
    } else if (const size_t length = Utf8SequenceLength(text.substr(i)); length > 0) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      AppendHexEscape(c, &out);
      ++i;
    }
  }
  return out;
}

}  // namespace sameas::internal
