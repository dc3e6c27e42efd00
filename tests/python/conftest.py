"""Shared paths and helpers for the Python tests."""

import os
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("SAMEAS_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SHARED_DATA = Path(os.environ.get("SAMEAS_SHARED_DATA_DIR", SOURCE_DIR.parent / "shared" / "data"))


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


def sample_cluster_scores(output_dir: Path) -> dict:
    """Pairwise precision, recall and F1 of a run's clusters.csv on the bundled sample,
    against its truth; every record of the sample must be in the clusters once."""
    import pandas as pd

    from sameas.datasets import load_sample
    from sameas.evaluation import pairwise_scores

    clusters = pd.read_csv(Path(output_dir) / "clusters.csv", dtype=str)
    clusters["source"] = clusters["source"].str.replace("sample_", "", regex=False)
    truth = load_sample()["truth"].astype(str)
    merged = clusters.merge(truth, on=["source", "record_id"], validate="one_to_one")
    assert len(merged) == len(clusters) == len(truth)
    return pairwise_scores(merged.cluster_id, merged.person_id)
