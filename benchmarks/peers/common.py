"""What every runner shares: the job a runner is given, the files it writes, and the scoring.

A job (``job.json``) names the input CSV files (every column text, an id column
``unique_id`` unique across the files), the link type (``dedupe``, ``link_only``,
``link_and_dedupe``), the data set's kind (which hand-written configuration a peer uses), the
threshold (0.9) and the floor (pairs below it are not kept). A runner writes to its output
folder:

- ``pairs.parquet``: ``id_l, id_r, match_probability`` of the scored pairs at or above the floor;
- ``clusters.parquet``: ``unique_id, cluster_id`` of every input record at the threshold, as the
  tool itself clusters them;
- ``meta.json``: ``seconds`` (from reading the files to the clusters, measured inside the
  process, imports excluded), ``stages`` (seconds per stage where the tool reports them),
  ``configuration`` (what the tool was told or chose), ``notes``.

Scores are pairwise (``sameas.evaluation.pairwise_scores``) of clusters: the tool's own at the
threshold, and the connected components of its pairs at every threshold of a grid for the
best F1.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

ID = "unique_id"
THRESHOLD = 0.9
FLOOR = 0.01
GRID = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99,
        0.995, 0.999, 0.9999)


@dataclass
class Job:
    task: str
    kind: str
    link_type: str
    inputs: list[str]
    threshold: float = THRESHOLD
    floor: float = FLOOR
    truth: str = ""  # CSV unique_id,entity: only runners that train from labels read it
    seed: int = 42
    extra: dict = field(default_factory=dict)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.__dict__, indent=2) + "\n", encoding="utf-8")

    @staticmethod
    def load(path: str | Path) -> "Job":
        return Job(**json.loads(Path(path).read_text(encoding="utf-8")))


def read_inputs(job: Job) -> list[pd.DataFrame]:
    """The input tables as text, empty cells as missing."""
    return [pd.read_csv(p, dtype=str, keep_default_na=False, na_values=[""]) for p in job.inputs]


def write_result(out: Path, pairs: pd.DataFrame, clusters: pd.DataFrame, seconds: float,
                 configuration, stages: dict | None = None, notes: str = "") -> None:
    out.mkdir(parents=True, exist_ok=True)
    pairs = pd.DataFrame({"id_l": pairs["id_l"].astype(str).to_numpy(),
                          "id_r": pairs["id_r"].astype(str).to_numpy(),
                          "match_probability": pairs["match_probability"].astype("float64").to_numpy()})
    pairs.to_parquet(out / "pairs.parquet", index=False)
    clusters = pd.DataFrame({ID: clusters[ID].astype(str).to_numpy(),
                             "cluster_id": clusters["cluster_id"].astype(str).to_numpy()})
    clusters.to_parquet(out / "clusters.parquet", index=False)
    meta = {"seconds": seconds, "stages": stages or {}, "configuration": configuration, "notes": notes}
    (out / "meta.json").write_text(json.dumps(meta, indent=2, default=str) + "\n", encoding="utf-8")


def components(n: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Connected components of ``n`` nodes: the smallest node index of each node's component.

    Hooks every edge's larger root onto its smaller one, then jumps pointers until every node
    points at its root; repeats until no edge joins two roots.
    """
    parent = np.arange(n, dtype=np.int64)
    left = np.asarray(left, dtype=np.int64)
    right = np.asarray(right, dtype=np.int64)
    while True:
        a, b = parent[left], parent[right]
        joined = a != b
        if not joined.any():
            return parent
        lo, hi = np.minimum(a[joined], b[joined]), np.maximum(a[joined], b[joined])
        np.minimum.at(parent, hi, lo)
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped


class Scorer:
    """Scores a tool's clusters and pairs against the true entities of every record."""

    def __init__(self, truth: pd.DataFrame) -> None:
        truth = truth.astype({ID: str})
        if truth[ID].duplicated().any():
            raise ValueError("the truth names a record twice")
        self.ids = truth[ID].to_numpy()
        self.index = pd.Index(self.ids)
        self.entity = truth["entity"].astype(str).to_numpy()

    def _positions(self, ids: pd.Series, what: str) -> np.ndarray:
        pos = self.index.get_indexer(ids.astype(str))
        if (pos < 0).any():
            missing = ids[pos < 0].iloc[0]
            raise ValueError(f"{what}: record {missing!r} is not in the truth")
        return pos

    def clusters(self, clusters: pd.DataFrame) -> dict:
        from sameas.evaluation import pairwise_scores

        pos = self._positions(clusters[ID], "clusters")
        if len(np.unique(pos)) != len(self.ids):
            raise ValueError(f"clusters hold {len(np.unique(pos))} of {len(self.ids)} records")
        predicted = np.empty(len(self.ids), dtype=object)
        predicted[pos] = clusters["cluster_id"].astype(str).to_numpy()
        return pairwise_scores(pd.Series(predicted), pd.Series(self.entity))

    def at(self, pairs: pd.DataFrame, threshold: float) -> dict:
        from sameas.evaluation import pairwise_scores

        kept = pairs[pairs["match_probability"].to_numpy() >= threshold]
        left = self._positions(kept["id_l"], "pairs")
        right = self._positions(kept["id_r"], "pairs")
        root = components(len(self.ids), left, right)
        return pairwise_scores(pd.Series(root), pd.Series(self.entity))

    def best(self, pairs: pd.DataFrame, grid=GRID) -> tuple[float, dict]:
        best = None
        for threshold in grid:
            scores = self.at(pairs, threshold)
            if best is None or scores["f1"] > best[1]["f1"]:
                best = (threshold, scores)
        return best

    def blocking_recall(self, pairs: pd.DataFrame) -> float:
        """Share of true pairs among the scored ones (above the floor): an upper bound of recall."""
        left = self._positions(pairs["id_l"], "pairs")
        right = self._positions(pairs["id_r"], "pairs")
        hits = int((self.entity[left] == self.entity[right]).sum())
        sizes = pd.Series(self.entity).value_counts().to_numpy().astype("int64")
        true_pairs = int((sizes * (sizes - 1) // 2).sum())
        return hits / true_pairs if true_pairs else 1.0
