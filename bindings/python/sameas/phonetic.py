"""Phonetic codes, for one string or element-wise over a sequence.

>>> from sameas import phonetic
>>> phonetic.soundex("Robert")
'R163'
>>> phonetic.soundex(["Tymczak", None, "Pfister"])
['T522', None, 'P236']
"""

from __future__ import annotations

from . import _core
from ._arrays import as_string_array, utf8_buffers

_c = _core.phonetic


def _call(fn, values, *args):
    if isinstance(values, str):
        return fn(utf8_buffers(as_string_array([values])), *args)[0]
    return fn(utf8_buffers(as_string_array(values)), *args)


def soundex(values):
    """American Soundex (the US National Archives' rules): a letter and three digits."""
    return _call(_c.soundex, values)


__all__ = ["soundex"]
