#!/usr/bin/env python3
"""Times every sameas.similarity and sameas.phonetic function beside rapidfuzz and jellyfish,
on the same name pairs, in one run, and prints nanoseconds per pair and the ratio.

    PYTHONPATH=<dir with the sameas package> python benchmarks/bench_similarity.py

The pairs: one million by default, drawn with a fixed seed from the given and family names
of ../shared/data/names/faker and FEBRL (lower-cased, diacritics kept): a quarter each given
names, family names, full names ("given family") and handles made from names
("jan.kowalski87", "jkowalski", "kowalski_jan", "janek1984"); in each, half the pairs are a
name and a typo of it (one or two edits), half two names drawn independently.

Element-wise, sameas is timed from Python lists (it converts them to Arrow first, as
rapidfuzz converts its inputs) and from pyarrow arrays made beforehand; rapidfuzz with
``process.cpdist(..., workers=1)`` and its scalar functions called in a Python loop on a
subsample; jellyfish in a loop on the subsample. One against many: each of a few hundred
queries against a block of names of its kind, sameas's ``*_one_to_many`` beside
``rapidfuzz.process.cdist([query], block, workers=1)``. Each timing is the best of
``--repeat`` runs, in CPU time of this process (every timed call runs on one thread). Ratios
are ours / theirs: below 1 means sameas is faster.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import platform
import random
import time
import unicodedata
from pathlib import Path

import numpy as np
import pyarrow as pa

import sameas.phonetic as ph
import sameas.similarity as sim

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("SAMEAS_SHARED_DATA_DIR", HERE.parents[1] / "shared" / "data"))
EMBEDDED_GIVEN = ["anna", "katarzyna", "jan", "piotr", "maria", "thomas", "sabine", "lászló",
                  "zsófia", "budi", "siti", "oliver", "charlotte", "michael", "agnieszka"]
EMBEDDED_FAMILY = ["kowalski", "nowak", "wiśniewski", "müller", "schmidt", "nagy", "kovács",
                   "tóth", "santoso", "wijaya", "smith", "jones", "taylor", "lewandowska"]


def read_names() -> tuple[list[str], list[str]]:
    """Distinct given and family names, lower-cased, one word each."""
    given, family = set(), set()

    def add(to: set, value: str) -> None:
        value = value.strip().lower()
        if value and " " not in value and "." not in value:
            to.add(value)

    for path in sorted((SHARED / "names" / "faker").glob("*/*.csv")):
        target = given if "first_names" in path.name else family if "last_names" in path.name else None
        if target is None:
            continue
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                add(target, row["name"])
    for name in ("dataset3.csv", "dataset4a.csv"):
        path = SHARED / "febrl" / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as f:
            reader = csv.reader(f, skipinitialspace=True)
            next(reader)
            for row in reader:
                add(given, row[1])
                add(family, row[2])
    if len(given) < 20 or len(family) < 20:
        return EMBEDDED_GIVEN, EMBEDDED_FAMILY
    return sorted(given), sorted(family)


def typo(s: str, rng: random.Random) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    for _ in range(rng.randint(1, 2)):
        kind = rng.randrange(4)
        if kind == 0 or len(s) < 2:
            i = rng.randint(0, len(s))
            s = s[:i] + rng.choice(letters) + s[i:]
        elif kind == 1:
            i = rng.randrange(len(s))
            s = s[:i] + s[i + 1:]
        elif kind == 2:
            i = rng.randrange(len(s))
            s = s[:i] + rng.choice(letters) + s[i + 1:]
        else:
            i = rng.randrange(len(s) - 1)
            s = s[:i] + s[i + 1] + s[i] + s[i + 2:]
    return s


def ascii_fold(s: str) -> str:
    s = s.replace("ł", "l").replace("ß", "ss").replace("ø", "o").replace("đ", "d")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()


def handle(g: str, f: str, rng: random.Random) -> str:
    g, f = ascii_fold(g), ascii_fold(f)
    kind = rng.randrange(4)
    if kind == 0:
        return f"{g}.{f}{rng.randrange(100)}"
    if kind == 1:
        return g[:1] + f
    if kind == 2:
        return f"{f}_{g}"
    return f"{g}{f[:1]}{rng.randint(1950, 2009)}"


KINDS = ("given", "family", "full", "handle")


def draw(kind: str, given: list, family: list, rng: random.Random) -> str:
    g, f = rng.choice(given), rng.choice(family)
    return {"given": g, "family": f, "full": f"{g} {f}"}.get(kind) or handle(g, f, rng)


def make_pairs(count: int, seed: int, given: list, family: list) -> tuple[list, list, list]:
    rng = random.Random(seed)
    a, b, kinds = [], [], []
    for i in range(count):
        kind = KINDS[i % 4]
        x = draw(kind, given, family, rng)
        y = typo(x, rng) if rng.random() < 0.5 else draw(kind, given, family, rng)
        a.append(x)
        b.append(y)
        kinds.append(kind)
    return a, b, kinds


def best_of(repeat: int, fn) -> float:
    """CPU seconds of the fastest of `repeat` calls, with the garbage collector off. CPU time,
    not wall time: on a shared machine other processes stretch the wall clock, and every
    timed call runs on one thread."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.process_time()
            fn()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def ns(seconds: float, count: int) -> float:
    return seconds / count * 1e9


def fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def ratio(ours: float | None, theirs: float | None) -> str:
    return "—" if ours is None or theirs is None else f"{ours / theirs:.2f}"


def cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--subsample", type=int, default=100_000,
                        help="pairs for the per-call loops (rapidfuzz scalar, jellyfish)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--queries", type=int, default=200, help="queries of the one-against-many test")
    parser.add_argument("--block", type=int, nargs="+", default=[100, 1000],
                        help="candidates per query in the one-against-many test")
    parser.add_argument("--ascii", action="store_true",
                        help="fold every name to ASCII first, as sameas's prepare stage does")
    args = parser.parse_args()

    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import (OSA, DamerauLevenshtein, Hamming, Indel, Jaro, JaroWinkler,
                                    Levenshtein)
    import jellyfish
    import rapidfuzz

    given, family = read_names()
    if args.ascii:
        given = sorted({ascii_fold(n) for n in given if ascii_fold(n)})
        family = sorted({ascii_fold(n) for n in family if ascii_fold(n)})
    start = time.perf_counter()
    a, b, kinds = make_pairs(args.pairs, args.seed, given, family)
    lengths = np.array([len(x) for x in a] + [len(y) for y in b])
    non_ascii = sum(not (x.isascii() and y.isascii()) for x, y in zip(a, b)) / len(a)
    print(f"# {len(a):,} pairs from {len(given):,} given and {len(family):,} family names "
          f"(seed {args.seed}) in {time.perf_counter() - start:.1f} s; length median "
          f"{int(np.median(lengths))}, 5-95% {int(np.percentile(lengths, 5))}-"
          f"{int(np.percentile(lengths, 95))}; {non_ascii:.1%} of pairs have a non-ASCII character")
    print(f"# {cpu_model()}, {os.cpu_count()} cores; Python {platform.python_version()}, "
          f"rapidfuzz {rapidfuzz.__version__}, numpy {np.__version__}; best of {args.repeat}")
    aa = pa.array(a, type=pa.large_string())
    bb = pa.array(b, type=pa.large_string())
    n = len(a)
    sub = min(args.subsample, n)
    sa, sb = a[:sub], b[:sub]

    # metric, ours (a, b), rapidfuzz scorer for cpdist and for the loop, jellyfish function
    metrics = [
        ("levenshtein", sim.levenshtein, Levenshtein.distance, jellyfish.levenshtein_distance),
        ("levenshtein_similarity", sim.levenshtein_similarity, Levenshtein.normalized_similarity, None),
        ("osa", sim.osa, OSA.distance, None),
        ("damerau_levenshtein", sim.damerau_levenshtein, DamerauLevenshtein.distance,
         jellyfish.damerau_levenshtein_distance),
        ("indel", sim.indel, Indel.distance, None),
        ("indel_similarity", sim.indel_similarity, Indel.normalized_similarity, None),
        ("hamming", sim.hamming, Hamming.distance, None),
        ("jaro", sim.jaro, Jaro.similarity, jellyfish.jaro_similarity),
        ("jaro_winkler", sim.jaro_winkler, JaroWinkler.similarity, jellyfish.jaro_winkler_similarity),
        ("token_sort_ratio", sim.token_sort_ratio, fuzz.token_sort_ratio, None),
        ("token_set_ratio", sim.token_set_ratio, fuzz.token_set_ratio, None),
        ("jaccard (q=2)", sim.jaccard, None, None),
        ("dice (q=2)", sim.dice, None, None),
        ("cosine (q=2)", sim.cosine, None, None),
        ("monge_elkan", sim.monge_elkan, None, None),
    ]
    rows = []
    for name, ours, theirs, jelly in metrics:
        t_list = ns(best_of(args.repeat, lambda: ours(a, b)), n)
        t_arrow = ns(best_of(args.repeat, lambda: ours(aa, bb)), n)
        t_cpdist = t_loop = t_jelly = None
        if theirs is not None:
            t_cpdist = ns(best_of(args.repeat, lambda: process.cpdist(a, b, scorer=theirs, workers=1)), n)
            t_loop = ns(best_of(args.repeat, lambda: [theirs(x, y) for x, y in zip(sa, sb)]), sub)
        if jelly is not None:
            t_jelly = ns(best_of(args.repeat, lambda: [jelly(x, y) for x, y in zip(sa, sb)]), sub)
        rows.append((name, t_list, t_arrow, t_cpdist, t_loop, t_jelly))
        print(f"#   {name}: done", flush=True)

    phonetic = [
        ("soundex", ph.soundex, jellyfish.soundex),
        ("nysiis", ph.nysiis, jellyfish.nysiis),
        ("metaphone", ph.metaphone, jellyfish.metaphone),
        ("double_metaphone", ph.double_metaphone, None),
        ("cologne", ph.cologne, None),
        ("daitch_mokotoff", ph.daitch_mokotoff, None),
    ]
    phonetic_rows = []
    for name, ours, jelly in phonetic:
        t_list = ns(best_of(args.repeat, lambda: ours(a)), n)
        t_arrow = ns(best_of(args.repeat, lambda: ours(aa)), n)
        t_jelly = None
        if jelly is not None:
            t_jelly = ns(best_of(args.repeat, lambda: [jelly(x) for x in sa]), sub)
        phonetic_rows.append((name, t_list, t_arrow, t_jelly))

    print()
    print("Element-wise, ns per pair (lower is better); ratio = sameas / rapidfuzz cpdist")
    print()
    print("| metric | sameas (lists) | sameas (Arrow) | rapidfuzz cpdist | rapidfuzz loop | jellyfish loop "
          "| ratio (lists) | ratio (Arrow) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, t_list, t_arrow, t_cpdist, t_loop, t_jelly in rows:
        print(f"| {name} | {fmt(t_list)} | {fmt(t_arrow)} | {fmt(t_cpdist)} | {fmt(t_loop)} | "
              f"{fmt(t_jelly)} | {ratio(t_list, t_cpdist)} | {ratio(t_arrow, t_cpdist)} |")
    print()
    print("Phonetic codes, ns per name; ratio = sameas / jellyfish")
    print()
    print("| encoder | sameas (lists) | sameas (Arrow) | jellyfish loop | ratio (lists) | ratio (Arrow) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, t_list, t_arrow, t_jelly in phonetic_rows:
        print(f"| {name} | {fmt(t_list)} | {fmt(t_arrow)} | {fmt(t_jelly)} | {ratio(t_list, t_jelly)} | "
              f"{ratio(t_arrow, t_jelly)} |")

    # One against many: queries of each kind against blocks of names of the same kind.
    rng = random.Random(args.seed + 1)
    print()
    print("One against many, ns per candidate; ratio = sameas / rapidfuzz cdist")
    print()
    print("| metric | kind | block | sameas (list) | sameas (Arrow) | rapidfuzz cdist | ratio (list) | ratio (Arrow) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for block in args.block:
        for kind in KINDS:
            queries = [draw(kind, given, family, rng) for _ in range(args.queries)]
            blocks = []
            for q in queries:
                names = [typo(q, rng) if rng.random() < 0.1 else draw(kind, given, family, rng)
                         for _ in range(block)]
                blocks.append(names)
            arrow_blocks = [pa.array(x, type=pa.large_string()) for x in blocks]
            total = block * len(queries)
            for metric, ours, theirs, kwargs in (
                ("levenshtein", sim.levenshtein_one_to_many, Levenshtein.distance, {}),
                ("jaro_winkler", sim.jaro_winkler_one_to_many, JaroWinkler.similarity, {}),
            ):
                t_list = ns(best_of(args.repeat, lambda: [ours(q, c) for q, c in zip(queries, blocks)]), total)
                t_arrow = ns(best_of(args.repeat, lambda: [ours(q, c) for q, c in zip(queries, arrow_blocks)]), total)
                t_cdist = ns(best_of(args.repeat, lambda: [process.cdist([q], c, scorer=theirs, workers=1)
                                                           for q, c in zip(queries, blocks)]), total)
                print(f"| {metric} | {kind} | {block} | {fmt(t_list)} | {fmt(t_arrow)} | {fmt(t_cdist)} | "
                      f"{ratio(t_list, t_cdist)} | {ratio(t_arrow, t_cdist)} |", flush=True)


if __name__ == "__main__":
    main()
