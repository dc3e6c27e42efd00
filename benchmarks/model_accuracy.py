"""Pairwise F1 of the model variants: EM with and without term-frequency adjustments, m
counted from labels and logistic regression on labels: the figures of docs/model.md.

    PYTHONPATH=... python benchmarks/model_accuracy.py [--shared-data ../shared/data] [--markdown]

Automatic settings (as ``sameas dedupe`` chooses them), then, per variant, training,
prediction and connected components at p >= 0.9 (the settings' threshold) and p >= 0.5.
Term frequencies go on the name and place comparisons: first_name, surname, city
(fake_1000); given_name, surname, suburb (FEBRL3). Labels: Splink's clerical pairs for
fake_1000 (fake_1000_labels.csv), the ids' person numbers for FEBRL3 (rec-N-...).
"""

from __future__ import annotations

import argparse
import copy
import time
from pathlib import Path

import pandas as pd

import sameas
from sameas.evaluation import febrl_entity, pairwise_scores

TF_COLUMNS = {"fake_1000": ("first_name", "surname", "city"),
              "FEBRL3": ("given_name", "surname", "suburb")}


def with_tf(settings: dict, columns) -> dict:
    settings = copy.deepcopy(settings)
    for comparison in settings["comparisons"]:
        if comparison["column"] in columns:
            comparison["term_frequency"] = True
    return settings


def run(name, frame, id_column, truth, labels):
    settings = sameas.infer_settings({name: frame}, id_column=id_column)
    variants = [
        ("EM", settings, None, None),
        ("EM + term frequencies", with_tf(settings, TF_COLUMNS[name]), None, None),
        ("m from labels", settings, labels, "count"),
        ("logistic regression on labels", settings, labels, "logistic"),
        ("logistic regression + term frequencies", with_tf(settings, TF_COLUMNS[name]), labels, "logistic"),
    ]
    rows = []
    for label, s, train_labels, method in variants:
        start = time.perf_counter()
        linker = sameas.Linker({name: frame}, s)
        if train_labels is None:
            linker.train()
        else:
            linker.train_from_labels(train_labels, method=method)
        pairs = linker.predict()
        seconds = time.perf_counter() - start
        for threshold in (0.9, 0.5):
            clusters = linker.cluster(pairs, threshold=threshold)
            merged = clusters.merge(truth, on="record_id", validate="one_to_one")
            scores = pairwise_scores(merged.cluster_id, merged.entity)
            rows.append({"data": name, "model": label, "p >=": threshold,
                         "precision": scores["precision"], "recall": scores["recall"],
                         "F1": scores["f1"], "seconds": seconds})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared-data", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args()

    rows = []
    fake = pd.read_csv(args.shared_data / "splink" / "fake_1000.csv", dtype=str)
    rows += run("fake_1000", fake, "unique_id",
                fake.rename(columns={"unique_id": "record_id", "cluster": "entity"})[["record_id", "entity"]],
                str(args.shared_data / "splink" / "fake_1000_labels.csv"))
    febrl = pd.read_csv(args.shared_data / "febrl" / "dataset3.csv", dtype=str, skipinitialspace=True)
    febrl.columns = [c.strip() for c in febrl.columns]
    febrl["rec_id"] = febrl["rec_id"].str.strip()
    febrl["person"] = febrl_entity(febrl["rec_id"])
    truth = pd.DataFrame({"record_id": febrl["rec_id"], "entity": febrl["person"]})
    rows += run("FEBRL3", febrl, "rec_id", truth, "person")

    table = pd.DataFrame(rows)
    if args.markdown:
        print("| data | model | p >= | precision | recall | F1 |")
        print("|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['data']} | {r['model']} | {r['p >=']} | {r['precision']:.4f} | "
                  f"{r['recall']:.4f} | {r['F1']:.4f} |")
    else:
        with pd.option_context("display.width", 200, "display.max_columns", 20):
            print(table.to_string(index=False, float_format=lambda x: f"{x:.4f}"))


if __name__ == "__main__":
    main()
