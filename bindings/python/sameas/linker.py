"""The Linker: settings and a model over one or several tables, with pandas in and out."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

import numpy as np
import pandas as pd

from . import _core
from ._tables import TableLike, read_tables

if TYPE_CHECKING:  # pragma: no cover
    from .clustering import Clustering

LINK_TYPES = ("dedupe", "link_only", "link_and_dedupe")


def infer_settings(
    tables: TableLike | Sequence[TableLike] | Mapping[str, TableLike],
    link_type: str | None = None,
    id_column: str | None = None,
) -> dict:
    """Chooses settings from the tables: column roles, blocking rules, comparisons.

    Roles come from column names (English, German, Polish, Hungarian, Indonesian) and
    contents; blocking rules are kept only when the pairs they would generate, counted
    first, fit a budget.

    >>> import pandas as pd
    >>> people = pd.DataFrame({"id": ["1", "2", "3"],
    ...                        "first_name": ["Anna", "Anna", "Jan"],
    ...                        "surname": ["Nowak", "Nowak", "Kowalski"]})
    >>> s = infer_settings(people)
    >>> [c["name"] for c in s["comparisons"]]
    ['first_name', 'surname']
    """
    read = read_tables(tables)
    if link_type is None:
        link_type = "dedupe" if len(read) == 1 else "link_and_dedupe"
    return json.loads(_core.infer_settings(read, link_type, id_column or ""))


class Linker:
    """Deduplicates one table or links several, with a Fellegi–Sunter model.

    ``tables`` is a DataFrame, pyarrow Table or file path, a list of them, or a dict from
    source name to table. ``settings`` is a dict in the format of ``docs/settings.md`` (or a
    path to such a JSON file); without it, settings are chosen from the data
    (:func:`infer_settings`).

    >>> import sameas
    >>> tables = sameas.datasets.load_sample()
    >>> linker = sameas.Linker({"crm": tables["crm"], "social": tables["social"]})
    >>> linker.train() is linker
    True
    >>> pairs = linker.predict()
    >>> clusters = linker.cluster(pairs)
    >>> len(clusters) == len(tables["crm"]) + len(tables["social"])
    True
    """

    def __init__(
        self,
        tables: TableLike | Sequence[TableLike] | Mapping[str, TableLike],
        settings: Mapping[str, Any] | str | os.PathLike | None = None,
        *,
        link_type: str | None = None,
        id_column: str | None = None,
        settings_origin: str | None = None,
    ) -> None:
        self._tables = read_tables(tables)
        origin = settings_origin or "settings"
        if settings is None:
            if link_type is None:
                link_type = "dedupe" if len(self._tables) == 1 else "link_and_dedupe"
            text = _core.infer_settings(self._tables, link_type, id_column or "")
            self.settings_inferred = True
        else:
            if isinstance(settings, (str, os.PathLike)):
                origin = str(settings)
                path = Path(settings)
                if not path.exists():
                    raise FileNotFoundError(f"{path}: no such settings file")
                text = path.read_text(encoding="utf-8")
            else:
                settings = dict(settings)
                if link_type is not None:
                    settings["link_type"] = link_type
                if id_column is not None:
                    settings["id_column"] = id_column
                text = json.dumps(settings)
            text = _core.normalise_settings(text, origin)
            self.settings_inferred = False
        self._core = _core.Linker(self._tables, text, origin)
        self._ids = None

    # -- settings and model ---------------------------------------------------------------

    @property
    def settings(self) -> dict:
        """The settings in use, as a dict (save with ``json.dump`` to edit and re-run)."""
        return json.loads(self._core.settings_json())

    @property
    def model(self) -> dict:
        """The trained or loaded model: prior, m and u per level, training log."""
        return json.loads(self._core.model_json())

    def train(self) -> "Linker":
        """Estimates u by random sampling, m by EM, the prior from deterministic rules."""
        self._core.train()
        return self

    def save_model(self, path: str | os.PathLike) -> None:
        """Writes the model (with its settings) as JSON."""
        Path(path).write_text(self._core.model_json(), encoding="utf-8")

    def load_model(self, model: str | os.PathLike | Mapping[str, Any]) -> "Linker":
        """Uses a saved model instead of training; its comparisons must match the settings."""
        if isinstance(model, Mapping):
            self._core.set_model(json.dumps(model), "model")
        else:
            self._core.set_model(Path(model).read_text(encoding="utf-8"), str(model))
        return self

    @classmethod
    def from_model(
        cls,
        tables: TableLike | Sequence[TableLike] | Mapping[str, TableLike],
        model: str | os.PathLike | Mapping[str, Any],
    ) -> "Linker":
        """A Linker with the settings and parameters of a saved model, ready to predict."""
        if isinstance(model, Mapping):
            data = dict(model)
        else:
            data = json.loads(Path(model).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "settings" not in data:
            raise ValueError(f"{model}: not a sameas model file (no settings)")
        linker = cls(tables, data["settings"])
        linker.load_model(model if not isinstance(model, Mapping) else data)
        return linker

    # -- records --------------------------------------------------------------------------

    def _records(self) -> pd.DataFrame:
        if self._ids is None:
            sources = np.array(self._core.sources, dtype=object)
            self._ids = pd.DataFrame(
                {
                    "record_id": self._core.record_ids(),
                    "source": sources[self._core.record_sources()],
                }
            )
        return self._ids

    def count_pairs(self) -> pd.DataFrame:
        """Pairs each blocking rule will generate, counted before generating any."""
        return pd.DataFrame(self._core.count_pairs())

    # -- prediction and clustering --------------------------------------------------------

    def predict(self, threshold: float | None = None) -> pd.DataFrame:
        """Scores every candidate pair.

        Returns one row per pair: ``source_l, record_id_l, source_r, record_id_r``, the
        blocking rule that found it, ``match_weight``, ``match_probability``, and for each
        comparison its level (``gamma_<name>``, 0 = null) and the level's label. With
        ``threshold``, only pairs at or above that probability.
        """
        if not self._core.has_model:
            self.train()
        raw = self._core.predict()
        records = self._records()
        left, right = raw["left"], raw["right"]
        settings = self.settings
        rules = [r for r in settings["blocking_rules"]]
        frame = pd.DataFrame(
            {
                "source_l": records["source"].to_numpy()[left],
                "record_id_l": records["record_id"].to_numpy()[left],
                "source_r": records["source"].to_numpy()[right],
                "record_id_r": records["record_id"].to_numpy()[right],
                "match_weight": raw["match_weight"],
                "match_probability": raw["match_probability"],
                "blocking_rule": pd.Categorical.from_codes(raw["rule"].astype(np.int64), rules)
                if len(rules) > 0
                else [],
            }
        )
        levels = raw["levels"]
        for c, comparison in enumerate(settings["comparisons"]):
            frame[f"gamma_{comparison['name']}"] = levels[:, c]
        frame.attrs["left_index"] = left
        frame.attrs["right_index"] = right
        if threshold is not None:
            keep = frame["match_probability"].to_numpy() >= threshold
            frame = frame[keep].reset_index(drop=True)
            frame.attrs["left_index"] = left[keep]
            frame.attrs["right_index"] = right[keep]
        return frame

    def cluster(self, predictions: pd.DataFrame | None = None, threshold: float | None = None,
                **constraints: Any) -> pd.DataFrame:
        """Connected components of the links at ``threshold`` (the settings' by default).

        Returns every input record, singletons included: ``record_id, source, cluster_id``.
        With any keyword of :meth:`clustering` (``unique_per``, ``duplicate_free``,
        ``split_below``, ``min_average_link``, ``previous``), the clusters of that method.
        """
        if constraints:
            return self.clustering(predictions, threshold, **constraints).clusters
        if predictions is None:
            predictions = self.predict()
        if threshold is None:
            threshold = float(self.settings["threshold"])
        left = predictions.attrs.get("left_index")
        right = predictions.attrs.get("right_index")
        if left is None or right is None or len(left) != len(predictions):
            records = self._records()
            index = {key: i for i, key in enumerate(zip(records["source"], records["record_id"]))}
            left = np.array([index[(s, r)] for s, r in zip(predictions["source_l"], predictions["record_id_l"])], dtype=np.uint32)
            right = np.array([index[(s, r)] for s, r in zip(predictions["source_r"], predictions["record_id_r"])], dtype=np.uint32)
        cluster_of = self._core.cluster(
            np.ascontiguousarray(left, dtype=np.uint32),
            np.ascontiguousarray(right, dtype=np.uint32),
            np.ascontiguousarray(predictions["match_probability"].to_numpy(), dtype=np.float64),
            float(threshold),
        )
        frame = self._records().copy()
        frame["cluster_id"] = cluster_of
        return frame

    # -- constrained clustering and profiles ----------------------------------------------

    def clustering(
        self,
        predictions: pd.DataFrame | None = None,
        threshold: float | None = None,
        *,
        unique_per: str | Sequence[str] | None = None,
        duplicate_free: str | Sequence[str] | None = None,
        split_below: float | None = None,
        min_average_link: float | None = None,
        previous: pd.DataFrame | str | os.PathLike | None = None,
    ) -> "Clustering":
        """Clusters that respect who can be the same person, with what was refused and why.

        Links at or above ``threshold`` are taken strongest first (by match weight; ties by
        record pair, so the result never depends on the order of the pairs). A link is refused
        when it would put two records sharing a non-empty value of a ``unique_per`` column
        (input columns, e.g. ``"platform"``: one account per platform; a table without the
        column is not constrained) or two records of a ``duplicate_free`` source in one
        entity. Then clusters are split at bridges with probability below ``split_below``,
        and clusters whose links average below ``min_average_link`` lose their weakest links
        until they fall apart. With ``previous`` (a clusters.csv or DataFrame of
        ``record_id, source, cluster_id``), entities keep their previous ids.

        Returns a :class:`sameas.clustering.Clustering`: ``clusters``, ``refused_links``,
        ``quality``, ``changes`` and ``summary``.
        """
        from .clustering import cluster_with_constraints

        return cluster_with_constraints(
            self, predictions, threshold, unique_per=unique_per, duplicate_free=duplicate_free,
            split_below=split_below, min_average_link=min_average_link, previous=previous)

    def profile_rules(self, rules: Mapping[str, Any] | str | os.PathLike | None = None,
                      per: str | Sequence[str] | None = None) -> dict:
        """The survivorship rules :meth:`profiles` would use (see :mod:`sameas.profiles`)."""
        from .profiles import profile_rules

        return profile_rules(self, rules, per)

    def profiles(self, clusters: pd.DataFrame | None = None,
                 rules: Mapping[str, Any] | str | os.PathLike | None = None, *,
                 per: str | Sequence[str] | None = None, long: bool = False) -> pd.DataFrame:
        """The golden profile of each entity of ``clusters`` (from :meth:`cluster`).

        One row per entity: ``cluster_id``, ``records``, then per field its value and
        ``<field>_from``, the records holding it as ``source:record_id``. Many-valued fields
        (emails, phones, handles as ``platform:handle``) join their values with `` | ``, and
        their provenance in the same order. With ``long=True``, one row per surviving value:
        ``cluster_id, field, value, per, from`` (a list). ``rules``: see
        :func:`sameas.profiles.profile_rules`.
        """
        from .profiles import build_profiles

        if clusters is None:
            clusters = self.cluster()
        return build_profiles(self, clusters, rules, per=per, long=long)
