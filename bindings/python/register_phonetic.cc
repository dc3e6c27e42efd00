// sameas.phonetic: phonetic encoders element-wise over a sequence of strings.
#include <pybind11/pybind11.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "arrays.h"
#include "sameas/phonetic/cologne.h"
#include "sameas/phonetic/daitch_mokotoff.h"
#include "sameas/phonetic/double_metaphone.h"
#include "sameas/phonetic/metaphone.h"
#include "sameas/phonetic/nysiis.h"
#include "sameas/phonetic/soundex.h"
#include "sameas/prepare/text.h"

namespace py = pybind11;

namespace sameas::python {
namespace {

// The encoders code ASCII letters: text with other characters is folded first (Müller ->
// muller, Łukasz -> lukasz, Дмитрий -> dmitrij). ASCII text is passed as it is; the encoders
// ignore case and skip what is not a letter.
std::string_view Ascii(std::string_view text, std::string& folded) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      folded = FoldText(text);
      return folded;
    }
  }
  return text;
}

py::object ToPython(const std::string& code) { return py::str(code); }
py::object ToPython(const DoubleMetaphoneCodes& codes) {
  return py::make_tuple(codes.primary, codes.alternate);
}
py::object ToPython(const std::vector<std::string>& codes) {
  py::list out(codes.size());
  for (size_t i = 0; i < codes.size(); ++i) out[i] = py::str(codes[i]);
  return out;
}

// `encode(ascii)` over every element, None for nulls. The codes are computed with the GIL
// released, then turned into Python objects.
template <typename Fn>
py::list EncodeAll(const py::tuple& buffers, Fn&& encode) {
  using Code = decltype(encode(std::string_view()));
  Utf8Array values(buffers);
  std::vector<Code> codes(values.size());
  std::vector<uint8_t> null(values.size());
  {
    py::gil_scoped_release release;
    std::string folded;
    for (int64_t i = 0; i < values.size(); ++i) {
      null[i] = values.is_null(i);
      if (!null[i]) codes[i] = encode(Ascii(values[i], folded));
    }
  }
  py::list out(values.size());
  for (int64_t i = 0; i < values.size(); ++i) {
    out[i] = null[i] ? py::object(py::none()) : ToPython(codes[i]);
  }
  return out;
}

size_t MaxLength(int max_length) {
  if (max_length < 0) throw py::value_error("max_length must be 0 (no limit) or more");
  return static_cast<size_t>(max_length);
}

}  // namespace

void RegisterPhonetic(py::module_& m) {
  py::module_ p = m.def_submodule("phonetic", "Phonetic encoders over Arrow string buffers.");
  p.def(
      "soundex",
      [](const py::tuple& values) {
        return EncodeAll(values, [](std::string_view s) { return Soundex(s); });
      },
      py::arg("values"));
  p.def(
      "nysiis",
      [](const py::tuple& values, int max_length) {
        const size_t n = MaxLength(max_length);
        return EncodeAll(values, [n](std::string_view s) { return Nysiis(s, n); });
      },
      py::arg("values"), py::arg("max_length") = 0);
  p.def(
      "metaphone",
      [](const py::tuple& values, int max_length) {
        const size_t n = MaxLength(max_length);
        return EncodeAll(values, [n](std::string_view s) { return Metaphone(s, n); });
      },
      py::arg("values"), py::arg("max_length") = 0);
  p.def(
      "double_metaphone",
      [](const py::tuple& values, int max_length) {
        const size_t n = MaxLength(max_length);
        return EncodeAll(values, [n](std::string_view s) { return DoubleMetaphone(s, n); });
      },
      py::arg("values"), py::arg("max_length") = static_cast<int>(kDoubleMetaphoneLength));
  p.def(
      "cologne",
      [](const py::tuple& values) {
        return EncodeAll(values, [](std::string_view s) { return ColognePhonetic(s); });
      },
      py::arg("values"));
  p.def(
      "daitch_mokotoff",
      [](const py::tuple& values) {
        return EncodeAll(values, [](std::string_view s) { return DaitchMokotoff(s); });
      },
      py::arg("values"));
}

}  // namespace sameas::python
