#!/usr/bin/env python3
"""Renders the charts of docs/evaluation.md into docs/images/ and prints the figures the page
quotes, so that both come from one command:

    PYTHONPATH=<staged package> python scripts/doc_charts.py --shared-data ../shared/data

fake_1000 (Splink's demo data, ground truth column ``cluster``) with automatic settings and
EM; FEBRL3 (person number of each ``rec-N-...`` id) for the blocking analysis, where rules
overlap and the counts span orders of magnitude.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import pandas as pd

import sameas
from sameas import charts
from sameas.evaluation import febrl_entity

DPI = 72


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared-data", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs" / "images"))
    args = parser.parse_args()
    data, out = Path(args.shared_data), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    figures = {}

    fake = pd.read_csv(data / "splink" / "fake_1000.csv", dtype=str)
    linker = sameas.Linker({"fake_1000": fake}, id_column="unique_id").train()
    pairs = linker.predict()
    evaluation = linker.evaluate(truth="cluster", predictions=pairs)
    print("fake_1000, EM:", json.dumps(evaluation.summary(), indent=1))
    labelled = linker.evaluate(labels=data / "splink" / "fake_1000_labels.csv", predictions=pairs,
                               score_unblocked=True)
    print("fake_1000, EM, every labelled pair scored:", json.dumps(labelled.summary(), indent=1))
    figures["m_u"] = charts.m_u_chart(linker)
    figures["weights"] = charts.weight_distribution(pairs, evaluation.threshold)
    figures["precision_recall"] = charts.precision_recall(evaluation)
    figures["thresholds"] = charts.threshold_scores(evaluation)
    figures["cluster_sizes"] = charts.cluster_sizes(linker.cluster(pairs))
    # The weakest link: a pair just at the threshold.
    weights = pairs["match_weight"].where(pairs["match_probability"] >= evaluation.threshold)
    near = pairs.iloc[int(weights.to_numpy().argsort()[0])]
    e = linker.explain(near.record_id_l, near.record_id_r)
    print("waterfall:", e.text)
    figures["waterfall"] = e.waterfall(f"fake_1000 records {near.record_id_l} and {near.record_id_r}")

    febrl = pd.read_csv(data / "febrl" / "dataset3.csv", dtype=str, skipinitialspace=True)
    febrl.columns = [c.strip() for c in febrl.columns]
    febrl["person"] = febrl_entity(febrl["rec_id"])
    linker = sameas.Linker({"febrl3": febrl.drop(columns="person").assign(person=febrl["person"])},
                           id_column="rec_id")
    start = time.perf_counter()
    analysis = linker.blocking_analysis(truth="person")
    seconds = time.perf_counter() - start
    print("FEBRL3 blocking analysis in", f"{seconds:.3f} s")
    print(analysis.rules.to_string(index=False))
    print(analysis.largest_blocks.groupby("rule", sort=False).head(1).to_string(index=False))
    figures["blocking"] = charts.blocking_counts(analysis)

    for name, fig in figures.items():
        fig.savefig(out / f"{name}.png", dpi=DPI)
        print("wrote", out / f"{name}.png", (out / f"{name}.png").stat().st_size, "bytes")


if __name__ == "__main__":
    main()
