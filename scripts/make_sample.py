#!/usr/bin/env python3
"""Writes the sample shipped in the package: bindings/python/sameas/data/sample_{crm,social,
truth}.csv, made by sameas.datasets.generate_people with a fixed seed.

Run from anywhere, with any Python that has pandas; the sameas package need not be built:
    .venv/bin/python scripts/make_sample.py [--out DIR]
tests/python/test_datasets.py checks that the shipped files are what this script writes.
"""

import argparse
import csv
import importlib.util
import pathlib
import sys

import pandas as pd

N_PEOPLE = 400
SEED = 20240630

SOURCE_DIR = pathlib.Path(__file__).resolve().parent.parent
PACKAGE_DIR = SOURCE_DIR / "bindings" / "python" / "sameas"


def load_generator():
    """The generator module, loaded from its file: importing the sameas package would need
    the C++ extension."""
    path = PACKAGE_DIR / "datasets" / "_generator.py"
    spec = importlib.util.spec_from_file_location("sameas_datasets_generator", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def write_csv(frame, path: pathlib.Path) -> None:
    """UTF-8, RFC 4180 (CRLF line ends, quotes only where needed), missing values empty."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(frame.columns)
        for row in frame.itertuples(index=False, name=None):
            writer.writerow("" if pd.isna(v) else str(v) for v in row)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=PACKAGE_DIR / "data",
                        help="folder to write the three CSV files to (default: %(default)s)")
    args = parser.parse_args(argv)
    generator = load_generator()
    tables = generator.generate_people(N_PEOPLE, seed=SEED)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        path = args.out / f"sample_{name}.csv"
        write_csv(frame, path)
        print(f"{path}: {len(frame)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
