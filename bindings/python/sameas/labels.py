"""Labelled pairs from a CSV file or DataFrame, checked: each bad row is an error that names
the file, row, column and value.

A labels table has ``record_id_l``, ``record_id_r`` (or Splink's ``unique_id_l``,
``unique_id_r``), with several tables ``source_l``, ``source_r`` (or ``source_dataset_l``,
``source_dataset_r``), and a match flag: ``match`` / ``is_match`` (1, 0, true, false, yes,
no) or ``clerical_match_score`` (a number in [0, 1], a match from 0.5).

>>> import io
>>> frame = read_label_pairs(io.StringIO("record_id_l,record_id_r,match\\n1,2,yes\\n1,3,maybe\\n"))
Traceback (most recent call last):
...
ValueError: labels row 2 (line 3): column 'match': 'maybe' is not a match flag (1, 0, true, false, yes, no)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from .linker import Linker

TRUE = {"1", "1.0", "true", "yes", "y", "t", "match"}
FALSE = {"0", "0.0", "false", "no", "n", "f", "non-match", "nonmatch"}


def _where(origin: str, row: int) -> str:
    # Rows count from 1 after the header, which is line 1.
    return f"{origin} row {row + 1} (line {row + 2})"


def read_label_pairs(path: str | os.PathLike | IO[str]) -> pd.DataFrame:
    """Reads a labels CSV as text, every value kept as written; the origin is kept in
    ``attrs["origin"]`` for messages."""
    if isinstance(path, (str, os.PathLike)):
        p = Path(path)
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such labels file")
        try:
            frame = pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8")
        except (UnicodeDecodeError, pd.errors.ParserError) as error:
            raise ValueError(f"{p}: not a readable CSV file: {error}") from None
        origin = str(p)
    else:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        origin = "labels"
    frame.attrs["origin"] = origin
    return _check_flags(frame, origin)


def _pick(frame: pd.DataFrame, *names: str) -> str | None:
    return next((n for n in names if n in frame.columns), None)


def _check_flags(frame: pd.DataFrame, origin: str) -> pd.DataFrame:
    column = _pick(frame, "match", "is_match", "clerical_match_score")
    if column is None:
        raise ValueError(f"{origin}: no match column (match, is_match or clerical_match_score); "
                         f"its columns are {list(frame.columns)}")
    _flags(frame, column, origin)
    return frame


def _flags(frame: pd.DataFrame, column: str, origin: str) -> np.ndarray:
    values = frame[column]
    if values.dtype == bool:
        return values.to_numpy(dtype=bool)
    if pd.api.types.is_numeric_dtype(values.dtype):
        numbers = values.to_numpy(dtype=np.float64)
        text = values.astype(str)
    else:
        text = values.astype(str).str.strip()
        lowered = text.str.lower()
        numbers = pd.to_numeric(lowered, errors="coerce").to_numpy(dtype=np.float64)
        if column != "clerical_match_score":
            named = lowered.isin(TRUE | FALSE).to_numpy()
            numbers = np.where(named, lowered.isin(TRUE).to_numpy().astype(np.float64), numbers)
    bad = np.isnan(numbers) | (numbers < 0) | (numbers > 1)
    if column != "clerical_match_score":
        bad |= ~np.isin(numbers, (0.0, 1.0))
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        what = ("is not a score in [0, 1]" if column == "clerical_match_score"
                else "is not a match flag (1, 0, true, false, yes, no)")
        raise ValueError(f"{_where(origin, row)}: column '{column}': {text.iat[row]!r} {what}")
    return numbers >= 0.5


def label_pairs(linker: "Linker", frame: pd.DataFrame, origin: str | None = None
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Record indices of each labelled pair, and its match flag (uint8). An id no record has
    is an error naming the row, column and value."""
    origin = origin or frame.attrs.get("origin", "labels")
    id_l, id_r = _pick(frame, "record_id_l", "unique_id_l"), _pick(frame, "record_id_r", "unique_id_r")
    if id_l is None or id_r is None:
        raise ValueError(
            f"{origin}: a table of pairs needs record_id_l and record_id_r (or unique_id_l and "
            f"unique_id_r); its columns are {list(frame.columns)}")
    match_column = _pick(frame, "match", "is_match", "clerical_match_score")
    if match_column is None:
        raise ValueError(f"{origin}: no match column (match, is_match or clerical_match_score); "
                         f"its columns are {list(frame.columns)}")
    match = _flags(frame, match_column, origin)
    source_l, source_r = _pick(frame, "source_l", "source_dataset_l"), _pick(frame, "source_r", "source_dataset_r")
    left = _indices(linker, frame, id_l, source_l, origin)
    right = _indices(linker, frame, id_r, source_r, origin)
    same = np.flatnonzero(left == right)
    if len(same):
        row = int(same[0])
        raise ValueError(f"{_where(origin, row)}: column '{id_r}': {frame[id_r].iat[row]!r} "
                         f"pairs a record with itself")
    return left, right, match.astype(np.uint8)


def _indices(linker: "Linker", frame: pd.DataFrame, id_column: str, source_column: str | None,
             origin: str) -> np.ndarray:
    records = linker._records()
    sources = list(linker._core.sources)
    ids = frame[id_column].astype(str).str.strip()
    if len(sources) == 1 or source_column is None:
        if len(sources) > 1:
            raise ValueError(f"{origin}: there are {len(sources)} tables ({', '.join(sources)}); "
                             f"give the source of each record (source_l, source_r)")
        keys = pd.Index(records["record_id"].astype(str))
        index = keys.get_indexer(pd.Index(ids))
        column, values = id_column, ids
    else:
        src = frame[source_column].astype(str).str.strip()
        unknown = ~src.isin(sources).to_numpy()
        if unknown.any():
            row = int(np.flatnonzero(unknown)[0])
            raise ValueError(f"{_where(origin, row)}: column '{source_column}': {src.iat[row]!r} "
                             f"is not a table (the tables are: {', '.join(sources)})")
        keys = pd.MultiIndex.from_arrays([records["source"].astype(str), records["record_id"].astype(str)])
        index = keys.get_indexer(pd.MultiIndex.from_arrays([src, ids]))
        column, values = id_column, ids
    missing = np.flatnonzero(index < 0)
    if len(missing):
        row = int(missing[0])
        raise KeyError(f"{_where(origin, row)}: column '{column}': no record has id {values.iat[row]!r}"
                       + (f" ({len(missing)} rows name unknown records)" if len(missing) > 1 else ""))
    return index.astype(np.uint32)
