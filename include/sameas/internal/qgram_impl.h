// Templates behind sameas/similarity/qgram.h, over the character type: `char` for bytes,
// `char32_t` for code points. A string's q-grams become 64-bit keys, sorted, and two sorted
// key lists are merged to count what the multisets share.
#ifndef SAMEAS_INTERNAL_QGRAM_IMPL_H_
#define SAMEAS_INTERNAL_QGRAM_IMPL_H_

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace sameas::internal {

/// Characters as 21-bit values: bytes as 0..255, code points as themselves (at most
/// U+10FFFF). The two markers lie just past the last code point, so no text holds them.
inline constexpr uint64_t kQGramStart = 0x110000;
inline constexpr uint64_t kQGramEnd = 0x110001;
inline constexpr int kQGramBits = 21;
inline constexpr int kMaxQ = 3;  // 3 x 21 bits fit one 64-bit key

template <typename CharT>
uint64_t QGramValue(CharT c) noexcept {
  if constexpr (sizeof(CharT) == 1) {
    return static_cast<unsigned char>(c);
  } else {
    return static_cast<uint64_t>(c) & ((uint64_t{1} << kQGramBits) - 1);
  }
}

/// A small vector of keys that lives on the stack up to 64 entries, the q-grams of a name.
class QGramKeys {
 public:
  QGramKeys() = default;
  QGramKeys(const QGramKeys&) = delete;
  QGramKeys& operator=(const QGramKeys&) = delete;

  void Resize(size_t n) {
    size_ = n;
    if (n > kInline) {
      heap_.resize(n);
      data_ = heap_.data();
    } else {
      data_ = inline_;
    }
  }
  uint64_t* begin() noexcept { return data_; }
  uint64_t* end() noexcept { return data_ + size_; }
  const uint64_t* begin() const noexcept { return data_; }
  const uint64_t* end() const noexcept { return data_ + size_; }
  size_t size() const noexcept { return size_; }
  uint64_t& operator[](size_t i) noexcept { return data_[i]; }

 private:
  static constexpr size_t kInline = 64;
  uint64_t inline_[kInline];
  std::vector<uint64_t> heap_;
  uint64_t* data_ = inline_;
  size_t size_ = 0;
};

/// Sorts a handful of keys: insertion sort up to 32 (a name's q-grams), std::sort beyond.
inline void SortKeys(uint64_t* first, uint64_t* last) noexcept {
  if (last - first > 32) {
    std::sort(first, last);
    return;
  }
  for (uint64_t* i = first + 1; i < last; ++i) {
    const uint64_t key = *i;
    uint64_t* j = i;
    for (; j > first && *(j - 1) > key; --j) *j = *(j - 1);
    *j = key;
  }
}

/// The sorted q-gram keys of `s`. Padded, s is read as q - 1 start markers, s, q - 1 end
/// markers, and has |s| + q - 1 q-grams (so even the empty string has q - 1, made of markers
/// alone); unpadded it has max(0, |s| - q + 1). `q` must be 1, 2 or 3.
template <typename CharT>
void SortedQGrams(std::basic_string_view<CharT> s, int q, bool padded, QGramKeys* keys) {
  const size_t pad = padded ? static_cast<size_t>(q - 1) : 0;
  const size_t length = s.size() + 2 * pad;  // of the padded string
  const size_t width = static_cast<size_t>(q);
  if (length < width) {
    keys->Resize(0);
    return;
  }
  auto value = [&](size_t i) -> uint64_t {  // character i of the padded string
    if (i < pad) return kQGramStart;
    if (i >= pad + s.size()) return kQGramEnd;
    return QGramValue(s[i - pad]);
  };
  const size_t count = length - width + 1;
  keys->Resize(count);
  const uint64_t mask = (uint64_t{1} << (kQGramBits * q)) - 1;
  uint64_t key = 0;
  for (size_t i = 0; i + 1 < width; ++i) key = (key << kQGramBits) | value(i);
  for (size_t i = 0; i < count; ++i) {
    key = ((key << kQGramBits) | value(i + width - 1)) & mask;
    (*keys)[i] = key;
  }
  SortKeys(keys->begin(), keys->end());
}

/// |A ∩ B| = Σ min(A(g), B(g)) of two sorted key lists: a merge that pairs equal keys one to
/// one counts each shared q-gram as often as the side with fewer copies has it.
inline size_t SharedCount(const QGramKeys& a, const QGramKeys& b) noexcept {
  const uint64_t* pa = a.begin();
  const uint64_t* pb = b.begin();
  size_t shared = 0;
  while (pa != a.end() && pb != b.end()) {
    const uint64_t x = *pa;
    const uint64_t y = *pb;
    shared += x == y;
    pa += x <= y;
    pb += y <= x;
  }
  return shared;
}

/// Σ A(g)^2 of a sorted key list: the k-th copy of a key adds 2k - 1, and 1 + 3 + ... + (2c - 1)
/// is c^2.
inline double SquaredNorm(const QGramKeys& keys) noexcept {
  size_t sum = 0;
  size_t copy = 0;
  for (size_t i = 0; i < keys.size(); ++i) {
    copy = (i > 0 && keys.begin()[i] == keys.begin()[i - 1]) ? copy + 1 : 1;
    sum += 2 * copy - 1;
  }
  return static_cast<double>(sum);
}

/// Σ A(g) B(g) of two sorted key lists, run by run.
inline double Dot(const QGramKeys& a, const QGramKeys& b) noexcept {
  const uint64_t* pa = a.begin();
  const uint64_t* pb = b.begin();
  size_t dot = 0;
  while (pa != a.end() && pb != b.end()) {
    if (*pa < *pb) {
      ++pa;
    } else if (*pb < *pa) {
      ++pb;
    } else {
      const uint64_t key = *pa;
      size_t ca = 0, cb = 0;
      for (; pa != a.end() && *pa == key; ++pa) ++ca;
      for (; pb != b.end() && *pb == key; ++pb) ++cb;
      dot += ca * cb;
    }
  }
  return static_cast<double>(dot);
}

enum class QGramMeasure { kJaccard, kDice, kCosine };

/// The score of two strings with neither q-gram: 1 when they are equal, else 0 (unpadded,
/// "a" and "b" have none and must not look alike).
template <typename CharT>
double QGramSimilarity(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b, int q,
                       bool padded, QGramMeasure measure) {
  q = std::clamp(q, 1, kMaxQ);
  QGramKeys keys_a, keys_b;
  SortedQGrams(a, q, padded, &keys_a);
  SortedQGrams(b, q, padded, &keys_b);
  if (keys_a.size() == 0 || keys_b.size() == 0) {
    return keys_a.size() == 0 && keys_b.size() == 0 && a == b ? 1.0 : 0.0;
  }
  const double size_a = static_cast<double>(keys_a.size());
  const double size_b = static_cast<double>(keys_b.size());
  switch (measure) {
    case QGramMeasure::kJaccard: {
      const double shared = static_cast<double>(SharedCount(keys_a, keys_b));
      return shared / (size_a + size_b - shared);
    }
    case QGramMeasure::kDice:
      return 2.0 * static_cast<double>(SharedCount(keys_a, keys_b)) / (size_a + size_b);
    case QGramMeasure::kCosine:
      return Dot(keys_a, keys_b) / std::sqrt(SquaredNorm(keys_a) * SquaredNorm(keys_b));
  }
  return 0.0;
}

}  // namespace sameas::internal

#endif  // SAMEAS_INTERNAL_QGRAM_IMPL_H_
