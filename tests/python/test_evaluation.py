"""Evaluation against ground truth and the blocking analysis: hand-computed cases, a plain
reference for the threshold table, brute force for the blocking counts, agreement between
the counted and the generated blocking recall, and label files whose errors say where."""

import itertools
import math

import numpy as np
import pandas as pd
import pytest

import sameas
from sameas.evaluation import (best_threshold, bcubed_scores, precision_recall_curve,
                               threshold_table, true_pair_count)

PEOPLE = pd.DataFrame({
    "id": ["1", "2", "3", "4", "5", "6", "7"],
    "first_name": ["Katarzyna", "Katarzyna", "Kasia", "Zoltán", "Zoltan", "Hans", "Hans"],
    "surname": ["Nowak", "Nowak", "Nowak", "Szűcs", "Szucs", "Müller", "Müller"],
    "city": ["Warszawa", "Warszawa", "Warsaw", "Budapest", "Budapest", "München", "Munich"],
    "person": ["A", "A", "A", "B", "B", "C", ""],
})
SETTINGS = {
    "id_column": "id", "threshold": 0.9,
    "columns": [{"name": "first_name"}, {"name": "surname"}, {"name": "city"}],
    "blocking_rules": ["surname"],
    "comparisons": [
        {"column": c, "levels": [{"type": "null"}, {"type": "exact"}, {"type": "else"}]}
        for c in ("first_name", "surname", "city")],
}


def hand_pairs(rows):
    """A predictions frame from (id_l, id_r, weight) rows, scored by hand."""
    weights = np.array([w for _, _, w in rows], dtype=float)
    return pd.DataFrame({
        "source_l": "people", "record_id_l": [a for a, _, _ in rows],
        "source_r": "people", "record_id_r": [b for _, b, _ in rows],
        "match_weight": weights, "match_probability": 1 / (1 + 2.0 ** -weights)})


def test_evaluate_by_hand():
    # Truth: {1, 2, 3} (3 pairs), {4, 5} (1 pair), {6}; 7 unknown. Blocking missed (2, 3).
    linker = sameas.Linker({"people": PEOPLE}, SETTINGS)
    pairs = hand_pairs([("1", "2", 8.0), ("1", "3", 5.0), ("4", "5", -2.0), ("2", "4", 5.0),
                        ("3", "6", 1.0), ("6", "7", 9.0)])
    result = linker.evaluate(truth="person", predictions=pairs, threshold=0.9)
    assert result.true_pairs == 4
    assert result.true_pairs_blocked == 3
    assert result.blocking_recall == 0.75
    assert result.pairs_evaluated == 5  # (6, 7) has an unknown side
    table = result.thresholds
    assert table["match_weight"].tolist() == [-2.0, 1.0, 5.0, 8.0]
    assert table["links"].tolist() == [5, 4, 3, 1]
    assert table["true_positives"].tolist() == [3, 2, 2, 1]
    assert table["false_negatives"].tolist() == [1, 2, 2, 3]
    np.testing.assert_allclose(table["precision"], [3 / 5, 2 / 4, 2 / 3, 1])
    np.testing.assert_allclose(table["recall"], [3 / 4, 2 / 4, 2 / 4, 1 / 4])
    np.testing.assert_allclose(table["f1"], [6 / 9, 4 / 8, 4 / 7, 2 / 5])
    assert result.best["match_weight"] == -2.0 and result.best["f1"] == pytest.approx(2 / 3)
    # p >= 0.9 is w >= log2(9) = 3.17: the pairs at 8 and 5.
    assert result.at_threshold["links"] == 3 and result.at_threshold["true_positives"] == 2
    # Clusters at p >= 0.9: {1, 2, 3, 4}, {5}, {6, 7}; record 7 is left out (unknown).
    assert result.cluster_pairwise["predicted_pairs"] == 6
    assert result.cluster_pairwise["true_positives"] == 3
    assert result.cluster_pairwise["precision"] == 0.5
    assert result.cluster_pairwise["recall"] == 0.75
    # B-cubed: 1-3 precision 3/4 recall 1; 4 precision 1/4 recall 1/2; 5 precision 1 recall
    # 1/2; 6 precision 1 recall 1.
    assert result.cluster_bcubed["precision"] == pytest.approx((3 * 0.75 + 0.25 + 1 + 1) / 6)
    assert result.cluster_bcubed["recall"] == pytest.approx((3 + 0.5 + 0.5 + 1) / 6)
    assert result.records_evaluated == 6
    # Given clusters (a constrained run's) are scored instead: all singletons link nothing.
    singletons = linker.cluster(pairs, threshold=1.0)
    alone = linker.evaluate(truth="person", predictions=pairs, threshold=0.9, clusters=singletons)
    assert alone.cluster_pairwise["predicted_pairs"] == 0 and alone.cluster_pairwise["recall"] == 0
    assert alone.cluster_bcubed["precision"] == 1.0
    assert alone.thresholds.equals(result.thresholds)  # pairs are scored as before


def test_evaluate_with_labelled_pairs_by_hand(tmp_path):
    linker = sameas.Linker({"people": PEOPLE}, SETTINGS)
    pairs = hand_pairs([("1", "2", 8.0), ("1", "3", 5.0), ("2", "4", 5.0), ("4", "5", -2.0)])
    labels = tmp_path / "labels.csv"
    # (2, 3) is a labelled match blocking never generated; (6, 7) a non-match never generated;
    # (3, 1) is (1, 3) the other way round.
    labels.write_text("record_id_l,record_id_r,match\n1,2,1\n3,1,yes\n2,4,0\n4,5,true\n"
                      "2,3,1\n6,7,no\n")
    result = linker.evaluate(labels=labels, predictions=pairs, threshold=0.9)
    assert result.true_pairs == 4 and result.true_pairs_blocked == 3
    table = result.thresholds
    assert table["match_weight"].tolist() == [-2.0, 5.0, 8.0]
    assert table["true_positives"].tolist() == [3, 2, 1]
    assert table["false_positives"].tolist() == [1, 1, 0]
    np.testing.assert_allclose(table["recall"], [3 / 4, 2 / 4, 1 / 4])
    assert result.cluster_pairwise is None  # pairs alone do not say who else is who


def test_labelled_pairs_blocking_missed_are_scored_on_request(tmp_path):
    linker = sameas.Linker({"people": PEOPLE}, SETTINGS).train()
    labels = pd.DataFrame({"record_id_l": ["1", "3", "2", "4", "2", "6"],
                           "record_id_r": ["2", "1", "4", "5", "3", "7"],
                           "match": [1, 1, 0, 1, 1, 0]})
    result = linker.evaluate(labels=labels, score_unblocked=True)
    # Each labelled pair's weight is its explanation's, blocked or not.
    weights = [linker.explain(a, b).match_weight for a, b in zip(labels.record_id_l, labels.record_id_r)]
    expected = threshold_table(weights, labels.match.astype(bool), 4)
    pd.testing.assert_frame_equal(result.thresholds, expected)
    assert result.pairs_evaluated == 6
    blocked = linker.evaluate(labels=labels)
    assert result.blocking_recall == blocked.blocking_recall  # still the candidates'
    assert blocked.pairs_evaluated < 6


def reference_table(scores, is_match, total):
    """Precision, recall and F1 at each distinct score, one threshold at a time."""
    rows = []
    for t in sorted(set(scores)):
        links = [m for s, m in zip(scores, is_match) if s >= t]
        tp = sum(links)
        rows.append((t, len(links), tp, tp / len(links), tp / total, 2 * tp / (len(links) + total)))
    return rows


def test_threshold_table_equals_the_reference_on_random_scores():
    random = np.random.default_rng(5)
    for trial in range(40):
        n = int(random.integers(1, 300))
        # Few distinct scores, so that ties are common, as with comparison levels.
        scores = random.choice(np.round(random.normal(0, 8, 25), 1), n)
        is_match = random.random(n) < 1 / (1 + 2.0 ** -scores)
        total = int(is_match.sum() + random.integers(0, 5))
        if total == 0:
            continue
        table = threshold_table(scores, is_match, total)
        expected = reference_table(scores.tolist(), is_match.tolist(), total)
        assert len(table) == len(expected)
        for row, (t, links, tp, p, r, f) in zip(table.itertuples(), expected):
            assert (row.match_weight, row.links, row.true_positives) == (t, links, tp)
            assert (row.precision, row.recall, row.f1) == pytest.approx((p, r, f))
        best = best_threshold(table)
        assert best["f1"] == max(f for *_, f in expected)
        curve = precision_recall_curve(table)
        assert curve["recall"].is_monotonic_increasing


def test_threshold_table_refuses_inconsistent_input():
    with pytest.raises(ValueError, match="3 scores but 2 match flags"):
        threshold_table([1.0, 2.0, 3.0], [True, False])
    with pytest.raises(ValueError, match="total_matches is 1 but 2"):
        threshold_table([1.0, 2.0], [True, True], total_matches=1)


def test_true_pairs_are_counted_from_cluster_sizes_without_enumerating():
    # One entity of 200,000 records: 19,999,900,000 pairs, counted, not listed.
    entity = np.zeros(200_000, dtype=np.int64)
    assert true_pair_count(entity) == 200_000 * 199_999 // 2
    entity = np.array([0, 0, 0, 1, 1, 2, -1, -1])
    source = np.array([0, 1, 1, 0, 1, 0, 0, 1])
    brute = sum(1 for a, b in itertools.combinations(range(8), 2)
                if entity[a] >= 0 and entity[a] == entity[b] and source[a] != source[b])
    assert true_pair_count(entity, source, link_only=True) == brute == 3


def test_bcubed_by_hand():
    s = bcubed_scores(pd.Series([1, 1, 1, 2]), pd.Series(["a", "a", "b", "b"]))
    # Records 1, 2: precision 2/3, recall 1; record 3: 1/3, 1/2; record 4: 1, 1/2.
    assert s["precision"] == pytest.approx((2 / 3 * 2 + 1 / 3 + 1) / 4)
    assert s["recall"] == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)


# -- blocking analysis ------------------------------------------------------------------

NAMES = pd.DataFrame({
    "id": [str(i) for i in range(12)],
    "first_name": ["Anna", "anna", "Jan", "Jan", "Piotr", "Ewa", "Anna", "Jan", "Zbigniew",
                   "Ewa", "Piotr", "Anna"],
    "surname": ["Nowak", "NOWAK", "Nowak", "Kowalski", "Kowalski", "Wójcik", "Wójcik", "Kowalski",
                "Nowak", None, "Nowak", "Kowalski"],
    "dob": ["1984-03-07", "1984-03-07", "1990-01-01", "1990-01-01", "1975-05-05", "1984-03-07",
            "1984-03-07", "1990-01-01", None, "1984-03-07", "1975-05-05", "1975-05-05"],
    "city": ["Gdańsk", "Gdańsk", "Kraków", "Kraków", "Kraków", "Gdańsk", "Łódź", "Kraków",
             "Łódź", "Gdańsk", "Kraków", "Łódź"],
})
RULES = ["surname", "dob", "first_name & city"]


def brute_force_keys(frame, rule):
    parts = [p.strip() for p in rule.split("&")]
    keys = []
    for _, row in frame.iterrows():
        values = [row[p] for p in parts]
        keys.append(None if any(v is None for v in values) else tuple(str(v).casefold() for v in values))
    return keys


def test_blocking_analysis_equals_brute_force():
    settings = {"id_column": "id", "blocking_rules": RULES,
                "columns": [{"name": c} for c in ("first_name", "surname", "dob", "city")],
                "comparisons": [{"column": "first_name", "levels": [
                    {"type": "null"}, {"type": "exact"}, {"type": "else"}]}]}
    linker = sameas.Linker({"names": NAMES}, settings)
    person = np.array([0, 0, 1, 2, 3, 4, 4, 2, 5, 4, 3, 6])
    analysis = linker.blocking_analysis(truth=person, largest_blocks=2)
    seen, seen_true = set(), 0
    for i, rule in enumerate(RULES):
        keys = brute_force_keys(NAMES, rule)
        pairs = {(a, b) for a, b in itertools.combinations(range(len(NAMES)), 2)
                 if keys[a] is not None and keys[a] == keys[b]}
        new = pairs - seen
        seen |= pairs
        seen_true += sum(person[a] == person[b] for a, b in new)
        row = analysis.rules.iloc[i]
        assert (row["pairs"], row["new_pairs"], row["cumulative_pairs"]) == (len(pairs), len(new), len(seen)), rule
        assert row["cumulative_true_pairs"] == seen_true, rule
        sizes = pd.Series([k for k in keys if k is not None]).value_counts()
        expected = sorted((int(s * (s - 1) // 2) for s in sizes if s > 1), reverse=True)[:2]
        assert analysis.largest_blocks[analysis.largest_blocks.rule == rule]["pairs"].tolist() == expected
    assert analysis.true_pairs == true_pair_count(person)
    top = analysis.largest_blocks.iloc[0]
    assert (top["rule"], top["key"], top["records"]) == ("surname", "surname = 'nowak'", 5)
    # The generated pairs are exactly the counted ones, credited to the same rules.
    generated = linker.train().predict()
    assert len(generated) == analysis.total_pairs
    assert generated.blocking_rule.value_counts().reindex(RULES).tolist() == analysis.rules["new_pairs"].tolist()


def test_blocking_analysis_counts_the_window_of_oversized_blocks():
    # Generated customers whose blocks on broad rules (a first name, a city with a family
    # name's initial) hold dozens of records: with a cap of 20 records, those are paired by a
    # window of 3, and the analysis counts that.
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "generate_customers.py"
    spec = importlib.util.spec_from_file_location("generate_customers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table, truth = module.generate(4_000, 11)
    customers = table.to_pandas()
    settings = dict(sameas.Linker({"customers": customers}).settings)
    settings.update(max_block_size=20, block_window=3,
                    blocking_rules=["email", "first_name", "city & prefix(last_name, 1)", "postcode"])
    linker = sameas.Linker({"customers": customers}, settings).train()
    person = truth.column("person_id").to_numpy()  # in the table's row order
    analysis = linker.blocking_analysis(truth=person)
    assert (analysis.rules["oversized_blocks"] > 0).sum() >= 2
    assert (analysis.rules["pairs"] < analysis.rules["pairs_agreeing"]).any()
    generated = linker.predict()
    assert len(generated) == analysis.total_pairs
    rules = analysis.rules["rule"].tolist()
    assert (generated.blocking_rule.value_counts().reindex(rules, fill_value=0).tolist()
            == analysis.rules["new_pairs"].tolist())
    # Recall counted before generating equals that of the generated pairs.
    assert analysis.blocking_recall == linker.evaluate(truth=person).blocking_recall


def test_counted_blocking_recall_equals_the_generated_one_on_febrl3(shared_data):
    frame = pd.read_csv(shared_data / "febrl" / "dataset3.csv", dtype=str, skipinitialspace=True)
    frame.columns = [c.strip() for c in frame.columns]
    frame["person"] = frame["rec_id"].str.extract(r"rec-(\d+)-", expand=False)
    linker = sameas.Linker({"febrl3": frame}, id_column="rec_id").train()
    analysis = linker.blocking_analysis(truth="person")
    result = linker.evaluate(truth="person")
    assert analysis.true_pairs == result.true_pairs == 6538
    assert analysis.blocking_recall == result.blocking_recall
    assert int(analysis.rules["cumulative_true_pairs"].iloc[-1]) == result.true_pairs_blocked
    assert analysis.total_pairs == result.pairs_evaluated
    # Recall never exceeds what blocking allows; the best threshold is a real one.
    assert result.thresholds["recall"].max() <= result.blocking_recall
    assert result.best["f1"] > 0.99
    assert result.cluster_bcubed["f1"] > 0.99


# -- labels with errors that say where --------------------------------------------------

def test_label_file_errors_name_file_row_column_and_value(tmp_path):
    linker = sameas.Linker({"people": PEOPLE}, SETTINGS)
    bad_flag = tmp_path / "flags.csv"
    bad_flag.write_text("record_id_l,record_id_r,match\n1,2,1\n1,3,perhaps\n")
    with pytest.raises(ValueError) as error:
        linker.train_from_labels(bad_flag)
    assert str(error.value) == (f"{bad_flag} row 2 (line 3): column 'match': 'perhaps' is not a "
                                "match flag (1, 0, true, false, yes, no)")
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("unique_id_l,unique_id_r,clerical_match_score\n1,2,1.0\n4,5,0.9\n4,99,0.0\n")
    with pytest.raises(KeyError) as error:
        linker.evaluate(labels=unknown)
    assert error.value.args[0] == f"{unknown} row 3 (line 4): column 'unique_id_r': no record has id '99'"
    score = tmp_path / "score.csv"
    score.write_text("unique_id_l,unique_id_r,clerical_match_score\n1,2,1.7\n")
    with pytest.raises(ValueError, match=r"score.csv row 1 \(line 2\): column 'clerical_match_score': '1.7'"):
        linker.train_from_labels(score)
