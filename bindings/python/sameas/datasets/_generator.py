"""Synthetic CRM customers and social-media accounts with ground truth.

People are drawn from Faker's name lists for Poland, Germany, Hungary, Indonesia and Great
Britain; each gets CRM records (sometimes duplicated, with the errors real CRMs collect) and
0-3 social accounts whose handles, display names and locations say more or less about them.
Pure Python (stdlib and pandas); the name lists ship in ``sameas/data/names`` and are found
relative to this file, so the module also works when loaded by path without the C++ extension.
"""

import collections
import csv
import dataclasses
import datetime
import functools
import importlib.resources
import pathlib
import unicodedata
from random import Random
from typing import Dict, List, Optional, Sequence, Tuple

import pandas as pd

CRM_COLUMNS = ("customer_id", "first_name", "last_name", "email", "phone", "date_of_birth",
               "city", "country")
SOCIAL_COLUMNS = ("account_id", "platform", "handle", "display_name", "location", "email",
                  "birth_year")
TRUTH_COLUMNS = ("source", "record_id", "person_id")
_TABLES = (("crm", CRM_COLUMNS), ("social", SOCIAL_COLUMNS), ("truth", TRUTH_COLUMNS))
_INT_COLUMNS = ("birth_year",)
PLATFORMS = ("instagram", "x", "tiktok", "facebook", "linkedin")
DEFAULT_LOCALES = ("pl_PL", "de_DE", "hu_HU", "id_ID", "en_GB")

# The data folder next to this package: sameas/data.
_DATA_DIR = pathlib.Path(__file__).resolve().parent.parent / "data"

# Ages are counted to this day, not to today, so a seed gives the same tables in any year.
_REFERENCE_DATE = datetime.date(2024, 6, 30)

# Rates of the variations. Each is the share of the unit named in the comment.
_SOCIAL_RATE = 0.70             # people with at least one social account
_ACCOUNT_COUNTS = ((1, 0.62), (2, 0.28), (3, 0.10))  # accounts per person who has any
_SOCIAL_ONLY_RATE = 0.05        # people with social accounts but no CRM record
_DUPLICATE_RATE = 0.15          # people with two or three CRM records
_TRIPLICATE_RATE = 0.15         # of those, people with three records
_NAMESAKE_RATE = 0.03           # people made to share name and city with another person
_MONONYM_RATE = 0.25            # Indonesians with one name only
_SOCIAL_NICKNAME_RATE = 0.5     # people with a diminutive who use it on social media
_SOCIAL_EMAIL_RATE = 0.30       # social accounts that show an email
_SOCIAL_BIRTH_YEAR_RATE = 0.20  # social accounts that show a birth year
_SOCIAL_LOCATION_MISSING = 0.30  # social accounts without a location
_MOVED_RATE = 0.05              # social accounts located in another city of the country
_DE_DOTTED_DATE_RATE = 0.40     # German CRM records with dd.mm.yyyy dates
_HU_FAMILY_FIRST_RATE = 0.10    # Hungarian CRM records with the family name in first_name


# --------------------------------------------------------------------------------------------
# Locales: cities, phones, email domains.

@dataclasses.dataclass(frozen=True)
class _City:
    native: str
    english: str
    weight: float
    aliases: Tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class _Locale:
    code: str
    iso: str
    country_en: str
    country_native: str
    flag: str
    weight: float
    cities: Tuple[_City, ...]
    email_domains: Tuple[Tuple[str, float], ...]
    mobile_prefixes: Tuple[str, ...]
    subscriber_digits: Tuple[int, ...]
    titles: Tuple[str, ...]
    words: Tuple[str, ...]


_LOCALES = {
    "pl_PL": _Locale(
        code="pl_PL", iso="PL", country_en="Poland", country_native="Polska",
        flag="\U0001F1F5\U0001F1F1", weight=0.30,
        cities=(_City("Warszawa", "Warsaw", 6, ("Wawa", "WWA")),
                _City("Kraków", "Krakow", 3, ("Cracow", "KRK")),
                _City("Łódź", "Lodz", 2), _City("Wrocław", "Wroclaw", 2, ("Wro",)),
                _City("Poznań", "Poznan", 2), _City("Gdańsk", "Gdansk", 1.5, ("Trójmiasto",)),
                _City("Szczecin", "Szczecin", 1), _City("Lublin", "Lublin", 1),
                _City("Katowice", "Katowice", 1)),
        email_domains=(("gmail.com", 5), ("wp.pl", 2), ("onet.pl", 2), ("o2.pl", 1),
                       ("interia.pl", 1)),
        mobile_prefixes=("50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"),
        subscriber_digits=(7,),
        titles=("Marketing", "HR", "IT", "Fotografia", "Księgowość", "Sprzedaż"),
        words=("kawa", "kotek", "slonko", "zabka", "misiek")),
    "de_DE": _Locale(
        code="de_DE", iso="DE", country_en="Germany", country_native="Deutschland",
        flag="\U0001F1E9\U0001F1EA", weight=0.20,
        cities=(_City("Berlin", "Berlin", 5), _City("Hamburg", "Hamburg", 3),
                _City("München", "Munich", 3, ("Muenchen",)),
                _City("Köln", "Cologne", 2, ("Koeln",)),
                _City("Frankfurt am Main", "Frankfurt", 1.5, ("Frankfurt", "FFM")),
                _City("Stuttgart", "Stuttgart", 1),
                _City("Düsseldorf", "Dusseldorf", 1, ("Duesseldorf",)),
                _City("Leipzig", "Leipzig", 1), _City("Nürnberg", "Nuremberg", 1, ("Nuernberg",)),
                _City("Hannover", "Hanover", 1)),
        email_domains=(("gmail.com", 3), ("web.de", 3), ("gmx.de", 3), ("t-online.de", 1),
                       ("gmx.net", 1)),
        mobile_prefixes=("151", "152", "157", "159", "160", "162", "170", "171", "172", "173",
                         "175", "176", "177", "178", "179"),
        subscriber_digits=(7, 8),
        titles=("Marketing", "Vertrieb", "IT", "Fotografie", "Steuerberatung", "Personal"),
        words=("kaffee", "sonne", "mausi", "keks")),
    "hu_HU": _Locale(
        code="hu_HU", iso="HU", country_en="Hungary", country_native="Magyarország",
        flag="\U0001F1ED\U0001F1FA", weight=0.15,
        cities=(_City("Budapest", "Budapest", 8, ("BP", "Pest")),
                _City("Debrecen", "Debrecen", 1.5), _City("Szeged", "Szeged", 1.2),
                _City("Miskolc", "Miskolc", 1), _City("Pécs", "Pecs", 1), _City("Győr", "Gyor", 1)),
        email_domains=(("gmail.com", 5), ("freemail.hu", 3), ("citromail.hu", 1),
                       ("hotmail.com", 1)),
        mobile_prefixes=("20", "30", "31", "50", "70"),
        subscriber_digits=(7,),
        titles=("Marketing", "HR", "IT", "Fotós", "Értékesítés"),
        words=("cica", "napsugar", "maci", "kave")),
    "id_ID": _Locale(
        code="id_ID", iso="ID", country_en="Indonesia", country_native="Indonesia",
        flag="\U0001F1EE\U0001F1E9", weight=0.15,
        cities=(_City("Jakarta", "Jakarta", 6, ("DKI Jakarta", "Jkt")),
                _City("Surabaya", "Surabaya", 3, ("Sby",)),
                _City("Bandung", "Bandung", 2.5, ("Bandung, Jawa Barat",)),
                _City("Medan", "Medan", 2), _City("Semarang", "Semarang", 1.5),
                _City("Yogyakarta", "Yogyakarta", 1.5, ("Jogja", "Jogjakarta")),
                _City("Makassar", "Makassar", 1), _City("Denpasar", "Denpasar", 1, ("Bali",))),
        email_domains=(("gmail.com", 6), ("yahoo.co.id", 2), ("yahoo.com", 1),
                       ("ymail.com", 0.5)),
        mobile_prefixes=("811", "812", "813", "821", "822", "823", "852", "853", "857", "858",
                         "877", "878", "895", "896", "897"),
        subscriber_digits=(7, 8),
        titles=("Marketing", "Content Creator", "Wiraswasta", "Guru", "Desainer"),
        words=("kopi", "senja", "kucing", "hujan")),
    "en_GB": _Locale(
        code="en_GB", iso="GB", country_en="United Kingdom", country_native="UK",
        flag="\U0001F1EC\U0001F1E7", weight=0.20,
        cities=(_City("London", "London", 8, ("LDN", "London, UK")),
                _City("Manchester", "Manchester", 2, ("MCR",)),
                _City("Birmingham", "Birmingham", 2, ("Brum",)), _City("Leeds", "Leeds", 1.2),
                _City("Glasgow", "Glasgow", 1.2), _City("Liverpool", "Liverpool", 1),
                _City("Bristol", "Bristol", 1),
                _City("Edinburgh", "Edinburgh", 1, ("Edinburgh, Scotland",))),
        email_domains=(("gmail.com", 4), ("hotmail.co.uk", 2), ("outlook.com", 1.5),
                       ("btinternet.com", 1), ("yahoo.co.uk", 1)),
        mobile_prefixes=("74", "75", "77", "78", "79"),
        subscriber_digits=(8,),
        titles=("Marketing", "Software Engineer", "Recruiter", "NHS Nurse", "Accountant"),
        words=("tea", "biscuit", "brolly")),
}

_PHONE_FORMATS: Dict[str, Tuple[Tuple[str, float], ...]] = {
    # {n} national number without trunk prefix, split into groups by _format_phone.
    "pl_PL": (("+48 {a3} {b3} {c3}", 4), ("{a3} {b3} {c3}", 3), ("{a3}-{b3}-{c3}", 1.5),
              ("+48{n}", 1), ("0048 {a3} {b3} {c3}", 1), ("{n}", 1)),
    "de_DE": (("0{p} {s}", 4), ("+49 {p} {s}", 3), ("0049 {p} {s}", 1.5), ("0{p}/{s}", 1.5),
              ("0{p}-{s}", 1), ("+49 (0){p} {s}", 1)),
    "hu_HU": (("06-{p}-{s3}-{s4}", 3), ("+36 {p} {s3} {s4}", 3), ("06 {p} {s3} {s4}", 2),
              ("+36{n}", 1), ("06{n}", 1), ("+36-{p}/{s3}-{s4}", 1)),
    "id_ID": (("0{p}-{s4a}-{s4b}", 3), ("0{n}", 3), ("+62 {p}-{s4a}-{s4b}", 2),
              ("+62 {p} {s4a} {s4b}", 1), ("62{n}", 1)),
    "en_GB": (("0{g4} {g6}", 4), ("0{n}", 2), ("+44 {g4} {g6}", 3), ("+44 (0){g4} {g6}", 1),
              ("0044 {g4} {g6}", 1)),
}

_PLATFORM_WEIGHTS_BY_AGE = (
    # (maximum age, weights for instagram, x, tiktok, facebook, linkedin)
    (29, (0.30, 0.15, 0.30, 0.10, 0.15)),
    (49, (0.25, 0.15, 0.10, 0.30, 0.20)),
    (200, (0.20, 0.10, 0.10, 0.50, 0.10)),
)

_EMOJI = ("✨", "\U0001F338", "☀️", "\U0001F33F", "\U0001F3A7", "⚽", "\U0001F4F8",
          "\U0001F4AB", "☕", "\U0001F319", "\U0001F3C3", "\U0001F3A8")
_VAGUE_LOCATIONS = ("Earth \U0001F30D", "somewhere ☁️", "\U0001F30D", "wherever the wind blows",
                    "on the road", "home")
_ADJECTIVES = ("sunny", "lazy", "happy", "little", "wild", "silent", "cosmic", "golden",
               "midnight", "crazy", "sweet", "lost", "urban", "pixel", "velvet")
_NOUNS = ("days", "owl", "fox", "wanderer", "dreamer", "cookie", "panda", "storm", "rider",
          "moon", "traveller", "vibes", "soul", "bee", "cloud")
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5"}
_GERMAN_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe",
                                  "Ü": "Ue", "ß": "ss"})
_FOLD_EXTRA = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d"})
# The most common family names in Germany, most common first (after the Wikipedia list
# "Liste der häufigsten Familiennamen in Deutschland"). Faker's de_DE list has no weights;
# those of its names that appear here get more weight by rank, so that Müller is common.
_DE_COMMON_LAST_NAMES = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
    "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
    "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler",
    "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang",
    "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert")
# Entries in Faker's de_DE lists that are artefacts, not names. Abbreviated names
# ("Hans-H.", "Klaus-D.") are dropped too: they are ways of writing a name, not names.
_FAKER_JUNK = frozenset({"Dussen van", "Grein Groth", "Jacobi Jäckel", "Koch II",
                         "auch Schlauchin"})


# --------------------------------------------------------------------------------------------
# Data files.

def _data_root():
    """The folder sameas/data: through importlib.resources when this module was imported as
    sameas.datasets._generator, else next to this file (loaded by path, as the tests do)."""
    if __package__ == "sameas.datasets":
        return importlib.resources.files("sameas").joinpath("data")
    return _DATA_DIR


def _read_csv_rows(resource) -> Tuple[List[str], List[List[str]]]:
    with resource.open("r", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        raise ValueError(f"{resource}: empty file, expected a header row")
    return rows[0], rows[1:]


class _Weighted:
    """Values with cumulative weights for Random.choices."""

    def __init__(self, values: Sequence[str], weights: Sequence[float]):
        if not values:
            raise ValueError("no values to choose from")
        self.values = list(values)
        self.cum_weights = []
        total = 0.0
        for w in weights:
            total += w
            self.cum_weights.append(total)

    def pick(self, rng: Random) -> str:
        return rng.choices(self.values, cum_weights=self.cum_weights)[0]


def _load_list(relative: str) -> _Weighted:
    """A Faker name list (name,weight): the given weights, or equal ones when a list has none."""
    resource = _data_root().joinpath("names").joinpath("faker")
    for part in relative.split("/"):  # one segment at a time: Traversable in Python < 3.11
        resource = resource.joinpath(part)
    header, rows = _read_csv_rows(resource)
    if header[:2] != ["name", "weight"]:
        raise ValueError(f"{relative}: header {header!r}, expected ['name', 'weight']")
    names, weights = [], []
    for line, row in enumerate(rows, start=2):
        name = unicodedata.normalize("NFC", row[0].strip()) if row else ""
        if not name or name in _FAKER_JUNK or "." in name:
            continue
        weight = row[1].strip() if len(row) > 1 else ""
        try:
            weights.append(float(weight) if weight else None)
        except ValueError:
            raise ValueError(f"{relative} row {line}: column 'weight': "
                             f"{weight!r} is not a number") from None
        names.append(name)
    if any(w is None for w in weights):
        weights = [1.0] * len(names)
    return _Weighted(names, weights)


def _polish_feminine(name: str) -> str:
    """Kowalski -> Kowalska, Nowicki -> Nowicka, Zawadzki -> Zawadzka; Wójcik stays."""
    if name.endswith(("ski", "cki", "dzki")):
        return name[:-1] + "a"
    return name


@dataclasses.dataclass
class _Names:
    first: Dict[str, _Weighted]   # by sex
    last: Dict[str, _Weighted]    # by sex


@functools.lru_cache(maxsize=None)
def _names(locale: str) -> _Names:
    first = {sex: _load_list(f"{locale}/first_names_{sex}.csv") for sex in ("female", "male")}
    if locale == "pl_PL":
        # Faker lists the 200 most common Polish family names in their masculine form, by rank,
        # and a long unranked list of names that do not inflect for sex. Rank weights 1/(r+20)
        # keep the common names common without letting Kowalski take over.
        male = _load_list("pl_PL/male_last_names.csv")
        unisex = _load_list("pl_PL/unisex_last_names.csv")
        share_ranked = 0.45
        ranked_w = [1.0 / (r + 20) for r in range(len(male.values))]
        ranked_total = sum(ranked_w)
        unisex_w = (1 - share_ranked) / len(unisex.values)
        weights = ([share_ranked * w / ranked_total for w in ranked_w]
                   + [unisex_w] * len(unisex.values))
        feminine = [_polish_feminine(n) for n in male.values]
        last = {
            "male": _Weighted(male.values + unisex.values, weights),
            "female": _Weighted(feminine + unisex.values, weights),
        }
    elif locale == "id_ID":
        last = {sex: _load_list(f"id_ID/last_names_{sex}.csv") for sex in ("female", "male")}
    elif locale == "de_DE":
        listed = _load_list("de_DE/last_names.csv").values
        rank = {name: r for r, name in enumerate(_DE_COMMON_LAST_NAMES)}
        weights = [1 + 6 / (1 + rank[n] / 5) if n in rank else 1.0 for n in listed]
        both = _Weighted(listed, weights)
        last = {"female": both, "male": both}
    else:
        both = _load_list(f"{locale}/last_names.csv")
        last = {"female": both, "male": both}
    return _Names(first, last)


@functools.lru_cache(maxsize=None)
def _nicknames() -> Dict[str, Dict[str, _Weighted]]:
    """Nicknames by locale and formal first name: Polish diminutives (Katarzyna -> Kasia),
    weighted by their order in the list, which puts the everyday form first; English nicknames
    (Elizabeth -> Liz), preferring those that start like the name."""
    names = _data_root().joinpath("names")
    pl: Dict[str, List[str]] = {}
    _, rows = _read_csv_rows(names.joinpath("diminutives_pl.csv"))
    for row in rows:
        if len(row) >= 3 and row[0] and row[2]:
            pl.setdefault(unicodedata.normalize("NFC", row[0]), []).append(
                unicodedata.normalize("NFC", row[2]))
    en: Dict[str, List[str]] = {}
    _, rows = _read_csv_rows(names.joinpath("nicknames_en.csv"))
    for row in rows:
        if len(row) >= 3 and row[1] == "has_nickname":
            en.setdefault(row[0].lower(), []).append(row[2].capitalize())
    return {
        "pl_PL": {k: _Weighted(v, [1.0 / (i + 1) for i in range(len(v))]) for k, v in pl.items()},
        "en_GB": {k: _Weighted(v, [3.0 if n[0] == k[0].upper() else 1.0 for n in v])
                  for k, v in en.items()},
    }


# --------------------------------------------------------------------------------------------
# Text helpers.

def _fold(text: str) -> str:
    """Drops diacritics: Łukasz -> Lukasz, Müller -> Muller, Győr -> Gyor."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _german(text: str) -> str:
    """German transliteration: Müller -> Mueller, Groß -> Gross."""
    return text.translate(_GERMAN_TRANSLIT)


def _ascii_token(text: str, locale: str) -> str:
    """A name as it appears in handles and email addresses: ASCII, lower case, no spaces."""
    if locale == "de_DE":
        text = _german(text)
    return "".join(c for c in _fold(text).lower() if c.isalnum())


def _keyboard_neighbours(c: str) -> str:
    for r, row in enumerate(_KEYBOARD_ROWS):
        i = row.find(c)
        if i < 0:
            continue
        out = row[max(i - 1, 0):i] + row[i + 1:i + 2]
        for other in (r - 1, r + 1):
            if 0 <= other < len(_KEYBOARD_ROWS) and i < len(_KEYBOARD_ROWS[other]):
                out += _KEYBOARD_ROWS[other][i]
        return out
    return "aeinorstz"


def _one_edit(rng: Random, text: str) -> str:
    """One typing error: a neighbouring key, a dropped or doubled letter, or two letters swapped.
    The first letter is kept most of the time, as in real typos."""
    if len(text) < 2:
        return text + text[-1:] if text else text
    for _ in range(20):
        chars = list(text)
        lo = 0 if rng.random() < 0.1 else 1
        pos = rng.randrange(lo, len(chars))
        op = rng.choices(("substitute", "delete", "insert", "transpose"), (4, 2, 2, 2))[0]
        if op == "substitute":
            c = chars[pos]
            repl = rng.choice(_keyboard_neighbours(c.lower()))
            chars[pos] = repl.upper() if c.isupper() else repl
        elif op == "delete" and len(chars) > 3:
            del chars[pos]
        elif op == "insert":
            chars.insert(pos, chars[pos].lower() if pos else chars[pos])
        elif op == "transpose" and pos >= 1:
            chars[pos - 1], chars[pos] = chars[pos], chars[pos - 1]
        out = "".join(chars)
        if out != text:
            return out
    return text + text[-1]


def _leet(rng: Random, token: str) -> str:
    """k4sia: one letter replaced by a digit that looks like it."""
    spots = [i for i, c in enumerate(token) if c in _LEET]
    if not spots:
        return token
    i = rng.choice(spots)
    return token[:i] + _LEET[token[i]] + token[i + 1:]


# --------------------------------------------------------------------------------------------
# People.

@dataclasses.dataclass
class _Person:
    person_id: str
    locale: _Locale
    sex: str
    first_name: str
    last_name: str           # empty for an Indonesian mononym
    nickname: Optional[str]  # a diminutive or nickname of first_name, if the lists know one
    dob: datetime.date
    city: _City
    phone: str               # national number, digits only, no trunk prefix
    email: str
    alt_email: str           # a second address, used by some duplicates and social accounts
    in_crm: bool = True
    crm_records: int = 1
    platforms: Tuple[str, ...] = ()
    social_first: str = ""   # the first name used on social media
    namesake_of: Optional[int] = None


class _Builder:
    """Holds the random stream and what must stay unique (emails, phones, handles)."""

    def __init__(self, seed: int, locales: Sequence[str]):
        self.rng = Random(seed)
        self.locales = [_LOCALES[code] for code in locales]
        self.locale_pick = _Weighted([loc.code for loc in self.locales],
                                     [loc.weight for loc in self.locales])
        self.used_emails: set = set()
        self.used_phones: set = set()
        self.used_handles: Dict[str, set] = {p: set() for p in PLATFORMS}
        self.stats: collections.Counter = collections.Counter()

    # ---- people

    def person(self, index: int) -> _Person:
        rng = self.rng
        locale = _LOCALES[self.locale_pick.pick(rng)]
        sex = rng.choice(("female", "male"))
        names = _names(locale.code)
        first = names.first[sex].pick(rng)
        last = names.last[sex].pick(rng)
        if locale.code == "id_ID" and rng.random() < _MONONYM_RATE:
            last = ""
        city = rng.choices(locale.cities, [c.weight for c in locale.cities])[0]
        return self._complete(index, locale, sex, first, last, city)

    def namesake(self, index: int, of: _Person, of_index: int) -> _Person:
        """Another person with the same name in the same city: a father and son, or strangers."""
        p = self._complete(index, of.locale, of.sex, of.first_name, of.last_name, of.city)
        p.namesake_of = of_index
        return p

    def _complete(self, index, locale, sex, first, last, city) -> _Person:
        rng = self.rng
        nick_table = _nicknames().get(locale.code, {})
        key = first if locale.code == "pl_PL" else first.lower()
        nickname = nick_table[key].pick(rng) if key in nick_table else None
        age = min(85, max(18, int(rng.triangular(18, 86, 34))))
        year = _REFERENCE_DATE.year - age
        dob = datetime.date.fromordinal(rng.randrange(datetime.date(year, 1, 1).toordinal(),
                                                      datetime.date(year + 1, 1, 1).toordinal()))
        phone = self._phone(locale)
        email = self._email(locale, first, last, dob, nickname)
        alt_email = self._email(locale, first, last, dob, nickname)
        person = _Person("", locale, sex, first, last, nickname, dob, city, phone, email,
                         alt_email)
        use_nick = nickname is not None and rng.random() < _SOCIAL_NICKNAME_RATE
        person.social_first = nickname if use_nick else first
        return person

    def _phone(self, locale: _Locale) -> str:
        rng = self.rng
        while True:
            prefix = rng.choice(locale.mobile_prefixes)
            digits = rng.choice(locale.subscriber_digits)
            number = prefix + "".join(str(rng.randrange(10)) for _ in range(digits))
            if (locale.code, number) not in self.used_phones:
                self.used_phones.add((locale.code, number))
                return number

    def _email(self, locale, first, last, dob, nickname) -> str:
        rng = self.rng
        f = _ascii_token(first.split()[0], locale.code)
        if nickname and rng.random() < 0.15:
            f = _ascii_token(nickname, locale.code)
        l = _ascii_token(last, locale.code)
        yy, yyyy = f"{dob.year % 100:02d}", str(dob.year)
        if l:
            styles = ((f"{f}.{l}", 30), (f"{f}{l}", 10), (f"{f[0]}{l}", 12), (f"{f[0]}.{l}", 8),
                      (f"{f}.{l}{yy}", 10), (f"{l}.{f}", 6), (f"{f}_{l}", 6), (f"{f}{yy}", 5),
                      (f"{l}{f[0]}", 5), (f"{f}{l}{yyyy}", 5))
        else:
            styles = ((f"{f}{yy}", 4), (f"{f}{yyyy}", 3), (f"{f}.{yyyy}", 1),
                      (f"{f}{rng.randrange(1, 999)}", 3))
        local = rng.choices([s for s, _ in styles], [w for _, w in styles])[0]
        domains = locale.email_domains
        domain = rng.choices([d for d, _ in domains], [w for _, w in domains])[0]
        address = f"{local}@{domain}"
        while address in self.used_emails:
            address = f"{local}{rng.randrange(1, 100)}@{domain}"
        self.used_emails.add(address)
        return address

    # ---- CRM

    def crm_record(self, p: _Person, duplicate: bool) -> List[Optional[str]]:
        rng, stats, loc = self.rng, self.stats, p.locale
        first, last = p.first_name, p.last_name
        email: Optional[str] = p.email
        dotted_date = loc.code == "de_DE" and rng.random() < _DE_DOTTED_DATE_RATE
        dob: Optional[datetime.date] = p.dob
        city: Optional[str] = p.city.native
        phone: Optional[str] = _format_phone(rng, loc.code, p.phone)
        tags: List[str] = []

        if dotted_date:
            tags.append("dob_dd.mm.yyyy")
        if p.nickname and rng.random() < 0.04:
            first = p.nickname
            tags.append("nickname_first_name")
        if _fold(first + last) != first + last:
            # Typed on a keyboard without the letters, or passed through an ASCII-only system;
            # German has a convention for that (Müller -> Mueller), so it happens more there.
            r = rng.random()
            if loc.code == "de_DE" and r < 0.15:
                first, last = _german(first), _german(last)
                tags.append("umlaut_transliterated")
            elif r < (0.20 if loc.code == "de_DE" else 0.06):
                first, last = _fold(first), _fold(last)
                tags.append("diacritics_dropped")
        if rng.random() < 0.12:
            email = None
            tags.append("missing_email")
        if rng.random() < 0.10:
            phone = None
            tags.append("missing_phone")
        if rng.random() < 0.04:
            dob = None
            tags.append("missing_date_of_birth")
        r = rng.random()
        if r < 0.03:
            city = None
            tags.append("missing_city")
        elif r < 0.09 and p.city.english != p.city.native:
            city = p.city.english
            tags.append("city_english")
        elif r < 0.12 and _fold(p.city.native) != p.city.native:
            city = _fold(p.city.native)
            tags.append("city_diacritics_dropped")

        if duplicate:
            # One or two changes, chosen among those that can apply, with these weights.
            tags.append("duplicate")
            options = {"typo_first_name": 2, "missing_fields": 2, "email_changed": 1.5}
            if last:
                options["typo_last_name"] = 2
            if email:
                options["typo_email"] = 1
            if _fold(first + last) != first + last:
                options["diacritics_dropped"] = 2
            if loc.code == "de_DE" and _german(first + last) != first + last:
                options["umlaut_transliterated"] = 3
            if dob and dob.day <= 12 and dob.day != dob.month:
                options["day_month_swapped"] = 2
            if p.nickname and first == p.first_name:
                options["nickname_first_name"] = 3
            if loc.code == "hu_HU" and last:
                options["family_name_first"] = 2
            names, weights = list(options), list(options.values())
            chosen: List[str] = []
            for _ in range(1 if rng.random() < 0.6 else 2):
                j = rng.choices(range(len(names)), weights)[0]
                chosen.append(names.pop(j))
                weights.pop(j)
            # Blank fields last, so that no other change fills them in again.
            for v in sorted(chosen, key=lambda v: v == "missing_fields"):
                if v == "typo_first_name":
                    first = _one_edit(rng, first)
                elif v == "typo_last_name":
                    last = _one_edit(rng, last)
                elif v == "typo_email":
                    local, _, domain = p.email.partition("@")
                    email = _one_edit(rng, local) + "@" + domain
                elif v == "email_changed":
                    email = p.alt_email
                elif v == "missing_fields":
                    for field in rng.sample(("email", "phone", "dob", "city"), rng.choice((1, 2))):
                        if field == "email":
                            email = None
                        elif field == "phone":
                            phone = None
                        elif field == "dob":
                            dob = None
                        else:
                            city = None
                elif v == "diacritics_dropped":
                    first, last = _fold(first), _fold(last)
                    if city:
                        city = _fold(city)
                elif v == "umlaut_transliterated":
                    first, last = _german(first), _german(last)
                elif v == "day_month_swapped":
                    dob = datetime.date(p.dob.year, p.dob.day, p.dob.month)
                elif v == "nickname_first_name":
                    first = p.nickname
                elif v == "family_name_first":
                    first, last = last, first
            tags += chosen
        elif loc.code == "hu_HU" and last and rng.random() < _HU_FAMILY_FIRST_RATE:
            first, last = last, first
            tags.append("family_name_first")

        if not p.last_name:
            # A mononym in a form that wants two names: left empty, repeated, or put in last_name.
            r = rng.random()
            if r < 0.25:
                last = first
                tags.append("mononym_repeated")
            elif r < 0.45:
                first, last = "", first
                tags.append("mononym_in_last_name")
            else:
                tags.append("mononym")
        if last and rng.random() < 0.03:
            last = last.upper()
            tags.append("last_name_upper_case")

        r = rng.random()
        country = (loc.iso if r < 0.80 else loc.country_en if r < 0.92 else
                   loc.country_native if r < 0.97 else None)
        if country is None:
            tags.append("missing_country")
        date_text = None
        if dob is not None:
            date_text = f"{dob:%d.%m.%Y}" if dotted_date else dob.isoformat()
        stats.update("crm:" + t for t in tags)
        return [None, first or None, last or None, email, phone, date_text, city, country]

    # ---- social

    def accounts(self, p: _Person) -> List[List[Optional[str]]]:
        rng = self.rng
        base_handle = self._handle(p)
        shared_location = self._location(p)
        rows = []
        for i, platform in enumerate(p.platforms):
            tags = []
            if platform == "linkedin":
                handle, says_nothing = self._linkedin_handle(p), False
            elif i > 0 and rng.random() < 0.6:
                handle, says_nothing = base_handle
                tags.append("handle_reused")
            else:
                handle, says_nothing = self._handle(p)
            if says_nothing:
                tags.append("handle_uninformative")
            handle = self._unique_handle(platform, _adapt_handle(rng, handle, platform))
            display = self._display_name(p, platform, tags)
            if rng.random() < _SOCIAL_LOCATION_MISSING:
                location = None
                tags.append("missing_location")
            else:
                location, moved = shared_location if rng.random() < 0.5 else self._location(p)
                if moved:
                    tags.append("location_other_city")
            email = None
            if rng.random() < _SOCIAL_EMAIL_RATE:
                r = rng.random()
                if r < 0.70:
                    email = p.email
                elif r < 0.80:
                    email = _email_variant(rng, p.email)
                    tags.append("email_variant")
                else:
                    email = p.alt_email
                    tags.append("email_other_address")
                tags.append("email")
            birth_year = None
            if rng.random() < _SOCIAL_BIRTH_YEAR_RATE:
                birth_year = p.dob.year
                if rng.random() < 0.05:
                    birth_year += rng.choice((-1, 1))
                    tags.append("birth_year_off_by_one")
                tags.append("birth_year")
            self.stats.update("social:" + t for t in tags)
            self.stats["social:platform_" + platform] += 1
            rows.append([None, platform, handle, display, location, email,
                         None if birth_year is None else str(birth_year)])
        return rows

    def _handle(self, p: _Person) -> Tuple[str, bool]:
        """A handle, and whether it says nothing about the person (sunny_days_22)."""
        rng, code = self.rng, p.locale.code
        if rng.random() < 0.12:
            word = rng.choice(_ADJECTIVES + p.locale.words)
            noun = rng.choice(_NOUNS)
            return rng.choice((f"{word}_{noun}_{rng.randrange(1, 100)}", f"{word}.{noun}",
                               f"{word}{noun}{rng.randrange(1, 10)}", f"the.{noun}")), True
        f = _ascii_token(p.social_first.split()[0], code)
        l = _ascii_token(p.last_name, code)
        yy, yyyy = f"{p.dob.year % 100:02d}", str(p.dob.year)
        if not l:
            city = _ascii_token(p.city.english, code)
            styles = ((f"{f}{yy}", 3), (f"{f}_{city}", 2), (f"{_leet(rng, f)}{yy}", 1),
                      (f"{f}.{f}", 1), (f"its{f}", 1), (f"{f}_{yyyy}", 1),
                      (f"{f}{rng.randrange(1, 1000)}", 2))
        else:
            styles = ((f"{f}_{l}{yy}", 4), (f"{f[0]}{l}", 4), (f"{f}.{l}", 5), (f"{l}{f}", 2),
                      (f"{_leet(rng, f)}.{l[0]}", 2), (f"{f}{l}{yyyy}", 2), (f"{f}_{l[:3]}", 1),
                      (f"{f}{l}", 3), (f"{f}.{l}.{rng.randrange(1, 100)}", 1), (f"{l}_{f[0]}", 1))
        return rng.choices([s for s, _ in styles], [w for _, w in styles])[0], False

    def _linkedin_handle(self, p: _Person) -> str:
        rng, code = self.rng, p.locale.code
        f = "-".join(_ascii_token(part, code) for part in p.first_name.split())
        l = _ascii_token(p.last_name, code)
        name = f"{f}-{l}" if l else f
        r = rng.random()
        if r < 0.5:
            return f"{name}-{rng.getrandbits(32):08x}"  # LinkedIn's default suffix
        if r < 0.8:
            return name
        return f"{name}-{rng.randrange(10, 1000)}"

    def _unique_handle(self, platform: str, handle: str) -> str:
        used = self.used_handles[platform]
        candidate = handle
        while candidate in used:
            sep = "" if platform in ("x", "linkedin") else self.rng.choice(("", "_", "."))
            if platform == "linkedin":
                sep = "-"
            elif platform == "facebook":
                sep = "."
            suffix = f"{sep}{self.rng.randrange(1, 100)}"
            candidate = _adapt_handle(self.rng, handle + suffix, platform)
        used.add(candidate)
        return candidate

    def _display_name(self, p: _Person, platform: str, tags: List[str]) -> str:
        rng, loc = self.rng, p.locale
        F, L, S = p.first_name, p.last_name, p.social_first
        emoji = rng.choice(_EMOJI)
        title = rng.choice(loc.titles)
        says_nothing = None
        if not L:
            styles = [(F, 5), (S, 3), (f"{S} {emoji}", 2), (f"{F} | {title}", 1), (F.upper(), 1),
                      (f"{S} {p.city.english}", 1)]
        elif platform == "linkedin":
            styles = [(f"{F} {L}", 10), (f"{F} {L} | {title}", 4), (f"{F} {L}, MBA", 0.5)]
            if loc.code == "hu_HU":
                styles.append((f"{L} {F}", 4))
        else:
            styles = [(f"{F} {L}", 6), (f"{S} {L}", 5), (f"{S} {L[0]}. {emoji}", 3),
                      (f"{F} {L} | {title}", 1.5), (f"{L.upper()} {F}", 1), (f"{S} {emoji}", 2),
                      (f"{S} {L}".lower(), 1.5), (S, 1.5), (_fold(f"{F} {L}"), 1.5)]
            if loc.code == "hu_HU":
                styles.append((f"{L} {F}", 12))  # Hungarian order: family name first.
            words = f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)}"
            says_nothing = rng.choice((f"~ {words} ~", words, emoji))
            styles.append((says_nothing, 1.2))
        j = rng.choices(range(len(styles)), [w for _, w in styles])[0]
        if says_nothing is not None and j == len(styles) - 1:
            tags.append("display_name_uninformative")
        return styles[j][0]

    def _location(self, p: _Person) -> Tuple[str, bool]:
        """A free-text location, and whether it names another city than the CRM's."""
        rng, loc = self.rng, p.locale
        city = p.city
        moved = rng.random() < _MOVED_RATE
        if moved:
            city = rng.choice([c for c in loc.cities if c != city])
        styles = [(f"{city.english} {loc.flag}", 15), (f"{city.native}, {loc.country_en}", 15),
                  (city.native, 20), (city.english, 10),
                  (f"{city.native}, {loc.country_native}", 8),
                  (f"{loc.country_en} {loc.flag}", 6), (loc.flag, 3), (city.native.upper(), 2),
                  (rng.choice(_VAGUE_LOCATIONS), 5)]
        if city.aliases:
            styles.append((rng.choice(city.aliases), 6))
        other = rng.choice(loc.cities)
        if other != city:
            styles.append((f"{city.native} | {other.native}", 3))
        return rng.choices([s for s, _ in styles], [w for _, w in styles])[0], moved


def _format_phone(rng: Random, locale: str, number: str) -> str:
    """One of the ways people write the mobile number `number` (national, no trunk prefix)."""
    formats = _PHONE_FORMATS[locale]
    fmt = rng.choices([f for f, _ in formats], [w for _, w in formats])[0]
    n = number
    if locale == "pl_PL":
        return fmt.format(n=n, a3=n[:3], b3=n[3:6], c3=n[6:])
    if locale == "de_DE":
        return fmt.format(n=n, p=n[:3], s=n[3:])
    if locale == "hu_HU":
        return fmt.format(n=n, p=n[:2], s3=n[2:5], s4=n[5:])
    if locale == "id_ID":
        s = n[3:]
        return fmt.format(n=n, p=n[:3], s4a=s[:4], s4b=s[4:])
    return fmt.format(n=n, g4=n[:4], g6=n[4:])


def _adapt_handle(rng: Random, handle: str, platform: str) -> str:
    """What each platform allows: x letters, digits and _ up to 15; facebook letters, digits
    and dots; linkedin letters, digits and hyphens; instagram and tiktok . and _ up to 30."""
    if platform == "x":
        h = handle.replace(".", "_").replace("-", "_")
        if len(h) > 15:
            h = h.replace("_", "")[:15]
        if rng.random() < 0.2:
            h = "_".join(part.capitalize() for part in h.split("_")) if "_" in h else h.capitalize()
        return h
    if platform == "facebook":
        h = handle.replace("_", ".").replace("-", ".")
        return h if len(h) >= 5 else h + "." + str(rng.randrange(10, 100))
    if platform == "linkedin":
        return handle.replace("_", "-").replace(".", "-")
    return handle.replace("-", "_")[:30]


def _email_variant(rng: Random, email: str) -> str:
    """The same mailbox written differently: capitals, or Gmail's ignored dots dropped."""
    local, _, domain = email.partition("@")
    if domain == "gmail.com" and "." in local and rng.random() < 0.5:
        return local.replace(".", "") + "@" + domain
    parts = local.split(".")
    return ".".join(part.capitalize() for part in parts) + "@" + domain.capitalize()


# --------------------------------------------------------------------------------------------
# Tables.

def _frame(rows: List[List[Optional[str]]], columns: Sequence[str],
           int_columns: Sequence[str] = ()) -> pd.DataFrame:
    """Rows of strings (None or "" for missing) as a DataFrame: text columns in the string dtype
    pandas infers (object in pandas 2, str in pandas 3), int_columns as nullable Int64. The
    generator and load_sample both build their tables here, so the two agree."""
    data = {}
    for j, name in enumerate(columns):
        values = [row[j] if row[j] != "" else None for row in rows]
        if name in int_columns:
            data[name] = pd.array([None if v is None else int(v) for v in values], dtype="Int64")
        else:
            data[name] = pd.Series(values, dtype=None if values else object)
    return pd.DataFrame(data, columns=list(columns))


def _check_arguments(n_people, seed, locales) -> Tuple[str, ...]:
    if isinstance(n_people, bool) or not isinstance(n_people, int) or n_people < 0:
        raise ValueError(f"n_people: {n_people!r} is not a non-negative integer")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed: {seed!r} is not an integer")
    if isinstance(locales, str):
        locales = (locales,)
    locales = tuple(locales)
    if not locales:
        raise ValueError("locales: empty; choose from " + ", ".join(_LOCALES))
    for code in locales:
        if code not in _LOCALES:
            raise ValueError(f"locales: {code!r} is not supported; choose from "
                             + ", ".join(_LOCALES))
    return tuple(dict.fromkeys(locales))


def _generate(n_people: int, seed: int,
              locales: Sequence[str]) -> Tuple[Dict[str, pd.DataFrame], collections.Counter]:
    """generate_people, plus a count of every variation applied (for make_sample and reports)."""
    locales = _check_arguments(n_people, seed, locales)
    b = _Builder(seed, locales)
    rng = b.rng

    n_namesakes = round(_NAMESAKE_RATE * n_people) if n_people >= 10 else 0
    people = [b.person(i) for i in range(n_people - n_namesakes)]
    originals = rng.sample(range(len(people)), min(n_namesakes, len(people)))
    for k in originals:
        people.append(b.namesake(len(people), people[k], k))
    # Namesakes are made last; shuffle so that person ids say nothing about who is whom.
    rng.shuffle(people)
    for i, p in enumerate(people):
        p.person_id = f"P{i + 1:05d}"
    b.stats["people"] = len(people)
    b.stats["people:namesakes_made"] = len(originals)

    for p in people:
        if rng.random() < _SOCIAL_RATE:
            k = rng.choices([c for c, _ in _ACCOUNT_COUNTS], [w for _, w in _ACCOUNT_COUNTS])[0]
            age = _REFERENCE_DATE.year - p.dob.year
            weights = next(w for max_age, w in _PLATFORM_WEIGHTS_BY_AGE if age <= max_age)
            pool, pool_w, chosen = list(PLATFORMS), list(weights), []
            for _ in range(k):  # without replacement: at most one account per platform
                j = rng.choices(range(len(pool)), pool_w)[0]
                chosen.append(pool.pop(j))
                pool_w.pop(j)
            p.platforms = tuple(chosen)
    with_social = [p for p in people if p.platforms]
    n_social_only = min(round(_SOCIAL_ONLY_RATE * n_people), len(with_social))
    for p in rng.sample(with_social, n_social_only):
        p.in_crm = False
    in_crm = [p for p in people if p.in_crm]
    for p in rng.sample(in_crm, min(round(_DUPLICATE_RATE * n_people), len(in_crm))):
        p.crm_records = 3 if rng.random() < _TRIPLICATE_RATE else 2

    crm: List[Tuple[List[Optional[str]], str]] = []
    social: List[Tuple[List[Optional[str]], str]] = []
    for p in people:
        b.stats["people:locale_" + p.locale.code] += 1
        if not p.last_name:
            b.stats["people:mononym"] += 1
        if p.social_first != p.first_name:
            b.stats["people:nickname_on_social"] += 1
        if not p.in_crm:
            b.stats["people:social_only"] += 1
        if p.crm_records > 1:
            b.stats[f"people:crm_records_{p.crm_records}"] += 1
        b.stats[f"people:social_accounts_{len(p.platforms)}"] += 1
        if p.in_crm:
            for r in range(p.crm_records):
                crm.append((b.crm_record(p, duplicate=r > 0), p.person_id))
        for row in b.accounts(p):
            social.append((row, p.person_id))

    rng.shuffle(crm)
    rng.shuffle(social)
    truth = []
    for i, (row, pid) in enumerate(crm, start=1):
        row[0] = f"C{i:06d}"
        truth.append(["crm", row[0], pid])
    for i, (row, pid) in enumerate(social, start=1):
        row[0] = f"S{i:06d}"
        truth.append(["social", row[0], pid])

    tables = {
        "crm": _frame([r for r, _ in crm], CRM_COLUMNS),
        "social": _frame([r for r, _ in social], SOCIAL_COLUMNS, _INT_COLUMNS),
        "truth": _frame(truth, TRUTH_COLUMNS),
    }
    return tables, b.stats


def generate_people(n_people: int, seed: int = 0,
                    locales: Sequence[str] = DEFAULT_LOCALES) -> Dict[str, pd.DataFrame]:
    """Synthetic CRM customers and social accounts of `n_people` people, with ground truth.

    Returns ``{"crm": ..., "social": ..., "truth": ...}``:

    - crm: customer_id, first_name, last_name, email, phone, date_of_birth, city, country.
      Every person but about 5% (who are only on social media) has a record; about 15% have
      two or three, which differ by a typo, a missing field, dropped diacritics (Łukasz ->
      Lukasz), ü -> ue, day and month swapped, a diminutive (Katarzyna -> Kasia), Hungarian
      family-name-first order or a second email address.
    - social: account_id, platform, handle, display_name, location, email, birth_year (Int64).
      About 70% of people have one to three accounts, never two on one platform.
    - truth: source ("crm" or "social"), record_id, person_id; one row per record.

    Text columns have the string dtype pandas infers; missing values are None in pandas 2,
    NaN in pandas 3, pd.NA in birth_year. Dates of birth are ISO, some German ones
    dd.mm.yyyy. About 3% of people share name and city with someone else (namesakes, with
    different person_ids). The same arguments give the same tables, on any platform.

    Raises ValueError for a negative `n_people` or an unknown locale.

    >>> tables = generate_people(50, seed=1)
    >>> list(tables["crm"].columns)
    ['customer_id', 'first_name', 'last_name', 'email', 'phone', 'date_of_birth', 'city', 'country']
    >>> len(tables["truth"]) == len(tables["crm"]) + len(tables["social"])
    True
    >>> generate_people(50, seed=1)["social"].equals(tables["social"])
    True
    >>> generate_people(5, locales=["fr_FR"])
    Traceback (most recent call last):
    ...
    ValueError: locales: 'fr_FR' is not supported; choose from pl_PL, de_DE, hu_HU, id_ID, en_GB
    """
    return _generate(n_people, seed, locales)[0]


def sample_paths() -> Dict[str, pathlib.Path]:
    """Paths of the shipped sample CSVs, by table: crm, social, truth.

    UTF-8, RFC 4180 quoting, made by scripts/make_sample.py (400 people, seed 20240630).

    >>> paths = sample_paths()
    >>> sorted(paths), paths["crm"].name
    (['crm', 'social', 'truth'], 'sample_crm.csv')
    >>> all(p.is_file() for p in paths.values())
    True
    """
    root = _data_root()
    if not isinstance(root, pathlib.Path):  # e.g. a zipped install: no file system path
        root = _DATA_DIR
    return {name: root / f"sample_{name}.csv" for name in ("crm", "social", "truth")}


def load_sample() -> Dict[str, pd.DataFrame]:
    """The shipped sample: the tables generate_people(400, seed=20240630) returns, read from
    the CSV files in the package.

    >>> tables = load_sample(); len(tables["crm"]) > 0
    True
    >>> tables["truth"].groupby("source").size().to_dict() == {
    ...     "crm": len(tables["crm"]), "social": len(tables["social"])}
    True
    """
    root = _data_root()
    tables = {}
    for name, columns in _TABLES:
        file_name = f"sample_{name}.csv"
        header, rows = _read_csv_rows(root.joinpath(file_name))
        if tuple(header) != columns:
            raise ValueError(f"{file_name}: header {header!r}, expected {list(columns)!r}")
        for line, row in enumerate(rows, start=2):
            if len(row) != len(columns):
                raise ValueError(
                    f"{file_name} row {line}: {len(row)} fields, expected {len(columns)}")
        if name == "social":
            j = columns.index("birth_year")
            for line, row in enumerate(rows, start=2):
                if row[j] and not row[j].isdigit():
                    raise ValueError(f"{file_name} row {line}: column 'birth_year': "
                                     f"{row[j]!r} is not a year")
        tables[name] = _frame(rows, columns, _INT_COLUMNS)
    return tables
