"""sameas.similarity one-against-many: the SIMD batch path gives exactly the element-wise
numbers, on ASCII and non-ASCII names, with and without cutoffs, and rapidfuzz's where it has
the same definition."""

import random

import numpy as np
import pyarrow as pa
import pytest

import sameas.similarity as sim


def random_names(seed: int, count: int, alphabet: str, longest: int = 24) -> list:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(count)]


QUERIES = ["", "a", "anna", "kowalski", "anne-marie", "katarzyna nowak", "x" * 33, "y" * 64, "z" * 70, "łukasz"]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("alphabet", ["abcdnkrz -", "abcdeéłżß"])
def test_levenshtein_one_to_many_equals_elementwise(query, alphabet):
    names = random_names(1, 999, alphabet, longest=40) + [query, query[::-1]]
    for max_distance in (None, 0, 2):
        batch = sim.levenshtein_one_to_many(query, names, max_distance=max_distance)
        pairwise = sim.levenshtein([query] * len(names), names, max_distance=max_distance)
        np.testing.assert_array_equal(batch, pairwise)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("alphabet", ["abcdnkrz -", "abcdeéłżß"])
def test_jaro_winkler_one_to_many_equals_elementwise_to_the_bit(query, alphabet):
    names = random_names(2, 999, alphabet) + [query]
    batch = sim.jaro_winkler_one_to_many(query, names)
    pairwise = sim.jaro_winkler([query] * len(names), names)
    np.testing.assert_array_equal(batch, pairwise)
    cut = sim.jaro_winkler_one_to_many(query, names, score_cutoff=0.8, prefix_weight=0.2)
    full = sim.jaro_winkler([query] * len(names), names, prefix_weight=0.2)
    np.testing.assert_array_equal(cut, np.where(full >= 0.8, full, 0.0))


def test_missing_candidates_give_nan_and_any_sequence_works():
    names = pa.array(["anna", None, "hanna"], type=pa.string())
    assert np.isnan(sim.levenshtein_one_to_many("anna", names)[1])
    assert sim.levenshtein_one_to_many("anna", np.array(["anna", "ana"])).tolist() == [0.0, 1.0]
    assert sim.jaro_winkler_one_to_many("anna", []).tolist() == []
    sliced = pa.array(["zzz", "anna", "ann"])[1:]
    assert sim.levenshtein_one_to_many("anna", sliced).tolist() == [0.0, 1.0]
    with pytest.raises(TypeError):
        sim.levenshtein_one_to_many("anna", "anna")


def test_agrees_with_rapidfuzz_cdist():
    rapidfuzz = pytest.importorskip("rapidfuzz")
    from rapidfuzz import process
    from rapidfuzz.distance import JaroWinkler, Levenshtein

    names = random_names(3, 500, "abcdnkrz -")
    for query in ("anna", "kowalski", "katarzyna nowak"):
        theirs = process.cdist([query], names, scorer=Levenshtein.distance, workers=1)[0]
        np.testing.assert_array_equal(sim.levenshtein_one_to_many(query, names), theirs)
        theirs = process.cdist([query], names, scorer=JaroWinkler.similarity, workers=1,
                               dtype=np.float64)[0]
        np.testing.assert_allclose(sim.jaro_winkler_one_to_many(query, names), theirs, atol=1e-12)
