// The name and place tables compiled into the library: the bytes of each CSV file in
// bindings/python/sameas/data/names/ and data/places/, written into a generated source file at
// build time by cmake/embed_name_tables.cmake. Private to the library; read through NameTables
// (names.h).
#ifndef SAMEAS_LIB_PREPARE_EMBEDDED_NAME_TABLES_H_
#define SAMEAS_LIB_PREPARE_EMBEDDED_NAME_TABLES_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace sameas::internal {

struct EmbeddedFile {
  /// The path below the names folder, e.g. "nicknames_en.csv", "faker/pl_PL/male_last_names.csv".
  const char* name;
  const char* data;
  size_t size;
};

extern const EmbeddedFile kEmbeddedNameTables[];
extern const size_t kNumEmbeddedNameTables;
/// The place tables of bindings/python/sameas/data/places/, read through PlaceTables (places.h).
extern const EmbeddedFile kEmbeddedPlaceTables[];
extern const size_t kNumEmbeddedPlaceTables;

/// The (file name, contents) pairs of `count` embedded files, as the tables' FromCsv take them.
inline std::vector<std::pair<std::string, std::string>> EmbeddedFiles(const EmbeddedFile* files,
                                                                      size_t count) {
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = 0; i < count; ++i)
    out.emplace_back(files[i].name, std::string(files[i].data, files[i].size));
  return out;
}

}  // namespace sameas::internal

#endif  // SAMEAS_LIB_PREPARE_EMBEDDED_NAME_TABLES_H_
