// The name tables compiled into the library: the bytes of each CSV file in
// bindings/python/sameas/data/names/, written into a generated source file at build time by
// cmake/embed_name_tables.cmake. Private to the library; read through NameTables (names.h).
#ifndef SAMEAS_LIB_PREPARE_EMBEDDED_NAME_TABLES_H_
#define SAMEAS_LIB_PREPARE_EMBEDDED_NAME_TABLES_H_

#include <cstddef>

namespace sameas::internal {

struct EmbeddedFile {
  /// The path below the names folder, e.g. "nicknames_en.csv", "faker/pl_PL/male_last_names.csv".
  const char* name;
  const char* data;
  size_t size;
};

extern const EmbeddedFile kEmbeddedNameTables[];
extern const size_t kNumEmbeddedNameTables;

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_PREPARE_EMBEDDED_NAME_TABLES_H_
