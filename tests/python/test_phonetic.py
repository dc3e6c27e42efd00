"""sameas.phonetic: each encoder for one string and element-wise over every kind of sequence,
and agreement with jellyfish on the Faker name lists."""

import csv
import doctest
import unicodedata

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from sameas import phonetic

ENCODERS = [
    phonetic.soundex,
    phonetic.nysiis,
    phonetic.metaphone,
    phonetic.double_metaphone,
    phonetic.cologne,
    phonetic.daitch_mokotoff,
]


def test_docstring_examples_run():
    result = doctest.testmod(phonetic, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0


def test_each_encoder_codes_one_string():
    assert phonetic.soundex("Robert") == "R163"
    assert phonetic.nysiis("Macintosh") == "MCANT"
    assert phonetic.metaphone("Knight") == "NT"
    assert phonetic.double_metaphone("Smith") == ("SM0", "XMT")
    assert phonetic.cologne("Wikipedia") == "3412"
    assert phonetic.daitch_mokotoff("Peters") == ["734000", "739400"]


@pytest.mark.parametrize(
    "make",
    [
        list,
        tuple,
        lambda v: np.array(v, dtype=object),
        pd.Series,
        lambda v: pd.Series(v, dtype="string"),
        pa.array,
        lambda v: pa.array(v, type=pa.large_string()),
        lambda v: pa.chunked_array([v[:2], v[2:]]),
    ],
    ids=["list", "tuple", "numpy", "pandas", "pandas-string", "arrow", "arrow-large", "chunked"],
)
@pytest.mark.parametrize("encode", ENCODERS, ids=lambda f: f.__name__)
def test_element_wise_matches_scalar_and_missing_passes_through(encode, make):
    names = ["Schmidt", None, "Müller", "Jackson"]
    codes = encode(make(names))
    assert isinstance(codes, list)
    assert codes == [None if n is None else encode(n) for n in names]


def test_numpy_unicode_array_is_accepted():
    assert phonetic.nysiis(np.array(["Knight", "Lee"])) == ["NAGT", "LY"]


def test_pandas_missing_values_give_none():
    values = pd.Series(["Knight", np.nan, None], dtype=object)
    assert phonetic.metaphone(values) == ["NT", None, None]


def test_none_for_one_value_gives_none():
    for encode in ENCODERS:
        assert encode(None) is None


def test_empty_sequence_gives_empty_list():
    for encode in ENCODERS:
        assert encode([]) == []


def test_no_letters_gives_empty_codes():
    assert phonetic.soundex("--") == ""
    assert phonetic.nysiis("") == ""
    assert phonetic.double_metaphone("42") == ("", "")
    assert phonetic.cologne("h") == ""
    assert phonetic.daitch_mokotoff("") == []


def test_other_scripts_are_folded_before_coding():
    assert phonetic.soundex("Łukasz") == phonetic.soundex("Lukasz") == "L220"
    assert phonetic.nysiis("Дмитрий") == phonetic.nysiis("Dmitrij")
    assert phonetic.metaphone("Szőke") == phonetic.metaphone("Szoke")
    assert phonetic.double_metaphone("Gutiérrez") == ("KTRS", "KTRS")
    assert phonetic.cologne("Müller") == phonetic.cologne("Muller") == "657"
    assert phonetic.cologne("Straße") == "8278"
    assert phonetic.daitch_mokotoff("Wiśniewski") == phonetic.daitch_mokotoff("Wisniewski")


def test_case_and_punctuation_do_not_matter():
    for encode in ENCODERS:
        assert encode("O'Brien") == encode("OBRIEN")


def test_max_length_options():
    assert phonetic.nysiis("Carlson") == "CARLSAN"
    assert phonetic.nysiis("Carlson", max_length=6) == "CARLSA"
    assert phonetic.metaphone("Thompson", max_length=4) == "0MPS"
    assert phonetic.double_metaphone("Wisniewski") == ("ASNS", "FSNF")
    assert phonetic.double_metaphone("Wisniewski", max_length=None) == ("ASNSK", "FSNFSK")
    assert phonetic.double_metaphone(["Wisniewski"], max_length=2) == [("AS", "FS")]


def test_negative_max_length_is_a_value_error():
    with pytest.raises(ValueError, match="max_length"):
        phonetic.nysiis("Carlson", max_length=-1)


def test_float_array_is_a_type_error():
    with pytest.raises(TypeError):
        phonetic.soundex(np.array([1.0, 2.0]))


# --- agreement with jellyfish ---------------------------------------------------------------

# Where sameas.phonetic.metaphone departs from jellyfish on purpose (see docs/phonetic.md): a
# doubled vowel that starts the name is kept. These are all such names in the Faker lists.
METAPHONE_EXCEPTIONS = {"Aaron": ("ARN", "RN")}

# A fold equal to sameas's on the letters of every Faker name (checked when this test was
# written): jellyfish is given the folded letters, the same input sameas codes.
_SPECIAL = str.maketrans(
    {"ł": "l", "Ł": "L", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "æ": "ae", "ı": "i"}
)


def _letters(name):
    """The ASCII letters sameas codes: folded, without hyphens, spaces or apostrophes (jellyfish
    keeps those in NYSIIS: 'Anna-Lena' -> 'ANA-LAN')."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    return "".join(c for c in decomposed if c.isascii() and c.isalpha())


@pytest.fixture
def faker_names(shared_data):
    folder = shared_data / "names" / "faker"
    if not folder.exists():
        pytest.skip(f"Faker name lists not found at {folder}")
    names = []
    for path in sorted(folder.glob("*/*name*.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            names += [row[0] for row in list(csv.reader(f))[1:] if row and row[0]]
    assert len(names) > 8000
    return names


@pytest.mark.parametrize("name", ["soundex", "nysiis", "metaphone"])
def test_agrees_with_jellyfish_on_faker_names(name, faker_names):
    jellyfish = pytest.importorskip("jellyfish")
    exceptions = METAPHONE_EXCEPTIONS if name == "metaphone" else {}
    ours = getattr(phonetic, name)(faker_names)
    theirs = [getattr(jellyfish, name)(_letters(n)) if _letters(n) else "" for n in faker_names]
    differ = {n: (a, b) for n, a, b in zip(faker_names, ours, theirs) if a != b}
    assert differ == exceptions


@pytest.mark.parametrize("name", ["soundex", "nysiis", "metaphone"])
def test_agrees_with_jellyfish_on_ascii_names_as_they_are(name, faker_names):
    jellyfish = pytest.importorskip("jellyfish")
    plain = [n for n in faker_names if n.isascii() and n.isalpha()]
    exceptions = METAPHONE_EXCEPTIONS if name == "metaphone" else {}
    encode = getattr(jellyfish, name)
    ours = getattr(phonetic, name)(plain)
    differ = {n: (a, encode(n)) for n, a in zip(plain, ours) if a != encode(n)}
    assert differ == {n: v for n, v in exceptions.items() if n in plain}
