// Tables in: CSV read in C++, or Arrow large_string buffers handed over by pyarrow.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "sameas/io/csv.h"
#include "sameas/io/csv_writer.h"
#include "sameas/io/table.h"
#include "sameas/pipeline/linker.h"
#include "status.h"

namespace py = pybind11;

namespace sameas::python {
namespace {

// A column from the buffers of an Arrow large_string array: validity bitmap (may be None),
// int64 offsets, UTF-8 data; `offset` is the array's offset into them, `length` its length.
StringColumn ColumnFromArrow(const std::string& name, py::object validity,
                             py::array_t<int64_t, py::array::c_style> offsets,
                             py::array_t<uint8_t, py::array::c_style> data, int64_t offset,
                             int64_t length) {
  StringColumn column(name);
  const int64_t* off = offsets.data();
  const char* bytes = reinterpret_cast<const char*>(data.data());
  const uint8_t* bitmap = nullptr;
  py::array_t<uint8_t, py::array::c_style> validity_array;
  if (!validity.is_none()) {
    validity_array = validity.cast<py::array_t<uint8_t, py::array::c_style>>();
    bitmap = validity_array.data();
  }
  if (offsets.size() < offset + length + 1) throw py::value_error("offsets buffer too short");
  column.Reserve(length, length > 0 ? off[offset + length] - off[offset] : 0);
  for (int64_t i = 0; i < length; ++i) {
    int64_t bit = offset + i;
    if (bitmap != nullptr && !((bitmap[bit >> 3] >> (bit & 7)) & 1)) {
      column.AppendNull();
    } else {
      column.Append(std::string_view(bytes + off[bit], off[bit + 1] - off[bit]));
    }
  }
  return column;
}

}  // namespace

void RegisterIo(py::module_& m) {
  m.def(
      "write_csv",
      [](const std::string& path, const std::vector<std::string>& names, py::list columns,
         int precision) {
        if (names.size() != columns.size()) throw py::value_error("names and columns differ");
        // Numpy arrays (int64 or float64) and (int64 codes, list of str) dictionary columns;
        // the arrays are held here while the GIL is released.
        std::vector<py::array_t<int64_t, py::array::c_style>> integers;
        std::vector<py::array_t<double, py::array::c_style>> doubles;
        std::vector<std::vector<std::string>> values;
        integers.reserve(columns.size());
        doubles.reserve(columns.size());
        values.reserve(columns.size());
        std::vector<CsvColumn> out;
        for (size_t c = 0; c < columns.size(); ++c) {
          py::handle column = columns[c];
          if (py::isinstance<py::tuple>(column) &&
              py::isinstance<Linker>(column.cast<py::tuple>()[1])) {
            // (int64 record indices, a Linker): the records' ids as read.
            auto tuple = column.cast<py::tuple>();
            integers.push_back(tuple[0].cast<py::array_t<int64_t, py::array::c_style>>());
            const Linker& linker = tuple[1].cast<const Linker&>();
            out.push_back({names[c], CsvStringRows{{integers.back().data(),
                                                    static_cast<size_t>(integers.back().size())},
                                                   &linker.prepared().ids}});
          } else if (py::isinstance<py::tuple>(column)) {
            auto tuple = column.cast<py::tuple>();
            integers.push_back(tuple[0].cast<py::array_t<int64_t, py::array::c_style>>());
            values.push_back(tuple[1].cast<std::vector<std::string>>());
            out.push_back({names[c], CsvDictionary{{integers.back().data(),
                                                    static_cast<size_t>(integers.back().size())},
                                                   values.back()}});
          } else if (py::isinstance<py::array_t<double>>(column)) {
            doubles.push_back(column.cast<py::array_t<double, py::array::c_style>>());
            out.push_back({names[c], std::span<const double>(
                                         doubles.back().data(), doubles.back().size())});
          } else {
            integers.push_back(column.cast<py::array_t<int64_t, py::array::c_style>>());
            out.push_back({names[c], std::span<const int64_t>(
                                         integers.back().data(), integers.back().size())});
          }
        }
        CsvWriteOptions options;
        options.precision = precision;
        absl::Status status;
        {
          py::gil_scoped_release release;
          status = WriteCsv(path, out, options);
        }
        ThrowIfError(status);
      },
      py::arg("path"), py::arg("names"), py::arg("columns"), py::arg("precision") = 6,
      "Writes columns (int64 or float64 arrays, (int64 codes, values) tuples, or (int64 record "
      "indices, Linker) tuples for record ids) as CSV.");
  py::class_<Table>(m, "Table", "A source table: named string columns, as read.")
      .def_readwrite("source", &Table::source)
      .def_readwrite("origin", &Table::origin)
      .def_property_readonly("num_rows", &Table::num_rows)
      .def_property_readonly("column_names", &Table::ColumnNames)
      .def("column",
           [](const Table& table, const std::string& name) {
             const StringColumn* column = table.Find(name);
             if (column == nullptr) throw py::key_error(name);
             py::list values(column->size());
             for (size_t i = 0; i < column->size(); ++i) {
               if (column->is_null(i)) {
                 values[i] = py::none();
               } else {
                 std::string_view v = column->value(i);
                 values[i] = py::str(v.data(), v.size());
               }
             }
             return values;
           })
      .def("row",
           [](const Table& table, size_t row) {
             // One record as read, for showing a few records (a whole column is column()).
             if (row >= table.num_rows()) throw py::index_error("row out of range");
             py::dict values;
             for (const StringColumn& column : table.columns) {
               if (column.is_null(row)) {
                 values[py::str(column.name())] = py::none();
               } else {
                 std::string_view v = column.value(row);
                 values[py::str(column.name())] = py::str(v.data(), v.size());
               }
             }
             return values;
           },
           py::arg("row"))
      .def("__len__", &Table::num_rows);

  m.def(
      "read_csv",
      [](const std::string& path, const std::string& source) {
        CsvOptions options;
        options.source = source;
        py::gil_scoped_release release;
        return ValueOrThrow(ReadCsv(path, options));
      },
      py::arg("path"), py::arg("source") = "");

  m.def(
      "table_from_arrow",
      [](const std::string& source, const std::string& origin, py::list columns) {
        Table table;
        table.source = source;
        table.origin = origin;
        for (py::handle item : columns) {
          py::tuple t = item.cast<py::tuple>();
          table.columns.push_back(ColumnFromArrow(
              t[0].cast<std::string>(), t[1].cast<py::object>(),
              t[2].cast<py::array_t<int64_t, py::array::c_style>>(),
              t[3].cast<py::array_t<uint8_t, py::array::c_style>>(), t[4].cast<int64_t>(),
              t[5].cast<int64_t>()));
        }
        ThrowIfError(table.Validate());
        return table;
      },
      py::arg("source"), py::arg("origin"), py::arg("columns"),
      "Builds a Table from (name, validity, offsets, data, offset, length) tuples of Arrow "
      "large_string buffers.");
}

}  // namespace sameas::python
