// SipHash-2-4, a keyed 64-bit hash: what the model file uses to store term-frequency keys
// without the values they stand for. Aumasson and Bernstein 2012, "SipHash: a fast
// short-input PRF" (INDOCRYPT 2012); written from the paper's description, checked against
// its test vectors in tests/cpp/train/siphash_test.cc.
#ifndef SAMEAS_LIB_INTERNAL_SIPHASH_H_
#define SAMEAS_LIB_INTERNAL_SIPHASH_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace sameas::internal {

/// A 128-bit SipHash key as its two little-endian 64-bit halves k0, k1.
struct SipKey {
  uint64_t k0 = 0;
  uint64_t k1 = 0;

  /// The key whose 16 bytes are `bytes` (k0 from bytes 0-7, k1 from 8-15, little-endian).
  static SipKey FromBytes(const std::array<uint8_t, 16>& bytes);
  /// A key derived from a secret of any length: k0 and k1 are SipHash-2-4 of the secret under
  /// two fixed public keys. As strong as the secret, up to 128 bits.
  static SipKey FromSecret(std::string_view secret);
};

/// SipHash-2-4 of `message` under `key`: two compression rounds per 8-byte word, four
/// finalisation rounds. O(length).
uint64_t SipHash24(const SipKey& key, std::string_view message) noexcept;

/// SipHash24 as 16 lowercase hex digits, most significant first.
std::string SipHash24Hex(const SipKey& key, std::string_view message);

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_INTERNAL_SIPHASH_H_
