"""The side-by-side benchmark (benchmarks/peers) still runs: sameas through its command and
Splink with DuckDB on Splink's fake_1000, both scored against the truth. Splink is a
benchmark-only package (scripts/setup.sh installs it); without it the Splink half skips."""

import importlib.util
import json
import sys

import pandas as pd
import pytest

from conftest import SOURCE_DIR

PEERS = SOURCE_DIR / "benchmarks" / "peers"
sys.path.insert(0, str(PEERS))

from common import Scorer, components  # noqa: E402
from run import run_tool, score  # noqa: E402
from tasks import TASKS, build  # noqa: E402


def test_components_join_chains_and_leave_singletons():
    root = components(6, [4, 1, 2], [5, 2, 3])
    assert root.tolist() == [0, 1, 1, 1, 4, 4]


def test_scorer_matches_pairwise_scores_of_the_components():
    truth = pd.DataFrame({"unique_id": list("abcde"), "entity": [1, 1, 1, 2, 2]})
    pairs = pd.DataFrame({"id_l": ["a", "b", "d"], "id_r": ["b", "c", "a"],
                          "match_probability": [0.99, 0.5, 0.95]})
    scorer = Scorer(truth)
    at_high = scorer.at(pairs, 0.9)  # {a, b, d}: one true pair (a, b) of three predicted
    assert (at_high["true_positives"], at_high["predicted_pairs"], at_high["true_pairs"]) == (1, 3, 4)
    # At 0.4 {a, b, c, d}: three true pairs of six predicted, of four true: F1 0.6, the best.
    threshold, best = scorer.best(pairs, grid=(0.4, 0.9, 0.999))
    assert threshold == 0.4 and best["f1"] == pytest.approx(0.6)


@pytest.fixture
def fake_1000_job(tmp_path, shared_data):
    job = build(TASKS["fake_1000"], shared_data, tmp_path / "data")
    path = tmp_path / "job.json"
    job.save(path)
    truth = pd.read_csv(job.truth, dtype=str)
    assert "cluster" not in pd.read_csv(job.inputs[0], nrows=1).columns  # no tool sees the answer
    return path, Scorer(truth)


@pytest.mark.parametrize("tool", ["sameas", "splink"])
def test_each_tool_finds_most_duplicates_of_fake_1000(tmp_path, fake_1000_job, tool):
    if tool == "splink" and importlib.util.find_spec("splink") is None:
        pytest.skip("splink is a benchmark-only package (scripts/setup.sh installs it)")
    job_path, scorer = fake_1000_job
    out = tmp_path / tool
    result = run_tool(tool, job_path, out, sys.executable, timeout=600)
    assert result["status"] == "ok", (out / "log.txt").read_text()
    score(result, out, scorer)
    assert result["at_threshold"]["f1"] > 0.8, result["at_threshold"]
    assert result["best"]["f1"] >= result["at_threshold"]["f1"] - 0.02
    assert result["seconds"] > 0 and result["peak_mib"] > 0
    clusters = pd.read_parquet(out / "clusters.parquet")
    assert len(clusters) == 1000 and clusters.unique_id.is_unique
    meta = json.loads((out / "meta.json").read_text())
    assert meta["configuration"]["blocking_rules"]
