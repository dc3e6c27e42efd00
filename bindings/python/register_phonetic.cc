// sameas.phonetic: phonetic encoders element-wise over a sequence of strings.
#include <pybind11/pybind11.h>

#include <string>

#include "arrays.h"
#include "sameas/phonetic/soundex.h"

namespace py = pybind11;

namespace sameas::python {
namespace {

// `encode(text) -> std::string` over every element; None for nulls. The codes are computed
// with the GIL released, then turned into Python strings.
template <typename Fn>
auto Encoder(Fn encode) {
  return [encode](const py::tuple& buffers) {
    Utf8Array values(buffers);
    std::vector<std::string> codes(values.size());
    std::vector<uint8_t> null(values.size());
    {
      py::gil_scoped_release release;
      for (int64_t i = 0; i < values.size(); ++i) {
        null[i] = values.is_null(i);
        if (!null[i]) codes[i] = encode(values[i]);
      }
    }
    py::list out(values.size());
    for (int64_t i = 0; i < values.size(); ++i) {
      out[i] = null[i] ? py::object(py::none()) : py::object(py::str(codes[i]));
    }
    return out;
  };
}

}  // namespace

void RegisterPhonetic(py::module_& m) {
  py::module_ p = m.def_submodule("phonetic", "Phonetic encoders over Arrow string buffers.");
  p.def("soundex", Encoder([](std::string_view s) { return Soundex(s); }), py::arg("values"));
}

}  // namespace sameas::python
