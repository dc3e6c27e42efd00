#include "sameas/pipeline/threads.h"

#include <omp.h>

#include <algorithm>
#include <atomic>

namespace sameas {
namespace {

// What SetThreads was given: 0 for all hardware threads.
std::atomic<int> requested_threads{0};

}  // namespace

void SetThreads(int threads) { requested_threads.store(std::max(threads, 0)); }

int Threads() {
  const int requested = requested_threads.load();
  return requested > 0 ? requested : std::max(1, omp_get_num_procs());
}

ScopedThreads::ScopedThreads(int threads) : previous_(requested_threads.load()) {
  SetThreads(threads);
}

ScopedThreads::~ScopedThreads() { requested_threads.store(previous_); }

}  // namespace sameas
