// sameas.names: the name parser and nickname tables of prepare, for one name at a time (the
// pipeline itself parses whole columns in C++).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <string_view>
#include <vector>

#include "sameas/prepare/names.h"

namespace py = pybind11;

namespace sameas::python {
namespace {

py::list Words(const std::vector<NameToken>& tokens, size_t begin, bool skip_particles) {
  py::list out;
  for (size_t i = begin; i < tokens.size(); ++i) {
    if (skip_particles && tokens[i].particle) continue;
    out.append(tokens[i].folded);
  }
  return out;
}

py::dict ToDict(const ParsedName& name) {
  py::dict out;
  out["given"] = name.given.empty() ? py::object(py::none()) : py::str(name.given[0].folded);
  out["middle"] = Words(name.given, 1, false);
  py::list family;
  for (const auto& token : name.family) family.append(token.folded);
  out["family"] = family;
  py::list initials;
  for (const auto* part : {&name.given, &name.family}) {
    for (const auto& token : *part) {
      if (token.initial) initials.append(token.folded);
    }
  }
  out["initials"] = initials;
  out["family_first"] = name.family_first;
  out["mononym"] = name.mononym;
  out["folded"] = name.Folded();
  out["with_diacritics"] = name.WithDiacritics();
  return out;
}

NameField ParseField(std::string_view field) {
  if (field == "full") return NameField::kFull;
  if (field == "given") return NameField::kGiven;
  if (field == "family") return NameField::kFamily;
  throw py::value_error("field: '" + std::string(field) + "' is not one of full, given, family");
}

}  // namespace

void RegisterPrepare(py::module_& m) {
  py::module_ names = m.def_submodule("names", "Name parsing and nickname tables (sameas.names).");
  names.def(
      "parse_name",
      [](std::string_view text, std::string_view field) {
        return ToDict(ParseName(text, ParseField(field)));
      },
      py::arg("text"), py::arg("field") = "full");
  names.def(
      "parse_name_parts",
      [](std::string_view given, std::string_view family) {
        return ToDict(ParseNameParts(given, family));
      },
      py::arg("given"), py::arg("family"));
  names.def(
      "nickname_groups",
      [](std::string_view name) {
        const NameTables& tables = NameTables::Get();
        ParsedName parsed = ParseName(name, NameField::kGiven);
        std::vector<std::string> out;
        if (parsed.given.empty()) return out;
        for (uint32_t group : tables.Groups(parsed.given[0].folded)) {
          out.emplace_back(tables.GroupName(group));
        }
        return out;
      },
      py::arg("name"));
  names.def("respell", [](std::string_view folded) { return RespellName(folded); },
            py::arg("folded"));
  names.def("family_stem", [](std::string_view folded) { return FamilyStem(folded); },
            py::arg("folded"));
}

}  // namespace sameas::python
