"""String metrics, for two strings or element-wise over two equal-length sequences.

Each function takes two ``str`` and returns a number, or two sequences (lists, numpy or
pandas string arrays, pyarrow string arrays) and returns a numpy float64 array, computed in
one call into C++ with the GIL released; a missing value gives NaN. Strings are compared as
Unicode code points (``ł``, ``ő``, ``ß`` and ``李`` are one character each).

>>> from sameas import similarity
>>> similarity.levenshtein("kitten", "sitting")
3
>>> round(similarity.jaro_winkler("martha", "marhta"), 4)
0.9611
>>> similarity.levenshtein(["Łukasz", "Anna"], ["Lukasz", None]).tolist()
[1.0, nan]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _core
from ._arrays import as_string_array, utf8_buffers

_c = _core.similarity


def _call(fn, a: Any, b: Any, *args, integral: bool = False):
    scalar = isinstance(a, str) and isinstance(b, str)
    if scalar:
        a, b = [a], [b]
    elif isinstance(a, str) or isinstance(b, str):
        raise TypeError("give two strings, or two sequences of the same length")
    result = fn(utf8_buffers(as_string_array(a)), utf8_buffers(as_string_array(b)), *args)
    if scalar:
        value = float(result[0])
        return int(value) if integral else value
    return result


def levenshtein(a, b, max_distance: int | None = None):
    """Levenshtein distance; with ``max_distance``, ``max_distance + 1`` once it is exceeded
    (Myers 1999, Hyyrö 2003)."""
    return _call(_c.levenshtein, a, b, -1 if max_distance is None else int(max_distance), integral=True)


def levenshtein_similarity(a, b):
    """1 - Levenshtein distance / length of the longer string; 1 for two empty strings."""
    return _call(_c.levenshtein_similarity, a, b)


def osa(a, b, max_distance: int | None = None):
    """Optimal string alignment distance: Levenshtein with adjacent transpositions (Hyyrö 2003)."""
    return _call(_c.osa, a, b, -1 if max_distance is None else int(max_distance), integral=True)


def jaro(a, b):
    """Jaro similarity in [0, 1] (Jaro 1989)."""
    return _call(_c.jaro, a, b)


def jaro_winkler(a, b, prefix_weight: float = 0.1, boost_threshold: float = 0.7):
    """Jaro–Winkler similarity: Jaro plus a bonus for a common prefix of up to four characters,
    when Jaro exceeds ``boost_threshold`` (Winkler 1990)."""
    return _call(_c.jaro_winkler, a, b, float(prefix_weight), float(boost_threshold))


__all__ = ["levenshtein", "levenshtein_similarity", "osa", "jaro", "jaro_winkler"]
