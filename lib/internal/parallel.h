// Work over fixed chunks on the OpenMP pool. A chunk's bounds depend only on the size of the
// work and the chunk size, never on the thread count, and callers merge per-chunk results in
// chunk order: the result is the same on one thread as on many.
#ifndef SAMEAS_LIB_INTERNAL_PARALLEL_H_
#define SAMEAS_LIB_INTERNAL_PARALLEL_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include <omp.h>
#include "sameas/pipeline/threads.h"

namespace sameas::internal {

/// The number of chunks of `chunk` items that cover `size` items.
inline size_t NumChunks(size_t size, size_t chunk) { return (size + chunk - 1) / chunk; }

/// Runs fn(index) for index in [0, count), `count` independent tasks taken one at a time by
/// `threads` threads (0: Threads()). Inside another ParallelFor's task it runs on the task's
/// thread. fn must not throw.
template <typename Fn>
void ParallelFor(size_t count, Fn&& fn, int threads = 0) {
  if (threads <= 0) threads = Threads();
  if (omp_in_parallel()) threads = 1;
  threads = static_cast<int>(std::min<size_t>(threads, std::max<size_t>(count, 1)));
  if (threads <= 1) {
    for (size_t i = 0; i < count; ++i) fn(i);
    return;
  }
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (int64_t i = 0; i < static_cast<int64_t>(count); ++i) fn(static_cast<size_t>(i));
}

/// Runs fn(chunk_index, begin, end) over [0, size) cut into chunks of `chunk` items.
template <typename Fn>
void ParallelChunks(size_t size, size_t chunk, Fn&& fn, int threads = 0) {
  ParallelFor(
      NumChunks(size, chunk), [&](size_t c) { fn(c, c * chunk, std::min(size, (c + 1) * chunk)); },
      threads);
}

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_INTERNAL_PARALLEL_H_
