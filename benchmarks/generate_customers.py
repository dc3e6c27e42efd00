#!/usr/bin/env python3
"""Realistic customer tables of any size, with ground truth, for the scale benchmarks.

    generate_customers.py --rows 1000000 --out build/bench-data/customers_1m.csv

Writes the table (id, first_name, last_name, date_of_birth, email, phone, city, postcode) and
beside it ``<name>_truth.csv`` (id, person_id). People are drawn from the name lists shipped
with sameas (Polish, German, Hungarian, Indonesian, British; Faker's lists, MIT), weighted
where the lists give weights, so common names make namesakes as they do in real data; about
one row in six is a duplicate of another row's person with the errors CRMs collect: typos
(one edit), nicknames and diminutives, missing values, day and month swapped, a changed
email. Vectorised with numpy: a million rows take seconds, not minutes.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

NAMES = Path(__file__).resolve().parents[1] / "bindings" / "python" / "sameas" / "data" / "names"

LOCALES = {
    # locale: (share of people, cities, email domains, phone prefix)
    "pl_PL": (0.30, ["Warszawa", "Kraków", "Łódź", "Wrocław", "Poznań", "Gdańsk", "Szczecin", "Lublin"],
              ["gmail.com", "wp.pl", "onet.pl", "o2.pl"], "+48 "),
    "de_DE": (0.25, ["Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart", "Leipzig"],
              ["gmail.com", "web.de", "gmx.de", "t-online.de"], "+49 "),
    "hu_HU": (0.15, ["Budapest", "Debrecen", "Szeged", "Miskolc", "Pécs", "Győr"],
              ["gmail.com", "freemail.hu", "citromail.hu"], "+36 "),
    "id_ID": (0.15, ["Jakarta", "Surabaya", "Bandung", "Medan", "Semarang", "Yogyakarta"],
              ["gmail.com", "yahoo.co.id"], "+62 "),
    "en_GB": (0.15, ["London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Bristol"],
              ["gmail.com", "outlook.com", "btinternet.com"], "+44 "),
}

DUPLICATE_SHARE = 0.17


def read_names(path: Path) -> tuple[list[str], np.ndarray]:
    names, weights = [], []
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["name"].strip()
            if not name or " " in name or "." in name:
                continue
            names.append(name)
            w = row.get("weight") or ""
            weights.append(float(w) if w else 1.0)
    w = np.array(weights, dtype=np.float64)
    return names, w / w.sum()


def polish_female(family: str) -> str:
    for male, female in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if family.endswith(male):
            return family[: -len(male)] + female
    return family


def load_locale(locale: str):
    folder = NAMES / "faker" / locale
    given = {sex: read_names(folder / f"first_names_{sex}.csv") for sex in ("male", "female")}
    if locale == "pl_PL":
        male, w1 = read_names(folder / "male_last_names.csv")
        unisex, w2 = read_names(folder / "unisex_last_names.csv")
        family_m = (male + unisex, np.concatenate([w1, w2]) / 2)
        family_f = ([polish_female(n) for n in male] + unisex, family_m[1])
        family = {"male": family_m, "female": family_f}
    elif locale == "id_ID":
        family = {sex: read_names(folder / f"last_names_{sex}.csv") for sex in ("male", "female")}
    else:
        f = read_names(folder / "last_names.csv")
        family = {"male": f, "female": f}
    return given, family


def load_nicknames() -> dict[str, list[str]]:
    nick: dict[str, list[str]] = {}
    with open(NAMES / "nicknames_en.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            nick.setdefault(row["name1"].capitalize(), []).append(row["name2"].capitalize())
    with open(NAMES / "diminutives_pl.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            nick.setdefault(row["formal"], []).append(row["diminutive"])
    return nick


ASCII = str.maketrans("ąćęłńóśźżäöüßáéíőúűÁÉŁŚŻÖÜ", "acelnoszzaousaeiouuAELSZOU")


def typo(word: str, rng: np.random.Generator) -> str:
    if len(word) < 2:
        return word
    i = int(rng.integers(0, len(word) - 1))
    kind = int(rng.integers(0, 4))
    letters = "aeioulnrstkm"
    if kind == 0:  # substitution
        return word[:i] + letters[int(rng.integers(0, len(letters)))] + word[i + 1:]
    if kind == 1:  # deletion
        return word[:i] + word[i + 1:]
    if kind == 2:  # insertion
        return word[:i] + letters[int(rng.integers(0, len(letters)))] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]  # transposition


def generate(rows: int, seed: int = 0) -> tuple[pa.Table, pa.Table]:
    rng = np.random.default_rng(seed)
    people = int(round(rows / (1 + DUPLICATE_SHARE)))
    duplicates = rows - people
    locales = list(LOCALES)
    shares = np.array([LOCALES[l][0] for l in locales])
    locale_of = rng.choice(len(locales), size=people, p=shares / shares.sum())
    female = rng.random(people) < 0.5
    given = np.empty(people, dtype=object)
    family = np.empty(people, dtype=object)
    city = np.empty(people, dtype=object)
    domain = np.empty(people, dtype=object)
    prefix = np.empty(people, dtype=object)
    for li, locale in enumerate(locales):
        _, cities, domains, phone_prefix = LOCALES[locale]
        given_lists, family_lists = load_locale(locale)
        for sex, is_female in (("male", False), ("female", True)):
            idx = np.flatnonzero((locale_of == li) & (female == is_female))
            names, p = given_lists[sex]
            given[idx] = np.array(names, dtype=object)[rng.choice(len(names), size=len(idx), p=p)]
            names, p = family_lists[sex]
            family[idx] = np.array(names, dtype=object)[rng.choice(len(names), size=len(idx), p=p)]
        idx = np.flatnonzero(locale_of == li)
        city[idx] = np.array(cities, dtype=object)[rng.zipf(1.6, size=len(idx)).clip(1, len(cities)) - 1]
        domain[idx] = np.array(domains, dtype=object)[rng.integers(0, len(domains), size=len(idx))]
        prefix[idx] = phone_prefix
    dob = (np.datetime64("1940-01-01") + rng.integers(0, 365 * 65, size=people).astype("timedelta64[D]"))
    number = rng.integers(0, 100, size=people)
    # An address belongs to one person: a namesake whose address is taken gets a number.
    taken: set[str] = set()
    email = np.empty(people, dtype=object)
    for i, (g, f, n, d) in enumerate(zip(given, family, number, domain)):
        local = f"{g.translate(ASCII).lower()}.{f.translate(ASCII).lower()}{n if n < 60 else ''}"
        address = f"{local}@{d}"
        while address in taken:
            address = f"{local}{int(rng.integers(100, 10000))}@{d}"
        taken.add(address)
        email[i] = address
    phone = np.array([f"{p}{d // 1000000:03d} {d // 1000 % 1000:03d} {d % 1000:03d}"
                      for p, d in zip(prefix, rng.integers(100_000_000, 999_999_999, size=people))], dtype=object)
    postcode = rng.integers(10000, 99999, size=people).astype(str).astype(object)
    dob_text = dob.astype(str).astype(object)

    # Duplicates: a person drawn at random, then the errors.
    source = rng.integers(0, people, size=duplicates)
    person = np.concatenate([np.arange(people), source])
    cols = {name: np.concatenate([arr, arr[source].copy()]) for name, arr in
            [("first_name", given), ("last_name", family), ("date_of_birth", dob_text), ("email", email),
             ("phone", phone), ("city", city), ("postcode", postcode)]}
    dup = np.arange(people, rows)
    nicknames = load_nicknames()

    def pick(share: float) -> np.ndarray:
        return dup[rng.random(len(dup)) < share]

    for i in pick(0.25):
        cols["first_name"][i] = typo(cols["first_name"][i], rng)
    for i in pick(0.25):
        cols["last_name"][i] = typo(cols["last_name"][i], rng)
    for i in pick(0.15):
        options = nicknames.get(cols["first_name"][i])
        if options:
            cols["first_name"][i] = options[int(rng.integers(0, len(options)))]
    for i in pick(0.10):
        cols["first_name"][i] = cols["first_name"][i].translate(ASCII)
        cols["last_name"][i] = cols["last_name"][i].translate(ASCII)
    for i in pick(0.05):
        y, m, d = cols["date_of_birth"][i].split("-")
        if int(d) <= 12:
            cols["date_of_birth"][i] = f"{y}-{d}-{m}"
    for i in pick(0.08):
        cols["date_of_birth"][i] = typo(cols["date_of_birth"][i].replace("-", ""), rng)
    for i in pick(0.10):
        cols["email"][i] = typo(cols["email"][i], rng)
    for name, share in (("email", 0.15), ("phone", 0.2), ("date_of_birth", 0.05), ("city", 0.05),
                        ("postcode", 0.1)):
        cols[name][pick(share)] = None
    # Base records miss values too.
    base = np.arange(people)
    for name, share in (("email", 0.1), ("phone", 0.15), ("postcode", 0.05)):
        cols[name][base[rng.random(people) < share]] = None

    order = rng.permutation(rows)
    ids = np.array([f"r{i}" for i in range(rows)], dtype=object)
    table = pa.table({"id": ids, **{k: pa.array(v[order], type=pa.string()) for k, v in cols.items()}})
    truth = pa.table({"id": ids, "person_id": pa.array(person[order])})
    return table, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    start = time.perf_counter()
    table, truth = generate(args.rows, args.seed)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    pacsv.write_csv(table, out)
    pacsv.write_csv(truth, out.with_name(out.stem + "_truth.csv"))
    print(f"{args.rows:,} rows -> {out} in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
