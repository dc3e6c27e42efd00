"""The sameas command: outputs, automatic settings, re-runs, and clear errors on bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from sameas.cli import main
from sameas.datasets import sample_paths


def run(args, capsys):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write(path: Path, text: str, encoding="utf-8") -> Path:
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


PEOPLE = (
    "id,first_name,surname,dob,city,email\n"
    "1,Katarzyna,Nowak,1984-03-07,Warszawa,kasia.nowak@example.pl\n"
    "2,Katarzyna,Nowak,1984-03-07,Warszawa,kasia.nowak@example.pl\n"
    "3,Katarzyna,Nowak,1984-03-07,Warsaw,\n"
    "4,Jan,Kowalski,1979-11-02,Kraków,jan.k@example.pl\n"
    "5,Jan,Kowalski,1979-11-02,Krakow,jan.k@example.pl\n"
    "6,Zoltán,Szőke,1990-01-15,Budapest,szoke.z@example.hu\n"
    "7,Hans,Müller,1965-07-30,München,h.mueller@example.de\n"
    "8,Anna,Wiśniewska,2001-05-05,Gdańsk,\n"
)


def test_link_writes_every_output_and_keeps_every_record(tmp_path, capsys):
    paths = sample_paths()
    code, out, err = run(["link", paths["crm"], paths["social"], "--output", tmp_path / "out"], capsys)
    assert code == 0, err
    out_dir = tmp_path / "out"
    for name in ("clusters.csv", "pairs.csv", "model.json", "settings.json", "summary.json"):
        assert (out_dir / name).exists(), name
    clusters = pd.read_csv(out_dir / "clusters.csv", dtype=str)
    assert list(clusters.columns) == ["record_id", "source", "cluster_id"]
    crm = pd.read_csv(paths["crm"], dtype=str)
    social = pd.read_csv(paths["social"], dtype=str)
    assert len(clusters) == len(crm) + len(social)
    assert set(clusters.loc[clusters.source == "sample_crm", "record_id"]) == set(crm.customer_id)
    assert set(clusters.loc[clusters.source == "sample_social", "record_id"]) == set(social.account_id)
    summary = json.loads((out_dir / "summary.json").read_text())
    assert summary["records_read"] == len(clusters)
    assert summary["entities"] < len(clusters)  # some records were linked
    assert "records read" in out and "entities" in out
    assert "settings chosen from the data" in err  # automatic settings are printed
    pairs = pd.read_csv(out_dir / "pairs.csv")
    assert {"match_weight", "match_probability", "record_id_l", "record_id_r"} <= set(pairs.columns)
    assert any(c.startswith("gamma_") for c in pairs.columns)


def test_saved_settings_rerun_gives_the_same_clusters(tmp_path, capsys):
    data = write(tmp_path / "people.csv", PEOPLE)
    assert run(["dedupe", data, "--output", tmp_path / "a", "-q"], capsys)[0] == 0
    code, _, err = run(["dedupe", data, "--settings", tmp_path / "a" / "settings.json",
                        "--output", tmp_path / "b", "-q"], capsys)
    assert code == 0, err
    a = pd.read_csv(tmp_path / "a" / "clusters.csv")
    b = pd.read_csv(tmp_path / "b" / "clusters.csv")
    pd.testing.assert_frame_equal(a, b)


def test_saved_model_gives_identical_pairs(tmp_path, capsys):
    data = write(tmp_path / "people.csv", PEOPLE)
    assert run(["dedupe", data, "--output", tmp_path / "a", "-q"], capsys)[0] == 0
    code, _, err = run(["dedupe", data, "--model", tmp_path / "a" / "model.json",
                        "--output", tmp_path / "b", "-q"], capsys)
    assert code == 0, err
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "a" / "pairs.csv"),
                                  pd.read_csv(tmp_path / "b" / "pairs.csv"))


def test_threshold_one_links_nothing(tmp_path, capsys):
    data = write(tmp_path / "people.csv", PEOPLE)
    code, _, err = run(["dedupe", data, "--threshold", "1", "--output", tmp_path / "o", "-q"], capsys)
    assert code == 0, err
    clusters = pd.read_csv(tmp_path / "o" / "clusters.csv")
    assert clusters.cluster_id.nunique() == len(clusters) == 8


def test_console_script_is_installed(tmp_path):
    data = write(tmp_path / "people.csv", PEOPLE)
    exe = Path(sys.executable).with_name("sameas")
    result = subprocess.run([str(exe), "dedupe", str(data), "--output", str(tmp_path / "o")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "[sameas]" in result.stderr  # progress on stderr


# -- bad input: a clear message naming file, row, column and value; exit code 2 -----------

def expect_error(capsys, args, *fragments):
    code, _, err = run(args, capsys)
    assert code == 2
    assert "sameas: error:" in err
    for fragment in fragments:
        assert fragment in err, (fragment, err)
    return err


def test_missing_file(tmp_path, capsys):
    expect_error(capsys, ["dedupe", tmp_path / "nope.csv", "--output", tmp_path / "o"],
                 "nope.csv", "no such file")


def test_empty_file(tmp_path, capsys):
    data = write(tmp_path / "empty.csv", "")
    expect_error(capsys, ["dedupe", data, "--output", tmp_path / "o"], "empty.csv", "empty")


def test_unbalanced_quote_names_row_and_column(tmp_path, capsys):
    data = write(tmp_path / "bad.csv", 'id,name,city\n1,"Anna,Kraków\n2,Jan,Gdańsk\n')
    expect_error(capsys, ["dedupe", data, "--output", tmp_path / "o"],
                 "bad.csv", "row 1", "column 'name'", "quote")


def test_invalid_utf8_names_row_column_and_value(tmp_path, capsys):
    data = write(tmp_path / "latin1.csv", "id,name\n1,Anna\n2,Jérôme\n".encode("latin-1"))
    expect_error(capsys, ["dedupe", data, "--output", tmp_path / "o"],
                 "latin1.csv", "row 2", "column 'name'", "\\xE9", "UTF-8")


def test_missing_id(tmp_path, capsys):
    data = write(tmp_path / "ids.csv", "id,first_name,surname\n1,Anna,Nowak\n,Jan,Kowalski\n")
    expect_error(capsys, ["dedupe", data, "--output", tmp_path / "o"],
                 "ids.csv", "row 2", "column 'id'", "missing")


def test_duplicated_id(tmp_path, capsys):
    data = write(tmp_path / "ids.csv", "id,first_name,surname\n1,Anna,Nowak\n7,Jan,Kowalski\n7,Ewa,Lis\n")
    expect_error(capsys, ["dedupe", data, "--output", tmp_path / "o"],
                 "ids.csv", "row 3", "column 'id'", "'7'", "row 2")


def test_settings_naming_an_unknown_column(tmp_path, capsys):
    data = write(tmp_path / "people.csv", PEOPLE)
    assert run(["dedupe", data, "--output", tmp_path / "a", "-q"], capsys)[0] == 0
    settings = json.loads((tmp_path / "a" / "settings.json").read_text())
    settings["columns"].append({"name": "emial", "role": "email"})
    path = tmp_path / "bad_settings.json"
    path.write_text(json.dumps(settings))
    expect_error(capsys, ["dedupe", data, "--settings", path, "--output", tmp_path / "o"],
                 "bad_settings.json", "'emial'", "people")


def test_settings_with_a_bad_level(tmp_path, capsys):
    data = write(tmp_path / "people.csv", PEOPLE)
    assert run(["dedupe", data, "--output", tmp_path / "a", "-q"], capsys)[0] == 0
    settings = json.loads((tmp_path / "a" / "settings.json").read_text())
    settings["comparisons"][0]["levels"][1]["type"] = "jaro"
    path = tmp_path / "bad_level.json"
    path.write_text(json.dumps(settings))
    expect_error(capsys, ["dedupe", data, "--settings", path, "--output", tmp_path / "o"],
                 "bad_level.json", "comparisons[0].levels[1].type", "'jaro'")


def test_no_obvious_id_column_asks_for_one(tmp_path, capsys):
    data = write(tmp_path / "noid.csv", "first_name,surname\nAnna,Nowak\nJan,Kowalski\n")
    expect_error(capsys, ["dedupe", data, "--output", tmp_path / "o"], "noid.csv", "--id-column")
