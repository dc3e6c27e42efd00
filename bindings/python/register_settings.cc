// Settings cross the boundary as JSON text: the Python side holds them as a dict.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "sameas/settings/auto_settings.h"
#include "sameas/settings/settings.h"
#include "status.h"

namespace py = pybind11;

namespace sameas::python {
namespace {

std::vector<const Table*> Views(const std::vector<Table>& tables) {
  std::vector<const Table*> views;
  for (const Table& table : tables) views.push_back(&table);
  return views;
}

}  // namespace

void RegisterSettings(py::module_& m) {
  m.def(
      "infer_settings",
      [](const std::vector<Table>& tables, const std::string& link_type,
         const std::string& id_column) {
        AutoSettingsOptions options;
        options.link_type = ValueOrThrow(ParseLinkType(link_type));
        options.id_column = id_column;
        py::gil_scoped_release release;
        return SettingsToJson(ValueOrThrow(InferSettings(Views(tables), options)));
      },
      py::arg("tables"), py::arg("link_type") = "dedupe", py::arg("id_column") = "");
  m.def(
      "normalise_settings",
      [](const std::string& json, const std::string& origin) {
        return SettingsToJson(ValueOrThrow(SettingsFromJson(json, origin)));
      },
      py::arg("json"), py::arg("origin") = "settings",
      "Parses settings JSON (errors name the path of a bad value) and writes it out in full.");
  m.def(
      "validate_settings",
      [](const std::string& json, const std::vector<Table>& tables, const std::string& origin) {
        Settings settings = ValueOrThrow(SettingsFromJson(json, origin));
        ThrowIfError(ValidateSettings(settings, Views(tables), origin));
      },
      py::arg("json"), py::arg("tables"), py::arg("origin") = "settings");
  m.def("find_id_column", &FindIdColumn, py::arg("names"));
}

}  // namespace sameas::python
