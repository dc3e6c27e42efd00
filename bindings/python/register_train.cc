// Training from labels (counted m, or logistic regression) and models with hashed
// term-frequency keys, as methods of the Linker that register_pipeline.cc defines.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>

#include "sameas/pipeline/linker.h"
#include "sameas/train/labels.h"
#include "sameas/train/model.h"
#include "status.h"

namespace py = pybind11;

namespace sameas::python {
namespace {

template <typename T>
std::vector<T> FromNumpy(const py::array_t<T, py::array::c_style | py::array::forcecast>& a) {
  return std::vector<T>(a.data(), a.data() + a.size());
}

}  // namespace

void RegisterTrain(py::module_& m) {
  auto linker = py::reinterpret_borrow<py::class_<Linker>>(m.attr("Linker"));
  linker
      .def(
          "train_labels",
          [](Linker& l, const std::string& method,
             std::optional<py::array_t<uint32_t, py::array::c_style | py::array::forcecast>> left,
             std::optional<py::array_t<uint32_t, py::array::c_style | py::array::forcecast>> right,
             std::optional<py::array_t<uint8_t, py::array::c_style | py::array::forcecast>> match,
             std::optional<py::array_t<int64_t, py::array::c_style | py::array::forcecast>> cluster,
             bool u_from_labels, double smoothing, double l2) {
            Labels labels;
            if (cluster.has_value()) {
              labels.cluster = FromNumpy(*cluster);
            } else {
              if (!left || !right || !match) {
                throw py::value_error("labels: give left, right and match, or cluster");
              }
              labels.left = FromNumpy(*left);
              labels.right = FromNumpy(*right);
              labels.match = FromNumpy(*match);
            }
            if (method != "count" && method != "logistic") {
              throw py::value_error("method is 'count' (m from labels) or 'logistic'");
            }
            py::gil_scoped_release release;
            if (method == "count") {
              LabelTrainingOptions options;
              options.u_from_labels = u_from_labels;
              options.smoothing = smoothing;
              return ModelToJson(ValueOrThrow(l.TrainFromLabels(labels, options)));
            }
            LogisticOptions options;
            options.l2 = l2;
            return ModelToJson(ValueOrThrow(l.TrainLogisticRegression(labels, options)));
          },
          py::arg("method"), py::arg("left") = py::none(), py::arg("right") = py::none(),
          py::arg("match") = py::none(), py::arg("cluster") = py::none(),
          py::arg("u_from_labels") = false, py::arg("smoothing") = 0.5, py::arg("l2") = 1.0)
      .def(
          "cluster_labels",
          [](const Linker& l, const std::string& column) {
            Labels labels = ValueOrThrow(l.ClusterLabels(column));
            py::array_t<int64_t> out(labels.cluster.size());
            std::copy(labels.cluster.begin(), labels.cluster.end(), out.mutable_data());
            return out;
          },
          py::arg("column"))
      .def(
          "model_json_hashed",
          [](const Linker& l, const std::string& tf_key) {
            if (!l.has_model()) throw std::runtime_error("no model: train or load one first");
            Model model = l.model();
            if (model.tf_keys == TfKeys::kRaw) model.settings.tf_hash_key = tf_key;
            return ModelToJson(model);
          },
          py::arg("tf_key"))
      .def(
          "set_model_with_key",
          [](Linker& l, const std::string& json, const std::string& origin,
             const std::string& tf_key) {
            Model model = ValueOrThrow(ModelFromJson(json, origin));
            if (!tf_key.empty()) model.settings.tf_hash_key = tf_key;
            ThrowIfError(l.SetModel(std::move(model)));
          },
          py::arg("json"), py::arg("origin"), py::arg("tf_key"));
}

}  // namespace sameas::python
