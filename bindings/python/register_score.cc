// Explanations of match weights, as methods of the Linker that register_pipeline.cc defines:
// plain dicts and lists that sameas.explain turns into DataFrames.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>

#include "sameas/pipeline/linker.h"
#include "sameas/score/explain.h"
#include "status.h"

namespace py = pybind11;

namespace sameas::python {
namespace {

const char* KindName(ExplanationTerm::Kind kind) {
  switch (kind) {
    case ExplanationTerm::Kind::kPrior:
      return "prior";
    case ExplanationTerm::Kind::kLevel:
      return "level";
    case ExplanationTerm::Kind::kTermFrequency:
      return "term_frequency";
  }
  return "?";
}

py::dict ExplanationToDict(const Explanation& e) {
  py::list terms;
  for (const auto& t : e.terms) {
    py::dict d;
    d["kind"] = KindName(t.kind);
    d["name"] = t.name;
    d["level"] = t.level;
    d["label"] = t.label;
    d["value"] = t.value;
    d["frequency"] = t.frequency;
    d["weight"] = t.weight;
    terms.append(d);
  }
  py::dict out;
  out["left"] = e.left;
  out["right"] = e.right;
  out["terms"] = terms;
  out["match_weight"] = e.match_weight;
  out["match_probability"] = e.probability;
  out["text"] = e.ToText();
  return out;
}

using IndexArray = py::array_t<uint32_t, py::array::c_style | py::array::forcecast>;

// Pairs of record indices from two arrays of equal length, each index checked.
std::pair<std::vector<uint32_t>, std::vector<uint32_t>> RecordPairs(const Linker& l,
                                                                    const IndexArray& left,
                                                                    const IndexArray& right) {
  if (left.size() != right.size()) throw py::value_error("left and right differ in length");
  std::vector<uint32_t> a(left.data(), left.data() + left.size());
  std::vector<uint32_t> b(right.data(), right.data() + right.size());
  const size_t n = l.prepared().num_records();
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] >= n || b[i] >= n) throw py::value_error("record index out of range");
  }
  return {std::move(a), std::move(b)};
}

}  // namespace

void RegisterScore(py::module_& m) {
  auto linker = py::reinterpret_borrow<py::class_<Linker>>(m.attr("Linker"));
  linker
      .def(
          "explain",
          [](const Linker& l, uint32_t a, uint32_t b) {
            Explanation e;
            {
              py::gil_scoped_release release;
              e = ValueOrThrow(l.Explain(a, b));
            }
            return ExplanationToDict(e);
          },
          py::arg("left"), py::arg("right"))
      .def(
          "explain_record",
          [](const Linker& l, uint32_t record, size_t top) {
            RecordExplanation r;
            {
              py::gil_scoped_release release;
              r = ValueOrThrow(l.ExplainRecord(record, top));
            }
            py::list candidates;
            for (const auto& c : r.candidates) {
              py::dict d;
              d["record"] = c.record;
              d["rank"] = c.rank;
              d["explanation"] = ExplanationToDict(c.explanation);
              py::list lost;
              for (const auto& [name, weight] : c.lost_by)
                lost.append(py::make_tuple(name, weight));
              d["lost_by"] = lost;
              candidates.append(d);
            }
            py::dict out;
            out["record"] = r.record;
            out["num_candidates"] = r.num_candidates;
            out["candidates"] = candidates;
            out["text"] = r.ToText(l.prepared());
            return out;
          },
          py::arg("record"), py::arg("top") = 5)
      .def(
          "score_pairs",
          [](const Linker& l, const IndexArray& left, const IndexArray& right) {
            // Any pairs, blocked or not (labelled pairs, say): compared and scored as Predict
            // scores candidates.
            if (!l.has_model()) throw std::runtime_error("no model: train or load one first");
            const auto [a, b] = RecordPairs(l, left, right);
            ScoredPairs scores;
            {
              py::gil_scoped_release release;
              Scorer scorer = ValueOrThrow(Scorer::Create(l.model(), l.prepared()));
              Comparer comparer =
                  ValueOrThrow(Comparer::Create(l.prepared(), l.settings().comparisons));
              scores = scorer.Score(a, b, comparer.Compare(a, b));
            }
            py::array_t<double> weight(scores.size()), probability(scores.size());
            std::copy(scores.weight.begin(), scores.weight.end(), weight.mutable_data());
            std::copy(scores.probability.begin(), scores.probability.end(),
                      probability.mutable_data());
            py::dict out;
            out["match_weight"] = weight;
            out["match_probability"] = probability;
            return out;
          },
          py::arg("left"), py::arg("right"))
      .def(
          "compare_pairs",
          [](const Linker& l, const IndexArray& left, const IndexArray& right) {
            // The comparison level of any pairs, per comparison: what training and scoring
            // see, for measuring the model against a truth (benchmarks/calibration.py).
            const auto [a, b] = RecordPairs(l, left, right);
            ComparisonVectors vectors;
            {
              py::gil_scoped_release release;
              Comparer comparer =
                  ValueOrThrow(Comparer::Create(l.prepared(), l.settings().comparisons));
              vectors = comparer.Compare(a, b);
            }
            py::dict out;
            const auto& comparisons = l.settings().comparisons;
            for (size_t c = 0; c < comparisons.size(); ++c) {
              py::array_t<uint8_t> levels(vectors.num_pairs());
              std::copy(vectors.levels[c].begin(), vectors.levels[c].end(), levels.mutable_data());
              out[py::str(comparisons[c].name)] = levels;
            }
            return out;
          },
          py::arg("left"), py::arg("right"))
      .def(
          "find_record",
          [](const Linker& l, const std::string& id, const std::string& source) {
            return ValueOrThrow(l.FindRecord(id, source));
          },
          py::arg("id"), py::arg("source") = "");
}

}  // namespace sameas::python
