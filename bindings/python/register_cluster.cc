// Clustering beyond connected components: constrained clustering with refused links, chaining
// protection, quality figures and stable ids, over a Linker's records. Arrays in and out; the
// sameas package makes the DataFrames.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sameas/cluster/cluster_quality.h"
#include "sameas/cluster/constrained_clustering.h"
#include "sameas/cluster/stable_ids.h"
#include "arrays.h"
#include "sameas/pipeline/linker.h"
#include "status.h"

namespace py = pybind11;

namespace sameas::python {
namespace {

template <typename T>
py::array_t<T> ToArray(const std::vector<T>& values) {
  py::array_t<T> out(values.size());
  std::copy(values.begin(), values.end(), out.mutable_data());
  return out;
}

template <typename T, typename Get>
py::array_t<T> Column(const std::vector<ClusterQuality>& quality, Get get) {
  py::array_t<T> out(quality.size());
  T* data = out.mutable_data();
  for (size_t c = 0; c < quality.size(); ++c) data[c] = get(quality[c]);
  return out;
}

}  // namespace

void RegisterCluster(py::module_& m) {
  m.def(
      "cluster_links",
      [](const Linker& linker, py::array_t<uint32_t, py::array::c_style> left,
         py::array_t<uint32_t, py::array::c_style> right,
         py::array_t<double, py::array::c_style> weight,
         py::array_t<double, py::array::c_style> probability, double threshold,
         std::vector<std::string> unique_per, std::vector<std::string> duplicate_free,
         double split_bridges_below, double min_average_link) {
        const size_t n = left.size();
        if (right.size() != n || weight.size() != n || probability.size() != n) {
          throw py::value_error("left, right, weight and probability differ in length");
        }
        const uint32_t records = static_cast<uint32_t>(linker.prepared().num_records());
        Links links;
        std::vector<uint32_t> pair_of_link;
        for (size_t p = 0; p < n; ++p) {
          const uint32_t a = left.data()[p], b = right.data()[p];
          if (a >= records || b >= records) throw py::value_error("record index out of range");
          if (probability.data()[p] >= threshold) {
            links.Add(a, b, weight.data()[p], probability.data()[p]);
            pair_of_link.push_back(static_cast<uint32_t>(p));
          }
        }
        ConstraintOptions constraints{std::move(unique_per), std::move(duplicate_free)};
        ChainingOptions chaining{split_bridges_below, min_average_link};
        ConstrainedClusters result;
        Clusters clusters;
        SplitReport report;
        std::vector<ClusterQuality> quality;
        ExclusiveKeys keys;
        {
          py::gil_scoped_release release;
          keys = ValueOrThrow(MakeExclusiveKeys(linker.tables(), linker.prepared(), constraints));
          result = ConstrainedClustering(links, keys);
          clusters = SplitWeakClusters(result.clusters, links, chaining, &report);
          quality = MeasureClusters(clusters, links);
        }
        std::vector<uint32_t> refused_pair;
        py::list reasons;
        for (const RefusedLink& refused : result.refused) {
          refused_pair.push_back(pair_of_link[refused.link]);
          reasons.append(keys.Describe(refused.key));
        }
        py::dict out;
        out["cluster_of"] = ToArray(clusters.cluster_of);
        out["refused_pair"] = ToArray(refused_pair);
        out["refused_reason"] = reasons;
        out["links"] = links.size();
        out["clusters_before_split"] = report.clusters_before;
        out["bridges_removed"] = report.bridges_removed;
        out["low_average_splits"] = report.low_average_splits;
        py::dict q;
        q["size"] = Column<uint32_t>(quality, [](const ClusterQuality& x) { return x.size; });
        q["edges"] = Column<uint32_t>(quality, [](const ClusterQuality& x) { return x.edges; });
        q["density"] = Column<double>(quality, [](const ClusterQuality& x) { return x.density; });
        q["weakest_link"] =
            Column<double>(quality, [](const ClusterQuality& x) { return x.weakest_link; });
        q["average_link"] =
            Column<double>(quality, [](const ClusterQuality& x) { return x.average_link; });
        q["bridges"] = Column<uint32_t>(quality, [](const ClusterQuality& x) { return x.bridges; });
        out["quality"] = q;
        return out;
      },
      py::arg("linker"), py::arg("left"), py::arg("right"), py::arg("weight"),
      py::arg("probability"), py::arg("threshold"), py::arg("unique_per"),
      py::arg("duplicate_free"), py::arg("split_bridges_below") = 0.0,
      py::arg("min_average_link") = 0.0,
      "Constrained clustering of the pairs at or above threshold, then chaining protection.");

  m.def(
      "stable_ids",
      [](const Linker& linker, py::array_t<uint32_t, py::array::c_style> cluster_of,
         const std::vector<std::string>& sources, const std::vector<std::string>& record_ids,
         const std::vector<std::string>& cluster_ids) {
        Clusters clusters = ClustersFromNumpy(linker, cluster_of);
        StableIds ids;
        PreviousClusters previous;
        {
          py::gil_scoped_release release;
          previous = ValueOrThrow(
              MatchPreviousClusters(linker.prepared(), sources, record_ids, cluster_ids));
          ids = AssignStableIds(clusters, previous);
        }
        py::list changes;
        for (const EntityChange& change : ids.changes) {
          py::dict d;
          d["change"] = std::string(ToString(change.kind));
          d["cluster_ids"] = change.ids;
          d["previous_cluster_ids"] = change.previous_ids;
          changes.append(d);
        }
        py::dict out;
        out["id_of_cluster"] = ids.id_of_cluster;
        out["kept"] = ids.kept;
        out["fresh"] = ids.fresh;
        out["records_removed"] = previous.records_removed;
        out["previous_entities"] = previous.ids.size();
        out["changes"] = changes;
        return out;
      },
      py::arg("linker"), py::arg("cluster_of"), py::arg("sources"), py::arg("record_ids"),
      py::arg("cluster_ids"), "Entity ids carried over from a previous clusters.csv.");
}

}  // namespace sameas::python
