"""Accuracy against ground truth: precision, recall and F1 at every threshold, the
threshold that maximises F1, pairwise and B-cubed cluster scores, and blocking recall.

The truth is a cluster column (records sharing a value are one entity) or labelled pairs.
Everything here works on numpy arrays: a table of a million scored pairs is one sort.

>>> import pandas as pd
>>> predicted = pd.Series([0, 0, 1, 2])
>>> truth = pd.Series(["a", "a", "a", "b"])
>>> s = pairwise_scores(predicted, truth)
>>> (s["true_pairs"], s["predicted_pairs"], s["true_positives"])
(3, 1, 1)

Five scored pairs, three of them true, and one more true pair that blocking never found:

>>> table = threshold_table([9.0, 7.5, 7.5, 2.0, -3.0], [True, True, False, True, False],
...                         total_matches=4)
>>> table[["match_weight", "links", "true_positives", "precision", "recall", "f1"]].round(3)
   match_weight  links  true_positives  precision  recall     f1
0          -3.0      5               3      0.600    0.75  0.667
1           2.0      4               3      0.750    0.75  0.750
2           7.5      3               2      0.667    0.50  0.571
3           9.0      1               1      1.000    0.25  0.400
>>> float(best_threshold(table)["match_weight"])
2.0
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from .linker import Linker

THRESHOLD_COLUMNS = ["match_weight", "match_probability", "links", "true_positives",
                     "false_positives", "false_negatives", "precision", "recall", "f1"]


def _pairs(counts: pd.Series) -> int:
    n = counts.to_numpy().astype("int64")
    return int((n * (n - 1) // 2).sum())


def pairwise_scores(predicted: pd.Series, truth: pd.Series) -> dict:
    """Pairwise precision, recall and F1 of a clustering against true entity labels.

    ``predicted`` and ``truth`` are aligned per record: the predicted cluster and the true
    entity. A pair of records is predicted when they share a cluster, true when they share
    an entity.
    """
    if len(predicted) != len(truth):
        raise ValueError(f"{len(predicted)} predicted labels but {len(truth)} true ones")
    frame = pd.DataFrame({"p": pd.Series(predicted).to_numpy(), "t": pd.Series(truth).to_numpy()})
    predicted_pairs = _pairs(frame.groupby("p").size())
    true_pairs = _pairs(frame.groupby("t").size())
    true_positives = _pairs(frame.groupby(["p", "t"]).size())
    precision = true_positives / predicted_pairs if predicted_pairs else 1.0
    recall = true_positives / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "true_pairs": true_pairs,
        "predicted_pairs": predicted_pairs,
        "true_positives": true_positives,
    }


def bcubed_scores(predicted: pd.Series, truth: pd.Series) -> dict:
    """B-cubed precision, recall and F1 of a clustering against true entity labels.

    Per record: precision is the share of its predicted cluster that is truly its entity,
    recall the share of its true entity that is in its cluster; both averaged over records
    (Bagga and Baldwin 1998, "Entity-based cross-document coreferencing using the vector
    space model"). Unlike pairwise scores, every record counts once, so one large wrong
    cluster does not outweigh many small right ones.

    >>> s = bcubed_scores(pd.Series([0, 0, 1, 2]), pd.Series(["a", "a", "a", "b"]))
    >>> round(s["precision"], 3), round(s["recall"], 3)
    (1.0, 0.667)
    """
    if len(predicted) != len(truth):
        raise ValueError(f"{len(predicted)} predicted labels but {len(truth)} true ones")
    frame = pd.DataFrame({"p": pd.Series(predicted).to_numpy(), "t": pd.Series(truth).to_numpy()})
    n = len(frame)
    if n == 0:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0, "records": 0}
    both = frame.groupby(["p", "t"]).size().rename("n").reset_index()
    both["np"] = both["p"].map(frame.groupby("p").size())
    both["nt"] = both["t"].map(frame.groupby("t").size())
    n2 = both["n"].astype("float64") ** 2
    precision = float((n2 / both["np"]).sum() / n)
    recall = float((n2 / both["nt"]).sum() / n)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "records": n}


def febrl_entity(record_id: pd.Series) -> pd.Series:
    """The person of a FEBRL record id: ``rec-12-org`` and ``rec-12-dup-0`` are both 12."""
    return record_id.astype(str).str.strip().str.extract(r"rec-(\d+)-", expand=False)


# -- scores by threshold ------------------------------------------------------------------


def probability_of(weight: np.ndarray | float) -> np.ndarray:
    """The match probability of a match weight (bits): 2^w / (1 + 2^w), without overflow."""
    w = np.asarray(weight, dtype=np.float64)
    return 1.0 / (1.0 + np.exp2(-w))


def threshold_table(scores: Sequence[float] | np.ndarray, is_match: Sequence[bool] | np.ndarray,
                    total_matches: int | None = None) -> pd.DataFrame:
    """Precision, recall and F1 if the pairs scoring at least each threshold were the links.

    ``scores`` are the match weights of the scored pairs, ``is_match`` whether each is a true
    match, ``total_matches`` every true pair, including those blocking never generated (by
    default the true pairs among ``scores``): recall is measured against it, so it can reach
    no higher than blocking recall. One row per distinct score, lowest first: the
    ``match_weight`` threshold and its ``match_probability``, the ``links`` at or above it,
    ``true_positives``, ``false_positives``, ``false_negatives``, ``precision``, ``recall``
    and ``f1``. One sort: O(pairs log pairs).
    """
    s = np.asarray(scores, dtype=np.float64)
    m = np.asarray(is_match, dtype=bool)
    if s.shape != m.shape or s.ndim != 1:
        raise ValueError(f"{s.size} scores but {m.size} match flags")
    if np.isnan(s).any():
        raise ValueError(f"scores: {int(np.isnan(s).sum())} are NaN")
    found = int(m.sum())
    total = found if total_matches is None else int(total_matches)
    if total < found:
        raise ValueError(f"total_matches is {total} but {found} of the scored pairs are matches")
    order = np.argsort(-s, kind="stable")
    s, m = s[order], m[order]
    # The last pair of each run of equal scores: all pairs down to it are links.
    last = np.flatnonzero(np.r_[s[1:] != s[:-1], True]) if len(s) else np.zeros(0, dtype=np.int64)
    tp = np.cumsum(m, dtype=np.int64)[last]
    links = last.astype(np.int64) + 1
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = tp / links
        recall = tp / total if total else np.ones(len(tp))
        f1 = np.where(links + total > 0, 2.0 * tp / (links + total), 0.0)
    table = pd.DataFrame({
        "match_weight": s[last],
        "match_probability": probability_of(s[last]),
        "links": links,
        "true_positives": tp,
        "false_positives": links - tp,
        "false_negatives": total - tp,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }, columns=THRESHOLD_COLUMNS)
    table = table.iloc[::-1].reset_index(drop=True)
    table.attrs["total_matches"] = total
    return table


def best_threshold(table: pd.DataFrame) -> pd.Series:
    """The row of a :func:`threshold_table` with the highest F1 (of equals, the highest
    threshold: the fewest links for the same F1)."""
    if len(table) == 0:
        raise ValueError("no scored pairs: no threshold to choose")
    f1 = table["f1"].to_numpy()
    best = np.flatnonzero(f1 == f1.max())
    return table.iloc[int(best[np.argmax(table["match_weight"].to_numpy()[best])])]


def precision_recall_curve(table: pd.DataFrame) -> pd.DataFrame:
    """The precision-recall curve of a :func:`threshold_table`: ``recall``, ``precision``
    and the ``match_weight`` threshold, by rising recall."""
    return (table[["recall", "precision", "match_weight"]].iloc[::-1].reset_index(drop=True))


def scores_at(table: pd.DataFrame, probability: float) -> dict:
    """Precision, recall and F1 of the links at ``match_probability >= probability``."""
    at = table[table["match_probability"].to_numpy() >= probability]
    if len(at) == 0:
        total = int(table.attrs.get("total_matches", 0))
        return {"threshold": probability, "links": 0, "true_positives": 0, "precision": 1.0,
                "recall": 0.0 if total else 1.0, "f1": 0.0}
    row = at.iloc[0]
    return {"threshold": probability, "links": int(row["links"]),
            "true_positives": int(row["true_positives"]), "precision": float(row["precision"]),
            "recall": float(row["recall"]), "f1": float(row["f1"])}


# -- true pairs ---------------------------------------------------------------------------


def true_pair_count(entity: np.ndarray, source: np.ndarray | None = None,
                    link_only: bool = False) -> int:
    """Pairs of records sharing an entity (``entity`` < 0: unknown), from the entity sizes:
    sum of n(n-1)/2, never enumerating a cluster. With ``link_only``, only pairs across
    sources (``source`` per record) count.

    >>> true_pair_count(np.array([0, 0, 0, 1, 1, -1]))
    4
    >>> true_pair_count(np.array([0, 0, 0, 1, 1]), np.array([0, 1, 1, 0, 0]), link_only=True)
    2
    """
    e = np.asarray(entity, dtype=np.int64)
    known = e >= 0
    _, sizes = np.unique(e[known], return_counts=True)
    sizes = sizes.astype(np.int64)
    pairs = int((sizes * (sizes - 1) // 2).sum())
    if link_only:
        if source is None:
            raise ValueError("link_only needs the source of each record")
        both = np.stack([e[known], np.asarray(source, dtype=np.int64)[known]], axis=1)
        _, within = np.unique(both, axis=0, return_counts=True)
        within = within.astype(np.int64)
        pairs -= int((within * (within - 1) // 2).sum())
    return pairs


def _pair_keys(left: np.ndarray, right: np.ndarray, n: int) -> np.ndarray:
    a = np.minimum(left, right).astype(np.uint64)
    b = np.maximum(left, right).astype(np.uint64)
    return a * np.uint64(n) + b


# -- the whole evaluation -----------------------------------------------------------------


@dataclass
class Evaluation:
    """What :meth:`Linker.evaluate` measured.

    ``thresholds``: :func:`threshold_table` of the scored pairs. ``best``: its row with the
    highest F1. ``at_threshold``: pairwise precision, recall and F1 of the links at the
    threshold. ``blocking_recall``: the share of true pairs blocking generates at all
    (``true_pairs_blocked`` of ``true_pairs``). With a cluster column, ``clusters``: pairwise
    and B-cubed scores of the clusters at the threshold (``cluster_pairwise``,
    ``cluster_bcubed``). ``truth`` says what the truth was.
    """

    thresholds: pd.DataFrame
    best: dict
    at_threshold: dict
    threshold: float
    true_pairs: int
    true_pairs_blocked: int
    blocking_recall: float
    truth: str
    cluster_pairwise: dict | None = None
    cluster_bcubed: dict | None = None
    records_evaluated: int = 0
    pairs_evaluated: int = 0
    extra: dict = field(default_factory=dict)

    def summary(self) -> dict:
        """The figures as plain numbers (for JSON)."""
        out = {
            "truth": self.truth,
            "threshold": self.threshold,
            "true_pairs": self.true_pairs,
            "true_pairs_blocked": self.true_pairs_blocked,
            "blocking_recall": self.blocking_recall,
            "pairs_evaluated": self.pairs_evaluated,
            "at_threshold": self.at_threshold,
            "best": self.best,
        }
        if self.cluster_pairwise is not None:
            out["records_evaluated"] = self.records_evaluated
            out["cluster_pairwise"] = self.cluster_pairwise
            out["cluster_bcubed"] = self.cluster_bcubed
        return out


def _row_dict(row: pd.Series) -> dict:
    return {k: (int(row[k]) if k in ("links", "true_positives", "false_positives",
                                    "false_negatives") else float(row[k]))
            for k in THRESHOLD_COLUMNS}


def truth_entities(linker: "Linker", truth: Any) -> np.ndarray:
    """The entity of each of the linker's records (-1 where unknown) from ``truth``: the name
    of a column of the input tables, an array aligned with the records, or a DataFrame with
    ``record_id`` (and ``source``, with several tables) and one more column, the entity."""
    if isinstance(truth, str):
        return np.asarray(linker._core.cluster_labels(truth), dtype=np.int64)
    records = linker._records()
    if isinstance(truth, pd.DataFrame):
        entity_columns = [c for c in truth.columns if c not in ("record_id", "source")]
        if "record_id" not in truth.columns or len(entity_columns) != 1:
            raise ValueError("truth: a table needs record_id (and source) and one entity column; "
                             f"its columns are {list(truth.columns)}")
        index = linker._indices(truth["record_id"],
                                truth["source"] if "source" in truth.columns else None)
        values = truth[entity_columns[0]]
        entity = np.full(len(records), -1, dtype=np.int64)
        codes, _ = pd.factorize(values.astype(str).where(values.notna()), use_na_sentinel=True)
        entity[index] = codes
        return entity
    values = pd.Series(np.asarray(truth, dtype=object))
    if len(values) != len(records):
        raise ValueError(f"truth: {len(values)} values for {len(records)} records")
    codes, _ = pd.factorize(values.where(values.notna() & (values.astype(str) != "")),
                            use_na_sentinel=True)
    return codes.astype(np.int64)


def evaluate(linker: "Linker", truth: Any = None, labels: Any = None,
             predictions: pd.DataFrame | None = None, threshold: float | None = None,
             clusters: pd.DataFrame | None = None, score_unblocked: bool = False) -> Evaluation:
    """The work behind :meth:`Linker.evaluate`; see there."""
    from .clustering import scored_pairs

    if (truth is None) == (labels is None):
        raise ValueError("give truth (a cluster column) or labels (labelled pairs), one of them")
    predictions, threshold, left, right, weight = scored_pairs(linker, predictions, threshold)
    n = len(linker._records())
    link_only = linker.settings.get("link_type") == "link_only"

    if truth is not None:
        entity = truth_entities(linker, truth)
        sources = linker._core.record_sources()
        known = (entity[left] >= 0) & (entity[right] >= 0)
        is_match = known & (entity[left] == entity[right])
        total = true_pair_count(entity, sources, link_only)
        table = threshold_table(weight[known], is_match[known], total)
        blocked = int(is_match.sum())
        description = truth if isinstance(truth, str) else "truth"
        pairs_evaluated = int(known.sum())
    else:
        label_l, label_r, label_match = _label_arrays(linker, labels)
        label_keys = _pair_keys(label_l, label_r, n)
        label_keys, first = np.unique(label_keys, return_index=True)  # each pair once
        label_match = label_match[first].astype(bool)
        pair_keys = _pair_keys(left, right, n)
        order = np.argsort(pair_keys, kind="stable")
        position = np.searchsorted(pair_keys[order], label_keys)
        position = np.minimum(position, max(len(order) - 1, 0))
        found = (len(order) > 0) & (pair_keys[order][position] == label_keys) if len(order) else \
            np.zeros(len(label_keys), dtype=bool)
        total = int(label_match.sum())
        blocked = int(label_match[found].sum())
        if score_unblocked:
            # The model's view: every labelled pair compared and scored, blocked or not.
            a = (label_keys // np.uint64(n)).astype(np.uint32)
            b = (label_keys % np.uint64(n)).astype(np.uint32)
            scored = linker._core.score_pairs(a, b)["match_weight"]
            table = threshold_table(scored, label_match, total)
            pairs_evaluated = len(label_keys)
        else:
            scored = weight[order[position[found]]] if len(order) else np.zeros(0)
            table = threshold_table(scored, label_match[found], total)
            pairs_evaluated = int(found.sum())
        description = labels if isinstance(labels, str) else "labelled pairs"
        entity = None

    at = scores_at(table, threshold)
    best = _row_dict(best_threshold(table)) if len(table) else {}
    evaluation = Evaluation(
        thresholds=table, best=best, at_threshold=at, threshold=float(threshold),
        true_pairs=int(total), true_pairs_blocked=blocked,
        blocking_recall=blocked / total if total else 1.0, truth=str(description),
        pairs_evaluated=pairs_evaluated)
    if entity is not None:
        if clusters is None:
            clusters = linker.cluster(predictions, threshold)
        elif len(clusters) != len(entity):
            raise ValueError(f"clusters: {len(clusters)} rows for {len(entity)} records")
        keep = entity >= 0
        predicted = pd.Series(clusters["cluster_id"].to_numpy()[keep])
        true = pd.Series(entity[keep])
        evaluation.cluster_pairwise = pairwise_scores(predicted, true)
        evaluation.cluster_bcubed = bcubed_scores(predicted, true)
        evaluation.records_evaluated = int(keep.sum())
    return evaluation


def _label_arrays(linker: "Linker", labels: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from .labels import label_pairs, read_label_pairs

    frame = read_label_pairs(labels) if isinstance(labels, (str, os.PathLike)) else labels
    return label_pairs(linker, frame)


# -- blocking analysis --------------------------------------------------------------------


@dataclass
class BlockingAnalysis:
    """What :meth:`Linker.blocking_analysis` counted, before generating a pair.

    ``rules``: per blocking rule, in order, its ``pairs`` (the pairs it generates: all pairs
    its keys join, but in a block above ``max_block_size`` only those of its
    sorted-neighbourhood window), ``new_pairs`` (those no earlier rule generates: what
    generation credits to it), ``cumulative_pairs`` (this rule and the earlier ones, each pair
    once), ``blocks``, ``oversized_blocks`` and ``pairs_agreeing`` (all pairs its keys join,
    windows or not); with
    a truth also ``new_true_pairs``, ``cumulative_true_pairs`` and ``cumulative_recall`` (the
    blocking recall of the rules so far). ``largest_blocks``: per rule its blocks with most
    pairs: ``rule, rank, key, records, pairs``. ``true_pairs``: all true pairs (with a truth).
    """

    rules: pd.DataFrame
    largest_blocks: pd.DataFrame
    true_pairs: int | None = None

    @property
    def total_pairs(self) -> int:
        """The candidate pairs all rules generate together."""
        return int(self.rules["cumulative_pairs"].iloc[-1]) if len(self.rules) else 0

    @property
    def blocking_recall(self) -> float | None:
        """With a truth: the share of true pairs some rule generates."""
        if self.true_pairs is None:
            return None
        found = int(self.rules["cumulative_true_pairs"].iloc[-1]) if len(self.rules) else 0
        return found / self.true_pairs if self.true_pairs else 1.0


def blocking_analysis(linker: "Linker", truth: Any = None, largest_blocks: int = 10) -> BlockingAnalysis:
    """The work behind :meth:`Linker.blocking_analysis`; see there."""
    entity = None if truth is None else np.ascontiguousarray(truth_entities(linker, truth), dtype=np.int64)
    raw = linker._core.analyse_blocking(int(largest_blocks), entity)
    columns = ["rule", "pairs", "new_pairs", "cumulative_pairs", "blocks", "oversized_blocks",
               "pairs_agreeing"]
    if entity is not None:
        columns += ["new_true_pairs", "cumulative_true_pairs"]
    rules = pd.DataFrame([{k: r[k] for k in columns} for r in raw["rules"]], columns=columns)
    for c in columns[1:]:
        rules[c] = rules[c].astype(np.int64)
    true_pairs = None
    if entity is not None:
        true_pairs = int(raw["true_pairs"])
        rules["cumulative_recall"] = (rules["cumulative_true_pairs"] / true_pairs if true_pairs
                                      else 1.0)
    blocks = pd.DataFrame(
        [{"rule": r["rule"], "rank": rank + 1, "key": key, "records": int(records), "pairs": int(pairs)}
         for r in raw["rules"] for rank, (key, records, pairs) in enumerate(r["largest_blocks"])],
        columns=["rule", "rank", "key", "records", "pairs"])
    return BlockingAnalysis(rules=rules, largest_blocks=blocks, true_pairs=true_pairs)
