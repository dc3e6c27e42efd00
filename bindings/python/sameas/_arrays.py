"""Any sequence of strings as the buffers of an Arrow large_string array, for one call into C++."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa


def as_string_array(values: Any) -> pa.Array:
    """A pyarrow large_string array from a list, tuple, numpy array, pandas Series or pyarrow
    array of str (None / NaN for missing)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if isinstance(values, pa.Array):
        array = values
    else:
        try:
            import pandas as pd

            if isinstance(values, (pd.Series, pd.Index)):
                values = values.astype(object).where(values.notna(), None).to_numpy()
        except ImportError:  # pragma: no cover
            pass
        if isinstance(values, np.ndarray) and values.dtype.kind == "f":
            raise TypeError("expected strings, got a float array")
        array = pa.array(values, type=pa.large_string(), from_pandas=True)
    if not pa.types.is_large_string(array.type):
        array = array.cast(pa.large_string())
    return array


def utf8_buffers(array: pa.Array) -> tuple:
    """(validity or None, offsets int64, data uint8, offset, length) of a large_string array."""
    validity, offsets, data = array.buffers()
    return (
        None if validity is None else np.frombuffer(validity, dtype=np.uint8),
        np.frombuffer(offsets, dtype=np.int64),
        np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8),
        array.offset,
        len(array),
    )
