"""Charts hold the numbers they claim (bar lengths are the model's m, u and weights, the
waterfall ends at the explanation's match weight, the curves are the threshold table), and
their labels do not overlap when drawn."""

import math

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

import sameas
from sameas import charts

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def run():
    tables = sameas.datasets.load_sample()
    truth = tables["truth"]
    crm = tables["crm"].merge(truth[truth.source == "crm"][["record_id", "person_id"]],
                              left_on="customer_id", right_on="record_id").drop(columns="record_id")
    social = tables["social"].merge(truth[truth.source == "social"][["record_id", "person_id"]],
                                    left_on="account_id", right_on="record_id").drop(columns="record_id")
    linker = sameas.Linker({"crm": crm, "social": social}).train()
    pairs = linker.predict()
    return {
        "linker": linker, "pairs": pairs,
        "evaluation": linker.evaluate(truth="person_id", predictions=pairs),
        "analysis": linker.blocking_analysis(truth="person_id"),
        "clusters": linker.cluster(pairs),
    }


def bars(ax):
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def assert_no_overlapping_labels(fig: Figure):
    """Tick labels of each axis, and the texts of each axes, do not overlap once drawn."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            boxes = [t.get_window_extent(renderer) for t in axis.get_ticklabels()
                     if t.get_visible() and t.get_text()]
            for i in range(len(boxes)):
                for j in range(i + 1, len(boxes)):
                    assert not boxes[i].overlaps(boxes[j]), (
                        f"{ax.get_title()!r}: tick labels {axis.get_ticklabels()[i].get_text()!r} "
                        f"and {axis.get_ticklabels()[j].get_text()!r} overlap")
        texts = [t for t in ax.texts if t.get_visible() and t.get_text()]
        boxes = [t.get_window_extent(renderer) for t in texts]
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                assert not boxes[i].overlaps(boxes[j]), (
                    f"{ax.get_title()!r}: {texts[i].get_text()!r} and {texts[j].get_text()!r} overlap")


def test_m_u_chart_bars_are_the_model(run):
    fig = charts.m_u_chart(run["linker"])
    assert isinstance(fig, Figure)
    m_ax, u_ax, w_ax = fig.axes
    levels = [(c["name"], lvl) for c in run["linker"].model["comparisons"] for lvl in c["levels"]
              if lvl["label"] != "null"]
    assert [b.get_width() for b in bars(m_ax)] == pytest.approx([lvl["m"] for _, lvl in levels])
    assert [b.get_width() for b in bars(u_ax)] == pytest.approx([lvl["u"] for _, lvl in levels])
    assert [b.get_width() for b in bars(w_ax)] == pytest.approx(
        [math.log2(lvl["m"] / lvl["u"]) for _, lvl in levels])
    assert u_ax.get_xscale() == "log"
    labels = [t.get_text() for t in m_ax.get_yticklabels()]
    assert labels[0] == f"{levels[0][0]}: {levels[0][1]['label']}"
    assert_no_overlapping_labels(fig)


def test_weight_distribution_counts_every_pair_and_marks_the_threshold(run):
    pairs = run["pairs"]
    fig = charts.weight_distribution(pairs, threshold=0.9)
    ax = fig.axes[0]
    assert sum(b.get_height() for b in bars(ax)) == len(pairs)
    threshold_lines = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert threshold_lines[0].get_xdata()[0] == pytest.approx(math.log2(9))
    links = int((pairs.match_probability >= 0.9).sum())
    assert any(f"{links:,} links" in t.get_text() for t in ax.texts)
    assert_no_overlapping_labels(fig)


def test_waterfall_is_the_explanation_and_ends_at_its_weight(run):
    pairs = run["pairs"]
    top = pairs.sort_values("match_weight").iloc[len(pairs) // 2]
    e = run["linker"].explain(top.record_id_l, top.record_id_r, top.source_l, top.source_r)
    fig = charts.waterfall(e)
    ax = fig.axes[0]
    rects = bars(ax)
    assert len(rects) == len(e) + 1
    widths = [r.get_width() for r in rects[:-1]]
    assert widths == list(e["weight"])  # the explanation's own numbers, not recomputed
    # Each term starts where the previous ended; the last ends at the match weight.
    ends = np.cumsum(widths)
    for r, end in zip(rects[:-1], ends):
        assert r.get_x() + r.get_width() == pytest.approx(end)
    assert ends[-1] == pytest.approx(e.match_weight, abs=1e-9)
    assert rects[-1].get_width() == e.match_weight
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "prior" and labels[-1] == "match weight"
    assert_no_overlapping_labels(fig)


def test_precision_recall_curve_is_the_threshold_table(run):
    evaluation = run["evaluation"]
    fig = charts.precision_recall(evaluation)
    ax = fig.axes[0]
    curve = ax.lines[0]
    table = evaluation.thresholds
    assert list(curve.get_xdata()) == list(table["recall"][::-1])
    assert list(curve.get_ydata()) == list(table["precision"][::-1])
    best = ax.lines[1]
    assert (best.get_xdata()[0], best.get_ydata()[0]) == (evaluation.best["recall"], evaluation.best["precision"])
    assert any("best F1" in t.get_text() for t in ax.get_legend().get_texts())
    assert_no_overlapping_labels(fig)


def test_threshold_scores_mark_the_best_threshold(run):
    evaluation = run["evaluation"]
    fig = charts.threshold_scores(evaluation)
    ax = fig.axes[0]
    f1 = next(line for line in ax.lines if line.get_label() == "F1")
    assert list(f1.get_ydata()) == list(evaluation.thresholds["f1"])
    best = next(line for line in ax.lines if line.get_label().startswith("best F1"))
    assert best.get_xdata()[0] == evaluation.best["match_weight"]
    assert_no_overlapping_labels(fig)


def test_blocking_counts_are_the_analysis(run):
    analysis = run["analysis"]
    fig = charts.blocking_counts(analysis)
    per_rule, cumulative = fig.axes[:2]
    n = len(analysis.rules)
    rects = bars(per_rule)
    # Bars start at 1 on the log axis.
    assert [r.get_x() + r.get_width() for r in rects[:n]] == pytest.approx(
        np.maximum(analysis.rules["pairs"], 1).tolist())
    assert [r.get_x() + r.get_width() for r in rects[n:2 * n]] == pytest.approx(
        np.maximum(analysis.rules["new_pairs"], 1).tolist())
    assert [r.get_width() for r in bars(cumulative)] == analysis.rules["cumulative_pairs"].tolist()
    assert any("recall" in t.get_text() for t in cumulative.texts)
    assert_no_overlapping_labels(fig)


def test_cluster_sizes_count_every_entity(run):
    clusters = run["clusters"]
    fig = charts.cluster_sizes(clusters)
    ax = fig.axes[0]
    sizes = clusters.groupby("cluster_id").size()
    heights = [b.get_height() for b in bars(ax)]
    assert sum(heights) == len(sizes)
    assert heights[0] == (sizes == 1).sum()
    assert_no_overlapping_labels(fig)


def test_cluster_sizes_bin_large_entities():
    import pandas as pd

    sizes = [1] * 50 + [2] * 10 + [30, 31, 200]
    clusters = pd.DataFrame({"cluster_id": np.repeat(np.arange(len(sizes)), sizes)})
    fig = charts.cluster_sizes(clusters)
    ax = fig.axes[0]
    assert sum(b.get_height() for b in bars(ax)) == len(sizes)
    assert any("–" in t.get_text() for t in ax.get_xticklabels())
    assert_no_overlapping_labels(fig)


def test_febrl3_charts_stay_legible(shared_data):
    # Counts from 856 to 39,778 pairs per rule, weights from -45 to +72 bits, precision and
    # recall both near 1: the ranges that crowd labels.
    import pandas as pd

    frame = pd.read_csv(shared_data / "febrl" / "dataset3.csv", dtype=str, skipinitialspace=True)
    frame.columns = [c.strip() for c in frame.columns]
    frame["person"] = frame["rec_id"].str.extract(r"rec-(\d+)-", expand=False)
    linker = sameas.Linker({"febrl3": frame}, id_column="rec_id").train()
    pairs = linker.predict()
    evaluation = linker.evaluate(truth="person", predictions=pairs)
    pr = charts.precision_recall(evaluation)
    # Zoomed to the corner: the best point is inside, away from the lower-left.
    low = pr.axes[0].get_xlim()[0]
    assert 0.9 < low < evaluation.best["recall"]
    for fig in (charts.m_u_chart(linker), charts.weight_distribution(pairs, 0.9), pr,
                charts.threshold_scores(evaluation),
                charts.blocking_counts(linker.blocking_analysis(truth="person")),
                charts.cluster_sizes(linker.cluster(pairs))):
        assert_no_overlapping_labels(fig)


def test_a_million_thresholds_draw_a_thin_curve_through_the_best_point():
    from sameas.evaluation import best_threshold, threshold_table

    random = np.random.default_rng(3)
    scores = random.normal(0, 10, 1_000_000)
    is_match = random.random(1_000_000) < 1 / (1 + 2.0 ** -scores)
    table = threshold_table(scores, is_match)
    assert len(table) > 900_000
    best = best_threshold(table)
    for fig, line in ((charts.precision_recall(table), 0), (charts.threshold_scores(table), 2)):
        drawn = fig.axes[0].lines[line]
        assert len(drawn.get_xdata()) <= charts.MAX_POINTS + 1
    f1 = next(line for line in charts.threshold_scores(table).axes[0].lines if line.get_label() == "F1")
    assert best["f1"] in list(f1.get_ydata())
