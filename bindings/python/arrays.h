// Strings handed over from Python as the buffers of an Arrow large_string array (see
// sameas/_arrays.py): one call into C++ per batch, no per-value Python object.
#ifndef SAMEAS_BINDINGS_PYTHON_ARRAYS_H_
#define SAMEAS_BINDINGS_PYTHON_ARRAYS_H_

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

#include "sameas/cluster/connected_components.h"
#include "sameas/pipeline/linker.h"

namespace sameas::python {

/// A view of an Arrow large_string array: offsets, UTF-8 data, optional validity bitmap.
class Utf8Array {
 public:
  /// `buffers` is the tuple (validity or None, offsets int64, data uint8, offset, length) made
  /// by sameas._arrays.utf8_buffers. The arrays are kept alive by this object.
  explicit Utf8Array(const pybind11::tuple& buffers) {
    if (!buffers[0].is_none()) {
      validity_ = buffers[0].cast<pybind11::array_t<uint8_t, pybind11::array::c_style>>();
    }
    offsets_ = buffers[1].cast<pybind11::array_t<int64_t, pybind11::array::c_style>>();
    data_ = buffers[2].cast<pybind11::array_t<uint8_t, pybind11::array::c_style>>();
    offset_ = buffers[3].cast<int64_t>();
    length_ = buffers[4].cast<int64_t>();
    if (offsets_.size() < offset_ + length_ + 1) throw pybind11::value_error("offsets too short");
  }

  int64_t size() const { return length_; }
  bool is_null(int64_t i) const {
    if (validity_.size() == 0) return false;
    const int64_t bit = offset_ + i;
    return !((validity_.data()[bit >> 3] >> (bit & 7)) & 1);
  }
  std::string_view operator[](int64_t i) const {
    const int64_t* off = offsets_.data() + offset_;
    return std::string_view(reinterpret_cast<const char*>(data_.data()) + off[i],
                            static_cast<size_t>(off[i + 1] - off[i]));
  }

 private:
  pybind11::array_t<uint8_t, pybind11::array::c_style> validity_;
  pybind11::array_t<int64_t, pybind11::array::c_style> offsets_;
  pybind11::array_t<uint8_t, pybind11::array::c_style> data_;
  int64_t offset_ = 0, length_ = 0;
};

/// out[i] = fn(a[i], b[i]) over two equal-length string arrays, NaN where either is null, with
/// the GIL released for the loop.
template <typename Fn>
pybind11::array_t<double> PairwiseDouble(const Utf8Array& a, const Utf8Array& b, Fn&& fn) {
  if (a.size() != b.size()) {
    throw pybind11::value_error("the two sequences differ in length");
  }
  pybind11::array_t<double> out(a.size());
  double* result = out.mutable_data();
  {
    pybind11::gil_scoped_release release;
    for (int64_t i = 0; i < a.size(); ++i) {
      result[i] = (a.is_null(i) || b.is_null(i)) ? std::numeric_limits<double>::quiet_NaN()
                                                 : static_cast<double>(fn(a[i], b[i]));
    }
  }
  return out;
}

/// Clusters from a per-record cluster number handed back from Python (the `cluster_of` of an
/// earlier call), checked to cover every record of `linker`.
inline Clusters ClustersFromNumpy(const Linker& linker,
                                  const pybind11::array_t<uint32_t, pybind11::array::c_style>& cluster_of) {
  Clusters clusters;
  clusters.cluster_of.assign(cluster_of.data(), cluster_of.data() + cluster_of.size());
  if (clusters.cluster_of.size() != linker.prepared().num_records()) {
    throw pybind11::value_error("cluster_of must have one entry per record");
  }
  for (uint32_t c : clusters.cluster_of) {
    clusters.num_clusters = std::max(clusters.num_clusters, c + 1);
  }
  return clusters;
}

}  // namespace sameas::python

#endif  // SAMEAS_BINDINGS_PYTHON_ARRAYS_H_
