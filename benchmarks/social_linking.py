"""Linking social accounts to CRM customers: sameas with automatic settings beside Splink
(DuckDB) with a hand-written configuration, on the same generated tables, in one run.

    PYTHONPATH=... python benchmarks/social_linking.py [--sizes sample,5000,20000] [--markdown]

Data: the bundled sample (400 people, ``sameas.datasets.load_sample``) and
``sameas.datasets.generate_people(n, seed=n)`` for each other size: CRM records (with
duplicates) and social accounts, with the person behind every record as truth.

sameas: ``sameas link crm.csv social.csv`` as the command runs it (automatic settings,
link and deduplicate, training without labels, clusters that hold one account per platform:
the settings' ``unique_per``, which the automatic settings fill with the platform column); and
the same with ``--no-unique-per`` (connected components of the links).

Splink 5 (DuckDB): both tables brought to one schema first, as a Splink user must (given and
family name split from the display name at its first and last word, decorations and emoji
removed; the city from the location's first comma-separated part; the birth year from the date
of birth), then Jaro-Winkler name comparisons with term frequencies, Splink's email
comparison, birth year, city; blocking on first name, surname, email and name prefixes; the
prior from exact email and exact name + birth year (recall 0.7), u by random sampling, m by EM
on two blocking rules; connected components of its links.

Printed: pairwise precision, recall and F1 of the clusters against the truth at p >= 0.5 and
0.9 and at each tool's best threshold (searched on a grid), and the wall time of each run
(preparation, training, scoring and clustering at 0.9; the CSV writing of the command is not
counted).
"""

from __future__ import annotations

import argparse
import logging
import re
import time
import unicodedata

import sys
from pathlib import Path

import numpy as np
import pandas as pd

import sameas
from sameas.datasets import generate_people, load_sample
from sameas.evaluation import pairwise_scores

sys.path.insert(0, str(Path(__file__).resolve().parent / "peers"))
from common import components as peer_components  # noqa: E402  (benchmarks/peers)

THRESHOLDS = sorted({round(x, 3) for x in
                     [0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.07]
                     + list(np.arange(0.1, 0.96, 0.05)) + [0.97, 0.98, 0.99, 0.995, 0.999]})


# -- the tables ------------------------------------------------------------------------------

def tables_for(size: str) -> dict:
    if size == "sample":
        return load_sample()
    n = int(size)
    return generate_people(n, seed=n)


def truth_of(tables: dict) -> pd.DataFrame:
    truth = tables["truth"][["source", "record_id", "person_id"]].astype(str)
    return truth


def score(clusters: pd.DataFrame, truth: pd.DataFrame) -> dict:
    """Pairwise scores of ``clusters`` (source, record_id, cluster_id) against the truth."""
    merged = truth.merge(clusters[["source", "record_id", "cluster_id"]].astype({"record_id": str}),
                         on=["source", "record_id"], how="left", validate="one_to_one")
    if merged["cluster_id"].isna().any():
        raise RuntimeError(f"{merged['cluster_id'].isna().sum()} records have no cluster")
    return pairwise_scores(merged["cluster_id"].astype(str), merged["person_id"])


def components(keys: pd.DataFrame, left: np.ndarray, right: np.ndarray) -> pd.DataFrame:
    """Connected components of the edges (left[i], right[i]) over the rows of ``keys``."""
    out = keys.copy()
    out["cluster_id"] = peer_components(len(keys), left, right)
    return out


# -- sameas ----------------------------------------------------------------------------------

def run_sameas(tables: dict, truth: pd.DataFrame) -> tuple[list, dict]:
    start = time.perf_counter()
    linker = sameas.Linker({"crm": tables["crm"], "social": tables["social"]})
    linker.train()
    pairs = linker.predict()
    # As the command does: one account per platform where the settings found a platform column.
    unique_per = list(linker.settings.get("unique_per", []))
    linker.cluster(pairs, threshold=0.9, unique_per=unique_per)
    seconds = time.perf_counter() - start
    rows = []
    for threshold in THRESHOLDS:
        rows.append(("sameas", threshold,
                     score(linker.cluster(pairs, threshold=threshold, unique_per=unique_per), truth)))
        rows.append(("sameas --no-unique-per", threshold,
                     score(linker.cluster(pairs, threshold=threshold), truth)))
    model = linker.model
    info = {"sameas": seconds, "sameas --no-unique-per": seconds,
            "prior": model["prior"], "candidates": len(pairs)}
    return rows, info


# -- Splink ----------------------------------------------------------------------------------

_DECORATION = re.compile(r"[|•/@~:(\[].*$")


def _clean_words(text) -> list[str]:
    """Letters, hyphens and apostrophes of a name, lower case; emoji and symbols dropped."""
    if not isinstance(text, str):
        return []
    text = _DECORATION.sub("", text)
    kept = "".join(ch if (unicodedata.category(ch)[0] == "L" or ch in " -'.") else " " for ch in text)
    return [w.strip(".").lower() for w in kept.split() if w.strip(".")]


def _first_last(text) -> tuple:
    words = _clean_words(text)
    if not words:
        return None, None
    if len(words) == 1:
        return words[0], None
    return words[0], words[-1]


def _lower(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip().str.lower().replace("", pd.NA)


def _year(dates: pd.Series) -> pd.Series:
    text = dates.astype("string")
    iso = text.str.extract(r"^(\d{4})-\d{2}-\d{2}$", expand=False)
    dotted = text.str.extract(r"^\d{1,2}\.\d{1,2}\.(\d{4})$", expand=False)
    return pd.to_numeric(iso.fillna(dotted), errors="coerce").astype("Int64")


def _city(location) -> str | None:
    if not isinstance(location, str):
        return None
    words = _clean_words(location.split(",")[0])
    return " ".join(words) or None


def splink_frames(tables: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both tables in one schema: unique_id, first_name, surname, email, birth_year, city."""
    crm, social = tables["crm"], tables["social"]
    crm_first = [_first_last(v)[0] if isinstance(v, str) else None for v in crm["first_name"]]
    crm_last = [" ".join(_clean_words(v)) or None for v in crm["last_name"]]
    left = pd.DataFrame({
        "unique_id": crm["customer_id"].astype(str),
        "first_name": crm_first,
        "surname": crm_last,
        "email": _lower(crm["email"]),
        "birth_year": _year(crm["date_of_birth"]),
        "city": [_city(v) for v in crm["city"]],
    })
    names = [_first_last(v) for v in social["display_name"]]
    right = pd.DataFrame({
        "unique_id": social["account_id"].astype(str),
        "first_name": [f for f, _ in names],
        "surname": [s for _, s in names],
        "email": _lower(social["email"]),
        "birth_year": pd.to_numeric(social["birth_year"], errors="coerce").astype("Int64"),
        "city": [_city(v) for v in social["location"]],
    })
    for frame in (left, right):
        for column in ("first_name", "surname", "city"):
            frame[column] = frame[column].astype("string")
    return left, right


def splink_settings():
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    return SettingsCreator(
        link_type="link_and_dedupe",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.EmailComparison("email"),
            cl.ExactMatch("birth_year"),
            cl.JaroWinklerAtThresholds("city", [0.9]).configure(term_frequency_adjustments=True),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("first_name"),
            block_on("surname"),
            block_on("email"),
            block_on("substr(first_name, 1, 2)", "substr(surname, 1, 2)"),
            block_on("surname", "birth_year"),
        ],
        retain_intermediate_calculation_columns=False,
    )


def run_splink(tables: dict, truth: pd.DataFrame, seed: int = 42) -> tuple[list, dict]:
    from splink import DuckDBAPI, Linker, block_on

    logging.getLogger("splink").setLevel(logging.WARNING)
    start = time.perf_counter()
    left, right = splink_frames(tables)
    db_api = DuckDBAPI()
    crm = db_api.register(left, dataset_display_name="crm")
    social = db_api.register(right, dataset_display_name="social")
    linker = Linker([crm, social], splink_settings(), log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("email"), block_on("first_name", "surname", "birth_year")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=seed)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_name"))
    predictions = linker.inference.predict(threshold_match_probability=0.001)
    linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, 0.9)
    seconds = time.perf_counter() - start
    pairs = predictions.as_pandas_dataframe()

    keys = pd.concat([pd.DataFrame({"source": "crm", "record_id": left["unique_id"]}),
                      pd.DataFrame({"source": "social", "record_id": right["unique_id"]})],
                     ignore_index=True)
    index = {key: i for i, key in enumerate(zip(keys["source"], keys["record_id"]))}
    a = np.array([index[k] for k in zip(pairs["source_dataset_l"], pairs["unique_id_l"].astype(str))])
    b = np.array([index[k] for k in zip(pairs["source_dataset_r"], pairs["unique_id_r"].astype(str))])
    p = pairs["match_probability"].to_numpy()
    rows = []
    for threshold in THRESHOLDS:
        keep = p >= threshold
        rows.append(("Splink", threshold, score(components(keys, a[keep], b[keep]), truth)))
    return rows, {"Splink": seconds, "splink_prior": linker._settings_obj._probability_two_random_records_match}


# -- report ----------------------------------------------------------------------------------

def report(size: str, tables: dict, rows: list, seconds: dict, markdown: bool) -> list[dict]:
    frame = pd.DataFrame([{"tool": tool, "p >=": t, **s} for tool, t, s in rows])
    out = []
    for tool, group in frame.groupby("tool", sort=False):
        best = group.loc[group["f1"].idxmax()]
        for label, row in (("0.5", group[group["p >="] == 0.5].iloc[0]),
                           ("0.9", group[group["p >="] == 0.9].iloc[0]),
                           (f"best ({best['p >=']:g})", best)):
            out.append({"data": size, "records": len(tables["crm"]) + len(tables["social"]),
                        "tool": tool, "p >=": label, "precision": row["precision"],
                        "recall": row["recall"], "F1": row["f1"],
                        "seconds": seconds[tool]})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="sample,5000,20000",
                        help="comma-separated: 'sample' or a number of people")
    parser.add_argument("--no-splink", action="store_true", help="sameas only")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()
    results = []
    for size in args.sizes.split(","):
        tables = tables_for(size)
        truth = truth_of(tables)
        true_pairs = pairwise_scores(truth["person_id"], truth["person_id"])["true_pairs"]
        rows, seconds = run_sameas(tables, truth)
        line = (f"{size}: {len(tables['crm'])} CRM records, {len(tables['social'])} accounts, "
                f"{true_pairs} true pairs; sameas prior {seconds['prior']:.3g} "
                f"(truth {true_pairs / (len(truth) * (len(truth) - 1) / 2):.3g})")
        if not args.no_splink:
            splink_rows, splink_info = run_splink(tables, truth)
            rows += splink_rows
            seconds.update(splink_info)
            line += f", Splink prior {splink_info['splink_prior']:.3g}"
        print(line, flush=True)
        results += report(size, tables, rows, seconds, args.markdown)
    table = pd.DataFrame(results)
    if args.markdown:
        print("| data | records | tool | p ≥ | precision | recall | F1 | seconds |")
        print("|---|---|---|---|---|---|---|---|")
        for r in table.itertuples(index=False):
            print(f"| {r.data} | {r.records:,} | {r.tool} | {r[3]} | {r.precision:.4f} | "
                  f"{r.recall:.4f} | {r.F1:.4f} | {r.seconds:.1f} |")
    else:
        with pd.option_context("display.width", 200, "display.max_rows", 200):
            print(table.to_string(index=False, float_format=lambda v: f"{v:.4f}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
