// Early-return helpers for absl::Status and absl::StatusOr.
// Debian's Abseil does not ship ABSL_RETURN_IF_ERROR, so the library keeps these two.
#ifndef SAMEAS_INTERNAL_STATUS_MACROS_H_
#define SAMEAS_INTERNAL_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define SAMEAS_STATUS_CONCAT_INNER_(a, b) a##b
#define SAMEAS_STATUS_CONCAT_(a, b) SAMEAS_STATUS_CONCAT_INNER_(a, b)

/// Returns from the enclosing function if `expr` is not OK.
#define SAMEAS_RETURN_IF_ERROR(expr)                  \
  do {                                                \
    ::absl::Status sameas_status_ = (expr);           \
    if (!sameas_status_.ok()) return sameas_status_;  \
  } while (0)

/// `SAMEAS_ASSIGN_OR_RETURN(auto table, ReadCsv(path));`
#define SAMEAS_ASSIGN_OR_RETURN(lhs, expr) \
  SAMEAS_ASSIGN_OR_RETURN_IMPL_(SAMEAS_STATUS_CONCAT_(sameas_statusor_, __LINE__), lhs, expr)

#define SAMEAS_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                  \
  if (!statusor.ok()) return std::move(statusor).status(); \
  lhs = std::move(statusor).value()

#endif  // SAMEAS_INTERNAL_STATUS_MACROS_H_
