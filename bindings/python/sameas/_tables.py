"""Turning what a user has (a path, a DataFrame, an Arrow table) into the core's Table."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np
import pyarrow as pa

from . import _core

TableLike = Any  # str | os.PathLike | pandas.DataFrame | pyarrow.Table | _core.Table


def _source_name(path: Path) -> str:
    name = path.name
    for suffix in (".gz", ".csv", ".tsv", ".parquet", ".pq", ".txt"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name or path.name


def _from_arrow(table: pa.Table, source: str, origin: str) -> _core.Table:
    columns = []
    for name, column in zip(table.column_names, table.columns):
        if pa.types.is_dictionary(column.type):
            column = column.cast(column.type.value_type)
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            if pa.types.is_floating(column.type):
                # 1984.0 from a column pandas made float because of missing values: write
                # integral floats as integers, as the user wrote them.
                values = column.to_numpy(zero_copy_only=False)
                mask = np.isnan(values)
                integral = ~mask & (np.floor(np.where(mask, 0, values)) == np.where(mask, 0, values))
                text = [
                    None if m else (str(int(v)) if i else repr(float(v)))
                    for v, m, i in zip(values, mask, integral)
                ]
                column = pa.chunked_array([pa.array(text, type=pa.large_string())])
            else:
                column = column.cast(pa.large_string())
        column = column.cast(pa.large_string()).combine_chunks()
        if isinstance(column, pa.ChunkedArray):  # an empty table has no chunk
            column = pa.array([], type=pa.large_string())
        validity, offsets, data = column.buffers()
        columns.append(
            (
                str(name),
                None if validity is None else np.frombuffer(validity, dtype=np.uint8),
                np.frombuffer(offsets, dtype=np.int64),
                np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8),
                column.offset,
                len(column),
            )
        )
    return _core.table_from_arrow(source, origin, columns)


def read_table(data: TableLike, source: str | None = None) -> _core.Table:
    """Reads one source into the core's columnar Table.

    ``data`` is a CSV path (read by the C++ reader: RFC 4180, UTF-8 with or without BOM),
    a Parquet path (read with pyarrow), a pandas DataFrame or a pyarrow Table. ``source``
    names the source in the outputs; by default the file name without extension, or
    ``"data"``.

    >>> import pandas as pd
    >>> t = read_table(pd.DataFrame({"id": ["1", "2"], "name": ["Łukasz", None]}), "crm")
    >>> (t.source, t.num_rows, t.column_names)
    ('crm', 2, ['id', 'name'])
    """
    if isinstance(data, _core.Table):
        if source:
            data.source = source
        return data
    if isinstance(data, (str, os.PathLike)):
        path = Path(data)
        name = source or _source_name(path)
        if path.suffix.lower() in (".parquet", ".pq"):
            if not path.exists():
                raise FileNotFoundError(f"{path}: no such file")
            import pyarrow.parquet as pq

            return _from_arrow(pq.read_table(path), name, str(path))
        return _core.read_csv(str(path), name)
    if isinstance(data, pa.Table):
        return _from_arrow(data, source or "data", source or "pyarrow table")
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        pd = None
    if pd is not None and isinstance(data, pd.DataFrame):
        frame = data.copy()
        frame.columns = [str(c) for c in frame.columns]
        table = pa.Table.from_pandas(frame, preserve_index=False)
        return _from_arrow(table, source or "data", source or "DataFrame")
    raise TypeError(
        f"cannot read a table from {type(data).__name__}: give a CSV or Parquet path, "
        "a pandas DataFrame or a pyarrow Table"
    )


def read_tables(tables: TableLike | Sequence[TableLike] | Mapping[str, TableLike]) -> list:
    """Reads one or several sources; a mapping gives their names."""
    if isinstance(tables, Mapping):
        return [read_table(t, str(name)) for name, t in tables.items()]
    if isinstance(tables, (list, tuple)):
        read = [read_table(t) for t in tables]
    else:
        read = [read_table(tables)]
    # Two inputs with the same file stem still need distinct source names.
    seen: dict[str, int] = {}
    for t in read:
        if t.source in seen:
            seen[t.source] += 1
            t.source = f"{t.source}_{seen[t.source]}"
        else:
            seen[t.source] = 1
    return read


def _csv_column(values: Any) -> Any:
    """A column as the core's CSV writer takes it: int64 or float64 array, or (codes, values)."""
    import pandas as pd

    if isinstance(values, tuple):
        codes, strings = values
        if isinstance(strings, _core.Linker):  # record indices: the ids, straight from C++
            return (np.ascontiguousarray(codes, dtype=np.int64), strings)
        return (np.ascontiguousarray(codes, dtype=np.int64), [str(s) for s in strings])
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if isinstance(series.dtype, pd.CategoricalDtype):
        return (np.ascontiguousarray(series.cat.codes.to_numpy(), dtype=np.int64),
                [str(c) for c in series.cat.categories])
    if pd.api.types.is_bool_dtype(series.dtype) and not series.isna().any():
        # As pandas writes them.
        return (series.to_numpy(dtype=bool).astype(np.int64), ["False", "True"])
    if pd.api.types.is_integer_dtype(series.dtype):
        if series.isna().any():  # a nullable integer column with missing values: as text
            series = series.astype(object)
        else:
            return np.ascontiguousarray(series.to_numpy(), dtype=np.int64)
    if pd.api.types.is_float_dtype(series.dtype):
        return np.ascontiguousarray(series.to_numpy(dtype=np.float64, na_value=np.nan))
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return (codes.astype(np.int64), [str(u) for u in uniques])


def write_csv(frame: Any, path: str | os.PathLike, *, precision: int = 6,
              columns: Mapping[str, Any] | None = None) -> None:
    """Writes a DataFrame as CSV (RFC 4180) in C++, on every thread, much faster than
    ``DataFrame.to_csv``.

    Integers are written in decimal, booleans as ``True`` and ``False`` (as pandas does),
    floats as ``%.<precision>g`` (missing ones empty), everything else as text, quoted where a CSV reader needs it (delimiters, quotes,
    line breaks, an empty string, or a value that would read back as null, such as ``NA``);
    a missing value is an empty field. ``columns`` replaces some columns' values by
    ``(codes, values)``: row ``i`` holds ``values[codes[i]]`` (nothing for a code below 0),
    which spares turning millions of repeated strings into Python objects.

    >>> import pandas as pd, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "people.csv")
    >>> write_csv(pd.DataFrame({"name": ["Nowak, Jan", None], "p": [0.25, 1e-7]}), path)
    >>> print(open(path).read(), end="")
    name,p
    "Nowak, Jan",0.25
    ,1e-07
    """
    columns = dict(columns or {})
    names = [str(c) for c in frame.columns]
    data = [_csv_column(columns[c] if c in columns else frame[c]) for c in frame.columns]
    _core.write_csv(str(path), names, data, precision)
