"""sameas.similarity: every metric for two strings and element-wise over every kind of sequence,
and agreement with rapidfuzz where it implements the same definition."""

import csv
import doctest
import math
import random
from collections import Counter

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import sameas.similarity as sim

# name, keyword arguments, a pair, its value.
CASES = [
    ("levenshtein", {}, ("kitten", "sitting"), 3),
    ("levenshtein", {"max_distance": 1}, ("kitten", "sitting"), 2),
    ("levenshtein_similarity", {}, ("søren", "soren"), 0.8),
    ("osa", {}, ("ca", "abc"), 3),
    ("damerau_levenshtein", {}, ("ca", "abc"), 2),
    ("damerau_levenshtein", {"max_distance": 0}, ("ca", "abc"), 1),
    ("indel", {}, ("kitten", "sitting"), 5),
    ("indel", {"max_distance": 2}, ("kitten", "sitting"), 3),
    ("indel_similarity", {}, ("王小明", "王晓明"), 4 / 6),
    ("hamming", {}, ("abc", "xbcde"), 3),
    ("jaro", {}, ("martha", "marhta"), 17 / 18),
    ("jaro_winkler", {}, ("dwayne", "duane"), 0.84),
    ("jaccard", {}, ("ann", "anne"), 0.5),
    ("jaccard", {"q": 2, "padded": False}, ("nanana", "nana"), 0.6),
    ("jaccard", {"q": 3}, ("jon", "john"), 3 / 8),
    ("dice", {}, ("ann", "anne"), 6 / 9),
    ("dice", {"q": 3, "padded": True}, ("jon", "john"), 6 / 11),
    ("cosine", {}, ("ann", "anne"), 3 / math.sqrt(20)),
    ("cosine", {"padded": False}, ("nanana", "nana"), 8 / math.sqrt(65)),
    ("token_sort_ratio", {}, ("Smith John", "John Smith"), 1.0),
    ("token_set_ratio", {}, ("John Smith", "John Paul Smith"), 1.0),
    ("monge_elkan", {}, ("John Smith", "Smith Paul John"), 1.0),
    ("monge_elkan", {"inner": "levenshtein_similarity"}, ("Smith Paul John", "John Smith"), 2 / 3),
    ("monge_elkan", {"inner": "indel_similarity"}, ("ann", "anne"), 6 / 7),
    ("monge_elkan", {"inner": "jaccard"}, ("ann", "anne"), 0.5),
    ("monge_elkan", {"symmetric": True}, ("John Smith", "Smith Paul John"), 5 / 6),
]
DISTANCES = {"levenshtein", "osa", "damerau_levenshtein", "indel", "hamming"}


def _id(case):
    name, kwargs, _, _ = case
    return name + "".join(f"-{k}={v}" for k, v in kwargs.items())


def test_docstring_examples():
    result = doctest.testmod(sim, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= len(sim.__all__)
    assert result.failed == 0


def test_every_metric_is_tested():
    assert {case[0] for case in CASES} == set(sim.__all__)


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_scalar(case):
    name, kwargs, (a, b), expected = case
    value = getattr(sim, name)(a, b, **kwargs)
    if name in DISTANCES:
        assert type(value) is int and value == expected
    else:
        assert type(value) is float and value == pytest.approx(expected, abs=1e-12)


SEQUENCE_KINDS = {
    "list": lambda values: list(values),
    "tuple": lambda values: tuple(values),
    "numpy": lambda values: np.array(values, dtype=object),
    "pandas": lambda values: pd.Series(values, dtype=object),
    "pandas_string": lambda values: pd.Series(values, dtype="string"),
    "pyarrow": lambda values: pa.array(values, type=pa.string()),
    "pyarrow_large": lambda values: pa.array(values, type=pa.large_string()),
    "pyarrow_chunked": lambda values: pa.chunked_array([values[:1], values[1:]], type=pa.string()),
}


@pytest.mark.parametrize("kind", list(SEQUENCE_KINDS))
@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_elementwise_with_missing_values(case, kind):
    name, kwargs, (a, b), expected = case
    make = SEQUENCE_KINDS[kind]
    fn = getattr(sim, name)
    left = make([a, None, b, a, ""])
    right = make([b, b, None, a, ""])
    result = fn(left, right, **kwargs)
    assert isinstance(result, np.ndarray) and result.dtype == np.float64 and result.shape == (5,)
    assert result[0] == pytest.approx(expected, abs=1e-12)
    assert math.isnan(result[1]) and math.isnan(result[2])
    assert result[3] == fn(a, a, **kwargs)
    assert result[4] == fn("", "", **kwargs)


def test_sliced_arrow_arrays_keep_their_offset():
    left = pa.array(["x", "kitten", None, "martha"]).slice(1)
    right = pa.array(["sitting", None, "marhta"])
    assert sim.levenshtein(left, right).tolist()[0] == 3
    assert math.isnan(sim.indel(left, right)[1])
    assert sim.damerau_levenshtein(left, right)[2] == 1


def test_bad_arguments_raise_value_or_type_errors():
    with pytest.raises(ValueError, match="differ in length"):
        sim.indel(["a", "b"], ["a"])
    with pytest.raises(TypeError):
        sim.hamming("a", ["a"])
    with pytest.raises(ValueError, match="q must be"):
        sim.jaccard("a", "b", q=4)
    with pytest.raises(ValueError, match="q must be"):
        sim.cosine(["a"], ["b"], q=0)
    with pytest.raises(ValueError, match="inner must be one of"):
        sim.monge_elkan("a", "b", inner="soundex")
    with pytest.raises(ValueError, match="max_distance"):
        sim.damerau_levenshtein("a", "b", max_distance=-2)


def test_token_ratios_split_like_python_not_like_rapidfuzz():
    # rapidfuzz 3.14 does not split at U+00A0 (no-break space) or U+0085; str.split() does.
    assert sim.token_sort_ratio("john\u00a0smith", "smith john") == 1.0
    assert sim.token_set_ratio("john\u0085smith", "smith john") == 1.0
    assert sim.token_sort_ratio("李\u3000小龙", "小龙 李") == 1.0


def test_code_points_not_bytes():
    assert sim.levenshtein("Łukasz", "Lukasz") == 1
    assert sim.hamming("łódź", "lodz") == 3
    assert sim.indel("müller", "muller") == 2
    assert sim.jaccard("ł", "l") == 0.0


# --- Agreement with rapidfuzz -------------------------------------------------------------------

try:
    from rapidfuzz import fuzz
    from rapidfuzz.distance import (
        OSA,
        DamerauLevenshtein,
        Hamming,
        Indel,
        Jaro,
        JaroWinkler,
        Levenshtein,
    )
except ImportError:  # the metrics rapidfuzz lacks are still checked below
    fuzz = None

needs_rapidfuzz = pytest.mark.skipif(fuzz is None, reason="rapidfuzz is not installed")


def _peers():
    """Ours, rapidfuzz's (3.14 when written), and whether exact (distances) or to 1e-9."""
    return [
        (sim.levenshtein, Levenshtein.distance, True),
        (sim.levenshtein_similarity, Levenshtein.normalized_similarity, False),
        (sim.osa, OSA.distance, True),
        (sim.indel, Indel.distance, True),
        (sim.indel_similarity, Indel.normalized_similarity, False),
        (sim.damerau_levenshtein, DamerauLevenshtein.distance, True),
        (sim.hamming, Hamming.distance, True),
        (sim.jaro, Jaro.similarity, False),
        (sim.jaro_winkler, JaroWinkler.similarity, False),
        (sim.token_sort_ratio, lambda a, b: fuzz.token_sort_ratio(a, b) / 100, False),
        (sim.token_set_ratio, lambda a, b: fuzz.token_set_ratio(a, b) / 100, False),
    ]


def _expect_agreement(left, right):
    for ours, theirs, exact in _peers():
        got = ours(left, right)
        expected = np.array([theirs(a, b) for a, b in zip(left, right)], dtype=np.float64)
        if exact:
            bad = np.flatnonzero(got != expected)
        else:
            bad = np.flatnonzero(np.abs(got - expected) > 1e-9)
        assert bad.size == 0, (
            f"{ours.__name__} differs from rapidfuzz on {len(bad)} of {len(left)} pairs, e.g. "
            f"{left[bad[0]]!r} / {right[bad[0]]!r}: {got[bad[0]]} against {expected[bad[0]]}"
        )
        # The scalar path agrees with the element-wise one.
        for i in range(0, len(left), max(1, len(left) // 50)):
            assert ours(left[i], right[i]) == got[i]


ALPHABETS = {
    "ascii_small": "abcd",
    "ascii_words": "abno  \t",
    "latin_diacritics": "aáàäeéøöłßñn ",
    "cyrillic": "адимртйё",
    "cjk": "王李张刘陈杨",
    "mixed": "aäłж李 \t",
}


def _edited(rng, s, alphabet):
    s = list(s)
    for _ in range(rng.randint(0, 1 + len(s) // 4)):
        kind = rng.randrange(4)
        if kind == 0 or not s:
            s.insert(rng.randint(0, len(s)), rng.choice(alphabet))
        elif kind == 1:
            del s[rng.randrange(len(s))]
        elif kind == 2:
            s[rng.randrange(len(s))] = rng.choice(alphabet)
        elif len(s) >= 2:
            i = rng.randrange(len(s) - 1)
            s[i], s[i + 1] = s[i + 1], s[i]
    return "".join(s)


def _random_pairs(alphabet, seed, count=600):
    rng = random.Random(seed)
    left, right = [], []
    for _ in range(count):
        length = rng.choice([0, 3, 8, 20, 20, 64, 70, 150])
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, length)))
        b = _edited(rng, a, alphabet) if rng.random() < 0.5 else "".join(
            rng.choice(alphabet) for _ in range(rng.randint(0, length))
        )
        left.append(a)
        right.append(b)
    return left, right


@needs_rapidfuzz
@pytest.mark.parametrize("alphabet", list(ALPHABETS))
def test_agrees_with_rapidfuzz_on_random_strings(alphabet):
    left, right = _random_pairs(ALPHABETS[alphabet], seed=list(ALPHABETS).index(alphabet))
    _expect_agreement(left, right)


def _read_names(shared_data):
    names = []
    for path in sorted((shared_data / "names" / "faker").glob("*/*.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            names += [row["name"] for row in csv.DictReader(f) if row.get("name")]
    febrl = pd.read_csv(shared_data / "febrl" / "dataset1.csv", skipinitialspace=True, dtype=str)
    for column in ("given_name", "surname"):
        names += febrl[column].dropna().str.strip().tolist()
    return [n for n in names if n]


@needs_rapidfuzz
def test_agrees_with_rapidfuzz_on_names(shared_data):
    names = _read_names(shared_data)
    assert len(names) > 5000
    rng = random.Random(3)
    left, right = [], []
    for _ in range(20000):
        a = rng.choice(names)
        # Half unrelated names, half a name against a lightly misspelt copy, some of them
        # lower-cased or joined into full names.
        b = rng.choice(names) if rng.random() < 0.5 else _edited(rng, a, "aeiounrstlł é")
        if rng.random() < 0.2:
            a, b = a + " " + rng.choice(names), rng.choice(names) + " " + b
        if rng.random() < 0.2:
            a, b = a.lower(), b.lower()
        left.append(a)
        right.append(b)
    _expect_agreement(left, right)


# --- The metrics rapidfuzz lacks, against plain Python ---------------------------------------------


def _qgrams(s, q, padded):
    chars = ([None] * (q - 1) + list(s) + [""] * (q - 1)) if padded else list(s)
    return Counter(tuple(chars[i : i + q]) for i in range(len(chars) - q + 1))


def _qgram_reference(a, b, q, padded, measure):
    ga, gb = _qgrams(a, q, padded), _qgrams(b, q, padded)
    if not ga or not gb:
        return 1.0 if not ga and not gb and a == b else 0.0
    shared = sum((ga & gb).values())
    if measure == "jaccard":
        return shared / sum((ga | gb).values())
    if measure == "dice":
        return 2 * shared / (sum(ga.values()) + sum(gb.values()))
    dot = sum(ga[g] * gb[g] for g in ga)
    return dot / math.sqrt(sum(c * c for c in ga.values()) * sum(c * c for c in gb.values()))


@pytest.mark.parametrize("alphabet", ["ascii_small", "latin_diacritics", "cjk"])
@pytest.mark.parametrize("q", [2, 3])
@pytest.mark.parametrize("padded", [True, False])
def test_qgram_similarities_match_plain_python(alphabet, q, padded):
    left, right = _random_pairs(ALPHABETS[alphabet], seed=q * 10 + padded, count=300)
    for measure in ("jaccard", "dice", "cosine"):
        got = getattr(sim, measure)(left, right, q=q, padded=padded)
        expected = [_qgram_reference(a, b, q, padded, measure) for a, b in zip(left, right)]
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12, err_msg=measure)


def _inner_metric(name):
    if name == "jaccard":
        return lambda a, b: _qgram_reference(a, b, 2, True, "jaccard")
    return {
        "jaro_winkler": JaroWinkler.similarity,
        "levenshtein_similarity": Levenshtein.normalized_similarity,
        "indel_similarity": Indel.normalized_similarity,
    }[name]


def _monge_elkan_reference(a, b, inner, symmetric):
    ta, tb = a.split(), b.split()
    if not ta or not tb:
        return 1.0 if not ta and not tb else 0.0

    metric = _inner_metric(inner)

    def one_way(x, y):
        return sum(max(metric(s, t) for t in y) for s in x) / len(x)

    return (one_way(ta, tb) + one_way(tb, ta)) / 2 if symmetric else one_way(ta, tb)


@needs_rapidfuzz
@pytest.mark.parametrize("inner", ["jaro_winkler", "levenshtein_similarity", "indel_similarity", "jaccard"])
@pytest.mark.parametrize("symmetric", [False, True])
def test_monge_elkan_matches_plain_python_with_rapidfuzz_inside(inner, symmetric):
    left, right = _random_pairs(ALPHABETS["mixed"], seed=7, count=400)
    got = sim.monge_elkan(left, right, inner=inner, symmetric=symmetric)
    expected = [_monge_elkan_reference(a, b, inner, symmetric) for a, b in zip(left, right)]
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9)
