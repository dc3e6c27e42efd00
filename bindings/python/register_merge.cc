// Golden profiles over a Linker's records: the rules as JSON in, the surviving values in long
// form (entity, field, value, per, records) out; the sameas package makes the DataFrames.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sameas/merge/profiles.h"
#include "arrays.h"
#include "sameas/pipeline/linker.h"
#include "status.h"

namespace py = pybind11;

namespace sameas::python {

void RegisterMerge(py::module_& m) {
  m.def(
      "default_profile_rules",
      [](const Linker& linker, const std::vector<std::string>& per_columns) {
        return ProfileSettingsToJson(
            DefaultProfileSettings(linker.tables(), linker.settings(), per_columns));
      },
      py::arg("linker"), py::arg("per_columns") = std::vector<std::string>{},
      "The survivorship rules chosen from column roles, as JSON.");

  m.def(
      "build_profiles",
      [](const Linker& linker, py::array_t<uint32_t, py::array::c_style> cluster_of,
         const std::string& rules_json, const std::string& origin) {
        ProfileSettings rules = ValueOrThrow(ProfileSettingsFromJson(rules_json, origin));
        Clusters clusters = ClustersFromNumpy(linker, cluster_of);
        Profiles profiles;
        {
          py::gil_scoped_release release;
          profiles =
              ValueOrThrow(BuildProfiles(linker.tables(), linker.prepared(), clusters, rules));
        }
        std::vector<uint32_t> entity, field, offsets{0}, records;
        py::list values, pers;
        for (uint32_t e = 0; e < profiles.num_entities(); ++e) {
          for (uint32_t f = 0; f < profiles.fields.size(); ++f) {
            for (const ProfileValue& v : profiles.values[e][f]) {
              entity.push_back(e);
              field.push_back(f);
              values.append(py::str(v.value.data(), v.value.size()));
              pers.append(py::str(v.per.data(), v.per.size()));
              records.insert(records.end(), v.records.begin(), v.records.end());
              offsets.push_back(static_cast<uint32_t>(records.size()));
            }
          }
        }
        auto to_array = [](const std::vector<uint32_t>& v) {
          py::array_t<uint32_t> out(v.size());
          std::copy(v.begin(), v.end(), out.mutable_data());
          return out;
        };
        py::dict out;
        out["fields"] = profiles.fields;
        out["entity"] = to_array(entity);
        out["field"] = to_array(field);
        out["value"] = values;
        out["per"] = pers;
        out["record_offsets"] = to_array(offsets);
        out["records"] = to_array(records);
        return out;
      },
      py::arg("linker"), py::arg("cluster_of"), py::arg("rules_json"),
      py::arg("origin") = "profile rules",
      "Profiles of the clusters in long form: one row per surviving value.");

  m.def(
      "write_profiles",
      [](const Linker& linker, py::array_t<uint32_t, py::array::c_style> cluster_of,
         py::object cluster_ids, const std::string& rules_json, const std::string& path,
         const std::string& origin) {
        ProfileSettings rules = ValueOrThrow(ProfileSettingsFromJson(rules_json, origin));
        Clusters clusters = ClustersFromNumpy(linker, cluster_of);
        // Cluster ids: int64 numbers, or one string per cluster.
        py::array_t<int64_t, py::array::c_style> numbers;
        std::vector<int64_t> codes;
        std::vector<std::string> texts;
        CsvColumn ids{"cluster_id", std::span<const int64_t>()};
        if (py::isinstance<py::list>(cluster_ids)) {
          texts = cluster_ids.cast<std::vector<std::string>>();
          codes.resize(texts.size());
          for (size_t i = 0; i < codes.size(); ++i) codes[i] = static_cast<int64_t>(i);
          ids.values = CsvDictionary{codes, texts};
        } else {
          numbers = cluster_ids.cast<py::array_t<int64_t, py::array::c_style>>();
          ids.values = std::span<const int64_t>(numbers.data(), numbers.size());
        }
        size_t rows = 0;
        {
          py::gil_scoped_release release;
          rows = ValueOrThrow(WriteProfilesCsv(path, linker.tables(), linker.prepared(), clusters,
                                               rules, ids));
        }
        return rows;
      },
      py::arg("linker"), py::arg("cluster_of"), py::arg("cluster_ids"), py::arg("rules_json"),
      py::arg("path"), py::arg("origin") = "profile rules",
      "Writes profiles.csv in C++, a few thousand clusters at a time; returns its rows.");
}

}  // namespace sameas::python
