"""The trained model against the truth: m, u and the prior that unsupervised training finds,
beside the values the ground truth gives, level by level.

    PYTHONPATH=... python benchmarks/calibration.py [--tasks sample,fake_1000,pseudopeople]
        [--comparisons full_name,first_name,...] [--shared-data ../shared/data] [--markdown]

``sample`` is the bundled sample (CRM records and social accounts, linked and deduplicated as
``sameas link`` does); the other tasks are those of ``benchmarks/peers/run.py`` (their files
are written once under ``build/peers/data``), with automatic settings as ``sameas dedupe`` or
``sameas link`` chooses them.

The truth: m of a level is its share among the matching pairs (every pair of records of one
entity) with a value on both sides, u its share among non-matching pairs with a value on both
sides — every pair when there are at most 4,000,000, else 4,000,000 random pairs (seed 7) —
and the prior the share of matching pairs among all pairs. Pairs within a source do not count
in a link-only job.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

import sameas

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE / "peers"))

MAX_PAIRS = 4_000_000


def sample_job():
    data = Path(sameas.__file__).parent / "data"
    truth = pd.read_csv(data / "sample_truth.csv", dtype=str)
    truth["key"] = "sample_" + truth["source"] + "/" + truth["record_id"]
    entity = dict(zip(truth["key"], truth["person_id"]))
    paths = [str(data / "sample_crm.csv"), str(data / "sample_social.csv")]
    return paths, "link_and_dedupe", entity


def peers_job(name: str, shared: Path):
    from tasks import TASKS, build  # benchmarks/peers

    task = TASKS[name]
    job = build(task, shared, REPO / "build" / "peers" / "data" / name)
    truth = pd.read_csv(job.truth, dtype=str)
    # Record ids are unique across a task's tables, so the source is not needed.
    return job.inputs, job.link_type, dict(zip(truth["unique_id"], truth["entity"]))


def record_entities(linker: sameas.Linker, entity: dict) -> np.ndarray:
    core = linker._core
    sources = core.sources
    ids = core.record_ids()
    record_source = core.record_sources()
    out = []
    for i, rid in enumerate(ids):
        key = f"{sources[record_source[i]]}/{rid}"
        value = entity.get(key, entity.get(rid))
        if value is None or (isinstance(value, float) and np.isnan(value)):
            value = f"unknown:{key}"  # a record of its own
        out.append(value)
    return np.array(out, dtype=object)


def true_pairs(entities: np.ndarray, source: np.ndarray, link_only: bool):
    codes, _ = pd.factorize(entities)
    order = np.argsort(codes, kind="stable")
    left, right = [], []
    boundaries = np.flatnonzero(np.diff(codes[order])) + 1
    for group in np.split(order, boundaries):
        if len(group) < 2:
            continue
        a, b = np.triu_indices(len(group), 1)
        left.append(group[a])
        right.append(group[b])
    if not left:
        return np.zeros(0, np.uint32), np.zeros(0, np.uint32)
    left, right = np.concatenate(left), np.concatenate(right)
    if link_only:
        keep = source[left] != source[right]
        left, right = left[keep], right[keep]
    return left.astype(np.uint32), right.astype(np.uint32)


def other_pairs(entities: np.ndarray, source: np.ndarray, link_only: bool):
    """Non-matching pairs: all of them, or MAX_PAIRS random ones; and the number possible."""
    n = len(entities)
    if link_only:
        counts = np.bincount(source)
        possible = (n * (n - 1) - (counts * (counts - 1)).sum()) / 2
    else:
        possible = n * (n - 1) / 2
    if possible <= MAX_PAIRS:
        left, right = np.triu_indices(n, 1)
    else:
        rng = np.random.default_rng(7)
        left = rng.integers(0, n, MAX_PAIRS)
        right = rng.integers(0, n, MAX_PAIRS)
        keep = left != right
        left, right = np.minimum(left, right)[keep], np.maximum(left, right)[keep]
    keep = entities[left] != entities[right]
    if link_only:
        keep &= source[left] != source[right]
    return left[keep].astype(np.uint32), right[keep].astype(np.uint32), possible


def level_label(spec: dict) -> str:
    kind = spec.get("type", "?")
    for key in ("threshold", "max_distance", "days"):
        if key in spec:
            return f"{kind}({spec[key]:g})"
    return kind


def shares(levels: np.ndarray, count: int) -> np.ndarray:
    observed = np.bincount(levels, minlength=count).astype(float)
    non_null = observed[1:].sum()
    return observed / non_null if non_null else observed * np.nan


def calibrate(name: str, shared: Path, wanted: list[str]) -> dict:
    paths, link_type, entity = sample_job() if name == "sample" else peers_job(name, shared)
    linker = sameas.Linker(paths, link_type=link_type).train()
    model = linker.model
    core = linker._core
    entities = record_entities(linker, entity)
    source = np.asarray(core.record_sources()).astype(np.int64)
    link_only = link_type == "link_only"
    ml, mr = true_pairs(entities, source, link_only)
    ul, ur, possible = other_pairs(entities, source, link_only)
    match_levels = core.compare_pairs(ml, mr)
    other_levels = core.compare_pairs(ul, ur)
    rows = []
    for comparison in model["comparisons"]:
        cname = comparison["name"]
        if wanted and cname not in wanted:
            continue
        specs = next(c for c in model["settings"]["comparisons"] if c["name"] == cname)["levels"]
        count = len(specs)
        true_m = shares(match_levels[cname], count)
        true_u = shares(other_levels[cname], count)
        for level in range(1, count - 1):  # between null and else
            trained = comparison["levels"][level]
            rows.append({"comparison": cname, "level": level_label(specs[level]),
                         "m": trained["m"], "true m": true_m[level],
                         "u": trained["u"], "true u": true_u[level],
                         "u / true u": trained["u"] / true_u[level] if true_u[level] else np.nan})
    log = [line for line in model.get("training_log", []) if line.startswith("prior")]
    return {"task": name, "prior": model["prior"], "true prior": len(ml) / possible,
            "log": log, "levels": pd.DataFrame(rows)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default="sample")
    parser.add_argument("--comparisons", default="",
                        help="comma-separated comparison names (default: all)")
    parser.add_argument("--shared-data", type=Path,
                        default=Path(os.environ.get("SAMEAS_SHARED_DATA_DIR", REPO.parent / "shared" / "data")))
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    wanted = [c for c in args.comparisons.split(",") if c]
    for name in args.tasks.split(","):
        result = calibrate(name, args.shared_data, wanted)
        print(f"\n## {name}: prior {result['prior']:.3g}, true {result['true prior']:.3g} "
              f"(ratio {result['prior'] / result['true prior']:.2f})")
        for line in result["log"]:
            print(f"  {line}")
        frame = result["levels"]
        if args.markdown:
            print("\n| " + " | ".join(frame.columns) + " |")
            print("|---|---|" + "---:|" * (len(frame.columns) - 2))
            for row in frame.itertuples(index=False):
                print("| " + " | ".join(v if isinstance(v, str) else f"{v:.3g}" for v in row) + " |")
        else:
            with pd.option_context("display.width", 200, "display.max_rows", 500,
                                   "display.float_format", "{:.3g}".format):
                print(frame.to_string(index=False))


if __name__ == "__main__":
    main()
