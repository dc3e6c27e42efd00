"""Pairwise and B-cubed F1 of connected components against constrained clustering and
chaining protection: the figures of docs/clustering.md.

    PYTHONPATH=... python benchmarks/clustering_accuracy.py [--shared-data ../shared/data]
                                                           [--people 3000] [--markdown]

Each data set is trained and scored once (automatic settings, as ``sameas link`` /
``sameas dedupe`` do), then clustered at each threshold with each configuration; the same
clusters come out of the command line with the flags named in the ``clustering`` column.
Data: the bundled sample (400 people), ``generate_people(--people, seed=7)`` from the same
multilingual generator, FEBRL3 (dedupe, 5,000 records) and FEBRL4 (link 5,000 + 5,000).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

import sameas
from sameas.evaluation import bcubed_scores, febrl_entity, pairwise_scores

PLATFORM = {"unique_per": ["platform"]}


def evaluate(name, linker, truth_of, thresholds, configs):
    pairs = linker.predict()
    rows = []
    for threshold in thresholds:
        for label, options in configs:
            result = linker.clustering(pairs, threshold, **options)
            predicted, truth = truth_of(result.clusters)
            pw, b3 = pairwise_scores(predicted, truth), bcubed_scores(predicted, truth)
            s = result.summary
            rows.append({
                "data": name, "p >=": threshold, "clustering": label,
                "pairwise P": pw["precision"], "pairwise R": pw["recall"], "pairwise F1": pw["f1"],
                "B3 P": b3["precision"], "B3 R": b3["recall"], "B3 F1": b3["f1"],
                "entities": int(result.clusters["cluster_id"].nunique()),
                "refused": s["refused_links"],
                "split": s["bridges_removed"] + s["low_average_splits"],
            })
    return rows


def social_crm(tables):
    linker = sameas.Linker({"crm": tables["crm"], "social": tables["social"]}).train()
    truth = tables["truth"].astype(str)

    def truth_of(clusters):
        merged = clusters.merge(truth, on=["source", "record_id"], validate="one_to_one")
        return merged["cluster_id"], merged["person_id"]

    return linker, truth_of


def febrl_truth(clusters):
    return clusters["cluster_id"], febrl_entity(clusters["record_id"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared-data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--markdown", action="store_true")
    options = parser.parse_args(argv)

    social_configs = [
        ("connected components", {}),
        ("--unique-per platform", PLATFORM),
        ("--unique-per platform --split-below 0.5", {**PLATFORM, "split_below": 0.5}),
    ]
    rows = []
    rows += evaluate("sample", *social_crm(sameas.datasets.load_sample()), [0.9, 0.5, 0.05], social_configs)
    rows += evaluate(f"generated {options.people}",
                     *social_crm(sameas.datasets.generate_people(options.people, seed=7)),
                     [0.9, 0.5, 0.05], social_configs)
    febrl = Path(options.shared_data) / "febrl"
    if febrl.exists():
        rows += evaluate("FEBRL3", sameas.Linker(str(febrl / "dataset3.csv")).train(), febrl_truth,
                         [0.5, 0.01, 0.001],
                         [("connected components", {}), ("--split-below 0.5", {"split_below": 0.5}),
                          ("--min-average-link 0.5", {"min_average_link": 0.5})])
        both = {"duplicate_free": ["dataset4a", "dataset4b"]}
        rows += evaluate("FEBRL4", sameas.Linker([str(febrl / "dataset4a.csv"), str(febrl / "dataset4b.csv")]).train(),
                         febrl_truth, [0.5, 0.01, 0.001],
                         [("connected components", {}),
                          ("--duplicate-free dataset4a --duplicate-free dataset4b", both)])
    table = pd.DataFrame(rows)
    if options.markdown:
        print("| " + " | ".join(table.columns) + " |")
        numeric = [pd.api.types.is_numeric_dtype(t) for t in table.dtypes]
        print("|" + "|".join("---:" if n else "---" for n in numeric) + "|")
        for row in table.itertuples(index=False):
            cells = [f"{v:.4f}" if isinstance(v, float) and name != "p >=" else f"{v:g}" if isinstance(v, float)
                     else str(v) for name, v in zip(table.columns, row)]
            print("| " + " | ".join(cells) + " |")
    else:
        with pd.option_context("display.width", 250, "display.max_columns", 20):
            print(table.round(4).to_string(index=False))


if __name__ == "__main__":
    main()
