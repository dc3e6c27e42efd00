// Realistic inputs for the C++ benchmarks: given and family names from the Faker lists and
// FEBRL in ../shared/data (a small embedded list when they are absent), folded to lower-case
// ASCII as prepare folds them, and pairs of them drawn with a fixed seed.
#ifndef SAMEAS_BENCHMARKS_BENCH_NAMES_H_
#define SAMEAS_BENCHMARKS_BENCH_NAMES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "sameas/similarity/batch.h"

namespace sameas::bench {

/// Distinct given and family names, folded; read once.
const std::vector<std::string>& GivenNames();
const std::vector<std::string>& FamilyNames();

/// What a pair holds: a given name, a family name, "given family", or a handle made from a
/// name ("jan.kowalski87", "jkowalski", "kowalski_jan").
enum class PairKind { kGiven, kFamily, kFull, kHandle, kMixed };

/// Pairs of one kind (kMixed: the four in turn), half a name and a typo of it (one or two
/// edits), half two names drawn independently, as a block holds them.
struct NamePairs {
  std::vector<std::string> a, b;
};
NamePairs MakePairs(PairKind kind, size_t count, uint64_t seed = 42);

/// Strings laid out for the batch functions, owning their bytes.
class StringArray {
 public:
  explicit StringArray(const std::vector<std::string>& values);
  StringsView view() const { return {offsets_.data(), data_.data(), offsets_.size() - 1}; }

 private:
  std::string data_;
  std::vector<uint64_t> offsets_{0};
};

}  // namespace sameas::bench

#endif  // SAMEAS_BENCHMARKS_BENCH_NAMES_H_
