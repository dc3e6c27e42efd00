// sameas.similarity: string metrics element-wise over two sequences, in one call with the GIL
// released. Each metric takes the ASCII byte path or the code-point path per pair.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>

#include "arrays.h"
#include "sameas/similarity/code_points.h"
#include "sameas/similarity/jaro_winkler.h"
#include "sameas/similarity/levenshtein.h"

namespace py = pybind11;

namespace sameas::python {
namespace {

// Registers `name(a_buffers, b_buffers, *extra) -> numpy float64` for a metric `fn(x, y)`
// callable with two std::string_view or two std::u32string_view.
template <typename Fn>
auto Elementwise(Fn fn) {
  return [fn](const py::tuple& a, const py::tuple& b) {
    std::u32string sa, sb;
    return PairwiseDouble(Utf8Array(a), Utf8Array(b), [&](std::string_view x, std::string_view y) {
      return WithCodePoints(x, y, &sa, &sb, fn);
    });
  };
}

}  // namespace

void RegisterSimilarity(py::module_& m) {
  py::module_ s = m.def_submodule("similarity", "String metrics over Arrow string buffers.");
  s.def("levenshtein", [](const py::tuple& a, const py::tuple& b, int64_t max_distance) {
    const size_t max = max_distance < 0 ? static_cast<size_t>(-1) : static_cast<size_t>(max_distance);
    return Elementwise([max](auto x, auto y) { return Levenshtein(x, y, max); })(a, b);
  }, py::arg("a"), py::arg("b"), py::arg("max_distance") = -1);
  s.def("levenshtein_similarity", Elementwise([](auto x, auto y) {
    const double longest = static_cast<double>(std::max(x.size(), y.size()));
    return longest == 0 ? 1.0 : 1.0 - static_cast<double>(Levenshtein(x, y)) / longest;
  }), py::arg("a"), py::arg("b"));
  s.def("osa", [](const py::tuple& a, const py::tuple& b, int64_t max_distance) {
    const size_t max = max_distance < 0 ? static_cast<size_t>(-1) : static_cast<size_t>(max_distance);
    return Elementwise([max](auto x, auto y) { return OsaDistance(x, y, max); })(a, b);
  }, py::arg("a"), py::arg("b"), py::arg("max_distance") = -1);
  s.def("jaro", Elementwise([](auto x, auto y) { return Jaro(x, y); }), py::arg("a"), py::arg("b"));
  s.def("jaro_winkler", [](const py::tuple& a, const py::tuple& b, double prefix_weight,
                           double boost_threshold) {
    return Elementwise([=](auto x, auto y) {
      return JaroWinkler(x, y, prefix_weight, boost_threshold);
    })(a, b);
  }, py::arg("a"), py::arg("b"), py::arg("prefix_weight") = 0.1, py::arg("boost_threshold") = 0.7);
}

}  // namespace sameas::python
