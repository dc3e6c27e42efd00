"""Clustering that respects who can be the same person.

Links are taken strongest first; a link that would put two records sharing a value of an
exclusive column (one account per ``platform``) or two records of a duplicate-free source in
one entity is refused and reported. Clusters held together by a weak bridge or a low average
link can be split, every cluster gets quality figures, and entity ids carry over from a
previous run.

>>> import sameas
>>> tables = sameas.datasets.load_sample()
>>> linker = sameas.Linker({"crm": tables["crm"], "social": tables["social"]}).train()
>>> result = linker.clustering(unique_per=["platform"])
>>> sorted(result.clusters.columns)
['cluster_id', 'record_id', 'source']
>>> list(result.quality.columns)
['cluster_id', 'size', 'edges', 'density', 'weakest_link', 'average_link', 'bridges']
>>> bool((result.clusters.merge(tables["social"], left_on="record_id", right_on="account_id")
...       .groupby(["cluster_id", "platform"]).size() <= 1).all())
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

import numpy as np
import pandas as pd

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    from .linker import Linker

CHANGE_COLUMNS = ["change", "cluster_ids", "previous_cluster_ids"]
QUALITY_COLUMNS = ["cluster_id", "size", "edges", "density", "weakest_link", "average_link", "bridges"]
REFUSED_COLUMNS = ["source_l", "record_id_l", "source_r", "record_id_r", "match_weight",
                   "match_probability", "reason", "cluster_id_l", "cluster_id_r"]


@dataclass
class Clustering:
    """What :meth:`Linker.clustering` found.

    ``clusters``: every record with its ``cluster_id``. ``refused_links``: the links not
    taken because they would break a constraint, strongest first, with the ``reason`` and
    the clusters each side ended in. ``quality``: per cluster its size, links (``edges``),
    ``density``, ``weakest_link`` and ``average_link`` (match probabilities) and the number
    of ``bridges`` (links whose removal would split it). ``changes``: with ``previous``, the
    entities that were merged, split or retired since then. ``summary``: the counts.
    """

    clusters: pd.DataFrame
    refused_links: pd.DataFrame
    quality: pd.DataFrame
    changes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CHANGE_COLUMNS))
    summary: dict = field(default_factory=dict)


def pair_indices(linker: "Linker", predictions: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Record indices of each pair of ``predictions`` (kept by ``predict``, or looked up)."""
    left = predictions.attrs.get("left_index")
    right = predictions.attrs.get("right_index")
    if left is not None and right is not None and len(left) == len(predictions):
        return np.asarray(left, dtype=np.uint32), np.asarray(right, dtype=np.uint32)
    records = linker._records()
    index = {key: i for i, key in enumerate(zip(records["source"], records["record_id"]))}
    try:
        left = [index[k] for k in zip(predictions["source_l"], predictions["record_id_l"])]
        right = [index[k] for k in zip(predictions["source_r"], predictions["record_id_r"])]
    except KeyError as error:
        raise KeyError(f"predictions name a record the linker does not have: {error.args[0]}") from None
    return np.asarray(left, dtype=np.uint32), np.asarray(right, dtype=np.uint32)


def scored_pairs(linker: "Linker", predictions: pd.DataFrame | None, threshold: float | None
                 ) -> tuple[pd.DataFrame, float, np.ndarray, np.ndarray, np.ndarray]:
    """The predictions (made when not given), the threshold (the settings' when not given),
    and each pair's record indices and match weight."""
    if predictions is None:
        predictions = linker.predict()
    if threshold is None:
        threshold = float(linker.settings["threshold"])
    left, right = pair_indices(linker, predictions)
    weight = np.ascontiguousarray(predictions["match_weight"].to_numpy(), dtype=np.float64)
    return predictions, float(threshold), left, right, weight


def read_previous(previous: pd.DataFrame | str | os.PathLike) -> pd.DataFrame:
    """A previous clusters table (``record_id, source, cluster_id``) from a frame or CSV."""
    if isinstance(previous, (str, os.PathLike)):
        path = Path(previous)
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such clusters file")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        origin = str(path)
    else:
        frame = previous.astype(str)
        origin = "previous clusters"
    missing = [c for c in ("record_id", "source", "cluster_id") if c not in frame.columns]
    if missing:
        raise ValueError(f"{origin}: missing column(s) {', '.join(missing)} "
                         f"(has {', '.join(map(str, frame.columns))})")
    return frame


def _as_list(values: str | Iterable[str] | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    return [str(v) for v in values]


def _probability(value: float | None, name: str) -> float:
    if value is None:
        return 0.0
    value = float(value)
    if not 0 <= value <= 1:
        raise ValueError(f"{name}: {value} is not a probability in [0, 1]")
    return value


def cluster_with_constraints(
    linker: "Linker",
    predictions: pd.DataFrame | None = None,
    threshold: float | None = None,
    *,
    unique_per: str | Iterable[str] | None = None,
    duplicate_free: str | Iterable[str] | None = None,
    split_below: float | None = None,
    min_average_link: float | None = None,
    previous: pd.DataFrame | str | os.PathLike | None = None,
) -> Clustering:
    """The work behind :meth:`Linker.clustering`; see there."""
    predictions, threshold, left, right, weight = scored_pairs(linker, predictions, threshold)
    probability = np.ascontiguousarray(predictions["match_probability"].to_numpy(), dtype=np.float64)
    raw = _core.cluster_links(
        linker._core, np.ascontiguousarray(left), np.ascontiguousarray(right), weight, probability,
        float(threshold), _as_list(unique_per), _as_list(duplicate_free),
        _probability(split_below, "split_below"), _probability(min_average_link, "min_average_link"))
    cluster_of = raw["cluster_of"]
    num_clusters = len(raw["quality"]["size"])
    summary = {
        "links": int(raw["links"]),
        "refused_links": len(raw["refused_reason"]),
        "clusters_before_split": int(raw["clusters_before_split"]),
        "bridges_removed": int(raw["bridges_removed"]),
        "low_average_splits": int(raw["low_average_splits"]),
    }

    changes = pd.DataFrame(columns=CHANGE_COLUMNS)
    if previous is not None:
        prev = read_previous(previous)
        ids = _core.stable_ids(linker._core, cluster_of, prev["source"].tolist(),
                               prev["record_id"].tolist(), prev["cluster_id"].tolist())
        labels = np.array(ids["id_of_cluster"], dtype=object)
        changes = pd.DataFrame(
            [{"change": c["change"], "cluster_ids": ";".join(c["cluster_ids"]),
              "previous_cluster_ids": ";".join(c["previous_cluster_ids"])} for c in ids["changes"]],
            columns=CHANGE_COLUMNS)
        kinds = [c["change"] for c in ids["changes"]]
        summary.update({
            "entities_kept": int(ids["kept"]),
            "entities_new": int(ids["fresh"]),
            "entities_merged": kinds.count("merged"),
            "entities_split": kinds.count("split"),
            "entities_retired": kinds.count("retired"),
            "previous_records_removed": int(ids["records_removed"]),
        })
    else:
        labels = np.arange(num_clusters, dtype=np.int64)

    clusters = linker._records().copy()
    clusters["cluster_id"] = labels[cluster_of] if num_clusters else labels[:0]

    records = linker._records()
    refused_pairs = np.asarray(raw["refused_pair"], dtype=np.int64)
    rl, rr = left[refused_pairs], right[refused_pairs]
    refused = pd.DataFrame({
        "source_l": records["source"].to_numpy()[rl],
        "record_id_l": records["record_id"].to_numpy()[rl],
        "source_r": records["source"].to_numpy()[rr],
        "record_id_r": records["record_id"].to_numpy()[rr],
        "match_weight": weight[refused_pairs],
        "match_probability": probability[refused_pairs],
        "reason": list(raw["refused_reason"]),
        "cluster_id_l": labels[cluster_of[rl]] if len(rl) else labels[:0],
        "cluster_id_r": labels[cluster_of[rr]] if len(rr) else labels[:0],
    }, columns=REFUSED_COLUMNS)

    quality = pd.DataFrame({"cluster_id": labels, **{k: raw["quality"][k] for k in QUALITY_COLUMNS[1:]}},
                           columns=QUALITY_COLUMNS)
    return Clustering(clusters=clusters, refused_links=refused, quality=quality, changes=changes,
                      summary=summary)

