// One query against many candidates in SIMD lanes, and many independent pairs over threads;
// see sameas/similarity/batch.h.
//
// The lane layout. The query is the pattern of the bit-parallel kernels (Myers 1999, "A fast
// bit-vector algorithm for approximate string matching based on dynamic programming", in
// Hyyrö 2003's form for whole strings, "A bit-vector algorithm for computing Levenshtein and
// Damerau edit distances"; the bit-parallel Jaro of sameas/internal/jaro_impl.h). It is the
// same in every lane, so its pattern-match masks are shared; each lane holds the state of one
// candidate (the text):
//   Levenshtein: VP and VN, the vertical deltas of the DP column (bit i for query row i), and
//                the bottom-row score D[m][j];
//   Jaro:        the matched query positions, the lower and upper window masks, and the
//                common prefix.
// A lane has as many bits as the query has characters, rounded up to 8, 16, 32 or 64, so one
// AVX-512 vector scores 64, 32, 16 or 8 candidates per step (AVX2 half as many):
//
//     lane:       0           1           2                L-1
//     VP       [vp(c0)   ] [vp(c1)   ] [vp(c2)   ]  ...  [vp(cL-1)   ]   one T-bit word each
//     row j    [c0[j]    ] [c1[j]    ] [c2[j]    ]  ...  [cL-1[j]    ]   transposed text
//     mask     [PM(c0[j])] [PM(c1[j])] [PM(c2[j])]  ...  [PM(cL-1[j])]   from the query's masks
//
// Candidates enter the lanes in their input order, a group of lanes at a time. A group's
// characters are transposed so that row j holds character j of every lane's candidate and
// one load feeds every lane at step j: 16 candidates by 16 characters at a time, by four
// rounds of byte interleaving in 128-bit vectors. Bytes past a candidate's end are whatever
// follows it; Levenshtein takes each lane's score at the lane's own last step, and Jaro
// gives them the mask 0. Each lane's mask
// comes from comparing its character with the query's distinct characters (names have ten or
// so); a query with many distinct characters gathers from the 256-entry table of its masks
// instead (32- and 64-bit lanes only). Jaro-Winkler's final arithmetic runs in double lanes,
// operation for operation as the scalar scorer does it, so the values agree to the bit.
// Non-ASCII strings take the lanes too, recoded into a byte alphabet (LaneAlphabet below).
// Queries of more than 64 code points, candidates too long for the lane width and groups too
// empty to pay take the cached scalar scorers.

// Types shared by every target, defined once however often foreach_target includes this file.
#ifndef SAMEAS_LIB_SIMILARITY_BATCH_SHARED_
#define SAMEAS_LIB_SIMILARITY_BATCH_SHARED_

#include "sameas/similarity/batch.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <vector>

#include "hwy/aligned_allocator.h"
#include "internal/parallel.h"
#include "sameas/internal/jaro_impl.h"
#include "sameas/internal/levenshtein_impl.h"
#include "sameas/similarity/code_points.h"
#include "sameas/similarity/jaro_winkler.h"
#include "sameas/similarity/levenshtein.h"

namespace sameas::batch_internal {

/// The query as the SIMD kernels read it: ASCII, 1..64 characters, as its distinct
/// characters and their pattern-match masks (bit i set where text[i] is the character).
/// Built in O(m * distinct), with no 256-entry table to clear, since blocks can be small.
struct LaneQuery {
  std::string_view text;
  size_t distinct = 0;
  std::array<uint8_t, 64> chars;
  std::array<uint64_t, 64> char_masks;

  explicit LaneQuery(std::string_view query) : text(query) {
    for (size_t i = 0; i < query.size(); ++i) {
      const auto c = static_cast<uint8_t>(query[i]);
      size_t k = 0;
      while (k < distinct && chars[k] != c) ++k;
      if (k == distinct) {
        chars[k] = c;
        char_masks[k] = 0;
        ++distinct;
      }
      char_masks[k] |= uint64_t{1} << i;
    }
  }
};

/// Marks a result the lanes left to the scalar scorer.
inline constexpr size_t kNotTaken = std::numeric_limits<size_t>::max();

/// What one call hands to the per-target kernels. They write a result for every candidate:
/// the final value, or kNotTaken (NaN for similarities) where the scalar scorer must decide.
struct LaneJob {
  const LaneQuery* query = nullptr;
  const StringsView* candidates = nullptr;
  /// Per candidate, non-zero where the lanes must not take it (not ASCII); null for none.
  const uint8_t* skip = nullptr;
  /// Longer candidates are left to the scalar scorer (their counts would overflow the lane).
  size_t longest_text = 0;
  /// Levenshtein: the cutoff, whether it can stop a group early, and the results.
  size_t max_distance = 0;
  bool early_exit = false;
  size_t* distances = nullptr;
  /// Jaro-Winkler: the settings, the lowest Jaro that can reach score_cutoff for each
  /// common prefix 0..4 (internal::JaroCutoffForJaroWinkler), and the results.
  double score_cutoff = 0, prefix_weight = 0.1, boost_threshold = 0.7;
  std::array<double, 5> jaro_cutoffs{};
  double* similarities = nullptr;
};

/// Grows on demand and is kept per thread, so that a block's call allocates nothing.
class AlignedBuffer {
 public:
  template <typename T>
  T* Get(size_t count) {
    const size_t bytes = count * sizeof(T);
    if (bytes > size_) {
      data_ = hwy::AllocateAligned<uint8_t>(bytes);
      size_ = bytes;
    }
    return reinterpret_cast<T*>(data_.get());
  }

 private:
  hwy::AlignedFreeUniquePtr<uint8_t[]> data_;
  size_t size_ = 0;
};

/// The byte that stands for "no character" in Jaro's lanes: not ASCII, so no query has it.
inline constexpr uint8_t kPad = 0x80;

/// Queries with more distinct characters than this look their masks up by gather.
inline constexpr size_t kMaxCompareLookups = 16;

/// Candidates transposed together, and characters per transposed chunk.
inline constexpr size_t kTile = 16;

}  // namespace sameas::batch_internal

#endif  // SAMEAS_LIB_SIMILARITY_BATCH_SHARED_

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "similarity/batch.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace sameas {
namespace HWY_NAMESPACE {
namespace {

namespace hn = hwy::HWY_NAMESPACE;
using batch_internal::AlignedBuffer;
using batch_internal::kNotTaken;
using batch_internal::kPad;
using batch_internal::kTile;
using batch_internal::LaneJob;
using batch_internal::LaneQuery;

// The mask of each lane's character by comparing it with each distinct query character:
// two operations per distinct character, any lane width.
template <class D>
class CompareLookup {
 public:
  using T = hn::TFromD<D>;
  CompareLookup(D /*d*/, const LaneQuery& query) : count_(query.distinct) {
    for (size_t i = 0; i < count_; ++i) {
      chars_[i] = static_cast<T>(query.chars[i]);
      masks_[i] = static_cast<T>(query.char_masks[i]);
    }
  }
  HWY_INLINE hn::Vec<D> operator()(D d, hn::Vec<D> text) const {
    auto mask = hn::Zero(d);
    for (size_t i = 0; i < count_; ++i) {
      mask = hn::Or(mask,
                    hn::IfThenElseZero(hn::Eq(text, hn::Set(d, chars_[i])), hn::Set(d, masks_[i])));
    }
    return mask;
  }

 private:
  size_t count_;
  std::array<T, 64> chars_;
  std::array<T, 64> masks_;
};

// The mask of each lane's character by one gather from the 256-entry table: for queries with
// many distinct characters, in 32- and 64-bit lanes (the widths x86 gathers).
template <class D>
class GatherLookup {
 public:
  using T = hn::TFromD<D>;
  GatherLookup(D /*d*/, const LaneQuery& query) {
    table_.fill(0);  // kPad and every byte the query lacks: no position
    for (size_t i = 0; i < query.distinct; ++i) {
      table_[query.chars[i]] = static_cast<T>(query.char_masks[i]);
    }
  }
  HWY_INLINE hn::Vec<D> operator()(D d, hn::Vec<D> text) const {
    const hn::RebindToSigned<D> di;
    return hn::GatherIndex(d, table_.data(), hn::BitCast(di, text));
  }

 private:
  alignas(64) std::array<T, 256> table_;
};

// One row of the transposed block, widened to the lane type.
template <class D>
HWY_INLINE hn::Vec<D> LoadRow(D d, const uint8_t* row) {
  using T = hn::TFromD<D>;
  const hn::Rebind<uint8_t, D> d8;
  if constexpr (sizeof(T) == 1) {
    return hn::LoadU(d, row);
  } else if constexpr (sizeof(T) <= 4) {
    return hn::PromoteTo(d, hn::LoadU(d8, row));
  } else {
    const hn::Rebind<uint32_t, D> d32;
    return hn::PromoteTo(d, hn::PromoteTo(d32, hn::LoadU(d8, row)));
  }
}

// Per vector of lanes in a group: how many candidates the lanes take, the longest and the
// shortest of those.
struct LaneStats {
  size_t used, longest, shortest;
};

// A group: `size` consecutive candidates from `first`, their lengths in the lane type (0 for
// those the lanes do not take), and their characters transposed: byte (j, k) of `block` at
// j * size + k is character j of candidate first + k. Rows run to the longest taken
// candidate, rounded up to a whole tile. size = max(L, 16) for L lanes.
template <typename T>
struct Group {
  size_t first = 0, size = 0, rows = 0;
  const T* lengths = nullptr;
  const uint8_t* block = nullptr;
  std::array<LaneStats, kTile> stats;  // per vector: size / L <= 16 of them, not cleared
};

#if !(HWY_TARGET == HWY_SCALAR || HWY_HAVE_SCALABLE)
// The 16 bytes of each candidate from which row r of a chunk is transposed, one candidate
// per 128-bit block: candidate b * 16 + r in block b.
template <class D>
HWY_INLINE hn::Vec<D> LoadSources(D d, const uint8_t* const* sources, size_t r) {
  constexpr size_t kBlocks = hn::MaxLanes(D()) / 16;
  if constexpr (kBlocks == 1) {
    return hn::LoadU(d, sources[r]);
  } else {
    const hn::Half<D> half;
    constexpr size_t kHalf = kBlocks / 2 * 16;
    return hn::Combine(d, LoadSources(half, sources + kHalf, r), LoadSources(half, sources, r));
  }
}
#endif

// Transposes characters [chunk * 16, chunk * 16 + 16) of a group's kSize candidates: row j
// of the block gets character chunk * 16 + j of every candidate. The kSize / 16 tiles of 16
// candidates sit side by side in one vector, a tile per 128-bit block, and four rounds of
// byte interleaving within blocks (pairing row k with row k + 8, each round moving one bit of
// the row index into the column index) transpose all of them at once. Bytes past a
// candidate's end are whatever follows it in the data, or kPad.
template <size_t kSize, typename T>
void TransposeChunk(const LaneJob& job, const Group<T>& g, size_t chunk, uint8_t* block) {
  const StringsView& candidates = *job.candidates;
  const uint8_t* data = reinterpret_cast<const uint8_t*>(candidates.data);
  const size_t start = chunk * kTile;
  const uint64_t* offsets = candidates.offsets + g.first;
  uint8_t* out = block + start * kSize;
#if HWY_TARGET == HWY_SCALAR || HWY_HAVE_SCALABLE
  for (size_t k = 0; k < kSize; ++k) {
    const size_t n = g.lengths[k];
    for (size_t j = 0; j < kTile; ++j) {
      out[j * kSize + k] = start + j < n ? data[offsets[k] + start + j] : kPad;
    }
  }
#else
  static constexpr uint8_t kPadBytes[kTile] = {kPad, kPad, kPad, kPad, kPad, kPad, kPad, kPad,
                                               kPad, kPad, kPad, kPad, kPad, kPad, kPad, kPad};
  const uint64_t data_end = candidates.offsets[candidates.size];
  const uint8_t* sources[kSize];
  alignas(16) uint8_t tails[kSize][kTile];
  for (size_t k = 0; k < kSize; ++k) {
    if (g.lengths[k] <= start) {
      sources[k] = kPadBytes;
      continue;
    }
    const uint64_t offset = offsets[k] + start;
    if (offset + kTile <= data_end) {
      sources[k] = data + offset;
    } else {  // the last bytes of the data: do not read past them
      std::memset(tails[k], kPad, kTile);
      std::memcpy(tails[k], data + offset, data_end - offset);
      sources[k] = tails[k];
    }
  }
  const hn::CappedTag<uint8_t, kSize> d;
  static_assert(hn::MaxLanes(decltype(d)()) == kSize, "one vector holds every tile");
  using V = hn::Vec<decltype(d)>;
  V rows[kTile], next[kTile];
  for (size_t r = 0; r < kTile; ++r) rows[r] = LoadSources(d, sources, r);
  for (int round = 0; round < 4; round += 2) {  // ping-pong between the two arrays
    for (size_t k = 0; k < kTile / 2; ++k) {
      next[2 * k] = hn::InterleaveLower(d, rows[k], rows[k + kTile / 2]);
      next[2 * k + 1] = hn::InterleaveUpper(d, rows[k], rows[k + kTile / 2]);
    }
    for (size_t k = 0; k < kTile / 2; ++k) {
      rows[2 * k] = hn::InterleaveLower(d, next[k], next[k + kTile / 2]);
      rows[2 * k + 1] = hn::InterleaveUpper(d, next[k], next[k + kTile / 2]);
    }
  }
  for (size_t j = 0; j < kTile; ++j) hn::StoreU(rows[j], d, out + j * kSize);
#endif
}

// Reads the group of max(L, 16) candidates from `first`: which the lanes take, their lengths
// and their transposed characters.
template <class D>
Group<hn::TFromD<D>> LoadGroup(D d, const LaneJob& job, size_t first, AlignedBuffer& lengths_buffer,
                               AlignedBuffer& block_buffer) {
  using T = hn::TFromD<D>;
  const size_t L = hn::Lanes(d);
  const StringsView& candidates = *job.candidates;
  Group<T> g;
  g.first = first;
  g.size = std::max(L, kTile);
  T* lengths = lengths_buffer.Get<T>(g.size);
  const size_t longest_text = job.longest_text;
  const uint8_t* skip = job.skip;
  const uint64_t* offsets = candidates.offsets;
  const size_t end = std::min(candidates.size, first + g.size);
  size_t longest = 0;
  for (size_t v = 0; v * L < g.size; ++v) {
    // Locals, not the struct's fields: stores through `lengths` (bytes, which may alias
    // anything) would otherwise send every update through memory.
    size_t used = 0, most = 0, least = std::numeric_limits<size_t>::max();
    for (size_t k = v * L; k < (v + 1) * L; ++k) {
      const size_t i = first + k;
      size_t n = i < end ? offsets[i + 1] - offsets[i] : 0;
      if (n > longest_text || (skip && i < end && skip[i])) n = 0;
      lengths[k] = static_cast<T>(n);
      used += n != 0;
      most = std::max(most, n);
      least = n ? std::min(least, n) : least;
    }
    g.stats[v] = LaneStats{used, most, least};
    longest = std::max(longest, most);
  }
  g.lengths = lengths;
  const size_t chunks = (longest + kTile - 1) / kTile;
  g.rows = chunks * kTile;
  uint8_t* block = block_buffer.Get<uint8_t>(std::max<size_t>(g.rows, 1) * g.size);
  constexpr size_t kSize = HWY_MAX(hn::MaxLanes(D()), kTile);
  for (size_t chunk = 0; chunk < chunks; ++chunk) TransposeChunk<kSize>(job, g, chunk, block);
  g.block = block;
  return g;
}

// Lanes taking fewer candidates than a quarter of their number cost more than the scalar
// scorer on those few.
inline bool WorthLanes(size_t used, size_t lanes) { return used > 0 && used * 4 >= lanes; }

// Lanes with bits [0, count) set; all bits when count >= the lane width.
template <class D>
HWY_INLINE hn::Vec<D> LowBits(D d, hn::Vec<D> count) {
  using T = hn::TFromD<D>;
  constexpr T kBits = sizeof(T) * 8;
  const auto one = hn::Set(d, T{1});
  // x86 has no per-lane shift of bytes, and Highway 1.0.3's 16-bit one needs SSE4 there.
  if constexpr (sizeof(T) == 1 || (sizeof(T) == 2 && HWY_TARGET == HWY_SSSE3)) {
    auto bits = hn::Zero(d);
    for (T b = 0; b < kBits; ++b) {
      bits = hn::Or(bits, hn::IfThenElseZero(hn::Gt(count, hn::Set(d, b)),
                                             hn::Set(d, static_cast<T>(T{1} << b))));
    }
    return bits;
  } else {
    const auto low = hn::Sub(hn::Shl(one, hn::Min(count, hn::Set(d, kBits - 1))), one);
    return hn::IfThenElse(hn::Lt(count, hn::Set(d, kBits)), low, hn::Not(hn::Zero(d)));
  }
}

// Levenshtein from the query to lanes [lane0, lane0 + L) of a group, one candidate per lane;
// see the top of the file. Per step: the Hyyrö column update on every lane at once, the
// bottom-row score, and the score of the lanes whose candidate ends at this step. Returns how
// many candidates it left to the scalar scorer.
template <class D, class Lookup>
size_t LevenshteinLanesOf(D d, const Lookup& lookup, const LaneJob& job,
                          const Group<hn::TFromD<D>>& g, size_t lane0) {
  using T = hn::TFromD<D>;
  const size_t L = hn::Lanes(d);
  const size_t m = job.query->text.size();
  const LaneStats lanes = g.stats[lane0 / L];
  const T* lengths = g.lengths + lane0;
  size_t* out = job.distances + g.first + lane0;
  const size_t valid = std::min(L, job.candidates->size - (g.first + lane0));
  if (!WorthLanes(lanes.used, L)) {
    for (size_t k = 0; k < valid; ++k) out[k] = kNotTaken;
    return valid;
  }
  const auto zero = hn::Zero(d);
  const auto one = hn::Set(d, T{1});
  const auto length = hn::LoadU(d, lengths);
  // Lane k is beyond the cutoff once score > max_distance + (n_k - 1 - j), i.e.
  // score + j > slack_k, with the cutoff clamped to the longer length as the scalar kernel
  // clamps it; lanes without a candidate (slack 0) always are. The sums fit the lane:
  // job.longest_text bounds them.
  const auto slack = hn::IfThenElseZero(
      hn::Ne(length, zero), hn::Sub(hn::Add(hn::Min(hn::Max(length, hn::Set(d, static_cast<T>(m))),
                                                    hn::Set(d, static_cast<T>(job.max_distance))),
                                            length),
                                    one));
  const int last_row = static_cast<int>(m - 1);
  const auto last_step = hn::Sub(length, one);  // no candidate: never
  auto vp = hn::Not(zero);
  auto vn = zero;
  auto score = hn::Set(d, static_cast<T>(m));
  auto result = score;
  bool beyond = false;
  const uint8_t* row = g.block + lane0;
  for (size_t j = 0; j < lanes.longest; ++j, row += g.size) {
    const auto step = hn::Set(d, static_cast<T>(j));
    const auto pm = lookup(d, LoadRow(d, row));
    const auto x = hn::Or(pm, vn);
    const auto d0 = hn::Or(hn::Xor(hn::Add(hn::And(x, vp), vp), vp), x);
    auto hp = hn::Or(vn, hn::Not(hn::Or(d0, vp)));
    auto hn_ = hn::And(vp, d0);
    score = hn::Add(score, hn::And(hn::ShiftRightSame(hp, last_row), one));
    score = hn::Sub(score, hn::And(hn::ShiftRightSame(hn_, last_row), one));
    result = hn::IfThenElse(hn::Eq(last_step, step), score, result);
    if (job.early_exit && j + 1 < lanes.shortest &&
        hn::AllTrue(d, hn::Gt(hn::Add(score, step), slack))) {
      beyond = true;
      break;
    }
    hp = hn::Or(hn::ShiftLeft<1>(hp), one);
    hn_ = hn::ShiftLeft<1>(hn_);
    vp = hn::Or(hn_, hn::Not(hn::Or(d0, hp)));
    vn = hn::And(hp, d0);
  }
  HWY_ALIGN T scores[hn::MaxLanes(d)];
  hn::Store(result, d, scores);
  const size_t cap = job.max_distance + 1;
  for (size_t k = 0; k < valid; ++k) {
    const size_t distance = beyond ? cap : std::min<size_t>(scores[k], cap);
    out[k] = lengths[k] ? distance : kNotTaken;
  }
  return valid - lanes.used;
}

// Jaro-Winkler of the query against lanes [lane0, lane0 + L) of a group. Pass one takes, for
// each text character, the lowest unmatched query position of its character inside its
// window (as JaroBitParallel does), keeps the character's mask where it matched, and counts
// the common prefix; pass two walks the text again and pairs the k-th matched text character
// with the k-th matched query position, counting those whose characters differ. The final
// arithmetic runs in double lanes. Returns how many candidates it left to the scalar scorer.
template <class D, class Lookup>
size_t JaroWinklerLanesOf(D d, const Lookup& lookup, const LaneJob& job,
                          const Group<hn::TFromD<D>>& g, size_t lane0,
                          AlignedBuffer& flagged_buffer) {
  using T = hn::TFromD<D>;
  const size_t L = hn::Lanes(d);
  const std::string_view query = job.query->text;
  const size_t m = query.size();
  const LaneStats lanes = g.stats[lane0 / L];
  const T* lengths = g.lengths + lane0;
  double* out = job.similarities + g.first + lane0;
  const size_t valid = std::min(L, job.candidates->size - (g.first + lane0));
  if (!WorthLanes(lanes.used, L)) {
    for (size_t k = 0; k < valid; ++k) out[k] = std::numeric_limits<double>::quiet_NaN();
    return valid;
  }
  const auto zero = hn::Zero(d);
  const auto one = hn::Set(d, T{1});
  const auto query_length = hn::Set(d, static_cast<T>(m));
  const auto length = hn::LoadU(d, lengths);
  // The window floor(max(m, n) / 2) - 1, at least 0. Text position j sees query positions
  // [j - window, j + window]; past m - 1 + window it sees none.
  auto window = hn::ShiftRight<1>(hn::Max(length, query_length));
  window = hn::IfThenElse(hn::Eq(window, zero), window, hn::Sub(window, one));
  const size_t steps = std::min(lanes.longest, m + internal::JaroWindow(m, lanes.longest));
  T* flagged = flagged_buffer.Get<T>(std::max<size_t>(steps, 1) * L);
  auto hi = LowBits(d, hn::Add(window, one));  // query positions <= j + window
  auto lo = hn::Not(zero);                     // query positions >= j - window
  auto matched = zero;
  auto prefix = zero;
  auto in_prefix = hn::Eq(zero, zero);
  const size_t prefix_end = std::min<size_t>(4, m);
  const uint8_t* row = g.block + lane0;
  for (size_t j = 0; j < steps; ++j, row += g.size) {
    const auto step = hn::Set(d, static_cast<T>(j));
    // Past its end a lane sees no character (mask 0), never what follows the candidate in
    // the data.
    const auto inside = hn::Gt(length, step);
    const auto text = LoadRow(d, row);
    if (j < prefix_end) {
      in_prefix = hn::And(
          in_prefix,
          hn::And(inside,
                  hn::Eq(text, hn::Set(d, static_cast<T>(static_cast<uint8_t>(query[j]))))));
      prefix = hn::Sub(prefix, hn::VecFromMask(d, in_prefix));
    }
    const auto pm = hn::IfThenElseZero(inside, lookup(d, text));
    const auto free = hn::AndNot(matched, hn::And(pm, hn::And(hi, lo)));
    const auto lowest = hn::And(free, hn::Sub(zero, free));
    matched = hn::Or(matched, lowest);
    hn::Store(hn::IfThenElseZero(hn::Ne(lowest, zero), pm), d, flagged + j * L);
    hi = hn::Or(hn::ShiftLeft<1>(hi), one);
    lo = hn::IfThenElse(hn::Gt(hn::Add(step, one), window), hn::ShiftLeft<1>(lo), lo);
  }
  auto remaining = matched;
  auto transposed = zero;
  for (size_t j = 0; j < steps; ++j) {
    const auto text_mask = hn::Load(d, flagged + j * L);
    const auto active = hn::Ne(text_mask, zero);
    const auto position = hn::And(remaining, hn::Sub(zero, remaining));
    const auto differs = hn::Eq(hn::And(text_mask, position), zero);
    transposed = hn::Sub(transposed, hn::VecFromMask(d, hn::And(active, differs)));
    remaining = hn::Xor(remaining, hn::IfThenElseZero(active, position));
  }
  // The counts as int32 for the double lanes: matches, half the mismatched positions (rounded
  // down, as JaroFromCounts takes them), lengths (1 where there is no candidate, to keep the
  // division quiet) and prefixes.
  HWY_ALIGN T counts[4][hn::MaxLanes(d)];
  hn::Store(hn::PopulationCount(matched), d, counts[0]);
  hn::Store(hn::ShiftRight<1>(transposed), d, counts[1]);
  hn::Store(hn::Max(length, one), d, counts[2]);
  hn::Store(prefix, d, counts[3]);
  HWY_ALIGN int32_t counts32[4][hn::MaxLanes(d)];
  for (size_t c = 0; c < 4; ++c) {
    for (size_t k = 0; k < L; ++k) counts32[c][k] = static_cast<int32_t>(counts[c][k]);
  }
  // internal::JaroFromCounts, WinklerBoost and the cutoffs, in the same operations.
  const hn::ScalableTag<double> dd;
  const hn::Rebind<int32_t, decltype(dd)> di;
  const size_t Ld = hn::Lanes(dd);
  const auto dzero = hn::Zero(dd);
  const auto dquery_length = hn::Set(dd, static_cast<double>(m));
  HWY_ALIGN double results[hn::MaxLanes(dd)];
  for (size_t k = 0; k < valid; k += Ld) {
    const auto matches = hn::PromoteTo(dd, hn::LoadU(di, counts32[0] + k));
    const auto half = hn::PromoteTo(dd, hn::LoadU(di, counts32[1] + k));
    const auto text_length = hn::PromoteTo(dd, hn::LoadU(di, counts32[2] + k));
    const auto common = hn::PromoteTo(dd, hn::LoadU(di, counts32[3] + k));
    auto jaro =
        hn::Div(hn::Add(hn::Add(hn::Div(matches, dquery_length), hn::Div(matches, text_length)),
                        hn::Div(hn::Sub(matches, half), matches)),
                hn::Set(dd, 3.0));
    jaro = hn::IfThenZeroElse(hn::Eq(matches, dzero), jaro);
    auto jaro_cutoff = hn::Set(dd, job.jaro_cutoffs[0]);
    for (int p = 1; p <= 4; ++p) {
      jaro_cutoff = hn::IfThenElse(hn::Eq(common, hn::Set(dd, static_cast<double>(p))),
                                   hn::Set(dd, job.jaro_cutoffs[p]), jaro_cutoff);
    }
    jaro = hn::IfThenElseZero(hn::Ge(jaro, jaro_cutoff), jaro);
    const auto boost =
        hn::Mul(hn::Mul(common, hn::Set(dd, job.prefix_weight)), hn::Sub(hn::Set(dd, 1.0), jaro));
    const auto jaro_winkler =
        hn::IfThenElse(hn::Gt(jaro, hn::Set(dd, job.boost_threshold)), hn::Add(jaro, boost), jaro);
    hn::Store(hn::IfThenElseZero(hn::Ge(jaro_winkler, hn::Set(dd, job.score_cutoff)), jaro_winkler),
              dd, results);
    for (size_t i = 0; i < Ld && k + i < valid; ++i) {
      out[k + i] = lengths[k + i] ? results[i] : std::numeric_limits<double>::quiet_NaN();
    }
  }
  return valid - lanes.used;
}

// The lane width each query length takes, and the lookup its distinct characters allow.
template <template <class, class> class Kernel>
size_t Dispatch(const LaneJob& job) {
  const size_t m = job.query->text.size();
  const bool compare = job.query->distinct <= batch_internal::kMaxCompareLookups;
  // A block of at most 16 candidates takes 16 lanes, not a whole vector of mostly empty ones.
  const bool small = job.candidates->size <= kTile;
  if (m <= 8) {
    if (small) {
      const hn::CappedTag<uint8_t, kTile> d;
      return Kernel<decltype(d), CompareLookup<decltype(d)>>::Run(d, job);
    }
    const hn::ScalableTag<uint8_t> d;
    return Kernel<decltype(d), CompareLookup<decltype(d)>>::Run(d, job);
  }
  if (m <= 16) {
    if (small) {
      const hn::CappedTag<uint16_t, kTile> d;
      return Kernel<decltype(d), CompareLookup<decltype(d)>>::Run(d, job);
    }
    const hn::ScalableTag<uint16_t> d;
    return Kernel<decltype(d), CompareLookup<decltype(d)>>::Run(d, job);
  }
  if (m <= 32) {
    const hn::ScalableTag<uint32_t> d;
    if (compare) return Kernel<decltype(d), CompareLookup<decltype(d)>>::Run(d, job);
    return Kernel<decltype(d), GatherLookup<decltype(d)>>::Run(d, job);
  }
  const hn::ScalableTag<uint64_t> d;
  if (compare) return Kernel<decltype(d), CompareLookup<decltype(d)>>::Run(d, job);
  return Kernel<decltype(d), GatherLookup<decltype(d)>>::Run(d, job);
}

// Runs a kernel over every group: max(lanes, 16) candidates transposed at once, then scored
// a vector of lanes at a time. Returns how many candidates were left to the scalar scorer.
template <class D, class Lookup>
struct LevenshteinKernel {
  static size_t Run(D d, const LaneJob& job) {
    thread_local AlignedBuffer lengths_buffer, block_buffer;
    const Lookup lookup(d, *job.query);
    const size_t L = hn::Lanes(d);
    size_t not_taken = 0;
    for (size_t first = 0; first < job.candidates->size; first += std::max(L, kTile)) {
      const auto g = LoadGroup(d, job, first, lengths_buffer, block_buffer);
      for (size_t lane0 = 0; lane0 < g.size && first + lane0 < job.candidates->size; lane0 += L) {
        not_taken += LevenshteinLanesOf(d, lookup, job, g, lane0);
      }
    }
    return not_taken;
  }
};

template <class D, class Lookup>
struct JaroWinklerKernel {
  static size_t Run(D d, const LaneJob& job) {
    thread_local AlignedBuffer lengths_buffer, block_buffer, flagged_buffer;
    const Lookup lookup(d, *job.query);
    const size_t L = hn::Lanes(d);
    size_t not_taken = 0;
    for (size_t first = 0; first < job.candidates->size; first += std::max(L, kTile)) {
      const auto g = LoadGroup(d, job, first, lengths_buffer, block_buffer);
      for (size_t lane0 = 0; lane0 < g.size && first + lane0 < job.candidates->size; lane0 += L) {
        not_taken += JaroWinklerLanesOf(d, lookup, job, g, lane0, flagged_buffer);
      }
    }
    return not_taken;
  }
};

}  // namespace

// The entry points of each target: a result for every candidate, kNotTaken / NaN where the
// caller must score it with the scalar kernels; they return how many those are.
size_t LevenshteinLanes(const LaneJob& job) { return Dispatch<LevenshteinKernel>(job); }
size_t JaroWinklerLanes(const LaneJob& job) { return Dispatch<JaroWinklerKernel>(job); }

// Whether every byte is below 0x80, a vector at a time.
bool AllAscii(const uint8_t* bytes, size_t size) {
  const hn::ScalableTag<uint8_t> d;
  const size_t L = hn::Lanes(d);
  auto any = hn::Zero(d);
  size_t i = 0;
  for (; i + L <= size; i += L) any = hn::Or(any, hn::LoadU(d, bytes + i));
  uint8_t rest = 0;
  for (; i < size; ++i) rest |= bytes[i];
  const hn::RebindToSigned<decltype(d)> di;
  return rest < 0x80 && hn::AllFalse(di, hn::Lt(hn::BitCast(di, any), hn::Zero(di)));
}

}  // namespace HWY_NAMESPACE
}  // namespace sameas
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace sameas {

HWY_EXPORT(LevenshteinLanes);
HWY_EXPORT(JaroWinklerLanes);
HWY_EXPORT(AllAscii);

namespace {

using batch_internal::kNotTaken;
using batch_internal::LaneJob;
using batch_internal::LaneQuery;

// The longest candidate the lanes take for a query of this length: in 8-bit lanes, scores,
// window bounds and cutoff sums must fit a byte.
size_t LongestLaneText(size_t query_length) {
  if (query_length <= 8) return 120;
  if (query_length <= 16) return 30000;
  return static_cast<size_t>(std::numeric_limits<uint32_t>::max()) / 4;
}

// The query and the candidates in the lanes' byte alphabet: ASCII as it is, each distinct
// non-ASCII code point of the query as 0xC0 + its index, every other code point as 0x80.
// Levenshtein, Jaro and the Winkler prefix only ever compare a query character with a
// candidate character, never two candidate characters with each other, so merging the code
// points the query lacks into one byte changes no score; and a string of n code points
// becomes n bytes. So non-ASCII names take the lanes too.
class LaneAlphabet {
 public:
  /// False when the lanes cannot take the query: empty, or more than 64 code points.
  bool Init(std::string_view query) {
    query_.clear();
    count_ = 0;
    if (IsAscii(query)) {
      query_.assign(query);
    } else {
      DecodeUtf8(query, &scratch_);
      if (scratch_.size() > internal::kWordBits) return false;
      for (char32_t c : scratch_) {
        if (c < 0x80) {
          query_.push_back(static_cast<char>(c));
          continue;
        }
        size_t k = 0;
        while (k < count_ && code_points_[k] != c) ++k;
        if (k == count_) code_points_[count_++] = c;
        query_.push_back(static_cast<char>(0xC0 + k));
      }
    }
    return !query_.empty() && query_.size() <= internal::kWordBits;
  }

  std::string_view query() const { return query_; }

  /// Appends the recoding of UTF-8 `text`: one byte per code point, decoded as DecodeUtf8
  /// decodes (a malformed byte is one U+FFFD), without a code-point buffer in between.
  void Recode(std::string_view text, std::string* out) const {
    const size_t start = out->size();
    out->resize(start + text.size());  // never more bytes than the text has
    char* write = out->data() + start;
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    auto continuation = [&](size_t i) { return (s[i] & 0xC0) == 0x80; };
    for (size_t i = 0; i < n;) {
      const unsigned char c = s[i];
      if (c < 0x80) {
        *write++ = static_cast<char>(c);
        ++i;
        continue;
      }
      char32_t cp = 0xFFFD;
      size_t length = 1;
      if ((c >> 5) == 0x6 && i + 1 < n && continuation(i + 1)) {
        cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
        length = 2;
      } else if ((c >> 4) == 0xE && i + 2 < n && continuation(i + 1) && continuation(i + 2)) {
        cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
        length = 3;
      } else if ((c >> 3) == 0x1E && i + 3 < n && continuation(i + 1) && continuation(i + 2) &&
                 continuation(i + 3)) {
        cp = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) |
             (s[i + 3] & 0x3Fu);
        length = 4;
      }
      size_t k = 0;
      while (k < count_ && code_points_[k] != cp) ++k;
      *write++ = static_cast<char>(k < count_ ? 0xC0 + k : 0x80);
      i += length;
    }
    out->resize(static_cast<size_t>(write - out->data()));
  }

 private:
  std::string query_;
  std::array<char32_t, 64> code_points_;  // the query's non-ASCII code points
  size_t count_ = 0;
  std::u32string scratch_;
};

// The candidates that are not ASCII, recoded into the lanes' alphabet: `view` over them and
// `index`, the position of each in the caller's list. Empty when every candidate is ASCII.
struct Recoded {
  std::vector<uint32_t> index;
  std::string data;
  std::vector<uint64_t> offsets;
  StringsView view;
};

// Per candidate, 1 where it is not ASCII (null when every one is), and those recoded.
const uint8_t* RecodeNonAscii(const StringsView& candidates, LaneAlphabet& alphabet,
                              std::vector<uint8_t>& skip, Recoded& recoded) {
  recoded.index.clear();
  if (candidates.size == 0) return nullptr;
  const uint64_t begin = candidates.offsets[0], end = candidates.offsets[candidates.size];
  if (HWY_DYNAMIC_DISPATCH(AllAscii)(reinterpret_cast<const uint8_t*>(candidates.data) + begin,
                                     end - begin)) {
    return nullptr;
  }
  skip.resize(candidates.size);
  recoded.data.clear();
  recoded.offsets.assign(1, 0);
  for (size_t i = 0; i < candidates.size; ++i) {
    skip[i] = !IsAscii(candidates[i]);
    if (!skip[i]) continue;
    recoded.index.push_back(static_cast<uint32_t>(i));
    alphabet.Recode(candidates[i], &recoded.data);
    recoded.offsets.push_back(recoded.data.size());
  }
  recoded.view = StringsView{recoded.offsets.data(), recoded.data.data(), recoded.index.size()};
  return skip.data();
}

// Per-thread scratch of the one-against-many functions.
struct BatchScratch {
  LaneAlphabet alphabet;
  std::vector<uint8_t> skip;
  Recoded recoded;
  std::vector<size_t> distances;
  std::vector<double> similarities;
};

BatchScratch& Scratch() {
  thread_local BatchScratch scratch;
  return scratch;
}

// The cached scalar scorers of one query: on bytes when query and candidate are both ASCII,
// on code points otherwise (as WithCodePoints chooses), each built on first use, so that a
// block the lanes take whole builds neither.
template <template <typename> class Cached, typename... Args>
class ScalarScorers {
 public:
  explicit ScalarScorers(std::string_view query, Args... args)
      : query_(query), query_ascii_(IsAscii(query)), args_(args...) {}

  bool query_ascii() const { return query_ascii_; }

  /// fn(scorer, candidate) with the scorer and candidate view of the right character type.
  template <typename Fn>
  auto Score(std::string_view candidate, Fn&& fn) {
    if (query_ascii_ && IsAscii(candidate)) {
      if (!bytes_) {
        std::apply([&](auto... a) { bytes_.emplace(query_, a...); }, args_);
      }
      return fn(*bytes_, candidate);
    }
    if (!code_points_) {
      DecodeUtf8(query_, &query32_);
      std::apply([&](auto... a) { code_points_.emplace(std::u32string_view(query32_), a...); },
                 args_);
    }
    DecodeUtf8(candidate, &text32_);
    return fn(*code_points_, std::u32string_view(text32_));
  }

 private:
  std::string_view query_;
  bool query_ascii_;
  std::tuple<Args...> args_;
  std::optional<Cached<char>> bytes_;
  std::optional<Cached<char32_t>> code_points_;
  std::u32string query32_, text32_;
};

}  // namespace

void BatchLevenshtein(std::string_view query, const StringsView& candidates, size_t max_distance,
                      std::span<size_t> out) {
  ScalarScorers<CachedLevenshtein> scorers(query);
  auto scalar = [&](size_t i) {
    return scorers.Score(candidates[i], [&](const auto& scorer, auto candidate) {
      return scorer.Distance(candidate, max_distance);
    });
  };
  BatchScratch& s = Scratch();
  if (!s.alphabet.Init(query)) {
    for (size_t i = 0; i < candidates.size; ++i) out[i] = scalar(i);
    return;
  }
  const LaneQuery lane_query(s.alphabet.query());
  const size_t m = lane_query.text.size();
  LaneJob job;
  job.query = &lane_query;
  job.candidates = &candidates;
  job.skip = RecodeNonAscii(candidates, s.alphabet, s.skip, s.recoded);
  job.longest_text = LongestLaneText(m);
  // No distance exceeds the longer length, so a larger cutoff changes nothing; clamped, it
  // keeps the lanes' sums small. The lanes cap distances at job.max_distance + 1, which is
  // max_distance + 1 whenever a distance can exceed max_distance at all.
  job.max_distance = std::min(max_distance, m + job.longest_text);
  job.early_exit = max_distance < m + job.longest_text;
  job.distances = out.data();
  size_t not_taken = HWY_DYNAMIC_DISPATCH(LevenshteinLanes)(job);
  if (!s.recoded.index.empty()) {
    // The non-ASCII candidates, which the first pass skipped, in the lanes' alphabet.
    s.distances.resize(s.recoded.index.size());
    job.candidates = &s.recoded.view;
    job.skip = nullptr;
    job.distances = s.distances.data();
    not_taken += HWY_DYNAMIC_DISPATCH(LevenshteinLanes)(job);
    for (size_t k = 0; k < s.recoded.index.size(); ++k) {
      out[s.recoded.index[k]] = s.distances[k];
    }
    not_taken -= s.recoded.index.size();  // counted once by each pass
  }
  if (not_taken == 0) return;
  for (size_t i = 0; i < candidates.size; ++i) {
    if (out[i] == kNotTaken) out[i] = scalar(i);
  }
}

void BatchJaroWinkler(std::string_view query, const StringsView& candidates, std::span<double> out,
                      double score_cutoff, double prefix_weight, double boost_threshold) {
  ScalarScorers<CachedJaroWinkler, double, double> scorers(query, prefix_weight, boost_threshold);
  auto scalar = [&](size_t i) {
    return scorers.Score(candidates[i], [&](const auto& scorer, auto candidate) {
      return scorer.Similarity(candidate, score_cutoff);
    });
  };
  BatchScratch& s = Scratch();
  if (!s.alphabet.Init(query)) {
    for (size_t i = 0; i < candidates.size; ++i) out[i] = scalar(i);
    return;
  }
  const LaneQuery lane_query(s.alphabet.query());
  LaneJob job;
  job.query = &lane_query;
  job.candidates = &candidates;
  job.skip = RecodeNonAscii(candidates, s.alphabet, s.skip, s.recoded);
  job.longest_text = LongestLaneText(lane_query.text.size());
  job.score_cutoff = score_cutoff;
  job.prefix_weight = prefix_weight;
  job.boost_threshold = boost_threshold;
  for (size_t prefix = 0; prefix <= 4; ++prefix) {
    job.jaro_cutoffs[prefix] =
        internal::JaroCutoffForJaroWinkler(score_cutoff, prefix, prefix_weight, boost_threshold);
  }
  job.similarities = out.data();
  size_t not_taken = HWY_DYNAMIC_DISPATCH(JaroWinklerLanes)(job);
  if (!s.recoded.index.empty()) {
    s.similarities.resize(s.recoded.index.size());
    job.candidates = &s.recoded.view;
    job.skip = nullptr;
    job.similarities = s.similarities.data();
    not_taken += HWY_DYNAMIC_DISPATCH(JaroWinklerLanes)(job);
    for (size_t k = 0; k < s.recoded.index.size(); ++k) {
      out[s.recoded.index[k]] = s.similarities[k];
    }
    not_taken -= s.recoded.index.size();
  }
  if (not_taken == 0) return;
  for (size_t i = 0; i < candidates.size; ++i) {
    if (std::isnan(out[i])) out[i] = scalar(i);
  }
}

namespace {

// Pairs per chunk: small enough to balance threads, large enough that taking a chunk costs
// nothing beside scoring it. Every pair's score depends on that pair alone.
constexpr size_t kPairChunk = 2048;

// Runs `score_chunk(begin, end)` over [0, size) in chunks of kPairChunk on the pool, with
// `threads` threads (0: one per hardware thread).
template <typename ChunkFn>
void ForEachChunk(size_t size, int threads, ChunkFn score_chunk) {
  if (threads <= 0) threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  internal::ParallelChunks(
      size, kPairChunk, [&](size_t, size_t begin, size_t end) { score_chunk(begin, end); },
      threads);
}

}  // namespace

void PairwiseLevenshtein(const StringsView& a, const StringsView& b, std::span<size_t> out,
                         size_t max_distance, const PairwiseOptions& options) {
  ForEachChunk(out.size(), options.threads, [&](size_t begin, size_t end) {
    std::u32string sa, sb;
    for (size_t i = begin; i < end; ++i) {
      out[i] = WithCodePoints(a[i], b[i], &sa, &sb,
                              [&](auto x, auto y) { return Levenshtein(x, y, max_distance); });
    }
  });
}

void PairwiseJaroWinkler(const StringsView& a, const StringsView& b, std::span<double> out,
                         double score_cutoff, double prefix_weight, double boost_threshold,
                         const PairwiseOptions& options) {
  ForEachChunk(out.size(), options.threads, [&](size_t begin, size_t end) {
    std::u32string sa, sb;
    for (size_t i = begin; i < end; ++i) {
      out[i] = WithCodePoints(a[i], b[i], &sa, &sb, [&](auto x, auto y) {
        using CharT = typename decltype(x)::value_type;
        return internal::JaroWinkler<CharT>(x, y, prefix_weight, boost_threshold, score_cutoff);
      });
    }
  });
}

}  // namespace sameas
#endif  // HWY_ONCE
