#!/usr/bin/env python3
"""Time ``sameas dedupe`` on generated customer tables of 100 thousand, 1 million and 5
million rows: seconds and peak memory per stage, candidate pairs, pairs per second, and
pairwise precision, recall and F1 of the clusters against the generator's truth.

    PYTHONPATH=... python benchmarks/scale.py --data build/bench-data [--sizes 100k,1m,5m]
        [--threads 0] [--pairs-floor 0.5]

The tables come from benchmarks/generate_customers.py and are kept in ``--data``, so a second
run reuses them. Each size runs in its own process (``python -m sameas.cli dedupe``), so its
peak memory (getrusage ru_maxrss, reported by the command in summary.json) is its own. Settings
are chosen from the data, as a user who gives none gets them. The table in docs/performance.md
comes from this script.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from sameas.evaluation import pairwise_scores

HERE = Path(__file__).resolve().parent
# The end-to-end time of the goal: the stages from the input to the clusters.
PIPELINE = ("read", "prepare", "block", "train", "score", "cluster")


def parse_size(text: str) -> int:
    text = text.strip().lower().replace("_", "")
    for suffix, factor in (("k", 1_000), ("m", 1_000_000)):
        if text.endswith(suffix):
            return int(float(text[:-1]) * factor)
    return int(text)


def label(rows: int) -> str:
    if rows % 1_000_000 == 0:
        return f"{rows // 1_000_000}m"
    if rows % 1_000 == 0:
        return f"{rows // 1_000}k"
    return str(rows)


def ensure_data(rows: int, data: Path) -> tuple[Path, Path]:
    table = data / f"customers_{label(rows)}.csv"
    truth = data / f"customers_{label(rows)}_truth.csv"
    if not table.exists() or not truth.exists():
        subprocess.run([sys.executable, str(HERE / "generate_customers.py"), "--rows", str(rows),
                        "--out", str(table)], check=True)
    return table, truth


def score_clusters(clusters_csv: Path, truth_csv: Path) -> dict:
    """Pairwise precision, recall and F1: a predicted pair is two records in one cluster, a
    true pair two records of one person."""
    clusters = pd.read_csv(clusters_csv, dtype={"record_id": str}, usecols=["record_id", "cluster_id"])
    truth = pd.read_csv(truth_csv, dtype={"id": str})
    both = clusters.merge(truth, left_on="record_id", right_on="id", how="inner", validate="one_to_one")
    if len(both) != len(truth):
        raise RuntimeError(f"{clusters_csv}: {len(both)} of {len(truth)} records found")
    return pairwise_scores(both["cluster_id"], both["person_id"])


def run_size(rows: int, args: argparse.Namespace) -> dict:
    table, truth = ensure_data(rows, Path(args.data))
    out = Path(args.out) / label(rows)
    command = [sys.executable, "-m", "sameas.cli", "dedupe", str(table), "--output", str(out),
               "--threads", str(args.threads), "--pairs-floor", str(args.pairs_floor), "--quiet"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    summary = json.loads((out / "summary.json").read_text())
    result = {"rows": rows, "wall_seconds": wall, "summary": summary,
              **score_clusters(out / "clusters.csv", truth)}
    return result


def print_result(r: dict) -> None:
    s = r["summary"]
    seconds, peak = s["seconds"], s["peak_memory_mib"]
    pipeline = sum(seconds.get(stage, 0.0) for stage in PIPELINE)
    pairs = s["candidate_pairs"]
    compare_score = seconds.get("score", 0.0)
    print(f"\n{r['rows']:,} rows, {s['threads']} threads: {pairs:,} candidate pairs, "
          f"{s['pairs_kept']:,} kept (p >= {min(s['threshold'], s['pairs_floor']):g})")
    print(f"  {'stage':<10} {'seconds':>9} {'peak MiB':>9}")
    for stage, sec in seconds.items():
        print(f"  {stage:<10} {sec:>9.2f} {peak.get(stage, 0):>9.0f}")
    print(f"  {'pipeline':<10} {pipeline:>9.2f} {s['peak_memory_mib_total']:>9.0f}   "
          f"(read to clusters: {' + '.join(PIPELINE)})")
    print(f"  {'all':<10} {sum(seconds.values()):>9.2f}   wall {r['wall_seconds']:.2f} s "
          f"(with start-up)")
    print(f"  pairs per second, compare and score: {pairs / compare_score if compare_score else 0:,.0f}; "
          f"block to score: {pairs / (seconds.get('block', 0) + compare_score):,.0f}")
    print(f"  pairwise precision {r['precision']:.4f}, recall {r['recall']:.4f}, F1 {r['f1']:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="folder for the generated tables (kept between runs)")
    parser.add_argument("--sizes", default="100k,1m,5m", help="comma-separated row counts (100k, 1m, 250000)")
    parser.add_argument("--threads", type=int, default=0, help="sameas --threads (0: all cores)")
    parser.add_argument("--pairs-floor", type=float, default=0.5,
                        help="sameas --pairs-floor: pairs below it (and below the threshold) are dropped as scored")
    parser.add_argument("--out", default=None, help="folder for the runs' outputs (default: DATA/runs)")
    parser.add_argument("--json", help="also write every result to this JSON file")
    args = parser.parse_args()
    args.out = args.out or os.path.join(args.data, "runs")
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    print(f"machine: {os.cpu_count()} cores; sameas dedupe --threads {args.threads} "
          f"--pairs-floor {args.pairs_floor}", flush=True)
    results = []
    for rows in sizes:
        r = run_size(rows, args)
        print_result(r)
        results.append(r)
        sys.stdout.flush()
    if len(results) > 1:
        print("\nlinearity: seconds of compare and score per million candidate pairs")
        for r in results:
            s = r["summary"]
            per_million = s["seconds"].get("score", 0.0) / max(s["candidate_pairs"], 1) * 1e6
            print(f"  {r['rows']:>10,} rows  {s['candidate_pairs']:>13,} pairs  {per_million:8.3f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
