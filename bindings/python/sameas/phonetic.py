"""Phonetic codes, for one string or element-wise over a sequence.

Each function takes one ``str`` and returns its code, or a sequence (list, tuple, numpy or
pandas string array, pyarrow string array) and returns a list with one code per element,
computed in one call into C++ with the GIL released; a missing value (None, NaN) gives None.

The encoders code ASCII letters. Text with other characters is first folded to ASCII the way
the pipeline folds every field (``Müller`` -> ``muller``, ``Łukasz`` -> ``lukasz``,
``Дмитрий`` -> ``dmitrij``); case does not matter and other characters are skipped, so
``O'Brien`` codes as ``OBrien``.

>>> from sameas import phonetic
>>> phonetic.soundex("Robert")
'R163'
>>> phonetic.soundex(["Tymczak", None, "Pfister"])
['T522', None, 'P236']
>>> phonetic.nysiis("Macintosh"), phonetic.metaphone("Knight")
('MCANT', 'NT')
>>> phonetic.double_metaphone(["Smith", "Schmidt"])
[('SM0', 'XMT'), ('XMT', 'SMT')]
>>> phonetic.cologne("Müller-Lüdenscheidt")
'65752682'
>>> phonetic.daitch_mokotoff("Peters")
['734000', '739400']
"""

from __future__ import annotations

from typing import Any

from . import _core
from ._arrays import as_string_array, utf8_buffers

_c = _core.phonetic


def _call(fn, values: Any, *args):
    if values is None:
        return None
    if isinstance(values, str):
        return fn(utf8_buffers(as_string_array([values])), *args)[0]
    return fn(utf8_buffers(as_string_array(values)), *args)


def _max_length(max_length: int | None) -> int:
    return 0 if max_length is None else int(max_length)


def soundex(values):
    """American Soundex (the US National Archives' rules): a letter and three digits.

    >>> soundex(["Ashcraft", "Łukasz"])
    ['A261', 'L220']
    """
    return _call(_c.soundex, values)


def nysiis(values, max_length: int | None = None):
    """NYSIIS (Taft 1970), as Python's jellyfish computes it: the whole key by default, or
    cut to ``max_length`` characters (6 in Taft's original).

    >>> nysiis(["Knight", "Carlson"])
    ['NAGT', 'CARLSAN']
    >>> nysiis("Carlson", max_length=6)
    'CARLSA'
    """
    return _call(_c.nysiis, values, _max_length(max_length))


def metaphone(values, max_length: int | None = None):
    """Metaphone (Philips 1990), as Python's jellyfish computes it, except that a doubled
    vowel that starts the name is kept (``Aaron`` -> ``ARN``, jellyfish ``RN``) and a final
    -GN keeps its N (``Sign`` -> ``SN``, jellyfish ``S``). ``0`` stands for "th".

    >>> metaphone(["Thompson", "Philips", "Aaron"])
    ['0MPSN', 'FLPS', 'ARN']
    >>> metaphone("Thompson", max_length=4)
    '0MPS'
    """
    return _call(_c.metaphone, values, _max_length(max_length))


def double_metaphone(values, max_length: int | None = 4):
    """Double Metaphone (Philips 2000): a ``(primary, alternate)`` tuple per name, each code
    at most ``max_length`` characters (None for the whole code). The alternate equals the
    primary when the name has one reading, so two names match when any code of one equals
    any code of the other.

    >>> double_metaphone("Jose")
    ('HS', 'HS')
    >>> double_metaphone(["Xavier", None, "Wiśniewski"])
    [('SF', 'SFR'), None, ('ASNS', 'FSNF')]
    >>> double_metaphone("Wiśniewski", max_length=None)
    ('ASNSK', 'FSNFSK')
    """
    return _call(_c.double_metaphone, values, _max_length(max_length))


def cologne(values):
    """Kölner Phonetik (Postel 1969), the phonetic code for German names: digits only.

    >>> cologne(["Meyer", "Maier", "Mayr", "Wikipedia"])
    ['67', '67', '67', '3412']
    """
    return _call(_c.cologne, values)


def daitch_mokotoff(values):
    """Daitch–Mokotoff Soundex (Mokotoff and Sack 1985): a sorted list of six-digit codes per
    name, more than one where a spelling has several readings.

    >>> daitch_mokotoff(["Moskowitz", "Jackson"])
    [['645740'], ['145460', '154600', '445460', '454600']]
    """
    return _call(_c.daitch_mokotoff, values)


__all__ = ["cologne", "daitch_mokotoff", "double_metaphone", "metaphone", "nysiis", "soundex"]
