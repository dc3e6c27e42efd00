// Small helpers on sorted ranges of ids, shared by the name and handle levels.
#ifndef SAMEAS_LIB_INTERNAL_SORTED_H_
#define SAMEAS_LIB_INTERNAL_SORTED_H_

#include <cstdint>
#include <span>

namespace sameas::internal {

/// True when two sorted ranges share an element (nickname groups meet). O(|a| + |b|).
inline bool SortedMeet(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) return true;
    if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return false;
}

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_INTERNAL_SORTED_H_
