"""String metrics, for two strings or element-wise over two equal-length sequences.

Each function takes two ``str`` and returns a number, or two sequences (lists, numpy or
pandas string arrays, pyarrow string arrays) and returns a numpy float64 array, computed in
one call into C++ with the GIL released; a missing value gives NaN. Strings are compared as
Unicode code points (``ł``, ``ő``, ``ß`` and ``李`` are one character each). Nothing is
lower-cased or normalised: prepare the strings first.

Distances (integers for two strings): ``levenshtein``, ``osa``, ``damerau_levenshtein``,
``indel``, ``hamming``. Similarities in [0, 1]: ``levenshtein_similarity``,
``indel_similarity``, ``jaro``, ``jaro_winkler``, ``jaccard``, ``dice``, ``cosine``,
``token_sort_ratio``, ``token_set_ratio``, ``monge_elkan``. docs/similarity.md gives each
definition and its source. One query against a block of candidates, in SIMD lanes:
``levenshtein_one_to_many``, ``jaro_winkler_one_to_many``.

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
    """Levenshtein distance: insertions, deletions and substitutions, each costing 1. With
    ``max_distance``, ``max_distance + 1`` once it is exceeded, which lets the kernel stop early
    (Myers 1999, Hyyrö 2003).

    >>> levenshtein("kitten", "sitting")
    3
    >>> levenshtein("kitten", "sitting", max_distance=1)
    2
    """
    return _call(_c.levenshtein, a, b, _max_distance(max_distance), integral=True)


def levenshtein_similarity(a, b):
    """1 - Levenshtein distance / length of the longer string; 1 for two empty strings.

    >>> levenshtein_similarity("søren", "soren")
    0.8
    """
    return _call(_c.levenshtein_similarity, a, b)


def osa(a, b, max_distance: int | None = None):
    """Optimal string alignment distance: Levenshtein with transpositions of adjacent characters,
    no substring edited twice (Hyyrö 2003). See ``damerau_levenshtein`` for the unrestricted one.

    >>> osa("martha", "marhta")
    1
    >>> osa("ca", "abc")
    3
    """
    return _call(_c.osa, a, b, _max_distance(max_distance), integral=True)


def damerau_levenshtein(a, b, max_distance: int | None = None):
    """True (unrestricted) Damerau–Levenshtein distance: Levenshtein with transpositions of
    adjacent characters, which may be edited again (Lowrance & Wagner 1975). With
    ``max_distance``, ``max_distance + 1`` once it is exceeded.

    >>> damerau_levenshtein("ca", "abc")
    2
    >>> damerau_levenshtein(["martha", "dwayne"], ["marhta", None]).tolist()
    [1.0, nan]
    """
    return _call(_c.damerau_levenshtein, a, b, _max_distance(max_distance), integral=True)


def indel(a, b, max_distance: int | None = None):
    """Indel distance: insertions and deletions only, len(a) + len(b) - 2 x the longest common
    subsequence (bit-parallel LCS, Allison & Dix 1986, Hyyrö 2004). With ``max_distance``,
    ``max_distance + 1`` once it is exceeded.

    >>> indel("kitten", "sitting")
    5
    """
    return _call(_c.indel, a, b, _max_distance(max_distance), integral=True)


def indel_similarity(a, b):
    """1 - Indel distance / (len(a) + len(b)): rapidfuzz's ``fuzz.ratio`` / 100 and
    ``Indel.normalized_similarity``; 1 for two empty strings.

    >>> round(indel_similarity("kitten", "sitting"), 4)
    0.6154
    """
    return _call(_c.indel_similarity, a, b)


def hamming(a, b):
    """Positions whose characters differ (Hamming 1950). For strings of unequal length each
    character of the longer one's tail counts as a difference, as rapidfuzz's
    ``Hamming.distance`` does with its default ``pad=True``.

    >>> hamming("karolin", "kathrin")
    3
    >>> hamming("abc", "xbcde")
    3
    """
    return _call(_c.hamming, a, b, integral=True)


def jaro(a, b):
    """Jaro similarity in [0, 1] (Jaro 1989).

    >>> round(jaro("martha", "marhta"), 4)
    0.9444
    """
    return _call(_c.jaro, a, b)


def jaro_winkler(a, b, prefix_weight: float = 0.1, boost_threshold: float = 0.7):
    """Jaro–Winkler similarity: Jaro plus a bonus for a common prefix of up to four characters,
    when Jaro exceeds ``boost_threshold`` (Winkler 1990).

    >>> round(jaro_winkler("dwayne", "duane"), 4)
    0.84
    """
    return _call(_c.jaro_winkler, a, b, float(prefix_weight), float(boost_threshold))


def jaccard(a, b, q: int = 2, padded: bool = True):
    """Jaccard similarity of the multisets of q-grams: shared q-grams (the smaller count of
    each) over all (the larger count of each) (Jaccard 1912). ``q`` is 2 or 3 (1 works too);
    ``padded`` adds q - 1 start and end markers, so that "ann" has the bigrams ⊳a an nn n⊲.

    >>> jaccard("ann", "anne")
    0.5
    >>> jaccard("anna", "anne", q=2, padded=False)
    0.5
    """
    return _call(_c.jaccard, a, b, _q(q), bool(padded))


def dice(a, b, q: int = 2, padded: bool = True):
    """Dice (Sørensen–Dice) similarity of the multisets of q-grams: 2 x shared / (count in a +
    count in b) (Dice 1945). ``q`` and ``padded`` as in ``jaccard``.

    >>> round(dice("ann", "anne"), 4)
    0.6667
    """
    return _call(_c.dice, a, b, _q(q), bool(padded))


def cosine(a, b, q: int = 2, padded: bool = True):
    """Cosine similarity of the q-gram count vectors (Salton & McGill 1983). ``q`` and
    ``padded`` as in ``jaccard``.

    >>> round(cosine("ann", "anne"), 4)
    0.6708
    """
    return _call(_c.cosine, a, b, _q(q), bool(padded))


def token_sort_ratio(a, b):
    """Indel similarity of the whitespace-separated tokens, each string's sorted and joined by
    single spaces: rapidfuzz's ``fuzz.token_sort_ratio`` on a 0..1 scale instead of 0..100.
    Tokens as Python's ``str.split()`` makes them.

    >>> token_sort_ratio("Smith John", "John Smith")
    1.0
    """
    return _call(_c.token_sort_ratio, a, b)


def token_set_ratio(a, b):
    """Token set ratio, rapidfuzz's ``fuzz.token_set_ratio`` on a 0..1 scale: the best Indel
    similarity among the shared tokens and each side's shared-plus-own tokens, sorted; 1 when
    one string's tokens are all in the other, 0 when either has none.

    >>> token_set_ratio("John Smith", "John Paul Smith")
    1.0
    >>> round(token_set_ratio("New York Mets", "New York Yankees"), 4)
    0.7619
    """
    return _call(_c.token_set_ratio, a, b)


_INNER = {"jaro_winkler": 0, "levenshtein_similarity": 1, "indel_similarity": 2, "jaccard": 3}


def monge_elkan(a, b, inner: str = "jaro_winkler", symmetric: bool = False):
    """Monge–Elkan similarity (Monge & Elkan 1996): the mean, over the whitespace tokens of
    ``a``, of the best ``inner`` similarity against a token of ``b``. ``inner`` is
    "jaro_winkler", "levenshtein_similarity", "indel_similarity" or "jaccard" (padded
    bigrams). One-way unless ``symmetric``, which averages both directions. 1 when neither
    string has a token, 0 when one has none.

    >>> monge_elkan("John Smith", "Smith Paul John")
    1.0
    >>> round(monge_elkan("Smith Paul John", "John Smith", inner="levenshtein_similarity"), 4)
    0.6667
    >>> round(monge_elkan("John Smith", "Smith Paul John", symmetric=True), 4)
    0.8333
    """
    try:
        code = _INNER[inner]
    except (KeyError, TypeError):
        raise ValueError(f"inner must be one of {', '.join(map(repr, _INNER))}, got {inner!r}") from None
    return _call(_c.monge_elkan, a, b, code, bool(symmetric))


def _one_to_many(fn, query: str, candidates: Any, *args):
    if not isinstance(query, str):
        raise TypeError(f"query must be a str, got {type(query).__name__}")
    if isinstance(candidates, str):
        raise TypeError("candidates must be a sequence of strings, not one string")
    array = as_string_array(candidates)
    # pyarrow's own buffers go to C++ through the buffer protocol: a block of a few dozen
    # names should not pay for three numpy arrays per call.
    validity, offsets, data = array.buffers()
    return fn(query, (validity, offsets, data, array.offset, len(array)), *args)


def levenshtein_one_to_many(query: str, candidates, max_distance: int | None = None):
    """Levenshtein distance from ``query`` to each of ``candidates`` (a list, numpy, pandas or
    pyarrow array of str), as a numpy float64 array with NaN for a missing candidate: the shape
    blocking produces, one record against the others in its block. The same numbers as
    ``levenshtein(query, c)`` for each ``c``; with ``max_distance``, ``max_distance + 1`` for
    every candidate beyond it. An ASCII query of up to 64 characters scores its ASCII
    candidates in SIMD lanes, one candidate per lane (Myers 1999, Hyyrö 2003).

    >>> levenshtein_one_to_many("anna", ["anna", "hanna", "ana", None]).tolist()
    [0.0, 1.0, 1.0, nan]
    >>> levenshtein_one_to_many("kowalski", ["kowalska", "nowak"], max_distance=2).tolist()
    [1.0, 3.0]
    """
    return _one_to_many(_c.levenshtein_one_to_many, query, candidates, _max_distance(max_distance))


def jaro_winkler_one_to_many(query: str, candidates, score_cutoff: float = 0.0,
                             prefix_weight: float = 0.1, boost_threshold: float = 0.7):
    """Jaro–Winkler similarity of ``query`` with each of ``candidates``, as a numpy float64 array
    with NaN for a missing candidate; 0 where it falls below ``score_cutoff``. The same numbers
    as ``jaro_winkler(query, c, prefix_weight, boost_threshold)``, to the last bit, scored in
    SIMD lanes as ``levenshtein_one_to_many`` is.

    >>> jaro_winkler_one_to_many("martha", ["marhta", "martha"]).round(4).tolist()
    [0.9611, 1.0]
    >>> jaro_winkler_one_to_many("martha", ["marhta", "dwayne"], score_cutoff=0.9).tolist()[1]
    0.0
    """
    return _one_to_many(_c.jaro_winkler_one_to_many, query, candidates, float(score_cutoff),
                        float(prefix_weight), float(boost_threshold))


def _max_distance(max_distance: int | None) -> int:
    if max_distance is None:
        return -1
    if max_distance < 0:
        raise ValueError(f"max_distance must not be negative, got {max_distance}")
    return int(max_distance)


def _q(q: int) -> int:
    if q not in (1, 2, 3):
        raise ValueError(f"q must be 2 or 3 (or 1), got {q!r}")
    return int(q)


__all__ = [
    "levenshtein",
    "levenshtein_similarity",
    "osa",
    "damerau_levenshtein",
    "indel",
    "indel_similarity",
    "hamming",
    "jaro",
    "jaro_winkler",
    "jaccard",
    "dice",
    "cosine",
    "token_sort_ratio",
    "token_set_ratio",
    "monge_elkan",
]
