"""Golden profiles: one record per entity, each field chosen by a survivorship rule, each
value with the records it came from.

Rules: ``most_frequent``, ``most_recent`` (with ``timestamp``: a column), ``longest``,
``source_priority`` (with ``source_priority``: a list of sources), ``first_non_empty`` and
``all`` (every value; with ``per``: one per value of that column, e.g. one handle per
platform). Ties always go to the record that comes first by source priority, then input
order. Without rules they follow the column roles: names by source priority (the first
table first, so list the CRM first), emails and phones all, handles all per platform, the
rest most frequent.

>>> import sameas
>>> tables = sameas.datasets.load_sample()
>>> linker = sameas.Linker({"crm": tables["crm"], "social": tables["social"]}).train()
>>> clusters = linker.cluster(unique_per=["platform"])
>>> profiles = linker.profiles(clusters)
>>> len(profiles) == clusters["cluster_id"].nunique()
True
>>> {"cluster_id", "full_name", "full_name_from", "email", "handle"} <= set(profiles.columns)
True
>>> rules = linker.profile_rules({"city": "longest"})
>>> [f for f in rules["fields"] if f["name"] == "city"][0] == {
...     "name": "city", "rule": "longest", "inputs": {"social": ["location"]}}
True
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

import numpy as np
import pandas as pd

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    from .linker import Linker

RULES = ("most_frequent", "most_recent", "longest", "source_priority", "first_non_empty", "all")
#: Separates the values of a many-valued field in profiles.csv, and their provenance.
VALUE_SEPARATOR = " | "


def profile_rules(
    linker: "Linker",
    rules: Mapping[str, Any] | str | os.PathLike | None = None,
    per: str | Iterable[str] | None = None,
) -> dict:
    """The rules :func:`build_profiles` uses, as a dict ``{"fields": [...]}``.

    ``rules`` is None (the defaults from roles), a full ``{"fields": [...]}`` dict or JSON
    file, or a dict from field name to a rule name or to a field dict, which replaces or adds
    to the defaults: ``{"email": "first_non_empty", "first_name": {"rule": "most_recent",
    "timestamp": "updated_at"}}``. ``per`` names the columns handles are kept one per value of
    (``"platform"`` is found by itself).
    """
    per_columns = [per] if isinstance(per, str) else list(per or [])
    defaults = json.loads(_core.default_profile_rules(linker._core, per_columns))
    if rules is None:
        return defaults
    if isinstance(rules, (str, os.PathLike)):
        path = Path(rules)
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such profile rules file")
        try:
            rules = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: not valid JSON: {error}") from None
    rules = dict(rules)
    if "fields" in rules and isinstance(rules["fields"], list):
        return rules
    fields = {f["name"]: f for f in defaults["fields"]}
    for name, rule in rules.items():
        if isinstance(rule, str):
            if rule not in RULES:
                raise ValueError(f"profile field '{name}': unknown rule '{rule}' (known: {', '.join(RULES)})")
            base = {k: v for k, v in fields.get(name, {"name": name}).items() if k in ("name", "inputs")}
            fields[name] = {**base, "rule": rule}
        elif isinstance(rule, Mapping):
            fields[name] = {"name": name, **{k: v for k, v in fields.get(name, {}).items() if k == "inputs"},
                            **dict(rule)}
        else:
            raise ValueError(f"profile field '{name}': a rule name or a dict, not {rule!r}")
    return {"fields": list(fields.values())}


def _cluster_codes(linker: "Linker", clusters: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Dense cluster numbers per record of the linker, and the cluster id of each number."""
    records = linker._records()
    missing = [c for c in ("record_id", "source", "cluster_id") if c not in clusters.columns]
    if missing:
        raise ValueError(f"clusters: missing column(s) {', '.join(missing)}")
    if (len(clusters) == len(records)
            and (clusters["record_id"].to_numpy() == records["record_id"].to_numpy()).all()
            and (clusters["source"].to_numpy() == records["source"].to_numpy()).all()):
        labels = clusters["cluster_id"]
    else:
        merged = records.merge(clusters[["record_id", "source", "cluster_id"]].astype({"record_id": str}),
                               on=["source", "record_id"], how="left", validate="one_to_one")
        if merged["cluster_id"].isna().any():
            row = merged[merged["cluster_id"].isna()].iloc[0]
            raise ValueError(f"clusters: record {row['source']}:{row['record_id']} has no cluster")
        labels = merged["cluster_id"]
    codes, uniques = pd.factorize(labels, sort=False)
    return codes.astype(np.uint32), np.asarray(uniques)


def write_profiles(
    linker: "Linker",
    clusters: pd.DataFrame,
    path: str | os.PathLike,
    rules: Mapping[str, Any] | str | os.PathLike | None = None,
    *,
    per: str | Iterable[str] | None = None,
) -> int:
    """The work behind :meth:`Linker.write_profiles`; see there."""
    resolved = profile_rules(linker, rules, per)
    codes, labels = _cluster_codes(linker, clusters)
    if labels.dtype.kind in "iu":
        ids: Any = np.ascontiguousarray(labels, dtype=np.int64)
    else:
        ids = [str(label) for label in labels]
    return int(_core.write_profiles(linker._core, np.ascontiguousarray(codes), ids,
                                    json.dumps(resolved), str(path)))


def build_profiles(
    linker: "Linker",
    clusters: pd.DataFrame,
    rules: Mapping[str, Any] | str | os.PathLike | None = None,
    *,
    per: str | Iterable[str] | None = None,
    long: bool = False,
) -> pd.DataFrame:
    """The work behind :meth:`Linker.profiles`; see there."""
    resolved = profile_rules(linker, rules, per)
    codes, labels = _cluster_codes(linker, clusters)
    raw = _core.build_profiles(linker._core, np.ascontiguousarray(codes), json.dumps(resolved))
    records = linker._records()
    names = (records["source"].astype(str) + ":" + records["record_id"].astype(str)).to_numpy()
    offsets = raw["record_offsets"]
    provenance = [names[raw["records"][offsets[i]:offsets[i + 1]]].tolist() for i in range(len(offsets) - 1)]
    fields = raw["fields"]
    values = pd.DataFrame({
        "cluster_id": labels[raw["entity"]] if len(raw["entity"]) else labels[:0],
        "field": pd.Categorical.from_codes(raw["field"].astype(np.int64), fields) if fields else [],
        "value": raw["value"],
        "per": raw["per"],
        "from": provenance,
    })
    if long:
        return values

    # One pass over the values, which come sorted by entity then field.
    k = len(labels)
    shown = {name: [[] for _ in range(k)] for name in fields}
    origin = {name: [[] for _ in range(k)] for name in fields}
    for e, f, value, per_value, holders in zip(raw["entity"].tolist(), raw["field"].tolist(),
                                               raw["value"], raw["per"], provenance):
        shown[fields[f]][e].append(f"{per_value}:{value}" if per_value else value)
        origin[fields[f]][e].append(" ".join(holders))
    out = pd.DataFrame({"cluster_id": labels})
    out["records"] = np.bincount(codes, minlength=k) if k else np.zeros(0, dtype=np.int64)
    for name in fields:
        out[name] = [VALUE_SEPARATOR.join(v) for v in shown[name]]
        out[f"{name}_from"] = [VALUE_SEPARATOR.join(v) for v in origin[name]]
    return out
