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
//   Jaro:        the matched query positions and the lower and upper window masks.
// A lane has as many bits as the query has characters, rounded up to 8, 16, 32 or 64, so one
// AVX-512 vector scores 64, 32, 16 or 8 candidates per step (AVX2 half as many):
//
//     lane:      0          1          2               L-1
//     VP      [vp(c0)  ] [vp(c1)  ] [vp(c2)  ]  ...  [vp(cL-1)]   one T-bit word each
//     text j  [c0[j]   ] [c1[j]   ] [c2[j]   ]  ...  [cL-1[j] ]   row j of the transposed block
//     mask    [PM(c0[j])] ...                                     from the shared query masks
//
// Candidates enter the lanes sorted by length (a counting sort), so that the lanes of a group
// finish together; a group's characters are transposed so that row j holds character j of
// every lane's candidate, and one load feeds every lane at step j. Shorter candidates are
// padded with 0x80, which no ASCII query contains (its mask is 0), and Levenshtein takes each
// lane's score at the lane's own last step. Each lane's mask comes from comparing its
// character with the query's distinct characters (names have ten or so); a query with many
// distinct characters gathers from the 256-entry table of its masks instead (32- and 64-bit
// lanes only). Non-ASCII strings, queries longer than 64 characters and lists too short to
// fill a vector take the cached scalar scorers.

// Types shared by every target, defined once however often foreach_target includes this file.
#ifndef SAMEAS_LIB_SIMILARITY_BATCH_SHARED_
#define SAMEAS_LIB_SIMILARITY_BATCH_SHARED_

#include "sameas/similarity/batch.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
#include <vector>

#include "hwy/aligned_allocator.h"
#include "sameas/internal/jaro_impl.h"
#include "sameas/internal/levenshtein_impl.h"
#include "sameas/similarity/code_points.h"
#include "sameas/similarity/jaro_winkler.h"
#include "sameas/similarity/levenshtein.h"

namespace sameas::batch_internal {

/// The query as the SIMD kernels read it: ASCII, 1..64 characters.
struct LaneQuery {
  std::string_view text;
  /// table[c]: bit i set when text[i] == c; 0 for bytes >= 0x80, the padding among them.
  std::array<uint64_t, 256> table{};
  /// The distinct characters of the query and their masks, for lookup by comparison.
  size_t distinct = 0;
  std::array<uint8_t, 64> chars{};
  std::array<uint64_t, 64> char_masks{};

  explicit LaneQuery(std::string_view query) : text(query) {
    uint64_t bit = 1;
    for (char c : query) {
      table[static_cast<unsigned char>(c)] |= bit;
      bit <<= 1;
    }
    for (size_t c = 0; c < 128; ++c) {
      if (table[c] == 0) continue;
      chars[distinct] = static_cast<uint8_t>(c);
      char_masks[distinct] = table[c];
      ++distinct;
    }
  }
};

/// What one call hands to the per-target kernels: the query, the candidates in the order
/// they are to enter the lanes (sorted by length), and where the results go.
struct LaneJob {
  const LaneQuery* query = nullptr;
  const StringsView* candidates = nullptr;
  const uint32_t* order = nullptr;  // candidate indices, shortest first
  size_t count = 0;
  /// Levenshtein: the cutoff, and whether it can stop a group early.
  size_t max_distance = 0;
  bool early_exit = false;
  /// Levenshtein: distances (at most max_distance + 1), by position in `order`.
  uint32_t* distances = nullptr;
  /// Jaro: matching characters and mismatched matched positions (twice the transpositions),
  /// by position in `order`.
  uint32_t* matches = nullptr;
  uint32_t* transposed = nullptr;
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

/// The byte that pads short candidates in a transposed block: not ASCII, so no query has it.
inline constexpr uint8_t kPad = 0x80;

/// Queries with more distinct characters than this look their masks up by gather.
inline constexpr size_t kMaxCompareLookups = 16;

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
using batch_internal::kPad;
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
    for (size_t c = 0; c < 256; ++c) table_[c] = static_cast<T>(query.table[c]);
  }
  HWY_INLINE hn::Vec<D> operator()(D d, hn::Vec<D> text) const {
    const hn::RebindToSigned<D> di;
    return hn::GatherIndex(d, table_.data(), hn::BitCast(di, text));
  }

 private:
  alignas(64) std::array<T, 256> table_;
};

// Writes the candidates order[first, first + lanes) into a transposed block: row j holds
// character j of every lane's candidate, kPad past its end and in unused lanes. Returns the
// number of rows (the longest length).
template <class D>
size_t Transpose(D d, const LaneJob& job, size_t first, size_t lanes, hn::TFromD<D>* block,
                 hn::TFromD<D>* lengths) {
  using T = hn::TFromD<D>;
  const size_t L = hn::Lanes(d);
  const StringsView& candidates = *job.candidates;
  size_t rows = 0;
  for (size_t k = 0; k < lanes; ++k) {
    const uint32_t index = job.order[first + k];
    rows = std::max<size_t>(rows, candidates.offsets[index + 1] - candidates.offsets[index]);
  }
  const auto pad = hn::Set(d, static_cast<T>(kPad));
  for (size_t j = 0; j < rows; ++j) hn::Store(pad, d, block + j * L);
  hn::Store(hn::Zero(d), d, lengths);
  for (size_t k = 0; k < lanes; ++k) {
    const std::string_view text = candidates[job.order[first + k]];
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    T* column = block + k;
    for (size_t j = 0; j < text.size(); ++j) column[j * L] = static_cast<T>(bytes[j]);
    lengths[k] = static_cast<T>(text.size());
  }
  return rows;
}

// How many of the sorted candidates go through the lanes: every full group, and a last
// partial one when it fills at least a quarter of the lanes (below that the scalar scorer is
// quicker than a mostly empty vector).
inline size_t LaneCandidates(size_t count, size_t lanes) {
  const size_t full = count / lanes * lanes;
  const size_t rest = count - full;
  return rest * 4 >= lanes ? count : full;
}

// Levenshtein from the query to each candidate in `job`, one candidate per lane; see the top
// of the file. Per step: the Hyyrö column update on every lane at once, the bottom-row score,
// and the score of the lanes whose candidate ends at this step.
template <class D, class Lookup>
size_t LevenshteinLanesT(D d, const Lookup& lookup, const LaneJob& job) {
  using T = hn::TFromD<D>;
  const size_t L = hn::Lanes(d);
  const size_t m = job.query->text.size();
  const size_t count = LaneCandidates(job.count, L);
  thread_local AlignedBuffer block_buffer;
  thread_local AlignedBuffer lane_buffer;
  T* lengths = lane_buffer.Get<T>(3 * L);
  T* slack = lengths + L;
  T* scores = slack + L;

  const auto zero = hn::Zero(d);
  const auto one = hn::Set(d, T{1});
  const auto ones = hn::Not(zero);
  const int last_row = static_cast<int>(m - 1);
  for (size_t first = 0; first < count; first += L) {
    const size_t lanes = std::min(L, count - first);
    const size_t longest = job.candidates->offsets[job.order[first + lanes - 1] + 1] -
                           job.candidates->offsets[job.order[first + lanes - 1]];
    T* block = block_buffer.Get<T>(std::max<size_t>(longest, 1) * L);
    const size_t rows = Transpose(d, job, first, lanes, block, lengths);
    // Lane k is beyond its cutoff once score > max_distance + (n_k - 1 - j), i.e.
    // score + j > slack_k; unused lanes (slack 0) always are.
    size_t shortest = rows;
    for (size_t k = 0; k < L; ++k) {
      const size_t n = lengths[k];
      if (k < lanes) shortest = std::min(shortest, n);
      slack[k] =
          k < lanes ? static_cast<T>(std::min(job.max_distance, std::max(m, n)) + n - 1) : T{0};
    }
    const auto last_step = hn::Sub(hn::Load(d, lengths), one);  // unused lanes: never
    const auto slack_v = hn::Load(d, slack);
    auto vp = ones;
    auto vn = zero;
    auto score = hn::Set(d, static_cast<T>(m));
    auto result = score;
    bool beyond = false;
    for (size_t j = 0; j < rows; ++j) {
      const auto pm = lookup(d, hn::Load(d, block + j * L));
      const auto x = hn::Or(pm, vn);
      const auto d0 = hn::Or(hn::Xor(hn::Add(hn::And(x, vp), vp), vp), x);
      auto hp = hn::Or(vn, hn::Not(hn::Or(d0, vp)));
      auto hn_ = hn::And(vp, d0);
      score = hn::Add(score, hn::And(hn::ShiftRightSame(hp, last_row), one));
      score = hn::Sub(score, hn::And(hn::ShiftRightSame(hn_, last_row), one));
      result = hn::IfThenElse(hn::Eq(last_step, hn::Set(d, static_cast<T>(j))), score, result);
      if (job.early_exit && j + 1 < shortest &&
          hn::AllTrue(d, hn::Gt(hn::Add(score, hn::Set(d, static_cast<T>(j))), slack_v))) {
        beyond = true;
        break;
      }
      hp = hn::Or(hn::ShiftLeft<1>(hp), one);
      hn_ = hn::ShiftLeft<1>(hn_);
      vp = hn::Or(hn_, hn::Not(hn::Or(d0, hp)));
      vn = hn::And(hp, d0);
    }
    hn::Store(result, d, scores);
    const size_t cap = job.max_distance + 1;
    for (size_t k = 0; k < lanes; ++k) {
      const size_t distance = beyond ? cap : std::min<size_t>(scores[k], cap);
      job.distances[first + k] = static_cast<uint32_t>(distance);
    }
  }
  return count;
}

// Jaro's matches and transpositions of the query against each candidate, one per lane.
// Pass one takes, for each text character, the lowest unmatched query position of its
// character inside its window (as JaroBitParallel does) and keeps the character's mask where
// it matched; pass two walks the text again and pairs the k-th matched text character with
// the k-th matched query position, counting those whose characters differ.
template <class D, class Lookup>
size_t JaroLanesT(D d, const Lookup& lookup, const LaneJob& job) {
  using T = hn::TFromD<D>;
  constexpr size_t kBits = sizeof(T) * 8;
  const size_t L = hn::Lanes(d);
  const size_t m = job.query->text.size();
  const size_t count = LaneCandidates(job.count, L);
  thread_local AlignedBuffer block_buffer;
  thread_local AlignedBuffer matched_buffer;
  thread_local AlignedBuffer lane_buffer;
  T* lengths = lane_buffer.Get<T>(5 * L);
  T* windows = lengths + L;
  T* upper = windows + L;
  T* counts = upper + L;
  T* mismatches = counts + L;

  const auto zero = hn::Zero(d);
  const auto one = hn::Set(d, T{1});
  for (size_t first = 0; first < count; first += L) {
    const size_t lanes = std::min(L, count - first);
    const size_t longest = job.candidates->offsets[job.order[first + lanes - 1] + 1] -
                           job.candidates->offsets[job.order[first + lanes - 1]];
    T* block = block_buffer.Get<T>(std::max<size_t>(longest, 1) * L);
    Transpose(d, job, first, lanes, block, lengths);
    // Text position j sees query positions [j - window, j + window]; past m - 1 + window it
    // sees none.
    size_t steps = 0;
    for (size_t k = 0; k < L; ++k) {
      const size_t window = internal::JaroWindow(m, k < lanes ? lengths[k] : m);
      windows[k] = static_cast<T>(window);  // fits: LongestLaneText bounds the length
      upper[k] =
          window + 1 >= kBits ? static_cast<T>(~T{0}) : static_cast<T>((T{1} << (window + 1)) - 1);
      if (k < lanes) steps = std::max(steps, std::min<size_t>(lengths[k], m + window));
    }
    T* flagged = matched_buffer.Get<T>(std::max<size_t>(steps, 1) * L);
    const auto window_v = hn::Load(d, windows);
    auto hi = hn::Load(d, upper);  // query positions <= j + window
    auto lo = hn::Not(zero);       // query positions >= j - window
    auto matched = zero;
    for (size_t j = 0; j < steps; ++j) {
      const auto pm = lookup(d, hn::Load(d, block + j * L));
      const auto free = hn::AndNot(matched, hn::And(pm, hn::And(hi, lo)));
      const auto lowest = hn::And(free, hn::Sub(zero, free));
      matched = hn::Or(matched, lowest);
      hn::Store(hn::IfThenElseZero(hn::Ne(lowest, zero), pm), d, flagged + j * L);
      hi = hn::Or(hn::ShiftLeft<1>(hi), one);
      lo = hn::IfThenElse(hn::Lt(window_v, hn::Set(d, static_cast<T>(j + 1))), hn::ShiftLeft<1>(lo),
                          lo);
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
    hn::Store(hn::PopulationCount(matched), d, counts);
    hn::Store(transposed, d, mismatches);
    for (size_t k = 0; k < lanes; ++k) {
      job.matches[first + k] = counts[k];
      job.transposed[first + k] = mismatches[k];
    }
  }
  return count;
}

// The lane width each query length takes, and the lookup its distinct characters allow.
template <template <class, class> class Kernel>
size_t Dispatch(const LaneJob& job) {
  const size_t m = job.query->text.size();
  const bool compare = job.query->distinct <= batch_internal::kMaxCompareLookups;
  if (m <= 8) {
    const hn::ScalableTag<uint8_t> d;
    return Kernel<decltype(d), CompareLookup<decltype(d)>>::Run(d, job);
  }
  if (m <= 16) {
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

template <class D, class Lookup>
struct LevenshteinKernel {
  static size_t Run(D d, const LaneJob& job) {
    const Lookup lookup(d, *job.query);
    return LevenshteinLanesT(d, lookup, job);
  }
};

template <class D, class Lookup>
struct JaroKernel {
  static size_t Run(D d, const LaneJob& job) {
    const Lookup lookup(d, *job.query);
    return JaroLanesT(d, lookup, job);
  }
};

}  // namespace

// The entry points of each target. Each returns how many of the sorted candidates it scored
// (a prefix of `job.order`); the caller scores the rest with the scalar kernels.
size_t LevenshteinLanes(const LaneJob& job) { return Dispatch<LevenshteinKernel>(job); }
size_t JaroLanes(const LaneJob& job) { return Dispatch<JaroKernel>(job); }

}  // namespace HWY_NAMESPACE
}  // namespace sameas
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace sameas {

HWY_EXPORT(LevenshteinLanes);
HWY_EXPORT(JaroLanes);

namespace {

using batch_internal::LaneJob;
using batch_internal::LaneQuery;

// Candidates longer than this go to the scalar scorer when the lanes are 8 bits wide (whose
// scores and window bounds must fit a byte), and sort into one bucket at the end.
constexpr size_t kLongest8BitText = 120;
constexpr size_t kLongest16BitText = 30000;
constexpr size_t kSortBuckets = 256;

// Per-thread scratch of the one-against-many functions.
struct BatchScratch {
  std::vector<uint32_t> eligible;  // candidate indices for the lanes, in input order
  std::vector<uint32_t> order;     // the same, sorted by length
  std::vector<uint32_t> bucket_starts;
  std::vector<uint32_t> results;
  std::vector<uint32_t> results2;
};

BatchScratch& Scratch() {
  thread_local BatchScratch scratch;
  return scratch;
}

size_t LongestLaneText(size_t query_length) {
  if (query_length <= 8) return kLongest8BitText;
  if (query_length <= 16) return kLongest16BitText;
  return static_cast<size_t>(UINT32_MAX) / 2;
}

// Sorts `eligible` by candidate length into `order` (counting sort, stable).
void SortByLength(const StringsView& candidates, BatchScratch& s) {
  s.bucket_starts.assign(kSortBuckets + 1, 0);
  auto bucket = [&](uint32_t index) {
    return std::min<size_t>(candidates.offsets[index + 1] - candidates.offsets[index],
                            kSortBuckets - 1);
  };
  for (uint32_t index : s.eligible) ++s.bucket_starts[bucket(index) + 1];
  for (size_t b = 1; b <= kSortBuckets; ++b) s.bucket_starts[b] += s.bucket_starts[b - 1];
  s.order.resize(s.eligible.size());
  for (uint32_t index : s.eligible) s.order[s.bucket_starts[bucket(index)]++] = index;
}

// Whether the lanes can take this query at all: ASCII, 1..64 characters.
bool LanesTakeQuery(std::string_view query) {
  return !query.empty() && query.size() <= internal::kWordBits && IsAscii(query);
}

bool AllAscii(const StringsView& candidates) {
  if (candidates.size == 0) return true;
  const uint64_t begin = candidates.offsets[0], end = candidates.offsets[candidates.size];
  return IsAscii(std::string_view(candidates.data + begin, end - begin));
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
  BatchScratch& s = Scratch();
  ScalarScorers<CachedLevenshtein> scorers(query);
  auto scalar = [&](size_t i) {
    return scorers.Score(candidates[i], [&](const auto& scorer, auto candidate) {
      return scorer.Distance(candidate, max_distance);
    });
  };

  const size_t m = query.size();
  if (!LanesTakeQuery(query)) {
    for (size_t i = 0; i < candidates.size; ++i) out[i] = scalar(i);
    return;
  }
  // Which candidates the lanes take: ASCII, non-empty, short enough for the lane width, and
  // not settled by their length alone (|n - m| > max_distance gives max_distance + 1).
  const bool all_ascii = AllAscii(candidates);
  const size_t longest = LongestLaneText(m);
  s.eligible.clear();
  for (size_t i = 0; i < candidates.size; ++i) {
    const size_t n = candidates.offsets[i + 1] - candidates.offsets[i];
    const size_t difference = n > m ? n - m : m - n;
    if (n == 0 || n > longest || (!all_ascii && !IsAscii(candidates[i]))) {
      out[i] = scalar(i);
    } else if (difference > max_distance) {
      out[i] = max_distance + 1;
    } else {
      s.eligible.push_back(static_cast<uint32_t>(i));
    }
  }
  SortByLength(candidates, s);
  const LaneQuery lane_query(query);
  LaneJob job;
  job.query = &lane_query;
  job.candidates = &candidates;
  job.order = s.order.data();
  job.count = s.order.size();
  // No distance exceeds the longer length, so a larger cutoff changes nothing; clamped, it
  // keeps the lanes' sums small.
  job.max_distance = std::min(max_distance, m + longest);
  job.early_exit = max_distance < m + longest;
  s.results.resize(job.count);
  job.distances = s.results.data();
  const size_t done = job.count == 0 ? 0 : HWY_DYNAMIC_DISPATCH(LevenshteinLanes)(job);
  for (size_t p = 0; p < done; ++p) {
    const size_t distance = s.results[p];
    out[s.order[p]] = distance > max_distance ? max_distance + 1 : distance;
  }
  for (size_t p = done; p < job.count; ++p) out[s.order[p]] = scalar(s.order[p]);
}

void BatchJaroWinkler(std::string_view query, const StringsView& candidates, std::span<double> out,
                      double score_cutoff, double prefix_weight, double boost_threshold) {
  BatchScratch& s = Scratch();
  ScalarScorers<CachedJaroWinkler, double, double> scorers(query, prefix_weight, boost_threshold);
  auto scalar = [&](size_t i) {
    return scorers.Score(candidates[i], [&](const auto& scorer, auto candidate) {
      return scorer.Similarity(candidate, score_cutoff);
    });
  };

  const size_t m = query.size();
  if (!LanesTakeQuery(query)) {
    for (size_t i = 0; i < candidates.size; ++i) out[i] = scalar(i);
    return;
  }
  const bool all_ascii = AllAscii(candidates);
  const size_t longest = LongestLaneText(m);
  s.eligible.clear();
  for (size_t i = 0; i < candidates.size; ++i) {
    const size_t n = candidates.offsets[i + 1] - candidates.offsets[i];
    if (n == 0 || n > longest || (!all_ascii && !IsAscii(candidates[i]))) {
      out[i] = scalar(i);
    } else if (score_cutoff > 0 &&
               internal::JaroUpperBound(m, n) <
                   internal::JaroCutoffForJaroWinkler(score_cutoff,
                                                      internal::WinklerPrefix(query, candidates[i]),
                                                      prefix_weight, boost_threshold)) {
      out[i] = 0.0;  // too unequal in length to reach the cutoff, as the scalar scorer finds
    } else {
      s.eligible.push_back(static_cast<uint32_t>(i));
    }
  }
  SortByLength(candidates, s);
  const LaneQuery lane_query(query);
  LaneJob job;
  job.query = &lane_query;
  job.candidates = &candidates;
  job.order = s.order.data();
  job.count = s.order.size();
  s.results.resize(job.count);
  s.results2.resize(job.count);
  job.matches = s.results.data();
  job.transposed = s.results2.data();
  const size_t done = job.count == 0 ? 0 : HWY_DYNAMIC_DISPATCH(JaroLanes)(job);
  for (size_t p = 0; p < done; ++p) {
    // The scalar scorer's arithmetic, step by step, so that the values agree to the bit:
    // Jaro from the counts, cut at the Jaro that can still reach the cutoff with this
    // prefix, then Winkler's boost and the cutoff itself.
    const std::string_view candidate = candidates[s.order[p]];
    const size_t prefix = internal::WinklerPrefix(query, candidate);
    const double jaro_cutoff =
        internal::JaroCutoffForJaroWinkler(score_cutoff, prefix, prefix_weight, boost_threshold);
    double jaro = internal::JaroFromCounts(m, candidate.size(), s.results[p], s.results2[p]);
    if (jaro < jaro_cutoff) jaro = 0.0;
    const double jaro_winkler =
        internal::WinklerBoost(jaro, prefix, prefix_weight, boost_threshold);
    out[s.order[p]] = jaro_winkler >= score_cutoff ? jaro_winkler : 0.0;
  }
  for (size_t p = done; p < job.count; ++p) out[s.order[p]] = scalar(s.order[p]);
}

namespace {

// Pairs per chunk: small enough to balance threads, large enough that taking a chunk costs
// nothing beside scoring it. Every pair's score depends on that pair alone.
constexpr size_t kPairChunk = 2048;

// Runs `score_chunk(begin, end)` over [0, size) in chunks of kPairChunk, on `threads`
// threads (0: one per hardware thread).
template <typename ChunkFn>
void ForEachChunk(size_t size, int threads, ChunkFn score_chunk) {
  const size_t chunks = (size + kPairChunk - 1) / kPairChunk;
  size_t workers = threads > 0 ? static_cast<size_t>(threads)
                               : std::max<size_t>(1, std::thread::hardware_concurrency());
  workers = std::min(workers, chunks);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t c = next.fetch_add(1); c < chunks; c = next.fetch_add(1)) {
      score_chunk(c * kPairChunk, std::min(size, (c + 1) * kPairChunk));
    }
  };
  if (workers <= 1) {
    work();
    return;
  }
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
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
