// SipHash-2-4 against the test vectors of Aumasson and Bernstein 2012 (appendix A and the
// reference implementation's vectors.h): key 00 01 .. 0f, messages 00 01 .. of length 0 to 63.
#include "internal/siphash.h"

#include <array>
#include <string>

#include "gtest/gtest.h"

namespace sameas::internal {
namespace {

SipKey PaperKey() {
  std::array<uint8_t, 16> bytes;
  for (size_t i = 0; i < 16; ++i) bytes[i] = static_cast<uint8_t>(i);
  return SipKey::FromBytes(bytes);
}

std::string Message(size_t length) {
  std::string message(length, '\0');
  for (size_t i = 0; i < length; ++i) message[i] = static_cast<char>(i);
  return message;
}

TEST(SipHash24, PaperKeyIsReadLittleEndian) {
  const SipKey key = PaperKey();
  EXPECT_EQ(key.k0, 0x0706050403020100ULL);
  EXPECT_EQ(key.k1, 0x0f0e0d0c0b0a0908ULL);
}

TEST(SipHash24, PaperAppendixVectorOfFifteenBytes) {
  // Appendix A: the 15-byte message 00 .. 0e gives a129ca6149be45e5.
  EXPECT_EQ(SipHash24(PaperKey(), Message(15)), 0xa129ca6149be45e5ULL);
}

TEST(SipHash24, ReferenceVectorsAcrossWordBoundaries) {
  // Lengths 0 (padding only), 1, 7 (one short word), 8 (exactly a word), 9, 16 and 63.
  const std::pair<size_t, uint64_t> vectors[] = {
      {0, 0x726fdb47dd0e0e31ULL},  {1, 0x74f839c593dc67fdULL}, {7, 0xab0200f58b01d137ULL},
      {8, 0x93f5f5799a932462ULL},  {9, 0x9e0082df0ba9e4b0ULL}, {16, 0x3f2acc7f57c29bdbULL},
      {63, 0x958a324ceb064572ULL},
  };
  for (const auto& [length, expected] : vectors) {
    EXPECT_EQ(SipHash24(PaperKey(), Message(length)), expected) << "length " << length;
  }
}

TEST(SipHash24, HexIsSixteenDigitsMostSignificantFirst) {
  EXPECT_EQ(SipHash24Hex(PaperKey(), Message(15)), "a129ca6149be45e5");
  EXPECT_EQ(SipHash24Hex(PaperKey(), Message(0)), "726fdb47dd0e0e31");
}

TEST(SipHash24, DerivedKeysDifferBySecretAndAreStable) {
  const SipKey a = SipKey::FromSecret("correct horse battery staple");
  const SipKey b = SipKey::FromSecret("correct horse battery stapler");
  EXPECT_NE(a.k0, b.k0);
  EXPECT_NE(a.k1, b.k1);
  EXPECT_NE(a.k0, a.k1);
  const SipKey again = SipKey::FromSecret("correct horse battery staple");
  EXPECT_EQ(a.k0, again.k0);
  EXPECT_EQ(a.k1, again.k1);
  EXPECT_NE(SipHash24(a, "nowak"), SipHash24(b, "nowak"));
}

}  // namespace
}  // namespace sameas::internal
