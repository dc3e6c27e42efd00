// How many threads the stages use. Every stage cuts its work into chunks whose boundaries
// depend on the data alone and merges their results in chunk order, so the thread count
// changes the time a run takes and never its result. The pool is OpenMP's (libgomp).
//
//   sameas::SetThreads(1);             // everything on the calling thread
//   { sameas::ScopedThreads four(4);   // four threads until the end of the scope
//     linker.Train(); }
#ifndef SAMEAS_PIPELINE_THREADS_H_
#define SAMEAS_PIPELINE_THREADS_H_

namespace sameas {

/// Threads for every later stage of any Linker in the process; 0 (the default) for one per
/// hardware thread.
void SetThreads(int threads);

/// The number of threads the stages use now (at least 1).
int Threads();

/// Sets the thread count for the lifetime of the object and restores the previous one.
class ScopedThreads {
 public:
  explicit ScopedThreads(int threads);
  ~ScopedThreads();
  ScopedThreads(const ScopedThreads&) = delete;
  ScopedThreads& operator=(const ScopedThreads&) = delete;

 private:
  int previous_;
};

}  // namespace sameas

#endif  // SAMEAS_PIPELINE_THREADS_H_
