"""The Python face: tables in as pandas / Arrow / paths, pairs and clusters out, models saved
and loaded."""

import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import sameas


@pytest.fixture
def sample():
    return sameas.datasets.load_sample()


def test_read_table_keeps_nulls_and_unicode():
    frame = pd.DataFrame({"id": [1, 2, 3], "name": ["Łukasz", None, "李"], "year": [1984.0, np.nan, 2001.0]})
    table = sameas.read_table(frame, "crm")
    assert table.num_rows == 3
    assert table.column("id") == ["1", "2", "3"]
    assert table.column("name") == ["Łukasz", None, "李"]
    assert table.column("year") == ["1984", None, "2001"]  # integral floats read as written


def test_read_table_from_arrow_slice():
    arrow = pa.table({"id": ["a", "b", "c", "d"], "name": ["Anna", "Jan", None, "Ewa"]}).slice(1, 2)
    table = sameas.read_table(arrow, "x")
    assert table.column("id") == ["b", "c"]
    assert table.column("name") == ["Jan", None]


def test_parquet_and_csv_give_the_same_table(tmp_path, sample):
    crm = sample["crm"]
    crm.to_parquet(tmp_path / "crm.parquet")
    crm.to_csv(tmp_path / "crm.csv", index=False)
    a = sameas.read_table(tmp_path / "crm.parquet")
    b = sameas.read_table(tmp_path / "crm.csv")
    assert a.source == b.source == "crm"
    for name in ["customer_id", "first_name", "last_name", "email", "city"]:
        assert a.column(name) == b.column(name)


def test_linker_predicts_pairs_and_clusters_every_record(sample):
    linker = sameas.Linker({"crm": sample["crm"], "social": sample["social"]}).train()
    pairs = linker.predict()
    assert len(pairs) > 0
    assert pairs["match_probability"].between(0, 1).all()
    assert set(pairs["source_l"]) | set(pairs["source_r"]) <= {"crm", "social"}
    clusters = linker.cluster(pairs)
    assert len(clusters) == len(sample["crm"]) + len(sample["social"])
    assert clusters.groupby("source").size().to_dict() == {"crm": len(sample["crm"]), "social": len(sample["social"])}


def test_settings_dict_round_trips(sample):
    linker = sameas.Linker(sample["crm"])
    settings = linker.settings
    again = sameas.Linker(sample["crm"], settings)
    assert again.settings == settings
    assert settings["link_type"] == "dedupe"
    assert settings["id_column"] == "customer_id"


def test_infer_settings_aligns_full_name_with_given_and_family(sample):
    settings = sameas.infer_settings({"crm": sample["crm"], "social": sample["social"]})
    full = [c for c in settings["columns"] if c["role"] == "full_name"]
    assert full and full[0]["inputs"]["crm"] == ["first_name", "last_name"]
    assert full[0]["inputs"]["social"] == ["display_name"]


def test_saved_model_reloads_to_identical_predictions(tmp_path, sample):
    linker = sameas.Linker(sample["crm"]).train()
    linker.save_model(tmp_path / "model.json")
    model = json.loads((tmp_path / "model.json").read_text())
    assert model["format"] == "sameas-model" and model["version"] == 2
    again = sameas.Linker.from_model(sample["crm"], tmp_path / "model.json")
    pd.testing.assert_frame_equal(linker.predict(), again.predict())


def test_training_is_deterministic(sample):
    a = sameas.Linker(sample["crm"]).train().model
    b = sameas.Linker(sample["crm"]).train().model
    assert a == b


def test_count_pairs_before_generating(sample):
    counts = sameas.Linker(sample["crm"]).count_pairs()
    assert {"rule", "pairs", "largest_block"} <= set(counts.columns)
    assert (counts["pairs"] >= 0).all()


def test_unknown_column_in_settings_is_a_value_error(sample):
    settings = sameas.Linker(sample["crm"]).settings
    settings["comparisons"][0]["column"] = "nickname"
    with pytest.raises(ValueError, match="nickname"):
        sameas.Linker(sample["crm"], settings)


def test_predict_threshold_filters_pairs(sample):
    linker = sameas.Linker(sample["crm"]).train()
    strong = linker.predict(threshold=0.99)
    assert (strong["match_probability"] >= 0.99).all()
    clusters = linker.cluster(strong, threshold=0.99)
    assert len(clusters) == len(sample["crm"])
