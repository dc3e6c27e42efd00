"""The blocking analysis against generation: the seconds to count every rule's pairs, new
pairs, cumulative pairs and true pairs (AnalyseBlocking, no pair generated), beside the
seconds to block, compare and score the pairs (predict), on the same settings; and that the
counted totals equal the generated ones.

    PYTHONPATH=<staged package> python benchmarks/blocking_analysis.py [--shared-data ../shared/data]

Automatic settings (as ``sameas dedupe|link`` chooses them); truth: fake_20000's ``group``,
pseudopeople's ``simulant_id`` shared by the census and the social-security tables.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

import sameas


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def measure(name: str, tables, truth: str, id_column: str | None) -> dict:
    linker = sameas.Linker(tables, id_column=id_column)
    analysis, counted = timed(lambda: linker.blocking_analysis(truth=truth))
    _, trained = timed(linker.train)
    pairs, predicted = timed(linker.predict)
    entity = sameas.evaluation.truth_entities(linker, truth)
    left, right = pairs.attrs["left_index"], pairs.attrs["right_index"]
    found = int(((entity[left] >= 0) & (entity[left] == entity[right])).sum())
    assert analysis.total_pairs == len(pairs), (analysis.total_pairs, len(pairs))
    assert int(analysis.rules["cumulative_true_pairs"].iloc[-1]) == found
    return {"data": name, "records": sum(len(t) for t in tables.values()),
            "rules": len(analysis.rules), "pairs": analysis.total_pairs,
            "blocking recall": round(float(analysis.blocking_recall), 4),
            "analysis s": round(counted, 3), "predict s": round(predicted, 3),
            "predict / analysis": round(predicted / counted, 1)}


def people(path: Path, prefix: str, columns: list[str]) -> pd.DataFrame:
    """The person columns of a pseudopeople table as text (nulls kept), a record id, and the
    truth (simulant_id), which no comparison reads."""
    frame = pd.read_parquet(path)
    out = pd.DataFrame({"record_id": [f"{prefix}-{i}" for i in range(len(frame))]})
    for column in columns + ["simulant_id"]:
        values = frame[column]
        if str(values.dtype).startswith("datetime"):
            out[column] = values.dt.strftime("%Y-%m-%d")
        else:
            out[column] = values.astype("string").to_numpy()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared-data", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data"))
    args = parser.parse_args()
    data = Path(args.shared_data)
    rows = []
    fake = pd.read_csv(data / "splink" / "fake_20000.csv", dtype=str)
    rows.append(measure("fake_20000", {"fake_20000": fake}, "group", "unique_id"))
    census = people(data / "pseudopeople" / "decennial_census.parquet", "census",
                    ["first_name", "middle_initial", "last_name", "date_of_birth", "sex", "zipcode",
                     "city", "street_number", "street_name"])
    ssa = people(data / "pseudopeople" / "social_security.parquet", "ssa",
                 ["first_name", "middle_name", "last_name", "date_of_birth", "sex"])
    rows.append(measure("pseudopeople census + SSA", {"census": census, "ssa": ssa}, "simulant_id",
                        "record_id"))
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + "---|" * len(rows[0]))
    for row in rows:
        print("| " + " | ".join(f"{v:,}" if isinstance(v, int) else str(v) for v in row.values()) + " |")


if __name__ == "__main__":
    main()
