// absl::Status to Python exceptions: the same message, the exception type a Python user expects.
#ifndef SAMEAS_BINDINGS_PYTHON_STATUS_H_
#define SAMEAS_BINDINGS_PYTHON_STATUS_H_

#include <pybind11/pybind11.h>

#include <stdexcept>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace sameas::python {

/// Raised as FileNotFoundError (see RegisterExceptions). A C++ exception, not PyErr_SetString,
/// so that it may be thrown where the GIL is released.
struct FileNotFound : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline void RegisterExceptions() {
  pybind11::register_exception_translator([](std::exception_ptr error) {
    try {
      if (error) std::rethrow_exception(error);
    } catch (const FileNotFound& e) {
      PyErr_SetString(PyExc_FileNotFoundError, e.what());
    }
  });
}

[[noreturn]] inline void Throw(const absl::Status& status) {
  std::string message(status.message());
  switch (status.code()) {
    case absl::StatusCode::kNotFound:
      throw FileNotFound(message);
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kOutOfRange:
      throw pybind11::value_error(message);
    default:
      throw std::runtime_error(message);
  }
}

inline void ThrowIfError(const absl::Status& status) {
  if (!status.ok()) Throw(status);
}

template <typename T>
T ValueOrThrow(absl::StatusOr<T> result) {
  if (!result.ok()) Throw(result.status());
  return *std::move(result);
}

}  // namespace sameas::python

#endif  // SAMEAS_BINDINGS_PYTHON_STATUS_H_
