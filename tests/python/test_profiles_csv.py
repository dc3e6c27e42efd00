"""profiles.csv written straight from C++ (Linker.write_profiles, what `sameas dedupe` uses):
the same bytes as the DataFrame of Linker.profiles written by pandas, on the bundled sample, a
generated customer table and values that need quoting, whatever the thread count."""

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sameas
from sameas.datasets import load_sample

ROOT = Path(__file__).resolve().parents[2]


def pandas_bytes(linker, clusters, rules, path: Path, per=None) -> bytes:
    """profiles.csv as the command wrote it before: the DataFrame through pandas."""
    linker.profiles(clusters, rules, per=per).to_csv(path, index=False)
    return path.read_bytes()


@pytest.fixture(scope="module")
def sample():
    tables = load_sample()
    linker = sameas.Linker({"crm": tables["crm"], "social": tables["social"]}).train()
    return linker, linker.predict()


@pytest.mark.parametrize("rules", [
    None,
    {"city": "longest", "email": "first_non_empty",
     "full_name": {"rule": "source_priority", "source_priority": ["social"]}},
])
def test_sample_profiles_are_the_bytes_pandas_writes(sample, rules, tmp_path):
    linker, pairs = sample
    clusters = linker.cluster(pairs, 0.5, unique_per="platform")
    rows = linker.write_profiles(clusters, tmp_path / "profiles.csv", rules, per="platform")
    written = (tmp_path / "profiles.csv").read_bytes()
    assert written == pandas_bytes(linker, clusters, rules, tmp_path / "pandas.csv", per="platform")
    assert rows == clusters["cluster_id"].nunique()
    # The sample has entities with several handles, emails and records: joined values occur.
    text = written.decode("utf-8")
    assert " | " in text and "instagram:" in text.lower()


def test_stable_string_ids_are_written_as_given(sample, tmp_path):
    linker, pairs = sample
    clusters = linker.cluster(pairs, 0.5)
    # Ids as an earlier run may have kept them: strings, some needing quotes.
    clusters["cluster_id"] = ["e-" + str(c) if c % 3 else f'E{c}, "old"' for c in clusters["cluster_id"]]
    linker.write_profiles(clusters, tmp_path / "profiles.csv")
    assert (tmp_path / "profiles.csv").read_bytes() == pandas_bytes(linker, clusters, None, tmp_path / "p.csv")


def generated(rows: int) -> pd.DataFrame:
    spec = importlib.util.spec_from_file_location("generate_customers", ROOT / "benchmarks" / "generate_customers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table, _ = module.generate(rows, 5)
    return table.to_pandas()


def test_generated_customers_same_bytes_with_one_and_two_threads(tmp_path):
    customers = generated(6_000)
    linker = sameas.Linker({"customers": customers}).train()
    clusters = linker.cluster(linker.predict())
    assert (clusters.groupby("cluster_id").size() > 1).sum() > 500
    expected = pandas_bytes(linker, clusters, None, tmp_path / "pandas.csv")
    try:
        for threads in (1, 2):
            sameas.set_threads(threads)
            path = tmp_path / f"profiles_{threads}.csv"
            assert linker.write_profiles(clusters, path) == clusters["cluster_id"].nunique()
            assert path.read_bytes() == expected, f"{threads} threads"
    finally:
        sameas.set_threads(0)


def test_quoting_and_unicode_round_trip(tmp_path):
    # People whose values hold the delimiter, quotes, line breaks and scripts beyond Latin-1.
    people = pd.DataFrame({
        "customer_id": [f"c{i}" for i in range(10)],
        "first_name": ["Łukasz", "Łukasz", "Zoë", "Ödön", "Thị Thu", "髙橋", "Anna-Maria",
                       'Jan "Janek"', "Siti", "Siti"],
        "last_name": ["Wiśniewski", "Wisniewski", "O'Brien, Jr.", "Szőke", "Đặng", "一郎",
                      "Kowalska", "Nowak", "Nurhaliza", "Nurhaliza"],
        "email": ["lukasz@przyklad.pl", "l.wisniewski@poczta.pl", "zoe@example.ie", None,
                  "thu.dang@example.vn", "takahashi@example.jp", "anna,maria@example.de",
                  "jan@example.pl", "siti@contoh.id", "siti.n@contoh.id"],
        "city": ["Łódź", "Lodz", "Cork", "Győr", "Hà Nội", "東京", "Köln\nDeutz", "Kraków",
                 "Jakarta", " Bandung "],
    })
    linker = sameas.Linker({"crm": people})
    clusters = pd.DataFrame({"record_id": people["customer_id"], "source": "crm",
                             "cluster_id": [0, 0, 1, 2, 3, 4, 5, 6, 7, 7]})
    path = tmp_path / "profiles.csv"
    linker.write_profiles(clusters, path)
    assert path.read_bytes() == pandas_bytes(linker, clusters, None, tmp_path / "pandas.csv")
    back = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = linker.profiles(clusters).astype(str)
    pd.testing.assert_frame_equal(back, frame)
    first = back.set_index("cluster_id").loc["0"]
    assert first["email"] == "lukasz@przyklad.pl | l.wisniewski@poczta.pl"
    assert first["email_from"] == "crm:c0 | crm:c1"
    assert back.set_index("cluster_id").loc["5", "city"] == "Köln\nDeutz"


def test_errors_name_the_problem(sample, tmp_path):
    linker, pairs = sample
    clusters = linker.cluster(pairs, 0.5)
    with pytest.raises(ValueError, match="'newest'"):
        linker.write_profiles(clusters, tmp_path / "p.csv", {"city": "newest"})
    with pytest.raises(ValueError, match="has no cluster"):
        linker.write_profiles(clusters.iloc[1:], tmp_path / "p.csv")
    with pytest.raises(OSError, match="no_such_folder"):
        linker.write_profiles(clusters, tmp_path / "no_such_folder" / "p.csv")
