// sameas._core: one register_<stage>.cc per stage adds its functions to the module.
#include <pybind11/pybind11.h>

#include "status.h"

namespace sameas::python {
void RegisterIo(pybind11::module_& m);
void RegisterSettings(pybind11::module_& m);
void RegisterPipeline(pybind11::module_& m);
void RegisterSimilarity(pybind11::module_& m);
void RegisterPhonetic(pybind11::module_& m);
void RegisterPrepare(pybind11::module_& m);
void RegisterCluster(pybind11::module_& m);
void RegisterMerge(pybind11::module_& m);
// These add methods to the Linker, so they come after RegisterPipeline.
void RegisterTrain(pybind11::module_& m);
void RegisterScore(pybind11::module_& m);
void RegisterBlock(pybind11::module_& m);
}  // namespace sameas::python

PYBIND11_MODULE(_core, m) {
  m.doc() = "The C++ core of sameas; use the sameas package, not this module.";
  sameas::python::RegisterExceptions();
  sameas::python::RegisterIo(m);
  sameas::python::RegisterSettings(m);
  sameas::python::RegisterPipeline(m);
  sameas::python::RegisterSimilarity(m);
  sameas::python::RegisterPhonetic(m);
  sameas::python::RegisterPrepare(m);
  sameas::python::RegisterCluster(m);
  sameas::python::RegisterMerge(m);
  sameas::python::RegisterTrain(m);
  sameas::python::RegisterScore(m);
  sameas::python::RegisterBlock(m);
}
