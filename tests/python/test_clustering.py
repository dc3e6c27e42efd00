"""Constrained clustering, chaining protection, stable ids and golden profiles, through the
command line and the Python API, on the bundled sample and the generator behind it."""

import json

import numpy as np
import pandas as pd
import pytest

import sameas
from sameas.cli import main
from sameas.datasets import load_sample, sample_paths
from sameas.evaluation import bcubed_scores, pairwise_scores


def run_cli(args, capsys=None):
    code = main([str(a) for a in args] + ["--quiet"])
    out = capsys.readouterr() if capsys else None
    return code, out


@pytest.fixture(scope="module")
def sample_linker():
    tables = load_sample()
    linker = sameas.Linker({"crm": tables["crm"], "social": tables["social"]}).train()
    return tables, linker, linker.predict()


def platforms_per_cluster(clusters, social, source="social"):
    merged = clusters[clusters["source"] == source].merge(
        social[["account_id", "platform"]], left_on="record_id", right_on="account_id")
    return merged.groupby(["cluster_id", "platform"]).size()


# -- the command line -----------------------------------------------------------------------


def test_cli_unique_per_platform_writes_every_output_and_never_breaks_the_constraint(tmp_path, capsys):
    paths = sample_paths()
    code, _ = run_cli(["link", paths["crm"], paths["social"], "--output", tmp_path,
                       "--threshold", "0.05", "--unique-per", "platform"], capsys)
    assert code == 0
    for name in ("clusters.csv", "refused_links.csv", "cluster_quality.csv", "profiles.csv",
                 "profile_rules.json", "summary.json"):
        assert (tmp_path / name).exists(), name
    clusters = pd.read_csv(tmp_path / "clusters.csv", dtype=str)
    social = pd.read_csv(paths["social"], dtype=str)
    assert platforms_per_cluster(clusters, social, "sample_social").max() == 1

    summary = json.loads((tmp_path / "summary.json").read_text())
    refused = pd.read_csv(tmp_path / "refused_links.csv", dtype={"cluster_id_l": str, "cluster_id_r": str})
    assert summary["clustering"]["refused_links"] == len(refused) > 0
    assert refused["reason"].str.startswith("platform = ").all()
    assert (refused["cluster_id_l"] != refused["cluster_id_r"]).all()
    assert refused["match_probability"].min() >= 0.05
    # Strongest first.
    assert refused["match_weight"].is_monotonic_decreasing

    quality = pd.read_csv(tmp_path / "cluster_quality.csv")
    assert len(quality) == clusters["cluster_id"].nunique() == summary["entities"]
    assert quality["size"].sum() == len(clusters)
    assert ((quality["edges"] >= quality["size"] - 1)).all()  # each cluster is connected
    profiles = pd.read_csv(tmp_path / "profiles.csv", dtype=str, keep_default_na=False)
    assert len(profiles) == summary["entities"] == summary["profiles"]
    assert profiles["records"].astype(int).sum() == len(clusters)


def test_cli_without_constraints_matches_connected_components(tmp_path, sample_linker):
    _, linker, pairs = sample_linker
    paths = sample_paths()
    assert run_cli(["link", paths["crm"], paths["social"], "--output", tmp_path, "--threshold", "0.5",
                    "--no-unique-per"])[0] == 0
    clusters = pd.read_csv(tmp_path / "clusters.csv", dtype=str)
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["clustering"]["unique_per"] == []
    assert summary["clustering"]["refused_links"] == 0
    assert len(pd.read_csv(tmp_path / "refused_links.csv")) == 0
    assert summary["entities"] == clusters["cluster_id"].nunique()
    # Without constraints, the same clusters, numbered the same, as connected components.
    components = linker.cluster(pairs, 0.5)
    unconstrained = linker.clustering(pairs, 0.5).clusters
    assert components["cluster_id"].tolist() == unconstrained["cluster_id"].tolist()


def test_cli_keeps_one_account_per_platform_by_default(tmp_path, capsys):
    # The automatic settings find the sample's platform column and name it in unique_per;
    # the command clusters with it unless told --no-unique-per, and the same as --unique-per
    # platform.
    paths = sample_paths()
    default, explicit = tmp_path / "default", tmp_path / "explicit"
    assert run_cli(["link", paths["crm"], paths["social"], "--output", default], capsys)[0] == 0
    assert run_cli(["link", paths["crm"], paths["social"], "--output", explicit,
                    "--unique-per", "platform"], capsys)[0] == 0
    settings = json.loads((default / "settings.json").read_text())
    summary = json.loads((default / "summary.json").read_text())
    assert settings["unique_per"] == ["platform"]
    assert summary["clustering"]["unique_per"] == ["platform"]
    assert summary["clustering"]["refused_links"] > 0
    clusters = pd.read_csv(default / "clusters.csv", dtype=str)
    social = pd.read_csv(paths["social"], dtype=str)
    assert platforms_per_cluster(clusters, social, "sample_social").max() == 1
    assert clusters.equals(pd.read_csv(explicit / "clusters.csv", dtype=str))


def test_cli_duplicate_free_source_by_name_or_file(tmp_path, capsys):
    paths = sample_paths()
    for i, name in enumerate(["sample_crm", paths["crm"]]):
        out = tmp_path / str(i)
        code, _ = run_cli(["link", paths["crm"], paths["social"], "--output", out,
                           "--threshold", "0.05", "--duplicate-free", name, "--no-unique-per"],
                          capsys)
        assert code == 0
        clusters = pd.read_csv(out / "clusters.csv", dtype=str)
        assert clusters[clusters["source"] == "sample_crm"].groupby("cluster_id").size().max() == 1
        refused = pd.read_csv(out / "refused_links.csv")
        assert (refused["reason"] == "duplicate-free source 'sample_crm'").all()


def test_cli_errors_name_the_unknown_column_and_source(tmp_path, capsys):
    paths = sample_paths()
    code, out = run_cli(["link", paths["crm"], paths["social"], "--output", tmp_path,
                         "--unique-per", "platfrom"], capsys)
    assert code == 2 and "'platfrom'" in out.err
    code, out = run_cli(["link", paths["crm"], paths["social"], "--output", tmp_path,
                         "--duplicate-free", "erp"], capsys)
    assert code == 2 and "'erp'" in out.err and "sample_crm" in out.err
    code, out = run_cli(["link", paths["crm"], paths["social"], "--output", tmp_path,
                         "--split-below", "1.5"], capsys)
    assert code == 2 and "1.5" in out.err


def test_cli_split_below_splits_weak_bridges(tmp_path):
    paths = sample_paths()
    base = ["link", paths["crm"], paths["social"], "--threshold", "0.05", "--unique-per", "platform"]
    assert run_cli(base + ["--output", tmp_path / "a"])[0] == 0
    assert run_cli(base + ["--output", tmp_path / "b", "--split-below", "0.5"])[0] == 0
    a = json.loads((tmp_path / "a" / "summary.json").read_text())
    b = json.loads((tmp_path / "b" / "summary.json").read_text())
    assert b["clustering"]["bridges_removed"] > 0
    assert b["entities"] == a["entities"] + b["clustering"]["bridges_removed"]


def test_cli_stable_ids_across_runs_that_add_and_remove_records(tmp_path):
    paths = sample_paths()
    crm = pd.read_csv(paths["crm"], dtype=str)
    social = pd.read_csv(paths["social"], dtype=str)
    # Run 1 lacks the last 40 social accounts; run 2 lacks the first 30 CRM rows.
    (tmp_path / "1").mkdir()
    (tmp_path / "2").mkdir()
    crm.to_csv(tmp_path / "1" / "crm.csv", index=False)
    social.iloc[:-40].to_csv(tmp_path / "1" / "social.csv", index=False)
    crm.iloc[30:].to_csv(tmp_path / "2" / "crm.csv", index=False)
    social.to_csv(tmp_path / "2" / "social.csv", index=False)
    flags = ["--threshold", "0.5", "--unique-per", "platform"]
    assert run_cli(["link", tmp_path / "1" / "crm.csv", tmp_path / "1" / "social.csv",
                    "--output", tmp_path / "out1"] + flags)[0] == 0
    first = pd.read_csv(tmp_path / "out1" / "clusters.csv", dtype=str)
    assert run_cli(["link", tmp_path / "2" / "crm.csv", tmp_path / "2" / "social.csv",
                    "--output", tmp_path / "out2", "--previous", tmp_path / "out1" / "clusters.csv"]
                   + flags)[0] == 0
    second = pd.read_csv(tmp_path / "out2" / "clusters.csv", dtype=str)
    summary = json.loads((tmp_path / "out2" / "summary.json").read_text())["clustering"]
    assert summary["previous_records_removed"] == 30

    joined = second.merge(first, on=["source", "record_id"], how="left", suffixes=("", "_before"))
    # Every entity whose continuing records all had one previous id, held by no other new
    # entity, keeps that id.
    continuing = joined.dropna(subset=["cluster_id_before"])
    before_per_new = continuing.groupby("cluster_id")["cluster_id_before"].agg(set)
    new_per_before = continuing.groupby("cluster_id_before")["cluster_id"].nunique()
    unambiguous = [(new, next(iter(old))) for new, old in before_per_new.items()
                   if len(old) == 1 and new_per_before[next(iter(old))] == 1]
    assert len(unambiguous) > 300
    assert all(new == old for new, old in unambiguous)
    assert summary["entities_kept"] >= len(unambiguous)
    # Fresh ids come after every previous id; no previous id is handed to a new entity.
    brand_new = set(joined["cluster_id"]) - set(first["cluster_id"])
    assert summary["entities_new"] == len(brand_new) > 0
    assert min(int(i) for i in brand_new) > max(int(i) for i in first["cluster_id"])
    # Entities made only of removed CRM rows are retired.
    changes = pd.read_csv(tmp_path / "out2" / "entity_changes.csv", dtype=str)
    assert set(changes["change"]) <= {"merged", "split", "retired"}
    assert (changes["change"] == "retired").sum() == summary["entities_retired"] > 0

    # A third run over the same records changes nothing.
    assert run_cli(["link", tmp_path / "2" / "crm.csv", tmp_path / "2" / "social.csv",
                    "--output", tmp_path / "out3", "--previous", tmp_path / "out2" / "clusters.csv"]
                   + flags)[0] == 0
    third = pd.read_csv(tmp_path / "out3" / "clusters.csv", dtype=str)
    assert third["cluster_id"].tolist() == second["cluster_id"].tolist()
    assert len(pd.read_csv(tmp_path / "out3" / "entity_changes.csv")) == 0


# -- Python ---------------------------------------------------------------------------------


def test_result_does_not_depend_on_the_order_of_the_pairs(sample_linker):
    tables, linker, pairs = sample_linker
    first = linker.clustering(pairs, 0.05, unique_per="platform")
    shuffled = pairs.sample(frac=1.0, random_state=3).reset_index(drop=True)
    shuffled.attrs = {}  # make the linker look records up by id
    swapped = shuffled.rename(columns={"source_l": "source_r", "record_id_l": "record_id_r",
                                       "source_r": "source_l", "record_id_r": "record_id_l"})
    second = linker.clustering(swapped, 0.05, unique_per="platform")
    assert first.clusters["cluster_id"].tolist() == second.clusters["cluster_id"].tolist()
    pair = lambda f: sorted(map(tuple, np.sort(f[["record_id_l", "record_id_r"]].to_numpy(), axis=1)))
    assert pair(first.refused_links) == pair(second.refused_links)


def test_constraints_help_where_chaining_hurts():
    # Generated like the sample, at a threshold low enough for connected components to chain.
    tables = sameas.datasets.generate_people(1000, seed=11)
    linker = sameas.Linker({"crm": tables["crm"], "social": tables["social"]}).train()
    pairs = linker.predict()
    truth = tables["truth"].astype(str)

    def scores(clusters):
        merged = clusters.merge(truth, on=["source", "record_id"], validate="one_to_one")
        return (pairwise_scores(merged["cluster_id"], merged["person_id"]),
                bcubed_scores(merged["cluster_id"], merged["person_id"]))

    components = scores(linker.cluster(pairs, 0.05))
    result = linker.clustering(pairs, 0.05, unique_per=["platform"])
    constrained = scores(result.clusters)
    assert platforms_per_cluster(result.clusters, tables["social"]).max() == 1
    assert constrained[0]["precision"] > components[0]["precision"]
    assert constrained[0]["f1"] > components[0]["f1"]
    assert constrained[1]["f1"] >= components[1]["f1"]


def test_cluster_keywords_return_the_constrained_clusters(sample_linker):
    _, linker, pairs = sample_linker
    a = linker.cluster(pairs, 0.05, unique_per=["platform"])
    b = linker.clustering(pairs, 0.05, unique_per=["platform"]).clusters
    assert a.equals(b)


def test_quality_figures(sample_linker):
    _, linker, pairs = sample_linker
    q = linker.clustering(pairs, 0.5).quality
    single = q[q["size"] == 1]
    assert (single["edges"] == 0).all() and single["weakest_link"].isna().all()
    several = q[q["size"] > 1]
    assert (several["weakest_link"] <= several["average_link"] + 1e-12).all()
    assert ((several["density"] > 0) & (several["density"] <= 1)).all()
    assert (several["bridges"] <= several["edges"]).all()
    pairs_of_two = several[several["size"] == 2]
    assert (pairs_of_two["bridges"] == 1).all() and (pairs_of_two["density"] == 1).all()


def test_profiles_defaults_follow_roles_with_provenance(sample_linker):
    tables, linker, pairs = sample_linker
    clusters = linker.cluster(pairs, 0.5, unique_per="platform")
    profiles = linker.profiles(clusters)
    assert len(profiles) == clusters["cluster_id"].nunique()
    rules = {f["name"]: f for f in linker.profile_rules()["fields"]}
    assert rules["full_name"]["rule"] == "source_priority"
    assert rules["email"]["rule"] == "all" and rules["phone"]["rule"] == "all"
    assert rules["handle"] == {"name": "handle", "rule": "all", "per": "platform"}

    # A person with a CRM row and social accounts: the CRM name wins, every handle is kept
    # once per platform, and each value names its records.
    crm = tables["crm"].set_index("customer_id")
    social = tables["social"].set_index("account_id")
    rows = clusters.groupby("cluster_id")["source"].agg(set)
    mixed = rows[rows.apply(lambda s: s == {"crm", "social"})].index
    profile = profiles.set_index("cluster_id").loc[mixed[0]]
    members = clusters[clusters["cluster_id"] == mixed[0]]
    crm_ids = members.loc[members["source"] == "crm", "record_id"]
    names = {f"{crm.loc[i, 'first_name']} {crm.loc[i, 'last_name']}" for i in crm_ids}
    assert profile["full_name"] in names
    assert profile["full_name_from"].split(" ")[0].startswith("crm:")
    handles = profile["handle"].split(" | ")
    accounts = members.loc[members["source"] == "social", "record_id"]
    assert sorted(handles) == sorted(f"{social.loc[a, 'platform']}:{social.loc[a, 'handle']}" for a in accounts)
    assert len(profile["handle_from"].split(" | ")) == len(handles)


def test_profiles_rules_can_be_overridden_and_read_long(sample_linker):
    tables, linker, pairs = sample_linker
    clusters = linker.cluster(pairs, 0.5)
    profiles = linker.profiles(clusters, {"city": "longest", "email": "first_non_empty",
                                          "full_name": {"rule": "source_priority",
                                                        "source_priority": ["social"]}})
    assert not profiles["email"].str.contains(r" \| ", regex=True).any()
    long = linker.profiles(clusters, long=True)
    assert list(long.columns) == ["cluster_id", "field", "value", "per", "from"]
    assert long["from"].map(len).min() >= 1
    handles = long[long["field"] == "handle"]
    assert (handles["per"] != "").all()
    assert not handles.duplicated(["cluster_id", "per"]).any()  # one per platform per entity
    # The social-first rule takes the display name where an entity has a social account.
    # A display name of symbols only ("☕") is no name: such an account gives none.
    display = tables["social"].set_index("account_id")["display_name"].fillna("")
    named_accounts = display[display.str.contains(r"[^\W\d_]", regex=True)].index
    social = clusters[(clusters["source"] == "social") & clusters["record_id"].isin(named_accounts)]
    with_social = social["cluster_id"].unique()
    named = profiles.set_index("cluster_id").loc[with_social]
    named = named[named["full_name"] != ""]
    firsts = named["full_name_from"].str.split(" ").str[0]
    assert firsts.str.startswith("social:").all()


def test_profile_rule_errors(sample_linker):
    _, linker, pairs = sample_linker
    clusters = linker.cluster(pairs, 0.5)
    with pytest.raises(ValueError, match="'newest'"):
        linker.profiles(clusters, {"city": "newest"})
    with pytest.raises(ValueError, match="timestamp"):
        linker.profiles(clusters, {"city": "most_recent"})
    with pytest.raises(ValueError, match="'erp'"):
        linker.profiles(clusters, {"city": {"rule": "source_priority", "source_priority": ["erp"]}})


def test_bcubed_scores():
    s = bcubed_scores(pd.Series([1, 1, 1, 2]), pd.Series(["a", "a", "b", "b"]))
    # Records 0 and 1: precision 2/3, recall 1; record 2: 1/3 and 1/2; record 3: 1 and 1/2.
    assert s["precision"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert s["recall"] == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    perfect = bcubed_scores(pd.Series([0, 0, 1]), pd.Series([5, 5, 6]))
    assert perfect["f1"] == 1.0


@pytest.mark.parametrize("module", ["sameas.clustering", "sameas.profiles"])
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module),
                             optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
