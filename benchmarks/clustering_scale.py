"""Time constrained clustering and chaining protection on a random graph: the worst case for
chaining, where connected components makes one giant cluster. The table in docs/clustering.md.

    PYTHONPATH=... python benchmarks/clustering_scale.py [--records 1000000]

Half the records have one of five platforms; links join random records, with match weights
drawn around 5 bits; every link is kept (threshold 0). Times include the quality figures and
the crossing into C++; one thread.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

import sameas
from sameas import _core


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    n = parser.parse_args().records
    rng = np.random.default_rng(1)
    platform = np.where(rng.random(n) < 0.5,
                        rng.choice(["instagram", "x", "tiktok", "facebook", "linkedin"], n), "")
    table = pd.DataFrame({"id": np.arange(n).astype(str),
                          "name": rng.choice(["anna", "jan", "ola", "piotr"], n), "platform": platform})
    linker = sameas.Linker(table, {
        "link_type": "dedupe", "id_column": "id", "columns": [{"name": "name", "role": "full_name"}],
        "blocking_rules": ["name"],
        "comparisons": [{"name": "name", "column": "name",
                         "levels": [{"type": "null"}, {"type": "exact"}, {"type": "else"}]}]})
    configs = [
        ("connected components", {}),
        ("--unique-per platform", {"unique_per": ["platform"]}),
        ("--unique-per platform --split-below 0.9", {"unique_per": ["platform"], "split_bridges_below": 0.9}),
        ("--min-average-link 0.9", {"min_average_link": 0.9}),
        ("--split-below 0.9 --min-average-link 0.9", {"split_bridges_below": 0.9, "min_average_link": 0.9}),
    ]
    for m in (n, 3 * n):
        left = rng.integers(0, n, m).astype(np.uint32)
        right = rng.integers(0, n, m).astype(np.uint32)
        weight = rng.normal(5, 4, m)
        probability = 1 / (1 + 2.0 ** -weight)
        for name, options in configs:
            args = {"unique_per": [], "duplicate_free": [], **options}
            start = time.perf_counter()
            raw = _core.cluster_links(linker._core, left, right, weight, probability, 0.0, **args)
            seconds = time.perf_counter() - start
            sizes = raw["quality"]["size"]
            print(f"{n:,} records, {m:,} links, {name}: {seconds:.2f} s, {len(sizes):,} clusters, "
                  f"largest {sizes.max():,}, {len(raw['refused_reason']):,} refused", flush=True)


if __name__ == "__main__":
    main()
