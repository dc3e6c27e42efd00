"""dedupe (dedupe.io's library), trained on labels taken from the truth.

    python dedupe_runner.py JOB_JSON OUT_DIR      (an interpreter with dedupe)

dedupe learns only from labelled pairs. Its own workflow is active learning: it proposes the
pair it is least sure of and a person answers. Here the truth answers, for LABELS pairs (the
only runner that reads the truth), so dedupe is supervised where the others are not. Fields
are the same columns the Splink runner compares (String for names, emails and places, Exact
for dates, identifiers and codes, all with missing values allowed); blocking is dedupe's own,
learned from the labels. Deduplication clusters with dedupe's hierarchical clustering at the
threshold; a link of two tables keeps dedupe's one-to-one join, and its clusters are the
linked pairs.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import dedupe
import numpy as np
import pandas as pd

from common import ID, Job, components, read_inputs, write_result

LABELS = 100

FIELDS = {
    "febrl": (["given_name", "surname", "address_1", "suburb"],
              ["date_of_birth", "soc_sec_id", "street_number", "postcode"]),
    "fake": (["first_name", "surname", "email", "city"], ["dob"]),
    "pseudopeople": (["first_name", "last_name"], ["date_of_birth", "middle_initial", "sex"]),
    "customers": (["first_name", "last_name", "email", "city"], ["date_of_birth", "phone", "postcode"]),
}


def records(frame: pd.DataFrame, columns: list[str]) -> dict:
    data = {}
    for row in frame[[ID] + columns].itertuples(index=False):
        values = dict(zip(columns, row[1:]))
        data[row[0]] = {k: (None if pd.isna(v) else str(v)) for k, v in values.items()}
        data[row[0]]["_id"] = row[0]
    return data


def main() -> None:
    logging.getLogger("dedupe").setLevel(logging.WARNING)
    job = Job.load(sys.argv[1])
    out = Path(sys.argv[2])
    strings, exact = FIELDS[job.kind]
    truth = pd.read_csv(job.truth, dtype=str).set_index(ID)["entity"]
    fields = ([dedupe.variables.String(c, has_missing=True) for c in strings]
              + [dedupe.variables.Exact(c, has_missing=True) for c in exact])
    start = time.perf_counter()
    tables = read_inputs(job)
    linking = job.link_type == "link_only"
    stages = {"read": time.perf_counter() - start}
    t = time.perf_counter()
    if linking:
        data = [records(f, strings + exact) for f in tables]
        model = dedupe.RecordLink(fields, num_cores=2)
        model.prepare_training(data[0], data[1])
    else:
        data = [records(pd.concat(tables, ignore_index=True), strings + exact)]
        model = dedupe.Dedupe(fields, num_cores=2)
        model.prepare_training(data[0])
    matches = distinct = 0
    for _ in range(LABELS):
        proposed = model.uncertain_pairs()
        if not proposed:
            break
        a, b = proposed[0]
        same = truth[a["_id"]] == truth[b["_id"]]
        matches += int(same)
        distinct += int(not same)
        model.mark_pairs({"match": [(a, b)] if same else [], "distinct": [] if same else [(a, b)]})
    model.train()
    stages["label_and_train"] = time.perf_counter() - t
    t = time.perf_counter()
    pairs = model.pairs(*data)
    scores = model.score(pairs)
    ids = scores["pairs"]
    frame = pd.DataFrame({"id_l": ids[:, 0].astype(str), "id_r": ids[:, 1].astype(str),
                          "match_probability": scores["score"].astype("float64")})
    stages["block_and_score"] = time.perf_counter() - t
    t = time.perf_counter()
    every = pd.Index(pd.concat([f[ID] for f in tables], ignore_index=True).astype(str))
    cluster_of = np.arange(len(every))
    if linking:
        links = list(model.one_to_one(scores, threshold=job.threshold))
        left = every.get_indexer([str(p[0][0]) for p in links])
        right = every.get_indexer([str(p[0][1]) for p in links])
        cluster_of = components(len(every), left, right)
    else:
        for n, (members, _) in enumerate(model.cluster(scores, threshold=job.threshold)):
            cluster_of[every.get_indexer([str(m) for m in members])] = len(every) + n
    clusters = pd.DataFrame({ID: every, "cluster_id": cluster_of})
    stages["cluster"] = time.perf_counter() - t
    seconds = time.perf_counter() - start
    configuration = {"dedupe": dedupe.__version__ if hasattr(dedupe, "__version__") else "",
                     "string_fields": strings, "exact_fields": exact,
                     "labels": {"match": matches, "distinct": distinct},
                     "pairs_scored": int(len(frame))}
    write_result(out, frame[frame["match_probability"] >= job.floor], clusters, seconds, configuration,
                 stages, notes=f"trained by active learning, {matches + distinct} pairs labelled from the truth")


if __name__ == "__main__":
    main()
