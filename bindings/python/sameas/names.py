"""Names as sameas reads them: parsed into given, middle and family names, with the spellings
and nicknames the name comparisons treat as the same (docs/names.md).

The pipeline parses every name column in C++ once per distinct value; these functions show
what it sees for one name.

>>> from sameas import names
>>> names.parse_name("Dr. Katarzyna NOWAK-KOWALSKA ✨")["family"]
['nowak', 'kowalska']
>>> p = names.parse_name("Kasia N. | Marketing")
>>> p["given"], p["family"], p["initials"]
('kasia', ['n'], ['n'])
>>> names.parse_name("KOWALSKI Jan")["family_first"]
True
>>> names.parse_name_parts("Banawi", "Banawi")["mononym"]
True
>>> "katarzyna" in names.nickname_groups("Kasia")
True
>>> names.respell("soekarno"), names.family_stem("kowalska")
('sukarno', 'kowalski')
"""

from __future__ import annotations

from typing import Any, Dict, List

from . import _core

_c = _core.names


def parse_name(text: str, field: str = "full") -> Dict[str, Any]:
    """Parses one name field: ``field`` is ``"full"`` (a whole or display name), ``"given"``
    or ``"family"``.

    Returns a dict: ``given`` (the first given name, folded, or None), ``middle`` (the other
    given names), ``family`` (the family name's words, hyphenated parts apart, particles such
    as ``van`` included), ``initials`` (the words written as initials), ``family_first`` (the
    input said the family name comes first: ``"KOWALSKI Jan"``, ``"Kowalski, Jan"``),
    ``mononym`` (one name only), ``folded`` and ``with_diacritics`` (the name as compared).

    >>> parse_name("Kowalski, Jan")["folded"]
    'jan kowalski'
    >>> parse_name("Ludwig van Beethoven")["family"]
    ['van', 'beethoven']
    >>> parse_name("Łukasz Wójcik")["with_diacritics"]
    'łukasz wójcik'
    """
    return _c.parse_name(text, field)


def parse_name_parts(given: str, family: str) -> Dict[str, Any]:
    """Parses a name held in two fields, as a CRM's first and last name.

    >>> parse_name_parts("Dr. Jan", "Kowalski Jr.")["folded"]
    'jan kowalski'
    >>> parse_name_parts("", "Banawi")["given"]
    'banawi'
    """
    return _c.parse_name_parts(given, family)


def nickname_groups(name: str) -> List[str]:
    """The formal names a given name stands for in the shipped tables (English nicknames,
    Polish diminutives, German, Hungarian and Indonesian tables); two given names are
    nicknames of each other when their groups meet. Empty for a name no table knows.

    >>> nickname_groups("Pista")
    ['istvan']
    >>> "robert" in nickname_groups("Bob")
    True
    """
    return _c.nickname_groups(name)


def respell(folded: str) -> str:
    """Today's Indonesian spelling of a folded name word written before 1972, and one
    spelling for the variants of Muhammad and Ahmad.

    >>> respell("djoko"), respell("mohammad")
    ('joko', 'muhammad')
    """
    return _c.respell(folded)


def family_stem(folded: str) -> str:
    """One stem for gendered forms of a folded family name: Polish -ska/-cka/-dzka/-na,
    Russian -ova/-eva.

    >>> family_stem("nowicka"), family_stem("ivanova")
    ('nowicki', 'ivanov')
    """
    return _c.family_stem(folded)
