"""Running at scale: the thread count never changes the output, a pairs floor keeps exactly
the pairs above it without changing the clusters, the C++ CSV writer round-trips, and the run
reports seconds and peak memory per stage."""

import importlib.util
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import sameas
from sameas.cli import main

ROOT = Path(__file__).resolve().parents[2]


def generate_customers(rows: int, path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("generate_customers", ROOT / "benchmarks" / "generate_customers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    import pyarrow.csv as pacsv

    table, _ = module.generate(rows, 3)
    pacsv.write_csv(table, path)
    return path


@pytest.fixture(scope="module")
def customers(tmp_path_factory) -> Path:
    return generate_customers(20_000, tmp_path_factory.mktemp("data") / "customers.csv")


def dedupe(customers: Path, out: Path, *extra) -> dict:
    code = main(["dedupe", str(customers), "--output", str(out), "--quiet", *map(str, extra)])
    assert code == 0
    return json.loads((out / "summary.json").read_text())


def test_one_and_two_threads_write_identical_files(customers, tmp_path):
    one = dedupe(customers, tmp_path / "one", "--threads", 1)
    two = dedupe(customers, tmp_path / "two", "--threads", 2)
    assert one["threads"] == 1 and two["threads"] == 2
    for name in ("clusters.csv", "pairs.csv", "model.json", "profiles.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    assert one["candidate_pairs"] > 50_000
    assert one["entities_with_several_records"] > 1000
    sameas.set_threads(0)


def test_pairs_floor_keeps_the_pairs_above_it_and_the_same_clusters(customers, tmp_path):
    everything = dedupe(customers, tmp_path / "all")
    floored = dedupe(customers, tmp_path / "floor", "--pairs-floor", 0.5)
    assert floored["candidate_pairs"] == everything["candidate_pairs"]
    assert everything["pairs_written"] == everything["candidate_pairs"]
    all_pairs = pd.read_csv(tmp_path / "all" / "pairs.csv", dtype={"record_id_l": str, "record_id_r": str})
    kept = pd.read_csv(tmp_path / "floor" / "pairs.csv", dtype={"record_id_l": str, "record_id_r": str})
    expected = all_pairs[all_pairs["match_probability"] >= 0.5].reset_index(drop=True)
    assert 0 < len(kept) < len(all_pairs)
    assert floored["pairs_written"] == len(kept)
    pd.testing.assert_frame_equal(kept, expected)
    assert ((tmp_path / "all" / "clusters.csv").read_bytes()
            == (tmp_path / "floor" / "clusters.csv").read_bytes())
    # Seconds and peak memory per stage, blocking apart from comparing and scoring.
    for stage in ("prepare", "block", "train", "score", "cluster"):
        assert floored["seconds"][stage] >= 0
        assert floored["peak_memory_mib"][stage] > 0
    assert floored["peak_memory_mib_total"] >= max(floored["peak_memory_mib"].values())


def test_write_csv_round_trips_and_quotes_like_rfc_4180(tmp_path):
    frame = pd.DataFrame({
        "name": ["Kowalski, Jan", 'Szabó "Gabi" Gábor', "Wiśniewska\nMałgorzata", "", None, "NA"],
        "cluster": np.array([3, 1, 4, 1, 5, 9], dtype=np.int64),
        "p": [0.25, 1e-7, 0.999999, np.nan, 1.0, 0.5],
        "rule": pd.Categorical(["surname", "email", "surname", "email", "email", "surname"]),
        "flag": [True, False, True, False, True, False],
    })
    path = tmp_path / "out.csv"
    sameas.write_csv(frame, path)
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "name,cluster,p,rule,flag"
    assert '"Kowalski, Jan",3,0.25,surname,True' in text
    assert '"Szabó ""Gabi"" Gábor",1,1e-07,email,False' in text
    back = sameas.read_table(path)
    assert back.column("name") == ["Kowalski, Jan", 'Szabó "Gabi" Gábor', "Wiśniewska\nMałgorzata", "", None, "NA"]
    assert back.column("cluster") == ["3", "1", "4", "1", "5", "9"]
    assert back.column("p") == ["0.25", "1e-07", "0.999999", None, "1", "0.5"]
    # pandas reads it too, and agrees with what pandas writes for the numbers.
    theirs = pd.read_csv(path, keep_default_na=False)
    assert list(theirs["cluster"]) == [3, 1, 4, 1, 5, 9]


def test_ids_written_from_the_records_are_the_ids_written_from_python(tmp_path):
    # Ids that need quoting, and Polish and Hungarian names, through both paths of the writer.
    people = pd.DataFrame({
        "customer_id": ["c-1", "c,2", 'c"3', "NA", " c5", "c6", "c7", "c8"],
        "first_name": ["Łukasz", "Lukasz", "Zsófia", "Zsofia", "Ödön", "Odon", "Anna", "Anna"],
        "last_name": ["Wiśniewski", "Wisniewski", "Kovács", "Kovacs", "Szőke", "Szoke", "Nowak", "Nowak"],
        "city": ["Łódź", "Lodz", "Győr", "Gyor", "Pécs", "Pecs", "Kraków", "Kraków"],
    })
    linker = sameas.Linker({"crm": people}).train()
    pairs = linker.predict()
    clusters = linker.cluster(pairs)
    assert len(pairs) > 0
    linker.write_clusters(clusters, tmp_path / "clusters.csv")
    sameas.write_csv(clusters[["record_id", "source", "cluster_id"]], tmp_path / "clusters_py.csv")
    assert (tmp_path / "clusters.csv").read_bytes() == (tmp_path / "clusters_py.csv").read_bytes()
    linker.write_pairs(pairs, tmp_path / "pairs.csv")
    sameas.write_csv(pairs, tmp_path / "pairs_py.csv")
    assert (tmp_path / "pairs.csv").read_bytes() == (tmp_path / "pairs_py.csv").read_bytes()
    back = pd.read_csv(tmp_path / "clusters.csv", dtype=str, keep_default_na=False)
    assert back["record_id"].tolist() == people["customer_id"].tolist()
