#include "internal/utf8.h"

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace sameas::internal {
namespace {

constexpr size_t npos = std::string_view::npos;

// The reference: decode each sequence to its code point by the bit patterns of the lead byte,
// then reject what the decoded value rules out (overlong, surrogate, beyond U+10FFFF).
size_t ReferenceFindInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<uint8_t>(text[i]);
    size_t length;
    uint32_t code_point;
    if (lead < 0x80) {
      length = 1;
      code_point = lead;
    } else if ((lead >> 5) == 0x6) {
      length = 2;
      code_point = lead & 0x1F;
    } else if ((lead >> 4) == 0xE) {
      length = 3;
      code_point = lead & 0x0F;
    } else if ((lead >> 3) == 0x1E) {
      length = 4;
      code_point = lead & 0x07;
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<uint8_t>(text[i + k]);
      if ((next >> 6) != 0x2) return i;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    static constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kSmallest[length]) return i;
    if (code_point >= 0xD800 && code_point <= 0xDFFF) return i;
    if (code_point > 0x10FFFF) return i;
    i += length;
  }
  return npos;
}

TEST(FindInvalidUtf8, AcceptsAsciiAndEveryLengthOfSequence) {
  EXPECT_EQ(FindInvalidUtf8(""), npos);
  EXPECT_EQ(FindInvalidUtf8("plain ascii, longer than eight bytes"), npos);
  EXPECT_EQ(FindInvalidUtf8("Łódź Szőke Жуков 東京 😀"), npos);
  EXPECT_EQ(FindInvalidUtf8("\xF4\x8F\xBF\xBF"), npos);  // U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("\xEF\xBB\xBF"), npos);      // the byte-order mark
}

TEST(FindInvalidUtf8, RejectsOverlongForms) {
  EXPECT_EQ(FindInvalidUtf8("\xC0\x80"), 0);
  EXPECT_EQ(FindInvalidUtf8("\xC1\xBF"), 0);
  EXPECT_EQ(FindInvalidUtf8("\xE0\x80\x80"), 0);
  EXPECT_EQ(FindInvalidUtf8("\xE0\x9F\xBF"), 0);
  EXPECT_EQ(FindInvalidUtf8("\xF0\x8F\xBF\xBF"), 0);
}

TEST(FindInvalidUtf8, RejectsSurrogatesAndCodePointsBeyondTheLast) {
  EXPECT_EQ(FindInvalidUtf8("\xED\xA0\x80"), 0);
  EXPECT_EQ(FindInvalidUtf8("\xED\xBF\xBF"), 0);
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0);
  EXPECT_EQ(FindInvalidUtf8("\xF5\x80\x80\x80"), 0);
  EXPECT_EQ(FindInvalidUtf8("\xFF"), 0);
}

TEST(FindInvalidUtf8, RejectsTruncatedSequencesAndStrayContinuationBytes) {
  EXPECT_EQ(FindInvalidUtf8("ab\xC5"), 2);
  EXPECT_EQ(FindInvalidUtf8("ab\xE6\x9D"), 2);
  EXPECT_EQ(FindInvalidUtf8("ab\xF0\x9F\x98"), 2);
  EXPECT_EQ(FindInvalidUtf8("ab\x80"), 2);
  EXPECT_EQ(FindInvalidUtf8("\xC5z"), 0);
}

TEST(FindInvalidUtf8, ReportsTheOffsetOfTheFirstBadSequencePastLongAsciiRuns) {
  const std::string text = std::string(37, 'a') + "ł" + std::string(19, 'b') + "\xE9" + "c\xFF";
  EXPECT_EQ(FindInvalidUtf8(text), 37 + 2 + 19);
}

TEST(FindInvalidUtf8, AgreesWithTheReferenceOnRandomBytes) {
  std::mt19937 rng(7);
  // Bytes drawn mostly from the ranges where the rules change, so that near misses are common.
  const std::string interesting =
      "aZ \x7F\x80\x8F\x90\x9F\xA0\xBF\xC0\xC1\xC2\xDF\xE0\xE1\xEC\xED\xEE\xEF\xF0\xF1\xF3\xF4"
      "\xF5\xFF";
  for (int trial = 0; trial < 200000; ++trial) {
    std::string text;
    const size_t length = rng() % 24;
    for (size_t i = 0; i < length; ++i) {
      text.push_back(rng() % 3 == 0 ? static_cast<char>(rng() % 256)
                                    : interesting[rng() % interesting.size()]);
    }
    ASSERT_EQ(FindInvalidUtf8(text), ReferenceFindInvalidUtf8(text)) << EscapeForMessage(text);
  }
}

TEST(FindInvalidUtf8, AgreesWithTheReferenceOnValidTextWithOneByteChanged) {
  std::mt19937 rng(11);
  const std::string base = "Kowalski Łukasz, Szőke Péter; Дмитрий Жуков 東京都 😀 plain ascii text";
  for (int trial = 0; trial < 20000; ++trial) {
    std::string text = base.substr(rng() % 8);
    text[rng() % text.size()] = static_cast<char>(rng() % 256);
    ASSERT_EQ(FindInvalidUtf8(text), ReferenceFindInvalidUtf8(text)) << EscapeForMessage(text);
  }
}

TEST(EscapeForMessage, KeepsGoodCharactersAndEscapesBadBytesAndControls) {
  EXPECT_EQ(EscapeForMessage("J\xE9r\xF4me"), "J\\xE9r\\xF4me");
  EXPECT_EQ(EscapeForMessage("Łódź\xFF"), "Łódź\\xFF");
  EXPECT_EQ(EscapeForMessage("a\nb\r\tc\x01"), "a\\nb\\r\\tc\\x01");
  EXPECT_EQ(EscapeForMessage("\xE6\x9D"), "\\xE6\\x9D");
}

}  // namespace
}  // namespace sameas::internal
