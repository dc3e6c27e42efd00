"""The sample-data generator and the sample shipped with the package.

The generator is loaded from its file, not imported from the sameas package, whose __init__
needs the C++ extension; these tests run without a build.
"""

import collections
import csv
import doctest
import importlib.util
import os
import pathlib
import sys

import pandas as pd
import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("SAMEAS_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[2]))
GENERATOR_PATH = SOURCE_DIR / "bindings" / "python" / "sameas" / "datasets" / "_generator.py"
MAKE_SAMPLE_PATH = SOURCE_DIR / "scripts" / "make_sample.py"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


gen = _load("sameas_datasets_generator_under_test", GENERATOR_PATH)
make_sample = _load("sameas_make_sample_under_test", MAKE_SAMPLE_PATH)


@pytest.fixture(scope="module")
def tables():
    return gen.generate_people(300, seed=7)


@pytest.fixture(scope="module")
def sample():
    return gen.load_sample()


def _crm_with_person(tables):
    truth = tables["truth"]
    return tables["crm"].merge(truth[truth["source"] == "crm"], left_on="customer_id",
                               right_on="record_id", validate="one_to_one")


def test_same_seed_gives_same_tables(tables):
    again = gen.generate_people(300, seed=7)
    for name in ("crm", "social", "truth"):
        pd.testing.assert_frame_equal(tables[name], again[name])


def test_another_seed_gives_other_tables(tables):
    other = gen.generate_people(300, seed=8)
    assert not tables["crm"].equals(other["crm"])


def test_tables_have_the_documented_columns(tables):
    assert tuple(tables["crm"].columns) == gen.CRM_COLUMNS
    assert tuple(tables["social"].columns) == gen.SOCIAL_COLUMNS
    assert tuple(tables["truth"].columns) == gen.TRUTH_COLUMNS
    assert str(tables["social"]["birth_year"].dtype) == "Int64"


def test_every_record_appears_once_in_truth(tables):
    truth = tables["truth"]
    assert not truth.duplicated(["source", "record_id"]).any()
    assert set(truth["source"]) == {"crm", "social"}
    crm_ids = truth.loc[truth["source"] == "crm", "record_id"]
    social_ids = truth.loc[truth["source"] == "social", "record_id"]
    assert sorted(crm_ids) == sorted(tables["crm"]["customer_id"])
    assert sorted(social_ids) == sorted(tables["social"]["account_id"])
    assert tables["crm"]["customer_id"].is_unique
    assert tables["social"]["account_id"].is_unique
    assert truth["person_id"].notna().all()


def test_no_person_has_two_accounts_on_one_platform(tables):
    truth = tables["truth"]
    social = tables["social"].merge(truth[truth["source"] == "social"],
                                    left_on="account_id", right_on="record_id")
    assert len(social) == len(tables["social"])
    assert not social.duplicated(["person_id", "platform"]).any()
    assert set(social["platform"]) <= set(gen.PLATFORMS)


def test_handles_are_unique_per_platform(tables):
    assert not tables["social"].duplicated(["platform", "handle"]).any()


def test_namesakes_exist_and_are_different_people(sample):
    crm = _crm_with_person(sample)
    clean = crm.dropna(subset=["first_name", "last_name", "city"])
    people_per_name = clean.groupby(["first_name", "last_name", "city"])["person_id"].nunique()
    assert (people_per_name >= 2).sum() >= 3


def test_namesakes_are_made_with_their_own_person_ids():
    tables, stats = gen._generate(200, 3, gen.DEFAULT_LOCALES)
    assert stats["people:namesakes_made"] == 6
    crm = _crm_with_person(tables)
    clean = crm.dropna(subset=["first_name", "last_name", "city"])
    assert (clean.groupby(["first_name", "last_name", "city"])["person_id"].nunique() >= 2).any()


def test_duplicates_and_social_accounts_have_the_documented_rates(sample):
    truth = sample["truth"]
    people = truth["person_id"].nunique()
    crm_per_person = truth[truth["source"] == "crm"].groupby("person_id").size()
    social_people = truth.loc[truth["source"] == "social", "person_id"].nunique()
    assert 0.10 <= (crm_per_person > 1).sum() / people <= 0.20
    assert 0.60 <= social_people / people <= 0.80
    social = sample["social"]
    assert 0.20 <= social["email"].notna().mean() <= 0.40
    assert 0.12 <= social["birth_year"].notna().mean() <= 0.28


def test_variations_are_present(sample):
    crm, social = sample["crm"], sample["social"]
    dates = crm["date_of_birth"].dropna()
    assert dates.str.fullmatch(r"\d{4}-\d{2}-\d{2}").mean() > 0.8
    assert dates.str.fullmatch(r"\d{2}\.\d{2}\.\d{4}").any()
    assert (crm["country"].dropna() == "DE").any()
    assert crm["phone"].dropna().str.startswith("+48").any()
    assert crm["phone"].dropna().str.startswith("06-").any()
    assert crm["phone"].dropna().str.startswith("08").any()
    assert crm["first_name"].isna().any() or crm["last_name"].isna().any()  # mononyms
    assert social["display_name"].str.contains("|", regex=False).any()
    assert social["location"].dropna().str.contains("\U0001F1F5\U0001F1F1").any()  # 🇵🇱


def test_sample_contains_every_kind_of_variation():
    _, stats = gen._generate(make_sample.N_PEOPLE, make_sample.SEED, gen.DEFAULT_LOCALES)
    wanted = ["crm:" + v for v in (
        "duplicate", "typo_first_name", "typo_last_name", "missing_email", "missing_phone",
        "missing_date_of_birth", "missing_city", "diacritics_dropped", "umlaut_transliterated",
        "day_month_swapped", "nickname_first_name", "family_name_first", "mononym",
        "dob_dd.mm.yyyy", "city_english", "email_changed")]
    wanted += ["social:" + v for v in (
        "email", "birth_year", "handle_uninformative", "handle_reused", "missing_location")]
    wanted += ["people:namesakes_made", "people:social_only", "people:crm_records_3",
               "people:nickname_on_social"]
    assert [w for w in wanted if stats[w] == 0] == []


def test_polish_women_have_feminine_family_names():
    assert gen._polish_feminine("Kowalski") == "Kowalska"
    assert gen._polish_feminine("Nowicki") == "Nowicka"
    assert gen._polish_feminine("Zawadzki") == "Zawadzka"
    assert gen._polish_feminine("Wójcik") == "Wójcik"
    female_lasts = gen._names("pl_PL").last["female"].values
    assert "Kowalska" in female_lasts and "Kowalski" not in female_lasts


def test_one_edit_changes_one_character():
    rng = gen.Random(1)
    for word in ("Katarzyna", "Müller", "Szőke", "Ann"):
        for _ in range(50):
            typo = gen._one_edit(rng, word)
            assert typo != word
            assert abs(len(typo) - len(word)) <= 1


def test_text_folding():
    assert gen._fold("Łukasz Wiśniewski") == "Lukasz Wisniewski"
    assert gen._fold("Győr") == "Gyor"
    assert gen._german("Müller") == "Mueller"
    assert gen._ascii_token("Jürgen", "de_DE") == "juergen"


def test_bad_arguments_raise_value_error():
    with pytest.raises(ValueError, match="fr_FR"):
        gen.generate_people(10, locales=["fr_FR"])
    with pytest.raises(ValueError, match="n_people"):
        gen.generate_people(-1)
    with pytest.raises(ValueError, match="locales"):
        gen.generate_people(10, locales=[])


def test_one_locale_and_no_people():
    only_hu = gen.generate_people(40, seed=2, locales=("hu_HU",))
    assert set(only_hu["crm"]["country"].dropna()) <= {"HU", "Hungary", "Magyarország"}
    empty = gen.generate_people(0)
    assert all(len(t) == 0 for t in empty.values())
    assert tuple(empty["crm"].columns) == gen.CRM_COLUMNS


def test_sample_files_parse_with_the_csv_module():
    paths = gen.sample_paths()
    assert set(paths) == {"crm", "social", "truth"}
    counts = {}
    for name, path in paths.items():
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f, strict=True))
        header, body = rows[0], rows[1:]
        assert all(len(row) == len(header) for row in body), name
        counts[name] = len(body)
    assert counts["truth"] == counts["crm"] + counts["social"]
    assert 400 <= counts["crm"] <= 520
    assert 330 <= counts["social"] <= 480


def test_load_sample_reads_the_shipped_files(sample):
    for name, path in gen.sample_paths().items():
        with open(path, encoding="utf-8", newline="") as f:
            assert len(sample[name]) == sum(1 for _ in csv.reader(f)) - 1
    crm_ids = set(sample["crm"]["customer_id"])
    assert crm_ids == set(sample["truth"].loc[sample["truth"]["source"] == "crm", "record_id"])


def test_shipped_sample_is_what_make_sample_writes(tmp_path):
    assert make_sample.main(["--out", str(tmp_path)]) == 0
    for name, path in gen.sample_paths().items():
        written = (tmp_path / path.name).read_bytes()
        assert written == path.read_bytes(), (
            f"{path.name} differs from what scripts/make_sample.py writes; rerun it")


def test_sample_equals_the_generator_output(sample):
    made = gen.generate_people(make_sample.N_PEOPLE, seed=make_sample.SEED)
    for name in ("crm", "social", "truth"):
        pd.testing.assert_frame_equal(sample[name], made[name])


def test_docstring_examples_run():
    result = doctest.testmod(gen, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_person_ids_are_shared_across_sources(sample):
    truth = sample["truth"]
    per_person = truth.groupby("person_id")["source"].agg(lambda s: tuple(sorted(set(s))))
    kinds = collections.Counter(per_person)
    assert kinds[("crm", "social")] > 0
    assert kinds[("crm",)] > 0
    assert kinds[("social",)] > 0
