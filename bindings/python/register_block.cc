// The blocking analysis, as a method of the Linker that register_pipeline.cc defines: per
// rule its pairs, the pairs new to it and cumulative, its largest blocks, and with a truth
// the true pairs found, all counted without generating a pair.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>

#include "sameas/block/blocking.h"
#include "sameas/pipeline/linker.h"

namespace py = pybind11;

namespace sameas::python {

void RegisterBlock(py::module_& m) {
  auto linker = py::reinterpret_borrow<py::class_<Linker>>(m.attr("Linker"));
  linker.def(
      "analyse_blocking",
      [](const Linker& l, size_t largest_blocks,
         std::optional<py::array_t<int64_t, py::array::c_style | py::array::forcecast>> truth) {
        BlockingAnalysisOptions options;
        options.link_type = l.settings().link_type;
        options.largest_blocks = largest_blocks;
        const BlockingOptions blocking = BlockingOptionsFor(l.settings());
        options.max_block_size = blocking.max_block_size;
        options.block_window = blocking.block_window;
        options.window_sort_columns = blocking.window_sort_columns;
        if (truth) {
          if (static_cast<size_t>(truth->size()) != l.prepared().num_records()) {
            throw py::value_error("truth must hold one entity per record");
          }
          options.truth.assign(truth->data(), truth->data() + truth->size());
        }
        BlockingAnalysis analysis;
        {
          py::gil_scoped_release release;
          analysis = AnalyseBlocking(l.prepared(), l.settings().blocking_rules, options);
        }
        py::list rules;
        for (const RuleAnalysis& r : analysis.rules) {
          py::dict d;
          d["rule"] = r.count.rule;
          d["pairs"] = r.pairs;
          d["pairs_agreeing"] = r.count.pairs;
          d["oversized_blocks"] = r.count.oversized.size();
          d["new_pairs"] = r.new_pairs;
          d["cumulative_pairs"] = r.cumulative_pairs;
          d["blocks"] = r.count.blocks;
          d["new_true_pairs"] = r.new_true_pairs;
          d["cumulative_true_pairs"] = r.cumulative_true_pairs;
          py::list blocks;
          for (const BlockSize& b : r.largest_blocks) {
            blocks.append(py::make_tuple(b.key, b.records, b.pairs));
          }
          d["largest_blocks"] = blocks;
          rules.append(d);
        }
        py::dict out;
        out["rules"] = rules;
        out["true_pairs"] = analysis.true_pairs;
        return out;
      },
      py::arg("largest_blocks") = 10, py::arg("truth") = py::none());
}

}  // namespace sameas::python
