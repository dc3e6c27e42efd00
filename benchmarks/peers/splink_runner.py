"""Splink 5 with DuckDB, configured by hand per data set as an experienced user would.

    python splink_runner.py JOB_JSON OUT_DIR

Per data set: the comparisons Splink's own documentation uses for such columns (NameComparison
with term frequencies on names, DateOfBirthComparison, EmailComparison, Damerau–Levenshtein on
identifiers and postcodes, exact matches with term frequencies on places), the blocking rules
sameas chooses for the same data where DuckDB can express them (exact keys, prefixes and
years; Soundex has no DuckDB function, so sameas's Soundex rules have no counterpart), and
training as the documentation teaches it: the prior from deterministic rules and an assumed
recall, u by random sampling (1e7 pairs, seeded), m by EM on two blocking rules. Prediction
keeps pairs at or above the job's floor; clusters are Splink's connected components at the
job's threshold. ``seconds`` runs from reading the CSV files (DuckDB's reader) to the clusters.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import duckdb
import splink
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from common import ID, Job, write_result

U_PAIRS = 1e7


def configuration(kind: str, link_type: str) -> dict:
    """Comparisons, prediction blocking rules, deterministic rules with their recall, EM rules."""
    if kind == "febrl":
        date = dict(input_is_string=True, datetime_format="%Y%m%d", invalid_dates_as_null=True)
        return {
            "comparisons": [
                cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
                cl.NameComparison("surname").configure(term_frequency_adjustments=True),
                cl.DateOfBirthComparison("date_of_birth", **date),
                cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
                cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
                cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(term_frequency_adjustments=True),
            ],
            "blocking": [block_on("soc_sec_id"), block_on("date_of_birth"), block_on("surname"),
                         block_on("given_name"), block_on("postcode")],
            "deterministic": [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")],
            "recall": 0.8,
            "em": [block_on("date_of_birth"), block_on("postcode")],
        }
    if kind == "fake":
        return {
            "comparisons": [
                cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
                cl.NameComparison("surname").configure(term_frequency_adjustments=True),
                cl.DateOfBirthComparison("dob", input_is_string=True),
                cl.ExactMatch("city").configure(term_frequency_adjustments=True),
                cl.EmailComparison("email"),
            ],
            "blocking": [block_on("email"), block_on("dob"), block_on("surname"), block_on("first_name"),
                         block_on("substr(surname, 1, 3)", "substr(first_name, 1, 1)")],
            "deterministic": [block_on("first_name", "dob"), block_on("email"),
                              "l.first_name = r.first_name and levenshtein(r.surname, l.surname) <= 2"],
            "recall": 0.7,
            "em": [block_on("first_name", "surname"), block_on("dob")],
        }
    if kind == "pseudopeople":
        return {
            "comparisons": [
                cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
                cl.NameComparison("last_name").configure(term_frequency_adjustments=True),
                cl.DateOfBirthComparison("date_of_birth", input_is_string=True),
                cl.ExactMatch("middle_initial"),
                cl.ExactMatch("sex"),
            ],
            "blocking": [block_on("date_of_birth"), block_on("last_name"),
                         block_on("substr(last_name, 1, 3)", "substr(first_name, 1, 1)"),
                         block_on("first_name", "substr(date_of_birth, 1, 4)")],
            "deterministic": [block_on("first_name", "last_name", "date_of_birth")],
            "recall": 0.8,
            "em": [block_on("date_of_birth"), block_on("first_name", "last_name")],
        }
    if kind == "customers":
        return {
            "comparisons": [
                cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
                cl.NameComparison("last_name").configure(term_frequency_adjustments=True),
                cl.DateOfBirthComparison("date_of_birth", input_is_string=True),
                cl.EmailComparison("email"),
                cl.DamerauLevenshteinAtThresholds("phone", [1]),
                cl.ExactMatch("city").configure(term_frequency_adjustments=True),
                cl.DamerauLevenshteinAtThresholds("postcode", [1]),
            ],
            "blocking": [block_on("email"), block_on("phone"), block_on("date_of_birth"),
                         block_on("postcode"), block_on("first_name", "last_name"),
                         block_on("last_name", "substr(first_name, 1, 1)")],
            "deterministic": [block_on("email"), block_on("phone"),
                              block_on("first_name", "last_name", "date_of_birth")],
            "recall": 0.8,
            "em": [block_on("date_of_birth"), block_on("email")],
        }
    raise ValueError(f"no Splink configuration for {kind}")


def rule_sql(rule) -> str:
    return rule if isinstance(rule, str) else rule.get_blocking_rule("duckdb").blocking_rule_sql


def main() -> None:
    logging.getLogger("splink").setLevel(logging.WARNING)
    job = Job.load(sys.argv[1])
    out = Path(sys.argv[2])
    config = configuration(job.kind, job.link_type)
    link_type = "dedupe_only" if job.link_type == "dedupe" else job.link_type
    stages = {}
    start = time.perf_counter()
    con = duckdb.connect()
    db_api = DuckDBAPI(connection=con)
    frames = []
    for i, path in enumerate(job.inputs):
        con.execute(f"create table input_{i} as select * from read_csv('{path}', all_varchar = true, header = true)")
        frames.append(db_api.register(f"input_{i}", dataset_display_name=f"input_{i}"))
    stages["read"] = time.perf_counter() - start
    settings = SettingsCreator(
        link_type=link_type,
        unique_id_column_name=ID,
        comparisons=config["comparisons"],
        blocking_rules_to_generate_predictions=config["blocking"],
    )
    linker = Linker(frames if len(frames) > 1 else frames[0], settings)
    t = time.perf_counter()
    linker.training.estimate_probability_two_random_records_match(config["deterministic"], recall=config["recall"])
    linker.training.estimate_u_using_random_sampling(max_pairs=U_PAIRS, seed=job.seed)
    for rule in config["em"]:
        linker.training.estimate_parameters_using_expectation_maximisation(rule, estimate_without_term_frequencies=True)
    stages["train"] = time.perf_counter() - t
    t = time.perf_counter()
    predictions = linker.inference.predict(threshold_match_probability=job.floor)
    stages["predict"] = time.perf_counter() - t
    t = time.perf_counter()
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=job.threshold)
    pairs = predictions.as_duckdbpyrelation().select(
        f"{ID}_l as id_l, {ID}_r as id_r, match_probability").df()
    cluster_frame = clusters.as_duckdbpyrelation().select(f"{ID}, cluster_id").df()
    stages["cluster"] = time.perf_counter() - t
    seconds = time.perf_counter() - start
    described = {
        "splink": splink.__version__, "duckdb": duckdb.__version__, "link_type": link_type,
        "comparisons": [c.get_comparison("duckdb").output_column_name for c in config["comparisons"]],
        "blocking_rules": [rule_sql(r) for r in config["blocking"]],
        "deterministic_rules": [rule_sql(r) for r in config["deterministic"]],
        "recall": config["recall"], "u_max_pairs": U_PAIRS,
        "em_rules": [rule_sql(r) for r in config["em"]],
    }
    write_result(out, pairs, cluster_frame, seconds, described, stages)


if __name__ == "__main__":
    main()
