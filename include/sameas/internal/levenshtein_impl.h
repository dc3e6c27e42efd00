// Templates behind sameas/similarity/levenshtein.h, over the character type: `char` for bytes,
// `char32_t` for code points. Pattern-match masks (also used by the bit-parallel Jaro), the
// Myers/Hyyrö bit-vector kernels, and a banded dynamic programme for long OSA.
#ifndef SAMEAS_INTERNAL_LEVENSHTEIN_IMPL_H_
#define SAMEAS_INTERNAL_LEVENSHTEIN_IMPL_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace sameas::internal {

inline constexpr size_t kWordBits = 64;

/// Where each character occurs in a pattern of at most 64 characters: bit i of `Get(c)` is set
/// when pattern[i] == c. The bit-vector kernels read one mask per text character.
template <typename CharT>
class PatternMasks;

/// Bytes: a direct 256-entry table (2 KiB), one load per text character.
template <>
class PatternMasks<char> {
 public:
  PatternMasks() noexcept : masks_{} {}
  explicit PatternMasks(std::string_view pattern) noexcept : masks_{} { Add(pattern); }
  /// Masks good only for the characters of `pattern` and `text`: the table is cleared where
  /// they fall instead of whole, which saves 2 KiB of stores when masks serve a single pair.
  PatternMasks(std::string_view pattern, std::string_view text) noexcept {
    for (char c : text) masks_[static_cast<unsigned char>(c)] = 0;
    for (char c : pattern) masks_[static_cast<unsigned char>(c)] = 0;
    Add(pattern);
  }
  uint64_t Get(char c) const noexcept { return masks_[static_cast<unsigned char>(c)]; }

 private:
  void Add(std::string_view pattern) noexcept {
    uint64_t bit = 1;
    for (char c : pattern) {
      masks_[static_cast<unsigned char>(c)] |= bit;
      bit <<= 1;
    }
  }

  std::array<uint64_t, 256> masks_;  // entries never cleared are never read
};

/// Code points: open addressing over 128 slots. A pattern has at most 64 distinct characters,
/// so the table is at most half full and probes stay short. A zero mask marks an empty slot
/// (a stored character always has at least one bit), so keys need no initialisation.
template <>
class PatternMasks<char32_t> {
 public:
  PatternMasks() noexcept : values_{} {}
  /// The text does not matter here: absent characters find an empty slot.
  PatternMasks(std::u32string_view pattern, std::u32string_view /*text*/) noexcept
      : PatternMasks(pattern) {}
  explicit PatternMasks(std::u32string_view pattern) noexcept : values_{} {
    uint64_t bit = 1;
    for (char32_t c : pattern) {
      size_t slot = Find(c);
      keys_[slot] = c;
      values_[slot] |= bit;
      bit <<= 1;
    }
  }
  uint64_t Get(char32_t c) const noexcept { return values_[Find(c)]; }

 private:
  static constexpr size_t kSlots = 128;

  size_t Find(char32_t c) const noexcept {
    // Fibonacci hashing: the top 7 bits of a multiplicative hash spread nearby code points
    // (one script's letters) over the whole table.
    size_t slot = static_cast<uint32_t>(c * 0x9E3779B9u) >> 25;
    while (values_[slot] != 0 && keys_[slot] != c) slot = (slot + 1) % kSlots;
    return slot;
  }

  std::array<char32_t, kSlots> keys_;  // read only where values_ is non-zero
  std::array<uint64_t, kSlots> values_;
};

/// The masks of a pattern of any length, one PatternMasks per 64-character block.
template <typename CharT>
class BlockPatternMasks {
 public:
  BlockPatternMasks() = default;
  explicit BlockPatternMasks(std::basic_string_view<CharT> pattern) {
    blocks_.reserve((pattern.size() + kWordBits - 1) / kWordBits);
    for (size_t start = 0; start < pattern.size(); start += kWordBits) {
      blocks_.emplace_back(pattern.substr(start, kWordBits));
    }
  }
  size_t size() const noexcept { return blocks_.size(); }
  const PatternMasks<CharT>& block(size_t i) const noexcept { return blocks_[i]; }
  uint64_t Get(size_t block, CharT c) const noexcept { return blocks_[block].Get(c); }

 private:
  std::vector<PatternMasks<CharT>> blocks_;
};

/// The masks of `base` seen through a window: characters [shift, shift + length) of its
/// pattern. Lets a cached scorer strip a common prefix and suffix without rebuilding masks.
template <typename Masks>
class ShiftedMasks {
 public:
  ShiftedMasks(const Masks& base, size_t shift, size_t length) noexcept
      : base_(base),
        shift_(shift),
        keep_(length >= kWordBits ? ~uint64_t{0} : (uint64_t{1} << length) - 1) {}
  template <typename CharT>
  uint64_t Get(CharT c) const noexcept {
    return (base_.Get(c) >> shift_) & keep_;
  }

 private:
  const Masks& base_;
  size_t shift_;
  uint64_t keep_;
};

template <typename CharT>
size_t CommonPrefix(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) noexcept {
  const size_t limit = std::min(a.size(), b.size());
  size_t i = 0;
  while (i < limit && a[i] == b[i]) ++i;
  return i;
}

template <typename CharT>
size_t CommonSuffix(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) noexcept {
  const size_t limit = std::min(a.size(), b.size());
  size_t i = 0;
  while (i < limit && a[a.size() - 1 - i] == b[b.size() - 1 - i]) ++i;
  return i;
}

/// Removes the common prefix and suffix of `a` and `b`, which no edit distance charges for.
/// Returns the length of the prefix removed.
template <typename CharT>
size_t StripCommonAffix(std::basic_string_view<CharT>& a,
                        std::basic_string_view<CharT>& b) noexcept {
  size_t prefix = CommonPrefix(a, b);
  a.remove_prefix(prefix);
  b.remove_prefix(prefix);
  size_t suffix = CommonSuffix(a, b);
  a.remove_suffix(suffix);
  b.remove_suffix(suffix);
  return prefix;
}

/// Levenshtein distance between a pattern of 1..64 characters, given by its masks, and `text`,
/// or `max_distance + 1` once it must exceed `max_distance` (which callers clamp to the longer
/// length, so that the + 1 cannot overflow; the same holds for every kernel below).
/// Myers 1999, "A fast bit-vector algorithm for approximate string matching based on dynamic
/// programming", with Hyyrö 2003's formulation for the distance between whole strings
/// ("A bit-vector algorithm for computing Levenshtein and Damerau edit distances"): the
/// vertical deltas of one DP column live in two words (vp: +1, vn: -1), and each text
/// character advances the column in a handful of word operations. O(n).
template <typename CharT, typename Masks>
size_t LevenshteinHyyro(const Masks& masks, size_t pattern_length,
                        std::basic_string_view<CharT> text, size_t max_distance) noexcept {
  uint64_t vp = ~uint64_t{0};
  uint64_t vn = 0;
  const uint64_t last = uint64_t{1} << (pattern_length - 1);
  size_t score = pattern_length;  // D[m][j], the bottom cell of the current column
  const size_t n = text.size();
  for (size_t j = 0; j < n; ++j) {
    const uint64_t pm = masks.Get(text[j]);
    const uint64_t x = pm | vn;
    const uint64_t d0 = (((x & vp) + vp) ^ vp) | x;
    uint64_t hp = vn | ~(d0 | vp);
    uint64_t hn = vp & d0;
    score += (hp & last) != 0;
    score -= (hn & last) != 0;
    // Each remaining column lowers the bottom cell by at most one.
    if (score > max_distance + (n - 1 - j)) return max_distance + 1;
    hp = (hp << 1) | 1;  // the top row D[0][j] = j always rises by one
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
  }
  return std::min(score, max_distance + 1);  // only an empty text gets here above the cutoff
}

/// The same distance for a pattern of any length, 64 rows of the DP column per word.
/// Myers 1999, section 4 ("the block-based algorithm"): a block passes the horizontal delta of
/// its last row to the block below; a -1 coming in acts as a match in the row above the block.
/// The pattern must not be empty. O(ceil(m / 64) * n).
template <typename CharT>
size_t LevenshteinMyersBlocks(const BlockPatternMasks<CharT>& masks, size_t pattern_length,
                              std::basic_string_view<CharT> text, size_t max_distance) {
  const size_t words = masks.size();
  std::vector<uint64_t> vp(words, ~uint64_t{0});
  std::vector<uint64_t> vn(words, 0);
  const uint64_t high = uint64_t{1} << (kWordBits - 1);
  const uint64_t last = uint64_t{1} << ((pattern_length - 1) % kWordBits);
  size_t score = pattern_length;
  const size_t n = text.size();
  for (size_t j = 0; j < n; ++j) {
    const CharT c = text[j];
    int h_in = 1;  // the top row D[0][j] = j
    for (size_t w = 0; w < words; ++w) {
      uint64_t eq = masks.Get(w, c);
      const uint64_t pv = vp[w];
      const uint64_t mv = vn[w];
      const uint64_t xv = eq | mv;
      if (h_in < 0) eq |= 1;
      const uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
      uint64_t ph = mv | ~(xh | pv);
      uint64_t mh = pv & xh;
      const uint64_t out_bit = w + 1 == words ? last : high;
      const int h_out = (ph & out_bit) ? 1 : ((mh & out_bit) ? -1 : 0);
      ph <<= 1;
      mh <<= 1;
      if (h_in < 0) {
        mh |= 1;
      } else if (h_in > 0) {
        ph |= 1;
      }
      vp[w] = mh | ~(xv | ph);
      vn[w] = ph & xv;
      h_in = h_out;
    }
    // h_in is now the horizontal delta of the bottom row.
    if (h_in > 0) {
      ++score;
    } else if (h_in < 0) {
      --score;
    }
    if (score > max_distance + (n - 1 - j)) return max_distance + 1;
  }
  return std::min(score, max_distance + 1);  // only an empty text gets here above the cutoff
}

/// Optimal string alignment distance between a pattern of 1..64 characters and `text`.
/// Hyyrö 2003, "A bit-vector algorithm for computing Levenshtein and Damerau edit distances":
/// Levenshtein's column step, plus diagonal zero-deltas for cells reached by transposing two
/// adjacent characters (pattern[i-1..i] == text[j..j-1] reversed). O(n).
template <typename CharT, typename Masks>
size_t OsaHyyro(const Masks& masks, size_t pattern_length, std::basic_string_view<CharT> text,
                size_t max_distance) noexcept {
  uint64_t vp = ~uint64_t{0};
  uint64_t vn = 0;
  uint64_t d0 = 0;
  uint64_t pm_prev = 0;
  const uint64_t last = uint64_t{1} << (pattern_length - 1);
  size_t score = pattern_length;
  const size_t n = text.size();
  for (size_t j = 0; j < n; ++j) {
    const uint64_t pm = masks.Get(text[j]);
    // Row i can take the transposition when pattern[i] matches text[j-1] and pattern[i-1]
    // matches text[j], and the diagonal step into (i-1, j-1) was not already free.
    const uint64_t tr = (((~d0) & pm) << 1) & pm_prev;
    const uint64_t x = pm | vn;
    d0 = (((x & vp) + vp) ^ vp) | x | tr;
    uint64_t hp = vn | ~(d0 | vp);
    uint64_t hn = vp & d0;
    score += (hp & last) != 0;
    score -= (hn & last) != 0;
    if (score > max_distance + (n - 1 - j)) return max_distance + 1;
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
    pm_prev = pm;
  }
  return std::min(score, max_distance + 1);  // only an empty text gets here above the cutoff
}

/// Optimal string alignment by dynamic programme, for patterns too long for one word.
/// Only the diagonal band |i - j| <= max_distance is filled: every cell outside it holds more
/// than max_distance, so it counts as max_distance + 1, and so does every cell computed
/// (values are capped there), which keeps the result min(distance, max_distance + 1).
/// Stops once a whole row exceeds max_distance. O(m * min(n, 2 * max_distance + 1)).
template <typename CharT>
size_t OsaBandedDp(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
                   size_t max_distance) {
  const size_t m = a.size();
  const size_t n = b.size();
  const size_t cap = max_distance + 1;
  if (n == 0) return std::min(m, cap);
  std::vector<size_t> row_prev2(n + 1, cap);  // row i - 2
  std::vector<size_t> row_prev(n + 1);        // row i - 1
  std::vector<size_t> row(n + 1, cap);        // row i
  for (size_t j = 0; j <= n; ++j) row_prev[j] = std::min(j, cap);
  for (size_t i = 1; i <= m; ++i) {
    const size_t lo = i > max_distance ? i - max_distance : 1;
    const size_t hi = std::min(n, i + max_distance);
    if (lo > hi) return cap;  // row i lies wholly beyond the band: so does the answer
    row[lo - 1] = lo == 1 ? std::min(i, cap) : cap;
    size_t row_min = row[lo - 1];
    const CharT ca = a[i - 1];
    for (size_t j = lo; j <= hi; ++j) {
      const CharT cb = b[j - 1];
      size_t v = std::min({row_prev[j] + 1, row[j - 1] + 1, row_prev[j - 1] + (ca != cb)});
      if (i > 1 && j > 1 && ca == b[j - 2] && a[i - 2] == cb) {
        v = std::min(v, row_prev2[j - 2] + 1);
      }
      v = std::min(v, cap);
      row[j] = v;
      row_min = std::min(row_min, v);
    }
    if (hi < n) row[hi + 1] = cap;
    // Rows below cannot come back under the cutoff: a transposition from row i - 1 costs no
    // less than the diagonal step it jumps over in row i.
    if (row_min > max_distance) return cap;
    std::swap(row_prev2, row_prev);
    std::swap(row_prev, row);
  }
  return row_prev[n];
}

/// Settles the cases no kernel is needed for, given `a` and `b` already stripped of their
/// common affix: a length difference beyond the cutoff, an empty string, a zero cutoff.
/// Clamps `max_distance` to the longer length (no distance exceeds it), which also keeps
/// `max_distance + 1` from overflowing. Returns nothing when a kernel must decide.
template <typename CharT>
std::optional<size_t> SettleTrivially(std::basic_string_view<CharT> a,
                                      std::basic_string_view<CharT> b,
                                      size_t& max_distance) noexcept {
  const size_t shorter = std::min(a.size(), b.size());
  const size_t longer = std::max(a.size(), b.size());
  max_distance = std::min(max_distance, longer);
  if (longer - shorter > max_distance) return max_distance + 1;
  if (shorter == 0) return longer;
  if (max_distance == 0) return 1;  // two non-empty strings without a common affix differ
  return std::nullopt;
}

/// Levenshtein distance, or `max_distance + 1` when it exceeds `max_distance`.
/// Trivial cases first, then the bit-vector kernel with the shorter string as the pattern.
template <typename CharT>
size_t Levenshtein(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
                   size_t max_distance) {
  StripCommonAffix(a, b);
  if (const auto settled = SettleTrivially(a, b, max_distance)) return *settled;
  if (a.size() > b.size()) std::swap(a, b);  // fewer pattern words
  if (a.size() <= kWordBits) {
    return LevenshteinHyyro(PatternMasks<CharT>(a, b), a.size(), b, max_distance);
  }
  return LevenshteinMyersBlocks(BlockPatternMasks<CharT>(a), a.size(), b, max_distance);
}

/// Optimal string alignment distance with the same cutoff convention as Levenshtein.
template <typename CharT>
size_t Osa(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b, size_t max_distance) {
  StripCommonAffix(a, b);
  if (const auto settled = SettleTrivially(a, b, max_distance)) return *settled;
  if (a.size() > b.size()) std::swap(a, b);
  if (a.size() <= kWordBits) {
    return OsaHyyro(PatternMasks<CharT>(a, b), a.size(), b, max_distance);
  }
  return OsaBandedDp(a, b, max_distance);
}

/// Levenshtein (or with `kOsa`, OSA) distance from a query whose masks are prepared, for the
/// cached scorers. Queries over 64 characters go to the uncached functions. Stripping the
/// common affix only shifts the query's masks, so nothing is rebuilt per candidate.
template <bool kOsa, typename CharT>
size_t EditDistanceFromMasks(const PatternMasks<CharT>& query_masks,
                             std::basic_string_view<CharT> query,
                             std::basic_string_view<CharT> candidate, size_t max_distance) {
  if (query.size() > kWordBits) {
    return kOsa ? Osa(query, candidate, max_distance) : Levenshtein(query, candidate, max_distance);
  }
  const size_t prefix = StripCommonAffix(query, candidate);
  if (const auto settled = SettleTrivially(query, candidate, max_distance)) return *settled;
  const ShiftedMasks masks(query_masks, prefix, query.size());
  if constexpr (kOsa) {
    return OsaHyyro(masks, query.size(), candidate, max_distance);
  } else {
    return LevenshteinHyyro(masks, query.size(), candidate, max_distance);
  }
}

/// The longest distance allowed for a normalised similarity of at least `score_cutoff`:
/// 1 - d / max_length >= cutoff. Rounded up by a hair so that floating-point error never
/// excludes a pair the caller's own comparison would keep; the caller checks the similarity.
inline size_t MaxDistanceForSimilarity(double score_cutoff, size_t max_length) noexcept {
  if (score_cutoff <= 0) return max_length;
  if (score_cutoff > 1) return 0;
  const double allowed = (1.0 - score_cutoff) * static_cast<double>(max_length) + 1e-9;
  return std::min(max_length, static_cast<size_t>(allowed));
}

/// 1 - distance / max(len a, len b), or 0 when below `score_cutoff`; 1 for two empty strings.
/// `distance(max_distance)` is the Levenshtein distance with that cutoff.
template <typename DistanceFn>
double NormalizedSimilarity(size_t max_length, double score_cutoff, DistanceFn distance) {
  if (max_length == 0) return score_cutoff <= 1.0 ? 1.0 : 0.0;
  const size_t max_distance = MaxDistanceForSimilarity(score_cutoff, max_length);
  const size_t d = distance(max_distance);
  if (d > max_distance) return 0.0;
  const double similarity = 1.0 - static_cast<double>(d) / static_cast<double>(max_length);
  return similarity >= score_cutoff ? similarity : 0.0;
}

template <typename CharT>
double LevenshteinSimilarity(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
                             double score_cutoff = 0) {
  return NormalizedSimilarity(std::max(a.size(), b.size()), score_cutoff,
                              [&](size_t max_distance) { return Levenshtein(a, b, max_distance); });
}

}  // namespace sameas::internal

#endif  // SAMEAS_INTERNAL_LEVENSHTEIN_IMPL_H_
