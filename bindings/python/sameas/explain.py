"""Explanations of match weights as DataFrames: one row per term, with the text on top.

A pair's match weight is the prior weight plus, per comparison, the weight of its level and
(with term frequencies) a term for how common the agreeing value is. The rows add up to
``match_weight`` exactly.

>>> import sameas
>>> tables = sameas.datasets.load_sample()
>>> linker = sameas.Linker({"crm": tables["crm"], "social": tables["social"]}).train()
>>> pairs = linker.predict()
>>> top = pairs.sort_values("match_weight").iloc[-1]
>>> e = linker.explain(top.record_id_l, top.record_id_r, top.source_l, top.source_r)
>>> bool(abs(e["weight"].sum() - e.match_weight) < 1e-9)
True
>>> e.text.startswith("prior ")
True
>>> fig = e.waterfall()
>>> [t.get_text() for t in fig.axes[0].get_yticklabels()][0]
'prior'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["Explanation", "RecordExplanation"]


class Explanation(pd.DataFrame):
    """The terms of one pair's match weight: columns ``term`` (``prior`` or the comparison's
    name), ``kind`` (``prior``, ``level``, ``term_frequency``), ``level`` (the level's label),
    ``value`` (for a term-frequency term, the value whose frequency was used), ``frequency``
    and ``weight`` (bits). ``text``, ``match_weight`` and ``match_probability`` describe the
    whole pair."""

    _metadata = ["text", "match_weight", "match_probability"]

    @property
    def _constructor(self):
        return Explanation

    @classmethod
    def _from_core(cls, raw: dict[str, Any]) -> "Explanation":
        rows = [
            {
                "term": t["name"],
                "kind": t["kind"],
                "level": t["label"] if t["kind"] != "term_frequency" else f"tf '{t['value']}'",
                "value": t["value"],
                "frequency": t["frequency"],
                "weight": t["weight"],
            }
            for t in raw["terms"]
        ]
        frame = cls(rows, columns=["term", "kind", "level", "value", "frequency", "weight"])
        frame.text = raw["text"]
        frame.match_weight = raw["match_weight"]
        frame.match_probability = raw["match_probability"]
        return frame

    def waterfall(self, title: str | None = None):
        """The terms as a waterfall chart (a matplotlib Figure): see
        :func:`sameas.charts.waterfall`."""
        from .charts import waterfall

        return waterfall(self, title)


class RecordExplanation(pd.DataFrame):
    """A record's best candidates, one row each: ``rank``, ``source``, ``record_id``,
    ``match_weight``, ``match_probability``, ``lost_by`` (for all but the first: the
    comparisons where it fell furthest behind the first, with the difference in bits) and
    ``explanation`` (the text). ``explanations`` holds an :class:`Explanation` per row,
    ``num_candidates`` how many candidates blocking gave the record, ``text`` all of it."""

    _metadata = ["text", "explanations", "num_candidates"]

    @property
    def _constructor(self):
        return RecordExplanation


def _lost_by_text(lost_by: list) -> str:
    return ", ".join(f"{name} {weight:+.1f}" for name, weight in lost_by[:3])


def record_explanation(raw: dict[str, Any], records: pd.DataFrame) -> RecordExplanation:
    rows, explanations = [], []
    for c in raw["candidates"]:
        e = c["explanation"]
        rows.append(
            {
                "rank": c["rank"],
                "source": records["source"].iat[c["record"]],
                "record_id": records["record_id"].iat[c["record"]],
                "match_weight": e["match_weight"],
                "match_probability": e["match_probability"],
                "lost_by": _lost_by_text(c["lost_by"]),
                "explanation": e["text"],
            }
        )
        explanations.append(Explanation._from_core(e))
    frame = RecordExplanation(
        rows,
        columns=["rank", "source", "record_id", "match_weight", "match_probability", "lost_by",
                 "explanation"],
    )
    frame.text = raw["text"]
    frame.explanations = explanations
    frame.num_candidates = raw["num_candidates"]
    return frame
