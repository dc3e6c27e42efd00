"""recordlinkage (the Python Record Linkage Toolkit), unsupervised.

    python recordlinkage_runner.py JOB_JSON OUT_DIR      (an interpreter with recordlinkage)

The same blocking keys as the Splink runner (recordlinkage blocks on columns, so prefixes
become derived columns), binary comparisons (names by Jaro–Winkler >= 0.85, the rest exact)
and its unsupervised classifier, ECM (expectation–conditional maximisation of a
Fellegi–Sunter model). recordlinkage has no clustering: clusters are the connected components
of the pairs whose ECM probability reaches the threshold. link_and_dedupe is a deduplication
of the tables stacked together.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import recordlinkage as rl

from common import ID, Job, components, read_inputs, write_result

# kind: (blocking keys, each a list of columns or (column, prefix length); comparisons
# (column, "name" | "exact"))
CONFIG = {
    "febrl": ([["soc_sec_id"], ["date_of_birth"], ["surname"], ["given_name"], ["postcode"]],
              [("given_name", "name"), ("surname", "name"), ("date_of_birth", "exact"),
               ("soc_sec_id", "exact"), ("street_number", "exact"), ("postcode", "exact"),
               ("address_1", "name"), ("suburb", "name")]),
    "fake": ([["email"], ["dob"], ["surname"], ["first_name"], [("surname", 3), ("first_name", 1)]],
             [("first_name", "name"), ("surname", "name"), ("dob", "exact"), ("city", "exact"),
              ("email", "exact")]),
    "pseudopeople": ([["date_of_birth"], ["last_name"], [("last_name", 3), ("first_name", 1)],
                      ["first_name", ("date_of_birth", 4)]],
                     [("first_name", "name"), ("last_name", "name"), ("date_of_birth", "exact"),
                      ("middle_initial", "exact"), ("sex", "exact")]),
    "customers": ([["email"], ["phone"], ["date_of_birth"], ["postcode"], ["first_name", "last_name"],
                   ["last_name", ("first_name", 1)]],
                  [("first_name", "name"), ("last_name", "name"), ("date_of_birth", "exact"),
                   ("email", "exact"), ("phone", "exact"), ("city", "exact"), ("postcode", "exact")]),
}


def key_columns(frame: pd.DataFrame, key) -> list[str]:
    names = []
    for part in key:
        if isinstance(part, (list, tuple)):
            column, length = part
            name = f"_{column}_{length}"
            frame[name] = frame[column].str[:length]
            names.append(name)
        else:
            names.append(part)
    return names


def main() -> None:
    job = Job.load(sys.argv[1])
    out = Path(sys.argv[2])
    blocks, comparisons = CONFIG[job.kind]
    start = time.perf_counter()
    tables = read_inputs(job)
    stages = {"read": time.perf_counter() - start}
    t = time.perf_counter()
    if job.link_type == "link_only":
        left, right = (f.set_index(ID) for f in tables)
    else:
        left = pd.concat(tables, ignore_index=True).set_index(ID)
        right = None
    indexes = []
    for key in blocks:
        names = key_columns(left, key)
        if right is not None:
            key_columns(right, key)
        indexer = rl.Index()
        indexer.block(names)
        indexes.append(indexer.index(left) if right is None else indexer.index(left, right))
    candidates = indexes[0]
    for more in indexes[1:]:
        candidates = candidates.union(more)
    stages["block"] = time.perf_counter() - t
    t = time.perf_counter()
    compare = rl.Compare()
    for column, how in comparisons:
        if how == "name":
            compare.string(column, column, method="jarowinkler", threshold=0.85, label=column)
        else:
            compare.exact(column, column, label=column)
    features = compare.compute(candidates, left) if right is None else compare.compute(candidates, left, right)
    stages["compare"] = time.perf_counter() - t
    t = time.perf_counter()
    ecm = rl.ECMClassifier(binarize=None)
    ecm.fit(features)
    probability = ecm.prob(features)
    stages["train_and_score"] = time.perf_counter() - t
    t = time.perf_counter()
    id_l = features.index.get_level_values(0).astype(str)
    id_r = features.index.get_level_values(1).astype(str)
    pairs = pd.DataFrame({"id_l": id_l, "id_r": id_r, "match_probability": np.asarray(probability)})
    ids = pd.Index(pd.concat([f[ID] for f in tables], ignore_index=True).astype(str))
    links = pairs[pairs["match_probability"] >= job.threshold]
    root = components(len(ids), ids.get_indexer(links["id_l"]), ids.get_indexer(links["id_r"]))
    clusters = pd.DataFrame({ID: ids, "cluster_id": root})
    stages["cluster"] = time.perf_counter() - t
    seconds = time.perf_counter() - start
    kept = pairs[pairs["match_probability"] >= job.floor]
    configuration = {"recordlinkage": rl.__version__, "blocking": [str(b) for b in blocks],
                     "comparisons": [f"{c} {h}" for c, h in comparisons], "classifier": "ECMClassifier",
                     "candidate_pairs": int(len(candidates))}
    write_result(out, kept, clusters, seconds, configuration, stages,
                 notes="clusters: connected components of ECM probability >= threshold")


if __name__ == "__main__":
    main()
