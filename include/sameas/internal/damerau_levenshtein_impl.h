// Templates behind sameas/similarity/damerau_levenshtein.h, over the character type: `char`
// for bytes, `char32_t` for code points. The unrestricted Damerau-Levenshtein distance by the
// dynamic programme of Lowrance and Wagner, with its table of the last row each character was
// seen in.
#ifndef SAMEAS_INTERNAL_DAMERAU_LEVENSHTEIN_IMPL_H_
#define SAMEAS_INTERNAL_DAMERAU_LEVENSHTEIN_IMPL_H_

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sameas/internal/levenshtein_impl.h"  // StripCommonAffix, SettleTrivially

namespace sameas::internal {

/// The last row (1-based; 0 for never) in which each character of `a` was seen. Only
/// characters of `a` are ever set, and only characters of `b` are read.
template <typename CharT>
class LastRowSeen;

/// Bytes: a direct table, cleared only where `a` and `b` fall (the PatternMasks trick): a
/// whole 1 KiB clear would cost more than the table of a pair of names.
template <>
class LastRowSeen<char> {
 public:
  LastRowSeen(std::string_view a, std::string_view b) noexcept {
    for (char c : a) rows_[static_cast<unsigned char>(c)] = 0;
    for (char c : b) rows_[static_cast<unsigned char>(c)] = 0;
  }
  uint32_t Get(char c) const noexcept { return rows_[static_cast<unsigned char>(c)]; }
  void Set(char c, uint32_t row) noexcept { rows_[static_cast<unsigned char>(c)] = row; }

 private:
  std::array<uint32_t, 256> rows_;  // entries never cleared are never read
};

/// Code points: open addressing sized for the characters of `a`, at most half full; on the
/// stack for up to 64 characters. A character of `b` that `a` lacks finds an empty slot and
/// reads 0, which is right: it takes part in no transposition.
template <>
class LastRowSeen<char32_t> {
 public:
  LastRowSeen(std::u32string_view a, std::u32string_view /*b*/) {
    const size_t slots = std::bit_ceil(std::max<size_t>(2 * a.size(), kInlineSlots));
    mask_ = slots - 1;
    if (slots > kInlineSlots) {
      heap_keys_.resize(slots);
      heap_rows_.assign(slots, 0);
      keys_ = heap_keys_.data();
      rows_ = heap_rows_.data();
    } else {
      inline_rows_.fill(0);
    }
  }
  LastRowSeen(const LastRowSeen&) = delete;
  LastRowSeen& operator=(const LastRowSeen&) = delete;

  uint32_t Get(char32_t c) const noexcept { return rows_[Find(c)]; }
  void Set(char32_t c, uint32_t row) noexcept {
    const size_t slot = Find(c);
    keys_[slot] = c;
    rows_[slot] = row;
  }

 private:
  static constexpr size_t kInlineSlots = 128;

  size_t Find(char32_t c) const noexcept {
    size_t slot = static_cast<size_t>(static_cast<uint32_t>(c * 0x9E3779B9u) >> 7) & mask_;
    // A set row is never 0, so a zero row marks an empty slot.
    while (rows_[slot] != 0 && keys_[slot] != c) slot = (slot + 1) & mask_;
    return slot;
  }

  size_t mask_;
  std::array<char32_t, kInlineSlots> inline_keys_;  // read only where the row is non-zero
  std::array<uint32_t, kInlineSlots> inline_rows_;
  std::vector<char32_t> heap_keys_;
  std::vector<uint32_t> heap_rows_;
  char32_t* keys_ = inline_keys_.data();
  uint32_t* rows_ = inline_rows_.data();
};

/// Unrestricted Damerau-Levenshtein distance of `a` and `b`, or `max_distance + 1` once every
/// cell of a row exceeds `max_distance` (row minima never fall: a transposition from row k
/// into row i pays for the i - k - 1 rows it skips). Lowrance & Wagner 1975, "An extension
/// of the string-to-string correction problem": besides Levenshtein's three steps, cell
/// (i, j) may transpose a[i] with the last earlier a[k] == b[j] and b[j] with the last
/// earlier b[l] == a[i], deleting what lies between in `a` and inserting what lies between
/// in `b`: D[k-1][l-1] + (i-k-1) + 1 + (j-l-1). The table has a sentinel row and column of
/// "infinity" (|a| + |b|) so that no transposition reaches before the start.
/// O(|a| * |b|) time and space.
template <typename CharT>
size_t DamerauLevenshteinDp(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
                            size_t max_distance) {
  const size_t m = a.size();
  const size_t n = b.size();
  max_distance = std::min(max_distance, std::max(m, n));  // no distance is longer
  // Cells hold at most 2 (m + n); 32 bits keep the table of two names in a few cache lines.
  // A pair of strings longer than a billion characters would not finish anyway.
  using Cell = uint32_t;
  const size_t width = n + 2;
  const Cell infinity = static_cast<Cell>(m + n);
  constexpr size_t kInlineCells = 1024;  // 4 KiB: names up to 30 characters stay on the stack
  std::array<Cell, kInlineCells> inline_cells;
  std::vector<Cell> heap_cells;
  Cell* d = inline_cells.data();
  if ((m + 2) * width > kInlineCells) {
    heap_cells.resize((m + 2) * width);
    d = heap_cells.data();
  }
  auto at = [&](size_t i, size_t j) -> Cell& { return d[i * width + j]; };  // D[i-1][j-1]
  at(0, 0) = infinity;
  for (size_t j = 0; j <= n; ++j) {
    at(0, j + 1) = infinity;
    at(1, j + 1) = static_cast<Cell>(j);
  }
  LastRowSeen<CharT> last_row(a, b);
  for (size_t i = 1; i <= m; ++i) {
    at(i + 1, 0) = infinity;
    at(i + 1, 1) = static_cast<Cell>(i);
    size_t last_column = 0;  // the last column j' < j with b[j'] == a[i], 1-based
    Cell row_min = static_cast<Cell>(i);
    const CharT ca = a[i - 1];
    for (size_t j = 1; j <= n; ++j) {
      const CharT cb = b[j - 1];
      const size_t k = last_row.Get(cb);
      const size_t l = last_column;
      Cell cost = 1;
      if (ca == cb) {
        cost = 0;
        last_column = j;
      }
      const Cell transposed = static_cast<Cell>(at(k, l) + (i - k - 1) + 1 + (j - l - 1));
      const Cell value =
          std::min({static_cast<Cell>(at(i, j) + cost), static_cast<Cell>(at(i + 1, j) + 1),
                    static_cast<Cell>(at(i, j + 1) + 1), transposed});
      at(i + 1, j + 1) = value;
      row_min = std::min(row_min, value);
    }
    if (row_min > max_distance) return max_distance + 1;
    last_row.Set(ca, static_cast<uint32_t>(i));
  }
  return std::min<size_t>(at(m + 1, n + 1), max_distance + 1);
}

/// Damerau-Levenshtein with the cutoff convention of Levenshtein: trivial cases first, then
/// the table on what the common affix leaves.
template <typename CharT>
size_t DamerauLevenshtein(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
                          size_t max_distance) {
  StripCommonAffix(a, b);
  if (const auto settled = SettleTrivially(a, b, max_distance)) return *settled;
  return DamerauLevenshteinDp(a, b, max_distance);
}

}  // namespace sameas::internal

#endif  // SAMEAS_INTERNAL_DAMERAU_LEVENSHTEIN_IMPL_H_
