"""Phones, dates and places through the command line and the Linker: the sample's social
location against the CRM's city, its birth year against the date of birth, the platform as the
column of one account per network, and the count of invalid phone numbers in the summary."""

import json

import pandas as pd

import sameas
from sameas.cli import main
from sameas.datasets import sample_paths


def test_sample_link_compares_location_with_city_and_birth_year_with_date(tmp_path, capsys):
    paths = sample_paths()
    code = main(["link", str(paths["crm"]), str(paths["social"]), "-o", str(tmp_path), "-q"])
    capsys.readouterr()
    assert code == 0
    settings = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    columns = {c["name"]: c for c in settings["columns"]}
    assert columns["city"]["inputs"]["sample_social"] == ["location"]
    assert columns["city"]["country_columns"] == ["country"]
    assert columns["birth_date"]["inputs"] == {"sample_crm": ["date_of_birth"],
                                             "sample_social": ["birth_year"]}
    assert "platform" not in columns and settings["unique_per"] == ["platform"]
    levels = {c["column"]: [l["type"] for l in c["levels"]] for c in settings["comparisons"]}
    assert levels["city"] == ["null", "exact", "same_city", "jaro_winkler", "same_country", "else"]
    assert levels["birth_date"][-3:] == ["year_within", "year_within", "else"]
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["prepare"]["birth_date"] == {"unparsed_dates": 0}
    # With the settings' platform column as --unique-per, no entity holds two accounts of one
    # platform.
    code = main(["link", str(paths["crm"]), str(paths["social"]), "-o", str(tmp_path), "-q",
                 "--unique-per", settings["unique_per"][0]])
    capsys.readouterr()
    assert code == 0
    clusters = pd.read_csv(tmp_path / "clusters.csv", dtype=str)
    social = pd.read_csv(paths["social"], dtype=str)
    merged = clusters.merge(social, left_on="record_id", right_on="account_id")
    assert not merged.duplicated(["cluster_id", "platform"]).any()


def test_phone_numbers_of_one_person_agree_across_formats_and_invalid_ones_are_counted():
    crm = pd.DataFrame({
        "id": ["c1", "c2", "c3", "c4", "c5", "c6"],
        "first_name": ["Katarzyna", "Katarzyna", "Zoltán", "Zoltán", "Budi", "Jürgen"],
        "last_name": ["Nowak", "Nowak", "Szőke", "Szőke", "Santoso", "Müller"],
        "phone": ["+48 697 725 942", "697-725-942", "06 30 004 6063", "+36-30/004-6063",
                  "0812-3456-7890", "12-34"],
        "country": ["PL", "Polska", "HU", "Magyarország", "Indonesia", "Deutschland"],
    })
    linker = sameas.Linker({"crm": crm})
    assert linker.prepare_counts["phone"] == {"invalid_phones": 1}
    settings = linker.settings
    phone = next(c for c in settings["comparisons"] if c["column"] == "phone")
    assert [l["type"] for l in phone["levels"]] == [
        "null", "exact", "trailing_digits", "damerau_levenshtein", "trailing_digits", "else"]
    pairs = linker.train().predict()
    pair = lambda a, b: pairs[((pairs.record_id_l == a) & (pairs.record_id_r == b))
                              | ((pairs.record_id_l == b) & (pairs.record_id_r == a))]
    for a, b in (("c1", "c2"), ("c3", "c4")):
        found = pair(a, b)
        assert len(found) == 1
        assert found.iloc[0]["gamma_phone"] == 1  # the same E.164 number
