// The pipeline: a Linker over tables, returning numpy arrays that the sameas package turns
// into DataFrames. Every long call releases the GIL.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "sameas/pipeline/linker.h"
#include "sameas/pipeline/threads.h"
#include "sameas/train/model.h"
#include "status.h"

namespace py = pybind11;

namespace sameas::python {
namespace {

template <typename T>
py::array_t<T> ToNumpy(const std::vector<T>& values) {
  py::array_t<T> out(values.size());
  std::copy(values.begin(), values.end(), out.mutable_data());
  return out;
}

py::dict PredictionsToDict(const Predictions& predictions) {
  py::dict out;
  out["left"] = ToNumpy(predictions.pairs.left);
  out["right"] = ToNumpy(predictions.pairs.right);
  out["rule"] = ToNumpy(predictions.pairs.rule);
  out["match_weight"] = ToNumpy(predictions.scores.weight);
  out["match_probability"] = ToNumpy(predictions.scores.probability);
  const size_t n = predictions.pairs.size(), nc = predictions.vectors.num_comparisons();
  py::array_t<uint8_t> levels({n, nc});
  auto view = levels.mutable_unchecked<2>();
  for (size_t c = 0; c < nc; ++c) {
    for (size_t p = 0; p < n; ++p) view(p, c) = predictions.vectors.levels[c][p];
  }
  out["levels"] = levels;
  // Per comparison with term frequencies, its term of each pair's weight (in bits).
  py::dict tf;
  const auto& terms = predictions.scores.tf_adjustment;
  for (size_t c = 0; c < terms.size(); ++c) {
    if (!terms[c].empty()) tf[py::int_(c)] = ToNumpy(terms[c]);
  }
  out["tf_adjustments"] = tf;
  out["candidate_pairs"] = predictions.candidate_pairs;
  out["block_seconds"] = predictions.block_seconds;
  out["score_seconds"] = predictions.score_seconds;
  return out;
}

}  // namespace

void RegisterPipeline(py::module_& m) {
  m.def("set_threads", &SetThreads, py::arg("threads"),
        "Threads for every stage; 0 for one per hardware thread.");
  m.def("threads", &Threads, "The number of threads the stages use.");
  py::class_<Linker>(m, "Linker")
      .def(py::init([](std::vector<Table> tables, const std::string& settings_json,
                       const std::string& origin) {
             Settings settings = ValueOrThrow(SettingsFromJson(settings_json, origin));
             py::gil_scoped_release release;
             return ValueOrThrow(Linker::Create(std::move(tables), std::move(settings), origin));
           }),
           py::arg("tables"), py::arg("settings_json"), py::arg("origin") = "settings")
      .def_static(
          "from_data",
          [](std::vector<Table> tables, const std::string& link_type, const std::string& id_column) {
            AutoSettingsOptions options;
            options.link_type = ValueOrThrow(ParseLinkType(link_type));
            options.id_column = id_column;
            py::gil_scoped_release release;
            return ValueOrThrow(Linker::CreateFromData(std::move(tables), options));
          },
          py::arg("tables"), py::arg("link_type") = "dedupe", py::arg("id_column") = "",
          "A Linker whose settings are chosen from the data, the tables prepared once.")
      .def("settings_json", [](const Linker& l) { return SettingsToJson(l.settings()); })
      .def("train",
           [](Linker& l) {
             py::gil_scoped_release release;
             return ModelToJson(ValueOrThrow(l.Train()));
           })
      .def("set_model",
           [](Linker& l, const std::string& json, const std::string& origin) {
             ThrowIfError(l.SetModel(ValueOrThrow(ModelFromJson(json, origin))));
           },
           py::arg("json"), py::arg("origin") = "model")
      .def("model_json",
           [](const Linker& l) {
             if (!l.has_model()) throw std::runtime_error("no model: train or load one first");
             return ModelToJson(l.model());
           })
      .def_property_readonly("has_model", &Linker::has_model)
      .def("count_pairs",
           [](const Linker& l) {
             std::vector<RuleCount> counts;
             {
               py::gil_scoped_release release;
               counts = l.CountPairs();
             }
             py::list out;
             for (const auto& c : counts) {
               py::dict d;
               d["rule"] = c.rule;
               d["pairs"] = c.pairs;
               d["blocks"] = c.blocks;
               d["largest_block"] = c.largest_block;
               d["largest_key"] = c.largest_key;
               d["capped_pairs"] = c.capped_pairs;
               py::list oversized;
               for (const auto& block : c.oversized) {
                 oversized.append(py::make_tuple(block.key, block.size));
               }
               d["oversized"] = oversized;
               out.append(d);
             }
             return out;
           })
      .def("predict",
           [](const Linker& l, double floor) {
             Predictions predictions;
             {
               py::gil_scoped_release release;
               PredictOptions options;
               options.floor = floor;
               predictions = ValueOrThrow(l.Predict(options));
             }
             return PredictionsToDict(predictions);
           },
           py::arg("floor") = 0.0)
      .def("cluster",
           [](const Linker& l, py::array_t<uint32_t, py::array::c_style> left,
              py::array_t<uint32_t, py::array::c_style> right,
              py::array_t<double, py::array::c_style> probability, double threshold) {
             if (left.size() != right.size() || left.size() != probability.size()) {
               throw py::value_error("left, right and probability differ in length");
             }
             std::vector<uint32_t> l_(left.data(), left.data() + left.size());
             std::vector<uint32_t> r_(right.data(), right.data() + right.size());
             std::vector<double> p_(probability.data(), probability.data() + probability.size());
             const uint32_t n = static_cast<uint32_t>(l.prepared().num_records());
             for (size_t i = 0; i < l_.size(); ++i) {
               if (l_[i] >= n || r_[i] >= n) throw py::value_error("record index out of range");
             }
             Clusters clusters;
             {
               py::gil_scoped_release release;
               clusters = ConnectedComponents(n, l_, r_, p_, threshold);
             }
             return ToNumpy(clusters.cluster_of);
           },
           py::arg("left"), py::arg("right"), py::arg("probability"), py::arg("threshold"))
      .def_property_readonly("num_records",
                             [](const Linker& l) { return l.prepared().num_records(); })
      .def_property_readonly("sources", [](const Linker& l) { return l.prepared().sources; })
      .def("record_sources", [](const Linker& l) { return ToNumpy(l.prepared().source); })
      .def("record_rows", [](const Linker& l) { return ToNumpy(l.prepared().row); })
      .def("prepare_counts",
           [](const Linker& l) {
             // Values prepare kept but could not read: dates that did not parse, phone numbers
             // libphonenumber found invalid (kept as digits).
             py::dict out;
             for (const PreparedColumn& column : l.prepared().columns) {
               if (column.settings.type == ColumnType::kDate) {
                 out[py::str(column.name)] = py::dict(py::arg("unparsed_dates") = column.unparsed_dates);
               } else if (IsPhoneColumn(column.settings)) {
                 out[py::str(column.name)] = py::dict(py::arg("invalid_phones") = column.invalid_phones);
               }
             }
             return out;
           })
      .def("record_ids", [](const Linker& l) {
        const StringColumn& ids = l.prepared().ids;
        py::list out(ids.size());
        for (size_t i = 0; i < ids.size(); ++i) {
          std::string_view v = ids.value(i);
          out[i] = py::str(v.data(), v.size());
        }
        return out;
      });
}

}  // namespace sameas::python
