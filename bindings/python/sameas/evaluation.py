"""Accuracy of clusters against ground truth: pairwise and B-cubed precision, recall and F1.

>>> import pandas as pd
>>> predicted = pd.Series([0, 0, 1, 2])
>>> truth = pd.Series(["a", "a", "a", "b"])
>>> s = pairwise_scores(predicted, truth)
>>> (s["true_pairs"], s["predicted_pairs"], s["true_positives"])
(3, 1, 1)
"""

from __future__ import annotations

import pandas as pd


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
