"""The command line's analyst options end to end: training from labels (pairs or a cluster
column, counted or logistic), hashed term-frequency keys, evaluation against a truth column,
charts as PNG and SVG, and report.html as one self-contained file with the doubtful pairs."""

import json
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from sameas.cli import main

CHARTS = ("m_u", "weights", "blocking", "cluster_sizes", "precision_recall", "thresholds")


def run(args, capsys):
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_well_formed(page: str) -> None:
    """Every element the page opens it closes, in order (a browser would not complain)."""

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.open, self.errors = [], []

        def handle_starttag(self, tag, attrs):
            if tag not in ("img", "br", "meta"):
                self.open.append(tag)

        def handle_endtag(self, tag):
            if self.open and self.open[-1] == tag:
                self.open.pop()
            else:
                self.errors.append((tag, self.open[-3:]))

    tags = Tags()
    tags.feed(page)
    assert tags.errors == [] and tags.open == []


@pytest.fixture
def fake_1000(shared_data):
    return shared_data / "splink" / "fake_1000.csv", shared_data / "splink" / "fake_1000_labels.csv"


def test_label_training_truth_report_and_charts_end_to_end(fake_1000, tmp_path, capsys):
    data, labels = fake_1000
    out = tmp_path / "out"
    code, stdout, err = run(["dedupe", data, "-o", out, "--labels", labels, "--supervised", "logistic",
                             "--truth", "cluster", "--report", "--charts", out / "charts",
                             "--tf-key", "only-we-know"], capsys)
    assert code == 0, err
    model = json.loads((out / "model.json").read_text())
    assert model["training_method"] == "logistic_regression"
    # Evaluation: the figures the library measures (docs/model.md: cluster F1 0.937).
    evaluation = json.loads((out / "evaluation.json").read_text())
    assert evaluation["truth"] == "cluster"
    assert evaluation["true_pairs"] == 2031
    assert evaluation["cluster_pairwise"]["f1"] > 0.92
    assert evaluation["best"]["f1"] >= evaluation["at_threshold"]["f1"]
    assert 0.8 < evaluation["blocking_recall"] < 0.9
    assert evaluation["at_threshold"]["recall"] <= evaluation["blocking_recall"]
    assert json.loads((out / "summary.json").read_text())["evaluation"] == evaluation
    table = pd.read_csv(out / "thresholds.csv")
    assert table["recall"].max() == pytest.approx(evaluation["blocking_recall"], abs=1e-6)  # 6 digits
    assert "blocking recall" in stdout and "B-cubed F1" in stdout
    for name in CHARTS:
        for suffix in ("png", "svg"):
            assert (out / "charts" / f"{name}.{suffix}").stat().st_size > 1000, (name, suffix)
    assert (out / "charts" / "m_u.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "charts" / "m_u.svg").read_text().lstrip().startswith("<?xml")

    page = (out / "report.html").read_text(encoding="utf-8")
    assert_well_formed(page)
    # One file, nothing fetched: every image is embedded, no stylesheet, script or link out.
    assert not re.search(r"<(script|link|iframe)\b", page, re.I)
    assert not re.search(r"(src|href)=\"(?!data:|#)", page)
    assert not re.search(r"url\(", page)
    images = re.findall(r'src="data:image/png;base64,', page)
    assert len(images) >= 6 + 2  # the six charts and a waterfall per doubtful pair
    for section in ("summary", "accuracy", "model", "blocking", "weights", "clusters", "doubtful",
                    "settings"):
        assert f'<section id="{section}">' in page, section
    assert "only-we-know" not in page  # the secret is never shown
    # The doubtful pairs are the pairs nearest the threshold, both records side by side.
    pairs = pd.read_csv(out / "pairs.csv", dtype={"record_id_l": str, "record_id_r": str})
    links = pairs[pairs.match_probability >= 0.9].nsmallest(1, "match_weight").iloc[0]
    refused = pairs[pairs.match_probability < 0.9].nlargest(1, "match_weight").iloc[0]
    for pair in (links, refused):
        heading = f"fake_1000:{pair.record_id_l} and fake_1000:{pair.record_id_r}"
        assert heading in page
    section = page[page.index('<section id="doubtful">'):]
    frame = pd.read_csv(data, dtype=str)
    left = frame[frame.unique_id == links.record_id_l].iloc[0]
    shown = [left[c] for c in ("first_name", "surname", "email", "city") if pd.notna(left[c])]
    assert shown and all(f"<td>{value}</td>" in section for value in shown)


def test_cluster_column_labels_train_a_counted_model(fake_1000, tmp_path, capsys):
    data, _ = fake_1000
    code, stdout, err = run(["dedupe", data, "-o", tmp_path / "out", "--label-column", "cluster",
                             "--truth", "cluster"], capsys)
    assert code == 0, err
    assert "training from cluster column 'cluster'" in err
    model = json.loads((tmp_path / "out" / "model.json").read_text())
    assert model["training_method"] == "labels"
    assert not (tmp_path / "out" / "report.html").exists()


def test_hashed_term_frequency_keys_from_the_command_line(fake_1000, tmp_path, capsys):
    data, _ = fake_1000
    assert run(["dedupe", data, "-o", tmp_path / "a", "-q"], capsys)[0] == 0
    settings = json.loads((tmp_path / "a" / "settings.json").read_text())
    for comparison in settings["comparisons"]:
        if comparison["column"] in ("first_name", "surname"):
            comparison["term_frequency"] = True
    (tmp_path / "tf.json").write_text(json.dumps(settings))
    code, _, err = run(["dedupe", data, "-o", tmp_path / "b", "--settings", tmp_path / "tf.json",
                        "--tf-key", "bank secret", "-q"], capsys)
    assert code == 0, err
    text = (tmp_path / "b" / "model.json").read_text()
    model = json.loads(text)
    assert model["tf_keys"] == "siphash-2-4"
    names = pd.read_csv(data, dtype=str).first_name.dropna().str.lower()
    assert not any(f'"{name}"' in text for name in names.unique())
    # A secret given in the settings is used, and kept out of the report that is shared.
    settings["hash_tf_keys"] = {"key": "bank secret"}
    (tmp_path / "keyed.json").write_text(json.dumps(settings))
    code, _, err = run(["dedupe", data, "-o", tmp_path / "k", "--settings", tmp_path / "keyed.json",
                        "--report", "-q"], capsys)
    assert code == 0, err
    assert json.loads((tmp_path / "k" / "model.json").read_text())["tf_keys"] == "siphash-2-4"
    page = (tmp_path / "k" / "report.html").read_text()
    assert "bank secret" not in page and "(secret, not shown)" in page
    code, _, err = run(["dedupe", data, "-o", tmp_path / "c", "--model", tmp_path / "b" / "model.json",
                        "--tf-key", "bank secret", "-q"], capsys)
    assert code == 0, err
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "b" / "pairs.csv"),
                                  pd.read_csv(tmp_path / "c" / "pairs.csv"))
    code, _, err = run(["dedupe", data, "-o", tmp_path / "d", "--model", tmp_path / "b" / "model.json",
                        "-q"], capsys)
    assert code == 2 and "sameas: error:" in err


def test_bad_labels_name_file_row_column_and_value(fake_1000, tmp_path, capsys):
    data, labels = fake_1000
    frame = pd.read_csv(labels, dtype=str)
    frame.loc[41, "clerical_match_score"] = "sure"
    bad = tmp_path / "labels.csv"
    frame.to_csv(bad, index=False)
    code, _, err = run(["dedupe", data, "-o", tmp_path / "out", "--labels", bad], capsys)
    assert code == 2
    assert f"{bad} row 42 (line 43): column 'clerical_match_score': 'sure'" in err
    frame = pd.read_csv(labels, dtype=str)
    frame.loc[7, "unique_id_r"] = "10000"
    frame.to_csv(bad, index=False)
    code, _, err = run(["dedupe", data, "-o", tmp_path / "out", "--labels", bad], capsys)
    assert code == 2
    assert f"{bad} row 8 (line 9): column 'unique_id_r': no record has id '10000'" in err


@pytest.mark.parametrize("extra, message", [
    (["--supervised", "logistic"], "--supervised needs labels"),
    (["--labels", "x.csv", "--label-column", "cluster"], "give one of them"),
    (["--labels", "no_such_labels.csv"], "no_such_labels.csv: no such labels file"),
    (["--truth", "cluster", "--truth-pairs", "x.csv"], "give one of them"),
])
def test_label_options_that_cannot_mean_anything_are_refused(fake_1000, tmp_path, capsys, extra, message):
    data, _ = fake_1000
    code, _, err = run(["dedupe", data, "-o", tmp_path / "out", *extra], capsys)
    assert code == 2 and message in err


def test_report_of_two_tables_lines_up_what_is_compared(tmp_path, capsys):
    from sameas.datasets import sample_paths

    paths = sample_paths()
    out = tmp_path / "out"
    code, _, err = run(["link", paths["crm"], paths["social"], "-o", out, "--report", "-q"], capsys)
    assert code == 0, err
    page = (out / "report.html").read_text(encoding="utf-8")
    assert_well_formed(page)
    section = page[page.index('<section id="doubtful">'):page.index('<section id="settings">')]
    assert section.count('<div class="pair') == 12  # six links, six refused
    # The CRM's first_name + last_name and the social display_name meet as full_name.
    crm = pd.read_csv(paths["crm"], dtype=str)
    first = re.search(r"<th>sample_crm:(C\d+)</th>", section).group(1)
    person = crm[crm.customer_id == first].iloc[0]
    name = " ".join(part for part in (person.first_name, person.last_name) if isinstance(part, str))
    assert f"<th>full_name</th><td>{name}</td>" in section
    assert "<th>other columns</th>" in section and f"customer_id: {first}" in section
    assert '<section id="accuracy">' not in page  # no truth, no accuracy


def test_evaluation_against_labelled_pairs(fake_1000, tmp_path, capsys):
    data, labels = fake_1000
    out = tmp_path / "out"
    code, stdout, err = run(["dedupe", data, "-o", out, "--truth-pairs", labels, "--report"], capsys)
    assert code == 0, err
    evaluation = json.loads((out / "evaluation.json").read_text())
    frame = pd.read_csv(labels)
    assert evaluation["true_pairs"] == int((frame.clerical_match_score >= 0.5).sum())
    assert evaluation["pairs_evaluated"] <= len(frame)
    assert "cluster_pairwise" not in evaluation
    assert "blocking recall" in stdout and "B-cubed" not in stdout
    page = (out / "report.html").read_text(encoding="utf-8")
    assert_well_formed(page)
    assert "Against the labelled pairs" in page


def test_blocking_only_counts_without_generating(shared_data, tmp_path, capsys):
    frame = pd.read_csv(shared_data / "febrl" / "dataset3.csv", dtype=str, skipinitialspace=True)
    frame.columns = [c.strip() for c in frame.columns]
    frame["person"] = frame["rec_id"].str.extract(r"rec-(\d+)-", expand=False)
    data = tmp_path / "febrl3.csv"
    frame.to_csv(data, index=False)
    out = tmp_path / "out"
    code, stdout, err = run(["dedupe", data, "-o", out, "--id-column", "rec_id", "--blocking-only",
                             "--truth", "person", "--charts", out / "charts"], capsys)
    assert code == 0, err
    assert not (out / "pairs.csv").exists() and not (out / "model.json").exists()
    rules = pd.read_csv(out / "blocking.csv")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["true_pairs"] == 6538
    assert summary["candidate_pairs"] == int(rules["cumulative_pairs"].iloc[-1])
    assert rules["cumulative_recall"].is_monotonic_increasing
    assert (out / "charts" / "blocking.png").exists() and (out / "largest_blocks.csv").exists()
    assert "blocking recall" in stdout and "largest block of" in stdout
    # The same settings, run in full, generate exactly the counted pairs.
    code, _, err = run(["dedupe", data, "-o", tmp_path / "full", "--settings", out / "settings.json",
                        "-q"], capsys)
    assert code == 0, err
    assert len(pd.read_csv(tmp_path / "full" / "pairs.csv")) == summary["candidate_pairs"]


def test_a_run_without_a_single_pair_still_reports(tmp_path, capsys):
    data = tmp_path / "people.csv"
    data.write_text("id,first_name,surname,person\n1,Anna,Nowak,a\n2,Anna,Kos,a\n3,Jan,Szűcs,b\n",
                    encoding="utf-8")
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({
        "id_column": "id", "columns": [{"name": "first_name"}, {"name": "surname"}],
        "blocking_rules": ["surname"],
        "comparisons": [{"column": "first_name", "levels": [{"type": "null"}, {"type": "exact"},
                                                            {"type": "else"}]}]}))
    out = tmp_path / "out"
    code, stdout, err = run(["dedupe", data, "-o", out, "--settings", settings, "--truth", "person",
                             "--report", "--charts", out / "charts"], capsys)
    assert code == 0, err
    evaluation = json.loads((out / "evaluation.json").read_text())
    assert evaluation["true_pairs"] == 1 and evaluation["blocking_recall"] == 0.0
    assert "no pair scored" in stdout
    page = (out / "report.html").read_text(encoding="utf-8")
    assert_well_formed(page)
    assert '<section id="doubtful">' in page
