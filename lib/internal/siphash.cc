// SipHash-2-4 (Aumasson and Bernstein 2012), section 2 of the paper: initialisation with the
// four constants, compression of each 8-byte little-endian word with two SipRounds, the last
// word padded and carrying the length mod 256 in its top byte, finalisation with 0xff and
// four SipRounds.
#include "internal/siphash.h"

#include "fmt/format.h"

namespace sameas::internal {
namespace {

inline uint64_t RotateLeft(uint64_t x, int bits) { return (x << bits) | (x >> (64 - bits)); }

inline uint64_t ReadLittleEndian64(const unsigned char* p) {
  uint64_t word = 0;
  for (int i = 7; i >= 0; --i) word = (word << 8) | p[i];
  return word;
}

struct State {
  uint64_t v0, v1, v2, v3;

  void Round() {
    v0 += v1;
    v1 = RotateLeft(v1, 13);
    v1 ^= v0;
    v0 = RotateLeft(v0, 32);
    v2 += v3;
    v3 = RotateLeft(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = RotateLeft(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = RotateLeft(v1, 17);
    v1 ^= v2;
    v2 = RotateLeft(v2, 32);
  }

  void Compress(uint64_t word) {
    v3 ^= word;
    Round();
    Round();
    v0 ^= word;
  }
};

}  // namespace

SipKey SipKey::FromBytes(const std::array<uint8_t, 16>& bytes) {
  return SipKey{ReadLittleEndian64(bytes.data()), ReadLittleEndian64(bytes.data() + 8)};
}

SipKey SipKey::FromSecret(std::string_view secret) {
  // Two public keys ("sameas-tf-key-k0", "sameas-tf-key-k1" as bytes); the derivation only
  // spreads the secret over 128 bits, it adds no secrecy of its own.
  constexpr std::string_view kLabel0 = "sameas-tf-key-k0", kLabel1 = "sameas-tf-key-k1";
  std::array<uint8_t, 16> b0{}, b1{};
  for (size_t i = 0; i < 16; ++i) {
    b0[i] = static_cast<uint8_t>(kLabel0[i]);
    b1[i] = static_cast<uint8_t>(kLabel1[i]);
  }
  return SipKey{SipHash24(FromBytes(b0), secret), SipHash24(FromBytes(b1), secret)};
}

uint64_t SipHash24(const SipKey& key, std::string_view message) noexcept {
  State s{key.k0 ^ 0x736f6d6570736575ULL, key.k1 ^ 0x646f72616e646f6dULL,
          key.k0 ^ 0x6c7967656e657261ULL, key.k1 ^ 0x7465646279746573ULL};
  const auto* data = reinterpret_cast<const unsigned char*>(message.data());
  const size_t length = message.size();
  const size_t whole = length - length % 8;
  for (size_t i = 0; i < whole; i += 8) s.Compress(ReadLittleEndian64(data + i));
  // The last word: the remaining 0-7 bytes, zero padding, and the length mod 256 on top.
  uint64_t last = static_cast<uint64_t>(length & 0xff) << 56;
  for (size_t i = whole; i < length; ++i)
    last |= static_cast<uint64_t>(data[i]) << (8 * (i - whole));
  s.Compress(last);
  s.v2 ^= 0xff;
  for (int i = 0; i < 4; ++i) s.Round();
  return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

std::string SipHash24Hex(const SipKey& key, std::string_view message) {
  return fmt::format("{:016x}", SipHash24(key, message));
}

}  // namespace sameas::internal
