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
from .explain import Explanation, RecordExplanation, record_explanation

if TYPE_CHECKING:  # pragma: no cover
    from .clustering import Clustering
    from .evaluation import BlockingAnalysis, Evaluation

LINK_TYPES = ("dedupe", "link_only", "link_and_dedupe")


def set_threads(threads: int) -> None:
    """Threads every stage uses from now on, in this process (0: one per hardware thread,
    the default). Results do not depend on it: work is cut into chunks fixed by the data.

    >>> import sameas
    >>> sameas.set_threads(1); sameas.threads()
    1
    >>> sameas.set_threads(0)
    """
    if int(threads) < 0:
        raise ValueError(f"threads is 0 (all) or more, not {threads}")
    _core.set_threads(int(threads))


def threads() -> int:
    """The number of threads the stages use."""
    return int(_core.threads())


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
    (:func:`infer_settings`). ``threads`` calls :func:`set_threads` (for the whole process).

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
        threads: int | None = None,
    ) -> None:
        if threads is not None:
            set_threads(threads)
        self._tables = read_tables(tables)
        origin = settings_origin or "settings"
        if settings is None:
            if link_type is None:
                link_type = "dedupe" if len(self._tables) == 1 else "link_and_dedupe"
            # The tables prepared while choosing the settings are kept: prepared once.
            self._core = _core.Linker.from_data(self._tables, link_type, id_column or "")
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
    def prepare_counts(self) -> dict:
        """Per date and phone column, the values prepare kept but could not read: dates that
        did not parse (compared as text) and phone numbers libphonenumber finds invalid (kept
        as their digits), e.g. ``{"phone": {"invalid_phones": 3}}``."""
        return self._core.prepare_counts()

    @property
    def model(self) -> dict:
        """The trained or loaded model: prior, m and u per level, training log."""
        return json.loads(self._core.model_json())

    def train(self) -> "Linker":
        """Estimates u by random sampling, m by EM, the prior from deterministic rules."""
        self._core.train()
        return self

    def save_model(self, path: str | os.PathLike, tf_key: str | None = None) -> None:
        """Writes the model (with its settings) as JSON.

        With ``tf_key`` (a secret), the term-frequency tables hold keyed hashes (SipHash-2-4)
        instead of the values, so the file can be shared without the names in it; the same
        key is needed to load it (``load_model(..., tf_key=...)``) and is never written.
        """
        text = self._core.model_json_hashed(tf_key) if tf_key else self._core.model_json()
        Path(path).write_text(text, encoding="utf-8")

    def load_model(self, model: str | os.PathLike | Mapping[str, Any],
                   tf_key: str | None = None) -> "Linker":
        """Uses a saved model instead of training; its comparisons must match the settings.

        ``tf_key`` is the secret a model's term-frequency values were hashed with.
        """
        if isinstance(model, Mapping):
            text, origin = json.dumps(model), "model"
        else:
            text, origin = Path(model).read_text(encoding="utf-8"), str(model)
        if tf_key:
            self._core.set_model_with_key(text, origin, tf_key)
        else:
            self._core.set_model(text, origin)
        return self

    def train_from_labels(
        self,
        labels: pd.DataFrame | str | os.PathLike,
        method: str = "count",
        *,
        u_from_labels: bool = False,
        smoothing: float = 0.5,
        l2: float = 1.0,
    ) -> "Linker":
        """Trains from labels instead of EM.

        ``labels`` is the name of a cluster-id column of the input tables (records sharing a
        value are one entity; empty is unknown), or a table of labelled pairs (a DataFrame or
        CSV path) with ``record_id_l``, ``record_id_r`` (or Splink's ``unique_id_l``,
        ``unique_id_r``), optionally ``source_l``, ``source_r`` (or ``source_dataset_l``,
        ``source_dataset_r``), and ``match`` (or ``clerical_match_score``, a match from 0.5).

        ``method="count"`` sets each level's m to its share among the labelled matches (u
        from random pairs, or from labelled non-matches with ``u_from_labels``);
        ``method="logistic"`` fits a logistic regression on the comparison levels whose
        coefficients become the level weights (docs/model.md).

        >>> import pandas as pd, sameas
        >>> people = pd.DataFrame({"id": ["1", "2", "3", "4"],
        ...                        "first_name": ["Anna", "Anna", "Jan", "Jan"],
        ...                        "surname": ["Nowak", "Nowak", "Kos", "Kos"],
        ...                        "person": ["a", "a", "b", "c"]})
        >>> linker = sameas.Linker(people[["id", "first_name", "surname"]].assign(person=people.person),
        ...                        {"id_column": "id", "columns": [{"name": "first_name"}, {"name": "surname"}],
        ...                         "blocking_rules": ["surname"], "comparisons": [
        ...                          {"column": "first_name", "levels": [{"type": "null"}, {"type": "exact"}, {"type": "else"}]},
        ...                          {"column": "surname", "levels": [{"type": "null"}, {"type": "exact"}, {"type": "else"}]}]})
        >>> linker.train_from_labels("person").model["training_method"]
        'labels'
        """
        if method not in ("count", "logistic"):
            raise ValueError(f"method is 'count' or 'logistic', not {method!r}")
        options = dict(u_from_labels=u_from_labels, smoothing=smoothing, l2=l2)
        if isinstance(labels, str) and not labels.lower().endswith(".csv"):
            cluster = self._core.cluster_labels(labels)
            self._core.train_labels(method, cluster=cluster, **options)
            return self
        from .labels import label_pairs, read_label_pairs

        frame = read_label_pairs(labels) if isinstance(labels, (str, os.PathLike)) else labels
        left, right, match = label_pairs(self, frame)
        self._core.train_labels(method, left=left, right=right, match=match, **options)
        return self

    def _indices(self, ids: pd.Series, sources: pd.Series | None = None) -> np.ndarray:
        """Record indices of ``ids`` (in ``sources``; optional with one table)."""
        records = self._records()
        single = len(self._core.sources) == 1
        if sources is None or single:
            if not single:
                raise ValueError(f"give the source of each record: there are {len(self._core.sources)} "
                                 f"tables ({', '.join(self._core.sources)})")
            keys = pd.Index(records["record_id"].astype(str))
            wanted = pd.Index(pd.Series(ids).astype(str).str.strip())
        else:
            keys = pd.MultiIndex.from_arrays([records["source"].astype(str), records["record_id"].astype(str)])
            wanted = pd.MultiIndex.from_arrays([pd.Series(sources).astype(str).str.strip(),
                                                pd.Series(ids).astype(str).str.strip()])
        index = keys.get_indexer(wanted)
        if (index < 0).any():
            missing = wanted[int(np.flatnonzero(index < 0)[0])]
            raise KeyError(f"no record has id {missing!r}")
        return index.astype(np.uint32)

    def explain(self, record_id_l: Any, record_id_r: Any, source_l: str | None = None,
                source_r: str | None = None) -> Explanation:
        """Why two records score what they do: one row per term of the match weight (the
        prior, each comparison's level weight, each term-frequency term), adding up to
        ``.match_weight``; ``.text`` says it in one line. See :mod:`sameas.explain`."""
        if not self._core.has_model:
            self.train()
        a = self._indices(pd.Series([record_id_l]), None if source_l is None else pd.Series([source_l]))[0]
        b = self._indices(pd.Series([record_id_r]), None if source_r is None else pd.Series([source_r]))[0]
        return Explanation._from_core(self._core.explain(int(min(a, b)), int(max(a, b))))

    def explain_record(self, record_id: Any, source: str | None = None, top: int = 5) -> RecordExplanation:
        """A record's best ``top`` candidates under the blocking rules, ranked by match
        weight, each with its explanation, and for the others the comparisons that put them
        behind the first. ``.text`` says it all."""
        if not self._core.has_model:
            self.train()
        index = self._indices(pd.Series([record_id]), None if source is None else pd.Series([source]))[0]
        return record_explanation(self._core.explain_record(int(index), int(top)), self._records())

    @classmethod
    def from_model(
        cls,
        tables: TableLike | Sequence[TableLike] | Mapping[str, TableLike],
        model: str | os.PathLike | Mapping[str, Any],
        tf_key: str | None = None,
    ) -> "Linker":
        """A Linker with the settings and parameters of a saved model, ready to predict
        (``tf_key``: the secret its term-frequency values were hashed with, if they were)."""
        if isinstance(model, Mapping):
            data = dict(model)
        else:
            data = json.loads(Path(model).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "settings" not in data:
            raise ValueError(f"{model}: not a sameas model file (no settings)")
        linker = cls(tables, data["settings"])
        linker.load_model(model if not isinstance(model, Mapping) else data, tf_key=tf_key)
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

    def blocking_analysis(self, truth: Any = None, largest_blocks: int = 10) -> "BlockingAnalysis":
        """What the blocking rules will generate, counted before generating a pair.

        Per rule: its pairs, the pairs no earlier rule finds (``new_pairs``, what generation
        credits to it), ``cumulative_pairs`` (each pair once) and its ``largest_blocks``
        with their keys. With ``truth`` (a cluster column of the input tables, or one entity
        per record), also the true pairs each rule finds and the blocking recall so far:
        the share of true pairs that blocking generates at all. Returns a
        :class:`sameas.evaluation.BlockingAnalysis`.

        >>> import sameas
        >>> tables = sameas.datasets.load_sample()
        >>> crm = tables["crm"].merge(tables["truth"][tables["truth"].source == "crm"],
        ...                           left_on="customer_id", right_on="record_id")
        >>> linker = sameas.Linker(crm.drop(columns=["source", "record_id"]))
        >>> analysis = linker.blocking_analysis(truth="person_id")
        >>> list(analysis.rules.columns[:4])
        ['rule', 'pairs', 'new_pairs', 'cumulative_pairs']
        >>> analysis.total_pairs == len(linker.predict())
        True
        >>> 0.5 < analysis.blocking_recall <= 1
        True
        """
        from .evaluation import blocking_analysis

        return blocking_analysis(self, truth, largest_blocks)

    def evaluate(self, truth: Any = None, labels: Any = None, *,
                 predictions: pd.DataFrame | None = None,
                 threshold: float | None = None,
                 clusters: pd.DataFrame | None = None,
                 score_unblocked: bool = False) -> "Evaluation":
        """Accuracy of the scored pairs and clusters against ground truth.

        ``truth`` is a cluster column of the input tables (records sharing a value are one
        entity; empty is unknown), an entity per record, or a DataFrame of ``record_id``
        (``source``) and entity; or ``labels`` are labelled pairs (a CSV path or DataFrame as
        for :meth:`train_from_labels`). Returns a :class:`sameas.evaluation.Evaluation`:
        precision, recall and F1 at every threshold (``thresholds``), the ``best``
        threshold by F1, the scores ``at_threshold`` (the settings' threshold unless given),
        ``blocking_recall``, and with a cluster column pairwise and B-cubed scores of the
        clusters. Recall counts every true pair, so it never exceeds blocking recall; a
        labelled pair that blocking does not generate is never a link, unless
        ``score_unblocked``: then every labelled pair is compared and scored (the model's
        accuracy, blocking aside; blocking recall is still that of the candidates). ``clusters`` (one row
        per record, in the linker's order, as :meth:`cluster` or :meth:`clustering` return
        them) are scored instead of the connected components at the threshold.

        >>> import sameas
        >>> tables = sameas.datasets.load_sample()
        >>> crm = tables["crm"].merge(tables["truth"][tables["truth"].source == "crm"],
        ...                           left_on="customer_id", right_on="record_id")
        >>> linker = sameas.Linker(crm.drop(columns=["source", "record_id"])).train()
        >>> result = linker.evaluate(truth="person_id")
        >>> sorted(result.best)[:4]
        ['f1', 'false_negatives', 'false_positives', 'links']
        >>> result.best["f1"] >= result.at_threshold["f1"]
        True
        >>> bool(result.thresholds["recall"].max() <= result.blocking_recall)
        True
        """
        from .evaluation import evaluate

        return evaluate(self, truth, labels, predictions, threshold, clusters, score_unblocked)

    # -- prediction and clustering --------------------------------------------------------

    def predict(self, threshold: float | None = None) -> pd.DataFrame:
        """Scores every candidate pair.

        Returns one row per pair: ``source_l, record_id_l, source_r, record_id_r``, the
        blocking rule that found it, ``match_weight``, ``match_probability``, and for each
        comparison its level (``gamma_<name>``, 0 = null) and the level's label; for each
        comparison with term frequencies, its term of the weight (``tf_<name>``, bits). With
        ``threshold``, only pairs at or above that probability: the others are dropped chunk
        by chunk as they are scored, so they never take memory.

        ``attrs`` holds ``candidate_pairs`` (all pairs scored), ``seconds`` (``block`` and
        ``score``) and the record indices of each pair (``left_index``, ``right_index``).
        """
        if not self._core.has_model:
            self.train()
        raw = self._core.predict(0.0 if threshold is None else float(threshold))
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
        for c, terms in raw.get("tf_adjustments", {}).items():
            frame[f"tf_{settings['comparisons'][c]['name']}"] = terms
        frame.attrs["left_index"] = left
        frame.attrs["right_index"] = right
        frame.attrs["candidate_pairs"] = int(raw["candidate_pairs"])
        frame.attrs["seconds"] = {"block": float(raw["block_seconds"]),
                                  "score": float(raw["score_seconds"])}
        return frame

    def write_pairs(self, pairs: pd.DataFrame, path: str | os.PathLike, precision: int = 6) -> None:
        """Writes :meth:`predict`'s pairs as CSV in C++ (see :func:`sameas.write_csv`); the
        record ids and sources are written from the record indices, without Python strings."""
        from ._tables import write_csv

        columns = {}
        left, right = pairs.attrs.get("left_index"), pairs.attrs.get("right_index")
        if left is not None and right is not None and len(left) == len(pairs):
            source_of = self._core.record_sources().astype(np.int64)
            sources = list(self._core.sources)
            columns = {"source_l": (source_of[left], sources), "record_id_l": (left, self._core),
                       "source_r": (source_of[right], sources), "record_id_r": (right, self._core)}
        write_csv(pairs, path, precision=precision, columns=columns)

    def write_clusters(self, clusters: pd.DataFrame, path: str | os.PathLike) -> None:
        """Writes ``record_id, source, cluster_id`` of :meth:`cluster`'s table as CSV in C++;
        when its rows are this linker's records in order (as :meth:`cluster` gives them), the
        ids and sources are written from the records, without Python strings."""
        from ._tables import write_csv

        frame = clusters[["record_id", "source", "cluster_id"]]
        records = self._records()
        columns = {}
        if (len(frame) == len(records)
                and (frame["record_id"].to_numpy() == records["record_id"].to_numpy()).all()
                and (frame["source"].to_numpy() == records["source"].to_numpy()).all()):
            columns = {"record_id": (np.arange(len(records), dtype=np.int64), self._core),
                       "source": (self._core.record_sources().astype(np.int64), list(self._core.sources))}
        write_csv(frame, path, columns=columns)

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

    def write_profiles(self, clusters: pd.DataFrame, path: str | os.PathLike,
                       rules: Mapping[str, Any] | str | os.PathLike | None = None, *,
                       per: str | Sequence[str] | None = None) -> int:
        """Writes :meth:`profiles` to ``path`` as CSV straight from C++, the same bytes as
        ``linker.profiles(clusters, rules).to_csv(path, index=False)`` but without a
        DataFrame: profiles are made and written a few thousand clusters at a time, in
        parallel, so memory stays bounded at millions of records. Fields without a value are
        empty; a value a CSV reader would take for null (``NA``) is quoted. Returns the
        number of profiles written."""
        from .profiles import write_profiles

        return write_profiles(self, clusters, path, rules, per=per)
