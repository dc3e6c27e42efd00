// sameas.similarity: string metrics element-wise over two sequences, in one call with the GIL
// released. Each metric takes the ASCII byte path or the code-point path per pair.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <limits>
#include <span>
#include <string>
#include <vector>

#include "arrays.h"
#include "sameas/similarity/batch.h"
#include "sameas/similarity/code_points.h"
#include "sameas/similarity/damerau_levenshtein.h"
#include "sameas/similarity/hamming.h"
#include "sameas/similarity/indel.h"
#include "sameas/similarity/jaro_winkler.h"
#include "sameas/similarity/levenshtein.h"
#include "sameas/similarity/monge_elkan.h"
#include "sameas/similarity/qgram.h"
#include "sameas/similarity/token_ratio.h"

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

// A cutoff from Python, where -1 means none.
size_t MaxDistance(int64_t max_distance) {
  return max_distance < 0 ? static_cast<size_t>(-1) : static_cast<size_t>(max_distance);
}

// Registers `name(a, b, q, padded)` for a q-gram similarity of `measure`.
template <typename Measure>
void DefQGram(py::module_& s, const char* name, Measure measure) {
  s.def(
      name,
      [measure](const py::tuple& a, const py::tuple& b, int q, bool padded) {
        if (q < 1 || q > 3) throw py::value_error("q must be 1, 2 or 3, got " + std::to_string(q));
        const QGramOptions options{.q = q, .padded = padded};
        return Elementwise([&](auto x, auto y) { return measure(x, y, options); })(a, b);
      },
      py::arg("a"), py::arg("b"), py::arg("q") = 2, py::arg("padded") = true);
}

// The candidates of a one-to-many call, straight from the buffers of an Arrow large_string
// array: (validity or None, offsets, data or None, offset, length), each buffer any object
// with the buffer protocol (pyarrow's Array.buffers(), or numpy arrays over them). Reading
// them through the buffer protocol costs a fraction of making numpy arrays of them, which
// matters for blocks of a few dozen names.
class Candidates {
 public:
  explicit Candidates(const py::tuple& buffers) {
    if (buffers.size() != 5) throw py::value_error("expected the 5 buffers of a string array");
    offset_ = buffers[3].cast<int64_t>();
    const int64_t length = buffers[4].cast<int64_t>();
    if (offset_ < 0 || length < 0) throw py::value_error("negative offset or length");
    offsets_ = py::buffer(buffers[1]).request();
    if (offsets_.size * offsets_.itemsize <
        static_cast<py::ssize_t>((offset_ + length + 1) * sizeof(int64_t))) {
      throw py::value_error("offsets too short");
    }
    if (!buffers[2].is_none()) data_ = py::buffer(buffers[2]).request();
    if (!buffers[0].is_none()) validity_ = py::buffer(buffers[0]).request();
    // Arrow offsets are non-negative int64: the same bits as the uint64 StringsView reads.
    view_ = StringsView{static_cast<const uint64_t*>(offsets_.ptr) + offset_,
                        data_.ptr ? static_cast<const char*>(data_.ptr) : "",
                        static_cast<size_t>(length)};
    const uint64_t end = view_.offsets[view_.size];
    if (end > static_cast<uint64_t>(data_.ptr ? data_.size * data_.itemsize : 0) ||
        view_.offsets[0] > end) {
      throw py::value_error("offsets point past the string data");
    }
  }
  const StringsView& view() const { return view_; }
  bool is_null(size_t i) const {
    if (!validity_.ptr) return false;
    const int64_t bit = offset_ + static_cast<int64_t>(i);
    return !((static_cast<const uint8_t*>(validity_.ptr)[bit >> 3] >> (bit & 7)) & 1);
  }

 private:
  py::buffer_info offsets_, data_, validity_;
  int64_t offset_ = 0;
  StringsView view_;
};

// One query against every candidate, with the GIL released: `score(view, out)` fills
// out[0, n) as doubles; nulls become NaN.
template <typename Score>
py::array_t<double> OneToMany(const py::tuple& buffers, Score score) {
  const Candidates candidates(buffers);
  const size_t n = candidates.view().size;
  py::array_t<double> out(static_cast<py::ssize_t>(n));
  double* result = out.mutable_data();
  {
    py::gil_scoped_release release;
    score(candidates.view(), std::span<double>(result, n));
    for (size_t i = 0; i < n; ++i) {
      if (candidates.is_null(i)) result[i] = std::numeric_limits<double>::quiet_NaN();
    }
  }
  return out;
}

}  // namespace

void RegisterSimilarity(py::module_& m) {
  py::module_ s = m.def_submodule("similarity", "String metrics over Arrow string buffers.");
  s.def(
      "levenshtein",
      [](const py::tuple& a, const py::tuple& b, int64_t max_distance) {
        const size_t max =
            max_distance < 0 ? static_cast<size_t>(-1) : static_cast<size_t>(max_distance);
        return Elementwise([max](auto x, auto y) { return Levenshtein(x, y, max); })(a, b);
      },
      py::arg("a"), py::arg("b"), py::arg("max_distance") = -1);
  s.def("levenshtein_similarity", Elementwise([](auto x, auto y) {
          const double longest = static_cast<double>(std::max(x.size(), y.size()));
          return longest == 0 ? 1.0 : 1.0 - static_cast<double>(Levenshtein(x, y)) / longest;
        }),
        py::arg("a"), py::arg("b"));
  s.def(
      "osa",
      [](const py::tuple& a, const py::tuple& b, int64_t max_distance) {
        const size_t max =
            max_distance < 0 ? static_cast<size_t>(-1) : static_cast<size_t>(max_distance);
        return Elementwise([max](auto x, auto y) { return OsaDistance(x, y, max); })(a, b);
      },
      py::arg("a"), py::arg("b"), py::arg("max_distance") = -1);
  s.def("jaro", Elementwise([](auto x, auto y) { return Jaro(x, y); }), py::arg("a"), py::arg("b"));
  s.def(
      "jaro_winkler",
      [](const py::tuple& a, const py::tuple& b, double prefix_weight, double boost_threshold) {
        return Elementwise([=](auto x, auto y) {
          return JaroWinkler(x, y, prefix_weight, boost_threshold);
        })(a, b);
      },
      py::arg("a"), py::arg("b"), py::arg("prefix_weight") = 0.1, py::arg("boost_threshold") = 0.7);
  s.def(
      "indel",
      [](const py::tuple& a, const py::tuple& b, int64_t max_distance) {
        const size_t max = MaxDistance(max_distance);
        return Elementwise([max](auto x, auto y) { return Indel(x, y, max); })(a, b);
      },
      py::arg("a"), py::arg("b"), py::arg("max_distance") = -1);
  s.def("indel_similarity", Elementwise([](auto x, auto y) { return IndelSimilarity(x, y); }),
        py::arg("a"), py::arg("b"));
  s.def(
      "damerau_levenshtein",
      [](const py::tuple& a, const py::tuple& b, int64_t max_distance) {
        const size_t max = MaxDistance(max_distance);
        return Elementwise([max](auto x, auto y) { return DamerauLevenshtein(x, y, max); })(a, b);
      },
      py::arg("a"), py::arg("b"), py::arg("max_distance") = -1);
  s.def("hamming", Elementwise([](auto x, auto y) { return Hamming(x, y); }), py::arg("a"),
        py::arg("b"));
  DefQGram(s, "jaccard",
           [](auto x, auto y, const QGramOptions& o) { return QGramJaccard(x, y, o); });
  DefQGram(s, "dice", [](auto x, auto y, const QGramOptions& o) { return QGramDice(x, y, o); });
  DefQGram(s, "cosine", [](auto x, auto y, const QGramOptions& o) { return QGramCosine(x, y, o); });
  s.def("token_sort_ratio", Elementwise([](auto x, auto y) { return TokenSortRatio(x, y); }),
        py::arg("a"), py::arg("b"));
  s.def("token_set_ratio", Elementwise([](auto x, auto y) { return TokenSetRatio(x, y); }),
        py::arg("a"), py::arg("b"));
  // `inner` is the index of MongeElkanInner; sameas/similarity.py maps the names.
  s.def(
      "monge_elkan",
      [](const py::tuple& a, const py::tuple& b, int inner, bool symmetric) {
        if (inner < 0 || inner > static_cast<int>(MongeElkanInner::kJaccard2)) {
          throw py::value_error("unknown Monge-Elkan inner metric " + std::to_string(inner));
        }
        const MongeElkanOptions options{.inner = static_cast<MongeElkanInner>(inner),
                                        .symmetric = symmetric};
        return Elementwise([&](auto x, auto y) { return MongeElkan(x, y, options); })(a, b);
      },
      py::arg("a"), py::arg("b"), py::arg("inner") = 0, py::arg("symmetric") = false);
  // One query against many candidates: SIMD lanes across candidates (BatchLevenshtein,
  // BatchJaroWinkler); sameas/similarity.py turns the candidates into Arrow buffers.
  s.def(
      "levenshtein_one_to_many",
      [](const std::string& query, const py::tuple& candidates, int64_t max_distance) {
        const size_t max = MaxDistance(max_distance);
        return OneToMany(candidates, [&](const StringsView& view, std::span<double> out) {
          thread_local std::vector<size_t> distances;
          distances.resize(view.size);
          BatchLevenshtein(query, view, max, distances);
          for (size_t i = 0; i < view.size; ++i) out[i] = static_cast<double>(distances[i]);
        });
      },
      py::arg("query"), py::arg("candidates"), py::arg("max_distance") = -1);
  s.def(
      "jaro_winkler_one_to_many",
      [](const std::string& query, const py::tuple& candidates, double score_cutoff,
         double prefix_weight, double boost_threshold) {
        return OneToMany(candidates, [&](const StringsView& view, std::span<double> out) {
          BatchJaroWinkler(query, view, out, score_cutoff, prefix_weight, boost_threshold);
        });
      },
      py::arg("query"), py::arg("candidates"), py::arg("score_cutoff") = 0.0,
      py::arg("prefix_weight") = 0.1, py::arg("boost_threshold") = 0.7);
}

}  // namespace sameas::python
